/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-vault.c: harbor-cli vault as a user runs it
 *
 * Copyright 2026 The Harbor authors
 *
 * Runs the real harbor-cli ($HARBOR_CLI) with passphrases on standard
 * input. harbor-cli calibrates Argon2id to about a second per derivation,
 * so this test takes roughly ten seconds.
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-case.h"
#include "vault-test-util.h"

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

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_cli_vault (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autofree char *case_path = g_build_filename (dir, "case.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *db_path = g_build_filename (vault_dir, "vault.db", NULL);
  g_autofree char *recovery = NULL, *id = NULL, *input = NULL;
  static const char good_case[] =
    "{ \"format\": \"harbor-case/1\",\n"
    "  \"client\": { \"name\": \"Philomena Clitest\", \"aliases\": [\"Mena\"] },\n"
    "  \"records\": [ { \"id\": \"r1\", \"jurisdiction\": \"US-OH\", \"disposition\": \"convicted\" } ] }\n";
  static const char bad_case[] =
    "{ \"format\": \"harbor-case/1\",\n"
    "  \"records\": [ { \"id\": \"r1\", \"disposition\": \"convictd\" } ] }\n";

  g_assert_true (g_file_set_contents (case_path, good_case, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, bad_case, -1, NULL));

  /* create: the recovery key on stdout, nothing else. */
  {
    g_auto(Run) r = { 0 };
    g_auto(GStrv) groups = NULL;
    cli (&r, "first passphrase\n", "vault", "create", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (count_lines (r.out), ==, 1);
    recovery = g_strstrip (g_strdup (r.out));
    groups = g_strsplit (recovery, "-", -1);
    g_assert_cmpuint (g_strv_length (groups), ==, 11);
    g_assert_false (vt_folder_contains (vault_dir, "first passphrase"));
  }
  /* create again in the same folder fails. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, "x\n", "vault", "create", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
  }

  /* import: a malformed file is bad input, names line, column and field,
   * and is refused before any passphrase is asked. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, NULL, "vault", "import", vault_dir, bad_path, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "harbor-cli: vault import: "));
    g_assert_nonnull (strstr (r.err, "bad.json:2:"));
    g_assert_nonnull (strstr (r.err, "records[0].disposition"));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "first passphrase\n", "vault", "import", vault_dir, case_path, NULL);
    g_assert_cmpint (r.status, ==, 0);
    id = g_strstrip (g_strdup (r.out));
    g_assert_cmpuint (strlen (id), ==, 32);
  }

  /* list and search: id and display name. */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s\tPhilomena Clitest\n", id);
    cli (&r, "first passphrase\n", "vault", "list", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "first passphrase\n", "vault", "search", vault_dir, "men", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, id));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "first passphrase\n", "vault", "search", vault_dir, "nobody", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "");
  }

  /* export: harbor-case/1 that parses back. */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(HarborCase) kase = NULL;
    g_autoptr(GError) error = NULL;
    cli (&r, "first passphrase\n", "vault", "export", vault_dir, id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    kase = harbor_case_parse_data (r.out, -1, "export", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kase->client.name, ==, "Philomena Clitest");
    g_assert_cmpuint (kase->records->len, ==, 1);
  }

  /* A wrong passphrase: exit 1 and one line. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, "not it\n", "vault", "list", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "harbor-cli: vault list: "));
    g_assert_cmpstr (r.out, ==, "");
  }

  /* verify: clean, then a damaged page named. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, "first passphrase\n", "vault", "verify", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(GBytes) saved = vt_read_file (db_path);
    gsize length;
    guint8 *data;
    {
      const void *src = g_bytes_get_data (saved, &length);
      data = g_memdup2 (src, length);
    }
    data[2 * 4096 + 77] ^= 0x01;
    g_assert_true (g_file_set_contents (db_path, (char *) data, (gssize) length, NULL));
    cli (&r, "first passphrase\n", "vault", "verify", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.out, "vault.db: page 3 "));
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    vt_write_file (db_path, saved);
    g_free (data);
  }

  /* passwd: old then new. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, "first passphrase\nsecond passphrase\n", "vault", "passwd", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "first passphrase\n", "vault", "list", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }

  /* recover: a typo says mistyped; the real key sets a new passphrase. */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *typo = g_strdup (recovery);
    typo[0] = typo[0] == 'Z' ? 'Y' : 'Z';
    input = g_strdup_printf ("%s\nthird passphrase\n", typo);
    cli (&r, input, "vault", "recover", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "mistyped"));
    g_free (input);
  }
  {
    g_auto(Run) r = { 0 };
    input = g_strdup_printf ("%s\nthird passphrase\n", recovery);
    cli (&r, input, "vault", "recover", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "third passphrase\n", "vault", "list", vault_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, id));
  }

  /* Usage: --help everywhere; missing arguments are exit 2. */
  {
    static const char *const subs[] = { "create", "import", "export", "list", "search", "verify",
                                        "passwd", "recover", "deleted", "purge" };
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      {
        g_auto(Run) r = { 0 };
        g_auto(Run) r2 = { 0 };
        cli (&r, NULL, "vault", subs[i], "--help", NULL);
        g_assert_cmpint (r.status, ==, 0);
        g_assert_nonnull (strstr (r.out, "Usage"));
        cli (&r2, NULL, "vault", subs[i], NULL);
        g_assert_cmpint (r2.status, ==, 2);
        g_assert_cmpuint (count_lines (r2.err), ==, 1);
      }
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "third passphrase\n", "vault", "export", vault_dir, "not-an-id", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  harbor_test_remove_tree (vault_dir);
  harbor_test_remove_tree (dir);
}

/* vault deleted and vault purge, on a vault made in-process (fast key
 * derivation parameters, which the key file carries). */
static void
test_cli_purge (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autofree char *a = vt_add_client (vault, "Ottoline Purgeworthy", "Ottie", "Ottoline note secret");
  g_autofree char *b = vt_add_client (vault, "Bartholomew Stillhere", NULL, "live client note");
  g_autofree char *c = vt_add_client (vault, "Cressida Keeper", NULL, "kept client note");
  g_autoptr(GError) error = NULL;
  const char *pass = TEST_PASSPHRASE "\n";

  g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_no_error (error);
  harbor_vault_lock (vault);

  /* deleted: id and date, no name unless asked. */
  {
    g_auto(Run) r = { 0 };
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *expected = g_strdup_printf ("%s\t%s\n", a, today);
    cli (&r, pass, "vault", "deleted", dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
    g_assert_null (strstr (r.err, "Ottoline"));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "deleted", "--names", dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, a));
    g_assert_nonnull (strstr (r.out, "\tOttoline Purgeworthy\n"));
  }

  /* purge: without --yes on a pipe, refused before the passphrase. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "purge", dir, a, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "harbor-cli: vault purge: "));
    g_assert_nonnull (strstr (r.err, "--yes"));
  }
  /* A live client without --delete: refused, still live. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "purge", "--yes", dir, b, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
    g_assert_nonnull (strstr (r.err, "--delete"));
  }
  /* Unknown and malformed ids; a wrong passphrase. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "purge", "--yes", dir, "00112233445566778899aabbccddeeff", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "purge", "--yes", dir, "not-an-id", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, "wrong\n", "vault", "purge", "--yes", dir, a, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_lines (r.err), ==, 1);
  }
  /* Nothing changed so far. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "deleted", dir, NULL);
    g_assert_nonnull (strstr (r.out, a));
  }

  /* purge --yes: gone from the list, the files and every page. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "purge", "--yes", dir, a, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.err, ==, "");
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "deleted", dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "");
  }
  /* --delete: a live client in one step. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, pass, "vault", "purge", "--yes", "--delete", dir, b, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto(Run) r = { 0 };
    g_autofree char *expected = g_strdup_printf ("%s\tCressida Keeper\n", c);
    cli (&r, pass, "vault", "list", dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expected);
  }
  g_clear_object (&vault);
  vault = vt_open_vault (dir, NULL);
  g_assert_cmpuint (vt_decrypted_count (vault, "Ottoline"), ==, 0);
  g_assert_cmpuint (vt_decrypted_count (vault, "ottoline"), ==, 0);
  g_assert_cmpuint (vt_decrypted_count (vault, "Bartholomew"), ==, 0);
  g_assert_cmpuint (vt_decrypted_count (vault, "Cressida"), >, 0);
  g_clear_object (&vault);
  harbor_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));
  g_test_add_func ("/vault/cli/create-import-export-list-search-verify-passwd-recover", test_cli_vault);
  g_test_add_func ("/vault/cli/deleted-purge", test_cli_purge);
  return g_test_run ();
}
