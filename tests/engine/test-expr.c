/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-expr.c: Kleene logic, operators, quantifiers, missing facts
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>

#include "harbor-expr.h"

static const char case_json[] =
  "{ \"format\": \"harbor-case/1\", \"as_of\": \"2026-11-28\",\n"
  "  \"client\": { \"birth_date\": \"2004-02-29\",\n"
  "    \"trafficking\": { \"types\": [\"sex\"], \"began_on\": \"2019-06-01\",\n"
  "                       \"documentation\": [] } },\n"
  "  \"records\": [\n"
  "    { \"id\": \"r0\", \"jurisdiction\": \"US-OH\", \"disposition\": \"convicted\",\n"
  "      \"offense\": { \"categories\": [\"theft\"], \"class\": \"felony\", \"degree\": \"F4\",\n"
  "                   \"violent\": false },\n"
  "      \"offense_date\": \"2021-04-02\", \"disposition_date\": \"2021-06-10\" },\n"
  "    { \"id\": \"r1\", \"jurisdiction\": \"US-OH\", \"disposition\": \"convicted\",\n"
  "      \"offense\": { \"categories\": [\"prostitution\"] } },\n"
  "    { \"id\": \"r2\", \"jurisdiction\": \"US-OH\", \"offense\": { \"violent\": true } }\n"
  "  ] }\n";

typedef struct
{
  HarborCase *kase;
  HarborFactContext ctx;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->kase = harbor_case_parse_data (case_json, -1, "case.json", &error);
  g_assert_no_error (error);
  memset (&f->ctx, 0, sizeof f->ctx);
  f->ctx.kase = f->kase;
  f->ctx.as_of = f->kase->as_of;
  f->ctx.record = g_ptr_array_index (f->kase->records, 0);
  f->ctx.record_index = 0;
  f->ctx.is_self = TRUE;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  harbor_case_free (f->kase);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Compiles @json, evaluates it and returns the result; @missing_out gets
 * the missing facts joined by spaces (sorted), @reviews_out their count. */
static HarborTri
eval_json (Fixture    *f,
           const char *json,
           char      **missing_out,
           guint      *reviews_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborExpr) expr = NULL;
  HarborJsonProblems problems;
  HarborTri result;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  harbor_json_problems_init (&problems, json, -1, "expr.json", messages);
  expr = harbor_expr_compile (json_parser_get_root (parser), "test", &problems);
  if (messages->len > 0)
    g_test_message ("%s", (char *) g_ptr_array_index (messages, 0));
  g_assert_cmpuint (messages->len, ==, 0);
  g_assert_nonnull (expr);

  result = harbor_expr_eval (expr, &f->ctx, missing, reviews);

  /* The invariant: a definite result reports nothing missing. */
  if (result != HARBOR_TRI_UNKNOWN)
    {
      g_assert_cmpuint (missing->len, ==, 0);
      g_assert_cmpuint (reviews->len, ==, 0);
    }

  if (missing_out != NULL)
    {
      g_ptr_array_sort (missing, compare_strings);
      g_ptr_array_add (missing, NULL);
      *missing_out = g_strjoinv (" ", (char **) missing->pdata);
    }
  if (reviews_out != NULL)
    *reviews_out = reviews->len;

  return result;
}

static void
assert_eval (Fixture    *f,
             const char *json,
             HarborTri   expected)
{
  HarborTri got = eval_json (f, json, NULL, NULL);

  if (got != expected)
    g_error ("%s: expected %s, got %s", json, harbor_tri_to_string (expected),
             harbor_tri_to_string (got));
}

static void
test_kleene_tables (void)
{
  const HarborTri T = HARBOR_TRI_TRUE, F = HARBOR_TRI_FALSE, U = HARBOR_TRI_UNKNOWN;
  const HarborTri values[3] = { T, F, U };
  /* Rows and columns in the order T, F, U (FORMAT.md §4.1). */
  const HarborTri and_table[3][3] = { { T, F, U }, { F, F, F }, { U, F, U } };
  const HarborTri or_table[3][3] = { { T, T, T }, { T, F, U }, { T, U, U } };

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      {
        g_assert_cmpint (harbor_tri_and (values[i], values[j]), ==, and_table[i][j]);
        g_assert_cmpint (harbor_tri_or (values[i], values[j]), ==, or_table[i][j]);
      }

  g_assert_cmpint (harbor_tri_not (T), ==, F);
  g_assert_cmpint (harbor_tri_not (F), ==, T);
  g_assert_cmpint (harbor_tri_not (U), ==, U);
}

/* The same tables through the expression language, with literal true,
 * false and an unknown fact as operands. */
static void
test_kleene_expressions (Fixture       *f,
                         gconstpointer  data)
{
  const char *operand[3] = {
    "{\"const\":true}",
    "{\"const\":false}",
    "{\"fact\":\"record.result_of_trafficking\",\"eq\":true}",   /* unknown in r0 */
  };
  const HarborTri T = HARBOR_TRI_TRUE, F = HARBOR_TRI_FALSE, U = HARBOR_TRI_UNKNOWN;
  const HarborTri and_table[3][3] = { { T, F, U }, { F, F, F }, { U, F, U } };
  const HarborTri or_table[3][3] = { { T, T, T }, { T, F, U }, { T, U, U } };
  const HarborTri not_table[3] = { F, T, U };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *not_json = g_strdup_printf ("{\"not\":%s}", operand[i]);
      assert_eval (f, not_json, not_table[i]);

      for (guint j = 0; j < 3; j++)
        {
          g_autofree char *all = g_strdup_printf ("{\"all\":[%s,%s]}", operand[i], operand[j]);
          g_autofree char *any = g_strdup_printf ("{\"any\":[%s,%s]}", operand[i], operand[j]);

          assert_eval (f, all, and_table[i][j]);
          assert_eval (f, any, or_table[i][j]);
        }
    }
}

static void
test_operators (Fixture       *f,
                gconstpointer  data)
{
  const HarborTri T = HARBOR_TRI_TRUE, F = HARBOR_TRI_FALSE, U = HARBOR_TRI_UNKNOWN;

  /* eq / ne on enums, strings, booleans */
  assert_eval (f, "{\"fact\":\"record.disposition\",\"eq\":\"convicted\"}", T);
  assert_eval (f, "{\"fact\":\"record.disposition\",\"ne\":\"convicted\"}", F);
  assert_eval (f, "{\"fact\":\"record.jurisdiction\",\"eq\":\"US-OH\"}", T);
  assert_eval (f, "{\"fact\":\"record.offense.degree\",\"eq\":\"F5\"}", F);
  assert_eval (f, "{\"fact\":\"record.offense.violent\",\"eq\":false}", T);
  assert_eval (f, "{\"fact\":\"record.offense.violent\",\"ne\":false}", F);
  assert_eval (f, "{\"fact\":\"record.court\",\"eq\":\"adult\"}", U);

  /* lt / le / gt / ge on numbers and dates; age at offense is 17 */
  assert_eval (f, "{\"fact\":\"record.age_at_offense\",\"lt\":18}", T);
  assert_eval (f, "{\"fact\":\"record.age_at_offense\",\"le\":17}", T);
  assert_eval (f, "{\"fact\":\"record.age_at_offense\",\"gt\":17}", F);
  assert_eval (f, "{\"fact\":\"record.age_at_offense\",\"ge\":17}", T);
  assert_eval (f, "{\"fact\":\"record.offense_date\",\"lt\":\"2021-04-02\"}", F);
  assert_eval (f, "{\"fact\":\"record.offense_date\",\"le\":\"2021-04-02\"}", T);
  assert_eval (f, "{\"fact\":\"record.offense_date\",\"gt\":\"2021-04-01\"}", T);
  assert_eval (f, "{\"fact\":\"record.offense_date\",\"ge\":\"2021-04-03\"}", F);
  assert_eval (f, "{\"fact\":\"record.sentence_completed_on\",\"ge\":\"2021-04-03\"}", U);

  /* in, contains, contains_any */
  assert_eval (f, "{\"fact\":\"record.offense.class\",\"in\":[\"misdemeanor\",\"felony\"]}", T);
  assert_eval (f, "{\"fact\":\"record.offense.class\",\"in\":[\"misdemeanor\",\"petty\"]}", F);
  assert_eval (f, "{\"fact\":\"record.age_at_offense\",\"in\":[16,17]}", T);
  assert_eval (f, "{\"fact\":\"record.offense.categories\",\"contains\":\"theft\"}", T);
  assert_eval (f, "{\"fact\":\"record.offense.categories\",\"contains\":\"fraud\"}", F);
  assert_eval (f, "{\"fact\":\"record.offense.categories\",\"contains_any\":[\"fraud\",\"theft\"]}", T);
  assert_eval (f, "{\"fact\":\"record.offense.categories\",\"contains_any\":[\"fraud\",\"assault\"]}", F);
  /* A known-empty list is known: nothing is in it. */
  assert_eval (f, "{\"fact\":\"client.trafficking.documentation\",\"contains\":\"t_visa\"}", F);
  assert_eval (f, "{\"fact\":\"client.official_documentation\",\"eq\":false}", T);

  /* Fact against fact, with date arithmetic: the offense (2021-04-02) was
   * before the 18th birthday (2004-02-29 + 18 years = 2022-03-01). */
  assert_eval (f, "{\"fact\":\"record.offense_date\",\"lt\":{\"fact\":\"client.birth_date\",\"years\":18}}", T);
  assert_eval (f, "{\"fact\":\"case.as_of\",\"ge\":{\"fact\":\"record.disposition_date\",\"years\":5,\"months\":5,\"days\":18}}", T);
  assert_eval (f, "{\"fact\":\"case.as_of\",\"ge\":{\"fact\":\"record.disposition_date\",\"years\":5,\"months\":5,\"days\":19}}", F);
  assert_eval (f, "{\"fact\":\"record.disposition_date\",\"gt\":{\"fact\":\"case.as_of\",\"years\":6,\"before\":true}}", T);
  assert_eval (f, "{\"fact\":\"record.offense_date\",\"ge\":{\"fact\":\"client.trafficking.ended_on\"}}", U);
}

static void
test_missing_facts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *missing = NULL;
  guint reviews = 0;
  HarborTri r;

  /* Only the facts that could still decide it. */
  r = eval_json (f, "{\"all\":[{\"fact\":\"record.court\",\"eq\":\"adult\"},"
                    "{\"fact\":\"record.result_of_trafficking\",\"eq\":true}]}", &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.court record.result_of_trafficking");
  g_clear_pointer (&missing, g_free);

  /* A false branch decides an `all`: nothing is asked. */
  r = eval_json (f, "{\"all\":[{\"fact\":\"record.court\",\"eq\":\"adult\"},"
                    "{\"fact\":\"record.disposition\",\"eq\":\"pending\"}]}", &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_FALSE);
  g_assert_cmpstr (missing, ==, "");
  g_clear_pointer (&missing, g_free);

  /* In an `any`, a false branch is dropped; the unknown one is asked. */
  r = eval_json (f, "{\"any\":[{\"fact\":\"record.disposition\",\"eq\":\"pending\"},"
                    "{\"not\":{\"fact\":\"record.sentence_completed_on\",\"lt\":\"2020-01-01\"}}]}",
                 &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.sentence_completed_on");
  g_clear_pointer (&missing, g_free);

  /* Derived facts report what they are made of. */
  r = eval_json (f, "{\"fact\":\"record.offense_during_trafficking\",\"eq\":true}", &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "client.trafficking.ended_on");
  g_clear_pointer (&missing, g_free);

  r = eval_json (f, "{\"fact\":\"record.years_since_sentence_completion\",\"ge\":3}", &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.sentence_completed_on");
  g_clear_pointer (&missing, g_free);

  /* needs_review is unknown and reported as a review point, not a fact. */
  r = eval_json (f, "{\"any\":[{\"fact\":\"record.offense.violent\",\"eq\":true},"
                    "{\"needs_review\":\"Is it?\"}]}", &missing, &reviews);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "");
  g_assert_cmpuint (reviews, ==, 1);
  g_clear_pointer (&missing, g_free);

  r = eval_json (f, "{\"any\":[{\"fact\":\"record.offense.violent\",\"eq\":false},"
                    "{\"needs_review\":\"Is it?\"}]}", &missing, &reviews);
  g_assert_cmpint (r, ==, HARBOR_TRI_TRUE);
  g_clear_pointer (&missing, g_free);

  /* Facts before review: while a sibling branch still needs a fact, a
   * review point that may not matter once it is known is held back. */
  r = eval_json (f, "{\"all\":[{\"fact\":\"record.court\",\"eq\":\"adult\"},"
                    "{\"needs_review\":\"Is it?\"}]}", &missing, &reviews);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.court");
  g_assert_cmpuint (reviews, ==, 0);
  g_clear_pointer (&missing, g_free);

  r = eval_json (f, "{\"any\":[{\"fact\":\"record.court\",\"eq\":\"adult\"},"
                    "{\"needs_review\":\"Is it?\"}]}", &missing, &reviews);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.court");
  g_assert_cmpuint (reviews, ==, 0);
  g_clear_pointer (&missing, g_free);

  /* A branch that needs both keeps its own review point. */
  r = eval_json (f, "{\"all\":[{\"fact\":\"record.disposition\",\"eq\":\"convicted\"},"
                    "{\"any\":[{\"fact\":\"record.court\",\"eq\":\"adult\"},"
                    "{\"all\":[{\"const\":true},{\"needs_review\":\"Is it?\"}]}]}]}",
                 &missing, &reviews);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.court");
  g_assert_cmpuint (reviews, ==, 0);
  g_clear_pointer (&missing, g_free);

  r = eval_json (f, "{\"all\":[{\"fact\":\"record.disposition\",\"eq\":\"convicted\"},"
                    "{\"needs_review\":\"Is it?\"}]}", &missing, &reviews);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "");
  g_assert_cmpuint (reviews, ==, 1);
}

static void
test_some_record (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *missing = NULL;
  HarborTri r;

  /* r1 is a prostitution conviction. */
  assert_eval (f, "{\"some_record\":{\"all\":[{\"fact\":\"record.disposition\",\"eq\":\"convicted\"},"
                  "{\"fact\":\"record.offense.categories\",\"contains\":\"prostitution\"}]}}",
               HARBOR_TRI_TRUE);
  /* Only r0 is a theft: excluding the record itself leaves none. */
  assert_eval (f, "{\"some_record\":{\"fact\":\"record.offense.categories\",\"contains\":\"theft\"}}",
               HARBOR_TRI_TRUE);
  assert_eval (f, "{\"some_record\":{\"fact\":\"record.offense.categories\",\"contains\":\"theft\"},"
                  "\"include_self\":false}", HARBOR_TRI_UNKNOWN);

  /* r2's categories are unknown, so "another record is a fraud" is
   * unknown and asks about r2 by index; r0 (self) keeps `record.`. */
  r = eval_json (f, "{\"some_record\":{\"fact\":\"record.offense.categories\",\"contains\":\"fraud\"}}",
                 &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "records[2].offense.categories");
  g_clear_pointer (&missing, g_free);

  /* Quantifier over the current record's own jurisdiction. */
  assert_eval (f, "{\"some_record\":{\"all\":[{\"fact\":\"record.jurisdiction\",\"eq\":\"US-NY\"}]}}",
               HARBOR_TRI_FALSE);
}

static void
test_federal_tier (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *missing = NULL;
  HarborTri r;

  /* r0: not violent -> level A, whatever the child-victim fact. */
  assert_eval (f, "{\"fact\":\"record.federal_tier\",\"eq\":\"A\"}", HARBOR_TRI_TRUE);

  /* r2: violent, child victim unknown -> B or X: "A" is false at once,
   * "B" needs the child-victim fact, "A or B" too. */
  f->ctx.record = g_ptr_array_index (f->kase->records, 2);
  f->ctx.record_index = 2;
  assert_eval (f, "{\"fact\":\"record.federal_tier\",\"eq\":\"A\"}", HARBOR_TRI_FALSE);
  assert_eval (f, "{\"fact\":\"record.federal_tier\",\"ne\":\"A\"}", HARBOR_TRI_TRUE);
  r = eval_json (f, "{\"fact\":\"record.federal_tier\",\"in\":[\"A\",\"B\"]}", &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.offense.child_victim");
  g_clear_pointer (&missing, g_free);

  /* r1: nothing known about violence: never guessed from the offense. */
  f->ctx.record = g_ptr_array_index (f->kase->records, 1);
  f->ctx.record_index = 1;
  r = eval_json (f, "{\"fact\":\"record.federal_tier\",\"eq\":\"A\"}", &missing, NULL);
  g_assert_cmpint (r, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpstr (missing, ==, "record.offense.child_victim record.offense.violent");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/kleene/tables", test_kleene_tables);
  g_test_add ("/engine/kleene/expressions", Fixture, NULL, fixture_setup, test_kleene_expressions, fixture_teardown);
  g_test_add ("/engine/expr/operators", Fixture, NULL, fixture_setup, test_operators, fixture_teardown);
  g_test_add ("/engine/expr/missing-facts", Fixture, NULL, fixture_setup, test_missing_facts, fixture_teardown);
  g_test_add ("/engine/expr/some-record", Fixture, NULL, fixture_setup, test_some_record, fixture_teardown);
  g_test_add ("/engine/expr/federal-tier", Fixture, NULL, fixture_setup, test_federal_tier, fixture_teardown);

  return g_test_run ();
}
