/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-case.c: fuzz target for the harbor-case/1 parser (and the engine)
 *
 * Copyright 2026 The Harbor authors
 *
 * Any input: parse it. A document that parses must serialize and parse
 * back to the same serialization, and must evaluate against a small rule
 * set that uses every kind of condition without crashing.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harbor-engine.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char rules_json[] =
  "{ \"format\": \"harbor-rules/1\", \"jurisdiction\": \"US-ZZ\", \"name\": \"Fuzz\",\n"
  "  \"reviewed\": \"2026-01-01\", \"confidence\": \"low\",\n"
  "  \"sources\": [ { \"id\": \"s\", \"url\": \"https://example.org\", \"description\": \"x\" } ],\n"
  "  \"pathways\": [ {\n"
  "    \"id\": \"us-zz-all\", \"kind\": \"sealing\", \"title\": \"All\", \"citation\": \"Z\",\n"
  "    \"applies_to\": { \"text\": \"Any\", \"jurisdictions\": [\"US\", \"US-ZZ\", \"US-OH\"],\n"
  "                    \"records\": { \"fact\": \"record.disposition\", \"in\": [\"convicted\", \"dismissed\"] } },\n"
  "    \"conditions\": [\n"
  "      { \"id\": \"a\", \"text\": \"a\", \"test\": { \"any\": [ { \"fact\": \"record.federal_tier\", \"in\": [\"A\", \"B\"] },\n"
  "          { \"needs_review\": \"q\" } ] } },\n"
  "      { \"id\": \"b\", \"text\": \"b\", \"test\": { \"some_record\": { \"all\": [\n"
  "          { \"fact\": \"record.offense.categories\", \"contains_any\": [\"prostitution\", \"theft\"] },\n"
  "          { \"fact\": \"record.age_at_offense\", \"lt\": 18 } ] }, \"include_self\": false } },\n"
  "      { \"id\": \"c\", \"text\": \"c\", \"test\": { \"not\": { \"fact\": \"record.offense_date\",\n"
  "          \"lt\": { \"fact\": \"client.birth_date\", \"years\": 18, \"months\": 1, \"days\": 2 } } } },\n"
  "      { \"id\": \"d\", \"text\": \"d\", \"test\": { \"fact\": \"record.offense_during_trafficking\", \"ne\": false } }\n"
  "    ],\n"
  "    \"exclusions\": [ { \"id\": \"x\", \"text\": \"x\", \"test\": { \"fact\": \"client.minor\", \"eq\": true } } ],\n"
  "    \"timing\": { \"text\": \"t\",\n"
  "      \"waiting_periods\": [ { \"from\": \"disposition\", \"years\": 3, \"text\": \"w\",\n"
  "                             \"when\": { \"fact\": \"record.offense.class\", \"eq\": \"felony\" } } ],\n"
  "      \"deadlines\": [ { \"from\": \"trafficking_ended\", \"years\": 5, \"text\": \"d\" } ] },\n"
  "    \"evidence\": [ { \"text\": \"e\", \"role\": \"presumption\", \"documentation\": [\"t_visa\"] } ],\n"
  "    \"procedure\": [ { \"text\": \"p\", \"due\": { \"from\": \"earliest_filing\", \"days\": 30 } } ],\n"
  "    \"effect\": \"e\", \"burden\": { \"standard\": \"unknown\", \"on\": \"unknown\" },\n"
  "    \"confidence\": \"low\", \"reviewed\": \"2026-01-01\", \"sources\": [\"s\"] } ] }\n";

static HarborRules *
fuzz_rules (void)
{
  static HarborRules *rules;

  if (rules == NULL)
    {
      rules = harbor_rules_new ();
      if (!harbor_rules_add_data (rules, rules_json, -1, "US-ZZ.json", NULL))
        abort ();
    }
  return rules;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(HarborCase) again = NULL;
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  GDate as_of;

  kase = harbor_case_parse_data ((const char *) data, size, "fuzz.json", NULL);
  if (kase == NULL)
    return 0;

  first = harbor_case_to_data (kase, NULL);
  again = harbor_case_parse_data (first, -1, "again.json", NULL);
  if (again == NULL)
    abort ();
  second = harbor_case_to_data (again, NULL);
  if (strcmp (first, second) != 0)
    abort ();

  /* A fixed date keeps runs reproducible. */
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 28, 11, 2026);
  evaluation = harbor_engine_evaluate (fuzz_rules (), kase, &as_of);
  json = harbor_evaluation_to_json (evaluation);
  text = harbor_evaluation_to_text (evaluation);

  return 0;
}
