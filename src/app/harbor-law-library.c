/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-law-library.c: browse every jurisdiction's relief pathways
 *
 * Copyright 2026 The Harbor authors
 *
 * The library needs no client and no unlocked vault: it shows the rule data
 * itself. For each pathway: its kind in plain words, the citation, who
 * qualifies (the conditions), what is excluded, timing, evidence, the steps,
 * the effect, the burden of proof, the confidence, the review date, the
 * sources and the open questions. Rule text is data, shown as written.
 */

#define G_LOG_DOMAIN "harbor-law-library"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "harbor-law-library.h"
#include "harbor-widget-utils.h"

struct _HarborLawLibrary
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *filter_entry;
  GtkListBox          *jurisdiction_list;
  GtkBox              *content_box;
  AdwPreferencesGroup *pathways_group;

  /* Borrowed: owned by the application, which outlives every window */
  const HarborRules   *rules;
  GPtrArray           *pathway_rows;   /* rows currently in pathways_group */
};

G_DEFINE_FINAL_TYPE (HarborLawLibrary, harbor_law_library, GTK_TYPE_WIDGET)

/**
 * harbor_kind_to_label:
 * @kind: a pathway kind from the rule data
 *
 * Returns: (transfer full): the kind in plain, translated words
 */
char *
harbor_kind_to_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } kinds[] = {
    { "vacatur", N_("Vacatur (the conviction is set aside)") },
    { "expungement", N_("Expungement (the record is erased)") },
    { "sealing", N_("Sealing (the record is hidden from most checks)") },
    { "sentence_reduction", N_("Sentence reduction") },
    { "safe_harbor", N_("Safe Harbor (protection for minors)") },
    { "affirmative_defense", N_("Affirmative defense (raised in a pending case)") },
    { "diversion", N_("Diversion (a program instead of prosecution)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return g_strdup (_(kinds[i].label));
  return g_strdup (kind != NULL ? kind : "");
}

/**
 * harbor_confidence_to_label:
 * @confidence: "high", "medium" or "low"
 *
 * Returns: (transfer none): a translated explanation
 */
const char *
harbor_confidence_to_label (const char *confidence)
{
  if (g_strcmp0 (confidence, "high") == 0)
    return _("High: checked against the statute’s text");
  if (g_strcmp0 (confidence, "medium") == 0)
    return _("Medium: from reliable summaries; details may differ");
  if (g_strcmp0 (confidence, "low") == 0)
    return _("Low: uncertain; confirm with an attorney");
  return _("Unknown");
}

static const char *
burden_standard_label (const char *standard)
{
  if (g_strcmp0 (standard, "preponderance") == 0)
    return _("More likely than not (preponderance of the evidence)");
  if (g_strcmp0 (standard, "clear_and_convincing") == 0)
    return _("Clear and convincing evidence");
  if (g_strcmp0 (standard, "beyond_reasonable_doubt") == 0)
    return _("Beyond a reasonable doubt");
  if (g_strcmp0 (standard, "unspecified") == 0)
    return _("The law states none");
  return _("Not yet researched");
}

static void
add_list_row (AdwExpanderRow *expander,
              const char     *title,
              GPtrArray      *lines)
{
  g_autofree char *joined = NULL;

  if (lines->len == 0)
    return;
  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv ("\n", (char **) lines->pdata);
  adw_expander_row_add_row (expander, harbor_property_row_new (title, joined));
}

static char *
format_date (const GDate *date)
{
  char buffer[32];

  if (!g_date_valid (date))
    return g_strdup (_("Unknown"));
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

static GtkWidget *
pathway_row (const HarborPathway *pathway)
{
  GtkWidget *expander = adw_expander_row_new ();
  AdwExpanderRow *row = ADW_EXPANDER_ROW (expander);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *kind = harbor_kind_to_label (pathway->kind);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", kind, pathway->citation);
  g_autofree char *reviewed = format_date (&pathway->reviewed);
  g_autofree char *burden = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pathway->title);
  /* The expander's own list row has no name of its own in libadwaita 1.2. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, pathway->title, -1);
  adw_expander_row_set_subtitle (row, subtitle);

  adw_expander_row_add_row (row, harbor_property_row_new (_("Citation"), pathway->citation));
  adw_expander_row_add_row (row, harbor_property_row_new (_("Applies To"), pathway->applies_text));

  for (guint i = 0; i < pathway->conditions->len; i++)
    {
      const HarborClause *clause = g_ptr_array_index (pathway->conditions, i);
      g_ptr_array_add (lines, g_strdup_printf ("• %s", clause->text));
    }
  add_list_row (row, _("Who Qualifies"), lines);
  g_ptr_array_set_size (lines, 0);

  for (guint i = 0; pathway->exclusions != NULL && i < pathway->exclusions->len; i++)
    {
      const HarborClause *clause = g_ptr_array_index (pathway->exclusions, i);
      g_ptr_array_add (lines, g_strdup_printf ("• %s", clause->text));
    }
  add_list_row (row, _("Not Covered"), lines);
  g_ptr_array_set_size (lines, 0);

  adw_expander_row_add_row (row, harbor_property_row_new (_("Timing"), pathway->timing.text));

  for (guint i = 0; pathway->evidence != NULL && i < pathway->evidence->len; i++)
    {
      const HarborEvidence *evidence = g_ptr_array_index (pathway->evidence, i);
      g_ptr_array_add (lines, g_strdup_printf ("• %s", evidence->text));
    }
  add_list_row (row, _("Evidence"), lines);
  g_ptr_array_set_size (lines, 0);

  for (guint i = 0; pathway->procedure != NULL && i < pathway->procedure->len; i++)
    {
      const HarborStep *step = g_ptr_array_index (pathway->procedure, i);
      g_ptr_array_add (lines, g_strdup_printf ("%u. %s", i + 1, step->text));
    }
  add_list_row (row, _("Steps"), lines);
  g_ptr_array_set_size (lines, 0);

  adw_expander_row_add_row (row, harbor_property_row_new (_("Effect"), pathway->effect));

  burden = pathway->burden_text != NULL
    ? g_strdup_printf ("%s. %s", burden_standard_label (pathway->burden_standard), pathway->burden_text)
    : g_strdup (burden_standard_label (pathway->burden_standard));
  adw_expander_row_add_row (row, harbor_property_row_new (_("Burden of Proof"), burden));

  adw_expander_row_add_row (row, harbor_property_row_new (_("Confidence"), harbor_confidence_to_label (pathway->confidence)));
  adw_expander_row_add_row (row, harbor_property_row_new (_("Last Reviewed"), reviewed));

  for (guint i = 0; pathway->notes != NULL && pathway->notes[i] != NULL; i++)
    g_ptr_array_add (lines, g_strdup_printf ("• %s", pathway->notes[i]));
  add_list_row (row, _("Notes"), lines);
  g_ptr_array_set_size (lines, 0);

  for (guint i = 0; pathway->open_questions != NULL && pathway->open_questions[i] != NULL; i++)
    g_ptr_array_add (lines, g_strdup_printf ("• %s", pathway->open_questions[i]));
  add_list_row (row, _("Open Questions for Legal Review"), lines);
  g_ptr_array_set_size (lines, 0);

  for (guint i = 0; pathway->sources != NULL && i < pathway->sources->len; i++)
    {
      const HarborSource *source = g_ptr_array_index (pathway->sources, i);
      g_ptr_array_add (lines, g_strdup_printf ("• %s — %s", source->description, source->url));
    }
  add_list_row (row, _("Sources"), lines);

  return expander;
}

static void
clear_pathways (HarborLawLibrary *self)
{
  for (guint i = 0; i < self->pathway_rows->len; i++)
    adw_preferences_group_remove (self->pathways_group, g_ptr_array_index (self->pathway_rows, i));
  g_ptr_array_set_size (self->pathway_rows, 0);
}

static void
show_set (HarborLawLibrary    *self,
          const HarborRuleSet *set)
{
  g_autofree char *reviewed = format_date (&set->reviewed);
  g_autofree char *description = NULL;

  clear_pathways (self);
  adw_preferences_group_set_title (self->pathways_group, set->name);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u pathway · reviewed %s · %s",
                                              "%u pathways · reviewed %s · %s",
                                              set->pathways->len),
                                 set->pathways->len, reviewed,
                                 harbor_confidence_to_label (set->confidence));
  adw_preferences_group_set_description (self->pathways_group, description);

  for (guint i = 0; i < set->pathways->len; i++)
    {
      GtkWidget *row = pathway_row (g_ptr_array_index (set->pathways, i));

      adw_preferences_group_add (self->pathways_group, row);
      g_ptr_array_add (self->pathway_rows, row);
    }
}

static void
jurisdiction_selected_cb (HarborLawLibrary *self,
                          GtkListBoxRow    *row)
{
  const HarborRuleSet *set;

  if (row == NULL || self->rules == NULL)
    return;
  set = g_object_get_data (G_OBJECT (row), "rule-set");
  if (set == NULL)
    return;
  show_set (self, set);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  HarborLawLibrary *self = user_data;
  const HarborRuleSet *set = g_object_get_data (G_OBJECT (row), "rule-set");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *needle = g_utf8_casefold (text, -1);
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (*text == '\0' || set == NULL)
    return TRUE;
  name = g_utf8_casefold (set->name, -1);
  code = g_utf8_casefold (set->jurisdiction, -1);
  return strstr (name, needle) != NULL || strstr (code, needle) != NULL;
}

static void
filter_changed_cb (HarborLawLibrary *self)
{
  gtk_list_box_invalidate_filter (self->jurisdiction_list);
}

static void
harbor_law_library_dispose (GObject *object)
{
  HarborLawLibrary *self = HARBOR_LAW_LIBRARY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_LAW_LIBRARY);
  harbor_widget_unparent_children (GTK_WIDGET (self));
  g_clear_pointer (&self->pathway_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (harbor_law_library_parent_class)->dispose (object);
}

static void
harbor_law_library_class_init (HarborLawLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_law_library_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-law-library.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborLawLibrary, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HarborLawLibrary, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, HarborLawLibrary, jurisdiction_list);
  gtk_widget_class_bind_template_child (widget_class, HarborLawLibrary, content_box);
  gtk_widget_class_bind_template_child (widget_class, HarborLawLibrary, pathways_group);
  gtk_widget_class_bind_template_callback (widget_class, jurisdiction_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_law_library_init (HarborLawLibrary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pathway_rows = g_ptr_array_new ();
  gtk_list_box_set_filter_func (self->jurisdiction_list, filter_func, self, NULL);
}

GtkWidget *
harbor_law_library_new (void)
{
  return g_object_new (HARBOR_TYPE_LAW_LIBRARY, NULL);
}

static int
compare_sets (gconstpointer a,
              gconstpointer b)
{
  const HarborRuleSet *set_a = *(const HarborRuleSet * const *) a;
  const HarborRuleSet *set_b = *(const HarborRuleSet * const *) b;
  gboolean federal_a = g_str_equal (set_a->jurisdiction, "US");
  gboolean federal_b = g_str_equal (set_b->jurisdiction, "US");

  if (federal_a != federal_b)
    return federal_a ? -1 : 1;
  return g_utf8_collate (set_a->name, set_b->name);
}

/**
 * harbor_rule_sets_for_display:
 * @rules: the rule data
 *
 * Returns: (transfer container) (element-type HarborRuleSet): the rule sets
 *   as people look for them: federal law first, then the states and D.C. by
 *   name
 */
GPtrArray *
harbor_rule_sets_for_display (const HarborRules *rules)
{
  GPtrArray *sorted = g_ptr_array_sized_new (rules->sets->len);   /* borrowed elements */

  for (guint i = 0; i < rules->sets->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (rules->sets, i));
  g_ptr_array_sort (sorted, compare_sets);
  return sorted;
}

/**
 * harbor_law_library_set_rules:
 * @self: the library
 * @rules: the loaded rule data; it must outlive the library
 */
void
harbor_law_library_set_rules (HarborLawLibrary  *self,
                              const HarborRules *rules)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GtkWidget *child;

  g_return_if_fail (HARBOR_IS_LAW_LIBRARY (self));

  clear_pathways (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->jurisdiction_list))) != NULL)
    gtk_list_box_remove (self->jurisdiction_list, child);

  self->rules = rules;
  if (rules == NULL)
    return;

  sorted = harbor_rule_sets_for_display (rules);

  for (guint i = 0; i < sorted->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (sorted, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%s · %u pathway",
                                                                "%s · %u pathways",
                                                                set->pathways->len),
                                                   set->jurisdiction, set->pathways->len);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), set->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "rule-set", (gpointer) set);
      gtk_list_box_append (self->jurisdiction_list, row);
    }
}

/**
 * harbor_law_library_show_jurisdiction:
 * @self: the library
 * @jurisdiction: a code such as "US-OH"
 *
 * Returns: %TRUE if the jurisdiction is in the rule data
 */
gboolean
harbor_law_library_show_jurisdiction (HarborLawLibrary *self,
                                      const char       *jurisdiction)
{
  g_return_val_if_fail (HARBOR_IS_LAW_LIBRARY (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->jurisdiction_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const HarborRuleSet *set = g_object_get_data (G_OBJECT (row), "rule-set");

      if (set != NULL && g_strcmp0 (set->jurisdiction, jurisdiction) == 0)
        {
          gtk_list_box_select_row (self->jurisdiction_list, GTK_LIST_BOX_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}

guint
harbor_law_library_get_n_jurisdictions (HarborLawLibrary *self)
{
  g_return_val_if_fail (HARBOR_IS_LAW_LIBRARY (self), 0);

  return self->rules != NULL ? self->rules->sets->len : 0;
}

guint
harbor_law_library_get_n_shown_pathways (HarborLawLibrary *self)
{
  g_return_val_if_fail (HARBOR_IS_LAW_LIBRARY (self), 0);

  return self->pathway_rows->len;
}
