/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli-rules.c: harbor-cli rules check | list | show | stats
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "harbor-cli.h"
#include "harbor-rules-stats.h"
#include "harbor-rules.h"

static char *
date_string (const GDate *date)
{
  char *str = harbor_date_to_string (date);

  return str != NULL ? str : g_strdup ("-");
}

/* Loads the rules for list/show; prints the error and sets *exit_code on
 * failure. */
static HarborRules *
load_rules (const char *command,
            const char *dir,
            int        *exit_code)
{
  g_autoptr(GError) error = NULL;
  HarborRules *rules = harbor_rules_load (dir, &error);

  if (rules == NULL)
    {
      /* Invalid rule data is bad input (2); an unreadable directory is a
       * failure (1). */
      harbor_cli_fail (command, "%s", error->message);
      *exit_code = g_error_matches (error, HARBOR_RULES_ERROR, HARBOR_RULES_ERROR_INVALID)
                   ? HARBOR_CLI_EXIT_USAGE : HARBOR_CLI_EXIT_FAILED;
    }
  return rules;
}

static int
rules_check_main (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *rules_dir = NULL;
  int ret;
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Rule directory (same as DIR)"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("[DIR] — validate every rule file and list every problem"));
  g_option_context_set_description (context,
    _("Checks every *.json file of DIR (default: the rule data Harbor uses) against\n"
      "data/rules/FORMAT.md and prints each problem as FILE:LINE:COLUMN: PATH: message.\n"
      "Exit status: 0 no problems, 2 problems found, 1 the directory cannot be read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, "rules check", &argc, &argv)) >= 0)
    return ret;

  if (argc > 2)
    return harbor_cli_usage_error ("rules check", _("unexpected argument “%s”"), argv[2]);

  if (argc == 2)
    dir = g_strdup (argv[1]);
  else if (rules_dir != NULL)
    dir = g_strdup (rules_dir);
  else
    dir = harbor_rules_find_default_dir (&error);

  if (dir == NULL)
    return harbor_cli_fail_error ("rules check", error);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return harbor_cli_fail ("rules check", _("%s: not a directory"), dir);

  if (!harbor_rules_add_dir (rules, dir, problems))
    {
      for (guint i = 0; i < problems->len; i++)
        printf ("%s\n", (const char *) g_ptr_array_index (problems, i));
      fflush (stdout);
      return harbor_cli_usage_error ("rules check",
                                     ngettext ("%u problem found in %s", "%u problems found in %s",
                                               problems->len),
                                     problems->len, dir);
    }

  printf (_("%s: %u files, %u pathways, no problems\n"), dir, rules->sets->len,
          harbor_rules_count_pathways (rules));
  return HARBOR_CLI_EXIT_OK;
}

static int
rules_list_main (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autofree char *rules_dir = NULL;
  int ret = HARBOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Rule directory"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("— list the jurisdictions with rules"));
  g_option_context_set_description (context,
    _("Lists each jurisdiction with its number of pathways, review date and confidence."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, "rules list", &argc, &argv)) >= 0)
    return ret;
  if (argc > 1)
    return harbor_cli_usage_error ("rules list", _("unexpected argument “%s”"), argv[1]);

  rules = load_rules ("rules list", rules_dir, &ret);
  if (rules == NULL)
    return ret;

  printf ("%-6s  %-24s  %8s  %-10s  %s\n", _("CODE"), _("NAME"), _("PATHWAYS"), _("REVIEWED"),
          _("CONFIDENCE"));
  for (guint i = 0; i < rules->sets->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, i);
      g_autofree char *reviewed = date_string (&set->reviewed);

      printf ("%-6s  %-24s  %8u  %-10s  %s\n", set->jurisdiction, set->name, set->pathways->len,
              reviewed, set->confidence);
    }
  return HARBOR_CLI_EXIT_OK;
}

static void
print_strv (const char *heading,
            GStrv       strv)
{
  if (strv == NULL || strv[0] == NULL)
    return;
  printf ("    %s\n", heading);
  for (guint i = 0; strv[i] != NULL; i++)
    printf ("      - %s\n", strv[i]);
}

static void
print_clauses (const char *heading,
               GPtrArray  *clauses)
{
  if (clauses == NULL || clauses->len == 0)
    return;
  printf ("    %s\n", heading);
  for (guint i = 0; i < clauses->len; i++)
    {
      const HarborClause *clause = g_ptr_array_index (clauses, i);
      printf ("      - %s", clause->text);
      if (clause->citation != NULL)
        printf (" (%s)", clause->citation);
      printf ("\n");
    }
}

static int
rules_show_main (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *reviewed = NULL;
  const HarborRuleSet *set;
  int ret = HARBOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Rule directory"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("JURISDICTION — show the pathways of one jurisdiction (US, US-OH, …)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, "rules show", &argc, &argv)) >= 0)
    return ret;
  if (argc < 2)
    return harbor_cli_usage_error ("rules show", _("missing JURISDICTION (for example US or US-OH)"));
  if (argc > 2)
    return harbor_cli_usage_error ("rules show", _("unexpected argument “%s”"), argv[2]);

  rules = load_rules ("rules show", rules_dir, &ret);
  if (rules == NULL)
    return ret;

  set = harbor_rules_find_set (rules, argv[1]);
  if (set == NULL)
    {
      g_autofree char *upper = g_ascii_strup (argv[1], -1);
      set = harbor_rules_find_set (rules, upper);
      if (set == NULL)
        {
          g_autofree char *prefixed = g_strconcat ("US-", upper, NULL);
          set = harbor_rules_find_set (rules, prefixed);
        }
    }
  if (set == NULL)
    return harbor_cli_usage_error ("rules show", _("no rules for “%s”; run “harbor-cli rules list”"),
                                   argv[1]);

  reviewed = date_string (&set->reviewed);
  printf ("%s — %s\n", set->jurisdiction, set->name);
  printf (_("Reviewed %s; confidence %s; file %s\n"), reviewed, set->confidence, set->filename);
  for (guint i = 0; set->notes != NULL && set->notes[i] != NULL; i++)
    printf ("  %s\n", set->notes[i]);

  for (guint i = 0; i < set->pathways->len; i++)
    {
      const HarborPathway *p = g_ptr_array_index (set->pathways, i);
      g_autofree char *p_reviewed = date_string (&p->reviewed);

      printf ("\n  %s (%s)\n", p->title, p->kind);
      printf ("    %s: %s\n", _("Id"), p->id);
      printf ("    %s: %s\n", _("Citation"), p->citation);
      printf ("    %s: %s\n", _("Applies to"), p->applies_text);
      print_clauses (_("Conditions:"), p->conditions);
      print_clauses (_("Exclusions:"), p->exclusions);
      printf ("    %s: %s\n", _("Timing"), p->timing.text);
      if (p->evidence->len > 0)
        {
          printf ("    %s\n", _("Evidence:"));
          for (guint j = 0; j < p->evidence->len; j++)
            {
              const HarborEvidence *e = g_ptr_array_index (p->evidence, j);
              printf ("      - [%s] %s\n", e->role, e->text);
            }
        }
      if (p->procedure->len > 0)
        {
          printf ("    %s\n", _("Procedure:"));
          for (guint j = 0; j < p->procedure->len; j++)
            printf ("      %u. %s\n", j + 1, ((const HarborStep *) g_ptr_array_index (p->procedure, j))->text);
        }
      printf ("    %s: %s\n", _("Effect"), p->effect);
      printf ("    %s: %s (%s)%s%s\n", _("Burden"), p->burden_standard, p->burden_on,
              p->burden_text != NULL ? " — " : "", p->burden_text != NULL ? p->burden_text : "");
      printf ("    %s: %s; %s %s\n", _("Confidence"), p->confidence, _("reviewed"), p_reviewed);
      printf ("    %s\n", _("Sources:"));
      for (guint j = 0; j < p->sources->len; j++)
        {
          const HarborSource *s = g_ptr_array_index (p->sources, j);
          printf ("      - %s <%s>\n", s->description, s->url);
        }
      print_strv (_("Notes:"), p->notes);
      print_strv (_("Open questions:"), p->open_questions);
    }

  return HARBOR_CLI_EXIT_OK;
}

static int
rules_stats_main (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autoptr(HarborRulesStats) stats = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *as_of_str = NULL;
  g_autofree char *out = NULL;
  gboolean json = FALSE;
  GDate as_of;
  int ret = HARBOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the harbor-stats/1 JSON document"), NULL },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Rule directory"), N_("DIR") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_str, N_("Apply the law as of this date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  context = g_option_context_new (_("— national counts computed from the rule data"));
  g_option_context_set_description (context,
    _("Evaluates made-up probe cases for every state and D.C. rule file and counts where a\n"
      "sex-trafficked child can clear a juvenile adjudication or a criminal conviction, where\n"
      "relief reaches offenses beyond prostitution, where minors have Safe Harbor protection\n"
      "and where there is an affirmative defense, with the jurisdictions behind each count.\n"
      "See data/rules/STATS.md. Exit status: 0 done, 2 bad input or invalid rules, 1 the\n"
      "rules cannot be read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, "rules stats", &argc, &argv)) >= 0)
    return ret;
  if (argc > 1)
    return harbor_cli_usage_error ("rules stats", _("unexpected argument “%s”"), argv[1]);
  g_date_clear (&as_of, 1);
  if (as_of_str != NULL && !harbor_date_parse (as_of_str, &as_of))
    return harbor_cli_usage_error ("rules stats", _("--as-of: expected a real date YYYY-MM-DD; got “%s”"),
                                   as_of_str);

  rules = load_rules ("rules stats", rules_dir, &ret);
  if (rules == NULL)
    return ret;

  stats = harbor_rules_stats_compute (rules, &as_of);
  out = json ? harbor_rules_stats_to_json (stats) : harbor_rules_stats_to_text (stats);
  printf ("%s%s", out, json ? "\n" : "");
  return HARBOR_CLI_EXIT_OK;
}

static const HarborCliCommand rules_commands[] = {
  { "check", N_("Validate rule files and list every problem"), rules_check_main },
  { "list", N_("List jurisdictions with pathway counts, review dates and confidence"), rules_list_main },
  { "show", N_("Show the pathways of one jurisdiction"), rules_show_main },
  { "stats", N_("National counts computed from the rule data"), rules_stats_main },
};

int
harbor_cli_rules_main (int    argc,
                       char **argv)
{
  return harbor_cli_dispatch ("harbor-cli rules", rules_commands, G_N_ELEMENTS (rules_commands),
                              argc, argv);
}
