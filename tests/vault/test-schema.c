/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-schema.c: schema migrations from every earlier version
 *
 * Copyright 2026 The Harbor authors
 *
 * For each version v from 0 to the latest - 1: build a database at v, add
 * data valid at v, migrate to the latest, and check the data survived and
 * the schema equals a fresh one. With only v1 this covers 0 -> 1; adding
 * v2 means adding its fixture data to insert_at_version().
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "harbor-vault-schema.h"
#include "vault-test-util.h"

static char *
schema_of (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
insert_at_version (sqlite3 *db,
                   guint    version)
{
  if (version >= 1)
    g_assert_cmpint (sqlite3_exec (db,
      "INSERT INTO clients (id, display_name, activity_at, hlc, device, created_at, updated_at) "
      "VALUES (randomblob(16), 'Migrated Person', 1, 1, randomblob(16), 1, 1)",
      NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_every_version (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *fresh = NULL;
  g_autofree char *fresh_schema = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &fresh), ==, SQLITE_OK);
  g_assert_true (harbor_vault_schema_migrate (fresh, harbor_vault_schema_latest (), &error));
  g_assert_no_error (error);
  g_assert_cmpint (harbor_vault_schema_version (fresh), ==, HARBOR_VAULT_SCHEMA_VERSION);
  fresh_schema = schema_of (fresh);
  sqlite3_close (fresh);

  for (guint v = 0; v < harbor_vault_schema_latest (); v++)
    {
      sqlite3 *db = NULL;
      g_autofree char *schema = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
      g_assert_true (harbor_vault_schema_migrate (db, v, &error));
      g_assert_cmpint (harbor_vault_schema_version (db), ==, (int) v);
      insert_at_version (db, v);
      g_assert_true (harbor_vault_schema_migrate (db, harbor_vault_schema_latest (), &error));
      g_assert_no_error (error);
      g_assert_cmpint (harbor_vault_schema_version (db), ==, HARBOR_VAULT_SCHEMA_VERSION);
      schema = schema_of (db);
      g_assert_cmpstr (schema, ==, fresh_schema);
      if (v >= 1)
        {
          g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM clients", -1, &stmt, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
          sqlite3_finalize (stmt);
        }
      /* Migrating again is a no-op. */
      g_assert_true (harbor_vault_schema_migrate (db, harbor_vault_schema_latest (), &error));
      sqlite3_close (db);
    }
}

static void
test_newer_refused (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = harbor_vault_get_connection (vault);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", HARBOR_VAULT_SCHEMA_VERSION + 1);

  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  harbor_vault_lock (vault);
  g_assert_false (harbor_vault_unlock (vault, TEST_PASSPHRASE, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION);
  g_assert_false (harbor_vault_is_unlocked (vault));
  harbor_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));

  g_test_add_func ("/vault/schema/migrate-from-every-version", test_every_version);
  g_test_add_func ("/vault/schema/newer-refused", test_newer_refused);
  return g_test_run ();
}
