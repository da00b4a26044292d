/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-form-dialog.c: a small form for the simple entries of a client page
 *
 * Copyright 2026 The Harbor authors
 *
 * History events and releases of information are a handful of text, date
 * and choice fields each. One dialog serves both, built from a field list:
 * it checks required fields and dates as they are typed, keeps Save off
 * until the form is valid, and emits "save". The caller reads the values
 * and writes them to the vault.
 */

#define G_LOG_DOMAIN "harbor-form-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "harbor-form-dialog.h"

struct _HarborFormDialog
{
  AdwWindow              parent_instance;

  GtkWidget             *save_button;
  GtkLabel              *error_label;
  const HarborFormField *fields;        /* static tables of the callers */
  guint                  n_fields;
  GPtrArray             *rows;          /* AdwEntryRow or AdwComboRow, one per field */
};

G_DEFINE_FINAL_TYPE (HarborFormDialog, harbor_form_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/**
 * harbor_form_parse_date:
 * @text: what was typed
 *
 * Returns: %TRUE if @text is a real calendar date written YYYY-MM-DD
 */
gboolean
harbor_form_parse_date (const char *text)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10)
    return FALSE;
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return y >= 1900 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static gint
field_index (HarborFormDialog *self,
             const char       *id)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (g_str_equal (self->fields[i].id, id))
      return (gint) i;
  return -1;
}

/**
 * harbor_form_dialog_validate:
 * @self: the dialog
 * @message: (out) (optional): why the form is not valid, translated
 *
 * Returns: %TRUE if every required field is filled and every date is real
 */
gboolean
harbor_form_dialog_validate (HarborFormDialog  *self,
                             char             **message)
{
  for (guint i = 0; i < self->n_fields; i++)
    {
      const HarborFormField *field = &self->fields[i];
      g_autofree char *value = harbor_form_dialog_dup_value (self, field->id);

      if (field->required && value == NULL)
        {
          if (message != NULL)
            *message = g_strdup_printf (_("Please fill in “%s”."), _(field->title));
          return FALSE;
        }
      if (field->kind == HARBOR_FORM_DATE && value != NULL && !harbor_form_parse_date (value))
        {
          if (message != NULL)
            *message = g_strdup_printf (_("“%s” should be a date like 2026-03-14."), _(field->title));
          return FALSE;
        }
    }
  if (message != NULL)
    *message = NULL;
  return TRUE;
}

static void
changed_cb (HarborFormDialog *self)
{
  g_autofree char *message = NULL;
  gboolean ok = harbor_form_dialog_validate (self, &message);

  gtk_widget_set_sensitive (self->save_button, ok);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
save_clicked_cb (HarborFormDialog *self)
{
  if (harbor_form_dialog_validate (self, NULL))
    g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

static void
harbor_form_dialog_dispose (GObject *object)
{
  HarborFormDialog *self = HARBOR_FORM_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (harbor_form_dialog_parent_class)->dispose (object);
}

static void
harbor_form_dialog_class_init (HarborFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_form_dialog_dispose;

  /**
   * HarborFormDialog::save:
   * @self: the dialog, whose values are valid
   */
  signals[SIGNAL_SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harbor_form_dialog_init (HarborFormDialog *self)
{
  self->rows = g_ptr_array_new ();
}

/**
 * harbor_form_dialog_new:
 * @parent: the window it belongs to
 * @title: the dialog's title (never client data)
 * @description: (nullable): a sentence shown above the fields
 * @fields: (array length=n_fields): the fields; a static table
 * @n_fields: their number
 *
 * Returns: (transfer full): a new dialog
 */
HarborFormDialog *
harbor_form_dialog_new (GtkWindow             *parent,
                        const char            *title,
                        const char            *description,
                        const HarborFormField *fields,
                        guint                  n_fields)
{
  HarborFormDialog *self = g_object_new (HARBOR_TYPE_FORM_DIALOG,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         "title", title,
                                         "default-width", 480,
                                         NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *error_group = adw_preferences_group_new ();
  GtkWidget *error_label = gtk_label_new (NULL);

  self->fields = fields;
  self->n_fields = n_fields;

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (box), header);

  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint i = 0; i < n_fields; i++)
    {
      const HarborFormField *field = &fields[i];
      GtkWidget *row;

      if (field->kind == HARBOR_FORM_CHOICE)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

          for (guint j = 0; field->labels[j] != NULL; j++)
            gtk_string_list_append (labels, _(field->labels[j]));
          row = adw_combo_row_new ();
          adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
          g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (changed_cb), self);
        }
      else
        {
          row = adw_entry_row_new ();
          g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), self);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->title));
      if (field->kind == HARBOR_FORM_CHOICE)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(field->title), -1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->rows, row);
    }

  self->error_label = GTK_LABEL (error_label);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (error_label, "error");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (error_group), error_label);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (error_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  changed_cb (self);
  return self;
}

/**
 * harbor_form_dialog_set_value:
 * @self: the dialog
 * @id: a field id
 * @value: (nullable): the value (a choice id for choice fields)
 */
void
harbor_form_dialog_set_value (HarborFormDialog *self,
                              const char       *id,
                              const char       *value)
{
  gint index = field_index (self, id);
  GtkWidget *row;

  g_return_if_fail (index >= 0);

  row = g_ptr_array_index (self->rows, index);
  if (self->fields[index].kind == HARBOR_FORM_CHOICE)
    {
      for (guint i = 0; self->fields[index].choices[i] != NULL; i++)
        if (g_strcmp0 (self->fields[index].choices[i], value) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
    }
}

/**
 * harbor_form_dialog_dup_value:
 * @self: the dialog
 * @id: a field id
 *
 * Returns: (transfer full) (nullable): the trimmed value, or %NULL if empty;
 *   a choice id for choice fields
 */
char *
harbor_form_dialog_dup_value (HarborFormDialog *self,
                              const char       *id)
{
  gint index = field_index (self, id);
  GtkWidget *row;
  g_autofree char *text = NULL;

  g_return_val_if_fail (index >= 0, NULL);

  row = g_ptr_array_index (self->rows, index);
  if (self->fields[index].kind == HARBOR_FORM_CHOICE)
    return g_strdup (self->fields[index].choices[adw_combo_row_get_selected (ADW_COMBO_ROW (row))]);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}
