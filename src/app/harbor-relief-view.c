/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-relief-view.c: the statute engine's answers for one client
 *
 * Copyright 2026 The Harbor authors
 *
 * For each record, each pathway of its jurisdiction (and of federal law for
 * federal records): the status in plain words, the citation, the reasons,
 * the facts still missing as gentle questions (the yes-or-no ones can be
 * answered right here), the points that need legal review, the earliest
 * filing date, and the confidence and review date of the rule. An
 * available or not-yet pathway can be turned into a checklist stored in the
 * vault, whose items are ticked here.
 *
 * The view re-reads the client from the vault and evaluates again after
 * every change; evaluation is fast (see `harbor-cli bench engine`).
 */

#define G_LOG_DOMAIN "harbor-relief-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "harbor-law-library.h"
#include "harbor-record-editor.h"
#include "harbor-relief-view.h"
#include "harbor-widget-utils.h"

struct _HarborReliefView
{
  GtkWidget          parent_instance;

  GtkWidget         *page;          /* AdwPreferencesPage, rebuilt on refresh */

  /* Owned references */
  HarborVault       *vault;
  char              *client_id;
  HarborCase        *kase;
  HarborEvaluation  *evaluation;

  /* Borrowed: owned by the application */
  const HarborRules *rules;

  /* "record-id pathway-id" of the rows the caseworker opened, kept open
   * when the rows are rebuilt after a change */
  GHashTable        *expanded;
};

G_DEFINE_FINAL_TYPE (HarborReliefView, harbor_relief_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_EDIT_RECORD,
  SIGNAL_EDIT_CLIENT,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* ---- Words ----------------------------------------------------------------- */

/**
 * harbor_status_to_label:
 * @status: an engine status
 *
 * Returns: (transfer none): the status in plain, translated words
 */
const char *
harbor_status_to_label (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:
      return _("Available");
    case HARBOR_STATUS_NOT_YET:
      return _("Not yet");
    case HARBOR_STATUS_NEEDS_INFO:
      return _("Needs information");
    case HARBOR_STATUS_NOT_AVAILABLE:
    default:
      return _("Not available");
    }
}

static const char *
status_explanation (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:
      return _("The client may ask the court for this now. The court decides.");
    case HARBOR_STATUS_NOT_YET:
      return _("The client qualifies, but has to wait before filing.");
    case HARBOR_STATUS_NEEDS_INFO:
      return _("Harbor cannot tell yet. The questions below would decide it.");
    case HARBOR_STATUS_NOT_AVAILABLE:
    default:
      return _("This pathway does not fit this record, for the reason below.");
    }
}

static const char *
status_icon (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:
      return "emblem-ok-symbolic";
    case HARBOR_STATUS_NOT_YET:
      return "alarm-symbolic";
    case HARBOR_STATUS_NEEDS_INFO:
      return "dialog-question-symbolic";
    case HARBOR_STATUS_NOT_AVAILABLE:
    default:
      return "action-unavailable-symbolic";
    }
}

static const struct
{
  const char *fact;
  const char *question;
} questions[] = {
  { "client.birth_date", N_("When was the client born?") },
  { "client.trafficking.types", N_("Was the client trafficked for sex, for labor, or both?") },
  { "client.trafficking.began_on", N_("When did the trafficking begin?") },
  { "client.trafficking.ended_on", N_("When did the trafficking end?") },
  { "client.trafficking.documentation", N_("Does the client have papers that show the trafficking, such as a T visa or a letter from law enforcement?") },
  { "record.jurisdiction", N_("In which state or court was this record?") },
  { "record.court", N_("Was this in adult court or juvenile court?") },
  { "record.disposition", N_("How did this case end?") },
  { "record.offense.statute", N_("Which law was the charge under?") },
  { "record.offense.categories", N_("What kind of offense was it?") },
  { "record.offense.class", N_("Was it a felony, a misdemeanor, or something smaller?") },
  { "record.offense.degree", N_("What degree or class was the offense (for example M3 or F4)?") },
  { "record.offense.violent", N_("Was it a violent offense?") },
  { "record.offense.child_victim", N_("Was a child the victim of the offense?") },
  { "record.offense_date", N_("When did the offense happen?") },
  { "record.disposition_date", N_("On what date did the case end?") },
  { "record.sentence_completed_on", N_("When was the sentence completed?") },
  { "record.result_of_trafficking", N_("Did this happen because of the trafficking?") },
  { "record.sentenced_to_imprisonment", N_("Was the client sentenced to prison or jail for it?") },
  { "record.imprisoned", N_("Is the client in prison or jail for it now, or were they before?") },
};

/**
 * harbor_missing_fact_question:
 * @fact: a missing fact by its harbor-case/1 path, such as
 *   "record.offense.violent" or "records[2].disposition"
 *
 * Returns: (transfer full): a plain question to ask the client, gently
 */
char *
harbor_missing_fact_question (const char *fact)
{
  g_autofree char *normalized = NULL;
  gboolean other_record = FALSE;

  /* records[N].x is a fact of another of the client's records. */
  if (g_str_has_prefix (fact, "records["))
    {
      const char *dot = strchr (fact, '.');

      if (dot != NULL)
        {
          normalized = g_strconcat ("record", dot, NULL);
          other_record = TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    if (g_strcmp0 (normalized != NULL ? normalized : fact, questions[i].fact) == 0)
      return other_record
        ? g_strdup_printf (_("About another of the client’s records: %s"), _(questions[i].question))
        : g_strdup (_(questions[i].question));

  return g_strdup_printf (_("Harbor needs to know: %s"), fact);
}

/* The record facts that are yes, no or not sure, answered in place. */
static HarborTri *
record_tri_fact (HarborRecord *record,
                 const char   *fact)
{
  if (g_strcmp0 (fact, "record.result_of_trafficking") == 0)
    return &record->result_of_trafficking;
  if (g_strcmp0 (fact, "record.offense.violent") == 0)
    return &record->offense.violent;
  if (g_strcmp0 (fact, "record.offense.child_victim") == 0)
    return &record->offense.child_victim;
  if (g_strcmp0 (fact, "record.sentenced_to_imprisonment") == 0)
    return &record->sentenced_to_imprisonment;
  if (g_strcmp0 (fact, "record.imprisoned") == 0)
    return &record->imprisoned;
  return NULL;
}

static char *
format_date (const GDate *date)
{
  char buffer[32];

  if (!g_date_valid (date))
    return NULL;
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/* ---- Rows ------------------------------------------------------------------ */

static gboolean
refresh_idle_cb (gpointer user_data)
{
  harbor_relief_view_refresh (user_data);
  return G_SOURCE_REMOVE;
}

/* Rebuilding the rows destroys the button that asked for it, so the
 * rebuild waits for the main loop; the view is kept alive until then. */
static void
schedule_refresh (HarborReliefView *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, g_object_ref (self), g_object_unref);
}

typedef struct
{
  HarborReliefView *self;
  char             *record_id;
  char             *pathway_id;
  char             *fact;
  char             *item_id;
  HarborTri         answer;
} RowData;

static void
row_data_free (gpointer data)
{
  RowData *rd = data;

  g_free (rd->record_id);
  g_free (rd->pathway_id);
  g_free (rd->fact);
  g_free (rd->item_id);
  g_free (rd);
}

static RowData *
row_data_new (HarborReliefView *self,
              const char       *record_id,
              const char       *pathway_id)
{
  RowData *rd = g_new0 (RowData, 1);

  rd->self = self;
  rd->record_id = g_strdup (record_id);
  rd->pathway_id = g_strdup (pathway_id);
  return rd;
}

static void
answer_clicked_cb (GtkButton *button,
                   RowData   *rd)
{
  HarborReliefView *self = rd->self;
  g_autoptr(HarborRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  HarborTri *slot;

  record = harbor_vault_get_record (self->vault, rd->record_id, &error);
  if (record == NULL)
    {
      g_warning ("Could not read a record: %s", error->message);
      return;
    }
  slot = record_tri_fact (record, rd->fact);
  if (slot == NULL)
    return;
  *slot = rd->answer;
  if (!harbor_vault_update_record (self->vault, record, &error))
    {
      g_warning ("Could not save an answer: %s", error->message);
      return;
    }
  schedule_refresh (self);
}

static void
answer_in_editor_cb (GtkButton *button,
                     RowData   *rd)
{
  if (rd->record_id != NULL)
    g_signal_emit (rd->self, signals[SIGNAL_EDIT_RECORD], 0, rd->record_id);
  else
    g_signal_emit (rd->self, signals[SIGNAL_EDIT_CLIENT], 0);
}

static GtkWidget *
question_row (HarborReliefView *self,
              const char       *record_id,
              const char       *fact)
{
  g_autofree char *question = harbor_missing_fact_question (fact);
  GtkWidget *row = harbor_property_row_new (question, NULL);

  gtk_widget_remove_css_class (row, "property");
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-question-symbolic");

  if (record_id != NULL && g_str_has_prefix (fact, "record.") &&
      record_tri_fact (&(HarborRecord) { 0 }, fact) != NULL)
    {
      static const struct { const char *label; HarborTri value; } answers[] = {
        { N_("Yes"), HARBOR_TRI_TRUE },
        { N_("No"), HARBOR_TRI_FALSE },
      };

      for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
        {
          GtkWidget *button = gtk_button_new_with_label (_(answers[i].label));
          g_autofree char *name = g_strdup_printf ("%s — %s", question, _(answers[i].label));
          RowData *rd = row_data_new (self, record_id, NULL);

          rd->fact = g_strdup (fact);
          rd->answer = answers[i].value;
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_signal_connect_data (button, "clicked", G_CALLBACK (answer_clicked_cb), rd,
                                 (GClosureNotify) (void (*) (void)) row_data_free, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
  else
    {
      /* Dates, places and kinds need the editor: one click away. */
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Answer…"));
      g_autofree char *name = g_strdup_printf (_("Answer: %s"), question);
      RowData *rd = row_data_new (self, g_str_has_prefix (fact, "record.") ? record_id : NULL, NULL);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (answer_in_editor_cb), rd,
                             (GClosureNotify) (void (*) (void)) row_data_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
start_checklist_clicked_cb (GtkButton *button,
                            RowData   *rd)
{
  g_autoptr(GError) error = NULL;

  if (!harbor_relief_view_start_checklist (rd->self, rd->record_id, rd->pathway_id, &error))
    g_warning ("Could not start a checklist: %s", error->message);
  schedule_refresh (rd->self);
}

static void
item_toggled_cb (GtkCheckButton *check,
                 RowData        *rd)
{
  g_autoptr(GError) error = NULL;

  if (!harbor_relief_view_set_item_done (rd->self, rd->item_id,
                                         gtk_check_button_get_active (check), &error))
    g_warning ("Could not save a checklist item: %s", error->message);
  /* Update the progress line. */
  schedule_refresh (rd->self);
}

static HarborVaultChecklist *
find_checklist (HarborReliefView *self,
                const char       *record_id,
                const char       *pathway_id)
{
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;

  lists = harbor_vault_list_checklists (self->vault, self->client_id, &error);
  for (guint i = 0; lists != NULL && i < lists->len; i++)
    {
      HarborVaultChecklist *list = g_ptr_array_index (lists, i);

      if (!list->deleted && g_strcmp0 (list->record_id, record_id) == 0 &&
          g_strcmp0 (list->pathway_id, pathway_id) == 0)
        return g_steal_pointer (&g_ptr_array_index (lists, i));
    }
  return NULL;
}

static void
add_checklist_rows (HarborReliefView          *self,
                    AdwExpanderRow            *expander,
                    const char                *record_id,
                    const HarborPathwayResult *result)
{
  g_autoptr(HarborVaultChecklist) list = find_checklist (self, record_id, result->pathway->id);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *progress = NULL;
  GtkWidget *row;
  guint done = 0;

  if (list == NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Start Checklist"));
      RowData *rd = row_data_new (self, record_id, result->pathway->id);

      row = harbor_property_row_new (_("Checklist"), _("Turn the next steps into a checklist you can tick off."));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Start checklist"), -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (start_checklist_clicked_cb), rd,
                             (GClosureNotify) (void (*) (void)) row_data_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (expander, row);
      return;
    }

  items = harbor_vault_list_checklist_items (self->vault, list->id, &error);
  if (items == NULL)
    return;
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((HarborVaultChecklistItem *) g_ptr_array_index (items, i))->status, "done") == 0)
      done++;
  progress = g_strdup_printf (_("%u of %u steps done"), done, items->len);
  adw_expander_row_add_row (expander, harbor_property_row_new (_("Checklist"), progress));

  for (guint i = 0; i < items->len; i++)
    {
      HarborVaultChecklistItem *item = g_ptr_array_index (items, i);
      GtkWidget *check = gtk_check_button_new ();
      RowData *rd = row_data_new (self, record_id, result->pathway->id);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->step);
      if (item->due_on != NULL)
        {
          g_autofree char *due = g_strdup_printf (_("Due %s"), item->due_on);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), due);
        }
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (item->status, "done") == 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, item->step, -1);
      rd->item_id = g_strdup (item->id);
      g_signal_connect_data (check, "toggled", G_CALLBACK (item_toggled_cb), rd,
                             (GClosureNotify) (void (*) (void)) row_data_free, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (expander, row);
    }
}

static void
expanded_changed_cb (AdwExpanderRow   *row,
                     GParamSpec       *pspec,
                     HarborReliefView *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "expanded-key");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (key));
  else
    g_hash_table_remove (self->expanded, key);
}

static GtkWidget *
pathway_row (HarborReliefView          *self,
             const char                *record_id,
             const HarborPathwayResult *result)
{
  const HarborPathway *pathway = result->pathway;
  GtkWidget *expander = adw_expander_row_new ();
  AdwExpanderRow *row = ADW_EXPANDER_ROW (expander);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", harbor_status_to_label (result->status),
                                              pathway->citation);
  g_autofree char *kind = harbor_kind_to_label (pathway->kind);
  g_autofree char *earliest = format_date (&result->earliest_filing_on);
  g_autofree char *deadline = format_date (&result->deadline_on);
  g_autofree char *reviewed = format_date (&pathway->reviewed);
  g_autofree char *source = NULL;
  GString *why = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pathway->title);
  /* The expander's own list row has no name of its own in libadwaita 1.2. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, pathway->title, -1);
  adw_expander_row_set_subtitle (row, subtitle);
  adw_expander_row_set_icon_name (row, status_icon (result->status));
  {
    char *key = g_strdup_printf ("%s %s", record_id, pathway->id);

    g_object_set_data_full (G_OBJECT (row), "expanded-key", key, g_free);
    adw_expander_row_set_expanded (row, g_hash_table_contains (self->expanded, key));
    g_signal_connect (row, "notify::expanded", G_CALLBACK (expanded_changed_cb), self);
  }

  adw_expander_row_add_row (row, harbor_property_row_new (harbor_status_to_label (result->status),
                                           status_explanation (result->status)));
  adw_expander_row_add_row (row, harbor_property_row_new (_("What It Is"), kind));

  for (guint i = 0; i < result->reasons->len; i++)
    {
      const HarborReason *reason = g_ptr_array_index (result->reasons, i);
      const char *mark = reason->holds == HARBOR_TRI_TRUE ? "✓" :
                         reason->holds == HARBOR_TRI_FALSE ? "✗" : "?";

      if (why->len > 0)
        g_string_append_c (why, '\n');
      g_string_append_printf (why, "%s %s (%s)", mark, reason->text,
                              reason->citation != NULL ? reason->citation : pathway->citation);
    }
  if (why->len > 0)
    adw_expander_row_add_row (row, harbor_property_row_new (_("Why"), why->str));
  g_string_free (why, TRUE);

  for (guint i = 0; i < result->missing_facts->len; i++)
    adw_expander_row_add_row (row, question_row (self, record_id,
                                                 g_ptr_array_index (result->missing_facts, i)));

  for (guint i = 0; result->needs_review != NULL && i < result->needs_review->len; i++)
    {
      const HarborReviewPoint *point = g_ptr_array_index (result->needs_review, i);
      GtkWidget *review = harbor_property_row_new (_("Needs Legal Review"), point->question);

      adw_action_row_set_icon_name (ADW_ACTION_ROW (review), "dialog-warning-symbolic");
      adw_expander_row_add_row (row, review);
    }

  if (earliest != NULL && (result->status == HARBOR_STATUS_AVAILABLE || result->status == HARBOR_STATUS_NOT_YET))
    adw_expander_row_add_row (row, harbor_property_row_new (_("Earliest Filing Date"), earliest));
  if (deadline != NULL)
    adw_expander_row_add_row (row, harbor_property_row_new (_("Deadline"), deadline));

  source = g_strdup_printf (_("%s. Last reviewed %s."), harbor_confidence_to_label (pathway->confidence),
                            reviewed != NULL ? reviewed : _("at an unknown date"));
  adw_expander_row_add_row (row, harbor_property_row_new (_("How Sure Harbor Is"), source));

  if (result->status == HARBOR_STATUS_AVAILABLE || result->status == HARBOR_STATUS_NOT_YET)
    add_checklist_rows (self, row, record_id, result);

  return expander;
}

static char *
record_title (HarborReliefView   *self,
              const HarborRecord *record)
{
  g_autofree char *place = harbor_jurisdiction_label (self->rules, record->jurisdiction);
  g_autofree char *date = format_date (g_date_valid (&record->disposition_date)
                                       ? &record->disposition_date : &record->offense_date);
  const char *offense = record->offense.description != NULL ? record->offense.description
                                                            : _("Offense not recorded");

  if (date != NULL)
    return g_strdup_printf ("%s · %s · %s", place, offense, date);
  return g_strdup_printf ("%s · %s", place, offense);
}

static void
rebuild (HarborReliefView *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *intro = adw_preferences_group_new ();

  if (self->page != NULL)
    gtk_widget_unparent (self->page);
  self->page = page;
  gtk_widget_set_parent (page, GTK_WIDGET (self));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro),
                                         _("Legal information, not legal advice. “Available” means the client may "
                                           "ask the court; the court decides. Refer to an attorney before filing."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (intro));

  if (self->evaluation == NULL || self->kase == NULL || self->kase->records->len == 0)
    {
      GtkWidget *empty = adw_preferences_group_new ();

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (empty),
                                 harbor_property_row_new (_("No Records Yet"),
                                           _("Add the client’s records to see which relief may be available.")));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (empty));
      return;
    }

  for (guint i = 0; i < self->evaluation->records->len; i++)
    {
      const HarborRecordResult *rr = g_ptr_array_index (self->evaluation->records, i);
      const HarborRecord *record = g_ptr_array_index (self->kase->records, rr->index);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *title = record_title (self, record);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

      for (guint j = 0; j < rr->missing_facts->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   question_row (self, record->id, g_ptr_array_index (rr->missing_facts, j)));
      if (rr->note != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), harbor_property_row_new (_("Note"), rr->note));
      if (rr->pathways->len == 0 && rr->missing_facts->len == 0)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   harbor_property_row_new (_("No Pathways"),
                                             _("Harbor’s rule data has no relief pathway for this place. "
                                               "An attorney may know of other remedies.")));

      for (guint j = 0; j < rr->pathways->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   pathway_row (self, record->id, g_ptr_array_index (rr->pathways, j)));

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
    }
}

/* ---- Public API ------------------------------------------------------------ */

/**
 * harbor_relief_view_refresh:
 * @self: the view
 *
 * Reads the client from the vault, evaluates every record and rebuilds.
 */
void
harbor_relief_view_refresh (HarborReliefView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HARBOR_IS_RELIEF_VIEW (self));

  g_clear_pointer (&self->evaluation, harbor_evaluation_free);
  g_clear_pointer (&self->kase, harbor_case_free);

  if (self->vault != NULL && self->client_id != NULL && self->rules != NULL)
    {
      self->kase = harbor_vault_export_case (self->vault, self->client_id, &error);
      if (self->kase == NULL)
        g_warning ("Could not read the client's records: %s", error->message);
      else
        self->evaluation = harbor_engine_evaluate (self->rules, self->kase, NULL);
    }

  rebuild (self);
}

/**
 * harbor_relief_view_set_client:
 * @self: the view
 * @vault: an unlocked vault
 * @rules: (nullable): the rule data, which must outlive the view
 * @client_id: the client
 */
void
harbor_relief_view_set_client (HarborReliefView  *self,
                               HarborVault       *vault,
                               const HarborRules *rules,
                               const char        *client_id)
{
  g_return_if_fail (HARBOR_IS_RELIEF_VIEW (self));

  g_set_object (&self->vault, vault);
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  self->rules = rules;
  harbor_relief_view_refresh (self);
}

const HarborEvaluation *
harbor_relief_view_get_evaluation (HarborReliefView *self)
{
  g_return_val_if_fail (HARBOR_IS_RELIEF_VIEW (self), NULL);

  return self->evaluation;
}

/**
 * harbor_relief_view_start_checklist:
 * @self: the view
 * @record_id: the record
 * @pathway_id: an available or not-yet pathway of it
 * @error: return location for a #GError
 *
 * Stores the engine's checklist for the pathway in the vault, in one
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_relief_view_start_checklist (HarborReliefView  *self,
                                    const char        *record_id,
                                    const char        *pathway_id,
                                    GError           **error)
{
  g_autoptr(HarborVaultChecklist) list = harbor_vault_checklist_new ();
  g_autofree char *list_id = NULL;
  const HarborPathwayResult *result;

  g_return_val_if_fail (HARBOR_IS_RELIEF_VIEW (self), FALSE);

  result = self->evaluation != NULL ? harbor_evaluation_find (self->evaluation, record_id, pathway_id) : NULL;
  if (result == NULL || result->checklist == NULL ||
      (result->status != HARBOR_STATUS_AVAILABLE && result->status != HARBOR_STATUS_NOT_YET))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Only an available or not-yet pathway has a checklist"));
      return FALSE;
    }

  if (!harbor_vault_begin (self->vault, error))
    return FALSE;

  list->client_id = g_strdup (self->client_id);
  list->record_id = g_strdup (record_id);
  list->pathway_id = g_strdup (pathway_id);
  list->title = g_strdup (result->pathway->title);
  list_id = harbor_vault_add_checklist (self->vault, list, error);
  if (list_id == NULL)
    goto fail;

  for (guint i = 0; i < result->checklist->len; i++)
    {
      const HarborChecklistStep *step = g_ptr_array_index (result->checklist, i);
      g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
      g_autofree char *item_id = NULL;

      item->checklist_id = g_strdup (list_id);
      item->position = (int) i;
      item->step = step->due != NULL ? g_strdup_printf ("%s (%s)", step->text, step->due)
                                     : g_strdup (step->text);
      item->status = g_strdup ("todo");
      item->due_on = format_date (&step->due_on);
      item_id = harbor_vault_add_checklist_item (self->vault, item, error);
      if (item_id == NULL)
        goto fail;
    }

  return harbor_vault_commit (self->vault, error);

fail:
  harbor_vault_rollback (self->vault);
  return FALSE;
}

/**
 * harbor_relief_view_get_checklist:
 * @self: the view
 * @record_id: the record
 * @pathway_id: the pathway
 *
 * Returns: (transfer full) (nullable) (element-type HarborVaultChecklistItem):
 *   the stored checklist's items in order, or %NULL if none was started
 */
GPtrArray *
harbor_relief_view_get_checklist (HarborReliefView *self,
                                  const char       *record_id,
                                  const char       *pathway_id)
{
  g_autoptr(HarborVaultChecklist) list = NULL;

  g_return_val_if_fail (HARBOR_IS_RELIEF_VIEW (self), NULL);

  list = find_checklist (self, record_id, pathway_id);
  if (list == NULL)
    return NULL;
  return harbor_vault_list_checklist_items (self->vault, list->id, NULL);
}

/**
 * harbor_relief_view_set_item_done:
 * @self: the view
 * @item_id: a checklist item
 * @done: ticked or not
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_relief_view_set_item_done (HarborReliefView  *self,
                                  const char        *item_id,
                                  gboolean           done,
                                  GError           **error)
{
  g_autoptr(GPtrArray) lists = NULL;

  g_return_val_if_fail (HARBOR_IS_RELIEF_VIEW (self), FALSE);

  lists = harbor_vault_list_checklists (self->vault, self->client_id, error);
  if (lists == NULL)
    return FALSE;

  for (guint i = 0; i < lists->len; i++)
    {
      HarborVaultChecklist *list = g_ptr_array_index (lists, i);
      g_autoptr(GPtrArray) items = harbor_vault_list_checklist_items (self->vault, list->id, error);

      if (items == NULL)
        return FALSE;
      for (guint j = 0; j < items->len; j++)
        {
          HarborVaultChecklistItem *item = g_ptr_array_index (items, j);

          if (g_strcmp0 (item->id, item_id) != 0)
            continue;

          g_free (item->status);
          item->status = g_strdup (done ? "done" : "todo");
          g_free (item->done_on);
          item->done_on = NULL;
          if (done)
            {
              g_autoptr(GDateTime) now = g_date_time_new_now_local ();
              item->done_on = g_date_time_format (now, "%Y-%m-%d");
            }
          return harbor_vault_update_checklist_item (self->vault, item, error);
        }
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The checklist item is gone"));
  return FALSE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
harbor_relief_view_dispose (GObject *object)
{
  HarborReliefView *self = HARBOR_RELIEF_VIEW (object);

  harbor_widget_unparent_children (GTK_WIDGET (self));
  self->page = NULL;
  g_clear_pointer (&self->evaluation, harbor_evaluation_free);
  g_clear_pointer (&self->kase, harbor_case_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (harbor_relief_view_parent_class)->dispose (object);
}

static void
harbor_relief_view_class_init (HarborReliefViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_relief_view_dispose;

  /**
   * HarborReliefView::edit-record:
   * @self: the view
   * @record_id: the record whose facts are asked for
   */
  signals[SIGNAL_EDIT_RECORD] =
    g_signal_new ("edit-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * HarborReliefView::edit-client:
   * @self: the view
   *
   * A fact about the client (birth date, trafficking) is asked for.
   */
  signals[SIGNAL_EDIT_CLIENT] =
    g_signal_new ("edit-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_relief_view_init (HarborReliefView *self)
{
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rebuild (self);
}

GtkWidget *
harbor_relief_view_new (void)
{
  return g_object_new (HARBOR_TYPE_RELIEF_VIEW, NULL);
}
