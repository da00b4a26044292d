/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-engine-bench.c: `harbor-cli bench engine`
 *
 * Copyright 2026 The Harbor authors
 *
 * A benchmark, not a test. It loads every rule file (timed), makes a
 * client with 100 records spread across all loaded jurisdictions, and
 * times parsing that case file and evaluating it; it prints the load time,
 * the evaluation time per record and the ratio of evaluation time to parse
 * time. The case is synthetic: no client data is involved.
 */

#define G_LOG_DOMAIN "harbor-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "harbor-engine.h"
#include "harbor-engine-bench.h"

char *
harbor_engine_bench_make_case (const char * const *jurisdictions,
                               guint               n_records)
{
  static const char * const dispositions[] = {
    "convicted", "dismissed", "arrest_only", "pending", "acquitted", "diverted",
    "adjudicated_delinquent", "convicted"
  };
  static const char * const categories[] = {
    "prostitution", "prostitution_related", "theft", "drug_possession", "fraud",
    "trespass", "assault", "forgery_identity", "public_order", "other"
  };
  static const char * const classes[] = { "misdemeanor", "felony", "petty", "misdemeanor" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_jurisdictions = g_strv_length ((char **) jurisdictions);

  g_return_val_if_fail (n_jurisdictions > 0, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, HARBOR_CASE_FORMAT);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, "2026-11-28");
  json_builder_set_member_name (builder, "client");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Benchmark Client");
  json_builder_set_member_name (builder, "birth_date");
  json_builder_add_string_value (builder, "1996-02-29");
  json_builder_set_member_name (builder, "trafficking");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "sex");
  json_builder_add_string_value (builder, "labor");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "began_on");
  json_builder_add_string_value (builder, "2010-06-01");
  json_builder_set_member_name (builder, "ended_on");
  json_builder_add_string_value (builder, "2021-01-15");
  json_builder_set_member_name (builder, "documentation");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "service_provider_affidavit");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i + 1);
      g_autofree char *offense_date = g_strdup_printf ("%04u-%02u-%02u", 2011 + i % 10, 1 + i % 12, 1 + i % 28);
      g_autofree char *disposition_date = g_strdup_printf ("%04u-%02u-%02u", 2012 + i % 10, 1 + (i + 3) % 12, 1 + i % 28);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "jurisdiction");
      json_builder_add_string_value (builder, jurisdictions[i % n_jurisdictions]);
      json_builder_set_member_name (builder, "court");
      json_builder_add_string_value (builder, i % 7 == 3 ? "juvenile" : "adult");
      json_builder_set_member_name (builder, "disposition");
      json_builder_add_string_value (builder, dispositions[i % G_N_ELEMENTS (dispositions)]);
      json_builder_set_member_name (builder, "offense");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, categories[i % G_N_ELEMENTS (categories)]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "class");
      json_builder_add_string_value (builder, classes[i % G_N_ELEMENTS (classes)]);
      /* Leave some facts unknown, as in real intakes. */
      if (i % 5 != 4)
        {
          json_builder_set_member_name (builder, "violent");
          json_builder_add_boolean_value (builder, i % 10 == 6);
        }
      json_builder_set_member_name (builder, "child_victim");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "offense_date");
      json_builder_add_string_value (builder, offense_date);
      json_builder_set_member_name (builder, "disposition_date");
      json_builder_add_string_value (builder, disposition_date);
      if (i % 3 == 0)
        {
          json_builder_set_member_name (builder, "sentence_completed_on");
          json_builder_add_string_value (builder, disposition_date);
        }
      if (i % 4 != 3)
        {
          json_builder_set_member_name (builder, "result_of_trafficking");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static int
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static int
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "harbor-cli: bench engine: %s\n", message);
  return 1;
}

int
harbor_engine_bench_main (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autoptr(GStrvBuilder) jurisdictions_builder = g_strv_builder_new ();
  g_auto(GStrv) jurisdictions = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *case_text = NULL;
  int n_records = 100;
  int iterations = 200;
  int load_iterations = 10;
  gint64 start, load_us = 0, parse_us, eval_us;
  guint evaluated = 0;
  double parse_per_case, eval_per_case;
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Rule directory"), N_("DIR") },
    { "records", 0, 0, G_OPTION_ARG_INT, &n_records, N_("Records in the client (default 100)"), N_("N") },
    { "iterations", 0, 0, G_OPTION_ARG_INT, &iterations, N_("Repetitions of parse and evaluation (default 200)"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("— time rule loading and evaluation"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Loads all rule files, then evaluates a made-up client with 100 records spread\n"
      "across all loaded jurisdictions. Prints the load time, the evaluation time per\n"
      "record, and evaluation time relative to parsing the case file (a ratio)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "harbor-cli: bench engine: %s\n", error->message);
      return 2;
    }
  if (argc > 1)
    {
      fprintf (stderr, "harbor-cli: bench engine: %s\n", _("unexpected argument"));
      return 2;
    }
  if (n_records < 1 || n_records > 100000 || iterations < 1 || iterations > 1000000)
    {
      fprintf (stderr, "harbor-cli: bench engine: %s\n", _("--records and --iterations must be positive"));
      return 2;
    }

  if (rules_dir == NULL)
    {
      rules_dir = harbor_rules_find_default_dir (&error);
      if (rules_dir == NULL)
        return fail ("%s", error->message);
    }

  /* Load: every file, validated, several times. */
  for (int i = 0; i < load_iterations; i++)
    {
      g_clear_pointer (&rules, harbor_rules_free);
      start = g_get_monotonic_time ();
      rules = harbor_rules_load (rules_dir, &error);
      load_us += g_get_monotonic_time () - start;
      if (rules == NULL)
        return fail ("%s", error->message);
    }

  for (guint i = 0; i < rules->sets->len; i++)
    g_strv_builder_add (jurisdictions_builder,
                        ((const HarborRuleSet *) g_ptr_array_index (rules->sets, i))->jurisdiction);
  jurisdictions = g_strv_builder_end (jurisdictions_builder);
  if (jurisdictions[0] == NULL)
    return fail ("%s", _("no rule files loaded"));

  case_text = harbor_engine_bench_make_case ((const char * const *) jurisdictions, n_records);

  start = g_get_monotonic_time ();
  for (int i = 0; i < iterations; i++)
    {
      g_autoptr(HarborCase) kase = harbor_case_parse_data (case_text, -1, "bench.json", &error);
      if (kase == NULL)
        return fail ("%s", error->message);
    }
  parse_us = g_get_monotonic_time () - start;

  {
    g_autoptr(HarborCase) kase = harbor_case_parse_data (case_text, -1, "bench.json", &error);

    if (kase == NULL)
      return fail ("%s", error->message);

    start = g_get_monotonic_time ();
    for (int i = 0; i < iterations; i++)
      {
        g_autoptr(HarborEvaluation) evaluation = harbor_engine_evaluate (rules, kase, NULL);

        if (i == 0)
          for (guint r = 0; r < evaluation->records->len; r++)
            evaluated += ((HarborRecordResult *) g_ptr_array_index (evaluation->records, r))->pathways->len;
      }
    eval_us = g_get_monotonic_time () - start;
  }

  parse_per_case = (double) parse_us / iterations;
  eval_per_case = (double) eval_us / iterations;

  printf (_("Rules: %u files, %u pathways from %s\n"), rules->sets->len,
          harbor_rules_count_pathways (rules), rules_dir);
  printf (_("Load and validate all rules: %.2f ms (mean of %d)\n"),
          load_us / 1000.0 / load_iterations, load_iterations);
  printf (_("Client: %d records across %u jurisdictions, %u pathway answers, case file %zu bytes\n"),
          n_records, g_strv_length (jurisdictions), evaluated, strlen (case_text));
  printf (_("Parse the case file: %.1f µs (mean of %d)\n"), parse_per_case, iterations);
  printf (_("Evaluate the case: %.1f µs, %.2f µs per record (mean of %d)\n"),
          eval_per_case, eval_per_case / n_records, iterations);
  printf (_("Evaluation / parsing: %.2f\n"), eval_per_case / parse_per_case);

  return 0;
}
