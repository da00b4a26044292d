/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vault-test-util.c: helpers shared by the vault tests
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-crypt-vfs.h"
#include "harbor-vault-error.h"
#include "harbor-vault-private.h"
#include "vault-test-util.h"

HarborVault *
vt_create_vault (const char  *dir,
                 const char  *base_vfs,
                 char       **recovery_key)
{
  g_autoptr(GError) error = NULL;
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  HarborVault *vault = harbor_vault_new (dir);
  g_autoptr(HarborSecret) recovery = NULL;

  harbor_vault_set_base_vfs (vault, base_vfs);
  recovery = harbor_vault_create (vault, TEST_PASSPHRASE, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  if (recovery_key != NULL)
    *recovery_key = g_strdup (recovery);
  return vault;
}

HarborVault *
vt_open_vault (const char *dir,
               const char *base_vfs)
{
  g_autoptr(GError) error = NULL;
  HarborVault *vault = harbor_vault_new (dir);

  harbor_vault_set_base_vfs (vault, base_vfs);
  harbor_vault_unlock (vault, TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  return vault;
}

GBytes *
vt_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

void
vt_write_file (const char *path,
               GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

gboolean
vt_folder_contains (const char *dir,
                    const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  gsize nlen = strlen (needle);

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &data, &length, NULL))
        continue;
      if (memmem (data, length, needle, nlen) != NULL)
        return TRUE;
    }
  return FALSE;
}

char *
vt_add_client (HarborVault *vault,
               const char  *name,
               const char  *alias,
               const char  *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  char *id;

  client->display_name = g_strdup (name);
  if (alias != NULL)
    {
      client->aliases = g_new0 (char *, 2);
      client->aliases[0] = g_strdup (alias);
    }
  id = harbor_vault_add_client (vault, client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  if (note != NULL)
    {
      g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
      g_autofree char *event_id = NULL;

      event->client_id = g_strdup (id);
      event->kind = g_strdup ("note");
      event->date = g_strdup ("2026-11-01");
      event->text = g_strdup (note);
      event_id = harbor_vault_add_event (vault, event, &error);
      g_assert_no_error (error);
    }
  return id;
}

/* A canonical text of every live client, record and event, for comparing
 * states before and after a crash. */
char *
vt_dump (HarborVault *vault)
{
  sqlite3 *db = harbor_vault_get_connection (vault);
  GString *out = g_string_new (NULL);
  static const char *const queries[] = {
    "SELECT display_name, aliases, birth_date, deleted_at IS NULL FROM clients ORDER BY display_name",
    "SELECT c.display_name, r.offense_description, r.jurisdiction, r.deleted_at IS NULL "
    "FROM records r JOIN clients c ON c.id = r.client_id ORDER BY 1, 2",
    "SELECT c.display_name, e.kind, e.text, e.deleted_at IS NULL "
    "FROM events e JOIN clients c ON c.id = e.client_id ORDER BY 1, 3",
    "SELECT rowid FROM client_fts WHERE client_fts MATCH 'xylo*' ORDER BY 1",
  };

  g_assert_nonnull (db);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%.40s|", text ? text : "(null)");
            }
          g_string_append_c (out, '\n');
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

/* Decrypts every page of the unlocked vault's database file with the
 * vault's own key, free pages included, and counts the pages whose
 * plaintext holds @needle. Every page must authenticate. A leftover journal
 * must not exist (after a commit in DELETE mode it is gone). */
guint
vt_decrypted_count (HarborVault *vault,
                    const char  *needle)
{
  g_autofree char *db_path = g_build_filename (harbor_vault_get_dir (vault), HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autofree char *journal_path = g_build_filename (harbor_vault_get_dir (vault), HARBOR_VAULT_JOURNAL_NAME, NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize length, nlen = strlen (needle);
  const guint8 *data;
  guint8 page[HARBOR_CRYPT_PAGE_SIZE];
  guint hits = 0;

  g_assert_nonnull (vault->vfs);
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));
  bytes = vt_read_file (db_path);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpuint (length % HARBOR_CRYPT_PAGE_SIZE, ==, 0);
  for (gsize off = 0; off < length; off += HARBOR_CRYPT_PAGE_SIZE)
    {
      guint32 pgno = (guint32) (off / HARBOR_CRYPT_PAGE_SIZE) + 1;
      HarborCryptFaultKind why = HARBOR_CRYPT_FAULT_NONE;

      g_assert_true (harbor_crypt_vfs_decrypt_page (vault->vfs, HARBOR_CRYPT_ROLE_DATABASE, pgno,
                                                    data + off, page, &why));
      if (memmem (page, sizeof page, needle, nlen) != NULL)
        hits++;
    }
  return hits;
}
