/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli-backup.c: harbor-cli vault backup | restore
 *
 * Copyright 2026 The Harbor authors
 *
 *   harbor-cli vault backup DIR OUT.hbk    reads the vault passphrase, then
 *                                          the backup passphrase (asked twice
 *                                          on a terminal)
 *   harbor-cli vault restore IN.hbk NEWDIR reads the backup passphrase, then
 *                                          the new vault's passphrase (twice
 *                                          on a terminal); prints the new
 *                                          vault's recovery key
 *
 * Secrets come from standard input, one per line, when it is not a
 * terminal; otherwise they are prompted without echo. Never from argv or
 * the environment. Exit status: 0 success, 1 the operation failed, 2 usage.
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "harbor-backup.h"
#include "harbor-cli.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"

static int
parse (const char  *command,
       const char  *parameters,
       const char  *description,
       int         *argc,
       char      ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  int ret;

  g_option_context_set_description (context, description);
  if ((ret = harbor_cli_parse_options (context, command, argc, argv)) >= 0)
    return ret;
  if (*argc - 1 < 2)
    return harbor_cli_usage_error (command, _("missing argument; usage: harbor-cli %s %s"),
                                   command, parameters);
  if (*argc - 1 > 2)
    return harbor_cli_usage_error (command, _("unexpected argument “%s”"), (*argv)[3]);
  return -1;
}

/* Reads a new secret; on a terminal, asks twice. */
static HarborCliSecret *
read_new_secret (const char  *prompt,
                 const char  *again_prompt,
                 GError     **error)
{
  g_autoptr(HarborCliSecret) first = harbor_cli_read_secret (prompt, error);

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
      g_autoptr(HarborCliSecret) again = harbor_cli_read_secret (again_prompt, error);

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

static void
show_progress (guint64  done,
               guint64  total,
               gpointer user_data G_GNUC_UNUSED)
{
  if (total > 0)
    fprintf (stderr, "\r%3u%%", (guint) (done * 100 / total));
}

int
harbor_cli_vault_backup_main (int    argc,
                              char **argv)
{
  const char *command = "vault backup";
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborCliSecret) passphrase = NULL;
  g_autoptr(HarborCliSecret) backup_passphrase = NULL;
  g_autoptr(GError) error = NULL;
  gboolean on_terminal = isatty (STDERR_FILENO);
  gboolean ok;
  int ret;

  if ((ret = parse (command, "DIR OUT.hbk",
                    _("Writes an encrypted backup of the vault in DIR to OUT.hbk, which must not\n"
                      "exist. Reads the vault's passphrase, then the backup's own passphrase (one\n"
                      "per line when standard input is not a terminal). The backup holds every\n"
                      "live client with their records, history, checklists and consents; restore\n"
                      "it with “harbor-cli vault restore”."), &argc, &argv)) >= 0)
    return ret;

  if (g_file_test (argv[2], G_FILE_TEST_EXISTS))
    return harbor_cli_fail (command, _("“%s” already exists"), argv[2]);
  passphrase = harbor_cli_read_secret (_("Vault passphrase: "), &error);
  if (passphrase == NULL)
    return harbor_cli_fail_error (command, error);
  vault = harbor_vault_new (argv[1]);
  if (!harbor_vault_unlock (vault, passphrase, &error))
    return harbor_cli_fail_error (command, error);
  backup_passphrase = read_new_secret (_("Backup passphrase: "), _("Repeat the backup passphrase: "),
                                       &error);
  if (backup_passphrase == NULL)
    return harbor_cli_fail_error (command, error);

  ok = harbor_backup_write (vault, argv[2], backup_passphrase, NULL,
                            on_terminal ? show_progress : NULL, NULL, NULL, &error);
  if (on_terminal)
    fprintf (stderr, "\n");
  harbor_vault_lock (vault);
  if (!ok)
    return harbor_cli_fail_error (command, error);
  return HARBOR_CLI_EXIT_OK;
}

int
harbor_cli_vault_restore_main (int    argc,
                               char **argv)
{
  const char *command = "vault restore";
  g_autoptr(HarborCliSecret) backup_passphrase = NULL;
  g_autoptr(HarborCliSecret) new_passphrase = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;
  gboolean on_terminal = isatty (STDERR_FILENO);
  int ret;

  if ((ret = parse (command, "IN.hbk NEWDIR",
                    _("Restores the backup IN.hbk into a new vault in NEWDIR, which must not exist\n"
                      "or must be empty: a restore never writes over a vault. Reads the backup's\n"
                      "passphrase, then the new vault's passphrase (one per line when standard\n"
                      "input is not a terminal), and prints the new vault's recovery key. If\n"
                      "anything fails, nothing is left behind."), &argc, &argv)) >= 0)
    return ret;

  backup_passphrase = harbor_cli_read_secret (_("Backup passphrase: "), &error);
  if (backup_passphrase == NULL)
    return harbor_cli_fail_error (command, error);
  new_passphrase = read_new_secret (_("New vault passphrase: "), _("Repeat the new vault passphrase: "),
                                    &error);
  if (new_passphrase == NULL)
    return harbor_cli_fail_error (command, error);

  recovery = harbor_backup_restore (argv[1], backup_passphrase, argv[2], new_passphrase, NULL,
                                    on_terminal ? show_progress : NULL, NULL, NULL, &error);
  if (on_terminal)
    fprintf (stderr, "\n");
  if (recovery == NULL)
    return harbor_cli_fail_error (command, error);
  if (isatty (STDOUT_FILENO))
    fprintf (stderr, "%s\n", _("Recovery key of the new vault (write it down; it will not be shown again):"));
  printf ("%s\n", recovery);
  return HARBOR_CLI_EXIT_OK;
}
