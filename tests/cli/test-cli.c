/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: harbor-cli as a user runs it
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HARBOR_CLI");
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c != '\0'; c++)
    if (*c == '\n')
      n++;
  return n;
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("harbor-cli %s\n", PACKAGE_VERSION);

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_unknown_command (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  /* One line on stderr, naming the command that was not understood. */
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "harbor-cli: "));
  g_assert_nonnull (strstr (run.err, "frobnicate"));
}

static void
test_no_command (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Usage:"));
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage:"));
  g_assert_nonnull (strstr (run.out, "version"));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_every_command_has_help (void)
{
  g_auto(Run) list = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean in_commands = FALSE;
  guint checked = 0;

  run_cli (&list, "--help", NULL);
  lines = g_strsplit (list.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(GStrv) words = NULL;

      if (g_str_has_suffix (lines[i], ":") && !g_str_has_prefix (lines[i], " "))
        {
          in_commands = TRUE;
          continue;
        }
      if (!in_commands || !g_str_has_prefix (lines[i], "  "))
        continue;

      words = g_strsplit_set (g_strstrip (lines[i]), " ", 2);
      run_cli (&run, words[0], "--help", NULL);
      g_test_message ("harbor-cli %s --help", words[0]);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage:"));
      checked++;
    }
  g_assert_cmpuint (checked, >=, 1);
}

static void
test_version_command (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };

  run_cli (&run, "version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "SQLite 3."));
  g_assert_nonnull (strstr (run.out, "libsodium "));

  run_cli (&bad, "version", "extra", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "extra"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/cli/no-command", test_no_command);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/every-command-has-help", test_every_command_has_help);
  g_test_add_func ("/cli/version-command", test_version_command);

  return g_test_run ();
}
