/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-funder-report.c: the de-identified funder report, on screen and as CSV
 *
 * Copyright 2026 The Harbor authors
 *
 * The seeded vault (as in tests/report/test-aggregate.c, whose counts are
 * worked out by hand there): six clients with an Ohio conviction (intake in
 * 2026-01, three with a note in 2026-02, five petitions filed 2026-03-05, two
 * orders 2026-04-10) and two with a New York record (intake 2026-01). The
 * window opened on it must show exactly the cells of the core's report for
 * the same months, with the same display values, and nothing that names,
 * dates or describes a client.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "harbor-application.h"
#include "harbor-engine.h"
#include "harbor-funder-report.h"
#include "harbor-report-aggregate.h"
#include "harbor-report-row.h"
#include "harbor-test-utils.h"
#include "harbor-window.h"
#include "report-test-util.h"

#define OH_CASE \
  "{ \"format\": \"harbor-case/1\",\n" \
  "  \"client\": { \"name\": \"Ohclient Marigold%u\", \"aliases\": [\"Alias Peregrine%u\"],\n" \
  "              \"birth_date\": \"1994-05-%02u\",\n" \
  "              \"trafficking\": { \"types\": [\"sex\"], \"began_on\": \"2014-01-01\", \"ended_on\": \"2020-01-01\" } },\n" \
  "  \"records\": [ { \"id\": \"CR-2016-47%02u\", \"jurisdiction\": \"US-OH\", \"court\": \"adult\",\n" \
  "                   \"disposition\": \"convicted\",\n" \
  "                   \"offense\": { \"description\": \"Soliciting at Quillfeather Street\", \"statute\": \"R.C. 2907.24\",\n" \
  "                                \"categories\": [\"prostitution_related\"], \"class\": \"misdemeanor\",\n" \
  "                                \"degree\": \"M3\", \"violent\": false },\n" \
  "                   \"offense_date\": \"2016-04-02\", \"disposition_date\": \"2016-06-10\",\n" \
  "                   \"result_of_trafficking\": true } ] }\n"

#define NY_CASE \
  "{ \"format\": \"harbor-case/1\",\n" \
  "  \"client\": { \"name\": \"Nyclient Bellflower%u\", \"birth_date\": \"1988-08-%02u\" },\n" \
  "  \"records\": [ { \"id\": \"IND-0099-%02u\", \"jurisdiction\": \"US-NY\", \"disposition\": \"convicted\",\n" \
  "                   \"offense\": { \"description\": \"Loitering near Wisteria Lane\" } } ] }\n"

#define ALL HARBOR_AGGREGATE_ALL

/* One registered application for the whole program, as in Harbor. */
static HarborApplication *test_app;

typedef struct
{
  char          *dir;
  char          *vault_dir;
  HarborRules   *rules;
  HarborSession *session;
  char          *this_month;
} Fixture;

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean seed = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GDate as_of;

  f->dir = harbor_test_make_tmpdir ("report");
  f->vault_dir = g_build_filename (f->dir, "vault", NULL);
  f->rules = harbor_rules_load (NULL, &error);
  g_assert_no_error (error);
  f->this_month = g_date_time_format (now, "%Y-%m");

  /* The engine's answers for the checklists, on a fixed day. */
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 28, G_DATE_NOVEMBER, 2026);

  vault = rt_create_vault (f->vault_dir);
  for (guint i = 1; seed && i <= 6; i++)
    {
      g_autofree char *json = g_strdup_printf (OH_CASE, i, i, i, i);
      g_autofree char *id = rt_import_case (vault, json);
      g_autofree char *intake = rt_add_event (vault, id, "intake", "2026-01-15", "Intake with Nightingale interpreter");
      g_autofree char *note_text = g_strdup_printf ("Nightingale note text %u", i);

      if (i <= 3)
        g_free (rt_add_event (vault, id, "note", "2026-02-10", note_text));
      if (i <= 2)
        rt_add_engine_checklist (vault, f->rules, &as_of, id, "2026-03-05", "2026-04-10");
      else if (i <= 5)
        rt_add_engine_checklist (vault, f->rules, &as_of, id, "2026-03-05", NULL);
    }
  for (guint i = 1; seed && i <= 2; i++)
    {
      g_autofree char *json = g_strdup_printf (NY_CASE, i, i, i);
      g_autofree char *id = rt_import_case (vault, json);

      g_free (rt_add_event (vault, id, "intake", "2026-01-20", "Nightingale intake NY"));
    }
  harbor_vault_lock (vault);

  /* The window reads the vault of the session, as in Harbor. */
  f->session = harbor_session_new (f->vault_dir);
  harbor_session_unlock_async (f->session, RT_PASSPHRASE, FALSE, NULL, harbor_test_store_result, &result);
  g_assert_true (harbor_test_wait (has_result, &result, 30000));
  g_assert_true (harbor_session_unlock_finish (f->session, result, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  harbor_session_lock (f->session);
  g_clear_object (&f->session);
  g_clear_pointer (&f->rules, harbor_rules_free);
  harbor_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault_dir);
  g_free (f->this_month);
}

static gboolean
is_idle (gpointer data)
{
  return !harbor_funder_report_get_busy (data);
}

static void
wait_idle (HarborFunderReport *report)
{
  g_assert_true (harbor_test_wait (is_idle, report, 60000));
}

/* Every text the window shows or holds for assistive technology. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (ADW_IS_STATUS_PAGE (widget))
    g_string_append_printf (out, "%s\n%s\n", adw_status_page_get_title (ADW_STATUS_PAGE (widget)),
                            adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
  if (tooltip != NULL)
    g_string_append_printf (out, "%s\n", tooltip);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
assert_no_identifiers (const char *text)
{
  static const char * const needles[] = {
    "Ohclient", "Marigold", "Nyclient", "Bellflower", "Peregrine", "Nightingale",
    "Quillfeather", "Wisteria", "Soliciting", "Loitering", "2907.24", "CR-2016", "IND-0099",
    "1994-05", "1988-08", "2016-04-02", "2016-06-10", "2026-01-15", "2026-03-05", "2014-01-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    if (strstr (text, needles[i]) != NULL)
      g_error ("the funder report shows “%s”", needles[i]);
}

static HarborFunderReport *
open_report (Fixture *f)
{
  HarborFunderReport *report = harbor_funder_report_new (NULL, f->session, f->rules);

  /* Counting starts at once, in the worker, behind a spinner. */
  g_assert_true (harbor_funder_report_get_busy (report));
  g_assert_cmpstr (harbor_funder_report_get_page_name (report), ==, "loading");
  gtk_window_present (GTK_WINDOW (report));
  wait_idle (report);
  return report;
}

static HarborReportRow *
find_row (GListModel *rows,
          const char *measure,
          const char *month,
          const char *jurisdiction,
          const char *kind,
          const char *status)
{
  const char *want[] = { measure, month, jurisdiction, kind, status };

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(HarborReportRow) row = g_list_model_get_item (rows, i);
      gboolean same = TRUE;

      for (guint c = 0; c < G_N_ELEMENTS (want); c++)
        same = same && g_str_equal (harbor_report_row_get_value (row, c), want[c]);
      if (same)
        return row;
    }
  return NULL;
}

static void
test_table (Fixture       *f,
            gconstpointer  data)
{
  HarborFunderReport *report = open_report (f);
  g_autoptr(HarborAggregate) expected = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *screenshot = NULL;
  g_autofree char *name = NULL;
  g_autofree char *suffix = g_strdup_printf ("_%s.csv", f->this_month);
  g_autofree char *full_name = g_strdup_printf ("harbor-funder-report-2026-01_%s.csv", f->this_month);
  GListModel *rows;
  HarborReportRow *row;
  guint n_small = 0;

  /* The default range is the last twelve months, up to this one. */
  g_assert_cmpstr (harbor_funder_report_get_page_name (report), ==, "report");
  g_assert_nonnull (harbor_funder_report_get_aggregate (report));
  name = harbor_funder_report_get_suggested_name (report);
  g_assert_true (g_str_has_suffix (name, suffix));
  g_assert_true (g_str_has_prefix (name, "harbor-funder-report-"));

  g_assert_true (harbor_funder_report_set_range (report, "2026-01", f->this_month));
  g_assert_true (harbor_funder_report_get_busy (report));
  wait_idle (report);
  g_assert_null (harbor_funder_report_get_error (report));
  g_clear_pointer (&name, g_free);
  name = harbor_funder_report_get_suggested_name (report);
  g_assert_cmpstr (name, ==, full_name);

  /* The same cells, with the same display values, as the core's report
   * for the same months (on the main thread now that the worker is done). */
  expected = harbor_aggregate_new (harbor_session_get_vault (f->session), f->rules, "2026-01",
                                   f->this_month, NULL, &error);
  g_assert_no_error (error);
  rows = harbor_funder_report_get_rows (report);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, harbor_aggregate_get_n_cells (expected));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 20);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(HarborReportRow) r = g_list_model_get_item (rows, i);
      const char *shown = harbor_aggregate_get_cell (expected,
                                                     harbor_report_row_get_value (r, HARBOR_REPORT_COLUMN_MEASURE),
                                                     harbor_report_row_get_value (r, HARBOR_REPORT_COLUMN_MONTH),
                                                     harbor_report_row_get_value (r, HARBOR_REPORT_COLUMN_JURISDICTION),
                                                     harbor_report_row_get_value (r, HARBOR_REPORT_COLUMN_KIND),
                                                     harbor_report_row_get_value (r, HARBOR_REPORT_COLUMN_STATUS),
                                                     NULL);

      g_assert_nonnull (shown);
      g_assert_cmpstr (harbor_report_row_get_value (r, HARBOR_REPORT_COLUMN_COUNT), ==, shown);
      g_assert_cmpstr (harbor_report_row_get_label (r, HARBOR_REPORT_COLUMN_COUNT), ==, shown);
      n_small += g_str_equal (shown, "<5");
    }
  g_assert_cmpuint (n_small, >, 0);

  /* Hand-checked cells, in plain words. */
  row = find_row (rows, "clients_served", "2026-01", "US-NY", ALL, ALL);
  g_assert_nonnull (row);
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_COUNT), ==, "<5");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_MEASURE), ==, "Clients served");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_JURISDICTION), ==, "New York");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_KIND), ==, "All");
  row = find_row (rows, "clients_served", "2026-01", "US-OH", ALL, ALL);
  g_assert_nonnull (row);
  /* 6, hidden so that New York's "<5" cannot be worked out from the total */
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_COUNT), ==, "*");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_JURISDICTION), ==, "Ohio");
  row = find_row (rows, "pathway_answers", f->this_month, "US-OH", "expungement", "available");
  g_assert_nonnull (row);
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_COUNT), ==, "12");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_KIND), ==, "Expungement");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_STATUS), ==, "Available");
  row = find_row (rows, "petitions_filed", ALL, ALL, ALL, ALL);
  g_assert_nonnull (row);
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_MONTH), ==, "All months");
  g_assert_cmpstr (harbor_report_row_get_label (row, HARBOR_REPORT_COLUMN_COUNT), ==, "5");

  /* On screen: the totals at the top, and a small cell as "<5". */
  screenshot = harbor_test_screenshot (GTK_WIDGET (report), "funder-report");
  g_test_message ("screenshot written to %s", screenshot);
  g_assert_true (has_label (GTK_WIDGET (report), "<5"));
  g_assert_true (has_label (GTK_WIDGET (report), "Clients served"));
  g_assert_true (has_label (GTK_WIDGET (report), "8"));   /* clients served in the range */
  g_assert_true (has_label (GTK_WIDGET (report), "Relief granted"));

  /* Nothing that names, dates or describes a client, anywhere. */
  collect_texts (GTK_WIDGET (report), texts);
  g_string_append (texts, gtk_window_get_title (GTK_WINDOW (report)));
  g_assert_nonnull (strstr (texts->str, "identifies no one"));
  g_assert_nonnull (strstr (texts->str, "“<5” means from 1 to 4"));
  assert_no_identifiers (texts->str);

  gtk_window_destroy (GTK_WINDOW (report));
}

static void
test_save_csv (Fixture       *f,
               gconstpointer  data)
{
  HarborFunderReport *report = open_report (f);
  g_autoptr(HarborAggregate) expected = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "report.csv", NULL);

  g_assert_true (harbor_funder_report_set_range (report, "2026-01", f->this_month));
  wait_idle (report);

  /* A file already there is replaced as a whole. */
  g_assert_true (g_file_set_contents (path, "old contents that are much longer than nothing\n", -1, &error));
  g_assert_true (harbor_funder_report_save_to_file (report, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, &error));

  expected = harbor_aggregate_new (harbor_session_get_vault (f->session), f->rules, "2026-01",
                                   f->this_month, NULL, &error);
  g_assert_no_error (error);
  csv = harbor_aggregate_to_csv (expected);
  g_assert_cmpstr (saved, ==, csv);
  g_assert_true (g_str_has_prefix (saved, "measure,month,jurisdiction,pathway_kind,status,count\n"));
  g_assert_nonnull (strstr (saved, ",<5\n"));
  assert_no_identifiers (saved);

  /* A folder that does not exist: an error, and no file. */
  nowhere = g_file_new_for_path (missing);
  g_assert_false (harbor_funder_report_save_to_file (report, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (report));
}

static void
test_bad_range (Fixture       *f,
                gconstpointer  data)
{
  HarborFunderReport *report = open_report (f);
  static const char * const bad[][3] = {
    /* from, to, a word the message must hold */
    { "2026-05", "2026-02", "after" },
    { "2026-13", "2026-02", "YYYY-MM" },
    { "26-01", "2026-02", "YYYY-MM" },
    { "2026-01", "2026-2", "YYYY-MM" },
    { "", "2026-02", "YYYY-MM" },
    { "2026-01", "soon", "last month" },
  };
  g_autoptr(HarborReportRow) first = NULL;
  HarborAggregate *shown;
  guint n_rows;

  g_assert_true (harbor_funder_report_set_range (report, "2026-01", f->this_month));
  wait_idle (report);
  shown = harbor_funder_report_get_aggregate (report);
  n_rows = g_list_model_get_n_items (harbor_funder_report_get_rows (report));
  first = g_list_model_get_item (harbor_funder_report_get_rows (report), 0);
  g_assert_nonnull (first);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HarborReportRow) still = NULL;
      const char *message;

      g_assert_false (harbor_funder_report_set_range (report, bad[i][0], bad[i][1]));
      g_assert_false (harbor_funder_report_get_busy (report));
      message = harbor_funder_report_get_error (report);
      g_assert_nonnull (message);
      if (strstr (message, bad[i][2]) == NULL)
        g_error ("“%s” to “%s”: the message “%s” does not say “%s”", bad[i][0], bad[i][1], message, bad[i][2]);

      /* The previous table stays. */
      g_assert_true (harbor_funder_report_get_aggregate (report) == shown);
      g_assert_cmpstr (harbor_funder_report_get_page_name (report), ==, "report");
      g_assert_cmpuint (g_list_model_get_n_items (harbor_funder_report_get_rows (report)), ==, n_rows);
      still = g_list_model_get_item (harbor_funder_report_get_rows (report), 0);
      g_assert_true (still == first);
    }

  g_assert_false (harbor_funder_report_set_range (report, "2026-05", "2026-02"));
  g_free (harbor_test_screenshot (GTK_WIDGET (report), "funder-report-bad-range"));

  /* A good range clears the message. */
  g_assert_true (harbor_funder_report_set_range (report, "2026-02", "2026-03"));
  wait_idle (report);
  g_assert_null (harbor_funder_report_get_error (report));
  g_assert_false (harbor_funder_report_get_aggregate (report) == shown);
  gtk_window_destroy (GTK_WINDOW (report));
}

static void
test_empty_vault (Fixture       *f,
                  gconstpointer  data)
{
  HarborFunderReport *report = open_report (f);
  g_autofree char *path = g_build_filename (f->dir, "empty.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *screenshot = NULL;

  g_assert_cmpstr (harbor_funder_report_get_page_name (report), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (harbor_funder_report_get_rows (report)), ==, 0);
  g_assert_true (has_label (GTK_WIDGET (report), "No Clients Yet"));
  g_assert_false (harbor_funder_report_save_to_file (report, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  screenshot = harbor_test_screenshot (GTK_WIDGET (report), "funder-report-empty");
  gtk_window_destroy (GTK_WINDOW (report));
}

static void
test_closes_on_lock (Fixture       *f,
                     gconstpointer  data)
{
  HarborFunderReport *report = open_report (f);
  GtkWidget *watch = GTK_WIDGET (report);

  g_object_add_weak_pointer (G_OBJECT (report), (gpointer *) &watch);
  g_object_ref (report);
  harbor_session_lock (f->session);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (report)));
  g_assert_null (harbor_funder_report_get_aggregate (report));
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (gtk_window_get_toplevels (), i);
      g_assert_false (item == G_OBJECT (report));
    }
  g_object_unref (report);
  g_assert_null (watch);
}

/* Locking while the worker still reads the vault: the lock waits for it,
 * then the window goes. */
static void
test_lock_while_counting (Fixture       *f,
                          gconstpointer  data)
{
  HarborFunderReport *report = open_report (f);
  GtkWidget *watch = GTK_WIDGET (report);

  g_object_add_weak_pointer (G_OBJECT (report), (gpointer *) &watch);
  g_assert_true (harbor_funder_report_set_range (report, "2026-01", f->this_month));
  g_assert_true (harbor_funder_report_get_busy (report));
  harbor_session_lock (f->session);
  g_assert_cmpint (harbor_session_get_state (f->session), ==, HARBOR_SESSION_LOCKED);
  /* The task's callback still holds the window until it runs. */
  g_assert_true (harbor_test_wait (harbor_test_is_null, &watch, 10000));
}

/* From the main menu, and closed by the application's lock. */
static void
test_from_menu (Fixture       *f,
                gconstpointer  data)
{
  HarborFunderReport *report;
  HarborWindow *window;
  GAction *action;

  harbor_application_set_session (test_app, f->session);
  window = harbor_window_new (test_app);
  gtk_window_present (GTK_WINDOW (window));
  /* Let the clients view load its first page before the worker starts. */
  g_assert_true (harbor_test_wait (harbor_test_is_drawn, window, 10000));
  harbor_test_spin (300);
  g_assert_cmpstr (harbor_window_get_page_name (window), ==, "clients");
  action = g_action_map_lookup_action (G_ACTION_MAP (window), "funder-report");
  g_assert_nonnull (action);
  g_assert_true (g_action_get_enabled (action));

  g_action_activate (action, NULL);
  report = HARBOR_FUNDER_REPORT (harbor_test_wait_for_mapped_toplevel (HARBOR_TYPE_FUNDER_REPORT));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (report)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (report)));
  wait_idle (report);
  g_assert_cmpstr (harbor_funder_report_get_page_name (report), ==, "report");

  harbor_application_lock (test_app);
  g_assert_null (harbor_test_find_mapped_toplevel (HARBOR_TYPE_FUNDER_REPORT));
  g_assert_false (g_action_get_enabled (action));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  test_app = harbor_test_application_new ();

#define ADD(path, func, seed) \
  g_test_add ("/app/funder-report/" path, Fixture, GINT_TO_POINTER (seed), fixture_set_up, func, fixture_tear_down)
  ADD ("table", test_table, TRUE);
  ADD ("save-csv", test_save_csv, TRUE);
  ADD ("bad-range", test_bad_range, TRUE);
  ADD ("empty-vault", test_empty_vault, FALSE);
  ADD ("closes-on-lock", test_closes_on_lock, TRUE);
  ADD ("lock-while-counting", test_lock_while_counting, TRUE);
  ADD ("from-menu", test_from_menu, TRUE);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&test_app);
  return ret;
}
