/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-facts.c: derived facts: ages, leap days, years since, federal tiers
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>

#include "harbor-facts.h"

static GDate
date (const char *str)
{
  GDate d;

  g_assert_true (harbor_date_parse (str, &d));
  return d;
}

static int
years (const char *from,
       const char *to)
{
  GDate a = date (from), b = date (to);

  return harbor_full_years_between (&a, &b);
}

static void
test_ages (void)
{
  /* Across an ordinary birthday. */
  g_assert_cmpint (years ("2005-03-14", "2023-03-13"), ==, 17);
  g_assert_cmpint (years ("2005-03-14", "2023-03-14"), ==, 18);
  g_assert_cmpint (years ("2005-03-14", "2023-12-31"), ==, 18);
  g_assert_cmpint (years ("2005-12-31", "2006-01-01"), ==, 0);
  g_assert_cmpint (years ("2005-03-14", "2005-03-14"), ==, 0);

  /* Born on 29 February: the anniversary is 1 March in common years. */
  g_assert_cmpint (years ("2004-02-29", "2022-02-28"), ==, 17);
  g_assert_cmpint (years ("2004-02-29", "2022-03-01"), ==, 18);
  g_assert_cmpint (years ("2004-02-29", "2024-02-28"), ==, 19);
  g_assert_cmpint (years ("2004-02-29", "2024-02-29"), ==, 20);

  /* Someone born on 1 March of a leap year turns a year older on 1 March. */
  g_assert_cmpint (years ("2004-03-01", "2005-02-28"), ==, 0);
  g_assert_cmpint (years ("2004-03-01", "2005-03-01"), ==, 1);

  /* A date before the start counts negative full years. */
  g_assert_cmpint (years ("2020-06-10", "2019-06-11"), ==, 0);
  g_assert_cmpint (years ("2020-06-10", "2019-06-10"), ==, -1);
}

static void
assert_shift (const char *from,
              int         y,
              int         m,
              int         d,
              gboolean    before,
              const char *expected)
{
  GDate in = date (from), out;
  g_autofree char *str = NULL;

  g_assert_true (harbor_date_shift (&in, y, m, d, before, &out));
  str = harbor_date_to_string (&out);
  g_assert_cmpstr (str, ==, expected);
}

static void
test_date_shift (void)
{
  assert_shift ("2004-02-29", 18, 0, 0, FALSE, "2022-03-01");
  assert_shift ("2004-02-29", 20, 0, 0, FALSE, "2024-02-29");
  assert_shift ("2004-02-29", 1, 0, 0, TRUE, "2003-03-01");
  assert_shift ("2021-01-31", 0, 1, 0, FALSE, "2021-03-01");
  assert_shift ("2021-11-30", 0, 3, 0, FALSE, "2022-03-01");
  assert_shift ("2021-11-28", 0, 3, 0, FALSE, "2022-02-28");
  assert_shift ("2021-06-10", 3, 0, 0, FALSE, "2024-06-10");
  assert_shift ("2021-12-31", 0, 0, 1, FALSE, "2022-01-01");
  assert_shift ("2021-03-01", 0, 0, 1, TRUE, "2021-02-28");
  assert_shift ("2020-03-01", 0, 0, 1, TRUE, "2020-02-29");
  assert_shift ("2021-06-10", 0, 0, 0, FALSE, "2021-06-10");
}

static void
test_tiers (void)
{
  const HarborTri T = HARBOR_TRI_TRUE, F = HARBOR_TRI_FALSE, U = HARBOR_TRI_UNKNOWN;

  /* 18 U.S.C. 3771A(a)(5)-(6): A is "not violent", child victim or not. */
  g_assert_cmpstr (harbor_federal_tier (F, F), ==, "A");
  g_assert_cmpstr (harbor_federal_tier (F, T), ==, "A");
  g_assert_cmpstr (harbor_federal_tier (F, U), ==, "A");
  g_assert_cmpstr (harbor_federal_tier (T, F), ==, "B");
  g_assert_cmpstr (harbor_federal_tier (T, T), ==, "X");
  /* Never guessed. */
  g_assert_null (harbor_federal_tier (T, U));
  g_assert_null (harbor_federal_tier (U, F));
  g_assert_null (harbor_federal_tier (U, U));
}

static void
test_fact_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  HarborFactContext ctx = { 0 };
  HarborValue value;

  kase = harbor_case_parse_data ("{\"format\":\"harbor-case/1\","
                                 "\"client\":{\"birth_date\":\"2008-02-29\","
                                 "  \"trafficking\":{\"types\":[],\"began_on\":\"2020-01-01\",\"ended_on\":\"2021-01-01\","
                                 "                   \"documentation\":[\"service_provider_affidavit\"]}},"
                                 "\"records\":[{\"id\":\"a\",\"offense_date\":\"2020-12-31\","
                                 "  \"disposition_date\":\"2023-02-28\",\"sentence_completed_on\":\"2023-03-01\"}]}",
                                 -1, "facts.json", &error);
  g_assert_no_error (error);

  ctx.kase = kase;
  ctx.as_of = date ("2026-02-28");
  ctx.record = g_ptr_array_index (kase->records, 0);
  ctx.is_self = TRUE;

  /* Born 2008-02-29: on 2026-02-28 still 17, a minor; 18 on 2026-03-01. */
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_CLIENT_AGE, &value, missing));
  g_assert_cmpint (value.v.number, ==, 17);
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_CLIENT_MINOR, &value, missing));
  g_assert_true (value.v.boolean);
  ctx.as_of = date ("2026-03-01");
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_CLIENT_MINOR, &value, missing));
  g_assert_false (value.v.boolean);

  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_AGE_AT_OFFENSE, &value, missing));
  g_assert_cmpint (value.v.number, ==, 12);
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_AGE_AT_DISPOSITION, &value, missing));
  g_assert_cmpint (value.v.number, ==, 14);

  /* Years since, as of 2026-03-01: disposition 2023-02-28 -> 3 full
   * years; completion 2023-03-01 -> 3 (on the day). As of 2026-02-28 the
   * completion is still 2 full years ago. */
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_YEARS_SINCE_DISPOSITION, &value, missing));
  g_assert_cmpint (value.v.number, ==, 3);
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_YEARS_SINCE_SENTENCE_COMPLETION, &value, missing));
  g_assert_cmpint (value.v.number, ==, 3);
  ctx.as_of = date ("2026-02-28");
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_YEARS_SINCE_SENTENCE_COMPLETION, &value, missing));
  g_assert_cmpint (value.v.number, ==, 2);

  /* The offense fell inside the trafficking period. */
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_OFFENSE_DURING_TRAFFICKING, &value, missing));
  g_assert_true (value.v.boolean);

  /* types: [] is known: not a victim. Only an affidavit: no official
   * documentation. */
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_CLIENT_TRAFFICKING_VICTIM, &value, missing));
  g_assert_false (value.v.boolean);
  g_assert_true (harbor_fact_get_value (&ctx, HARBOR_FACT_CLIENT_OFFICIAL_DOCUMENTATION, &value, missing));
  g_assert_false (value.v.boolean);

  /* Unknown facts report their harbor-case/1 paths. */
  g_assert_cmpuint (missing->len, ==, 0);
  g_assert_false (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_FEDERAL_TIER, &value, missing));
  g_assert_false (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_IMPRISONED, &value, missing));
  g_assert_cmpuint (missing->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "record.offense.violent");
  g_assert_cmpstr (g_ptr_array_index (missing, 1), ==, "record.offense.child_victim");
  g_assert_cmpstr (g_ptr_array_index (missing, 2), ==, "record.imprisoned");

  /* Another record than the one answered is named by its index. */
  ctx.is_self = FALSE;
  ctx.record_index = 0;
  g_ptr_array_set_size (missing, 0);
  g_assert_false (harbor_fact_get_value (&ctx, HARBOR_FACT_RECORD_COURT, &value, missing));
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "records[0].court");
}

static void
test_vocabulary (void)
{
  const HarborFactInfo *info;

  info = harbor_fact_lookup ("record.offense.categories");
  g_assert_nonnull (info);
  g_assert_cmpint (info->type, ==, HARBOR_FACT_TYPE_SET);
  g_assert_true (harbor_name_in_vocabulary (info->vocabulary, "prostitution_related"));
  info = harbor_fact_lookup ("record.federal_tier");
  g_assert_nonnull (info);
  g_assert_true (info->derived);
  g_assert_true (harbor_name_in_vocabulary (info->vocabulary, "X"));
  g_assert_null (harbor_fact_lookup ("record.violent"));
  g_assert_null (harbor_fact_lookup ("client.name"));
  for (guint i = 0; i < HARBOR_N_FACTS; i++)
    g_assert_cmpint (harbor_fact_get_info (i)->id, ==, i);
}

/* Every fact that can be reported missing has a plain question. */
static void
test_questions (void)
{
  for (guint i = 0; i < HARBOR_N_FACTS; i++)
    {
      const HarborFactInfo *info = harbor_fact_get_info (i);

      if (info->derived)
        continue;
      if (harbor_fact_question (info->name) == NULL)
        g_error ("no question for %s", info->name);
    }
  g_assert_cmpstr (harbor_fact_question ("records[12].offense.violent"), ==,
                   harbor_fact_question ("record.offense.violent"));
  g_assert_null (harbor_fact_question ("records[12]"));
  g_assert_null (harbor_fact_question ("client.name"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/facts/ages", test_ages);
  g_test_add_func ("/engine/facts/date-shift", test_date_shift);
  g_test_add_func ("/engine/facts/federal-tiers", test_tiers);
  g_test_add_func ("/engine/facts/values", test_fact_values);
  g_test_add_func ("/engine/facts/vocabulary", test_vocabulary);
  g_test_add_func ("/engine/facts/questions", test_questions);

  return g_test_run ();
}
