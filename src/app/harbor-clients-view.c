/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-clients-view.c: the client list and the chosen client's page
 *
 * Copyright 2026 The Harbor authors
 *
 * The list searches as the caseworker types (the vault's full-text index
 * over names, aliases and notes) and is sorted by recent activity. Adding
 * opens the client editor; deleting moves the client to the vault's
 * tombstones, with a toast that undoes it.
 */

#define G_LOG_DOMAIN "harbor-clients-view"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"

#include "harbor-client-editor.h"
#include "harbor-client-list.h"
#include "harbor-client-page.h"
#include "harbor-clients-view.h"
#include "harbor-purge-dialog.h"
#include "harbor-vault-error.h"
#include "harbor-window.h"

struct _HarborClientsView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  GtkSearchEntry    *search_entry;
  GtkStack          *list_stack;
  GtkListView       *list_view;
  GtkStack          *content_stack;

  /* Borrowed: owned by the application */
  const HarborRules *rules;

  /* Owned references */
  HarborVault       *vault;
  HarborClientList  *clients;
  GtkSingleSelection *selection;

  /* Borrowed: the open client page, a child of content_stack */
  GtkWidget         *page;
};

G_DEFINE_FINAL_TYPE (HarborClientsView, harbor_clients_view, GTK_TYPE_WIDGET)

static void
update_list_page (HarborClientsView *self)
{
  const char *query = harbor_client_list_get_query (self->clients);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clients));

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (query != NULL && *query != '\0')
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void show_toast (HarborClientsView *self,
                        AdwToast          *toast);

static void
close_page (HarborClientsView *self)
{
  if (self->page == NULL)
    return;
  gtk_stack_remove (self->content_stack, self->page);
  self->page = NULL;
  gtk_stack_set_visible_child_name (self->content_stack, "none");
}

static void
page_changed_cb (HarborClientsView *self)
{
  harbor_client_list_reload (self->clients);
  update_list_page (self);
}

static void
undo_delete_cb (AdwToast          *toast,
                HarborClientsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "client-id");
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  /* Meanwhile the client may have been restored or deleted permanently
   * from Recently Deleted Clients. */
  client = harbor_vault_get_client (self->vault, id, &error);
  if (client == NULL)
    {
      if (g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND))
        show_toast (self, adw_toast_new (_("That client was deleted permanently and cannot be restored")));
      else
        g_warning ("Could not restore a client: %s", error->message);
      return;
    }
  if (client->deleted && !harbor_vault_undelete (self->vault, HARBOR_VAULT_KIND_CLIENT, id, &error))
    {
      g_warning ("Could not restore a client: %s", error->message);
      return;
    }
  harbor_client_list_reload (self->clients);
  update_list_page (self);
  harbor_clients_view_open (self, id);
}

static void
delete_requested_cb (HarborClientsView *self,
                     const char        *client_id)
{
  g_autofree char *id = g_strdup (client_id);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!harbor_vault_delete (self->vault, HARBOR_VAULT_KIND_CLIENT, id, &error))
    {
      g_warning ("Could not delete a client: %s", error->message);
      return;
    }

  close_page (self);
  harbor_client_list_reload (self->clients);
  update_list_page (self);

  /* The toast names no one: it may be read out or seen over a shoulder. */
  toast = adw_toast_new (_("Client deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "client-id", g_steal_pointer (&id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  show_toast (self, toast);
}

static void
purged_cb (HarborPurgeDialog *dialog,
           guint              n_purged,
           HarborClientsView *self)
{
  close_page (self);
  harbor_client_list_reload (self->clients);
  update_list_page (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  /* The toast names no one. */
  show_toast (self, adw_toast_new (_("Client permanently deleted")));
}

static void
purge_requested_cb (HarborClientsView *self,
                    const char        *client_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  HarborPurgeDialog *dialog;

  dialog = harbor_purge_dialog_new_for_client (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               self->vault, client_id, &error);
  if (dialog == NULL)
    {
      /* The vault's message names no client. */
      show_toast (self, adw_toast_new (error->message));
      return;
    }
  g_signal_connect_object (dialog, "purged", G_CALLBACK (purged_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * harbor_clients_view_open:
 * @self: the view
 * @client_id: a client's id
 *
 * Shows the client's page.
 */
void
harbor_clients_view_open (HarborClientsView *self,
                          const char        *client_id)
{
  g_return_if_fail (HARBOR_IS_CLIENTS_VIEW (self));

  close_page (self);
  self->page = harbor_client_page_new (self->vault, self->rules, client_id);
  g_signal_connect_object (self->page, "changed", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "delete-requested", G_CALLBACK (delete_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "purge-requested", G_CALLBACK (purge_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->content_stack, self->page, "client");
  gtk_stack_set_visible_child (self->content_stack, self->page);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
row_activated_cb (HarborClientsView *self,
                  guint              position)
{
  g_autoptr(HarborClientItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    harbor_clients_view_open (self, harbor_client_item_get_id (item));
}

static void
search_changed_cb (HarborClientsView *self)
{
  harbor_clients_view_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
undo_add_cb (AdwToast          *toast,
             HarborClientsView *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "client-id");
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_delete (self->vault, HARBOR_VAULT_KIND_CLIENT, id, &error))
    {
      g_warning ("Could not undo adding a client: %s", error->message);
      return;
    }
  close_page (self);
  harbor_client_list_reload (self->clients);
  update_list_page (self);
}

static void
show_toast (HarborClientsView *self,
            AdwToast          *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (HARBOR_IS_WINDOW (root))
    harbor_window_add_toast (HARBOR_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

static void
editor_save_cb (HarborClientEditor *editor,
                HarborVaultClient  *client,
                HarborClientsView  *self)
{
  AdwToast *toast;

  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = harbor_vault_add_client (self->vault, client, &error);
  if (id == NULL)
    {
      g_warning ("Could not add a client: %s", error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (editor));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  harbor_client_list_reload (self->clients);
  update_list_page (self);
  harbor_clients_view_open (self, id);

  toast = adw_toast_new (_("Client added"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "client-id", g_steal_pointer (&id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_add_cb), self, 0);
  show_toast (self, toast);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  HarborClientsView *self = HARBOR_CLIENTS_VIEW (widget);
  HarborClientEditor *editor;

  editor = harbor_client_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL);
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborClientsView *self = HARBOR_CLIENTS_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  HarborClientItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *name = item != NULL ? harbor_client_item_get_display_name (item) : "";

  gtk_label_set_text (GTK_LABEL (label), name);
  /* The row is named by what it shows, for screen readers. GTK 4.8 has no
   * API for the list row itself (gtk_list_item_set_accessible_label is 4.12),
   * so name the row widget that holds the label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (gtk_widget_get_parent (label) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
harbor_clients_view_dispose (GObject *object)
{
  HarborClientsView *self = HARBOR_CLIENTS_VIEW (object);

  self->page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_CLIENTS_VIEW);
  harbor_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->clients);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (harbor_clients_view_parent_class)->dispose (object);
}

static void
harbor_clients_view_class_init (HarborClientsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_clients_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-clients-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborClientsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HarborClientsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HarborClientsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HarborClientsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, HarborClientsView, content_stack);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "clients.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "clients.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "clients.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "clients.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_clients_view_init (HarborClientsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}

/**
 * harbor_clients_view_new:
 * @vault: an unlocked vault
 * @rules: (nullable): the rule data, which must outlive the view
 *
 * Returns: (transfer full): the view
 */
GtkWidget *
harbor_clients_view_new (HarborVault       *vault,
                         const HarborRules *rules)
{
  HarborClientsView *self = g_object_new (HARBOR_TYPE_CLIENTS_VIEW, NULL);

  self->rules = rules;
  self->vault = g_object_ref (vault);
  self->clients = harbor_client_list_new (vault);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->clients)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_list_page (self);
  return GTK_WIDGET (self);
}

/**
 * harbor_clients_view_get_model:
 * @self: the view
 *
 * Returns: (transfer none): the clients shown, a #HarborClientList
 */
GListModel *
harbor_clients_view_get_model (HarborClientsView *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENTS_VIEW (self), NULL);

  return G_LIST_MODEL (self->clients);
}

/**
 * harbor_clients_view_set_query:
 * @self: the view
 * @query: (nullable): words to search for
 */
void
harbor_clients_view_set_query (HarborClientsView *self,
                               const char        *query)
{
  g_return_if_fail (HARBOR_IS_CLIENTS_VIEW (self));

  harbor_client_list_set_query (self->clients, query);
  update_list_page (self);
}

/**
 * harbor_clients_view_get_page:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the open client's page
 */
GtkWidget *
harbor_clients_view_get_page (HarborClientsView *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENTS_VIEW (self), NULL);

  return self->page;
}

/**
 * harbor_clients_view_reload:
 * @self: the view
 *
 * Reads the list of clients again, after a change made elsewhere (a
 * client restored from Recently Deleted).
 */
void
harbor_clients_view_reload (HarborClientsView *self)
{
  g_return_if_fail (HARBOR_IS_CLIENTS_VIEW (self));

  harbor_client_list_reload (self->clients);
  update_list_page (self);
}
