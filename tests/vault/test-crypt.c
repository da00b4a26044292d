/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crypt.c: the page-encrypting VFS: no plaintext at rest, every byte
 * flip detected, page swaps, refusals, VACUUM, integrity
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-crypt-vfs.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "harbor-vault-schema.h"
#include "fault-vfs.h"
#include "vault-test-util.h"

#define PAGE HARBOR_CRYPT_PAGE_SIZE

typedef struct
{
  char           *dir;
  char           *path;
  char           *journal;
  HarborKey      *key;
  guint8          id[HARBOR_VAULT_ID_BYTES];
  HarborCryptVfs *vfs;
} Raw;

/* A database made directly over the shim, with the vault's pragmas. */
static sqlite3 *
raw_open (Raw        *raw,
          const char *base_vfs,
          gboolean    create)
{
  sqlite3 *db = NULL;
  int rc;

  g_clear_pointer (&raw->vfs, harbor_crypt_vfs_free);
  raw->vfs = harbor_crypt_vfs_new (raw->key, raw->id, base_vfs, NULL);
  g_assert_nonnull (raw->vfs);
  rc = sqlite3_open_v2 (raw->path, &db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
                        harbor_crypt_vfs_get_name (raw->vfs));
  if (rc != SQLITE_OK && !create)
    {
      /* SQLite reads the header of page 1 while opening. */
      sqlite3_close (db);
      return NULL;
    }
  g_assert_cmpint (rc, ==, SQLITE_OK);
  if (create)
    {
      int reserve = HARBOR_CRYPT_RESERVE;
      g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve), ==, SQLITE_OK);
    }
  if (sqlite3_exec (db, harbor_vault_schema_pragmas (), NULL, NULL, NULL) != SQLITE_OK)
    {
      g_assert_false (create);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static void
raw_init (Raw *raw)
{
  sqlite3 *db;

  raw->dir = harbor_test_make_tmpdir ("vault-test");
  raw->path = g_build_filename (raw->dir, "raw.db", NULL);
  raw->journal = g_strconcat (raw->path, "-journal", NULL);
  raw->key = harbor_key_new_random ();
  randombytes_buf (raw->id, sizeof raw->id);
  db = raw_open (raw, NULL, TRUE);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT);"
    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300)"
    " INSERT INTO t SELECT i, 'Plaintextia-' || i || printf('%.100c', 'x') FROM c;",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
raw_clear (Raw *raw)
{
  g_clear_pointer (&raw->vfs, harbor_crypt_vfs_free);
  harbor_key_free (raw->key);
  harbor_test_remove_tree (raw->dir);
  g_free (raw->dir);
  g_free (raw->path);
  g_free (raw->journal);
}

static char *
raw_checksum (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *out;

  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, "SELECT count(*) || ':' || total(length(v)) || ':' || "
                              "group_concat(substr(v, 1, 16), ',') FROM t", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

static void
test_no_plaintext (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autoptr(GError) error = NULL;
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *journal = g_build_filename (dir, HARBOR_VAULT_JOURNAL_NAME, NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  sqlite3 *db;

  /* A tiny cache forces SQLite to spill pages to the database file while
   * the transaction is still open. */
  db = harbor_vault_get_connection (vault);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA cache_size = 10", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (harbor_vault_begin (vault, &error));
  for (guint i = 0; i < 200; i++)
    g_string_append (big, "Marigoldia Secretnote ");
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = vt_add_client (vault, "Ottoline Plaintext", "Vespertine", big->str);
    }
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (vt_folder_contains (dir, "Ottoline"));
  g_assert_false (vt_folder_contains (dir, "Vespertine"));
  g_assert_false (vt_folder_contains (dir, "Marigoldia"));
  g_assert_false (vt_folder_contains (dir, "SQLite format 3"));
  g_assert_true (harbor_vault_commit (vault, &error));
  g_assert_no_error (error);

  g_assert_false (vt_folder_contains (dir, "Ottoline"));
  g_assert_false (vt_folder_contains (dir, "Vespertine"));
  g_assert_false (vt_folder_contains (dir, "Marigoldia"));
  g_assert_false (vt_folder_contains (dir, TEST_PASSPHRASE));

  harbor_vault_lock (vault);
  g_assert_true (harbor_vault_change_passphrase (vault, TEST_PASSPHRASE, "Pennyroyal passphrase",
                                                 &params, &error));
  g_assert_no_error (error);
  g_assert_false (vt_folder_contains (dir, "Ottoline"));
  g_assert_false (vt_folder_contains (dir, "Marigoldia"));
  g_assert_false (vt_folder_contains (dir, "Pennyroyal"));
  harbor_test_remove_tree (dir);
}

/* Every single-byte flip of the database is caught by the page's
 * authentication (checked page by page, as the shim reads them). */
static void
test_db_byte_flips (void)
{
  Raw raw = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data, *plain = g_malloc (PAGE);
  gsize length;
  guint detected = 0;

  raw_init (&raw);
  raw.vfs = harbor_crypt_vfs_new (raw.key, raw.id, NULL, NULL);
  bytes = vt_read_file (raw.path);
  { const void *src = g_bytes_get_data (bytes, &length); data = g_memdup2 (src, length); }
  g_assert_cmpuint (length % PAGE, ==, 0);
  g_assert_cmpuint (length / PAGE, >=, 10);

  for (gsize p = 0; p < length / PAGE; p++)
    g_assert_true (harbor_crypt_vfs_decrypt_page (raw.vfs, HARBOR_CRYPT_ROLE_DATABASE, p + 1,
                                                  data + p * PAGE, plain, NULL));
  for (gsize i = 0; i < length; i++)
    {
      gsize p = i / PAGE;
      guint8 bit = (guint8) (1u << (i % 8));

      data[i] ^= bit;
      if (!harbor_crypt_vfs_decrypt_page (raw.vfs, HARBOR_CRYPT_ROLE_DATABASE, p + 1,
                                          data + p * PAGE, plain, NULL))
        detected++;
      data[i] ^= bit;
    }
  g_test_message ("database: %u of %" G_GSIZE_FORMAT " single-byte flips detected", detected, length);
  g_assert_cmpuint (detected, ==, length);

  /* Through SQLite: a flip in each region of page 1 and of a later page
   * makes reading fail with the page recorded. */
  {
    static const gsize offsets[] = { 0, 15, 16, 20, 99, PAGE - 41, PAGE - 40, PAGE - 17, PAGE - 16,
                                     PAGE - 1, 3 * PAGE + 1000, 3 * PAGE + PAGE - 1 };
    for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
      {
        g_autoptr(GBytes) flipped = NULL;
        HarborCryptFault fault = { 0 };
        g_autofree char *sum = NULL;
        sqlite3 *db;

        data[offsets[k]] ^= 0x01;
        flipped = g_bytes_new (data, length);
        vt_write_file (raw.path, flipped);
        data[offsets[k]] ^= 0x01;

        db = raw_open (&raw, NULL, FALSE);
        sum = raw_checksum (db);
        g_assert_null (sum);
        g_assert_true (harbor_crypt_vfs_take_fault (raw.vfs, &fault));
        g_assert_cmpuint (fault.pgno, ==, offsets[k] / PAGE + 1);
        g_assert_cmpint (fault.role, ==, HARBOR_CRYPT_ROLE_DATABASE);
        sqlite3_close (db);
      }
    vt_write_file (raw.path, bytes);
  }

  /* Swapping two pages is caught: the page number is authenticated. */
  {
    g_autoptr(GBytes) swapped = NULL;
    HarborCryptFault fault = { 0 };
    g_autofree char *sum = NULL;
    guint8 tmp[PAGE];
    sqlite3 *db;

    memcpy (tmp, data + 2 * PAGE, PAGE);
    memcpy (data + 2 * PAGE, data + 3 * PAGE, PAGE);
    memcpy (data + 3 * PAGE, tmp, PAGE);
    swapped = g_bytes_new (data, length);
    vt_write_file (raw.path, swapped);
    db = raw_open (&raw, NULL, FALSE);
    sum = raw_checksum (db);
    g_assert_null (sum);
    g_assert_true (harbor_crypt_vfs_take_fault (raw.vfs, &fault));
    g_assert_cmpint (fault.kind, ==, HARBOR_CRYPT_FAULT_AUTH);
    sqlite3_close (db);
  }

  g_free (data);
  g_free (plain);
  raw_clear (&raw);
}

/* Makes a hot journal: power lost at the last operation of a transaction
 * (the journal's deletion), after every database page was written. */
static GBytes *
make_hot_journal (Raw   *raw,
                  char **before)
{
  sqlite3 *db;
  guint total;
  const char *txn = "BEGIN; UPDATE t SET v = 'Changed-' || k || printf('%.300c', 'y') WHERE k % 3 = 0;"
                    "DELETE FROM t WHERE k > 280; COMMIT;";

  db = raw_open (raw, FAULT_VFS_NAME, FALSE);
  *before = raw_checksum (db);
  sqlite3_close (db);

  /* Count the operations of the transaction on a copy. */
  {
    g_autoptr(GBytes) saved = vt_read_file (raw->path);
    fault_vfs_reset ();
    db = raw_open (raw, FAULT_VFS_NAME, FALSE);
    fault_vfs_arm_crash (100000);
    g_assert_cmpint (sqlite3_exec (db, txn, NULL, NULL, NULL), ==, SQLITE_OK);
    total = fault_vfs_op_count ();
    sqlite3_close (db);
    vt_write_file (raw->path, saved);
  }

  fault_vfs_reset ();
  db = raw_open (raw, FAULT_VFS_NAME, FALSE);
  fault_vfs_arm_crash (total);
  g_assert_cmpint (sqlite3_exec (db, txn, NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_true (fault_vfs_fired ());
  sqlite3_close (db);
  fault_vfs_power_loss ();
  g_assert_true (g_file_test (raw->journal, G_FILE_TEST_EXISTS));
  return vt_read_file (raw->journal);
}

static void
test_journal_byte_flips (void)
{
  Raw raw = { 0 };
  g_autofree char *before = NULL;
  g_autoptr(GBytes) journal = NULL;
  g_autoptr(GBytes) db_after_crash = NULL;
  g_autoptr(GArray) faults = g_array_new (FALSE, FALSE, sizeof (HarborCryptFault));
  guint8 *data;
  gsize length;
  guint detected = 0, harmless = 0, end_to_end = 0, refused_by_sqlite = 0;
  gsize sector;

  raw_init (&raw);
  journal = make_hot_journal (&raw, &before);
  db_after_crash = vt_read_file (raw.path);
  { const void *src = g_bytes_get_data (journal, &length); data = g_memdup2 (src, length); }

  /* The intact hot journal passes the check and rolls back cleanly. */
  g_assert_true (harbor_crypt_vfs_check_journal (raw.vfs, raw.journal, faults, NULL));
  g_assert_cmpuint (faults->len, ==, 0);
  g_assert_cmpuint (length, >, 512 + 4104);

  sector = ((gsize) data[20] << 24) | ((gsize) data[21] << 16) | ((gsize) data[22] << 8) | data[23];
  for (gsize i = 0; i < length; i++)
    {
      data[i] ^= 0x10;
      g_array_set_size (faults, 0);
      if (!harbor_crypt_vfs_check_journal_data (raw.vfs, data, length, -1, faults))
        {
          g_assert_cmpuint (faults->len, >, 0);
          /* Through SQLite, the shim refuses the hot journal at rollback:
           * sampled, plus each framing field. */
          if (detected % 499 == 0 || i == 3 || i == 11 || i == 14 || i == 19 || i == 23
              || i == sector + 3 || i == sector + 4 + PAGE + 2)
            {
              g_autoptr(GBytes) flipped = g_bytes_new (data, length);
              HarborCryptFault fault = { 0 };
              g_autofree char *sum = NULL;
              sqlite3 *db;

              vt_write_file (raw.journal, flipped);
              vt_write_file (raw.path, db_after_crash);
              db = raw_open (&raw, NULL, FALSE);
              sum = raw_checksum (db);
              g_assert_null (sum);
              g_assert_true (harbor_crypt_vfs_take_fault (raw.vfs, &fault));
              g_assert_cmpint (fault.role, ==, HARBOR_CRYPT_ROLE_JOURNAL);
              sqlite3_close (db);
              refused_by_sqlite++;
            }
          data[i] ^= 0x10;
          detected++;
          continue;
        }
      /* Only the unused padding of the journal header may go unnoticed, and
       * then the rollback must still restore the exact earlier state. */
      g_assert_cmpuint (i, >=, 28);
      g_assert_cmpuint (i, <, sector);
      harmless++;
      if (i % 61 == 0)
        {
          g_autoptr(GBytes) flipped = g_bytes_new (data, length);
          g_autofree char *sum = NULL;
          sqlite3 *db;

          vt_write_file (raw.journal, flipped);
          vt_write_file (raw.path, db_after_crash);
          db = raw_open (&raw, NULL, FALSE);
          sum = raw_checksum (db);
          g_assert_cmpstr (sum, ==, before);
          sqlite3_close (db);
          end_to_end++;
        }
      data[i] ^= 0x10;
    }
  g_test_message ("journal: %" G_GSIZE_FORMAT " bytes; %u flips detected (%u of them also "
                  "opened through SQLite: the rollback was refused), %u in header padding "
                  "(%u of them rolled back end to end)", length, detected, refused_by_sqlite,
                  harmless, end_to_end);

  /* A flipped page image is also refused by the shim during rollback. */
  {
    g_autoptr(GBytes) flipped = NULL;
    HarborCryptFault fault = { 0 };
    g_autofree char *sum = NULL;
    sqlite3 *db;

    data[sector + 4 + 100] ^= 0x01;
    g_assert_false (harbor_crypt_vfs_check_journal_data (raw.vfs, data, length, -1, NULL));
    flipped = g_bytes_new (data, length);
    vt_write_file (raw.journal, flipped);
    vt_write_file (raw.path, db_after_crash);
    db = raw_open (&raw, NULL, FALSE);
    sum = raw_checksum (db);
    g_assert_null (sum);
    g_assert_true (harbor_crypt_vfs_take_fault (raw.vfs, &fault));
    g_assert_cmpint (fault.role, ==, HARBOR_CRYPT_ROLE_JOURNAL);
    sqlite3_close (db);
  }

  /* Untouched: the rollback restores the state before the transaction. */
  {
    g_autofree char *sum = NULL;
    sqlite3 *db;

    vt_write_file (raw.journal, journal);
    vt_write_file (raw.path, db_after_crash);
    db = raw_open (&raw, NULL, FALSE);
    sum = raw_checksum (db);
    g_assert_cmpstr (sum, ==, before);
    sqlite3_close (db);
  }
  g_free (data);
  raw_clear (&raw);
}

/* Page 1 torn by the crash (half old, half new) while a hot journal holds
 * its earlier image: opening must still roll back and repair it. */
static void
test_torn_page1_repaired (void)
{
  Raw raw = { 0 };
  g_autofree char *before = NULL, *sum = NULL;
  g_autoptr(GBytes) journal = NULL;
  g_autoptr(GBytes) db_after_crash = NULL;
  g_autoptr(GBytes) torn = NULL;
  guint8 *data;
  gsize length;
  sqlite3 *db;

  raw_init (&raw);
  journal = make_hot_journal (&raw, &before);
  db_after_crash = vt_read_file (raw.path);
  {
    const void *src = g_bytes_get_data (db_after_crash, &length);
    data = g_memdup2 (src, length);
  }
  /* The second half of page 1 never reached the disk. */
  memset (data + 2048, 0, PAGE - 2048);
  torn = g_bytes_new_take (data, length);
  vt_write_file (raw.path, torn);

  db = raw_open (&raw, NULL, FALSE);
  g_assert_nonnull (db);
  sum = raw_checksum (db);
  g_assert_cmpstr (sum, ==, before);
  sqlite3_close (db);
  raw_clear (&raw);
}

/* A hot journal of an earlier transaction, put back after later commits,
 * is refused: rolling it back would mix old pages into the current database. */
static void
test_old_journal_replay (void)
{
  Raw raw = { 0 };
  g_autofree char *before = NULL, *recovered = NULL, *later = NULL, *sum = NULL;
  g_autoptr(GBytes) journal = NULL;
  g_autoptr(GBytes) db_after_crash = NULL;
  HarborCryptFault fault = { 0 };
  sqlite3 *db;

  raw_init (&raw);
  journal = make_hot_journal (&raw, &before);
  db_after_crash = vt_read_file (raw.path);

  /* The real recovery. */
  db = raw_open (&raw, NULL, FALSE);
  recovered = raw_checksum (db);
  g_assert_cmpstr (recovered, ==, before);

  /* Two later transactions. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE t SET v = 'Later-' || k WHERE k < 20", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE t SET v = 'Later2-' || k WHERE k < 10", NULL, NULL, NULL), ==, SQLITE_OK);
  later = raw_checksum (db);
  sqlite3_close (db);

  /* The old journal put back. */
  vt_write_file (raw.journal, journal);
  db = raw_open (&raw, NULL, FALSE);
  sum = raw_checksum (db);
  g_assert_null (sum);
  g_assert_true (harbor_crypt_vfs_take_fault (raw.vfs, &fault));
  g_assert_cmpint (fault.role, ==, HARBOR_CRYPT_ROLE_JOURNAL);
  g_assert_cmpint (fault.kind, ==, HARBOR_CRYPT_FAULT_STRUCTURE);
  g_assert_cmpuint (fault.pgno, ==, 1);
  sqlite3_close (db);

  /* Removing it leaves the current state intact. */
  g_unlink (raw.journal);
  g_clear_pointer (&sum, g_free);
  db = raw_open (&raw, NULL, FALSE);
  sum = raw_checksum (db);
  g_assert_cmpstr (sum, ==, later);
  sqlite3_close (db);
  raw_clear (&raw);
}

/* Through the vault: a flipped byte is reported with file and page. */
static void
test_vault_reports_damage (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autofree char *db = g_build_filename (dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data;
  gsize length;

  for (guint i = 0; i < 30; i++)
    g_free (vt_add_client (vault, "Damage Test", NULL, "a note to fill pages with text"));
  harbor_vault_lock (vault);
  saved = vt_read_file (db);
  { const void *src = g_bytes_get_data (saved, &length); data = g_memdup2 (src, length); }

  g_assert_true (harbor_vault_verify_files (vault, TEST_PASSPHRASE, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  for (gsize off = 7; off < length; off += 4099)
    {
      g_autoptr(GBytes) flipped = NULL;
      g_autofree char *expected = g_strdup_printf ("page %" G_GSIZE_FORMAT " ", off / PAGE + 1);
      g_autoptr(HarborVault) v = harbor_vault_new (dir);

      data[off] ^= 0x80;
      flipped = g_bytes_new (data, length);
      data[off] ^= 0x80;
      vt_write_file (db, flipped);

      g_assert_true (harbor_vault_verify_files (vault, TEST_PASSPHRASE, &problems, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_nonnull (strstr (problems->pdata[0], HARBOR_VAULT_DATABASE_NAME));
      g_assert_nonnull (strstr (problems->pdata[0], expected));
      g_clear_pointer (&problems, g_ptr_array_unref);

      /* Opening and reading everything fails with DAMAGED naming the page. */
      if (harbor_vault_unlock (v, TEST_PASSPHRASE, &error))
        {
          g_autoptr(GPtrArray) all = harbor_vault_search_clients (v, "damage", 1000, &error);
          if (all != NULL)
            {
              g_autoptr(GPtrArray) p2 = NULL;
              g_assert_true (harbor_vault_verify (v, &p2, &error));
              g_assert_cmpuint (p2->len, >, 0);
            }
        }
      if (error != NULL)
        {
          g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED);
          g_assert_nonnull (strstr (error->message, expected));
          g_clear_error (&error);
        }
    }
  g_free (data);
  harbor_test_remove_tree (dir);
}

static void
test_refusals (void)
{
  Raw raw = { 0 };
  sqlite3 *db;
  char *message = NULL;

  raw_init (&raw);
  db = raw_open (&raw, NULL, FALSE);

  /* Page size is fixed. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 8192", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "fixed"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size = 4096", NULL, NULL, NULL), ==, SQLITE_OK);

  /* No WAL. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);

  /* Temporary files on disk are refused rather than written in plaintext. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA temp_store = FILE; PRAGMA cache_size = 2;"
                                     "CREATE TEMP TABLE big AS SELECT * FROM t, t AS u LIMIT 20000;",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* VACUUM keeps everything and the integrity check is ok. */
  {
    g_autofree char *before = raw_checksum (db);
    g_autofree char *after = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM t WHERE k % 2 = 0; VACUUM;", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    after = raw_checksum (db);
    g_assert_cmpstr (before, !=, after);
    g_assert_nonnull (strstr (after, "150:"));
  }
  sqlite3_close (db);

  /* The VFS names itself. */
  db = raw_open (&raw, NULL, FALSE);
  {
    char *name = NULL;
    g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_VFSNAME, &name), ==, SQLITE_OK);
    g_assert_true (g_str_has_prefix (name, "harbor-crypt/"));
    sqlite3_free (name);
  }
  sqlite3_close (db);

  /* A new database without the reserved bytes cannot be written. */
  {
    g_autofree char *other = g_build_filename (raw.dir, "noreserve.db", NULL);
    sqlite3 *db2 = NULL;
    g_assert_cmpint (sqlite3_open_v2 (other, &db2, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                      harbor_crypt_vfs_get_name (raw.vfs)), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db2, "CREATE TABLE x (y)", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db2);
  }

  /* Another key cannot read it: page 1 fails. */
  {
    HarborKey *saved = raw.key;
    HarborCryptFault fault = { 0 };
    g_autofree char *sum = NULL;

    raw.key = harbor_key_new_random ();
    db = raw_open (&raw, NULL, FALSE);
    sum = raw_checksum (db);
    g_assert_null (sum);
    g_assert_true (harbor_crypt_vfs_take_fault (raw.vfs, &fault));
    g_assert_cmpuint (fault.pgno, ==, 1);
    sqlite3_close (db);
    harbor_key_free (raw.key);
    raw.key = saved;
  }
  raw_clear (&raw);
}

/* Two connections to one database: each sees the other's commits (SQLite
 * notices through page 1's change counter, which the shim must not serve
 * stale from its header cache). */
static void
test_two_connections (void)
{
  Raw raw = { 0 };
  sqlite3 *a, *b;
  g_autofree char *sum_before = NULL, *sum_a = NULL, *sum_b = NULL;

  raw_init (&raw);
  a = raw_open (&raw, NULL, FALSE);
  b = NULL;
  g_assert_cmpint (sqlite3_open_v2 (raw.path, &b, SQLITE_OPEN_READWRITE, harbor_crypt_vfs_get_name (raw.vfs)),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (b, harbor_vault_schema_pragmas (), NULL, NULL, NULL), ==, SQLITE_OK);
  sum_before = raw_checksum (a);
  g_assert_cmpint (sqlite3_exec (b, "INSERT INTO t (v) VALUES ('from b')", NULL, NULL, NULL), ==, SQLITE_OK);
  sum_a = raw_checksum (a);
  g_assert_cmpstr (sum_a, !=, sum_before);
  g_assert_nonnull (strstr (sum_a, "301:"));
  g_assert_cmpint (sqlite3_exec (a, "DELETE FROM t WHERE v = 'from b'", NULL, NULL, NULL), ==, SQLITE_OK);
  sum_b = raw_checksum (b);
  g_assert_cmpstr (sum_b, ==, sum_before);
  sqlite3_close (a);
  sqlite3_close (b);
  raw_clear (&raw);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));
  fault_vfs_register ();

  g_test_add_func ("/vault/crypt/no-plaintext-at-rest", test_no_plaintext);
  g_test_add_func ("/vault/crypt/database-byte-flips", test_db_byte_flips);
  g_test_add_func ("/vault/crypt/journal-byte-flips", test_journal_byte_flips);
  g_test_add_func ("/vault/crypt/old-journal-replay", test_old_journal_replay);
  g_test_add_func ("/vault/crypt/torn-page1-repaired", test_torn_page1_repaired);
  g_test_add_func ("/vault/crypt/vault-reports-damage", test_vault_reports_damage);
  g_test_add_func ("/vault/crypt/refusals-vacuum-integrity", test_refusals);
  g_test_add_func ("/vault/crypt/two-connections", test_two_connections);
  return g_test_run ();
}
