/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-vault-flow.c: create, keep the recovery key, add a client, lock, unlock
 *
 * Copyright 2026 The Harbor authors
 *
 * Drives the real window in-process, through its actions and widgets, with
 * a vault in a temporary folder and cheap key derivation.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "harbor-application.h"
#include "harbor-clients-view.h"
#include "harbor-client-list.h"
#include "harbor-keyfile.h"
#include "harbor-session.h"
#include "harbor-vault-error.h"
#include "harbor-window.h"
#include "harbor-test-utils.h"

#define PASSPHRASE "copper lantern meadow violin"

static HarborApplication *test_app;

typedef struct
{
  char          *dir;
  HarborSession *session;
  HarborWindow  *window;
} Fixture;

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_title (GtkWidget  *root,
               GType       type,
               const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_title (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
visible_page (Fixture *f)
{
  return harbor_window_get_page_name (f->window);
}

static gboolean
page_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (visible_page (args[0]), args[1]) == 0;
}

static void
wait_for_page (Fixture    *f,
               const char *name)
{
  gpointer args[2] = { f, (gpointer) name };

  if (!harbor_test_wait (page_is, args, 20000))
    g_error ("Expected page “%s”, still on “%s”", name, visible_page (f));
}

static void
type_into (GtkWidget  *root,
           GType       type,
           const char *title,
           const char *text)
{
  GtkWidget *row = find_by_title (root, type, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HarborKdfParams params = harbor_kdf_params_for_tests ();

  f->dir = g_dir_make_tmp ("harbor-flow-XXXXXX", &error);
  g_assert_no_error (error);
  f->session = harbor_session_new (f->dir);
  harbor_session_set_kdf_params (f->session, &params);
  harbor_application_set_session (test_app, f->session);
  f->window = harbor_window_new (test_app);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  harbor_session_lock (f->session);
  g_clear_object (&f->session);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
create_vault (Fixture *f)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  g_assert_cmpstr (visible_page (f), ==, "setup");

  /* Too weak: Create stays off. */
  type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", "harbor");
  type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase Again", "harbor");
  g_assert_false (gtk_widget_activate_action (find_widget (window, g_type_from_name ("HarborSetupPage")),
                                              "setup.create", NULL) &&
                  harbor_session_get_busy (f->session));
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);

  /* Strong but not the same twice: still off. */
  type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", PASSPHRASE);
  type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase Again", PASSPHRASE " ");
  gtk_widget_activate_action (find_widget (window, g_type_from_name ("HarborSetupPage")), "setup.create", NULL);
  g_assert_false (harbor_session_get_busy (f->session));
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_NO_VAULT);

  type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase Again", PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (find_widget (window, g_type_from_name ("HarborSetupPage")),
                                             "setup.create", NULL));
  wait_for_page (f, "recovery");
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_UNLOCKED);
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
keep_recovery_key (Fixture *f)
{
  GtkWidget *page = find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborRecoveryPage"));
  GtkWidget *check = find_widget (page, GTK_TYPE_CHECK_BUTTON);
  GtkWidget *key = find_with_class (page, "harbor-recovery-key");
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
  wait_for_page (f, "clients");

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

  view = HARBOR_CLIENTS_VIEW (find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
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
  unlock = find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborUnlockPage"));
  type_into (unlock, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", "not the passphrase");
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.unlock", NULL));
  g_assert_true (harbor_session_get_busy (f->session));
  while (harbor_session_get_busy (f->session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  g_assert_cmpuint (harbor_session_get_failed_attempts (f->session), ==, 1);

  type_into (unlock, ADW_TYPE_PASSWORD_ENTRY_ROW, "Passphrase", PASSPHRASE);
  gtk_widget_activate_action (unlock, "unlock.unlock", NULL);
  wait_for_page (f, "clients");

  view = HARBOR_CLIENTS_VIEW (find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
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
  g_assert_null (find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
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

    harbor_session_unlock_async (f->session, PASSPHRASE, FALSE, NULL,
                                 (GAsyncReadyCallback) harbor_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (harbor_session_unlock_finish (f->session, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  }
  g_assert_true (is_locked (f->session));
}

static gboolean
editor_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (item), g_type_from_name ("HarborClientEditor")))
        {
          *(GtkWidget **) data = GTK_WIDGET (item);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_add_with_undo (Fixture       *f,
                    gconstpointer  data)
{
  HarborClientsView *view;
  GtkWidget *editor = NULL;
  GPtrArray *toasts;
  GListModel *clients;

  create_vault (f);
  keep_recovery_key (f);
  view = HARBOR_CLIENTS_VIEW (find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  clients = harbor_clients_view_get_model (view);

  /* Add a client through the editor, as a caseworker does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "clients.add", NULL));
  g_assert_true (harbor_test_wait (editor_shown, &editor, 5000));
  type_into (editor, ADW_TYPE_ENTRY_ROW, "Name the Client Uses", "Quetzalli Example");
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
  editor = NULL;
  g_assert_true (harbor_test_wait (editor_shown, &editor, 5000));
  type_into (editor, ADW_TYPE_ENTRY_ROW, "Name the Client Uses", "Another Example");
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
  page = find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborRecoveryPage"));
  key_label = find_with_class (page, "harbor-recovery-key");
  key = g_strdup (gtk_label_get_text (GTK_LABEL (key_label)));
  keep_recovery_key (f);
  harbor_session_lock (f->session);

  unlock = find_widget (GTK_WIDGET (f->window), g_type_from_name ("HarborUnlockPage"));
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.toggle-mode", NULL));
  toggle_done = find_by_title (unlock, ADW_TYPE_ENTRY_ROW, "Recovery Key");
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
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_with_class (unlock, "error"))), "mistyped"));

  /* Spaces and lower case do not matter. */
  {
    g_autofree char *relaxed = g_ascii_strdown (key, -1);

    g_strdelimit (relaxed, "-", ' ');
    gtk_editable_set_text (GTK_EDITABLE (toggle_done), relaxed);
  }
  g_assert_true (gtk_widget_activate_action (unlock, "unlock.unlock", NULL));
  wait_for_page (f, "clients");
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
  g_assert_null (find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW));
  g_assert_false (harbor_lock_monitor_get_armed (monitor));
  harbor_lock_monitor_set_idle_seconds (monitor, saved);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  test_app = harbor_application_new ();
  g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (test_app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

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
