/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-rules-stats.c: national counts (harbor-cli rules stats) on made-up
 * fixture jurisdictions whose answers are known by construction
 * (tests/engine/stats-rules/README.md), and their invariants on the real
 * rule data.
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "harbor-rules-stats.h"

static char *
fixture_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "engine", "stats-rules", NULL);
}

static HarborRulesStats *
fixture_stats (const char *as_of_str)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fixture_dir ();
  HarborRules *rules;
  GDate as_of;

  g_assert_true (harbor_date_parse (as_of_str, &as_of));
  /* The rules must outlive the stats; the fixture set is small, so it is
   * kept for the whole test run. */
  rules = harbor_rules_load (dir, &error);
  g_assert_no_error (error);
  g_test_queue_destroy ((GDestroyNotify) harbor_rules_free, rules);
  return harbor_rules_stats_compute (rules, &as_of);
}

/* Asserts the group holds exactly @expected (space-separated codes, in
 * order; "" for none). */
static void
assert_group (const HarborRulesStats *stats,
              const char             *measure_id,
              const char             *group_id,
              const char             *expected)
{
  const HarborStatsGroup *group = harbor_rules_stats_find_group (stats, measure_id, group_id);
  g_autoptr(GString) got = g_string_new (NULL);

  g_assert_nonnull (group);
  for (guint i = 0; i < group->entries->len; i++)
    {
      const HarborStatsEntry *entry = g_ptr_array_index (group->entries, i);

      if (i > 0)
        g_string_append_c (got, ' ');
      g_string_append (got, entry->jurisdiction);
    }
  if (g_strcmp0 (got->str, expected) != 0)
    g_test_message ("%s / %s: got “%s”", measure_id, group_id, got->str);
  g_assert_cmpstr (got->str, ==, expected);
}

static const HarborStatsEntry *
find_entry (const HarborRulesStats *stats,
            const char             *measure_id,
            const char             *group_id,
            const char             *jurisdiction)
{
  const HarborStatsGroup *group = harbor_rules_stats_find_group (stats, measure_id, group_id);

  g_assert_nonnull (group);
  for (guint i = 0; i < group->entries->len; i++)
    {
      const HarborStatsEntry *entry = g_ptr_array_index (group->entries, i);

      if (g_str_equal (entry->jurisdiction, jurisdiction))
        return entry;
    }
  g_assert_not_reached ();
}

static void
test_fixture_counts (void)
{
  g_autoptr(HarborRulesStats) stats = fixture_stats ("2026-11-28");

  /* Only the six state fixtures; the federal file is not a jurisdiction. */
  g_assert_cmpuint (stats->jurisdictions->len, ==, 6);
  g_assert_cmpstr (stats->jurisdictions->pdata[0], ==, "US-XA");
  g_assert_cmpstr (stats->jurisdictions->pdata[5], ==, "US-XF");
  g_assert_cmpuint (stats->without_pathways->len, ==, 1);
  g_assert_cmpstr (stats->without_pathways->pdata[0], ==, "US-XD");
  g_assert_cmpuint (stats->measures->len, ==, 5);

  /* US-XF's general sealing is open to any child: yes, but general only
   * (and its two-year wait has run). */
  assert_group (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "yes", "US-XA US-XF");
  assert_group (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "vacatur", "US-XA");
  assert_group (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "general_only", "US-XF");
  assert_group (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "needs_review", "US-XB");
  assert_group (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "no", "US-XC US-XD US-XE");
  assert_group (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "no_pathway", "US-XD US-XE");

  /* US-XB's ten-year wait has not run (not_yet): the relief exists. The
   * federal vacatur applies to US-XC records but is not US-XC's law. */
  assert_group (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "yes", "US-XA US-XB");
  /* US-XB clears it by expungement, not vacatur. */
  assert_group (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "vacatur", "US-XA");
  assert_group (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "general_only", "");
  assert_group (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "needs_review", "US-XC");
  assert_group (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "no", "US-XD US-XE US-XF");
  assert_group (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "no_pathway", "US-XD US-XE");

  assert_group (stats, HARBOR_STATS_OFFENSE_SCOPE, "beyond_prostitution", "US-XA US-XF");
  assert_group (stats, HARBOR_STATS_OFFENSE_SCOPE, "prostitution_only", "US-XB");
  assert_group (stats, HARBOR_STATS_OFFENSE_SCOPE, "needs_review", "US-XC");
  assert_group (stats, HARBOR_STATS_OFFENSE_SCOPE, "no_relief", "US-XD US-XE");

  /* Full: no trafficking finding needed, not described as partial. US-XB
   * calls itself diversion only; US-XE needs the nexus. */
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "safe_harbor", "US-XA US-XB US-XE");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "full", "US-XA");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "requires_finding", "US-XE");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "described_partial", "US-XB");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "needs_review", "");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "diversion_only", "US-XC");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "none", "US-XD US-XF");
  assert_group (stats, HARBOR_STATS_SAFE_HARBOR, "no_pathway", "US-XD US-XF");

  /* The federal defense applies to US-XC records: still no for US-XC. */
  assert_group (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "yes", "US-XA");
  assert_group (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "prostitution", "US-XA");
  assert_group (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "beyond_prostitution", "US-XA");
  assert_group (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "needs_review", "US-XB");
  assert_group (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "no", "US-XC US-XD US-XE US-XF");
  assert_group (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "no_pathway", "US-XC US-XD US-XE US-XF");

  g_assert_null (harbor_rules_stats_find_group (stats, "no-such-measure", "yes"));
  g_assert_null (harbor_rules_stats_find_group (stats, HARBOR_STATS_SAFE_HARBOR, "yes"));
  g_assert_false (harbor_stats_group_contains (NULL, "US-XA"));
}

static void
test_fixture_details (void)
{
  g_autoptr(HarborRulesStats) stats = fixture_stats ("2026-11-28");
  const HarborStatsEntry *entry;
  const HarborReviewPoint *point;

  /* The pathways behind a yes. */
  entry = find_entry (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "yes", "US-XB");
  g_assert_cmpuint (entry->pathways->len, ==, 1);
  g_assert_cmpstr (entry->pathways->pdata[0], ==, "us-xb-expungement");
  g_assert_cmpuint (entry->missing_facts->len, ==, 0);
  g_assert_cmpuint (entry->needs_review->len, ==, 0);

  /* A legal question behind a needs review. */
  entry = find_entry (stats, HARBOR_STATS_JUVENILE_ADJUDICATION, "needs_review", "US-XB");
  g_assert_cmpuint (entry->pathways->len, ==, 1);
  g_assert_cmpstr (entry->pathways->pdata[0], ==, "us-xb-juvenile-sealing");
  g_assert_cmpuint (entry->needs_review->len, ==, 1);
  point = g_ptr_array_index (entry->needs_review, 0);
  g_assert_cmpstr (point->question, ==, "Fixture question: whether Test Code § 11 is in force");
  g_assert_cmpuint (entry->missing_facts->len, ==, 0);

  /* A fact the probe does not give behind a needs review. */
  entry = find_entry (stats, HARBOR_STATS_CRIMINAL_CONVICTION, "needs_review", "US-XC");
  g_assert_cmpstr (entry->pathways->pdata[0], ==, "us-xc-vacatur");
  g_assert_cmpuint (entry->missing_facts->len, ==, 1);
  g_assert_cmpstr (entry->missing_facts->pdata[0], ==, "record.offense.degree");
  g_assert_cmpuint (entry->needs_review->len, ==, 0);

  /* Both probes (prostitution and theft) reach US-XA's one vacatur. */
  entry = find_entry (stats, HARBOR_STATS_OFFENSE_SCOPE, "beyond_prostitution", "US-XA");
  g_assert_cmpstr (entry->pathways->pdata[0], ==, "us-xa-vacatur");
  entry = find_entry (stats, HARBOR_STATS_SAFE_HARBOR, "diversion_only", "US-XC");
  g_assert_cmpstr (entry->pathways->pdata[0], ==, "us-xc-diversion");

  /* A no names no pathway; federal pathways are never named. */
  entry = find_entry (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "no", "US-XC");
  g_assert_cmpuint (entry->pathways->len, ==, 0);
  for (guint m = 0; m < stats->measures->len; m++)
    {
      const HarborStatsMeasure *measure = g_ptr_array_index (stats->measures, m);

      g_assert_cmpstr (measure->title, !=, "");
      g_assert_cmpstr (measure->probe, !=, "");
      for (guint g = 0; g < measure->groups->len; g++)
        {
          const HarborStatsGroup *group = g_ptr_array_index (measure->groups, g);

          for (guint e = 0; e < group->entries->len; e++)
            {
              const HarborStatsEntry *ge = g_ptr_array_index (group->entries, e);

              for (guint p = 0; p < ge->pathways->len; p++)
                g_assert_true (g_str_has_prefix (ge->pathways->pdata[p], "us-x"));
            }
        }
    }
}

/* The probes' dates follow the evaluation date: the same answers decades
 * later (the children are still children at their offense), and the
 * ten-year wait of US-XB is still not_yet, i.e. yes. */
static void
test_fixture_as_of (void)
{
  g_autoptr(HarborRulesStats) later = fixture_stats ("2051-03-01");
  g_autoptr(HarborRulesStats) leap = fixture_stats ("2028-02-29");
  g_autofree char *as_of = harbor_date_to_string (&later->as_of);

  g_assert_cmpstr (as_of, ==, "2051-03-01");
  assert_group (later, HARBOR_STATS_CRIMINAL_CONVICTION, "yes", "US-XA US-XB");
  assert_group (later, HARBOR_STATS_SAFE_HARBOR, "requires_finding", "US-XE");
  assert_group (later, HARBOR_STATS_AFFIRMATIVE_DEFENSE, "beyond_prostitution", "US-XA");
  assert_group (leap, HARBOR_STATS_JUVENILE_ADJUDICATION, "yes", "US-XA US-XF");
  assert_group (leap, HARBOR_STATS_SAFE_HARBOR, "full", "US-XA");
}

static JsonObject *
find_json_group (JsonObject *root,
                 const char *measure_id,
                 const char *group_id)
{
  JsonArray *measures = json_object_get_array_member (root, "measures");

  for (guint m = 0; m < json_array_get_length (measures); m++)
    {
      JsonObject *measure = json_array_get_object_element (measures, m);
      JsonArray *groups;

      if (!g_str_equal (json_object_get_string_member (measure, "id"), measure_id))
        continue;
      groups = json_object_get_array_member (measure, "groups");
      for (guint g = 0; g < json_array_get_length (groups); g++)
        {
          JsonObject *group = json_array_get_object_element (groups, g);

          if (g_str_equal (json_object_get_string_member (group, "id"), group_id))
            return group;
        }
    }
  g_assert_not_reached ();
}

static void
check_json_document (const char *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *group, *entry;
  JsonArray *list;

  json_parser_load_from_data (parser, data, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, HARBOR_STATS_FORMAT);
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-11-28");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "jurisdictions")), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "measures")), ==, 5);

  group = find_json_group (root, HARBOR_STATS_CRIMINAL_CONVICTION, "yes");
  g_assert_cmpint (json_object_get_int_member (group, "count"), ==, 2);
  g_assert_true (json_object_get_null_member (group, "subset_of"));
  list = json_object_get_array_member (group, "jurisdictions");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  entry = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "jurisdiction"), ==, "US-XB");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (entry, "pathways"), 0),
                   ==, "us-xb-expungement");

  group = find_json_group (root, HARBOR_STATS_JUVENILE_ADJUDICATION, "needs_review");
  entry = json_array_get_object_element (json_object_get_array_member (group, "jurisdictions"), 0);
  list = json_object_get_array_member (entry, "needs_review");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "question"),
                   ==, "Fixture question: whether Test Code § 11 is in force");

  group = find_json_group (root, HARBOR_STATS_SAFE_HARBOR, "described_partial");
  g_assert_cmpstr (json_object_get_string_member (group, "subset_of"), ==, "safe_harbor");
  g_assert_cmpint (json_object_get_int_member (group, "count"), ==, 1);
}

static void
test_json (void)
{
  g_autoptr(HarborRulesStats) stats = fixture_stats ("2026-11-28");
  g_autofree char *json = harbor_rules_stats_to_json (stats);
  g_autofree char *text = harbor_rules_stats_to_text (stats);

  check_json_document (json);
  /* The text names every group with its count and the codes. */
  g_assert_nonnull (strstr (text, "2026-11-28"));
  g_assert_nonnull (strstr (text, "us-xc-vacatur"));
  g_assert_nonnull (strstr (text, "record.offense.degree"));
  /* The legal questions themselves are only in the JSON document. */
  g_assert_null (strstr (text, "Fixture question"));
}

/* On the real data, whatever it says: every jurisdiction is in exactly one
 * top-level group of each measure, parts are inside their group, and a
 * jurisdiction is yes only with a pathway named. */
static void
test_real_data_invariants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRules) rules = harbor_rules_load (g_getenv ("HARBOR_RULES_DIR"), &error);
  g_autoptr(HarborRulesStats) stats = NULL;
  GDate as_of;

  g_assert_no_error (error);
  g_assert_true (harbor_date_parse ("2026-11-28", &as_of));
  stats = harbor_rules_stats_compute (rules, &as_of);
  g_assert_cmpuint (stats->jurisdictions->len, ==, rules->sets->len - 1);
  g_assert_false (g_ptr_array_find_with_equal_func (stats->jurisdictions, "US", g_str_equal, NULL));

  for (guint m = 0; m < stats->measures->len; m++)
    {
      const HarborStatsMeasure *measure = g_ptr_array_index (stats->measures, m);

      for (guint j = 0; j < stats->jurisdictions->len; j++)
        {
          const char *code = stats->jurisdictions->pdata[j];
          guint top = 0;

          for (guint g = 0; g < measure->groups->len; g++)
            {
              const HarborStatsGroup *group = g_ptr_array_index (measure->groups, g);

              if (!harbor_stats_group_contains (group, code))
                continue;
              if (group->subset_of == NULL)
                top++;
              else
                g_assert_true (harbor_stats_group_contains (
                  harbor_rules_stats_find_group (stats, measure->id, group->subset_of), code));
            }
          if (top != 1)
            g_test_message ("%s: %s is in %u groups", measure->id, code, top);
          g_assert_cmpuint (top, ==, 1);
        }

      for (guint g = 0; g < measure->groups->len; g++)
        {
          const HarborStatsGroup *group = g_ptr_array_index (measure->groups, g);
          gboolean positive = g_str_equal (group->id, "yes") || g_str_equal (group->id, "safe_harbor") ||
                              g_str_equal (group->id, "beyond_prostitution") ||
                              g_str_equal (group->id, "needs_review");

          for (guint e = 0; positive && e < group->entries->len; e++)
            {
              const HarborStatsEntry *entry = g_ptr_array_index (group->entries, e);

              g_assert_cmpuint (entry->pathways->len, >, 0);
              for (guint p = 0; p < entry->pathways->len; p++)
                {
                  const HarborPathway *pathway = harbor_rules_find_pathway (rules, entry->pathways->pdata[p]);

                  g_assert_nonnull (pathway);
                  g_assert_cmpstr (pathway->set->jurisdiction, ==, entry->jurisdiction);
                }
              if (g_str_equal (group->id, "needs_review"))
                g_assert_cmpuint (entry->missing_facts->len + entry->needs_review->len, >, 0);
            }
        }
    }
}

static void
run_cli (const char * const *args,
         int                *status,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("HARBOR_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static void
test_cli (void)
{
  g_autofree char *dir = fixture_dir ();
  struct {
    const char *args[8];
    int         status;
    const char *err;
  } cases[] = {
    { { "rules", "stats", "--help", NULL }, 0, "" },
    { { "rules", "stats", "--rules", dir, "--as-of", "2026-11-28", NULL }, 0, "" },
    { { "rules", "stats", "--as-of", "2026-02-30", NULL }, 2,
      "harbor-cli: rules stats: --as-of: expected a real date YYYY-MM-DD; got “2026-02-30”\n" },
    { { "rules", "stats", "extra", NULL }, 2, "harbor-cli: rules stats: unexpected argument “extra”\n" },
    { { "rules", "stats", "--rules", "/nonexistent-harbor-rules", NULL }, 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      run_cli (cases[i].args, &status, &out, &err);
      g_assert_cmpint (status, ==, cases[i].status);
      if (cases[i].err != NULL)
        g_assert_cmpstr (err, ==, cases[i].err);
      else
        {
          /* One line, naming the command. */
          g_assert_true (g_str_has_prefix (err, "harbor-cli: rules stats: "));
          g_assert_nonnull (strchr (err, '\n'));
          g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
        }
      if (i == 1)
        {
          g_assert_nonnull (strstr (out, "Yes: 2\n     XA XF\n"));
          g_assert_nonnull (strstr (out, "Why legal review is needed:"));
        }
    }

  {
    const char *args[] = { "rules", "stats", "--json", "--rules", dir, "--as-of", "2026-11-28", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    run_cli (args, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (err, ==, "");
    check_json_document (out);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules-stats/fixture/counts", test_fixture_counts);
  g_test_add_func ("/rules-stats/fixture/details", test_fixture_details);
  g_test_add_func ("/rules-stats/fixture/as-of", test_fixture_as_of);
  g_test_add_func ("/rules-stats/json", test_json);
  g_test_add_func ("/rules-stats/real-data/invariants", test_real_data_invariants);
  g_test_add_func ("/rules-stats/cli", test_cli);

  return g_test_run ();
}
