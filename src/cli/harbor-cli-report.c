/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli-report.c: harbor-cli report summary | aggregate
 *
 * Copyright 2026 The Harbor authors
 *
 * The vault passphrase is read with harbor_cli_read_secret(): from standard
 * input when it is not a terminal, otherwise prompted without echo.
 *
 * Exit status: 0 success; 1 the operation failed (wrong passphrase, no
 * release of information in effect for the recipient, the output exists,
 * I/O); 2 usage errors and bad input (a malformed date, an unknown record).
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "harbor-cli.h"
#include "harbor-report-aggregate.h"
#include "harbor-report-summary.h"
#include "harbor-rules.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"

static int
fail_report (const char   *command,
             const GError *error)
{
  harbor_cli_fail_error (command, error);
  if (g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID) ||
      g_error_matches (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID))
    return HARBOR_CLI_EXIT_USAGE;
  return HARBOR_CLI_EXIT_FAILED;
}

/* Opens the vault in @dir with a passphrase read from the user. */
static HarborVault *
open_vault (const char *command,
            const char *dir,
            int        *exit_code)
{
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  g_autoptr(HarborCliSecret) passphrase = NULL;
  g_autoptr(GError) error = NULL;

  passphrase = harbor_cli_read_secret (_("Passphrase: "), &error);
  if (passphrase == NULL)
    {
      *exit_code = harbor_cli_fail_error (command, error);
      return NULL;
    }
  if (!harbor_vault_unlock (vault, passphrase, &error))
    {
      *exit_code = fail_report (command, error);
      return NULL;
    }
  return g_steal_pointer (&vault);
}

static int
report_summary_main (int    argc,
                     char **argv)
{
  const char *command = "report summary";
  g_autofree char *as_of_text = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *recipient = NULL;
  g_auto(GStrv) record_ids = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Evaluate as of DATE (YYYY-MM-DD; default today)"), N_("DATE") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Read the rule data from DIR"), N_("DIR") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &recipient, N_("The recipient; required when the client has releases of information, and one for PARTY must be in effect"), N_("PARTY") },
    { "record", 0, 0, G_OPTION_ARG_STRING_ARRAY, &record_ids, N_("Show only this record (repeat for several; default all)"), N_("RECORD_ID") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT.pdf if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR CLIENT_ID OUT.pdf");
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  GDate as_of;
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Writes a referral summary of one client for their attorney as a PDF: the records, each\n"
      "relief pathway's answer with citation, reasons, questions, legal-review points, earliest\n"
      "filing date, checklist progress, and the rules' review dates and confidence.\n"
      "The PDF is NOT encrypted: it holds the client's name and history. If the client has\n"
      "releases of information on file, --to must name a party whose release is in effect\n"
      "(signed, not expired, not revoked). The passphrase is read from standard input when it\n"
      "is not a terminal."));
  if ((ret = harbor_cli_parse_options (context, command, &argc, &argv)) >= 0)
    return ret;
  if (argc - 1 < 3)
    return harbor_cli_usage_error (command, _("missing argument; usage: harbor-cli %s %s"),
                                   command, "DIR CLIENT_ID OUT.pdf");
  if (argc - 1 > 3)
    return harbor_cli_usage_error (command, _("unexpected argument “%s”"), argv[4]);

  g_date_clear (&as_of, 1);
  if (as_of_text != NULL && !harbor_date_parse (as_of_text, &as_of))
    return harbor_cli_usage_error (command, _("--as-of: expected a date YYYY-MM-DD; got “%s”"), as_of_text);
  if (!force && g_file_test (argv[3], G_FILE_TEST_EXISTS))
    return harbor_cli_fail (command, _("%s exists; use --force to replace it"), argv[3]);

  rules = harbor_rules_load (rules_dir, &error);
  if (rules == NULL)
    return harbor_cli_fail_error (command, error);

  vault = open_vault (command, argv[1], &ret);
  if (vault == NULL)
    return ret;
  if (!harbor_report_check_release (vault, argv[2], recipient, NULL, &error))
    {
      if (g_error_matches (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE) && recipient == NULL)
        return harbor_cli_fail (command, "%s (--to PARTY)", error->message);
      return fail_report (command, error);
    }
  if (!harbor_report_write_summary_full (vault, rules, argv[2], (const char * const *) record_ids,
                                         &as_of, recipient, argv[3], &error))
    return fail_report (command, error);

  printf (_("Wrote the referral summary to %s (not encrypted: it names the client)\n"), argv[3]);
  return HARBOR_CLI_EXIT_OK;
}

static int
report_aggregate_main (int    argc,
                       char **argv)
{
  const char *command = "report aggregate";
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *rules_dir = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Date of the relief answers (YYYY-MM-DD; default today)"), N_("DATE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Count from this month on (YYYY-MM)"), N_("MONTH") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Count up to this month (YYYY-MM)"), N_("MONTH") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV instead of a table"), NULL },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, N_("Read the rule data from DIR"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborRules) rules = NULL;
  g_autoptr(HarborAggregate) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate as_of;
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints de-identified counts for funders: clients served, records screened, relief\n"
      "answers, relief available, petitions filed and relief granted, by month, jurisdiction,\n"
      "pathway kind and status. No names, aliases, birth dates, case numbers or free text.\n"
      "Counts from 1 to 4 show as “<5”; “*” marks a cell suppressed so that a small one\n"
      "cannot be worked out from the totals. The passphrase is read from standard input when\n"
      "it is not a terminal."));
  if ((ret = harbor_cli_parse_options (context, command, &argc, &argv)) >= 0)
    return ret;
  if (argc - 1 < 1)
    return harbor_cli_usage_error (command, _("missing argument; usage: harbor-cli %s %s"), command, "DIR");
  if (argc - 1 > 1)
    return harbor_cli_usage_error (command, _("unexpected argument “%s”"), argv[2]);
  if (from != NULL && !harbor_aggregate_parse_month (from))
    return harbor_cli_usage_error (command, _("--from: expected a month YYYY-MM; got “%s”"), from);
  if (to != NULL && !harbor_aggregate_parse_month (to))
    return harbor_cli_usage_error (command, _("--to: expected a month YYYY-MM; got “%s”"), to);
  g_date_clear (&as_of, 1);
  if (as_of_text != NULL && !harbor_date_parse (as_of_text, &as_of))
    return harbor_cli_usage_error (command, _("--as-of: expected a date YYYY-MM-DD; got “%s”"), as_of_text);

  rules = harbor_rules_load (rules_dir, &error);
  if (rules == NULL)
    return harbor_cli_fail_error (command, error);
  vault = open_vault (command, argv[1], &ret);
  if (vault == NULL)
    return ret;
  report = harbor_aggregate_new (vault, rules, from, to, &as_of, &error);
  if (report == NULL)
    return fail_report (command, error);
  text = csv ? harbor_aggregate_to_csv (report) : harbor_aggregate_to_text (report);
  fputs (text, stdout);
  return HARBOR_CLI_EXIT_OK;
}

static const HarborCliCommand report_commands[] = {
  { "summary", N_("Write a client's referral summary for their attorney (PDF)"), report_summary_main },
  { "aggregate", N_("Print de-identified counts for funders (text or CSV)"), report_aggregate_main },
};

int
harbor_cli_report_main (int    argc,
                        char **argv)
{
  return harbor_cli_dispatch ("harbor-cli report", report_commands, G_N_ELEMENTS (report_commands),
                              argc, argv);
}
