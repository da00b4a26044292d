/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-aggregate.c: de-identified counts for funders
 *
 * Copyright 2026 The Harbor authors
 *
 * A seeded vault whose counts are worked out by hand below:
 *
 *   6 clients with an Ohio soliciting conviction (OH1..OH6), intake in
 *     2026-01; OH1..OH3 also a note in 2026-02. Each record gets two
 *     "available" expungement answers and one "not_available" safe_harbor
 *     answer (the juvenile diversion, which fails on age as well as on the
 *     kind of record); the other Ohio pathways only cover other records.
 *   2 clients with a New York record (NY1, NY2), intake in 2026-01.
 *   1 deleted client with an Ohio record and an intake in 2026-01.
 *   Checklists for OH1..OH5 (built from the engine's answer as the app
 *     does): filing step done 2026-03-05 for all five, order done
 *     2026-04-10 for OH1 and OH2. OH6's checklist has its filing step done
 *     without a date (not counted).
 *
 * Records are entered "now", so their month is the current month.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "harbor-core.h"
#include "harbor-engine.h"
#include "harbor-report-aggregate.h"
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

typedef struct
{
  char        *dir;
  HarborVault *vault;
  HarborRules *rules;
  char        *month;       /* current month: when the records were entered */
  GDate        as_of;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *vault_dir = NULL;

  f->dir = harbor_test_make_tmpdir ("report");
  vault_dir = g_build_filename (f->dir, "vault", NULL);
  f->vault = rt_create_vault (vault_dir);
  f->rules = harbor_rules_load (NULL, &error);
  g_assert_no_error (error);
  f->month = g_date_time_format (now, "%Y-%m");
  g_assert_true (harbor_date_parse ("2026-11-28", &f->as_of));

  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *json = g_strdup_printf (OH_CASE, i, i, i, i);
      g_autofree char *id = rt_import_case (f->vault, json);
      g_autofree char *e1 = rt_add_event (f->vault, id, "intake", "2026-01-15", "Intake with Nightingale interpreter");
      g_autofree char *note = g_strdup_printf ("Nightingale note text %u", i);

      if (i <= 3)
        g_free (rt_add_event (f->vault, id, "note", "2026-02-10", note));
      if (i <= 2)
        rt_add_engine_checklist (f->vault, f->rules, &f->as_of, id, "2026-03-05", "2026-04-10");
      else if (i <= 5)
        rt_add_engine_checklist (f->vault, f->rules, &f->as_of, id, "2026-03-05", NULL);
      else
        rt_add_engine_checklist (f->vault, f->rules, &f->as_of, id, "", NULL);
    }
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *json = g_strdup_printf (NY_CASE, i, i, i);
      g_autofree char *id = rt_import_case (f->vault, json);
      g_autofree char *e1 = rt_add_event (f->vault, id, "intake", "2026-01-20", "Nightingale intake NY");
    }
  {
    g_autofree char *json = g_strdup_printf (OH_CASE, 9u, 9u, 9u, 9u);
    g_autofree char *id = rt_import_case (f->vault, json);
    g_autofree char *e1 = rt_add_event (f->vault, id, "intake", "2026-01-15", "Nightingale deleted");

    g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CLIENT, id, &error));
    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->vault);
  g_clear_pointer (&f->rules, harbor_rules_free);
  g_free (f->month);
  harbor_test_remove_tree (f->dir);
  g_free (f->dir);
}

#define ALL HARBOR_AGGREGATE_ALL

static void
assert_cell (HarborAggregate *report,
             const char      *measure,
             const char      *month,
             const char      *jurisdiction,
             const char      *kind,
             const char      *status,
             guint            expected)
{
  guint count = G_MAXUINT;
  const char *shown = harbor_aggregate_get_cell (report, measure, month, jurisdiction, kind, status, &count);

  if (count != expected)
    g_error ("%s %s %s %s %s: counted %u, expected %u", measure, month, jurisdiction, kind, status,
             count, expected);
  if (expected == 0)
    g_assert_null (shown);
  else if (expected <= 4)
    g_assert_cmpstr (shown, ==, "<5");
  else
    g_assert_nonnull (shown);  /* the count, or "*" */
}

/* Rebuilds every relation (a total and the cells it adds up over, one
 * dimension at a time) from the CSV and checks that none has exactly one
 * hidden cell, and that every count shown as a number is at least 5. */
static void
check_protection (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_relations = 0;

  g_assert_cmpstr (lines[0], ==, "measure,month,jurisdiction,pathway_kind,status,count");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      g_autofree char *k = NULL;

      g_assert_cmpuint (g_strv_length (fields), ==, 6);
      k = g_strjoin (",", fields[0], fields[1], fields[2], fields[3], fields[4], NULL);
      if (!g_str_equal (fields[5], "<5") && !g_str_equal (fields[5], "*"))
        g_assert_cmpuint (g_ascii_strtoull (fields[5], NULL, 10), >=, 5);
      g_hash_table_insert (cells, g_steal_pointer (&k), g_strdup (fields[5]));
    }

  /* relation key -> number of hidden cells in it */
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) fields = g_strsplit (key, ",", -1);

      for (guint d = 1; d <= 4; d++)
        {
          g_autofree char *total = NULL;
          g_autofree char *relation = NULL;
          char *saved = fields[d];
          const char *total_shown;
          guint n;

          if (g_str_equal (fields[d], ALL))
            continue;
          fields[d] = (char *) ALL;
          total = g_strjoinv (",", fields);
          fields[d] = saved;
          total_shown = g_hash_table_lookup (cells, total);
          g_assert_nonnull (total_shown);
          relation = g_strdup_printf ("%s|%u", total, d);
          n = GPOINTER_TO_UINT (g_hash_table_lookup (hidden, relation));
          if (n == 0)
            {
              /* First member seen: count the total once. */
              n = 1 + (g_str_equal (total_shown, "<5") || g_str_equal (total_shown, "*"));
              n_relations++;
            }
          n += g_str_equal (value, "<5") || g_str_equal (value, "*");
          g_hash_table_insert (hidden, g_steal_pointer (&relation), GUINT_TO_POINTER (n));
        }
    }
  g_assert_cmpuint (n_relations, >, 10);
  g_hash_table_iter_init (&iter, hidden);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) - 1 == 1)
      g_error ("relation %s has exactly one hidden cell", (const char *) key);
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
      g_error ("the aggregate report contains “%s”", needles[i]);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborAggregate) report = harbor_aggregate_new (f->vault, f->rules, NULL, NULL, &f->as_of, &error);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  const char *m = f->month;

  g_assert_no_error (error);

  /* Clients served: distinct clients with an event in the month. */
  assert_cell (report, "clients_served", "2026-01", "US-OH", ALL, ALL, 6);
  assert_cell (report, "clients_served", "2026-01", "US-NY", ALL, ALL, 2);
  assert_cell (report, "clients_served", "2026-01", ALL, ALL, ALL, 8);
  assert_cell (report, "clients_served", "2026-02", "US-OH", ALL, ALL, 3);
  assert_cell (report, "clients_served", "2026-02", "US-NY", ALL, ALL, 0);
  assert_cell (report, "clients_served", "2026-02", ALL, ALL, ALL, 3);
  assert_cell (report, "clients_served", ALL, "US-OH", ALL, ALL, 6);
  assert_cell (report, "clients_served", ALL, ALL, ALL, ALL, 8);

  /* Records screened, in the month they were entered. */
  assert_cell (report, "records_screened", m, "US-OH", ALL, ALL, 6);
  assert_cell (report, "records_screened", m, "US-NY", ALL, ALL, 2);
  assert_cell (report, "records_screened", m, ALL, ALL, ALL, 8);
  assert_cell (report, "records_screened", ALL, ALL, ALL, ALL, 8);

  /* Ohio answers: two available expungements and one juvenile diversion
   * that is not available, per record. */
  assert_cell (report, "pathway_answers", m, "US-OH", "expungement", "available", 12);
  assert_cell (report, "pathway_answers", m, "US-OH", "expungement", "not_available", 0);
  assert_cell (report, "pathway_answers", m, "US-OH", "safe_harbor", "not_available", 6);
  assert_cell (report, "pathway_answers", m, "US-OH", "diversion", ALL, 0);
  assert_cell (report, "pathway_answers", m, "US-OH", ALL, ALL, 18);
  assert_cell (report, "relief_available", m, "US-OH", "expungement", ALL, 6);
  assert_cell (report, "relief_available", m, "US-OH", ALL, ALL, 6);

  /* Petitions and orders, in the month the step was done. */
  assert_cell (report, "petitions_filed", "2026-03", "US-OH", "expungement", ALL, 5);
  assert_cell (report, "petitions_filed", ALL, ALL, ALL, ALL, 5);
  assert_cell (report, "relief_granted", "2026-04", "US-OH", "expungement", ALL, 2);
  assert_cell (report, "relief_granted", "2026-03", "US-OH", "expungement", ALL, 0);
  assert_cell (report, "relief_granted", ALL, ALL, ALL, ALL, 2);

  /* Shown values: a complementary cell hides the Ohio count that would
   * give away the two New York clients (8 - 6 = 2). */
  g_assert_cmpstr (harbor_aggregate_get_cell (report, "records_screened", m, "US-NY", ALL, ALL, NULL), ==, "<5");
  g_assert_cmpstr (harbor_aggregate_get_cell (report, "records_screened", m, "US-OH", ALL, ALL, NULL), ==, "*");
  g_assert_cmpstr (harbor_aggregate_get_cell (report, "records_screened", ALL, ALL, ALL, ALL, NULL), ==, "8");
  g_assert_cmpstr (harbor_aggregate_get_cell (report, "petitions_filed", "2026-03", "US-OH", "expungement", ALL, NULL), ==, "5");
  g_assert_cmpstr (harbor_aggregate_get_cell (report, "relief_granted", "2026-04", "US-OH", "expungement", ALL, NULL), ==, "<5");

  csv = harbor_aggregate_to_csv (report);
  text = harbor_aggregate_to_text (report);
  check_protection (csv);
  assert_no_identifiers (csv);
  assert_no_identifiers (text);
  g_assert_nonnull (strstr (text, "clients_served"));
}

static void
test_range (Fixture       *f,
            gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborAggregate) report = NULL;
  g_autofree char *csv = NULL;

  report = harbor_aggregate_new (f->vault, f->rules, "2026-02", "2026-03", &f->as_of, &error);
  g_assert_no_error (error);
  assert_cell (report, "clients_served", "2026-01", ALL, ALL, ALL, 0);
  assert_cell (report, "clients_served", ALL, ALL, ALL, ALL, 3);
  assert_cell (report, "petitions_filed", ALL, ALL, ALL, ALL, 5);
  assert_cell (report, "relief_granted", ALL, ALL, ALL, ALL, 0);
  csv = harbor_aggregate_to_csv (report);
  g_assert_null (strstr (csv, ",2026-01,"));
  g_assert_null (strstr (csv, ",2026-04,"));
  check_protection (csv);
  g_clear_pointer (&report, harbor_aggregate_free);

  report = harbor_aggregate_new (f->vault, f->rules, "2026-05", "2026-04", &f->as_of, &error);
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID);
  g_assert_null (report);
  g_clear_error (&error);
  report = harbor_aggregate_new (f->vault, f->rules, "2026-1", NULL, &f->as_of, &error);
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (harbor_aggregate_parse_month ("2026-13"));
  g_assert_false (harbor_aggregate_parse_month ("2026-01-01"));
  g_assert_true (harbor_aggregate_parse_month ("2026-12"));
}

static void
test_cli (Fixture       *f,
          gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *vault_dir = g_build_filename (f->dir, "vault", NULL);
  const char *input = RT_PASSPHRASE "\n";

  g_autoptr(GError) error = NULL;
  g_autoptr(HarborAggregate) report = harbor_aggregate_new (f->vault, f->rules, NULL, NULL, &f->as_of, &error);
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  expected = harbor_aggregate_to_csv (report);
  harbor_vault_lock (f->vault);
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "aggregate", vault_dir, "--csv", "--as-of", "2026-11-28", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
    check_protection (r.out);
    assert_no_identifiers (r.out);
    g_assert_nonnull (strstr (r.out, "clients_served,2026-01,all,all,all,"));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "aggregate", vault_dir, "--from", "2026-02", "--to", "2026-04", NULL);
    g_assert_cmpint (r.status, ==, 0);
    assert_no_identifiers (r.out);
    g_assert_nonnull (strstr (r.out, "petitions_filed"));
    g_assert_null (strstr (r.out, "2026-01 "));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "aggregate", vault_dir, "--from", "2026-13", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "aggregate", vault_dir, "--from", "2026-05", "--to", "2026-04", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpstr (strchr (r.err, '\n'), ==, r.err + strlen (r.err) - 1);
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, "not the passphrase\n", "report", "aggregate", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!harbor_core_init (&error))
    g_error ("%s", error->message);

  g_test_add ("/report/aggregate/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/report/aggregate/range", Fixture, NULL, fixture_set_up, test_range, fixture_tear_down);
  g_test_add ("/report/aggregate/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  return g_test_run ();
}
