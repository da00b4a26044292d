/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-rules.c: fuzz target for the rule loader and validator
 *
 * Copyright 2026 The Harbor authors
 *
 * Any input is offered as a rule file. A file that validates is evaluated
 * against a fixed case that exercises every fact, so that any accepted rule
 * is also safe to run.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harbor-engine.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char case_json[] =
  "{ \"format\": \"harbor-case/1\", \"as_of\": \"2026-11-28\",\n"
  "  \"client\": { \"birth_date\": \"2004-02-29\", \"trafficking\": { \"types\": [\"sex\"],\n"
  "    \"began_on\": \"2019-06-01\", \"documentation\": [\"t_visa\"] } },\n"
  "  \"records\": [\n"
  "    { \"id\": \"a\", \"jurisdiction\": \"US\", \"court\": \"adult\", \"disposition\": \"convicted\",\n"
  "      \"offense\": { \"statute\": \"18 U.S.C. 1\", \"categories\": [\"prostitution\"], \"class\": \"misdemeanor\",\n"
  "                   \"degree\": \"M3\", \"violent\": false, \"child_victim\": false },\n"
  "      \"offense_date\": \"2021-04-02\", \"disposition_date\": \"2021-06-10\",\n"
  "      \"sentence_completed_on\": \"2021-12-10\", \"sentenced_to_imprisonment\": true,\n"
  "      \"imprisoned\": false, \"result_of_trafficking\": true },\n"
  "    { \"id\": \"b\", \"jurisdiction\": \"US-ZZ\", \"disposition\": \"pending\", \"offense\": { \"violent\": true } },\n"
  "    { \"id\": \"c\", \"jurisdiction\": \"US-ZZ\" },\n"
  "    { \"id\": \"d\" }\n"
  "  ] }\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static HarborCase *kase;
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  if (kase == NULL)
    {
      kase = harbor_case_parse_data (case_json, -1, "case.json", NULL);
      if (kase == NULL)
        abort ();
    }

  /* The file name matches the jurisdiction the fuzzer is most likely to
   * keep from the seeds, so that valid files get through. */
  ok = harbor_rules_add_data (rules, (const char *) data, size, "US-ZZ.json", problems);

  /* Accepted if and only if there is no problem. */
  if (ok != (problems->len == 0))
    abort ();
  if (!ok)
    return 0;

  evaluation = harbor_engine_evaluate (rules, kase, NULL);
  json = harbor_evaluation_to_json (evaluation);
  text = harbor_evaluation_to_text (evaluation);

  return 0;
}
