/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli-evaluate.c: harbor-cli evaluate CASE.json
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "harbor-cli.h"
#include "harbor-engine.h"

int
harbor_cli_evaluate_main (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *as_of_str = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE;
  GDate as_of;
  int ret;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_str, N_("Evaluate as of this date (default: the file’s as_of, else today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the harbor-evaluation/1 JSON document"), NULL },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Rule directory"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("CASE.json — which relief each record may qualify for"));
  g_option_context_set_description (context,
    _("Reads a harbor-case/1 file (“-” for standard input) and prints, for every record,\n"
      "each relief pathway of its jurisdiction with its status (available, not_yet,\n"
      "needs_info, not_available), reasons with citations, missing facts, the earliest\n"
      "filing date and a checklist. Legal information, not legal advice.\n"
      "Exit status: 0 done, 2 bad input (the message names line, column and field),\n"
      "1 the rules could not be loaded."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, "evaluate", &argc, &argv)) >= 0)
    return ret;

  if (argc < 2)
    return harbor_cli_usage_error ("evaluate", _("missing CASE.json"));
  if (argc > 2)
    return harbor_cli_usage_error ("evaluate", _("unexpected argument “%s”"), argv[2]);

  g_date_clear (&as_of, 1);
  if (as_of_str != NULL && !harbor_date_parse (as_of_str, &as_of))
    return harbor_cli_usage_error ("evaluate", _("--as-of: expected a real date YYYY-MM-DD; got “%s”"),
                                   as_of_str);

  if (g_strcmp0 (argv[1], "-") == 0)
    {
      g_autoptr(GString) data = g_string_new (NULL);
      char chunk[8192];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len (data, chunk, n);
      if (ferror (stdin))
        return harbor_cli_fail ("evaluate", _("cannot read standard input"));
      kase = harbor_case_parse_data (data->str, data->len,
                                     "<stdin>", &error);
    }
  else
    kase = harbor_case_parse_file (argv[1], &error);

  if (kase == NULL)
    return g_error_matches (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_IO)
           ? harbor_cli_fail ("evaluate", "%s", error->message)
           : harbor_cli_usage_error ("evaluate", "%s", error->message);

  rules = harbor_rules_load (rules_dir, &error);
  if (rules == NULL)
    return harbor_cli_fail ("evaluate", "%s", error->message);

  evaluation = harbor_engine_evaluate (rules, kase, &as_of);
  output = json ? harbor_evaluation_to_json (evaluation) : harbor_evaluation_to_text (evaluation);
  fputs (output, stdout);
  if (json)
    fputc ('\n', stdout);

  return HARBOR_CLI_EXIT_OK;
}
