/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-editor.c: add or edit a client's basic facts
 *
 * Copyright 2026 The Harbor authors
 *
 * Trauma-informed intake asks for the least: only the name the client uses
 * is required. The editor emits "save" with a filled HarborVaultClient; the
 * caller writes it to the vault and closes the editor.
 */

#define G_LOG_DOMAIN "harbor-client-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "harbor-case.h"
#include "harbor-client-editor.h"

struct _HarborClientEditor
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwEntryRow       *name_row;
  AdwEntryRow       *aliases_row;
  AdwEntryRow       *pronouns_row;
  AdwEntryRow       *birth_date_row;
  AdwEntryRow       *languages_row;
  AdwEntryRow       *safety_row;
  GtkCheckButton    *sex_check;
  GtkCheckButton    *labor_check;
  AdwEntryRow       *began_row;
  AdwEntryRow       *ended_row;
  AdwExpanderRow    *documentation_row;
  GtkLabel          *error_label;

  GPtrArray         *documentation_checks;  /* in harbor_documentation_kinds() order */

  /* Owned: the client being edited, or a new one */
  HarborVaultClient *client;
};

G_DEFINE_FINAL_TYPE (HarborClientEditor, harbor_client_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/**
 * harbor_client_editor_parse_date:
 * @text: what was typed
 *
 * Returns: %TRUE if @text is empty or a real calendar date as YYYY-MM-DD
 *   that is not in the future
 */
gboolean
harbor_client_editor_parse_date (const char *text)
{
  g_autoptr(GDateTime) now = NULL;
  int y, m, d;
  char tail;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (text) != 10)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1900)
    return FALSE;

  now = g_date_time_new_now_local ();
  if (y > g_date_time_get_year (now) ||
      (y == g_date_time_get_year (now) && (m > g_date_time_get_month (now) ||
        (m == g_date_time_get_month (now) && d > g_date_time_get_day_of_month (now)))))
    return FALSE;
  return TRUE;
}

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static char *
join_list (GStrv list)
{
  return list != NULL ? g_strjoinv (", ", list) : g_strdup ("");
}

static char *
text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static const struct
{
  const char *kind;
  const char *label;
} documentation_labels[] = {
  { "t_visa", N_("T visa") },
  { "continued_presence", N_("Continued Presence") },
  { "certification_letter", N_("Certification or eligibility letter (HHS)") },
  { "law_enforcement_letter", N_("Letter from law enforcement") },
  { "court_finding", N_("A court’s finding") },
  { "service_provider_affidavit", N_("Statement from a service provider") },
};

static const char *
documentation_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (documentation_labels); i++)
    if (g_strcmp0 (kind, documentation_labels[i].kind) == 0)
      return _(documentation_labels[i].label);
  return kind;
}

static gboolean
validate (HarborClientEditor *self,
          gboolean            show)
{
  g_autofree char *name = text_or_null (self->name_row);
  const char *birth = gtk_editable_get_text (GTK_EDITABLE (self->birth_date_row));
  const char *began = gtk_editable_get_text (GTK_EDITABLE (self->began_row));
  const char *ended = gtk_editable_get_text (GTK_EDITABLE (self->ended_row));
  const char *message = NULL;

  if (name == NULL)
    message = _("Please enter the name the client uses. It can be a first name or a nickname.");
  else if (!harbor_client_editor_parse_date (birth))
    message = _("The date of birth should look like 1998-04-23, and cannot be in the future.");
  else if (!harbor_client_editor_parse_date (began) || !harbor_client_editor_parse_date (ended))
    message = _("Trafficking dates should look like 2019-06-01, and cannot be in the future.");
  else if (*began != '\0' && *ended != '\0' && strcmp (ended, began) < 0)
    message = _("The trafficking cannot end before it began. Please check both dates.");

  if (show || message == NULL)
    {
      gtk_label_set_text (self->error_label, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
    }
  if (message == NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->birth_date_row), "error");
  else if (name != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->birth_date_row), "error");

  return message == NULL;
}

static void
changed_cb (HarborClientEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", validate (self, FALSE));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarborClientEditor *self = HARBOR_CLIENT_EDITOR (widget);
  HarborVaultClient *client = self->client;

  if (!validate (self, TRUE))
    return;

  g_free (client->display_name);
  client->display_name = text_or_null (self->name_row);
  g_free (client->pronouns);
  client->pronouns = text_or_null (self->pronouns_row);
  g_free (client->birth_date);
  client->birth_date = text_or_null (self->birth_date_row);
  g_free (client->safety_notes);
  client->safety_notes = text_or_null (self->safety_row);
  g_strfreev (client->aliases);
  client->aliases = split_list (gtk_editable_get_text (GTK_EDITABLE (self->aliases_row)));
  g_strfreev (client->languages);
  client->languages = split_list (gtk_editable_get_text (GTK_EDITABLE (self->languages_row)));

  {
    g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
    g_autoptr(GStrvBuilder) docs = g_strv_builder_new ();
    const char * const *kinds = harbor_documentation_kinds ();
    gboolean any_type = gtk_check_button_get_active (self->sex_check) ||
                        gtk_check_button_get_active (self->labor_check);

    if (gtk_check_button_get_active (self->sex_check))
      g_strv_builder_add (types, "sex");
    if (gtk_check_button_get_active (self->labor_check))
      g_strv_builder_add (types, "labor");
    g_strfreev (client->trafficking_types);
    /* Nothing ticked stays unknown: it is not a statement that the client
     * was not trafficked. */
    client->trafficking_types = any_type ? g_strv_builder_end (types) : NULL;

    for (guint i = 0; kinds[i] != NULL; i++)
      if (gtk_check_button_get_active (g_ptr_array_index (self->documentation_checks, i)))
        g_strv_builder_add (docs, kinds[i]);
    g_strfreev (client->trafficking_documentation);
    client->trafficking_documentation = g_strv_builder_end (docs);
    if (client->trafficking_documentation[0] == NULL)
      g_clear_pointer (&client->trafficking_documentation, g_strfreev);

    g_free (client->trafficking_began_on);
    client->trafficking_began_on = text_or_null (self->began_row);
    g_free (client->trafficking_ended_on);
    client->trafficking_ended_on = text_or_null (self->ended_row);
  }

  g_signal_emit (self, signals[SIGNAL_SAVE], 0, client);
}

static void
harbor_client_editor_dispose (GObject *object)
{
  HarborClientEditor *self = HARBOR_CLIENT_EDITOR (object);

  g_clear_pointer (&self->client, harbor_vault_client_free);
  g_clear_pointer (&self->documentation_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (harbor_client_editor_parent_class)->dispose (object);
}

static void
harbor_client_editor_class_init (HarborClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_client_editor_dispose;

  /**
   * HarborClientEditor::save:
   * @self: the editor
   * @client: (type gpointer): the #HarborVaultClient, owned by the editor
   */
  signals[SIGNAL_SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, pronouns_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, languages_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, safety_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, sex_check);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, labor_check);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, began_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, ended_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, documentation_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harbor_client_editor_init (HarborClientEditor *self)
{
  const char * const *kinds = harbor_documentation_kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->documentation_checks = g_ptr_array_new ();
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), documentation_label (kinds[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      documentation_label (kinds[i]), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->documentation_row, row);
      g_ptr_array_add (self->documentation_checks, check);
    }
}

static char *
copy_client_field (const char *value)
{
  return g_strdup (value);
}

/**
 * harbor_client_editor_new:
 * @parent: the window it belongs to
 * @client: (nullable): the client to edit, or %NULL to add one
 *
 * Returns: (transfer full): a new editor
 */
HarborClientEditor *
harbor_client_editor_new (GtkWindow               *parent,
                          const HarborVaultClient *client)
{
  HarborClientEditor *self = g_object_new (HARBOR_TYPE_CLIENT_EDITOR,
                                           "transient-for", parent,
                                           NULL);
  HarborVaultClient *copy = harbor_vault_client_new ();

  if (client != NULL)
    {
      g_autofree char *aliases = join_list (client->aliases);
      g_autofree char *languages = join_list (client->languages);

      const char * const *kinds = harbor_documentation_kinds ();

      copy->id = copy_client_field (client->id);
      gtk_check_button_set_active (self->sex_check, client->trafficking_types != NULL &&
                                   g_strv_contains ((const char * const *) client->trafficking_types, "sex"));
      gtk_check_button_set_active (self->labor_check, client->trafficking_types != NULL &&
                                   g_strv_contains ((const char * const *) client->trafficking_types, "labor"));
      gtk_editable_set_text (GTK_EDITABLE (self->began_row),
                             client->trafficking_began_on ? client->trafficking_began_on : "");
      gtk_editable_set_text (GTK_EDITABLE (self->ended_row),
                             client->trafficking_ended_on ? client->trafficking_ended_on : "");
      for (guint i = 0; kinds[i] != NULL; i++)
        gtk_check_button_set_active (g_ptr_array_index (self->documentation_checks, i),
                                     client->trafficking_documentation != NULL &&
                                     g_strv_contains ((const char * const *) client->trafficking_documentation, kinds[i]));

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), client->display_name ? client->display_name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->aliases_row), aliases);
      gtk_editable_set_text (GTK_EDITABLE (self->pronouns_row), client->pronouns ? client->pronouns : "");
      gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), client->birth_date ? client->birth_date : "");
      gtk_editable_set_text (GTK_EDITABLE (self->languages_row), languages);
      gtk_editable_set_text (GTK_EDITABLE (self->safety_row), client->safety_notes ? client->safety_notes : "");
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Client"));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Client"));
    }

  self->client = copy;
  changed_cb (self);
  return self;
}
