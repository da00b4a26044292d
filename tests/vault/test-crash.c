/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: power loss at every write and sync of a transaction, and
 * injected I/O errors
 *
 * Copyright 2026 The Harbor authors
 *
 * The fault-injecting VFS (fault-vfs.c) sits under the encrypting VFS. For
 * every N from 1 until the transaction completes without reaching N, a
 * fresh copy of the same vault runs the same multi-statement transaction
 * with power lost at the Nth write/truncate/sync/delete; unsynced data is
 * dropped. Each time the vault must open, verify clean (every page
 * authentic, integrity_check ok, audit chain intact), hold exactly the
 * state before or after the transaction, and hold no plaintext.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "fault-vfs.h"
#include "vault-test-util.h"

static const char *const secrets[] = {
  "Quixotica Vandermeer", "Zanzibarra", "Xylophonia Newcomer", "Nightingale-Whisper",
};

static char *baseline_dir;
static char *state_before;
static char *state_after;
static char *client_ids[4];

static void
copy_folder (const char *from,
             const char *to)
{
  g_autoptr(GDir) d = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autoptr(GBytes) bytes = vt_read_file (src);
      vt_write_file (dst, bytes);
    }
}

/* The transaction under test: several statements over several tables,
 * with an overflowing note so that many pages change. */
static gboolean
run_transaction (HarborVault  *vault,
                 GError      **error)
{
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
  g_autoptr(HarborRecord) record = harbor_record_new ();
  g_autoptr(HarborVaultClient) renamed = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *id = NULL, *event_id = NULL, *record_id = NULL;

  if (!harbor_vault_begin (vault, error))
    return FALSE;
  client->display_name = g_strdup ("Xylophonia Newcomer");
  client->aliases = g_strsplit ("Xylo", ",", -1);
  id = harbor_vault_add_client (vault, client, error);
  if (id == NULL)
    goto fail;
  for (guint i = 0; i < 600; i++)
    g_string_append (note, "Nightingale-Whisper ");
  event->client_id = g_strdup (id);
  event->kind = g_strdup ("note");
  event->text = g_strdup (note->str);
  event_id = harbor_vault_add_event (vault, event, error);
  if (event_id == NULL)
    goto fail;
  record->jurisdiction = g_strdup ("US-NY");
  record->offense.description = g_strdup ("Loitering");
  record_id = harbor_vault_add_record (vault, id, record, error);
  if (record_id == NULL)
    goto fail;
  renamed = harbor_vault_get_client (vault, client_ids[0], error);
  if (renamed == NULL)
    goto fail;
  g_free (renamed->display_name);
  renamed->display_name = g_strdup ("Quixotica Renamed");
  if (!harbor_vault_update_client (vault, renamed, error)
      || !harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, client_ids[1], error))
    goto fail;
  return harbor_vault_commit (vault, error);

fail:
  harbor_vault_rollback (vault);
  return FALSE;
}

static char *
dump_folder (const char *dir)
{
  g_autoptr(HarborVault) vault = vt_open_vault (dir, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (harbor_vault_verify (vault, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  return vt_dump (vault);
}

static void
assert_no_plaintext (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_false (vt_folder_contains (dir, secrets[i]));
}

static void
make_baseline (void)
{
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *work = harbor_test_make_tmpdir ("vault-test");

  baseline_dir = harbor_test_make_tmpdir ("vault-test");
  vault = vt_create_vault (baseline_dir, FAULT_VFS_NAME, NULL);
  client_ids[0] = vt_add_client (vault, "Quixotica Vandermeer", "Zanzibarra", "first meeting notes");
  client_ids[1] = vt_add_client (vault, "Second Person", NULL, "another note");
  client_ids[2] = vt_add_client (vault, "Third Person", "Tertia", NULL);
  client_ids[3] = vt_add_client (vault, "Fourth Person", NULL, "fourth note");
  g_clear_object (&vault);
  fault_vfs_reset ();

  state_before = dump_folder (baseline_dir);

  copy_folder (baseline_dir, work);
  vault = vt_open_vault (work, NULL);
  g_assert_true (run_transaction (vault, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  state_after = dump_folder (work);
  g_assert_cmpstr (state_before, !=, state_after);
  harbor_test_remove_tree (work);
}

/* The number of valid segment headers in a leftover journal. */
static guint
count_journal_segments (const char *dir)
{
  static const guint8 magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
  g_autofree char *path = g_build_filename (dir, HARBOR_VAULT_JOURNAL_NAME, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  guint n = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return 0;
  for (gsize off = 0; off + 8 <= length; off += 512)
    n += memcmp (data + off, magic, 8) == 0;
  return n;
}

typedef gboolean (*Transaction) (HarborVault *vault, GError **error);

/* Power loss at every point of @run, from a copy of @from whose state is
 * @before; the state must then be @before or @after. With @gone, a state
 * @after must not hold that string in any decrypted page. */
static void
power_loss_at_every_point (Transaction  run,
                           const char  *from,
                           const char  *before,
                           const char  *after,
                           const char  *gone,
                           gboolean     small_cache,
                           gboolean     partial)
{
  guint n, n_before = 0, n_after = 0, max_segments = 0;
  gboolean journal_damage_checked = FALSE;

  for (n = 1; ; n++)
    {
      g_autofree char *work = harbor_test_make_tmpdir ("vault-test");
      g_autoptr(HarborVault) vault = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *state = NULL;
      gboolean ok;

      copy_folder (from, work);
      fault_vfs_reset ();
      vault = vt_open_vault (work, FAULT_VFS_NAME);
      if (small_cache)
        {
          /* Pages spill to the database in the middle of the transaction,
           * and the journal gets several segments (one header each). */
          g_assert_cmpint (sqlite3_exec (harbor_vault_get_connection (vault), "PRAGMA cache_size = 8",
                                         NULL, NULL, NULL), ==, SQLITE_OK);
        }
      fault_vfs_arm_crash (n);
      ok = run (vault, &error);
      if (!fault_vfs_fired ())
        {
          /* The transaction needs fewer than n operations: all covered. */
          g_assert_true (ok);
          g_clear_object (&vault);
          harbor_test_remove_tree (work);
          break;
        }
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_clear_object (&vault);           /* the process "dies" */
      if (partial)
        fault_vfs_power_loss_partial (n * 7919u);
      else
        fault_vfs_power_loss ();
      assert_no_plaintext (work);
      max_segments = MAX (max_segments, count_journal_segments (work));

      /* Once, a damaged hot journal: the vault refuses to open and names it. */
      if (!journal_damage_checked && count_journal_segments (work) > 0)
        {
          g_autofree char *journal = g_build_filename (work, HARBOR_VAULT_JOURNAL_NAME, NULL);
          g_autoptr(GBytes) saved = vt_read_file (journal);
          g_autoptr(HarborVault) damaged = harbor_vault_new (work);
          g_autoptr(GError) open_error = NULL;
          g_autoptr(GBytes) flipped = NULL;
          gsize length;
          guint8 *bytes;

          {
            const void *src = g_bytes_get_data (saved, &length);
            bytes = g_memdup2 (src, length);
          }
          if (length > 512 + 4 + 100)
            {
              bytes[512 + 4 + 100] ^= 0x01;
              flipped = g_bytes_new_take (bytes, length);
              vt_write_file (journal, flipped);
              g_assert_false (harbor_vault_unlock (damaged, TEST_PASSPHRASE, &open_error));
              g_assert_error (open_error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED);
              g_assert_nonnull (strstr (open_error->message, HARBOR_VAULT_JOURNAL_NAME));
              g_assert_nonnull (strstr (open_error->message, "page "));
              vt_write_file (journal, saved);
              journal_damage_checked = TRUE;
            }
          else
            g_free (bytes);
        }

      /* Opening it finishes an owed purge. */
      state = dump_folder (work);
      if (g_strcmp0 (state, before) == 0)
        n_before++;
      else
        {
          g_assert_cmpstr (state, ==, after);
          n_after++;
          if (gone != NULL)
            {
              g_autoptr(HarborVault) reopened = vt_open_vault (work, NULL);
              g_assert_cmpuint (vt_decrypted_count (reopened, gone), ==, 0);
              g_assert_false (vt_folder_contains (work, gone));
            }
        }
      harbor_test_remove_tree (work);
    }

  g_test_message ("power loss at %u crash points%s%s: %u rolled back, %u committed",
                  n - 1, small_cache ? " (8-page cache: spills, multi-segment journal)" : "",
                  partial ? " (a random half of the unsynced writes survive, some torn)" : "",
                  n_before, n_after);
  g_assert_cmpuint (n - 1, >=, 20);
  g_assert_cmpuint (n_before, >=, 1);
  g_test_message ("the largest hot journal had %u segments", max_segments);
  if (!partial)
    g_assert_true (journal_damage_checked);
  if (small_cache)
    g_assert_cmpuint (max_segments, >=, 2);
}

static void
power_loss_every_point (gboolean small_cache,
                        gboolean partial)
{
  power_loss_at_every_point (run_transaction, baseline_dir, state_before, state_after, NULL,
                             small_cache, partial);
}

static void
test_power_loss (void)
{
  power_loss_every_point (FALSE, FALSE);
}

static void
test_power_loss_spill (void)
{
  power_loss_every_point (TRUE, FALSE);
}

static void
test_power_loss_partial (void)
{
  power_loss_every_point (FALSE, TRUE);
  power_loss_every_point (TRUE, TRUE);
}

/* A purge: the rows and the audit entry in one transaction, then the
 * FTS5 merge and the VACUUM after it (harbor_vault_purge_client()). A
 * crash between them leaves the rewrite owed, and the next unlock (here,
 * dump_folder) does it. */
static gboolean
run_purge (HarborVault  *vault,
           GError      **error)
{
  return harbor_vault_purge_client (vault, client_ids[1], error);
}

static char *
purge_state_after (void)
{
  g_autofree char *work = harbor_test_make_tmpdir ("vault-test");
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  char *state;

  copy_folder (baseline_dir, work);
  vault = vt_open_vault (work, NULL);
  g_assert_true (run_purge (vault, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vt_decrypted_count (vault, "another note"), ==, 0);
  g_clear_object (&vault);
  state = dump_folder (work);
  g_assert_cmpstr (state, !=, state_before);
  harbor_test_remove_tree (work);
  return state;
}

static void
test_power_loss_purge (void)
{
  g_autofree char *after = purge_state_after ();

  power_loss_at_every_point (run_purge, baseline_dir, state_before, after, "another note", FALSE, FALSE);
  power_loss_at_every_point (run_purge, baseline_dir, state_before, after, "another note", TRUE, TRUE);
}

/* Transient I/O errors at every point of a purge: either nothing changed
 * (HARBOR_VAULT_ERROR_IO), or the rows are gone and the rewrite is owed
 * (HARBOR_VAULT_ERROR_PURGE_UNFINISHED) and done at the next unlock. */
static void
test_io_errors_purge (void)
{
  g_autofree char *after = purge_state_after ();
  guint n, n_io = 0, n_unfinished = 0;

  for (n = 1; ; n++)
    {
      g_autofree char *work = harbor_test_make_tmpdir ("vault-test");
      g_autoptr(HarborVault) vault = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *state = NULL;
      gboolean ok;

      copy_folder (baseline_dir, work);
      fault_vfs_reset ();
      vault = vt_open_vault (work, FAULT_VFS_NAME);
      fault_vfs_arm_error (n);
      ok = run_purge (vault, &error);
      if (!fault_vfs_fired ())
        {
          g_assert_true (ok);
          g_clear_object (&vault);
          harbor_test_remove_tree (work);
          break;
        }
      g_assert_false (ok);
      g_clear_object (&vault);
      state = dump_folder (work);
      if (g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_PURGE_UNFINISHED))
        {
          n_unfinished++;
          g_assert_cmpstr (state, ==, after);
        }
      else
        {
          n_io++;
          g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO);
          g_assert_cmpstr (state, ==, state_before);
        }
      if (g_strcmp0 (state, after) == 0)
        {
          g_autoptr(HarborVault) reopened = vt_open_vault (work, NULL);
          g_assert_cmpuint (vt_decrypted_count (reopened, "another note"), ==, 0);
        }
      harbor_test_remove_tree (work);
    }
  g_test_message ("I/O error injected at %u points of a purge: %u changed nothing, "
                  "%u left the rewrite to the next unlock", n - 1, n_io, n_unfinished);
  g_assert_cmpuint (n_io, >=, 1);
  g_assert_cmpuint (n_unfinished, >=, 10);
}

static int
auto_vacuum_mode (HarborVault *vault)
{
  sqlite3_stmt *stmt = NULL;
  int mode;

  g_assert_cmpint (sqlite3_prepare_v2 (harbor_vault_get_connection (vault), "PRAGMA auto_vacuum",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return mode;
}

/* Converting a vault made without auto_vacuum (at unlock, by a VACUUM):
 * power loss at every point leaves the same data, and the next unlock
 * converts it. */
static void
test_power_loss_convert (void)
{
  g_autofree char *old_dir = harbor_test_make_tmpdir ("vault-test");
  guint n;

  /* An "old" vault: the baseline with auto_vacuum turned off again. */
  copy_folder (baseline_dir, old_dir);
  {
    g_autoptr(HarborVault) vault = vt_open_vault (old_dir, NULL);
    sqlite3 *db = harbor_vault_get_connection (vault);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA auto_vacuum = NONE; VACUUM;", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (auto_vacuum_mode (vault), ==, 0);
  }

  for (n = 1; ; n++)
    {
      g_autofree char *work = harbor_test_make_tmpdir ("vault-test");
      g_autoptr(HarborVault) vault = harbor_vault_new (work);
      g_autoptr(GError) error = NULL;
      g_autofree char *state = NULL;

      copy_folder (old_dir, work);
      fault_vfs_reset ();
      harbor_vault_set_base_vfs (vault, FAULT_VFS_NAME);
      fault_vfs_arm_crash (n);
      harbor_vault_unlock (vault, TEST_PASSPHRASE, &error);
      if (!fault_vfs_fired ())
        {
          g_assert_no_error (error);
          g_assert_cmpint (auto_vacuum_mode (vault), ==, 2);
          g_clear_object (&vault);
          harbor_test_remove_tree (work);
          break;
        }
      g_clear_object (&vault);
      fault_vfs_power_loss_partial (n * 104729u);
      assert_no_plaintext (work);
      state = dump_folder (work);
      g_assert_cmpstr (state, ==, state_before);
      {
        g_autoptr(HarborVault) reopened = vt_open_vault (work, NULL);
        g_assert_cmpint (auto_vacuum_mode (reopened), ==, 2);
      }
      harbor_test_remove_tree (work);
    }
  g_test_message ("power loss at %u points of the conversion to incremental auto-vacuum", n - 1);
  g_assert_cmpuint (n - 1, >=, 20);
  harbor_test_remove_tree (old_dir);
}

static void
test_io_errors (void)
{
  guint n;

  for (n = 1; ; n++)
    {
      g_autofree char *work = harbor_test_make_tmpdir ("vault-test");
      g_autoptr(HarborVault) vault = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *state = NULL;
      g_autofree char *id = NULL;
      gboolean ok;

      copy_folder (baseline_dir, work);
      fault_vfs_reset ();
      vault = vt_open_vault (work, FAULT_VFS_NAME);
      fault_vfs_arm_error (n);
      ok = run_transaction (vault, &error);
      if (!fault_vfs_fired ())
        {
          g_assert_true (ok);
          g_clear_object (&vault);
          harbor_test_remove_tree (work);
          break;
        }
      /* A clean error in our domain... */
      g_assert_false (ok);
      g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO);
      g_clear_error (&error);

      /* ...and the same vault object keeps working. */
      id = vt_add_client (vault, "After The Error", NULL, NULL);
      g_clear_object (&vault);

      state = dump_folder (work);
      g_assert_nonnull (strstr (state, "After The Error"));
      assert_no_plaintext (work);
      harbor_test_remove_tree (work);
    }
  g_test_message ("I/O error injected at %u points", n - 1);
  g_assert_cmpuint (n - 1, >=, 20);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));
  fault_vfs_register ();
  make_baseline ();

  g_test_add_func ("/vault/crash/power-loss-every-point", test_power_loss);
  g_test_add_func ("/vault/crash/power-loss-every-point-with-spills", test_power_loss_spill);
  g_test_add_func ("/vault/crash/power-loss-every-point-partial-writes", test_power_loss_partial);
  g_test_add_func ("/vault/crash/io-error-every-point", test_io_errors);
  g_test_add_func ("/vault/crash/power-loss-every-point-of-a-purge", test_power_loss_purge);
  g_test_add_func ("/vault/crash/io-error-every-point-of-a-purge", test_io_errors_purge);
  g_test_add_func ("/vault/crash/power-loss-every-point-of-the-conversion", test_power_loss_convert);
  ret = g_test_run ();

  harbor_test_remove_tree (baseline_dir);
  g_free (baseline_dir);
  g_free (state_before);
  g_free (state_after);
  for (guint i = 0; i < G_N_ELEMENTS (client_ids); i++)
    g_free (client_ids[i]);
  return ret;
}
