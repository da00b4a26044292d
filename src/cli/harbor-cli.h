/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli.h: shared helpers of the command-line tool
 *
 * Copyright 2026 The Harbor authors
 *
 * Each subcommand lives in its own harbor-cli-<name>.c and has the shape
 * `int harbor_cli_<name>_main (int argc, char **argv)`, where argv[0] is the
 * subcommand's name. It returns one of the exit codes below.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HARBOR_CLI_EXIT_OK = 0,
  HARBOR_CLI_EXIT_FAILED = 1,
  HARBOR_CLI_EXIT_USAGE = 2,
} HarborCliExit;

typedef int (*HarborCliMain) (int argc, char **argv);

typedef struct
{
  const char    *name;
  const char    *summary;   /* translatable, marked with N_() */
  HarborCliMain  main;
} HarborCliCommand;

int    harbor_cli_usage_error   (const char *command,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
int    harbor_cli_fail          (const char *command,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
int    harbor_cli_fail_error    (const char *command,
                                 const GError *error);
int    harbor_cli_dispatch      (const char             *parent,
                                 const HarborCliCommand *commands,
                                 gsize                   n_commands,
                                 int                     argc,
                                 char                  **argv);
int    harbor_cli_parse_options (GOptionContext *context,
                                 const char     *command,
                                 int            *argc,
                                 char         ***argv);

char  *harbor_cli_read_secret   (const char  *prompt,
                                 GError     **error);
void   harbor_cli_free_secret   (char        *secret);

/* A secret read from the user: sodium_malloc'd, wiped when freed. */
typedef char HarborCliSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborCliSecret, harbor_cli_free_secret)

/* Subcommands (one per file). */
int    harbor_cli_version_main  (int argc, char **argv);
int    harbor_cli_rules_main    (int argc, char **argv);
int    harbor_cli_evaluate_main (int argc, char **argv);
int    harbor_cli_vault_main    (int argc, char **argv);
int    harbor_cli_bench_main    (int argc, char **argv);
int    harbor_cli_report_main   (int argc, char **argv);
int    harbor_cli_vault_backup_main  (int argc, char **argv);
int    harbor_cli_vault_restore_main (int argc, char **argv);

G_END_DECLS
