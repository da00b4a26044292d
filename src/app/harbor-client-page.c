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
#include "harbor-record-editor.h"
#include "harbor-relief-view.h"

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
  AdwActionRow *trafficking_row;
  AdwActionRow *documents_row;
  AdwViewStack *view_stack;
  AdwPreferencesGroup *records_group;
  HarborReliefView *relief_view;

  /* Owned references */
  HarborVault  *vault;
  char         *client_id;
  GPtrArray    *record_rows;

  /* Borrowed: owned by the application */
  const HarborRules *rules;
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

static const char *
disposition_label (HarborDisposition disposition)
{
  switch (disposition)
    {
    case HARBOR_DISPOSITION_ARREST_ONLY: return _("Arrest only");
    case HARBOR_DISPOSITION_PENDING: return _("Pending");
    case HARBOR_DISPOSITION_DISMISSED: return _("Dismissed");
    case HARBOR_DISPOSITION_ACQUITTED: return _("Acquitted");
    case HARBOR_DISPOSITION_DIVERTED: return _("Diverted");
    case HARBOR_DISPOSITION_CONVICTED: return _("Convicted");
    case HARBOR_DISPOSITION_ADJUDICATED_DELINQUENT: return _("Found delinquent");
    case HARBOR_DISPOSITION_UNKNOWN:
    default: return _("Outcome not recorded");
    }
}

static void
record_editor_save_cb (HarborRecordEditor *editor,
                       HarborRecord       *record,
                       HarborClientPage   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean ok;

  if (record->id != NULL)
    ok = harbor_vault_update_record (self->vault, record, &error);
  else
    ok = (id = harbor_vault_add_record (self->vault, self->client_id, record, &error)) != NULL;
  if (!ok)
    {
      g_warning ("Could not save a record: %s", error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (editor));
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
open_record_editor (HarborClientPage   *self,
                    const HarborRecord *record)
{
  HarborRecordEditor *editor;

  editor = harbor_record_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->rules, record);
  g_signal_connect_object (editor, "save", G_CALLBACK (record_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_record_clicked_cb (GtkButton        *button,
                        HarborClientPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr(HarborRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = harbor_vault_get_record (self->vault, id, &error);
  if (record != NULL)
    open_record_editor (self, record);
}

static void
delete_record_clicked_cb (GtkButton        *button,
                          HarborClientPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_delete (self->vault, HARBOR_VAULT_KIND_RECORD, id, &error))
    {
      g_warning ("Could not delete a record: %s", error->message);
      return;
    }
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkWidget *
record_button (HarborClientPage *self,
               const char       *icon,
               const char       *label,
               const char       *record_id,
               GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "record-id", g_strdup (record_id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static void
reload_records (HarborClientPage *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->record_rows->len; i++)
    adw_preferences_group_remove (self->records_group, g_ptr_array_index (self->record_rows, i));
  g_ptr_array_set_size (self->record_rows, 0);

  records = harbor_vault_list_records (self->vault, self->client_id, &error);
  if (records == NULL)
    {
      g_warning ("Could not list records: %s", error->message);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const HarborRecord *record = g_ptr_array_index (records, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *place = harbor_jurisdiction_label (self->rules, record->jurisdiction);
      g_autofree char *title = g_strdup_printf ("%s · %s", place, disposition_label (record->disposition));
      g_autofree char *date = g_date_valid (&record->disposition_date) ? harbor_date_to_string (&record->disposition_date)
                                                                       : NULL;
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s",
                                                   record->offense.description ? record->offense.description
                                                                               : _("Offense not recorded"),
                                                   date != NULL ? " · " : "", date != NULL ? date : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 record_button (self, "document-edit-symbolic", _("Edit the record"),
                                                record->id, G_CALLBACK (edit_record_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 record_button (self, "user-trash-symbolic", _("Delete the record"),
                                                record->id, G_CALLBACK (delete_record_clicked_cb)));
      adw_preferences_group_add (self->records_group, row);
      g_ptr_array_add (self->record_rows, row);
    }
}

static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_record_editor (HARBOR_CLIENT_PAGE (widget), NULL);
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

  {
    g_autoptr(GString) trafficking = g_string_new (NULL);

    if (client->trafficking_types != NULL)
      for (guint i = 0; client->trafficking_types[i] != NULL; i++)
        {
          if (trafficking->len > 0)
            g_string_append (trafficking, ", ");
          g_string_append (trafficking, g_str_equal (client->trafficking_types[i], "sex")
                                        ? _("sex trafficking") : _("labor trafficking"));
        }
    if (client->trafficking_began_on != NULL || client->trafficking_ended_on != NULL)
      g_string_append_printf (trafficking, trafficking->len > 0 ? " (%s – %s)" : "%s – %s",
                              client->trafficking_began_on ? client->trafficking_began_on : "?",
                              client->trafficking_ended_on ? client->trafficking_ended_on : "?");
    set_row (self->trafficking_row, trafficking->str);
    set_list_row (self->documents_row, client->trafficking_documentation);
  }

  reload_records (self);
  harbor_relief_view_set_client (self->relief_view, self->vault, self->rules, self->client_id);
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
  g_clear_pointer (&self->record_rows, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, trafficking_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, documents_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, records_group);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, relief_view);

  gtk_widget_class_install_action (widget_class, "client.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "client.add-record", NULL, add_record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "client.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "client.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_client_page_init (HarborClientPage *self)
{
  g_type_ensure (HARBOR_TYPE_RELIEF_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->record_rows = g_ptr_array_new ();
}

/**
 * harbor_client_page_new:
 * @vault: an unlocked vault
 * @rules: (nullable): the rule data, which must outlive the page
 * @client_id: the client's id
 *
 * Returns: (transfer full): the client's page
 */
GtkWidget *
harbor_client_page_new (HarborVault       *vault,
                        const HarborRules *rules,
                        const char        *client_id)
{
  HarborClientPage *self = g_object_new (HARBOR_TYPE_CLIENT_PAGE, NULL);

  self->rules = rules;
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

/**
 * harbor_client_page_show_section:
 * @self: the page
 * @name: "overview", "records" or "relief"
 */
void
harbor_client_page_show_section (HarborClientPage *self,
                                 const char       *name)
{
  g_return_if_fail (HARBOR_IS_CLIENT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * harbor_client_page_get_relief_view:
 * @self: the page
 *
 * Returns: (transfer none): the relief section
 */
HarborReliefView *
harbor_client_page_get_relief_view (HarborClientPage *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_PAGE (self), NULL);

  return self->relief_view;
}
