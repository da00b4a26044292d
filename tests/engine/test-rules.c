/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-rules.c: the rule loader and validator, one test per malformed class
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>

#include "harbor-rules.h"

/* A valid file; each malformed case edits one spot of it. */
static const char base[] =
  "{\n"                                                                         /*  1 */
  "  \"format\": \"harbor-rules/1\",\n"                                         /*  2 */
  "  \"jurisdiction\": \"US-ZZ\",\n"                                            /*  3 */
  "  \"name\": \"Test\",\n"                                                     /*  4 */
  "  \"reviewed\": \"2026-01-01\",\n"                                           /*  5 */
  "  \"confidence\": \"medium\",\n"                                             /*  6 */
  "  \"sources\": [ { \"id\": \"s\", \"url\": \"https://example.org/s\", \"description\": \"Test source\" } ],\n" /* 7 */
  "  \"pathways\": [\n"                                                         /*  8 */
  "    {\n"                                                                     /*  9 */
  "      \"id\": \"us-zz-test\",\n"                                             /* 10 */
  "      \"kind\": \"vacatur\",\n"                                              /* 11 */
  "      \"title\": \"Test vacatur\",\n"                                        /* 12 */
  "      \"citation\": \"Z.C. § 1\",\n"                                        /* 13 */
  "      \"applies_to\": { \"text\": \"Convictions\", \"records\": { \"fact\": \"record.disposition\", \"eq\": \"convicted\" } },\n" /* 14 */
  "      \"conditions\": [\n"                                                   /* 15 */
  "        { \"id\": \"nexus\", \"text\": \"Nexus\", \"test\": { \"fact\": \"record.result_of_trafficking\", \"eq\": true } }\n" /* 16 */
  "      ],\n"                                                                  /* 17 */
  "      \"timing\": { \"text\": \"None\" },\n"                                 /* 18 */
  "      \"effect\": \"Vacated\",\n"                                            /* 19 */
  "      \"burden\": { \"standard\": \"preponderance\", \"on\": \"petitioner\" },\n" /* 20 */
  "      \"confidence\": \"high\",\n"                                           /* 21 */
  "      \"reviewed\": \"2026-01-01\",\n"                                       /* 22 */
  "      \"sources\": [\"s\"]\n"                                                /* 23 */
  "    }\n"                                                                     /* 24 */
  "  ]\n"                                                                       /* 25 */
  "}\n";

static char *
edit (const char *from,
      const char *to)
{
  const char *at = strstr (base, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (base, at - base);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free (out, FALSE);
}

static GPtrArray *
load (const char *doc,
      const char *filename)
{
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  ok = harbor_rules_add_data (rules, doc, -1, filename, problems);
  g_assert_cmpint (ok, ==, problems->len == 0);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) g_ptr_array_index (problems, i));
  return problems;
}

static void
test_valid (void)
{
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const HarborPathway *pathway;

  g_assert_true (harbor_rules_add_data (rules, base, -1, "US-ZZ.json", problems));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (rules->sets->len, ==, 1);
  pathway = harbor_rules_find_pathway (rules, "us-zz-test");
  g_assert_nonnull (pathway);
  g_assert_cmpstr (pathway->citation, ==, "Z.C. § 1");
  g_assert_cmpstr (pathway->jurisdictions[0], ==, "US-ZZ");
  g_assert_cmpuint (pathway->sources->len, ==, 1);
  g_assert_cmpstr (((HarborSource *) g_ptr_array_index (pathway->sources, 0))->url, ==,
                   "https://example.org/s");
  g_assert_cmpuint (harbor_rules_count_pathways (rules), ==, 1);
}

typedef struct
{
  const char *name;
  const char *from;
  const char *to;
  const char *expected;   /* the first (or only) problem */
} Malformed;

static const Malformed malformed[] = {
  { "malformed-json", "\"kind\": \"vacatur\",", "\"kind\": \"vacatur\"",
    "US-ZZ.json:11:23: malformed JSON: unexpected string constant \"vacatur\", expected character `,'" },
  { "unknown-fact", "record.result_of_trafficking", "record.trafficked",
    "US-ZZ.json:16:61: pathways[0].conditions[0].test.fact: unknown fact “record.trafficked” (see data/rules/FORMAT.md §5)" },
  { "unknown-fact-suggestion", "\"record.result_of_trafficking\"", "\"result_of_trafficking\"",
    "US-ZZ.json:16:61: pathways[0].conditions[0].test.fact: unknown fact “result_of_trafficking”; did you mean “record.result_of_trafficking”?" },
  { "unknown-operator", "\"eq\": true", "\"equals\": true",
    "US-ZZ.json:16:103: pathways[0].conditions[0].test.equals: unknown operator “equals”; expected one of eq, ne, lt, le, gt, ge, in, contains, contains_any" },
  { "unknown-shape", "{ \"fact\": \"record.result_of_trafficking\", \"eq\": true }", "{ \"and\": [] }",
    "US-ZZ.json:16:60: pathways[0].conditions[0].test.and: unknown operator “and”; expected one of all, any, not, fact, some_record, needs_review, const" },
  { "wrong-type-value", "\"eq\": true", "\"eq\": \"yes\"",
    "US-ZZ.json:16:99: pathways[0].conditions[0].test.eq: wrong type: “record.result_of_trafficking” is a boolean fact, so expected true or false; got a string" },
  { "wrong-type-operator", "\"eq\": true", "\"lt\": true",
    "US-ZZ.json:16:99: pathways[0].conditions[0].test.lt: operator “lt” does not apply to boolean fact “record.result_of_trafficking”" },
  { "wrong-type-member", "\"title\": \"Test vacatur\"", "\"title\": 42",
    "US-ZZ.json:12:16: pathways[0].title: wrong type: expected a string; got a number" },
  { "bad-enum-value", "\"eq\": \"convicted\"", "\"eq\": \"convictd\"",
    "US-ZZ.json:14:95: pathways[0].applies_to.records.eq: “convictd” is not a value of “record.disposition”; expected one of arrest_only, pending, dismissed, acquitted, diverted, convicted, adjudicated_delinquent" },
  { "missing-citation", "      \"citation\": \"Z.C. § 1\",\n", "",
    "US-ZZ.json:9:5: pathways[0]: missing citation: every pathway names its statute" },
  { "empty-citation", "\"citation\": \"Z.C. § 1\"", "\"citation\": \"  \"",
    "US-ZZ.json:13:19: pathways[0].citation: must not be empty" },
  { "missing-sources", ",\n      \"sources\": [\"s\"]", "",
    "US-ZZ.json:9:5: pathways[0]: missing sources: every rule needs at least one source" },
  { "empty-sources", "\"sources\": [\"s\"]", "\"sources\": []",
    "US-ZZ.json:23:18: pathways[0].sources: must not be empty" },
  { "unknown-source-id", "\"sources\": [\"s\"]", "\"sources\": [\"t\"]",
    "US-ZZ.json:23:19: pathways[0].sources[0]: unknown source id “t”; define it in the file’s sources" },
  { "bad-source-url", "https://example.org/s", "example.org/s",
    "US-ZZ.json:7:36: sources[0].url: expected an http:// or https:// address; got “example.org/s”" },
  { "bad-date-calendar", "      \"reviewed\": \"2026-01-01\"", "      \"reviewed\": \"2026-02-30\"",
    "US-ZZ.json:22:19: pathways[0].reviewed: expected a real calendar date (YYYY-MM-DD); got “2026-02-30”" },
  { "bad-date-future", "      \"reviewed\": \"2026-01-01\"", "      \"reviewed\": \"2999-01-01\"",
    "US-ZZ.json:22:19: pathways[0].reviewed: a review date cannot be in the future; got “2999-01-01”" },
  { "bad-date-literal", "{ \"fact\": \"record.result_of_trafficking\", \"eq\": true }",
    "{ \"fact\": \"record.offense_date\", \"ge\": \"2021-13-01\" }",
    "US-ZZ.json:16:90: pathways[0].conditions[0].test.ge: expected a real calendar date (YYYY-MM-DD) for “record.offense_date”; got “2021-13-01”" },
  { "bad-confidence", "\"confidence\": \"high\"", "\"confidence\": \"certain\"",
    "US-ZZ.json:21:21: pathways[0].confidence: expected one of high, medium, low; got “certain”" },
  { "bad-kind", "\"kind\": \"vacatur\"", "\"kind\": \"pardon\"",
    "US-ZZ.json:11:15: pathways[0].kind: expected one of vacatur, expungement, sealing, sentence_reduction, safe_harbor, affirmative_defense, diversion; got “pardon”" },
  { "unknown-member", "\"effect\": \"Vacated\",", "\"effect\": \"Vacated\", \"efect\": \"x\",",
    "US-ZZ.json:19:37: pathways[0].efect: unknown member “efect”; expected one of id, kind, title, citation, applies_to, conditions, exclusions, timing, evidence, procedure, omit_common_steps, effect, burden, confidence, reviewed, sources, notes, open_questions" },
  { "bad-pathway-id", "\"id\": \"us-zz-test\"", "\"id\": \"oh-test\"",
    "US-ZZ.json:10:13: pathways[0].id: a pathway id is “us-zz-” followed by lowercase letters, digits and “-”; got “oh-test”" },
  { "duplicate-clause-id", "\"eq\": true } }\n", "\"eq\": true } },\n        { \"id\": \"nexus\", \"text\": \"Again\", \"test\": { \"const\": true } }\n",
    "US-ZZ.json:17:17: pathways[0].conditions[1].id: duplicate clause id “nexus”" },
  { "missing-format", "  \"format\": \"harbor-rules/1\",\n", "",
    "US-ZZ.json:1:1: format: expected “harbor-rules/1”" },
  { "bad-period", "\"timing\": { \"text\": \"None\" }",
    "\"timing\": { \"text\": \"None\", \"waiting_periods\": [ { \"from\": \"arrest\", \"years\": 1, \"text\": \"x\" } ] }",
    "US-ZZ.json:18:66: pathways[0].timing.waiting_periods[0].from: expected a named date (offense, disposition, sentence_completed, birth, trafficking_began, trafficking_ended) or {\"date\": \"YYYY-MM-DD\"}; got “arrest”" },
  { "bad-offset", "\"timing\": { \"text\": \"None\" }",
    "\"timing\": { \"text\": \"None\", \"waiting_periods\": [ { \"from\": \"disposition\", \"years\": -1, \"text\": \"x\" } ] }",
    "US-ZZ.json:18:90: pathways[0].timing.waiting_periods[0].years: wrong type: expected a whole number from 0 to 1000; got a number" },
};

static void
test_malformed (gconstpointer data)
{
  const Malformed *m = data;
  g_autofree char *doc = edit (m->from, m->to);
  g_autoptr(GPtrArray) problems = load (doc, "US-ZZ.json");

  if (m->expected == NULL)
    {
      g_assert_cmpuint (problems->len, ==, 0);
      return;
    }

  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, m->expected);
}

static void
test_filename_mismatch (void)
{
  g_autoptr(GPtrArray) problems = load (base, "data/rules/US-ZY.json");

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "data/rules/US-ZY.json:3:19: jurisdiction: the file for jurisdiction “US-ZZ” must be named “US-ZZ.json”");
}

static void
test_duplicate_pathway_id (void)
{
  const char *open = strstr (base, "    {\n      \"id\"");
  const char *close = strstr (base, "    }\n  ]");
  g_autofree char *block = g_strndup (open, close + strlen ("    }") - open);
  g_autofree char *twice = g_strconcat (",\n", block, NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GString *str = g_string_new_len (base, close + strlen ("    }") - base);

  g_string_append (str, twice);
  g_string_append (str, close + strlen ("    }"));
  doc = g_string_free (str, FALSE);

  problems = load (doc, "US-ZZ.json");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "US-ZZ.json:26:13: pathways[1].id: duplicate pathway id “us-zz-test” (also pathways[0])");
}

static void
test_duplicate_across_files (void)
{
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (harbor_rules_add_data (rules, base, -1, "a/US-ZZ.json", problems));
  g_assert_false (harbor_rules_add_data (rules, base, -1, "b/US-ZZ.json", problems));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==,
                   "b/US-ZZ.json:3:19: jurisdiction: jurisdiction “US-ZZ” is already loaded from US-ZZ.json");
  g_assert_cmpstr (g_ptr_array_index (problems, 1), ==,
                   "b/US-ZZ.json:10:13: pathways[0].id: duplicate pathway id “us-zz-test” (also in US-ZZ.json)");
  g_assert_cmpuint (rules->sets->len, ==, 1);
}

static void
test_every_problem_listed (void)
{
  g_autofree char *a = edit ("\"kind\": \"vacatur\"", "\"kind\": \"pardon\"");
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *at;

  /* Three independent problems in one file: all three are reported. */
  at = strstr (a, "record.result_of_trafficking");
  b = g_strdup_printf ("%.*srecord.trafficked%s", (int) (at - a), a, at + strlen ("record.result_of_trafficking"));
  at = strstr (b, "\"confidence\": \"high\"");
  c = g_strdup_printf ("%.*s\"confidence\": \"sure\"%s", (int) (at - b), b, at + strlen ("\"confidence\": \"high\""));

  problems = load (c, "US-ZZ.json");
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "US-ZZ.json:11:15: pathways[0].kind:"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "US-ZZ.json:16:61: pathways[0].conditions[0].test.fact:"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "US-ZZ.json:21:21: pathways[0].confidence:"));
}

static void
test_nesting_limit (void)
{
  GString *deep = g_string_new (NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (deep, "{ \"not\": ");
  g_string_append (deep, "{ \"const\": true }");
  for (guint i = 0; i < 60; i++)
    g_string_append (deep, " }");

  doc = edit ("{ \"fact\": \"record.result_of_trafficking\", \"eq\": true }", deep->str);
  g_string_free (deep, TRUE);
  problems = load (doc, "US-ZZ.json");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "conditions are nested too deeply"));
}

/* The shipped rule data (HARBOR_RULES_DIR, set by the test environment)
 * loads without a single problem. */
static void
test_shipped_rules (void)
{
  const char *dir = g_getenv ("HARBOR_RULES_DIR");
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (dir == NULL)
    {
      g_test_skip ("HARBOR_RULES_DIR is not set");
      return;
    }

  harbor_rules_add_dir (rules, dir, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (harbor_rules_find_set (rules, "US"));
  g_assert_nonnull (harbor_rules_find_pathway (rules, "us-vacatur"));
  g_assert_nonnull (harbor_rules_find_pathway (rules, "us-arrest-expungement-level-a"));
  g_assert_nonnull (harbor_rules_find_pathway (rules, "us-arrest-expungement-level-b"));
  g_assert_nonnull (harbor_rules_find_pathway (rules, "us-sentence-reduction"));
  g_assert_nonnull (harbor_rules_find_pathway (rules, "us-trafficking-defense"));
}

static void
test_missing_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRules) rules = harbor_rules_load ("/nonexistent/harbor-rules", &error);

  g_assert_null (rules);
  g_assert_error (error, HARBOR_RULES_ERROR, HARBOR_RULES_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/valid", test_valid);
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rules/malformed/%s", malformed[i].name);
      g_test_add_data_func (path, &malformed[i], test_malformed);
    }
  g_test_add_func ("/rules/malformed/filename-mismatch", test_filename_mismatch);
  g_test_add_func ("/rules/malformed/duplicate-pathway-id", test_duplicate_pathway_id);
  g_test_add_func ("/rules/malformed/duplicate-across-files", test_duplicate_across_files);
  g_test_add_func ("/rules/malformed/nesting-limit", test_nesting_limit);
  g_test_add_func ("/rules/every-problem-listed", test_every_problem_listed);
  g_test_add_func ("/rules/shipped", test_shipped_rules);
  g_test_add_func ("/rules/missing-dir", test_missing_dir);

  return g_test_run ();
}
