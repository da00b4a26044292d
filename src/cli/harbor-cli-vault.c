/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli-vault.c: harbor-cli vault create | import | export | list |
 * search | deleted | purge | verify | passwd | recover
 *
 * Copyright 2026 The Harbor authors
 *
 * Passphrases and recovery keys are read with harbor_cli_read_secret():
 * from standard input, one per line, when it is not a terminal; otherwise
 * prompted without echo. Never from argv or the environment.
 *
 * Exit status: 0 success; 1 the operation failed (wrong passphrase, damaged
 * vault, I/O); 2 usage errors and bad input (a malformed case file, an id
 * that is not an id).
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "harbor-cli.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"

#define LIST_PAGE 500

/* Parses the options of a subcommand whose only arguments are positional;
 * returns -1 to go on. */
static int
parse (const char  *command,
       const char  *parameters,
       const char  *description,
       int         *argc,
       char      ***argv,
       int          n_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  int ret;

  g_option_context_set_description (context, description);
  if ((ret = harbor_cli_parse_options (context, command, argc, argv)) >= 0)
    return ret;
  if (*argc - 1 < n_args)
    return harbor_cli_usage_error (command, _("missing argument; usage: harbor-cli %s %s"),
                                   command, parameters);
  if (*argc - 1 > n_args)
    return harbor_cli_usage_error (command, _("unexpected argument “%s”"), (*argv)[n_args + 1]);
  return -1;
}

/* Like parse(), with options. */
static int
parse_with_options (const char         *command,
                    const char         *parameters,
                    const char         *description,
                    const GOptionEntry *entries,
                    int                *argc,
                    char             ***argv,
                    int                 n_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  int ret;

  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, command, argc, argv)) >= 0)
    return ret;
  if (*argc - 1 < n_args)
    return harbor_cli_usage_error (command, _("missing argument; usage: harbor-cli %s %s"),
                                   command, parameters);
  if (*argc - 1 > n_args)
    return harbor_cli_usage_error (command, _("unexpected argument “%s”"), (*argv)[n_args + 1]);
  return -1;
}

/* Maps a vault error to an exit code: bad input is 2, the rest 1. */
static int
fail_vault (const char   *command,
            const GError *error)
{
  harbor_cli_fail_error (command, error);
  if (g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID))
    return HARBOR_CLI_EXIT_USAGE;
  return HARBOR_CLI_EXIT_FAILED;
}

/* Reads a new passphrase; on a terminal, asks twice. */
static HarborCliSecret *
read_new_passphrase (const char  *command,
                     GError     **error)
{
  g_autoptr(HarborCliSecret) first = harbor_cli_read_secret (_("New passphrase: "), error);

  if (first == NULL)
    return NULL;
  if (first[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("the passphrase is empty"));
      return NULL;
    }
  if (isatty (STDIN_FILENO))
    {
      g_autoptr(HarborCliSecret) again = harbor_cli_read_secret (_("Repeat the new passphrase: "), error);

      if (again == NULL)
        return NULL;
      if (g_strcmp0 (first, again) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("the two passphrases differ"));
          return NULL;
        }
    }
  return g_steal_pointer (&first);
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
      *exit_code = fail_vault (command, error);
      return NULL;
    }
  return g_steal_pointer (&vault);
}

static int
vault_create_main (int    argc,
                   char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCliSecret) passphrase = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if ((ret = parse ("vault create", "DIR",
                    _("Creates a vault in DIR (made if needed, mode 0700) and prints its recovery\n"
                      "key on standard output. Keep the recovery key somewhere safe and apart from\n"
                      "the computer: it is shown only once and is the only way in without the\n"
                      "passphrase. The passphrase is read from standard input when it is not a\n"
                      "terminal."), &argc, &argv, 1)) >= 0)
    return ret;

  passphrase = read_new_passphrase ("vault create", &error);
  if (passphrase == NULL)
    return harbor_cli_fail_error ("vault create", error);

  vault = harbor_vault_new (argv[1]);
  recovery = harbor_vault_create (vault, passphrase, NULL, &error);
  if (recovery == NULL)
    return fail_vault ("vault create", error);
  harbor_vault_lock (vault);

  if (isatty (STDOUT_FILENO))
    fprintf (stderr, "%s\n", _("Recovery key (write it down; it will not be shown again):"));
  printf ("%s\n", recovery);
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_import_main (int    argc,
                   char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  int ret = HARBOR_CLI_EXIT_OK;

  if ((ret = parse ("vault import", "DIR CASE.json",
                    _("Adds the client of a harbor-case/1 file and all their records to the vault,\n"
                      "in one transaction, and prints the new client's id. A malformed file changes\n"
                      "nothing; the error names its line, column and field."), &argc, &argv, 2)) >= 0)
    return ret;

  /* Check the file before asking for anything. */
  kase = harbor_case_parse_file (argv[2], &error);
  if (kase == NULL)
    {
      harbor_cli_fail_error ("vault import", error);
      return g_error_matches (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_IO)
             ? HARBOR_CLI_EXIT_FAILED : HARBOR_CLI_EXIT_USAGE;
    }

  vault = open_vault ("vault import", argv[1], &ret);
  if (vault == NULL)
    return ret;
  id = harbor_vault_import_case (vault, kase, &error);
  if (id == NULL)
    return fail_vault ("vault import", error);
  printf ("%s\n", id);
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_export_main (int    argc,
                   char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  int ret = HARBOR_CLI_EXIT_OK;

  if ((ret = parse ("vault export", "DIR CLIENT_ID",
                    _("Prints a client and their records as harbor-case/1 on standard output.\n"
                      "This is client data in plain text: keep the output safe."), &argc, &argv, 2)) >= 0)
    return ret;

  vault = open_vault ("vault export", argv[1], &ret);
  if (vault == NULL)
    return ret;
  kase = harbor_vault_export_case (vault, argv[2], &error);
  if (kase == NULL)
    return fail_vault ("vault export", error);
  data = harbor_case_to_data (kase, NULL);
  printf ("%s\n", data);
  return HARBOR_CLI_EXIT_OK;
}

static void
print_clients (GPtrArray *clients)
{
  for (guint i = 0; i < clients->len; i++)
    {
      HarborVaultClient *client = g_ptr_array_index (clients, i);
      printf ("%s\t%s\n", client->id, client->display_name);
    }
}

static int
vault_list_main (int    argc,
                 char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  int ret = HARBOR_CLI_EXIT_OK;

  if ((ret = parse ("vault list", "DIR",
                    _("Prints the id and display name of every client, most recently active first,\n"
                      "one per line, separated by a tab."), &argc, &argv, 1)) >= 0)
    return ret;

  vault = open_vault ("vault list", argv[1], &ret);
  if (vault == NULL)
    return ret;
  for (guint offset = 0; ; offset += LIST_PAGE)
    {
      g_autoptr(GPtrArray) page = harbor_vault_list_clients (vault, offset, LIST_PAGE, &error);

      if (page == NULL)
        return fail_vault ("vault list", error);
      print_clients (page);
      if (page->len < LIST_PAGE)
        break;
    }
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_search_main (int    argc,
                   char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  int ret = HARBOR_CLI_EXIT_OK;

  if ((ret = parse ("vault search", "DIR QUERY",
                    _("Prints the id and display name of every client whose name, aliases or notes\n"
                      "have words starting with each word of QUERY."), &argc, &argv, 2)) >= 0)
    return ret;

  vault = open_vault ("vault search", argv[1], &ret);
  if (vault == NULL)
    return ret;
  hits = harbor_vault_search_clients (vault, argv[2], G_MAXINT, &error);
  if (hits == NULL)
    return fail_vault ("vault search", error);
  print_clients (hits);
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_deleted_main (int    argc,
                    char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  gboolean names = FALSE;
  int ret = HARBOR_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "names", 0, 0, G_OPTION_ARG_NONE, &names, N_("Also print each client's display name"), NULL },
    { NULL }
  };

  if ((ret = parse_with_options ("vault deleted", "DIR",
                                 _("Prints the deleted clients that are not yet purged: their id and the date\n"
                                   "they were deleted (YYYY-MM-DD), most recent first, separated by a tab.\n"
                                   "Names are printed only with --names. A deleted client can be restored in\n"
                                   "the app until it is purged (harbor-cli vault purge)."),
                                 entries, &argc, &argv, 1)) >= 0)
    return ret;

  vault = open_vault ("vault deleted", argv[1], &ret);
  if (vault == NULL)
    return ret;
  clients = harbor_vault_list_deleted_clients (vault, &error);
  if (clients == NULL)
    return fail_vault ("vault deleted", error);
  for (guint i = 0; i < clients->len; i++)
    {
      HarborVaultClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (client->deleted_at / 1000);
      g_autofree char *date = when ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");

      if (names)
        printf ("%s\t%s\t%s\n", client->id, date, client->display_name);
      else
        printf ("%s\t%s\n", client->id, date);
    }
  return HARBOR_CLI_EXIT_OK;
}

/* On a terminal: says what will be destroyed and asks for the word PURGE. */
static gboolean
confirm_purge (const char *client_id,
               gboolean    live)
{
  char line[64];

  fprintf (stderr, "%s\n",
           live ? _("This deletes the client and then destroys them for good: their name and every\n"
                    "detail, records, notes, checklists and consents. It cannot be undone. Backups\n"
                    "made before now still hold the client.")
                : _("This destroys the deleted client for good: their name and every detail,\n"
                    "records, notes, checklists and consents. It cannot be undone. Backups made\n"
                    "before now still hold the client."));
  fprintf (stderr, _("Type PURGE to destroy client %s: "), client_id);
  fflush (stderr);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  line[strcspn (line, "\r\n")] = '\0';
  return g_str_equal (line, "PURGE");
}

static int
vault_purge_main (int    argc,
                  char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean yes = FALSE, delete = FALSE;
  int ret = HARBOR_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "delete", 0, 0, G_OPTION_ARG_NONE, &delete, N_("Also purge a client that is not deleted yet"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation (required when standard input is not a terminal)"), NULL },
    { NULL }
  };

  if ((ret = parse_with_options ("vault purge", "DIR CLIENT_ID",
                                 _("Destroys a deleted client for good: the client, their records, notes,\n"
                                   "checklists and consents, their words in the search index, and every copy\n"
                                   "in the database file. The audit log keeps only that a purge happened.\n"
                                   "A client that is not deleted is refused unless --delete is given. On a\n"
                                   "terminal, asks you to type PURGE; otherwise --yes is required (standard\n"
                                   "input then carries the passphrase). Backups made before the purge still\n"
                                   "hold the client."),
                                 entries, &argc, &argv, 2)) >= 0)
    return ret;

  /* Refuse bad input before asking for anything. */
  if (strlen (argv[2]) != 32 || strspn (argv[2], "0123456789abcdefABCDEF") != 32)
    return harbor_cli_usage_error ("vault purge",
                                   _("“%s” is not a client id (expected 32 hexadecimal characters)"),
                                   argv[2]);
  if (!yes && !isatty (STDIN_FILENO))
    return harbor_cli_usage_error ("vault purge",
                                   _("standard input is not a terminal: give --yes to purge without confirmation"));

  vault = open_vault ("vault purge", argv[1], &ret);
  if (vault == NULL)
    return ret;
  client = harbor_vault_get_client (vault, argv[2], &error);
  if (client == NULL)
    return fail_vault ("vault purge", error);
  if (!client->deleted && !delete)
    return harbor_cli_usage_error ("vault purge",
                                   _("the client is not deleted; give --delete to delete and purge it in one step"));
  if (!yes && !confirm_purge (argv[2], !client->deleted))
    return harbor_cli_fail ("vault purge", _("not confirmed; nothing was changed"));

  if (!harbor_vault_purge_client (vault, argv[2], &error))
    return fail_vault ("vault purge", error);
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_verify_main (int    argc,
                   char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCliSecret) passphrase = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if ((ret = parse ("vault verify", "DIR",
                    _("Authenticates every page of the database and of a leftover journal, then runs\n"
                      "SQLite's integrity check and checks the audit log's hash chain. Prints each\n"
                      "problem (file and page) on standard output. Exit status: 0 sound, 1 damaged."),
                    &argc, &argv, 1)) >= 0)
    return ret;

  passphrase = harbor_cli_read_secret (_("Passphrase: "), &error);
  if (passphrase == NULL)
    return harbor_cli_fail_error ("vault verify", error);
  vault = harbor_vault_new (argv[1]);
  if (!harbor_vault_verify_files (vault, passphrase, &problems, &error))
    return fail_vault ("vault verify", error);
  for (guint i = 0; i < problems->len; i++)
    printf ("%s\n", (char *) problems->pdata[i]);
  if (problems->len > 0)
    return harbor_cli_fail ("vault verify",
                            g_dngettext (GETTEXT_PACKAGE, "%u problem found", "%u problems found",
                                         problems->len), problems->len);
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_passwd_main (int    argc,
                   char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCliSecret) old_passphrase = NULL;
  g_autoptr(HarborCliSecret) new_passphrase = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if ((ret = parse ("vault passwd", "DIR",
                    _("Changes the passphrase. Reads the current passphrase, then the new one (one\n"
                      "per line when standard input is not a terminal). Only the key file changes."),
                    &argc, &argv, 1)) >= 0)
    return ret;

  old_passphrase = harbor_cli_read_secret (_("Current passphrase: "), &error);
  if (old_passphrase == NULL)
    return harbor_cli_fail_error ("vault passwd", error);
  new_passphrase = read_new_passphrase ("vault passwd", &error);
  if (new_passphrase == NULL)
    return harbor_cli_fail_error ("vault passwd", error);
  vault = harbor_vault_new (argv[1]);
  if (!harbor_vault_change_passphrase (vault, old_passphrase, new_passphrase, NULL, &error))
    return fail_vault ("vault passwd", error);
  return HARBOR_CLI_EXIT_OK;
}

static int
vault_recover_main (int    argc,
                    char **argv)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCliSecret) recovery = NULL;
  g_autoptr(HarborCliSecret) new_passphrase = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if ((ret = parse ("vault recover", "DIR",
                    _("Sets a new passphrase with the recovery key. Reads the recovery key, then the\n"
                      "new passphrase (one per line when standard input is not a terminal)."),
                    &argc, &argv, 1)) >= 0)
    return ret;

  recovery = harbor_cli_read_secret (_("Recovery key: "), &error);
  if (recovery == NULL)
    return harbor_cli_fail_error ("vault recover", error);
  /* Say "mistyped" before asking for a new passphrase. */
  if (!harbor_recovery_key_check (recovery, &error))
    return fail_vault ("vault recover", error);
  new_passphrase = read_new_passphrase ("vault recover", &error);
  if (new_passphrase == NULL)
    return harbor_cli_fail_error ("vault recover", error);
  vault = harbor_vault_new (argv[1]);
  if (!harbor_vault_recover (vault, recovery, new_passphrase, NULL, &error))
    return fail_vault ("vault recover", error);
  return HARBOR_CLI_EXIT_OK;
}

static const HarborCliCommand vault_commands[] = {
  { "create", N_("Create a vault and print its recovery key"), vault_create_main },
  { "import", N_("Add a client and their records from a harbor-case/1 file"), vault_import_main },
  { "export", N_("Print a client as harbor-case/1"), vault_export_main },
  { "list", N_("List clients: id and display name"), vault_list_main },
  { "search", N_("Search clients by name, alias or note"), vault_search_main },
  { "deleted", N_("List deleted clients not yet purged: id and date"), vault_deleted_main },
  { "purge", N_("Destroy a deleted client for good"), vault_purge_main },
  { "verify", N_("Authenticate every page and check integrity"), vault_verify_main },
  { "passwd", N_("Change the passphrase"), vault_passwd_main },
  { "recover", N_("Set a new passphrase with the recovery key"), vault_recover_main },
  { "backup", N_("Write an encrypted backup of the vault"), harbor_cli_vault_backup_main },
  { "restore", N_("Restore a backup into a new vault"), harbor_cli_vault_restore_main },
};

int
harbor_cli_vault_main (int    argc,
                       char **argv)
{
  return harbor_cli_dispatch ("harbor-cli vault", vault_commands, G_N_ELEMENTS (vault_commands),
                              argc, argv);
}
