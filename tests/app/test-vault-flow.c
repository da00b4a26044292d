/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-vault-flow.c: create, keep the recovery key, add a client, lock, unlock
 *
 * Copyright 2026 The Harbor authors
 *
 * Drives the real window in-process, through its actions and widgets, with
 * a vault in a temporary folder and cheap key derivation.
 */

#include "config.h"

#include "harbor-application.h"
#include "harbor-client-editor.h"
#include "harbor-clients-view.h"
#include "harbor-client-list.h"
#include "harbor-keyfile.h"
#include "harbor-session.h"
#include "harbor-vault-error.h"
#include "harbor-window.h"
#include "harbor-test-utils.h"

static HarborApplication *test_app;

typedef struct
{
  char          *dir;
  HarborSession *session;
  HarborWindow  *window;
} Fixture;

static const char *
visible_page (Fixture *f)
{
  return harbor_window_get_page_name (f->window);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = harbor_test_make_tmpdir ("flow");
  f->session = harbor_test_session_new (test_app, f->dir);
  f->window = harbor_window_new (test_app);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harbor_test_session_end (GTK_WINDOW (f->window), &f->session, &f->dir);
}

static void
create_vault (Fixture *f)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  g_assert_cmpstr (visible_page (f), ==, "setup");

  /* Too weak: Create stays off. */
  harbor_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", "harbor");
  harbor_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase Again", "harbor");
  g_assert_false (gtk_widget_activate_action (harbor_test_find_widget (window, g_type_from_name ("HarborSetupPage")),
                                              "setup.create", NULL) &&
                  harbor_session_get_busy (f->session));
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);

  /* Strong but not the same twice: still off. */
  harbor_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", HARBOR_TEST_PASSPHRASE);
  harbor_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase Again", HARBOR_TEST_PASSPHRASE " ");
  gtk_widget_activate_action (harbor_test_find_widget (window, g_type_from_name ("HarborSetupPage")), "setup.create", NULL);
  g_assert_false (harbor_session_get_busy (f->session));
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);

  harbor_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase Again", HARBOR_TEST_PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (harbor_test_find_widget (window, g_type_from_name ("HarborSetupPage")),
                                             "setup.create", NULL));
  harbor_test_wait_for_page (f->window, "recovery", 20000);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
}

static void
keep_recovery_key (Fixture *f)
{
  GtkWidget *page = harbor_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborRecoveryPage"));
  GtkWidget *check = harbor_test_find_widget (page, GTK_TYPE_CHECK_BUTTON);
  GtkWidget *key = harbor_test_find_label_with_class (page, "harbor-recovery-key");
  g_autoptr(GError) error = NULL;

  /* The key is on screen, and a correct one: it passes its own check. */
  g_assert_nonnull (key);
  g_assert_true (harbor_recovery_key_check (gtk_label_get_text (GTK_LABEL (key)), &error));
  g_assert_no_error (error);

  /* Continue waits for the caseworker to say the key is kept. */
  gtk_widget_activate_action (page, "recovery.continue", NULL);
  g_assert_cmpstr (visible_page (f), ==, "recovery");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_activate_action (page, "recovery.continue", NULL);
  harbor_test_wait_for_page (f->window, "clients", 20000);

  /* Once kept, the key is gone from the window. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (key)), ==, "");
}

static void
test_create_add_lock_unlock (Fixture       *f,
                             gconstpointer  data)
{
  HarborClientsView *view;
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *unlock;

  create_vault (f);
  keep_recovery_key (f);

  view = HARBOR_CLIENTS_VIEW (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 0);

  client->display_name = g_strdup ("Quetzalli Example");
  client->aliases = g_strsplit ("Q,Lali", ",", -1);
  id = harbor_vault_add_client (harbor_session_get_vault (f->session), client, &error);
  g_assert_no_error (error);
  harbor_clients_view_set_query (view, "Lali");
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 1);

  /* Lock: the view with client data is gone, the lock screen shows. */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "lock", NULL);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  g_assert_cmpstr (visible_page (f), ==, "unlock");
  g_assert_null (view);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Harbor");

  /* A wrong passphrase is refused with its own message. */
  unlock = harbor_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborUnlockPage"));
  harbor_test_type_into (unlock, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", "not the passphrase");
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.unlock", NULL));
  g_assert_true (harbor_session_get_busy (f->session));
  while (harbor_session_get_busy (f->session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  g_assert_cmpuint (harbor_session_get_failed_attempts (f->session), ==, 1);

  harbor_test_type_into (unlock, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", HARBOR_TEST_PASSPHRASE);
  gtk_widget_activate_action (unlock, "unlock.unlock", NULL);
  harbor_test_wait_for_page (f->window, "clients", 20000);

  view = HARBOR_CLIENTS_VIEW (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 1);
}

static void
test_quick_exit (Fixture       *f,
                 gconstpointer  data)
{
  create_vault (f);
  keep_recovery_key (f);

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "quick-exit", NULL);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  g_assert_cmpstr (visible_page (f), ==, "unlock");
  g_assert_null (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
}

static gboolean
is_locked (gpointer data)
{
  return harbor_session_get_state (data) == HARBOR_SESSION_LOCKED;
}

static void
test_wrong_attempts_slow_down (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  create_vault (f);
  keep_recovery_key (f);
  harbor_session_lock (f->session);

  for (guint attempt = 1; attempt <= 3; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) attempt_error = NULL;

      g_assert_cmpuint (harbor_session_get_retry_delay (f->session), ==, 0);
      harbor_session_unlock_async (f->session, "wrong words entirely", FALSE, NULL,
                                   (GAsyncReadyCallback) harbor_test_store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (harbor_session_unlock_finish (f->session, result, &attempt_error));
      g_assert_error (attempt_error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
    }

  /* After the third wrong attempt, the next must wait. */
  g_assert_cmpuint (harbor_session_get_retry_delay (f->session), >, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;

    harbor_session_unlock_async (f->session, HARBOR_TEST_PASSPHRASE, FALSE, NULL,
                                 (GAsyncReadyCallback) harbor_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (harbor_session_unlock_finish (f->session, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  }
  g_assert_true (is_locked (f->session));
}

static void
test_add_with_undo (Fixture       *f,
                    gconstpointer  data)
{
  HarborClientsView *view;
  GtkWidget *editor;
  GPtrArray *toasts;
  GListModel *clients;

  create_vault (f);
  keep_recovery_key (f);
  view = HARBOR_CLIENTS_VIEW (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  clients = harbor_clients_view_get_model (view);

  /* Add a client through the editor, as a caseworker does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "clients.add", NULL));
  editor = GTK_WIDGET (harbor_test_wait_for_toplevel (HARBOR_TYPE_CLIENT_EDITOR));
  harbor_test_type_into (editor, ADW_TYPE_ENTRY_ROW, "Name the Client Uses", "Quetzalli Example");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  g_assert_nonnull (harbor_clients_view_get_page (view));

  /* The toast undoes it, and names no one. */
  toasts = harbor_window_get_toasts (f->window);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, 0)), ==, "Client added");
  g_signal_emit_by_name (g_ptr_array_index (toasts, 0), "button-clicked");
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 0);
  g_assert_null (harbor_clients_view_get_page (view));

  /* Add again, then lock: the undo toast goes with the client data. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "clients.add", NULL));
  editor = GTK_WIDGET (harbor_test_wait_for_toplevel (HARBOR_TYPE_CLIENT_EDITOR));
  harbor_test_type_into (editor, ADW_TYPE_ENTRY_ROW, "Name the Client Uses", "Another Example");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_cmpuint (harbor_window_get_toasts (f->window)->len, >=, 1);
  harbor_session_lock (f->session);
  g_assert_cmpuint (harbor_window_get_toasts (f->window)->len, ==, 0);
}

static void
test_recovery_key_unlock (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *page, *key_label, *unlock, *toggle_done;
  g_autofree char *key = NULL;
  g_autofree char *mistyped = NULL;
  gsize len;

  create_vault (f);
  page = harbor_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborRecoveryPage"));
  key_label = harbor_test_find_label_with_class (page, "harbor-recovery-key");
  key = g_strdup (gtk_label_get_text (GTK_LABEL (key_label)));
  keep_recovery_key (f);
  harbor_session_lock (f->session);

  unlock = harbor_test_find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborUnlockPage"));
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.toggle-mode", NULL));
  toggle_done = harbor_test_find_row (unlock, ADW_TYPE_ENTRY_ROW, "Recovery Key");
  g_assert_nonnull (toggle_done);

  /* One character changed: the check group says "mistyped", not "wrong",
   * and it is not counted as a wrong attempt. */
  mistyped = g_strdup (key);
  len = strlen (mistyped);
  mistyped[len - 8] = mistyped[len - 8] == 'A' ? 'B' : 'A';
  gtk_editable_set_text (GTK_EDITABLE (toggle_done), mistyped);
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.unlock", NULL));
  while (harbor_session_get_busy (f->session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  g_assert_cmpuint (harbor_session_get_failed_attempts (f->session), ==, 0);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (harbor_test_find_label_with_class (unlock, "error"))), "mistyped"));

  /* Spaces and lower case do not matter. */
  {
    g_autofree char *relaxed = g_ascii_strdown (key, -1);

    g_strdelimit (relaxed, "-", ' ');
    gtk_editable_set_text (GTK_EDITABLE (toggle_done), relaxed);
  }
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.unlock", NULL));
  harbor_test_wait_for_page (f->window, "clients", 20000);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
}

static void
test_error_messages (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const HarborVaultError codes[] = {
    HARBOR_VAULT_ERROR_WRONG_PASSPHRASE, HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY,
    HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY, HARBOR_VAULT_ERROR_NOT_A_VAULT,
    HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION, HARBOR_VAULT_ERROR_DAMAGED,
    HARBOR_VAULT_ERROR_KEYFILE_DAMAGED, HARBOR_VAULT_ERROR_FOREIGN_KEYFILE,
    HARBOR_VAULT_ERROR_FOREIGN_DATABASE, HARBOR_VAULT_ERROR_LOCKED, HARBOR_VAULT_ERROR_IO,
    HARBOR_VAULT_ERROR_EXISTS, HARBOR_VAULT_ERROR_AUDIT_BROKEN,
  };

  /* Every error a caseworker can meet while unlocking has its own words. */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (HARBOR_VAULT_ERROR, codes[i], "internal");
      const char *message = harbor_session_describe_error (error);

      g_assert_cmpstr (message, !=, "internal");
      g_assert_false (g_hash_table_contains (seen, message));
      g_hash_table_add (seen, (gpointer) message);
    }
}

static void
test_auto_lock (Fixture       *f,
                gconstpointer  data)
{
  HarborLockMonitor *monitor = harbor_application_get_lock_monitor (test_app);
  guint saved;

  create_vault (f);
  keep_recovery_key (f);
  g_assert_nonnull (monitor);
  g_assert_true (harbor_lock_monitor_get_armed (monitor));

  /* The preference is in minutes; a one-second delay keeps the test short. */
  saved = harbor_lock_monitor_get_idle_seconds (monitor);
  harbor_lock_monitor_set_idle_seconds (monitor, 1);
  g_assert_true (harbor_test_wait (is_locked, f->session, 5000));
  g_assert_cmpstr (visible_page (f), ==, "unlock");
  g_assert_null (harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  g_assert_false (harbor_lock_monitor_get_armed (monitor));
  harbor_lock_monitor_set_idle_seconds (monitor, saved);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  test_app = harbor_test_application_new ();

  g_test_add ("/app/vault-flow/create-add-lock-unlock", Fixture, NULL,
              fixture_set_up, test_create_add_lock_unlock, fixture_tear_down);
  g_test_add ("/app/vault-flow/quick-exit", Fixture, NULL,
              fixture_set_up, test_quick_exit, fixture_tear_down);
  g_test_add ("/app/vault-flow/recovery-key-unlock", Fixture, NULL,
              fixture_set_up, test_recovery_key_unlock, fixture_tear_down);
  g_test_add_func ("/app/vault-flow/error-messages", test_error_messages);
  g_test_add ("/app/vault-flow/add-with-undo", Fixture, NULL,
              fixture_set_up, test_add_with_undo, fixture_tear_down);
  g_test_add ("/app/vault-flow/auto-lock", Fixture, NULL,
              fixture_set_up, test_auto_lock, fixture_tear_down);
  g_test_add ("/app/vault-flow/wrong-attempts-slow-down", Fixture, NULL,
              fixture_set_up, test_wrong_attempts_slow_down, fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&test_app);
  return ret;
}
