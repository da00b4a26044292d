/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-page.c: one client's page
 *
 * Copyright 2026 The Harbor authors
 *
 * The overview of the client's basic facts, with edit and delete. The page
 * reads the client from the vault when it is made and after each change;
 * it is destroyed when the vault locks, with everything it shows.
 */

#define G_LOG_DOMAIN "harbor-client-page"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"

#include "harbor-client-editor.h"
#include "harbor-client-page.h"

struct _HarborClientPage
{
  GtkWidget     parent_instance;

  /* Template widgets */
  AdwActionRow *name_row;
  AdwActionRow *aliases_row;
  AdwActionRow *pronouns_row;
  AdwActionRow *birth_row;
  AdwActionRow *languages_row;
  AdwActionRow *safety_row;

  /* Owned references */
  HarborVault  *vault;
  char         *client_id;
};

G_DEFINE_FINAL_TYPE (HarborClientPage, harbor_client_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_DELETE_REQUESTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  /* Unknown is a first-class answer: say so rather than leave a blank. */
  adw_action_row_set_subtitle (row, value != NULL && *value != '\0' ? value : _("Not recorded"));
}

static void
set_list_row (AdwActionRow *row,
              GStrv         values)
{
  g_autofree char *joined = values != NULL ? g_strjoinv (", ", values) : NULL;

  set_row (row, joined);
}

/**
 * harbor_client_page_reload:
 * @self: the page
 *
 * Reads the client again from the vault.
 */
void
harbor_client_page_reload (HarborClientPage *self)
{
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = harbor_vault_get_client (self->vault, self->client_id, &error);
  if (client == NULL)
    {
      g_warning ("Could not read a client: %s", error->message);
      return;
    }

  set_row (self->name_row, client->display_name);
  set_list_row (self->aliases_row, client->aliases);
  set_row (self->pronouns_row, client->pronouns);
  set_row (self->birth_row, client->birth_date);
  set_list_row (self->languages_row, client->languages);
  set_row (self->safety_row, client->safety_notes);
}

static void
editor_save_cb (HarborClientEditor *editor,
                HarborVaultClient  *client,
                HarborClientPage   *self)
{
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_update_client (self->vault, client, &error))
    {
      g_warning ("Could not save a client: %s", error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (editor));
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (widget);
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;
  HarborClientEditor *editor;

  client = harbor_vault_get_client (self->vault, self->client_id, &error);
  if (client == NULL)
    return;

  editor = harbor_client_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), client);
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (widget);

  g_signal_emit (self, signals[SIGNAL_DELETE_REQUESTED], 0, self->client_id);
}

static void
harbor_client_page_dispose (GObject *object)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_CLIENT_PAGE);
  harbor_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->vault);
  g_clear_pointer (&self->client_id, g_free);

  G_OBJECT_CLASS (harbor_client_page_parent_class)->dispose (object);
}

static void
harbor_client_page_class_init (HarborClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_client_page_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, pronouns_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, languages_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, safety_row);

  gtk_widget_class_install_action (widget_class, "client.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "client.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "client.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_client_page_init (HarborClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * harbor_client_page_new:
 * @vault: an unlocked vault
 * @client_id: the client's id
 *
 * Returns: (transfer full): the client's page
 */
GtkWidget *
harbor_client_page_new (HarborVault *vault,
                        const char  *client_id)
{
  HarborClientPage *self = g_object_new (HARBOR_TYPE_CLIENT_PAGE, NULL);

  self->vault = g_object_ref (vault);
  self->client_id = g_strdup (client_id);
  harbor_client_page_reload (self);
  return GTK_WIDGET (self);
}

const char *
harbor_client_page_get_client_id (HarborClientPage *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_PAGE (self), NULL);

  return self->client_id;
}
