/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-golden.c: the golden cases of tests/cases/ (see its README.md)
 *
 * Copyright 2026 The Harbor authors
 *
 * Every case goes through the same code as `harbor-cli evaluate --json`:
 * parse the harbor-case/1 document, evaluate, build the harbor-evaluation/1
 * JSON; the expectations are checked against that JSON.
 */

#include "config.h"

#include <string.h>

#include "harbor-engine.h"

static HarborRules *rules;
static GHashTable  *coverage;   /* "pathway-id status" -> file */

static const char *
source_dir (void)
{
  const char *dir = g_getenv ("HARBOR_SOURCE_DIR");

  return dir != NULL ? dir : ".";
}

static JsonObject *
find_object (JsonArray  *array,
             const char *member,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }
  return NULL;
}

static char *
join_strings (JsonArray *array)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_array_get_string_element (array, i));
    }
  return g_string_free (out, FALSE);
}

/* The clause ids of the reasons that failed. */
static char *
failing_clauses (JsonObject *pathway)
{
  JsonArray *reasons = json_object_get_array_member (pathway, "reasons");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (reasons); i++)
    {
      JsonObject *reason = json_array_get_object_element (reasons, i);
      JsonNode *holds = json_object_get_member (reason, "holds");

      if (JSON_NODE_HOLDS_VALUE (holds) && !json_node_get_boolean (holds))
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, json_object_get_string_member (reason, "clause"));
        }
    }
  return g_string_free (out, FALSE);
}

/* Invariants that hold for every answer, expected or not. */
static void
check_invariants (const char *file,
                  JsonObject *record,
                  JsonObject *pathway)
{
  const char *status = json_object_get_string_member (pathway, "status");
  guint n_missing = json_array_get_length (json_object_get_array_member (pathway, "missing_facts"));
  guint n_review = json_array_get_length (json_object_get_array_member (pathway, "needs_review"));
  guint n_steps = json_array_get_length (json_object_get_array_member (pathway, "checklist"));
  g_autofree char *failing = failing_clauses (pathway);
  const char *where = json_object_get_string_member (pathway, "id");

  g_assert_nonnull (json_object_get_string_member (pathway, "citation"));
  g_assert_nonnull (json_object_get_string_member (pathway, "confidence"));
  g_assert_nonnull (json_object_get_string_member (pathway, "reviewed"));

  if (g_str_equal (status, "needs_info") && n_missing + n_review == 0)
    g_error ("%s: %s: needs_info without missing facts or review points", file, where);
  if (!g_str_equal (status, "needs_info") && n_missing + n_review > 0)
    g_error ("%s: %s: %s with missing facts", file, where, status);
  if (g_str_equal (status, "not_available") && failing[0] == '\0')
    g_error ("%s: %s: not_available without a failing reason", file, where);
  if ((g_str_equal (status, "available") || g_str_equal (status, "not_yet")) && n_steps == 0)
    g_error ("%s: %s: %s without a checklist", file, where, status);
  if (!(g_str_equal (status, "available") || g_str_equal (status, "not_yet")) && n_steps > 0)
    g_error ("%s: %s: %s with a checklist", file, where, status);
  if (g_str_equal (status, "not_yet"))
    g_assert_false (json_object_get_null_member (pathway, "earliest_filing_on"));
}

static void
check_expectation (const char *file,
                   JsonArray  *records,
                   JsonObject *expect)
{
  const char *record_id = json_object_get_string_member (expect, "record");
  const char *pathway_id = json_object_get_string_member_with_default (expect, "pathway", NULL);
  JsonObject *record = find_object (records, "id", record_id);
  JsonObject *pathway;
  const char *status;

  if (record == NULL)
    g_error ("%s: no record “%s” in the evaluation", file, record_id);

  if (pathway_id == NULL)
    {
      g_autofree char *got = join_strings (json_object_get_array_member (record, "missing_facts"));
      g_autofree char *want = join_strings (json_object_get_array_member (expect, "missing_facts"));

      g_assert_true (json_object_has_member (expect, "missing_facts"));
      if (g_strcmp0 (got, want) != 0)
        g_error ("%s: record %s: missing facts “%s”, expected “%s”", file, record_id, got, want);
      return;
    }

  if (harbor_rules_find_pathway (rules, pathway_id) == NULL)
    g_error ("%s: no pathway “%s” in the rules", file, pathway_id);

  pathway = find_object (json_object_get_array_member (record, "pathways"), "id", pathway_id);
  if (pathway == NULL)
    g_error ("%s: record %s was not evaluated against %s (wrong jurisdiction?)", file, record_id,
             pathway_id);

  status = json_object_get_string_member (pathway, "status");
  if (g_strcmp0 (status, json_object_get_string_member (expect, "status")) != 0)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *dump = NULL;

      json_node_set_object (node, pathway);
      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      dump = json_generator_to_data (generator, NULL);
      g_test_message ("%s", dump);
      g_error ("%s: record %s, %s: status %s, expected %s", file, record_id, pathway_id, status,
               json_object_get_string_member (expect, "status"));
    }

  g_hash_table_insert (coverage, g_strdup_printf ("%s %s", pathway_id, status), g_strdup (file));

  if (json_object_has_member (expect, "earliest_filing_on"))
    {
      const char *want = json_object_get_null_member (expect, "earliest_filing_on")
                         ? NULL : json_object_get_string_member (expect, "earliest_filing_on");
      const char *got = json_object_get_null_member (pathway, "earliest_filing_on")
                        ? NULL : json_object_get_string_member (pathway, "earliest_filing_on");
      if (g_strcmp0 (got, want) != 0)
        g_error ("%s: record %s, %s: earliest_filing_on %s, expected %s", file, record_id,
                 pathway_id, got, want);
    }

  if (json_object_has_member (expect, "missing_facts"))
    {
      g_autofree char *got = join_strings (json_object_get_array_member (pathway, "missing_facts"));
      g_autofree char *want = join_strings (json_object_get_array_member (expect, "missing_facts"));

      if (g_strcmp0 (got, want) != 0)
        g_error ("%s: record %s, %s: missing facts “%s”, expected “%s”", file, record_id,
                 pathway_id, got, want);
    }

  if (json_object_has_member (expect, "needs_review"))
    {
      guint got = json_array_get_length (json_object_get_array_member (pathway, "needs_review"));
      guint want = json_object_get_int_member (expect, "needs_review");

      if (got != want)
        g_error ("%s: record %s, %s: %u review points, expected %u", file, record_id, pathway_id,
                 got, want);
    }

  if (json_object_has_member (expect, "failing"))
    {
      g_autofree char *got = failing_clauses (pathway);
      g_autofree char *want = join_strings (json_object_get_array_member (expect, "failing"));

      if (g_strcmp0 (got, want) != 0)
        g_error ("%s: record %s, %s: failing “%s”, expected “%s”", file, record_id, pathway_id,
                 got, want);
    }
}

static void
test_case_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *case_text = NULL;
  JsonObject *golden;
  JsonArray *expect;
  JsonArray *records;
  GDate as_of;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  golden = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (golden, "format"), ==, "harbor-golden/1");
  g_assert_nonnull (json_object_get_string_member (golden, "description"));
  g_assert_true (harbor_date_parse (json_object_get_string_member (golden, "as_of"), &as_of));

  /* The case as text, parsed like a file given to harbor-cli. */
  json_generator_set_root (generator, json_object_get_member (golden, "case"));
  json_generator_set_pretty (generator, TRUE);
  case_text = json_generator_to_data (generator, NULL);
  kase = harbor_case_parse_data (case_text, -1, base, &error);
  g_assert_no_error (error);

  evaluation = harbor_engine_evaluate (rules, kase, &as_of);
  result = harbor_evaluation_to_json_node (evaluation);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (result), "format"), ==,
                   HARBOR_EVALUATION_FORMAT);
  records = json_object_get_array_member (json_node_get_object (result), "records");

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      JsonArray *pathways = json_object_get_array_member (record, "pathways");

      for (guint j = 0; j < json_array_get_length (pathways); j++)
        check_invariants (base, record, json_array_get_object_element (pathways, j));
    }

  expect = json_object_get_array_member (golden, "expect");
  g_assert_cmpuint (json_array_get_length (expect), >, 0);
  for (guint i = 0; i < json_array_get_length (expect); i++)
    check_expectation (base, records, json_array_get_object_element (expect, i));
}

/* Every federal pathway has an available, a not_available and a needs_info
 * case; for the states the gaps are listed. */
static void
test_coverage (void)
{
  static const char * const statuses[] = { "available", "not_available", "needs_info" };
  guint gaps = 0;

  for (guint i = 0; i < rules->sets->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, i);

      for (guint j = 0; j < set->pathways->len; j++)
        {
          const HarborPathway *pathway = g_ptr_array_index (set->pathways, j);

          for (guint k = 0; k < G_N_ELEMENTS (statuses); k++)
            {
              g_autofree char *key = g_strdup_printf ("%s %s", pathway->id, statuses[k]);

              if (g_hash_table_contains (coverage, key))
                continue;
              if (g_str_equal (set->jurisdiction, "US"))
                g_error ("federal pathway %s has no golden %s case", pathway->id, statuses[k]);
              g_test_message ("no golden case yet: %s %s", pathway->id, statuses[k]);
              gaps++;
            }
        }
    }
  g_test_message ("%u state pathway/status combinations still lack a golden case", gaps);
}

static void
collect (const char *dir,
         GPtrArray  *files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect (path, files);
      else if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cases_dir = NULL;
  g_autofree char *rules_dir = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  cases_dir = g_build_filename (source_dir (), "tests", "cases", NULL);
  rules_dir = g_strdup (g_getenv ("HARBOR_RULES_DIR"));
  if (rules_dir == NULL)
    rules_dir = g_build_filename (source_dir (), "data", "rules", NULL);

  rules = harbor_rules_load (rules_dir, &error);
  if (rules == NULL)
    g_error ("cannot load the rules: %s", error->message);
  coverage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  collect (cases_dir, files);
  g_ptr_array_sort (files, compare_paths);
  if (files->len == 0)
    g_error ("no golden cases found in %s", cases_dir);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *relative = g_strdup (path + strlen (cases_dir) + 1);
      g_autofree char *test_path = NULL;

      *strrchr (relative, '.') = '\0';
      test_path = g_strdup_printf ("/golden/%s", relative);
      g_test_add_data_func (test_path, path, test_case_file);
    }
  /* Runs last: the "golden-coverage" suite is created after "golden". */
  g_test_add_func ("/golden-coverage/all", test_coverage);

  ret = g_test_run ();

  g_hash_table_unref (coverage);
  harbor_rules_free (rules);
  return ret;
}
