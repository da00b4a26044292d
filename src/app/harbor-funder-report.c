/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-funder-report.c: de-identified counts for funders, on screen and as CSV
 *
 * Copyright 2026 The Harbor authors
 *
 * The window shows the report of harbor-report-aggregate.c for a range of
 * months (by default the last twelve, up to this one): a few totals at the
 * top, then every cell of the report in a table, with the measures, places,
 * kinds and statuses in plain words and the counts exactly as the report
 * shows them ("<5" and "*" for suppressed cells). "Save as CSV…" writes the
 * report's own CSV, byte for byte, through the native (portal) file chooser.
 * The report holds no names, birth dates, case numbers or free text, so it
 * needs no warning about plain files; the window says so in one line.
 *
 * Counting reads the whole vault, so it runs in a worker thread, on a
 * read-only connection of its own (harbor_vault_open_reader(): a HarborVault
 * is used by one thread at a time). Before the vault can be locked (the
 * session tells its views first) or the window goes away, the main thread
 * waits for the worker to be done and to have closed its connection, so no
 * copy of the keys outlives the lock. On lock the window closes.
 */

#define G_LOG_DOMAIN "harbor-funder-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "harbor-funder-report.h"
#include "harbor-report-row.h"
#include "harbor-widget-utils.h"

/* The worker's share: what it reads and what it makes. */
typedef struct
{
  GMutex             mutex;
  GCond              cond;
  gboolean           running;     /* the worker may still touch the vault */

  HarborVault       *vault;
  const HarborRules *rules;       /* owned by the application */
  char              *from_month;
  char              *to_month;

  HarborAggregate   *aggregate;
  char              *csv;
  gint64             n_clients;
} Job;

struct _HarborFunderReport
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkButton          *save_button;
  GtkEntry           *from_entry;
  GtkEntry           *to_entry;
  GtkButton          *update_button;
  GtkSpinner         *spinner;
  GtkLabel           *error_label;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *range_label;
  GtkFlowBox         *summary_box;
  GtkColumnView      *column_view;

  HarborSession      *session;
  const HarborRules  *rules;      /* owned by the application */
  GCancellable       *cancellable;
  Job                *job;        /* (nullable) the one being counted */

  /* The report shown */
  HarborAggregate    *aggregate;
  char               *csv;
  char               *from_month;
  char               *to_month;
  GListStore         *rows;
};

G_DEFINE_FINAL_TYPE (HarborFunderReport, harbor_funder_report, ADW_TYPE_WINDOW)

/* ---- The worker ------------------------------------------------------------ */

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_clear (Job *job)
{
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_clear_object (&job->vault);
  g_free (job->from_month);
  g_free (job->to_month);
  g_clear_pointer (&job->aggregate, harbor_aggregate_free);
  g_free (job->csv);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_unref)

/* Blocks until the worker no longer touches the vault. */
static void
job_wait (Job *job)
{
  g_mutex_lock (&job->mutex);
  while (job->running)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  job->n_clients = harbor_vault_count_clients (job->vault, &error);
  if (job->n_clients >= 0)
    job->aggregate = harbor_aggregate_new (job->vault, job->rules, job->from_month, job->to_month,
                                           NULL, &error);

  /* Done with the vault: close the reader (its keys are wiped), then the
   * main thread may lock the vault. */
  harbor_vault_lock (job->vault);
  g_mutex_lock (&job->mutex);
  job->running = FALSE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);

  if (job->aggregate == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->csv = harbor_aggregate_to_csv (job->aggregate);
  g_task_return_boolean (task, TRUE);
}

/* ---- Labels ------------------------------------------------------------------ */

static const char *
measure_label (const char *measure)
{
  static const struct { const char *name; const char *label; } measures[] = {
    { "clients_served", N_("Clients served") },
    { "records_screened", N_("Records screened") },
    { "pathway_answers", N_("Answers about relief") },
    { "relief_available", N_("Records with relief available") },
    { "petitions_filed", N_("Petitions filed") },
    { "relief_granted", N_("Relief granted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_strcmp0 (measure, measures[i].name) == 0)
      return _(measures[i].label);
  return measure;
}

static const char *
kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } kinds[] = {
    { "vacatur", N_("Vacatur") },
    { "expungement", N_("Expungement") },
    { "sealing", N_("Sealing") },
    { "sentence_reduction", N_("Sentence reduction") },
    { "safe_harbor", N_("Safe Harbor") },
    { "affirmative_defense", N_("Affirmative defense") },
    { "diversion", N_("Diversion") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return _(kinds[i].label);
  return kind;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "available") == 0)
    return _("Available");
  if (g_strcmp0 (status, "not_yet") == 0)
    return _("Not yet");
  if (g_strcmp0 (status, "needs_info") == 0)
    return _("Needs information");
  if (g_strcmp0 (status, "not_available") == 0)
    return _("Not available");
  return status;
}

static const char *
jurisdiction_label (HarborFunderReport *self,
                    const char         *jurisdiction)
{
  const HarborRuleSet *set;

  if (g_strcmp0 (jurisdiction, "none") == 0)
    return _("No record");
  if (g_strcmp0 (jurisdiction, "other") == 0)
    return _("Other");
  if (g_strcmp0 (jurisdiction, "unknown") == 0)
    return _("Not known");
  set = self->rules != NULL ? harbor_rules_find_set (self->rules, jurisdiction) : NULL;
  return set != NULL && set->name != NULL ? set->name : jurisdiction;
}

static const char *
column_label (HarborFunderReport *self,
              HarborReportColumn  column,
              const char         *value)
{
  if (g_strcmp0 (value, HARBOR_AGGREGATE_ALL) == 0 && column != HARBOR_REPORT_COLUMN_MEASURE)
    {
      /* Separate words per column: some languages agree "all" with the
       * noun it stands for. */
      switch (column)
        {
        case HARBOR_REPORT_COLUMN_MONTH:
          return _("All months");
        case HARBOR_REPORT_COLUMN_JURISDICTION:
          return C_("all jurisdictions", "All");
        case HARBOR_REPORT_COLUMN_KIND:
          return C_("all pathway kinds", "All");
        case HARBOR_REPORT_COLUMN_STATUS:
        case HARBOR_REPORT_COLUMN_MEASURE:
        case HARBOR_REPORT_COLUMN_COUNT:
        default:
          return C_("all statuses", "All");
        }
    }

  switch (column)
    {
    case HARBOR_REPORT_COLUMN_MEASURE:
      return measure_label (value);
    case HARBOR_REPORT_COLUMN_JURISDICTION:
      return jurisdiction_label (self, value);
    case HARBOR_REPORT_COLUMN_KIND:
      return kind_label (value);
    case HARBOR_REPORT_COLUMN_STATUS:
      return status_label (value);
    case HARBOR_REPORT_COLUMN_MONTH:
    case HARBOR_REPORT_COLUMN_COUNT:
    case HARBOR_REPORT_N_COLUMNS:
    default:
      return value;
    }
}

/* ---- Showing a report ----------------------------------------------------------- */

/* The rows of the table, from the report's own CSV: one line per cell. */
static void
fill_rows (HarborFunderReport *self)
{
  g_auto(GStrv) lines = g_strsplit (self->csv, "\n", -1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* lines[0] is the header. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) values = NULL;
      const char *labels[HARBOR_REPORT_N_COLUMNS];

      if (lines[i][0] == '\0')
        continue;
      values = g_strsplit (lines[i], ",", -1);
      if (g_strv_length (values) != HARBOR_REPORT_N_COLUMNS)
        {
          g_warning ("Unexpected line %u in the report", i);
          continue;
        }
      for (guint c = 0; c < HARBOR_REPORT_N_COLUMNS; c++)
        labels[c] = column_label (self, c, values[c]);
      g_ptr_array_add (rows, harbor_report_row_new ((const char * const *) values, labels));
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static GtkWidget *
summary_card (const char *value,
              const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *text = gtk_label_new (caption);
  g_autofree char *name = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (number, 6);
  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_set_margin_bottom (text, 6);
  gtk_widget_set_margin_start (text, 6);
  gtk_widget_set_margin_end (text, 6);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  /* Narrow enough that the five totals fit on one line of a normal window. */
  gtk_label_set_max_width_chars (GTK_LABEL (text), 14);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return box;
}

static void
fill_summary (HarborFunderReport *self)
{
  static const struct { const char *measure; const char *caption; } totals[] = {
    { "clients_served", N_("Clients served") },
    { "records_screened", N_("Records screened") },
    { "relief_available", N_("Records with relief available") },
    { "petitions_filed", N_("Petitions filed") },
    { "relief_granted", N_("Relief granted") },
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))) != NULL)
    gtk_flow_box_remove (self->summary_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      const char *shown = harbor_aggregate_get_cell (self->aggregate, totals[i].measure,
                                                     HARBOR_AGGREGATE_ALL, HARBOR_AGGREGATE_ALL,
                                                     HARBOR_AGGREGATE_ALL, HARBOR_AGGREGATE_ALL, NULL);

      GtkWidget *card = summary_card (shown != NULL ? shown : "0", _(totals[i].caption));

      gtk_flow_box_append (self->summary_box, card);
      /* Nothing to do with a total: keyboard focus passes it by. */
      gtk_widget_set_can_focus (gtk_widget_get_parent (card), FALSE);
    }
}

static void
set_busy (HarborFunderReport *self,
          gboolean            busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->update_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy && self->csv != NULL);
}

static void
show_job (HarborFunderReport *self,
          Job                *job)
{
  g_autofree char *range = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_pointer (&self->aggregate, harbor_aggregate_free);
  g_free (self->csv);
  g_free (self->from_month);
  g_free (self->to_month);
  self->aggregate = g_steal_pointer (&job->aggregate);
  self->csv = g_steal_pointer (&job->csv);
  self->from_month = g_strdup (job->from_month);
  self->to_month = g_strdup (job->to_month);

  fill_rows (self);
  fill_summary (self);
  today = g_date_time_format (now, "%Y-%m-%d");
  range = g_strdup_printf (_("From %s to %s, with answers about relief as of %s"),
                           self->from_month, self->to_month, today);
  gtk_label_set_label (self->range_label, range);

  if (job->n_clients == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Clients Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("The report counts the clients in the vault. Once there are "
                                         "some, their counts show here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_clear_pointer (&self->csv, g_free);
    }
  else if (harbor_aggregate_get_n_cells (self->aggregate) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing to Count"));
      adw_status_page_set_description (self->empty_page,
                                       _("Nothing was recorded in these months. Try a longer range."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HarborFunderReport *self = HARBOR_FUNDER_REPORT (source);
  g_autoptr(Job) job = job_ref (g_task_get_task_data (G_TASK (result)));
  g_autoptr(GError) error = NULL;

  if (self->job == job)
    g_clear_pointer (&self->job, job_unref);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be made: %s"), error->message);

      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      if (self->csv == NULL)
        gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    show_job (self, job);
  set_busy (self, FALSE);
}

/* ---- The range ------------------------------------------------------------------- */

static void
show_range_error (HarborFunderReport *self,
                  GtkEntry           *entry,
                  const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (entry != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (entry));
    }
}

static gboolean
refresh (HarborFunderReport *self)
{
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_entry))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->to_entry))));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");
  g_autoptr(GTask) task = NULL;
  g_autoptr(HarborVault) reader = NULL;
  g_autoptr(GError) error = NULL;
  HarborVault *vault;
  Job *job;

  if (self->job != NULL)
    return FALSE;

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (!harbor_aggregate_parse_month (from))
    {
      g_autofree char *message = g_strdup_printf (_("Write the first month as year and month, "
                                                    "YYYY-MM, for example %s."), this_month);
      show_range_error (self, self->from_entry, message);
      return FALSE;
    }
  if (!harbor_aggregate_parse_month (to))
    {
      g_autofree char *message = g_strdup_printf (_("Write the last month as year and month, "
                                                    "YYYY-MM, for example %s."), this_month);
      show_range_error (self, self->to_entry, message);
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      show_range_error (self, self->from_entry, _("The first month is after the last month. "
                                                  "Swap them or pick other months."));
      return FALSE;
    }

  vault = harbor_session_get_vault (self->session);
  if (vault == NULL || self->rules == NULL)
    {
      show_range_error (self, NULL, vault == NULL ? _("The vault is locked.")
                                                  : _("The rule data could not be loaded."));
      return FALSE;
    }

  reader = harbor_vault_open_reader (vault, &error);
  if (reader == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The vault could not be read: %s"), error->message);
      show_range_error (self, NULL, message);
      return FALSE;
    }

  job = g_atomic_rc_box_new0 (Job);
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);
  job->running = TRUE;
  job->vault = g_steal_pointer (&reader);
  job->rules = self->rules;
  job->from_month = g_steal_pointer (&from);
  job->to_month = g_steal_pointer (&to);
  self->job = job;

  if (self->csv == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_busy (self, TRUE);

  task = g_task_new (self, self->cancellable, count_done_cb, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, job_ref (job), (GDestroyNotify) job_unref);
  g_task_run_in_thread (task, count_thread);
  return TRUE;
}

static void
range_activate_cb (HarborFunderReport *self)
{
  refresh (self);
}

/* ---- Saving ---------------------------------------------------------------------- */

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  g_autoptr(HarborFunderReport) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!harbor_funder_report_save_to_file (self, file, &error))
    {
      message = g_strdup_printf (_("The report was not saved: %s"), error->message);
      harbor_toast_overlay_add (self->toast_overlay, adw_toast_new (message));
      return;
    }
  where = g_file_get_parse_name (file);
  message = g_strdup_printf (_("Saved the report to %s"), where);
  harbor_toast_overlay_add (self->toast_overlay, adw_toast_new (message));
}

static void
save_clicked_cb (HarborFunderReport *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = harbor_funder_report_get_suggested_name (self);

  if (self->csv == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Funder Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- The table ---------------------------------------------------------------------- */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  HarborReportColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == HARBOR_REPORT_COLUMN_COUNT ? 1.0f : 0.0f);
  if (column == HARBOR_REPORT_COLUMN_COUNT)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  HarborReportColumn column = GPOINTER_TO_UINT (user_data);
  HarborReportRow *row = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       harbor_report_row_get_label (row, column));
}

static void
add_columns (HarborFunderReport *self)
{
  const char *titles[HARBOR_REPORT_N_COLUMNS] = {
    _("Measure"), _("Month"), _("Jurisdiction"), _("Pathway kind"), _("Status"), _("Count"),
  };
  const int widths[HARBOR_REPORT_N_COLUMNS] = { -1, 110, 150, 170, 160, 80 };

  for (guint c = 0; c < HARBOR_REPORT_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (widths[c] > 0)
        gtk_column_view_column_set_fixed_width (column, widths[c]);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
}

/* ---- Life cycle ------------------------------------------------------------------- */

static void
wait_for_worker (HarborFunderReport *self)
{
  if (self->job != NULL)
    job_wait (self->job);
}

static void
session_state_changed_cb (HarborFunderReport *self)
{
  if (harbor_session_get_state (self->session) == HARBOR_SESSION_UNLOCKED)
    return;
  /* The session tells its views before it closes the vault: let the
   * worker finish with it first, then go, dropping the counts at once
   * even if something still holds the window. */
  g_cancellable_cancel (self->cancellable);
  wait_for_worker (self);
  g_list_store_remove_all (self->rows);
  g_clear_pointer (&self->aggregate, harbor_aggregate_free);
  g_clear_pointer (&self->csv, g_free);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
harbor_funder_report_dispose (GObject *object)
{
  HarborFunderReport *self = HARBOR_FUNDER_REPORT (object);

  g_cancellable_cancel (self->cancellable);
  wait_for_worker (self);
  g_clear_pointer (&self->job, job_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_FUNDER_REPORT);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->aggregate, harbor_aggregate_free);
  g_clear_pointer (&self->csv, g_free);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (harbor_funder_report_parent_class)->dispose (object);
}

static void
harbor_funder_report_finalize (GObject *object)
{
  HarborFunderReport *self = HARBOR_FUNDER_REPORT (object);

  g_clear_object (&self->cancellable);
  g_free (self->from_month);
  g_free (self->to_month);

  G_OBJECT_CLASS (harbor_funder_report_parent_class)->finalize (object);
}

static void
harbor_funder_report_class_init (HarborFunderReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_funder_report_dispose;
  object_class->finalize = harbor_funder_report_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-funder-report.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, save_button);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, from_entry);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, to_entry);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, update_button);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, spinner);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, error_label);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, stack);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, range_label);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, summary_box);
  gtk_widget_class_bind_template_child (widget_class, HarborFunderReport, column_view);
  gtk_widget_class_bind_template_callback (widget_class, range_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
harbor_funder_report_init (HarborFunderReport *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_months (now, -11);
  g_autofree char *to = g_date_time_format (now, "%Y-%m");
  g_autofree char *from = g_date_time_format (year_ago, "%Y-%m");
  g_autoptr(GtkNoSelection) selection = NULL;

  self->cancellable = g_cancellable_new ();
  self->rows = g_list_store_new (HARBOR_TYPE_REPORT_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  add_columns (self);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
}

/**
 * harbor_funder_report_new:
 * @parent: (nullable): the main window
 * @session: the session, unlocked
 * @rules: the rule data (owned by the application)
 *
 * Opens the report and starts counting for the last twelve months.
 *
 * Returns: (transfer none): the new window, owned by GTK's list of toplevels
 */
HarborFunderReport *
harbor_funder_report_new (GtkWindow         *parent,
                          HarborSession     *session,
                          const HarborRules *rules)
{
  HarborFunderReport *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HARBOR_IS_SESSION (session), NULL);

  self = g_object_new (HARBOR_TYPE_FUNDER_REPORT,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  self->rules = rules;
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

/**
 * harbor_funder_report_set_range:
 * @self: a report window
 * @from_month: the first month, as typed
 * @to_month: the last month, as typed
 *
 * Types the range into the window and counts again, as the Count button
 * does.
 *
 * Returns: %TRUE if counting started; %FALSE if the range is not valid
 *   (the window then says why and keeps the report it shows) or counting
 *   is still under way
 */
gboolean
harbor_funder_report_set_range (HarborFunderReport *self,
                                const char         *from_month,
                                const char         *to_month)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_month != NULL ? from_month : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_month != NULL ? to_month : "");
  return refresh (self);
}

/**
 * harbor_funder_report_get_busy:
 * @self: a report window
 *
 * Returns: %TRUE while counting
 */
gboolean
harbor_funder_report_get_busy (HarborFunderReport *self)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), FALSE);

  return self->job != NULL;
}

/**
 * harbor_funder_report_get_error:
 * @self: a report window
 *
 * Returns: (nullable): the message shown under the range, if any
 */
const char *
harbor_funder_report_get_error (HarborFunderReport *self)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

/**
 * harbor_funder_report_get_aggregate:
 * @self: a report window
 *
 * Returns: (transfer none) (nullable): the report shown
 */
HarborAggregate *
harbor_funder_report_get_aggregate (HarborFunderReport *self)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), NULL);

  return self->aggregate;
}

/**
 * harbor_funder_report_get_rows:
 * @self: a report window
 *
 * Returns: (transfer none): the rows of the table (#HarborReportRow)
 */
GListModel *
harbor_funder_report_get_rows (HarborFunderReport *self)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * harbor_funder_report_get_page_name:
 * @self: a report window
 *
 * Returns: "loading", "empty" or "report"
 */
const char *
harbor_funder_report_get_page_name (HarborFunderReport *self)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * harbor_funder_report_get_suggested_name:
 * @self: a report window
 *
 * Returns: (transfer full): the file name offered when saving
 */
char *
harbor_funder_report_get_suggested_name (HarborFunderReport *self)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), NULL);

  return g_strdup_printf ("harbor-funder-report-%s_%s.csv",
                          self->from_month != NULL ? self->from_month : "",
                          self->to_month != NULL ? self->to_month : "");
}

/**
 * harbor_funder_report_save_to_file:
 * @self: a report window
 * @file: where to save
 * @error: return location for a #GError
 *
 * Writes the report shown as CSV (harbor_aggregate_to_csv()), replacing
 * @file at once or not at all.
 *
 * Returns: %TRUE if saved
 */
gboolean
harbor_funder_report_save_to_file (HarborFunderReport  *self,
                                   GFile               *file,
                                   GError             **error)
{
  g_return_val_if_fail (HARBOR_IS_FUNDER_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->csv == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("There is no report to save yet."));
      return FALSE;
    }
  return g_file_replace_contents (file, self->csv, strlen (self->csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
