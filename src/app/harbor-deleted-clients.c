/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-deleted-clients.c: the Recently Deleted Clients window
 *
 * Copyright 2026 The Harbor authors
 *
 * Deleted clients are tombstones: out of the client list and search, still
 * in the vault. This window lists them with when they were deleted, and lets the caseworker restore one, delete one
 * permanently, or empty the lot; both permanent ways ask first through
 * HarborPurgeDialog. It shows client names, so it empties itself and
 * closes when the vault locks.
 */

#define G_LOG_DOMAIN "harbor-deleted-clients"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-deleted-clients.h"
#include "harbor-purge-dialog.h"
#include "harbor-widget-utils.h"

struct _HarborDeletedClients
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwPreferencesGroup *list_group;

  /* Owned references */
  HarborVault     *vault;
  GPtrArray       *rows;
};

G_DEFINE_FINAL_TYPE (HarborDeletedClients, harbor_deleted_clients, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESTORED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
clear_rows (HarborDeletedClients *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_toast (HarborDeletedClients *self,
            const char           *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  harbor_toast_overlay_add (self->toast_overlay, toast);
}

static char *
deleted_subtitle (const HarborVaultClient *client)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (client->deleted_at <= 0)
    return g_strdup (_("Deleted"));
  utc = g_date_time_new_from_unix_utc (client->deleted_at / 1000);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
  if (when == NULL)
    return g_strdup (_("Deleted"));
  /* Translators: %s is a date and time, such as 2026-11-28 20:50 */
  return g_strdup_printf (_("Deleted %s"), when);
}

static GtkWidget *
row_button (const char *label,
            const char *accessible_label,
            const char *action_name,
            const char *client_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", client_id);
  return button;
}

/**
 * harbor_deleted_clients_reload:
 * @self: the window
 *
 * Reads the deleted clients again from the vault.
 */
void
harbor_deleted_clients_reload (HarborDeletedClients *self)
{
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HARBOR_IS_DELETED_CLIENTS (self));

  clear_rows (self);
  if (self->vault == NULL)
    return;

  deleted = harbor_vault_list_deleted_clients (self->vault, &error);
  if (deleted == NULL)
    {
      g_warning ("Could not list deleted clients: %s", error->message);
      deleted = g_ptr_array_new ();
    }

  for (guint i = 0; i < deleted->len; i++)
    {
      const HarborVaultClient *client = g_ptr_array_index (deleted, i);
      const char *name = client->display_name != NULL && *client->display_name != '\0'
                         ? client->display_name : _("Unnamed client");
      g_autofree char *subtitle = deleted_subtitle (client);
      g_autofree char *restore_label = g_strdup_printf (_("Restore %s"), name);
      g_autofree char *purge_label = g_strdup_printf (_("Delete %s permanently"), name);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("_Restore"), restore_label, "deleted.restore", client->id));
      /* Plain buttons: the confirmation carries the warning colour, and a
       * column of red buttons would shout. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("Delete _Permanently…"), purge_label, "deleted.purge",
                                             client->id));
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deleted.empty", self->rows->len > 0);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarborDeletedClients *self = HARBOR_DELETED_CLIENTS (widget);
  const char *client_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_undelete (self->vault, HARBOR_VAULT_KIND_CLIENT, client_id, &error))
    {
      /* The vault's message names no client. */
      show_toast (self, error->message);
      harbor_deleted_clients_reload (self);
      return;
    }
  harbor_deleted_clients_reload (self);
  g_signal_emit (self, signals[SIGNAL_RESTORED], 0, client_id);
  show_toast (self, _("Client restored"));
}

static void
purged_cb (HarborPurgeDialog    *dialog,
           guint                 n_purged,
           HarborDeletedClients *self)
{
  g_autofree char *title = NULL;

  harbor_deleted_clients_reload (self);
  if (n_purged == 1)
    title = g_strdup (_("Client permanently deleted"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client permanently deleted",
                                          "%u clients permanently deleted", n_purged),
                             n_purged);
  show_toast (self, title);
}

static void
present_purge_dialog (HarborDeletedClients *self,
                      HarborPurgeDialog    *dialog,
                      const GError         *error)
{
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      harbor_deleted_clients_reload (self);
      return;
    }
  g_signal_connect_object (dialog, "purged", G_CALLBACK (purged_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarborDeletedClients *self = HARBOR_DELETED_CLIENTS (widget);
  g_autoptr(GError) error = NULL;
  HarborPurgeDialog *dialog;

  dialog = harbor_purge_dialog_new_for_client (GTK_WINDOW (self), self->vault,
                                               g_variant_get_string (parameter, NULL), &error);
  present_purge_dialog (self, dialog, error);
}

static void
empty_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarborDeletedClients *self = HARBOR_DELETED_CLIENTS (widget);
  g_autoptr(GError) error = NULL;
  HarborPurgeDialog *dialog;

  dialog = harbor_purge_dialog_new_for_deleted (GTK_WINDOW (self), self->vault, &error);
  present_purge_dialog (self, dialog, error);
}

static void
vault_unlocked_changed_cb (HarborDeletedClients *self)
{
  gboolean unlocked = FALSE;

  g_object_get (self->vault, "unlocked", &unlocked, NULL);
  if (unlocked)
    return;
  clear_rows (self);
  g_clear_object (&self->vault);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
is_active_changed_cb (HarborDeletedClients *self)
{
  /* A client may have been deleted in the main window meanwhile. */
  if (gtk_window_is_active (GTK_WINDOW (self)))
    harbor_deleted_clients_reload (self);
}

static void
harbor_deleted_clients_dispose (GObject *object)
{
  HarborDeletedClients *self = HARBOR_DELETED_CLIENTS (object);

  if (self->rows != NULL)
    clear_rows (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_DELETED_CLIENTS);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (harbor_deleted_clients_parent_class)->dispose (object);
}

static void
harbor_deleted_clients_class_init (HarborDeletedClientsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_deleted_clients_dispose;

  /**
   * HarborDeletedClients::restored:
   * @self: the window
   * @client_id: the restored client's id
   *
   * Emitted after a client is back among the live ones.
   */
  signals[SIGNAL_RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-deleted-clients.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborDeletedClients, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarborDeletedClients, stack);
  gtk_widget_class_bind_template_child (widget_class, HarborDeletedClients, list_group);

  gtk_widget_class_install_action (widget_class, "deleted.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "deleted.purge", "s", purge_action);
  gtk_widget_class_install_action (widget_class, "deleted.empty", NULL, empty_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harbor_deleted_clients_init (HarborDeletedClients *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
}

/**
 * harbor_deleted_clients_new:
 * @parent: (nullable): the main window
 * @vault: an unlocked vault
 *
 * Returns: (transfer full): the window, filled and not yet shown
 */
HarborDeletedClients *
harbor_deleted_clients_new (GtkWindow   *parent,
                            HarborVault *vault)
{
  HarborDeletedClients *self;

  g_return_val_if_fail (HARBOR_IS_VAULT (vault), NULL);

  self = g_object_new (HARBOR_TYPE_DELETED_CLIENTS,
                       "transient-for", parent,
                       NULL);
  /* In the application's list of windows, so locking closes it. */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->vault = g_object_ref (vault);
  g_signal_connect_object (vault, "notify::unlocked", G_CALLBACK (vault_unlocked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  harbor_deleted_clients_reload (self);
  return self;
}

/**
 * harbor_deleted_clients_get_n_clients:
 * @self: the window
 *
 * Returns: how many deleted clients the window lists
 */
guint
harbor_deleted_clients_get_n_clients (HarborDeletedClients *self)
{
  g_return_val_if_fail (HARBOR_IS_DELETED_CLIENTS (self), 0);

  return self->rows->len;
}
