/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-record-editor.c: add or edit a criminal-history record
 *
 * Copyright 2026 The Harbor authors
 *
 * Every field of a harbor-case/1 record, each optional: "Not sure" keeps a
 * fact unknown, which the statute engine treats as a question to ask rather
 * than a no. The jurisdiction list is every jurisdiction in the rule data.
 * Dates are checked as real calendar dates, not in the future, and in order
 * (an outcome cannot come before the offense).
 */

#define G_LOG_DOMAIN "harbor-record-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "harbor-law-library.h"
#include "harbor-record-editor.h"

struct _HarborRecordEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwComboRow     *jurisdiction_row;
  AdwComboRow     *court_row;
  AdwComboRow     *disposition_row;
  AdwEntryRow     *description_row;
  AdwEntryRow     *statute_row;
  AdwExpanderRow  *categories_row;
  AdwComboRow     *class_row;
  AdwEntryRow     *degree_row;
  AdwComboRow     *violent_row;
  AdwComboRow     *child_victim_row;
  AdwEntryRow     *offense_date_row;
  AdwEntryRow     *disposition_date_row;
  AdwEntryRow     *sentence_completed_row;
  AdwComboRow     *nexus_row;
  AdwComboRow     *sentenced_row;
  AdwComboRow     *imprisoned_row;
  GtkLabel        *error_label;

  /* Owned */
  HarborRecord    *record;
  GPtrArray       *jurisdictions;     /* codes, in the order of jurisdiction_row; [0] = unknown */
  GPtrArray       *category_checks;   /* GtkCheckButton, in harbor_offense_categories() order */
};

G_DEFINE_FINAL_TYPE (HarborRecordEditor, harbor_record_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const struct
{
  const char *category;
  const char *label;
} category_labels[] = {
  { "prostitution", N_("Prostitution") },
  { "prostitution_related", N_("Loitering or soliciting (as the one selling)") },
  { "purchasing_sex", N_("Buying sex") },
  { "promoting_prostitution", N_("Promoting prostitution") },
  { "trafficking_others", N_("Trafficking others") },
  { "drug_possession", N_("Drug possession") },
  { "drug_sale", N_("Selling drugs") },
  { "theft", N_("Theft or shoplifting") },
  { "fraud", N_("Fraud") },
  { "forgery_identity", N_("Forgery or identity documents") },
  { "trespass", N_("Trespass") },
  { "public_order", N_("Public order (such as disorderly conduct)") },
  { "weapons", N_("Weapons") },
  { "assault", N_("Assault") },
  { "robbery", N_("Robbery") },
  { "burglary", N_("Burglary") },
  { "homicide", N_("Homicide") },
  { "sexual_offense", N_("Sexual offense") },
  { "immigration_document", N_("Immigration documents") },
  { "traffic", N_("Traffic") },
  { "status_offense", N_("Status offense (such as running away or truancy)") },
  { "other", N_("Something else") },
};

/**
 * harbor_offense_category_label:
 * @category: a category of the harbor-case/1 vocabulary
 *
 * Returns: (transfer none): the category in plain, translated words
 */
const char *
harbor_offense_category_label (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_labels); i++)
    if (g_strcmp0 (category, category_labels[i].category) == 0)
      return _(category_labels[i].label);
  return category;
}

/**
 * harbor_jurisdiction_label:
 * @rules: (nullable): the rule data
 * @jurisdiction: (nullable): a code such as "US-OH"
 *
 * Returns: (transfer full): the jurisdiction's name, or the code, or "not
 *   recorded"
 */
char *
harbor_jurisdiction_label (const HarborRules *rules,
                           const char        *jurisdiction)
{
  const HarborRuleSet *set;

  if (jurisdiction == NULL)
    return g_strdup (_("Place not recorded"));
  set = rules != NULL ? harbor_rules_find_set (rules, jurisdiction) : NULL;
  return g_strdup (set != NULL ? set->name : jurisdiction);
}

/* HarborTri <-> the Not sure / Yes / No rows. */
static guint
tri_to_index (HarborTri value)
{
  switch (value)
    {
    case HARBOR_TRI_TRUE: return 1;
    case HARBOR_TRI_FALSE: return 2;
    case HARBOR_TRI_UNKNOWN:
    default: return 0;
    }
}

static HarborTri
index_to_tri (guint index)
{
  switch (index)
    {
    case 1: return HARBOR_TRI_TRUE;
    case 2: return HARBOR_TRI_FALSE;
    default: return HARBOR_TRI_UNKNOWN;
    }
}

static void
set_date_text (AdwEntryRow *row,
               const GDate *date)
{
  char buffer[16] = "";

  if (g_date_valid (date))
    g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  gtk_editable_set_text (GTK_EDITABLE (row), buffer);
}

/* Returns FALSE if the text is neither empty nor a real, past date. */
static gboolean
parse_date (AdwEntryRow *row,
            GDate       *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  int y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (*text == '\0')
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) || y < 1900)
    return FALSE;

  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  return g_date_compare (out, &today) <= 0;
}

static char *
text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
validate (HarborRecordEditor *self,
          gboolean            show)
{
  GDate offense, disposition, completed;
  const char *message = NULL;
  gboolean offense_ok = parse_date (self->offense_date_row, &offense);
  gboolean disposition_ok = parse_date (self->disposition_date_row, &disposition);
  gboolean completed_ok = parse_date (self->sentence_completed_row, &completed);

  gtk_widget_remove_css_class (GTK_WIDGET (self->offense_date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->disposition_date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sentence_completed_row), "error");

  if (!offense_ok || !disposition_ok || !completed_ok)
    {
      message = _("A date should look like 2021-06-10 and cannot be in the future.");
      if (!offense_ok)
        gtk_widget_add_css_class (GTK_WIDGET (self->offense_date_row), "error");
      if (!disposition_ok)
        gtk_widget_add_css_class (GTK_WIDGET (self->disposition_date_row), "error");
      if (!completed_ok)
        gtk_widget_add_css_class (GTK_WIDGET (self->sentence_completed_row), "error");
    }
  else if (g_date_valid (&offense) && g_date_valid (&disposition) &&
           g_date_compare (&disposition, &offense) < 0)
    {
      message = _("The outcome cannot come before the offense. Please check both dates.");
      gtk_widget_add_css_class (GTK_WIDGET (self->disposition_date_row), "error");
    }

  if (show || message == NULL)
    {
      gtk_label_set_text (self->error_label, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
    }
  return message == NULL;
}

static void
changed_cb (HarborRecordEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.save", validate (self, FALSE));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarborRecordEditor *self = HARBOR_RECORD_EDITOR (widget);
  HarborRecord *record = self->record;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  const char * const *names = harbor_offense_categories ();
  guint index;

  if (!validate (self, TRUE))
    return;

  index = adw_combo_row_get_selected (self->jurisdiction_row);
  g_free (record->jurisdiction);
  record->jurisdiction = index > 0 && index < self->jurisdictions->len
    ? g_strdup (g_ptr_array_index (self->jurisdictions, index)) : NULL;

  record->court = (HarborCourt) adw_combo_row_get_selected (self->court_row);
  record->disposition = (HarborDisposition) adw_combo_row_get_selected (self->disposition_row);

  g_free (record->offense.description);
  record->offense.description = text_or_null (self->description_row);
  g_free (record->offense.statute);
  record->offense.statute = text_or_null (self->statute_row);

  for (guint i = 0; i < self->category_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->category_checks, i)))
      g_strv_builder_add (categories, names[i]);
  g_strfreev (record->offense.categories);
  record->offense.categories = g_strv_builder_end (categories);
  /* Nothing ticked is "not recorded", not "none of these". */
  if (record->offense.categories[0] == NULL)
    g_clear_pointer (&record->offense.categories, g_strfreev);

  record->offense.klass = (HarborOffenseClass) adw_combo_row_get_selected (self->class_row);
  g_free (record->offense.degree);
  record->offense.degree = text_or_null (self->degree_row);
  record->offense.violent = index_to_tri (adw_combo_row_get_selected (self->violent_row));
  record->offense.child_victim = index_to_tri (adw_combo_row_get_selected (self->child_victim_row));

  parse_date (self->offense_date_row, &record->offense_date);
  parse_date (self->disposition_date_row, &record->disposition_date);
  parse_date (self->sentence_completed_row, &record->sentence_completed_on);

  record->result_of_trafficking = index_to_tri (adw_combo_row_get_selected (self->nexus_row));
  record->sentenced_to_imprisonment = index_to_tri (adw_combo_row_get_selected (self->sentenced_row));
  record->imprisoned = index_to_tri (adw_combo_row_get_selected (self->imprisoned_row));

  g_signal_emit (self, signals[SIGNAL_SAVE], 0, record);
}

static void
harbor_record_editor_dispose (GObject *object)
{
  HarborRecordEditor *self = HARBOR_RECORD_EDITOR (object);

  g_clear_pointer (&self->record, harbor_record_free);
  g_clear_pointer (&self->jurisdictions, g_ptr_array_unref);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (harbor_record_editor_parent_class)->dispose (object);
}

static void
harbor_record_editor_class_init (HarborRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_record_editor_dispose;

  /**
   * HarborRecordEditor::save:
   * @self: the editor
   * @record: (type gpointer): the #HarborRecord, owned by the editor
   */
  signals[SIGNAL_SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, jurisdiction_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, court_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, disposition_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, statute_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, categories_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, class_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, degree_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, violent_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, child_victim_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, offense_date_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, disposition_date_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, sentence_completed_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, nexus_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, sentenced_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, imprisoned_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRecordEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "record.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "record.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harbor_record_editor_init (HarborRecordEditor *self)
{
  const char * const *names = harbor_offense_categories ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->jurisdictions = g_ptr_array_new_with_free_func (g_free);
  self->category_checks = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), harbor_offense_category_label (names[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      harbor_offense_category_label (names[i]), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->categories_row, row);
      g_ptr_array_add (self->category_checks, check);
    }
}

/**
 * harbor_record_editor_new:
 * @parent: the window it belongs to
 * @rules: (nullable): the rule data, for the list of jurisdictions
 * @record: (nullable): the record to edit, or %NULL for a new one
 *
 * Returns: (transfer full): a new editor
 */
HarborRecordEditor *
harbor_record_editor_new (GtkWindow          *parent,
                          const HarborRules  *rules,
                          const HarborRecord *record)
{
  HarborRecordEditor *self = g_object_new (HARBOR_TYPE_RECORD_EDITOR,
                                           "transient-for", parent,
                                           NULL);
  g_autoptr(GtkStringList) places = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = NULL;
  const char * const *names = harbor_offense_categories ();
  guint selected = 0;

  self->record = record != NULL ? harbor_record_copy (record) : harbor_record_new ();

  gtk_string_list_append (places, _("Not sure"));
  g_ptr_array_add (self->jurisdictions, NULL);
  sorted = rules != NULL ? harbor_rule_sets_for_display (rules) : g_ptr_array_new ();
  for (guint i = 0; i < sorted->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (sorted, i);

      if (g_strcmp0 (set->jurisdiction, self->record->jurisdiction) == 0)
        selected = self->jurisdictions->len;
      gtk_string_list_append (places, set->name);
      g_ptr_array_add (self->jurisdictions, g_strdup (set->jurisdiction));
    }
  adw_combo_row_set_model (self->jurisdiction_row, G_LIST_MODEL (places));
  adw_combo_row_set_selected (self->jurisdiction_row, selected);

  adw_combo_row_set_selected (self->court_row, self->record->court);
  adw_combo_row_set_selected (self->disposition_row, self->record->disposition);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         self->record->offense.description ? self->record->offense.description : "");
  gtk_editable_set_text (GTK_EDITABLE (self->statute_row),
                         self->record->offense.statute ? self->record->offense.statute : "");
  for (guint i = 0; names[i] != NULL; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->category_checks, i),
                                 self->record->offense.categories != NULL &&
                                 g_strv_contains ((const char * const *) self->record->offense.categories, names[i]));
  adw_combo_row_set_selected (self->class_row, self->record->offense.klass);
  gtk_editable_set_text (GTK_EDITABLE (self->degree_row),
                         self->record->offense.degree ? self->record->offense.degree : "");
  adw_combo_row_set_selected (self->violent_row, tri_to_index (self->record->offense.violent));
  adw_combo_row_set_selected (self->child_victim_row, tri_to_index (self->record->offense.child_victim));
  set_date_text (self->offense_date_row, &self->record->offense_date);
  set_date_text (self->disposition_date_row, &self->record->disposition_date);
  set_date_text (self->sentence_completed_row, &self->record->sentence_completed_on);
  adw_combo_row_set_selected (self->nexus_row, tri_to_index (self->record->result_of_trafficking));
  adw_combo_row_set_selected (self->sentenced_row, tri_to_index (self->record->sentenced_to_imprisonment));
  adw_combo_row_set_selected (self->imprisoned_row, tri_to_index (self->record->imprisoned));

  gtk_window_set_title (GTK_WINDOW (self), record != NULL ? _("Edit Record") : _("New Record"));
  changed_cb (self);
  return self;
}
