/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-purge.c: deleting clients permanently, and Recently Deleted
 *
 * Copyright 2026 The Harbor authors
 *
 * Drives the real window in-process, with a vault in a temporary folder
 * and cheap key derivation: the confirmation's counts, Cancel, confirming
 * from the client's page and from Recently Deleted, Restore, Empty, and
 * what is left on screen after the vault locks.
 */

#include "config.h"

#include "harbor-application.h"
#include "harbor-client-page.h"
#include "harbor-clients-view.h"
#include "harbor-deleted-clients.h"
#include "harbor-purge-dialog.h"
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
  HarborVault   *vault;
} Fixture;

typedef struct
{
  char      *id;
  GPtrArray *record_ids;
} Seeded;

static void
seeded_free (Seeded *seeded)
{
  g_free (seeded->id);
  g_ptr_array_unref (seeded->record_ids);
  g_free (seeded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Seeded, seeded_free)

/* ---- Finding things ------------------------------------------------------- */

static GtkWindow *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (item)), heading) == 0)
        return GTK_WINDOW (item);
    }
  return NULL;
}

/* Every button a person can reach has a name a screen reader can say:
 * its own label, or an accessible label set on it. The window's own
 * controls (close) are named by GTK. */
static void
assert_buttons_named (GtkWidget *root)
{
  if (GTK_IS_WINDOW_CONTROLS (root))
    return;
  if (GTK_IS_BUTTON (root) && gtk_widget_get_visible (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      if (label == NULL || *label == '\0')
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_buttons_named (child);
}

static guint
count_buttons (GtkWidget *root)
{
  guint n = GTK_IS_BUTTON (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_buttons (child);
  return n;
}

static void
assert_all_buttons_labelled (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && !GTK_IS_MENU_BUTTON (root) && gtk_widget_get_visible (root) &&
      gtk_widget_get_ancestor (root, GTK_TYPE_WINDOW_CONTROLS) == NULL)
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_all_buttons_labelled (child);
}

/* ---- The vault ------------------------------------------------------------ */

static Seeded *
seed_client (HarborVault *vault,
             const char  *name,
             guint        n_records,
             guint        n_events,
             guint        n_checklists,
             guint        n_consents)
{
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autoptr(GError) error = NULL;
  Seeded *seeded = g_new0 (Seeded, 1);

  seeded->record_ids = g_ptr_array_new_with_free_func (g_free);
  client->display_name = g_strdup (name);
  seeded->id = harbor_vault_add_client (vault, client, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_records; i++)
    {
      g_autoptr(HarborRecord) record = harbor_record_new ();
      char *id;

      record->jurisdiction = g_strdup ("US-OH");
      record->disposition = HARBOR_DISPOSITION_CONVICTED;
      record->offense.description = g_strdup ("Loitering, distinctive-offense-text");
      id = harbor_vault_add_record (vault, seeded->id, record, &error);
      g_assert_no_error (error);
      g_ptr_array_add (seeded->record_ids, id);
    }
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
      g_autofree char *id = NULL;

      event->client_id = g_strdup (seeded->id);
      event->kind = g_strdup ("note");
      event->date = g_strdup ("2026-03-02");
      event->text = g_strdup ("A note");
      id = harbor_vault_add_event (vault, event, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n_checklists; i++)
    {
      g_autoptr(HarborVaultChecklist) checklist = harbor_vault_checklist_new ();
      g_autofree char *id = NULL;

      checklist->client_id = g_strdup (seeded->id);
      checklist->pathway_id = g_strdup ("oh-2953-38");
      checklist->title = g_strdup ("Sealing");
      id = harbor_vault_add_checklist (vault, checklist, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n_consents; i++)
    {
      g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
      g_autofree char *id = NULL;

      consent->client_id = g_strdup (seeded->id);
      consent->party = g_strdup ("Legal Aid Society");
      consent->scope = g_strdup ("Records relief");
      consent->signed_on = g_strdup ("2026-01-01");
      id = harbor_vault_add_consent (vault, consent, &error);
      g_assert_no_error (error);
    }
  return seeded;
}

static gboolean
in_deleted (HarborVault *vault,
            const char  *client_id)
{
  g_autoptr(GPtrArray) deleted = harbor_vault_list_deleted_clients (vault, NULL);
  gboolean found = FALSE;

  g_assert_nonnull (deleted);
  for (guint i = 0; i < deleted->len; i++)
    found |= g_str_equal (((HarborVaultClient *) g_ptr_array_index (deleted, i))->id, client_id);
  return found;
}

static guint
n_deleted (HarborVault *vault)
{
  g_autoptr(GPtrArray) deleted = harbor_vault_list_deleted_clients (vault, NULL);

  g_assert_nonnull (deleted);
  return deleted != NULL ? deleted->len : G_MAXUINT;
}

static void
assert_purged (HarborVault  *vault,
               const Seeded *seeded)
{
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = harbor_vault_get_client (vault, seeded->id, &error);
  g_assert_null (client);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 0; i < seeded->record_ids->len; i++)
    {
      g_autoptr(HarborRecord) record = harbor_vault_get_record (vault, g_ptr_array_index (seeded->record_ids, i),
                                                                &error);

      g_assert_null (record);
      g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
  g_assert_false (in_deleted (vault, seeded->id));
}

static void
assert_untouched (HarborVault  *vault,
                  const Seeded *seeded)
{
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = harbor_vault_get_client (vault, seeded->id, &error);
  g_assert_no_error (error);
  g_assert_false (client->deleted);
  for (guint i = 0; i < seeded->record_ids->len; i++)
    {
      g_autoptr(HarborRecord) record = harbor_vault_get_record (vault, g_ptr_array_index (seeded->record_ids, i),
                                                                &error);

      g_assert_no_error (error);
      g_assert_nonnull (record);
    }
  g_assert_false (in_deleted (vault, seeded->id));
}

static guint
count_audit (HarborVault *vault,
             const char  *action)
{
  g_autoptr(GPtrArray) audit = harbor_vault_list_audit (vault, NULL);
  guint n = 0;

  g_assert_nonnull (audit);
  for (guint i = 0; i < audit->len; i++)
    n += g_strcmp0 (((HarborVaultAuditEntry *) g_ptr_array_index (audit, i))->action, action) == 0;
  return n;
}

/* ---- Fixture -------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = harbor_test_make_tmpdir ("purge");
  f->session = harbor_test_session_new (test_app, f->dir);
  f->window = harbor_window_new (test_app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  gtk_window_present (GTK_WINDOW (f->window));

  harbor_test_session_create (f->session, HARBOR_TEST_PASSPHRASE);
  harbor_test_wait_for_page (f->window, "clients", 10000);
  f->vault = harbor_session_get_vault (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harbor_test_session_end (GTK_WINDOW (f->window), &f->session, &f->dir);
}

static HarborClientsView *
clients_view (Fixture *f)
{
  GtkWidget *view = harbor_test_find_widget (GTK_WIDGET (f->window), HARBOR_TYPE_CLIENTS_VIEW);

  g_assert_nonnull (view);
  return HARBOR_CLIENTS_VIEW (view);
}

static HarborDeletedClients *
open_deleted_clients (Fixture *f)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "deleted-clients", NULL);
  return HARBOR_DELETED_CLIENTS (harbor_test_wait_for_toplevel (HARBOR_TYPE_DELETED_CLIENTS));
}

/* ---- Tests ---------------------------------------------------------------- */

static void
test_confirmation_counts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 3, 12, 2, 1);
  g_autoptr(Seeded) single = seed_client (f->vault, "Sam Example", 1, 1, 1, 0);
  g_autoptr(GError) error = NULL;
  HarborPurgeDialog *dialog;
  g_autofree char *path = NULL;
  const char *body;

  dialog = harbor_purge_dialog_new_for_client (GTK_WINDOW (f->window), f->vault, maria->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (harbor_purge_dialog_get_n_clients (dialog), ==, 1);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Delete Client Permanently?");
  g_assert_nonnull (strstr (body, "Maria Example’s profile, 3 records, 12 history entries, 2 checklists "
                                  "and 1 release of information"));
  g_assert_nonnull (strstr (body, "cannot be undone"));
  g_assert_nonnull (strstr (body, "Backups made before now still hold"));

  /* The destructive answer is never the default, and Escape cancels. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel"), ==,
                   ADW_RESPONSE_DEFAULT);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));

  gtk_window_present (GTK_WINDOW (dialog));
  path = harbor_test_screenshot (GTK_WIDGET (dialog), "purge-confirmation");
  g_test_message ("screenshot: %s", path);
  g_assert_cmpuint (count_buttons (GTK_WIDGET (dialog)), >=, 2);
  assert_buttons_named (GTK_WIDGET (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Singular forms, and a count of none. */
  dialog = harbor_purge_dialog_new_for_client (GTK_WINDOW (f->window), f->vault, single->id, &error);
  g_assert_no_error (error);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Sam Example’s profile, 1 record, 1 history entry, 1 checklist "
                                  "and 0 releases of information"));
  g_assert_null (strstr (body, "deleted earlier"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* What was deleted on its own goes too, and the dialog says so. */
  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_RECORD,
                                      g_ptr_array_index (maria->record_ids, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpint (harbor_vault_count_deleted_parts (f->vault, maria->id, &error), ==, 1);
  dialog = harbor_purge_dialog_new_for_client (GTK_WINDOW (f->window), f->vault, maria->id, &error);
  g_assert_no_error (error);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Maria Example’s profile, 2 records, 12 history entries"));
  g_assert_nonnull (strstr (body, "It also destroys 1 item of theirs that was deleted earlier."));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (harbor_vault_count_deleted_parts (f->vault, single->id, &error), ==, 0);
  g_assert_cmpint (harbor_vault_count_deleted_parts (f->vault, "nothex", &error), ==, -1);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* A client that is not there: a specific error, no dialog. */
  dialog = harbor_purge_dialog_new_for_client (GTK_WINDOW (f->window), f->vault,
                                               "0123456789abcdef0123456789abcdef", &error);
  g_assert_null (dialog);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
}

static void
test_cancel_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 3, 2, 1, 1);
  HarborClientsView *view = clients_view (f);
  GtkWidget *page;
  GtkWindow *dialog;

  harbor_clients_view_set_query (view, NULL);
  harbor_clients_view_reload (view);
  harbor_clients_view_open (view, maria->id);
  page = harbor_clients_view_get_page (view);

  /* The page's menu, beside Delete, offers it. */
  {
    GtkWidget *menu_button = harbor_test_find_widget (page, GTK_TYPE_MENU_BUTTON);
    GMenuModel *menu;
    g_autoptr(GMenuModel) section = NULL;
    g_autofree char *action = NULL;
    g_autofree char *label = NULL;

    g_assert_nonnull (menu_button);
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL));
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
    g_assert_nonnull (menu);
    section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_assert_nonnull (section);
    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (action, ==, "client.purge");
    g_assert_cmpstr (label, ==, "Delete _Permanently…");
  }

  g_assert_true (gtk_widget_activate_action (page, "client.purge", NULL));
  dialog = harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);

  harbor_test_click (GTK_WIDGET (dialog), "_Cancel");
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_PURGE_DIALOG));

  assert_untouched (f->vault, maria);
  g_assert_cmpuint (count_audit (f->vault, "client.delete"), ==, 0);
  g_assert_cmpuint (count_audit (f->vault, "client.purge"), ==, 0);
  g_assert_true (harbor_clients_view_get_page (view) == page);
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 1);
  g_assert_cmpuint (harbor_window_get_toasts (f->window)->len, ==, 0);
}

static void
test_confirm_from_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 3, 12, 2, 1);
  g_autoptr(Seeded) other = seed_client (f->vault, "Other Example", 1, 0, 0, 0);
  HarborClientsView *view = clients_view (f);
  GPtrArray *toasts;
  GtkWindow *dialog;

  harbor_clients_view_reload (view);
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 2);
  harbor_clients_view_open (view, maria->id);
  g_assert_true (gtk_widget_activate_action (harbor_clients_view_get_page (view), "client.purge", NULL));
  dialog = harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);
  harbor_test_click (GTK_WIDGET (dialog), "_Delete Permanently");

  /* Gone from the vault: no client, no records, not in Recently Deleted. */
  assert_purged (f->vault, maria);
  assert_untouched (f->vault, other);
  g_assert_cmpuint (count_audit (f->vault, "client.purge"), ==, 1);

  /* Back to the list, which no longer has the client; a toast that names
   * no one. */
  g_assert_null (harbor_clients_view_get_page (view));
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 1);
  toasts = harbor_window_get_toasts (f->window);
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (toasts, 0)), ==, "Client permanently deleted");
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_PURGE_DIALOG));
}

static void
test_confirm_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 1, 0, 0, 0);
  HarborClientsView *view = clients_view (f);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWindow *message;
  GtkWidget *page;

  harbor_clients_view_reload (view);
  harbor_clients_view_open (view, maria->id);
  page = harbor_clients_view_get_page (view);
  g_assert_true (gtk_widget_activate_action (page, "client.purge", NULL));
  dialog = harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);

  /* The client goes another way while the question is open. */
  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, maria->id, &error));
  g_assert_true (harbor_vault_purge (f->vault, HARBOR_VAULT_KIND_CLIENT, maria->id, &error));
  g_assert_no_error (error);

  harbor_test_click (GTK_WIDGET (dialog), "_Delete Permanently");

  /* A clear message; the view is as it was, with no success toast. */
  message = find_message_dialog ("Could Not Delete Permanently");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "client"));
  g_assert_true (harbor_clients_view_get_page (view) == page);
  g_assert_cmpuint (harbor_window_get_toasts (f->window)->len, ==, 0);
  harbor_test_click (GTK_WIDGET (message), "_Close");
  g_assert_null (find_message_dialog ("Could Not Delete Permanently"));
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 2, 1, 0, 0);
  g_autoptr(Seeded) other = seed_client (f->vault, "Other Example", 0, 0, 0, 0);
  HarborClientsView *view = clients_view (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HarborDeletedClients *deleted;
  AdwActionRow *row;

  /* Delete through the page, as a caseworker does. */
  harbor_clients_view_reload (view);
  harbor_clients_view_open (view, maria->id);
  g_assert_true (gtk_widget_activate_action (harbor_clients_view_get_page (view), "client.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 1);

  deleted = open_deleted_clients (f);
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 1);
  row = ADW_ACTION_ROW (harbor_test_find_widget (GTK_WIDGET (deleted), ADW_TYPE_ACTION_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Maria Example");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Deleted 20"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (deleted)) == GTK_WINDOW (f->window));
  g_assert_nonnull (harbor_test_find_button (GTK_WIDGET (deleted), "_Restore"));
  g_assert_nonnull (harbor_test_find_button (GTK_WIDGET (deleted), "Delete _Permanently…"));
  assert_all_buttons_labelled (GTK_WIDGET (deleted));
  path = harbor_test_screenshot (GTK_WIDGET (deleted), "recently-deleted");
  g_test_message ("screenshot: %s", path);

  harbor_test_click (GTK_WIDGET (deleted), "_Restore");

  /* Back in the vault's live clients and in the list the window shows. */
  assert_untouched (f->vault, maria);
  assert_untouched (f->vault, other);
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 2);
  g_assert_null (harbor_test_find_widget (GTK_WIDGET (deleted), ADW_TYPE_ACTION_ROW));
  g_clear_pointer (&path, g_free);
  path = harbor_test_screenshot (GTK_WIDGET (deleted), "recently-deleted-empty");
  assert_all_buttons_labelled (GTK_WIDGET (deleted));

  /* Restoring what is not deleted says so and changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deleted), "deleted.restore", "s", maria->id));
  assert_untouched (f->vault, maria);
  gtk_window_destroy (GTK_WINDOW (deleted));
}

/* The main window's Undo toast of a deletion outlives a purge or a
 * restore done meanwhile in Recently Deleted: pressing it then says so
 * kindly, or just shows the client. */
static AdwToast *
find_toast (HarborWindow *window,
            const char   *title)
{
  GPtrArray *toasts = harbor_window_get_toasts (window);

  for (guint i = 0; i < toasts->len; i++)
    if (g_strcmp0 (adw_toast_get_title (g_ptr_array_index (toasts, i)), title) == 0)
      return g_ptr_array_index (toasts, i);
  return NULL;
}

static void
test_stale_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 1, 1, 0, 0);
  g_autoptr(Seeded) other = seed_client (f->vault, "Other Example", 0, 0, 0, 0);
  HarborClientsView *view = clients_view (f);
  g_autoptr(GError) error = NULL;
  AdwToast *undo;

  /* Restored meanwhile: Undo opens the client, changes nothing else. */
  harbor_clients_view_reload (view);
  harbor_clients_view_open (view, other->id);
  g_assert_true (gtk_widget_activate_action (harbor_clients_view_get_page (view), "client.delete", NULL));
  undo = find_toast (f->window, "Client deleted");
  g_assert_nonnull (undo);
  g_assert_true (harbor_vault_undelete (f->vault, HARBOR_VAULT_KIND_CLIENT, other->id, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (undo, "button-clicked");
  adw_toast_dismiss (undo);   /* as pressing its button does */
  assert_untouched (f->vault, other);
  g_assert_nonnull (harbor_clients_view_get_page (view));
  g_assert_null (find_toast (f->window, "Client deleted"));

  /* Purged meanwhile: Undo cannot bring it back, and says so. */
  harbor_clients_view_open (view, maria->id);
  g_assert_true (gtk_widget_activate_action (harbor_clients_view_get_page (view), "client.delete", NULL));
  undo = find_toast (f->window, "Client deleted");
  g_assert_nonnull (undo);
  g_object_ref (undo);
  g_assert_true (harbor_vault_purge (f->vault, HARBOR_VAULT_KIND_CLIENT, maria->id, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (undo, "button-clicked");
  g_object_unref (undo);
  assert_purged (f->vault, maria);
  g_assert_nonnull (find_toast (f->window, "That client was deleted permanently and cannot be restored"));
  g_assert_cmpuint (g_list_model_get_n_items (harbor_clients_view_get_model (view)), ==, 1);
}

static void
test_purge_from_deleted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 3, 12, 2, 1);
  g_autoptr(Seeded) other = seed_client (f->vault, "Other Example", 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  HarborDeletedClients *deleted;
  GtkWindow *dialog;

  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, maria->id, &error));
  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, other->id, &error));
  deleted = open_deleted_clients (f);
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 2);

  /* The same confirmation as from the page, with the same counts. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deleted), "deleted.purge", "s", maria->id));
  dialog = harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "Maria Example’s profile, 3 records, 12 history entries, 2 checklists "
                            "and 1 release of information"));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (deleted));
  harbor_test_click (GTK_WIDGET (dialog), "_Delete Permanently");

  assert_purged (f->vault, maria);
  g_assert_true (in_deleted (f->vault, other->id));
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 1);
  gtk_window_destroy (GTK_WINDOW (deleted));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Seeded) a = seed_client (f->vault, "Ana Example", 2, 1, 1, 1);
  g_autoptr(Seeded) b = seed_client (f->vault, "Bo Example", 1, 0, 0, 0);
  g_autoptr(Seeded) c = seed_client (f->vault, "Cy Example", 0, 3, 0, 0);
  g_autoptr(Seeded) live = seed_client (f->vault, "Live Example", 1, 1, 1, 1);
  g_autoptr(GError) error = NULL;
  HarborDeletedClients *deleted;
  GtkWindow *dialog;

  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, a->id, &error));
  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, b->id, &error));
  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, c->id, &error));
  deleted = open_deleted_clients (f);
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 3);

  /* Cancel first: nothing goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deleted), "deleted.empty", NULL));
  dialog = harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Empty Recently Deleted?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "destroys 3 deleted clients"));
  g_assert_cmpuint (harbor_purge_dialog_get_n_clients (HARBOR_PURGE_DIALOG (dialog)), ==, 3);
  harbor_test_click (GTK_WIDGET (dialog), "_Cancel");
  g_assert_cmpuint (n_deleted (f->vault), ==, 3);

  /* Then confirm: every deleted client is gone, the live one stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deleted), "deleted.empty", NULL));
  dialog = harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);
  harbor_test_click (GTK_WIDGET (dialog), "_Delete Permanently");
  assert_purged (f->vault, a);
  assert_purged (f->vault, b);
  assert_purged (f->vault, c);
  assert_untouched (f->vault, live);
  g_assert_cmpuint (n_deleted (f->vault), ==, 0);
  g_assert_cmpuint (count_audit (f->vault, "client.purge"), ==, 3);
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 0);
  g_assert_nonnull (harbor_test_find_widget (GTK_WIDGET (deleted), ADW_TYPE_STATUS_PAGE));
  g_assert_true (gtk_widget_get_mapped (harbor_test_find_widget (GTK_WIDGET (deleted), ADW_TYPE_STATUS_PAGE)));
  gtk_window_destroy (GTK_WINDOW (deleted));
}

static void
test_lock_closes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  HarborDeletedClients *deleted;
  GAction *action;

  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, maria->id, &error));
  deleted = open_deleted_clients (f);
  g_assert_cmpuint (harbor_deleted_clients_get_n_clients (deleted), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (deleted), "deleted.purge", "s", maria->id));
  harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);

  /* Locking the session (not only through the application, which closes
   * its other windows) leaves no name on screen. */
  harbor_session_lock (f->session);
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_DELETED_CLIENTS));
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_PURGE_DIALOG));
  action = g_action_map_lookup_action (G_ACTION_MAP (f->window), "deleted-clients");
  g_assert_false (g_action_get_enabled (action));
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "deleted-clients", NULL);
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_DELETED_CLIENTS));
}

static void
test_app_lock_closes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Seeded) maria = seed_client (f->vault, "Maria Example", 1, 0, 0, 0);
  HarborClientsView *view = clients_view (f);

  harbor_clients_view_reload (view);
  harbor_clients_view_open (view, maria->id);
  g_assert_true (gtk_widget_activate_action (harbor_clients_view_get_page (view), "client.purge", NULL));
  harbor_test_wait_for_toplevel (HARBOR_TYPE_PURGE_DIALOG);
  open_deleted_clients (f);

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "lock", NULL);
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_DELETED_CLIENTS));
  g_assert_null (harbor_test_find_toplevel (HARBOR_TYPE_PURGE_DIALOG));
  g_assert_cmpstr (harbor_window_get_page_name (f->window), ==, "unlock");

  /* Nothing happened to the client. */
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  test_app = harbor_test_application_new ();

  g_test_add ("/app/purge/confirmation-counts", Fixture, NULL,
              fixture_set_up, test_confirmation_counts, fixture_tear_down);
  g_test_add ("/app/purge/cancel-changes-nothing", Fixture, NULL,
              fixture_set_up, test_cancel_changes_nothing, fixture_tear_down);
  g_test_add ("/app/purge/confirm-from-page", Fixture, NULL,
              fixture_set_up, test_confirm_from_page, fixture_tear_down);
  g_test_add ("/app/purge/confirm-error", Fixture, NULL,
              fixture_set_up, test_confirm_error, fixture_tear_down);
  g_test_add ("/app/purge/restore", Fixture, NULL,
              fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/app/purge/stale-undo", Fixture, NULL,
              fixture_set_up, test_stale_undo, fixture_tear_down);
  g_test_add ("/app/purge/purge-from-deleted", Fixture, NULL,
              fixture_set_up, test_purge_from_deleted, fixture_tear_down);
  g_test_add ("/app/purge/empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/app/purge/lock-closes", Fixture, NULL,
              fixture_set_up, test_lock_closes, fixture_tear_down);
  g_test_add ("/app/purge/app-lock-closes", Fixture, NULL,
              fixture_set_up, test_app_lock_closes, fixture_tear_down);

  ret = g_test_run ();
  g_clear_object (&test_app);
  return ret;
}
