/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-engine.c: harbor-cli rules … and harbor-cli evaluate, as a user runs them
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *tmpdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HARBOR_CLI");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static const char good_case[] =
  "{ \"format\": \"harbor-case/1\", \"as_of\": \"2026-11-28\",\n"
  "  \"client\": { \"trafficking\": { \"types\": [\"labor\"] } },\n"
  "  \"records\": [ { \"id\": \"r1\", \"jurisdiction\": \"US\", \"disposition\": \"convicted\",\n"
  "    \"offense\": { \"violent\": false, \"child_victim\": false }, \"result_of_trafficking\": true } ] }\n";

static void
test_rules_check (void)
{
  g_auto(Run) ok = { 0 };
  g_auto(Run) bad = { 0 };
  g_autofree char *dir = g_build_filename (tmpdir, "badrules", NULL);
  g_autofree char *file = g_build_filename (dir, "US-ZZ.json", NULL);
  g_autofree char *expected = NULL;

  run_cli (&ok, "rules", "check", g_getenv ("HARBOR_RULES_DIR"), NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "no problems"));

  /* Two problems: both listed on stdout; one summary line on stderr. */
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (file,
                       "{ \"format\": \"harbor-rules/1\", \"jurisdiction\": \"US-ZZ\",\n"
                       "  \"name\": \"Z\", \"reviewed\": \"2026-02-30\", \"confidence\": \"sure\",\n"
                       "  \"sources\": [ { \"url\": \"https://example.org\", \"description\": \"x\" } ],\n"
                       "  \"pathways\": [] , \"notes\": [\"none yet\"] }\n", -1, NULL);
  run_cli (&bad, "rules", "check", dir, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  expected = g_strdup_printf ("%s:2:28: reviewed: expected a real calendar date (YYYY-MM-DD); got “2026-02-30”\n"
                              "%s:2:56: confidence: expected one of high, medium, low; got “sure”\n",
                              file, file);
  g_assert_cmpstr (bad.out, ==, expected);
  g_assert_cmpuint (count_lines (bad.err), ==, 1);
  g_assert_true (g_str_has_prefix (bad.err, "harbor-cli: rules check: 2 problems found in "));
  g_remove (file);
  g_rmdir (dir);
}

static void
test_rules_list_show (void)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) help = { 0 };

  run_cli (&list, "rules", "list", "--rules", g_getenv ("HARBOR_RULES_DIR"), NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (g_str_has_prefix (list.out, "CODE"));
  g_assert_nonnull (strstr (list.out, "\nUS      Federal (Trafficking Survivors Relief Act)         5  2026-11-28  high\n"));

  run_cli (&show, "rules", "show", "US", "--rules", g_getenv ("HARBOR_RULES_DIR"), NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Id: us-vacatur"));
  g_assert_nonnull (strstr (show.out, "Citation: 18 U.S.C. 28"));

  run_cli (&unknown, "rules", "show", "XX", "--rules", g_getenv ("HARBOR_RULES_DIR"), NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_cmpstr (unknown.err, ==, "harbor-cli: rules show: no rules for “XX”; run “harbor-cli rules list”\n");

  run_cli (&help, "rules", "check", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "FILE:LINE:COLUMN"));
}

static void
test_evaluate (void)
{
  g_autofree char *path = write_file ("case.json", good_case);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) json = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) early = { 0 };
  JsonObject *root;
  JsonObject *record;

  run_cli (&json, "evaluate", path, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpstr (json.err, ==, "");
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "harbor-evaluation/1");
  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, "2026-11-28");
  record = json_array_get_object_element (json_object_get_array_member (root, "records"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, "r1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "pathways")), ==, 5);

  run_cli (&text, "evaluate", path, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "[AVAILABLE] Motion to vacate a federal conviction"));
  g_assert_nonnull (strstr (text.out, "Legal information, not legal advice"));

  /* --as-of overrides the file: before the Act, not yet. */
  run_cli (&early, "evaluate", "--as-of", "2025-06-01", path, NULL);
  g_assert_cmpint (early.status, ==, 0);
  g_assert_nonnull (strstr (early.out, "[NOT YET] Motion to vacate"));
  g_assert_nonnull (strstr (early.out, "Earliest filing date: 2026-01-23"));
}

static void
test_evaluate_bad_input (void)
{
  g_autofree char *bad = write_file ("bad.json",
                                     "{\"format\":\"harbor-case/1\",\n"
                                     " \"records\":[{\"disposition\":\"convictd\"}]}");
  g_autofree char *good = write_file ("good.json", good_case);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.json", NULL);
  g_autofree char *expected = NULL;
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };

  run_cli (&r1, "evaluate", bad, NULL);
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_cmpstr (r1.out, ==, "");
  expected = g_strdup_printf ("harbor-cli: evaluate: %s:2:28: records[0].disposition: expected one of "
                              "arrest_only, pending, dismissed, acquitted, diverted, convicted, "
                              "adjudicated_delinquent; got “convictd”\n", bad);
  g_assert_cmpstr (r1.err, ==, expected);

  run_cli (&r2, "evaluate", "--as-of", "2026-02-30", good, NULL);
  g_assert_cmpint (r2.status, ==, 2);
  g_assert_cmpuint (count_lines (r2.err), ==, 1);
  g_assert_nonnull (strstr (r2.err, "--as-of"));

  run_cli (&r3, "evaluate", missing, NULL);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_cmpuint (count_lines (r3.err), ==, 1);

  run_cli (&r4, "evaluate", NULL);
  g_assert_cmpint (r4.status, ==, 2);
  g_assert_cmpstr (r4.err, ==, "harbor-cli: evaluate: missing CASE.json\n");
}

/* Without --rules or $HARBOR_RULES_DIR, a harbor-cli in the build tree
 * finds the source tree's data/rules. */
static void
test_rules_default_dir (void)
{
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "HARBOR_RULES_DIR");
  const char *argv[] = { g_getenv ("HARBOR_CLI"), "rules", "list", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_nonnull (strstr (out, "\nUS      Federal"));
}

static void
test_rules_override (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "onlyzz", NULL);
  g_autofree char *rules = g_build_filename (dir, "US-ZZ.json", NULL);
  g_autofree char *kase = write_file ("zz.json",
                                      "{\"format\":\"harbor-case/1\",\"records\":[{\"id\":\"z\",\"jurisdiction\":\"US-ZZ\"},"
                                      "{\"id\":\"u\",\"jurisdiction\":\"US\"}]}");
  g_auto(Run) run = { 0 };

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (rules,
                       "{ \"format\": \"harbor-rules/1\", \"jurisdiction\": \"US-ZZ\", \"name\": \"Zed\",\n"
                       "  \"reviewed\": \"2026-01-01\", \"confidence\": \"low\",\n"
                       "  \"sources\": [ { \"id\": \"s\", \"url\": \"https://example.org\", \"description\": \"x\" } ],\n"
                       "  \"pathways\": [ { \"id\": \"us-zz-seal\", \"kind\": \"sealing\", \"title\": \"Zed sealing\",\n"
                       "    \"citation\": \"Z § 1\", \"applies_to\": { \"text\": \"Any record\" }, \"conditions\": [],\n"
                       "    \"timing\": { \"text\": \"Any time\" }, \"effect\": \"Sealed\",\n"
                       "    \"burden\": { \"standard\": \"unknown\", \"on\": \"unknown\" }, \"confidence\": \"low\",\n"
                       "    \"reviewed\": \"2026-01-01\", \"sources\": [\"s\"] } ] }\n", -1, NULL);

  run_cli (&run, "evaluate", "--rules", dir, "--as-of", "2026-11-28", kase, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "[AVAILABLE] Zed sealing (sealing)"));
  g_assert_nonnull (strstr (run.out, "No rules are loaded for US."));
  g_assert_null (strstr (run.out, "Motion to vacate"));
  g_remove (rules);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("harbor-cli-engine-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/cli/rules/check", test_rules_check);
  g_test_add_func ("/cli/rules/list-show", test_rules_list_show);
  g_test_add_func ("/cli/evaluate/output", test_evaluate);
  g_test_add_func ("/cli/evaluate/bad-input", test_evaluate_bad_input);
  g_test_add_func ("/cli/evaluate/rules-override", test_rules_override);
  g_test_add_func ("/cli/rules/default-dir", test_rules_default_dir);

  ret = g_test_run ();

  {
    const char *names[] = { "case.json", "bad.json", "good.json", "zz.json" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);
        g_remove (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return ret;
}
