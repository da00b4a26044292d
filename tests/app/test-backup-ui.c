/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup-ui.c: backing up from the window, restoring from the set-up page
 *
 * Copyright 2026 The Harbor authors
 *
 * Drives the real window and dialogs in-process, with vaults in temporary
 * folders and cheap key derivation. The file chooser is bypassed: the
 * backup dialog takes the file through harbor_backup_dialog_save_to() and
 * the restore dialog is opened with harbor_window_open_restore(), which is
 * what the choosers' responses call.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "harbor-backup-dialog.h"
#include "harbor-backup.h"
#include "harbor-clients-view.h"
#include "harbor-keyfile.h"
#include "harbor-restore-dialog.h"
#include "harbor-vault-error.h"
#include "harbor-test-utils.h"

#define BACKUP_PASSPHRASE "orchid tugboat granite whistle"
#define NEW_PASSPHRASE    "saffron kettle glacier parade"

#define N_CLIENTS 1500

static HarborApplication *test_app;

typedef struct
{
  char          *root;         /* holds the session's vault folder and nothing else */
  char          *dir;          /* the session's vault folder */
  char          *aux;          /* backups and source vaults */
  HarborSession *session;
  HarborWindow  *window;
} Fixture;

/* ---- Helpers -------------------------------------------------------------- */

static void
count_cb (guint *count)
{
  (*count)++;
}

static gboolean
settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

/* A screenshot of @dialog once its pages have stopped fading. */
static char *
screenshot_dialog (GtkWidget  *dialog,
                   const char *name)
{
  GtkWidget *stack = harbor_test_find_widget (dialog, GTK_TYPE_STACK);
  char *path;

  g_assert_true (harbor_test_wait (settled, stack, 10000));
  path = harbor_test_screenshot (dialog, name);
  g_test_message ("screenshot: %s", path);
  return path;
}

static gboolean
not_busy (gpointer data)
{
  return !harbor_session_get_busy (data);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      /* Say what is there, so that a failure names what was left behind. */
      g_test_message ("%s holds %s", dir, name);
      n++;
    }
  return n;
}

static void
add_clients (HarborVault *vault,
             guint        n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harbor_vault_begin (vault, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
      g_autofree char *id = NULL;

      client->display_name = g_strdup_printf ("Seeded Client %04u", i);
      id = harbor_vault_add_client (vault, client, &error);
      g_assert_no_error (error);
    }
  g_assert_true (harbor_vault_commit (vault, &error));
  g_assert_no_error (error);
}

/* Checks that the vault in @dir opens with @passphrase and holds the n
 * seeded clients. */
static void
assert_vault_has_clients (const char *dir,
                          const char *passphrase,
                          guint       n)
{
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (harbor_vault_unlock (vault, passphrase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harbor_vault_count_clients (vault, &error), ==, n);
  clients = harbor_vault_list_clients (vault, 0, n, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    {
      HarborVaultClient *client = g_ptr_array_index (clients, i);

      g_hash_table_add (names, g_strdup (client->display_name));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Seeded Client %04u", i);

      g_assert_true (g_hash_table_contains (names, name));
    }
  harbor_vault_lock (vault);
}

/* A backup of a vault of @n seeded clients, written with the core API. */
static char *
make_backup (Fixture *f,
             guint    n)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *source = g_build_filename (f->aux, "source", NULL);
  g_autoptr(HarborVault) vault = harbor_test_create_vault (source, HARBOR_TEST_PASSPHRASE);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->aux, "made-by-core.hbk", NULL);

  add_clients (vault, n);
  g_assert_true (harbor_backup_write (vault, path, BACKUP_PASSPHRASE, &params, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  harbor_vault_lock (vault);
  return path;
}

/* ---- Fixture ----------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->root = harbor_test_make_tmpdir ("backup-ui");
  f->aux = harbor_test_make_tmpdir ("backup-aux");
  f->dir = g_build_filename (f->root, "vault", NULL);
  f->session = harbor_test_session_new (test_app, f->dir);
}

static void
open_window (Fixture *f)
{
  f->window = harbor_window_new (test_app);
  gtk_window_present (GTK_WINDOW (f->window));
}

/* A vault with @n clients, open in the window. */
static void
set_up_vault (Fixture *f,
              guint    n)
{
  harbor_test_session_create (f->session, HARBOR_TEST_PASSPHRASE);
  add_clients (harbor_session_get_vault (f->session), n);
  open_window (f);
  harbor_test_wait_for_page (f->window, "clients", 30000);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  harbor_session_lock (f->session);
  g_assert_true (harbor_test_wait (not_busy, f->session, 30000));
  g_clear_object (&f->session);
  harbor_test_remove_tree (f->root);
  harbor_test_remove_tree (f->aux);
  g_free (f->root);
  g_free (f->aux);
  g_free (f->dir);
}

/* ---- Backing up -------------------------------------------------------------- */

typedef struct
{
  double max_fraction;
  guint  updates;
} Progress;

static void
fraction_changed_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     Progress       *progress)
{
  progress->updates++;
  progress->max_fraction = MAX (progress->max_fraction, gtk_progress_bar_get_fraction (bar));
}

/* Opens the dialog through win.backup and types the passphrase in. */
static HarborBackupDialog *
open_backup_dialog (Fixture  *f,
                    Progress *progress)
{
  g_autofree char *never_path = g_build_filename (f->aux, "never.hbk", NULL);
  g_autoptr(GFile) never = g_file_new_for_path (never_path);
  GtkWidget *dialog;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "backup"));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "backup", NULL);
  dialog = GTK_WIDGET (harbor_test_find_toplevel (HARBOR_TYPE_BACKUP_DIALOG));
  g_assert_nonnull (dialog);

  /* Too weak, then not the same twice: no saving yet. */
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase", "harbor");
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase Again", "harbor");
  g_assert_false (harbor_backup_dialog_save_to (HARBOR_BACKUP_DIALOG (dialog), never));
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase", BACKUP_PASSPHRASE);
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase Again", BACKUP_PASSPHRASE "x");
  g_assert_false (harbor_backup_dialog_save_to (HARBOR_BACKUP_DIALOG (dialog), never));
  g_assert_false (harbor_session_get_busy (f->session));
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase Again", BACKUP_PASSPHRASE);

  g_signal_connect (harbor_test_find_widget (dialog, GTK_TYPE_PROGRESS_BAR), "notify::fraction",
                    G_CALLBACK (fraction_changed_cb), progress);
  return HARBOR_BACKUP_DIALOG (dialog);
}

static void
test_backup_then_restore (Fixture       *f,
                          gconstpointer  data)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *path = g_build_filename (f->aux, "saved.hbk", NULL);
  g_autofree char *restored = g_build_filename (f->aux, "restored", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Progress progress = { 0 };
  HarborBackupDialog *dialog;
  GPtrArray *toasts;
  gint64 start, elapsed;

  set_up_vault (f, N_CLIENTS);
  dialog = open_backup_dialog (f, &progress);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* The suggested name names no one. */
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 3, 7, 12, 0, 0);

    name = harbor_backup_dialog_suggest_name (day);
    g_assert_cmpstr (name, ==, "harbor-backup-2026-03-07.hbk");
  }

  start = g_get_monotonic_time ();
  g_assert_true (harbor_backup_dialog_save_to (dialog, file));
  g_assert_true (harbor_backup_dialog_get_running (dialog));
  g_assert_true (harbor_session_get_busy (f->session));
  /* Nothing may change the vault during the snapshot. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "backup"));
  g_assert_false (gtk_widget_get_sensitive (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW)));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (harbor_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_STACK))),
                   ==, "progress");

  g_assert_true (harbor_test_wait (harbor_test_is_null, &dialog, 60000));
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("backup of %u clients: %" G_GINT64_FORMAT " ms, %u progress updates",
                  N_CLIENTS, elapsed / 1000, progress.updates);

  /* The bar reached the end, in few throttled steps. */
  g_assert_cmpfloat (progress.max_fraction, ==, 1.0);
  g_assert_cmpuint (progress.updates, <, N_CLIENTS / 10);
  g_assert_cmpuint (progress.updates, <=, elapsed / (G_USEC_PER_SEC / 20) + 4);

  toasts = harbor_window_get_toasts (f->window);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, 0)), ==, "Backup saved");
  g_assert_false (harbor_session_get_busy (f->session));
  g_assert_true (gtk_widget_get_sensitive (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW)));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "backup"));

  /* The file restores with the core API and has every client. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  recovery = harbor_backup_restore (path, BACKUP_PASSPHRASE, restored, NEW_PASSPHRASE, &params,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  assert_vault_has_clients (restored, NEW_PASSPHRASE, N_CLIENTS);

  /* And not with the vault's passphrase. */
  {
    g_autofree char *other = g_build_filename (f->aux, "other", NULL);
    g_autoptr(HarborSecret) none = harbor_backup_restore (path, HARBOR_TEST_PASSPHRASE, other, NEW_PASSPHRASE,
                                                          &params, NULL, NULL, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

/* The dialog at work, for the eye. Dear key derivation (seconds) keeps it
 * at work while the screenshot is taken; cancelling then stops the backup
 * before its first client, and leaves no file either. */
static void
test_backup_screenshot (Fixture       *f,
                        gconstpointer  data)
{
  HarborKdfParams slow = { .opslimit = 40, .memlimit = 64 << 20, .insecure_for_tests = TRUE };
  g_autofree char *path = g_build_filename (f->aux, "screenshot.hbk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *shot = NULL;
  Progress progress = { 0 };
  HarborBackupDialog *dialog;

  set_up_vault (f, 10);
  dialog = open_backup_dialog (f, &progress);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  harbor_session_set_kdf_params (f->session, &slow);

  g_assert_true (harbor_backup_dialog_save_to (dialog, file));
  shot = screenshot_dialog (GTK_WIDGET (dialog), "backup-progress");
  g_assert_nonnull (dialog);
  g_assert_true (harbor_backup_dialog_get_running (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backup.cancel", NULL));
  g_assert_true (harbor_test_wait (harbor_test_is_null, &dialog, 60000));
  g_assert_false (harbor_session_get_busy (f->session));
  g_assert_cmpuint (count_entries (f->aux), ==, 0);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
}

static void
test_backup_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->aux, "cancelled.hbk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Progress progress = { 0 };
  HarborBackupDialog *dialog;

  set_up_vault (f, N_CLIENTS);
  dialog = open_backup_dialog (f, &progress);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Cancel while it runs (the worker has the file open by the time it
   * looks at the cancellable, after each client): the dialog closes once
   * the worker has stopped. */
  g_assert_true (harbor_backup_dialog_save_to (dialog, file));
  g_assert_true (harbor_backup_dialog_get_running (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "backup.cancel", NULL));
  g_assert_true (harbor_test_wait (harbor_test_is_null, &dialog, 30000));
  g_assert_true (harbor_test_wait (not_busy, f->session, 30000));

  /* No file, and no temporary file either; the vault is still open. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->aux), ==, 0);
  g_assert_cmpuint (harbor_window_get_toasts (f->window)->len, ==, 0);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
  g_assert_nonnull (harbor_session_get_vault (f->session));
  g_assert_cmpint (harbor_vault_count_clients (harbor_session_get_vault (f->session), NULL), ==, N_CLIENTS);
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "clients");
}

static void
test_backup_lock (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->aux, "locked.hbk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  g_autoptr(HarborVault) vault = NULL;
  HarborBackupDialog *dialog;

  set_up_vault (f, N_CLIENTS);
  vault = g_object_ref (harbor_session_get_vault (f->session));
  dialog = open_backup_dialog (f, &progress);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  g_assert_true (harbor_backup_dialog_save_to (dialog, file));
  g_assert_true (harbor_session_get_busy (f->session));

  /* Lock (Ctrl+L) while it runs: locked at once, the dialog is gone. */
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "lock", NULL);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_BACKUP_DIALOG));
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "unlock");
  g_assert_null (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));

  /* The worker stops, leaves no file, and the vault closes. */
  g_assert_true (harbor_test_wait (not_busy, f->session, 30000));
  g_assert_true (harbor_test_wait (harbor_test_is_null, &dialog, 30000));
  g_assert_cmpuint (count_entries (f->aux), ==, 0);
  g_assert_false (harbor_vault_is_unlocked (vault));
  g_assert_null (harbor_session_get_vault (f->session));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "backup"));

  /* It opens again as usual. */
  harbor_session_unlock_async (f->session, HARBOR_TEST_PASSPHRASE, FALSE, NULL, harbor_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (harbor_session_unlock_finish (f->session, result, &error));
  g_assert_no_error (error);
  harbor_test_wait_for_page (f->window, "clients", 30000);
}

/* ---- Restoring ----------------------------------------------------------------- */

static gboolean
restore_stopped (gpointer data)
{
  return !harbor_restore_dialog_get_running (data);
}

static void
fill_restore_dialog (GtkWidget  *dialog,
                     const char *backup_passphrase)
{
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase", backup_passphrase);
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "New Vault Passphrase", NEW_PASSPHRASE);
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "New Vault Passphrase Again", NEW_PASSPHRASE);
}

static void
test_restore_from_setup (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *backup = make_backup (f, 40);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autofree char *shot = NULL;
  GtkWidget *setup, *dialog, *page, *restore_button;
  HarborClientsView *view;
  Progress progress = { 0 };
  guint restore_requests = 0;

  /* A new computer: the vault folder is there but empty. */
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  open_window (f);
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "setup");
  setup = harbor_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborSetupPage"));
  restore_button = harbor_test_find_button (setup, "_Restore From a Backup…");
  g_assert_nonnull (restore_button);
  g_assert_true (gtk_widget_is_drawable (restore_button));
  g_assert_true (gtk_widget_is_sensitive (restore_button));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "backup"));

  dialog = GTK_WIDGET (harbor_window_open_restore (f->window, file));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Restore waits for both passphrases. */
  g_assert_false (gtk_widget_activate_action (dialog, "restore.restore", NULL) &&
                  harbor_session_get_busy (f->session));
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase", BACKUP_PASSPHRASE);
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "New Vault Passphrase", "weak");
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "New Vault Passphrase Again", "weak");
  gtk_widget_activate_action (dialog, "restore.restore", NULL);
  g_assert_false (harbor_session_get_busy (f->session));
  fill_restore_dialog (dialog, BACKUP_PASSPHRASE);
  shot = screenshot_dialog (dialog, "restore-dialog");

  g_signal_connect_swapped (setup, "restore", G_CALLBACK (count_cb), &restore_requests);
  g_assert_true (gtk_widget_activate_action (dialog, "restore.restore", NULL));
  g_assert_true (harbor_session_get_busy (f->session));
  g_assert_true (harbor_restore_dialog_get_running (HARBOR_RESTORE_DIALOG (dialog)));
  /* The set-up page does not start anything else meanwhile. */
  g_assert_false (gtk_widget_is_sensitive (restore_button));
  gtk_widget_activate_action (setup, "setup.restore", NULL);
  g_assert_cmpuint (restore_requests, ==, 0);
  g_signal_connect (harbor_test_find_widget (dialog, GTK_TYPE_PROGRESS_BAR), "notify::fraction",
                    G_CALLBACK (fraction_changed_cb), &progress);

  /* The recovery key of the new vault shows, as after creating one. */
  harbor_test_wait_for_page (f->window, "recovery", 30000);
  g_assert_null (dialog);
  g_assert_cmpfloat (progress.max_fraction, ==, 1.0);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
  page = harbor_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborRecoveryPage"));
  {
    GtkWidget *key = harbor_test_find_label_with_class (page, "harbor-recovery-key");
    g_autoptr(GError) error = NULL;

    g_assert_true (harbor_recovery_key_check (gtk_label_get_text (GTK_LABEL (key)), &error));
    g_assert_no_error (error);
  }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (harbor_test_find_widget (page, GTK_TYPE_CHECK_BUTTON)), TRUE);
  gtk_widget_activate_action (page, "recovery.continue", NULL);
  harbor_test_wait_for_page (f->window, "clients", 30000);

  /* Then the clients. */
  view = HARBOR_CLIENTS_VIEW (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 40);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "backup"));

  /* The new vault opens with the new passphrase; nothing else was made. */
  harbor_session_lock (f->session);
  assert_vault_has_clients (f->dir, NEW_PASSPHRASE, 40);
  g_assert_cmpuint (count_entries (f->root), ==, 1);
}

static void
test_restore_wrong_passphrase (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *backup = make_backup (f, 3);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GError) wrong = g_error_new_literal (HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE, "");
  g_autofree char *shot = NULL;
  GtkWidget *dialog, *error_label;

  open_window (f);
  dialog = GTK_WIDGET (harbor_window_open_restore (f->window, file));
  g_assert_nonnull (dialog);
  fill_restore_dialog (dialog, "not the backup passphrase");
  g_assert_true (gtk_widget_activate_action (dialog, "restore.restore", NULL));
  g_assert_true (harbor_test_wait (restore_stopped, dialog, 30000));
  g_assert_true (harbor_test_wait (not_busy, f->session, 30000));

  /* Its own message, in the dialog, which stays for another try. */
  error_label = harbor_test_find_label_with_class (dialog, "error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, harbor_session_describe_error (wrong));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (harbor_test_find_row (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase"))), ==, "");
  shot = screenshot_dialog (dialog, "restore-wrong-passphrase");

  /* Nothing was left behind: no vault folder, no temporary folder. */
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->root), ==, 0);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "setup");

  /* The right one works. */
  harbor_test_type_into (dialog, ADW_TYPE_PREFERENCES_ROW, "Backup Passphrase", BACKUP_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (dialog, "restore.restore", NULL));
  harbor_test_wait_for_page (f->window, "recovery", 30000);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
}

static void
test_restore_cancel (Fixture       *f,
                     gconstpointer  data)
{
  /* Dearer key derivation for the new vault: the restore is still
   * creating it when Cancel comes, and stops at its first read after. */
  HarborKdfParams slow = { .opslimit = 10, .memlimit = 64 << 20, .insecure_for_tests = TRUE };
  g_autofree char *backup = make_backup (f, 5);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  GtkWidget *dialog;

  harbor_session_set_kdf_params (f->session, &slow);
  open_window (f);
  dialog = GTK_WIDGET (harbor_window_open_restore (f->window, file));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  fill_restore_dialog (dialog, BACKUP_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (dialog, "restore.restore", NULL));
  g_assert_true (harbor_session_get_busy (f->session));

  g_assert_true (gtk_widget_activate_action (dialog, "restore.cancel", NULL));
  g_assert_true (harbor_test_wait (harbor_test_is_null, &dialog, 60000));
  g_assert_false (harbor_session_get_busy (f->session));

  /* Nothing was left behind, and the set-up page is still there. */
  g_assert_cmpuint (count_entries (f->root), ==, 0);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "setup");
}

/* A cut or foreign file: each has its own message, and nothing is left. */
static void
test_restore_bad_files (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *backup = make_backup (f, 20);
  g_autofree char *contents = NULL;
  gsize length;
  struct {
    const char *name;
    gsize       keep;        /* bytes of the backup to keep, or 0 */
    const char *text;        /* else this */
    int         code;
  } cases[] = {
    { "cut.hbk", 0, NULL, HARBOR_BACKUP_ERROR_TRUNCATED },
    { "foreign.hbk", 0, "not a backup at all, just some words", HARBOR_BACKUP_ERROR_NOT_A_BACKUP },
  };

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  cases[0].keep = length - 40;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->aux, cases[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(HarborSecret) recovery = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) expected = g_error_new_literal (HARBOR_BACKUP_ERROR, cases[i].code, "");

      if (cases[i].text != NULL)
        g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      else
        g_assert_true (g_file_set_contents (path, contents, cases[i].keep, NULL));

      harbor_session_restore_async (f->session, file, BACKUP_PASSPHRASE, NEW_PASSPHRASE, NULL, NULL,
                                    NULL, harbor_test_store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      recovery = harbor_session_restore_finish (f->session, result, &error);
      g_assert_null (recovery);
      g_assert_error (error, HARBOR_BACKUP_ERROR, cases[i].code);
      g_assert_cmpstr (harbor_session_describe_error (error), ==, harbor_session_describe_error (expected));
      g_assert_false (harbor_session_get_busy (f->session));
      g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);
      g_assert_cmpuint (count_entries (f->root), ==, 0);
    }
}

static void
test_restore_not_over_vault (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *backup = make_backup (f, 2);
  g_autoptr(GFile) file = g_file_new_for_path (backup);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;
  guint before;

  set_up_vault (f, 5);
  before = count_entries (f->dir);

  /* No set-up page, so no Restore button; and no way around it. */
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "clients");
  g_assert_null (harbor_window_open_restore (f->window, file));
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_RESTORE_DIALOG));
  harbor_session_lock (f->session);
  g_assert_null (harbor_window_open_restore (f->window, file));

  harbor_session_restore_async (f->session, file, BACKUP_PASSPHRASE, NEW_PASSPHRASE, NULL, NULL,
                                NULL, harbor_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  recovery = harbor_session_restore_finish (f->session, result, &error);
  g_assert_null (recovery);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_EXISTS);
  g_assert_false (harbor_session_get_busy (f->session));

  /* The vault is untouched and opens with its own passphrase. */
  g_assert_cmpuint (count_entries (f->dir), ==, before);
  assert_vault_has_clients (f->dir, HARBOR_TEST_PASSPHRASE, 5);
}

static void
test_error_messages (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) unknown = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED, "internal");
  const char *fallback = harbor_session_describe_error (unknown);
  static const HarborBackupError codes[] = {
    HARBOR_BACKUP_ERROR_NOT_A_BACKUP, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION,
    HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE, HARBOR_BACKUP_ERROR_TRUNCATED,
    HARBOR_BACKUP_ERROR_DAMAGED, HARBOR_BACKUP_ERROR_INVALID, HARBOR_BACKUP_ERROR_EXISTS,
    HARBOR_BACKUP_ERROR_IO,
  };

  /* Every way a backup can fail has its own words, and none is the
   * core's technical message or the vague fallback. */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (HARBOR_BACKUP_ERROR, codes[i], "internal");
      const char *message = harbor_session_describe_error (error);

      g_assert_cmpstr (message, !=, "internal");
      g_assert_cmpstr (message, !=, fallback);
      g_assert_false (g_hash_table_contains (seen, message));
      g_hash_table_add (seen, (gpointer) message);
    }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  test_app = harbor_test_application_new ();

  g_test_add ("/app/backup-ui/backup-then-restore", Fixture, NULL,
              fixture_set_up, test_backup_then_restore, fixture_tear_down);
  g_test_add ("/app/backup-ui/backup-screenshot", Fixture, NULL,
              fixture_set_up, test_backup_screenshot, fixture_tear_down);
  g_test_add ("/app/backup-ui/backup-cancel", Fixture, NULL,
              fixture_set_up, test_backup_cancel, fixture_tear_down);
  g_test_add ("/app/backup-ui/backup-lock", Fixture, NULL,
              fixture_set_up, test_backup_lock, fixture_tear_down);
  g_test_add ("/app/backup-ui/restore-from-setup", Fixture, NULL,
              fixture_set_up, test_restore_from_setup, fixture_tear_down);
  g_test_add ("/app/backup-ui/restore-wrong-passphrase", Fixture, NULL,
              fixture_set_up, test_restore_wrong_passphrase, fixture_tear_down);
  g_test_add ("/app/backup-ui/restore-cancel", Fixture, NULL,
              fixture_set_up, test_restore_cancel, fixture_tear_down);
  g_test_add ("/app/backup-ui/restore-bad-files", Fixture, NULL,
              fixture_set_up, test_restore_bad_files, fixture_tear_down);
  g_test_add ("/app/backup-ui/restore-not-over-vault", Fixture, NULL,
              fixture_set_up, test_restore_not_over_vault, fixture_tear_down);
  g_test_add_func ("/app/backup-ui/error-messages", test_error_messages);

  ret = g_test_run ();
  g_clear_object (&test_app);
  return ret;
}
