/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-backup.c: harbor-cli vault backup / restore as a user runs them
 *
 * Copyright 2026 The Harbor authors
 *
 * Runs the real harbor-cli ($HARBOR_CLI) with secrets on standard input.
 * harbor-cli calibrates Argon2id to about a second, so this takes a few
 * seconds; the source vault is made with cheap parameters.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-test-fs.h"
#include "harbor-vault.h"

#define VAULT_PASS  "vault pass"
#define BACKUP_PASS "backup pass"
#define NEW_PASS    "new pass"

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
cli (Run        *run,
     const char *input,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("HARBOR_CLI");
  va_list args;
  const char *arg;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}

/* One line on stderr, "harbor-cli: COMMAND: ...", mentioning @part. */
static void
assert_one_error_line (const Run  *run,
                       const char *command,
                       const char *part)
{
  g_autofree char *prefix = g_strdup_printf ("harbor-cli: %s: ", command);
  const char *nl = strchr (run->err, '\n');

  g_assert_true (g_str_has_prefix (run->err, prefix));
  g_assert_nonnull (nl);
  g_assert_cmpstr (nl + 1, ==, "");
  if (strstr (run->err, part) == NULL)
    g_error ("“%s” does not mention “%s”", run->err, part);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_cli_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("harbor-cli-backup-XXXXXX", &error);
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autofree char *backup = g_build_filename (dir, "out.hbk", NULL);
  g_autofree char *restored = g_build_filename (dir, "restored", NULL);
  g_autofree char *key = NULL;
  g_autoptr(HarborVault) vault = harbor_vault_new (vault_dir);
  g_autoptr(HarborVault) check = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autoptr(HarborSecret) recovery = NULL;
  g_autofree char *client_id = NULL;
  HarborKdfParams params = harbor_kdf_params_for_tests ();

  g_assert_no_error (error);
  recovery = harbor_vault_create (vault, VAULT_PASS, &params, &error);
  g_assert_no_error (error);
  client->display_name = g_strdup ("Dana Clitest");
  client_id = harbor_vault_add_client (vault, client, &error);
  g_assert_no_error (error);
  harbor_vault_lock (vault);

  /* Usage. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, NULL, "vault", "backup", vault_dir, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_error_line (&run, "vault backup", "missing argument");
  }
  {
    g_auto(Run) run = { 0 };

    cli (&run, NULL, "vault", "restore", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "IN.hbk NEWDIR"));
  }

  /* A wrong vault passphrase. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, "wrong\n" BACKUP_PASS "\n", "vault", "backup", vault_dir, backup, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }

  /* The backup. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, VAULT_PASS "\n" BACKUP_PASS "\n", "vault", "backup", vault_dir, backup, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  }
  /* Never over an existing file. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, VAULT_PASS "\n" BACKUP_PASS "\n", "vault", "backup", vault_dir, backup, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "vault backup", "already exists");
  }

  /* Restore with the wrong backup passphrase: nothing is created. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, "wrong\n" NEW_PASS "\n", "vault", "restore", backup, restored, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "vault restore", "passphrase");
    g_assert_false (g_file_test (restored, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (count_entries (dir), ==, 2);
  }
  /* Restore over the live vault: refused, untouched. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, BACKUP_PASS "\n" NEW_PASS "\n", "vault", "restore", backup, vault_dir, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "vault restore", "not an empty folder");
    g_assert_cmpuint (count_entries (dir), ==, 2);
  }

  /* The restore: prints the new vault's recovery key. */
  {
    g_auto(Run) run = { 0 };

    cli (&run, BACKUP_PASS "\n" NEW_PASS "\n", "vault", "restore", backup, restored, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, "\n"));
    key = g_strndup (run.out, strlen (run.out) - 1);
    g_assert_true (harbor_recovery_key_check (key, NULL));
    g_assert_cmpstr (key, !=, recovery);
  }
  check = harbor_vault_new (restored);
  g_assert_true (harbor_vault_unlock (check, NEW_PASS, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) clients = harbor_vault_list_clients (check, 0, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (clients->len, ==, 1);
    g_assert_cmpstr (((HarborVaultClient *) clients->pdata[0])->display_name, ==, "Dana Clitest");
  }
  harbor_vault_lock (check);
  g_assert_true (harbor_vault_unlock_with_recovery_key (check, key, &error));
  g_assert_no_error (error);
  harbor_vault_lock (check);

  /* The old vault still opens with its own passphrase. */
  g_assert_true (harbor_vault_unlock (vault, VAULT_PASS, &error));
  g_assert_no_error (error);
  harbor_vault_lock (vault);

  harbor_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));
  g_test_add_func ("/backup/cli", test_cli_backup);
  return g_test_run ();
}
