/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault.c: the encrypted vault and its stores
 *
 * Copyright 2026 The Harbor authors
 *
 * Unlocking: read the manifest (vault id, format), load the key file and
 * check it names the same vault, unwrap the master key, check that page 1
 * of the database carries the same vault id, then open SQLite over a fresh
 * instance of the encrypting VFS (which checks a leftover journal before
 * SQLite may roll it back) and migrate the schema.
 * Locking finalizes every statement, closes the connection, unregisters
 * the VFS and wipes every key.
 *
 * Every write runs in a transaction (nested calls use savepoints) and
 * appends to the audit log in the same transaction. Audit entries are
 * chained: hash_n = BLAKE2b-256 keyed with a key derived from the master
 * key, over hash_(n-1) || seq || time || actor || action || object id. The
 * newest (seq, hash) is also kept in meta.audit_head so that removing the
 * last entries is detected as well as editing or removing others.
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <errno.h>
#include <string.h>

#include "harbor-crypt-vfs.h"
#include "harbor-vault.h"
#include "harbor-vault-private.h"
#include "harbor-vault-error.h"
#include "harbor-vault-schema.h"

#define HASH_LEN    32
#define MANIFEST_GROUP "Harbor Vault"
#define MANIFEST_FORMAT 1


G_DEFINE_FINAL_TYPE (HarborVault, harbor_vault, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNLOCKED,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void close_all (HarborVault *self);


/* ---- Small helpers ---------------------------------------------------------- */

char *
_harbor_vault_id_to_hex (const guint8 *id)
{
  char *hex = g_malloc (ID_LEN * 2 + 1);

  sodium_bin2hex (hex, ID_LEN * 2 + 1, id, ID_LEN);
  return hex;
}

static gboolean
hex_to_id (const char *hex,
           guint8     *id)
{
  size_t len = 0;

  if (hex == NULL || strlen (hex) != ID_LEN * 2)
    return FALSE;
  return sodium_hex2bin (id, ID_LEN, hex, ID_LEN * 2, NULL, &len, NULL) == 0 && len == ID_LEN;
}

gboolean
_harbor_vault_parse_id (const char  *hex,
          guint8      *id,
          GError     **error)
{
  if (!hex_to_id (hex, id))
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                   _("“%s” is not an id (expected 32 hexadecimal characters)"),
                   hex ? hex : "");
      return FALSE;
    }
  return TRUE;
}

gint64
_harbor_vault_now_ms (void)
{
  return g_get_real_time () / 1000;
}

gint64
_harbor_vault_next_hlc (HarborVault *self)
{
  gint64 physical = _harbor_vault_now_ms () << 16;

  self->last_hlc = MAX (self->last_hlc + 1, physical);
  return self->last_hlc;
}

char *
_harbor_vault_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (strv == NULL)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GStrv
_harbor_vault_json_to_strv (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;

  if (json == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);
      if (s != NULL)
        g_strv_builder_add (builder, s);
    }
  return g_strv_builder_end (builder);
}

char *
_harbor_vault_column_text (sqlite3_stmt *stmt,
             int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text ? g_strdup ((const char *) text) : NULL;
}

char *
_harbor_vault_column_id (sqlite3_stmt *stmt,
           int           col)
{
  if (sqlite3_column_type (stmt, col) != SQLITE_BLOB || sqlite3_column_bytes (stmt, col) != ID_LEN)
    return NULL;
  return _harbor_vault_id_to_hex (sqlite3_column_blob (stmt, col));
}

void
_harbor_vault_bind_text (sqlite3_stmt *stmt,
           int           col,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
}

void
_harbor_vault_bind_owned_text (sqlite3_stmt *stmt,
                 int           col,
                 char         *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_text (stmt, col, text, -1, g_free);
}

void
_harbor_vault_bind_tri (sqlite3_stmt *stmt,
          int           col,
          HarborTri     tri)
{
  if (tri == HARBOR_TRI_UNKNOWN)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_int (stmt, col, tri == HARBOR_TRI_TRUE);
}

HarborTri
_harbor_vault_column_tri (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return HARBOR_TRI_UNKNOWN;
  return sqlite3_column_int (stmt, col) ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
}

void
_harbor_vault_bind_date (sqlite3_stmt *stmt,
           int           col,
           const GDate  *date)
{
  _harbor_vault_bind_owned_text (stmt, col, harbor_date_to_string (date));
}

void
_harbor_vault_column_date (sqlite3_stmt *stmt,
             int           col,
             GDate        *date)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  g_date_clear (date, 1);
  if (text != NULL)
    harbor_date_parse (text, date);
}

static gboolean
check_unlocked (HarborVault  *self,
                GError      **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED,
                           _("The vault is locked"));
      return FALSE;
    }
  return TRUE;
}

/* Maps a SQLite failure into HARBOR_VAULT_ERROR once, preferring what the
 * encrypting VFS recorded (which page of which file failed). */
gboolean
_harbor_vault_set_sqlite_error (HarborVault  *self,
                  int           rc,
                  GError      **error)
{
  HarborCryptFault fault;
  int primary = rc & 0xff;
  const char *message = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  if (self->vfs != NULL && harbor_crypt_vfs_take_fault (self->vfs, &fault))
    {
      g_autofree char *what = harbor_crypt_fault_describe (&fault,
                                                           fault.role == HARBOR_CRYPT_ROLE_JOURNAL
                                                           ? HARBOR_VAULT_JOURNAL_NAME
                                                           : HARBOR_VAULT_DATABASE_NAME);

      if (fault.kind == HARBOR_CRYPT_FAULT_FOREIGN)
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_FOREIGN_DATABASE,
                     _("The database belongs to another vault (%s)"), what);
      else
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED,
                     _("The vault is damaged: %s"), what);
      return FALSE;
    }

  switch (primary)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED,
                   _("The vault is damaged: %s"), message);
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                   _("The change was refused: %s"), message);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   _("The vault is in use by another program: %s"), message);
      break;
    default:
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   _("Could not read or write the vault: %s"), message);
      break;
    }
  return FALSE;
}

/* A prepared statement from the cache, reset and with no bindings. */
sqlite3_stmt *
_harbor_vault_prepare (HarborVault  *self,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!check_unlocked (self, error))
    return NULL;
  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _harbor_vault_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no rows. */
gboolean
_harbor_vault_run (HarborVault   *self,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _harbor_vault_set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
exec (HarborVault  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _harbor_vault_set_sqlite_error (self, rc, error);
  return TRUE;
}

static void
finalize_statements (HarborVault *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self->stmts == NULL)
    return;
  g_hash_table_iter_init (&iter, self->stmts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    sqlite3_finalize (value);
  g_hash_table_remove_all (self->stmts);
}

/* ---- Transactions ----------------------------------------------------------- */

/**
 * harbor_vault_begin:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Starts a write transaction, or a savepoint inside the current one. Pair
 * with harbor_vault_commit() or harbor_vault_rollback().
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_begin (HarborVault  *self,
                    GError      **error)
{
  g_autofree char *sql = NULL;

  if (!check_unlocked (self, error))
    return FALSE;
  /* A reader only reads: its outer transaction is a deferred one, which
   * takes the shared lock at the first read and keeps it to the end, so
   * that everything read belongs to one moment. */
  sql = self->depth == 0 ? g_strdup (self->read_only ? "BEGIN" : "BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT s%u", self->depth);
  if (!exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

/**
 * harbor_vault_commit:
 * @self: an unlocked vault in a transaction
 * @error: return location for a #GError
 *
 * Commits the innermost transaction. On failure everything since the
 * matching harbor_vault_begin() is rolled back.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_commit (HarborVault  *self,
                     GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);
  if (!check_unlocked (self, error))
    return FALSE;
  sql = self->depth == 1 ? g_strdup ("COMMIT") : g_strdup_printf ("RELEASE s%u", self->depth - 1);
  if (!exec (self, sql, error))
    {
      harbor_vault_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/**
 * harbor_vault_rollback:
 * @self: an unlocked vault in a transaction
 *
 * Undoes everything since the matching harbor_vault_begin().
 */
void
harbor_vault_rollback (HarborVault *self)
{
  g_autofree char *sql = NULL;

  if (self->depth == 0 || self->db == NULL)
    return;
  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO s%u; RELEASE s%u", self->depth - 1, self->depth - 1);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->depth--;
  /* A failed commit may already have ended the transaction. */
  if (sqlite3_get_autocommit (self->db))
    self->depth = 0;
}

/* Ends a write started with harbor_vault_begin(): commit on success. */
gboolean
_harbor_vault_finish (HarborVault  *self,
        gboolean      ok,
        GError      **error)
{
  if (!ok)
    {
      harbor_vault_rollback (self);
      return FALSE;
    }
  return harbor_vault_commit (self, error);
}

/* ---- Purge: rewriting the indexes and the file ------------------------------- */

/* After a purge, the rows are gone and secure_delete has zeroed the cells
 * they used, but copies can remain: FTS5 records a deletion as a "delete"
 * entry in a new index segment and keeps the tokens in the older segments
 * until they are merged; and b-tree balancing can leave stale bytes of
 * cells it moved in the unused middle of a page, which secure_delete does
 * not cover. So, after the commit:
 * FTS5 'optimize' merges every segment into one without the deleted
 * entries, and VACUUM rebuilds the database into fresh pages (in memory,
 * as temp_store = MEMORY) and writes them back through the journal, which
 * leaves no free pages and no stale bytes. VACUUM cannot run inside a
 * transaction, so a marker in meta (purge_pending), written in the purge's
 * own transaction, says the rewrite is owed until it is done: a crash or a
 * failure in between is finished at the next purge or unlock. */
gboolean
_harbor_vault_mark_purge_pending (HarborVault  *self,
                                  GError      **error)
{
  sqlite3_stmt *stmt = _harbor_vault_prepare (self, "INSERT OR REPLACE INTO meta (key, value) "
                                                    "VALUES ('purge_pending', 1)", error);

  return stmt != NULL && _harbor_vault_run (self, stmt, error);
}

/* The first column of the first row of @sql as an integer; -1 on error. */
static gint64
query_int (HarborVault  *self,
           const char   *sql,
           GError      **error)
{
  sqlite3_stmt *stmt = _harbor_vault_prepare (self, sql, error);
  gint64 value = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    _harbor_vault_set_sqlite_error (self, rc, error);
  return value;
}

/**
 * harbor_vault_finish_purge:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Finishes an earlier purge if its rewrite is still owed (see
 * harbor_vault_purge()): merges the full-text indexes (FTS5 'optimize') and
 * rebuilds the database file (VACUUM), then clears the marker. Does nothing
 * when no purge is owed, or inside a transaction (VACUUM cannot run there).
 * harbor_vault_purge() and harbor_vault_unlock() call it.
 *
 * Returns: %TRUE if nothing is owed any more (or inside a transaction);
 *   %FALSE with %HARBOR_VAULT_ERROR_PURGE_UNFINISHED otherwise
 */
gboolean
harbor_vault_finish_purge (HarborVault  *self,
                           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 pending;

  if (!check_unlocked (self, error))
    return FALSE;
  if (self->depth > 0)
    return TRUE;
  pending = query_int (self, "SELECT count(*) FROM meta WHERE key = 'purge_pending'", &local_error);
  if (pending == 0)
    return TRUE;
  if (pending > 0
      && exec (self, "BEGIN IMMEDIATE;"
                     "INSERT INTO client_fts (client_fts) VALUES ('optimize');"
                     "INSERT INTO event_fts (event_fts) VALUES ('optimize');"
                     "COMMIT;", &local_error)
      && exec (self, "VACUUM", &local_error)
      && exec (self, "DELETE FROM meta WHERE key = 'purge_pending'", &local_error))
    return TRUE;

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_PURGE_UNFINISHED,
               _("The purged data is removed, but the vault file could not be rewritten yet "
                 "(%s). Harbor tries again when the vault is next opened."),
               local_error->message);
  return FALSE;
}

/* At unlock: a vault made before auto_vacuum was set gets it now (VACUUM
 * applies the new setting), an owed purge rewrite is done, and free pages
 * (left by deletions and edits; secure_delete has zeroed them) are given
 * back to the file system. None of this is needed to use the vault, so a
 * failure (a full disk, another program holding the vault) only postpones
 * it to the next unlock. */
static void
maintain (HarborVault *self)
{
  g_autoptr(GError) local_error = NULL;

  if (query_int (self, "PRAGMA auto_vacuum", &local_error) == 0
      && !exec (self, "PRAGMA auto_vacuum = INCREMENTAL; VACUUM;", &local_error))
    g_message ("Could not convert the vault to incremental auto-vacuum: %s", local_error->message);
  g_clear_error (&local_error);

  if (!harbor_vault_finish_purge (self, &local_error))
    g_message ("%s", local_error->message);
  g_clear_error (&local_error);

  if (query_int (self, "PRAGMA freelist_count", &local_error) > 0
      && !exec (self, "PRAGMA incremental_vacuum", &local_error))
    g_message ("Could not give free pages back: %s", local_error->message);
}

/* ---- Audit log --------------------------------------------------------------- */

static void
audit_hash (HarborVault  *self,
            const guint8 *prev,
            gint64        seq,
            gint64        at,
            const char   *actor,
            const char   *action,
            const guint8 *object,
            guint8       *out)
{
  crypto_generichash_state state;
  guint8 num[8];

  crypto_generichash_init (&state, self->audit_key->bytes, HARBOR_MASTER_KEY_BYTES, HASH_LEN);
  crypto_generichash_update (&state, prev, HASH_LEN);
  for (guint i = 0; i < 8; i++)
    num[i] = ((guint64) seq >> (8 * i)) & 0xff;
  crypto_generichash_update (&state, num, 8);
  for (guint i = 0; i < 8; i++)
    num[i] = ((guint64) at >> (8 * i)) & 0xff;
  crypto_generichash_update (&state, num, 8);
  crypto_generichash_update (&state, (const guint8 *) actor, strlen (actor) + 1);
  crypto_generichash_update (&state, (const guint8 *) action, strlen (action) + 1);
  if (object != NULL)
    crypto_generichash_update (&state, object, ID_LEN);
  crypto_generichash_final (&state, out, HASH_LEN);
}

/* Appends an audit entry in the current transaction. */
gboolean
_harbor_vault_audit (HarborVault   *self,
       const char    *action,
       const guint8  *object,
       GError       **error)
{
  guint8 prev[HASH_LEN] = { 0 };
  guint8 hash[HASH_LEN];
  guint8 entry_id[ID_LEN];
  guint8 head[8 + HASH_LEN];
  gint64 seq = 1, at = _harbor_vault_now_ms ();
  sqlite3_stmt *stmt;

  stmt = _harbor_vault_prepare (self, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == HASH_LEN)
        memcpy (prev, sqlite3_column_blob (stmt, 1), HASH_LEN);
    }
  sqlite3_reset (stmt);

  audit_hash (self, prev, seq, at, self->actor, action, object, hash);
  randombytes_buf (entry_id, sizeof entry_id);

  stmt = _harbor_vault_prepare (self, "INSERT INTO audit_log (seq, id, at, actor, action, object, hash, device) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_blob (stmt, 2, entry_id, ID_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  if (object != NULL)
    sqlite3_bind_blob (stmt, 6, object, ID_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 7, hash, HASH_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 8, self->device, ID_LEN, SQLITE_TRANSIENT);
  if (!_harbor_vault_run (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < 8; i++)
    head[i] = ((guint64) seq >> (8 * i)) & 0xff;
  memcpy (head + 8, hash, HASH_LEN);
  stmt = _harbor_vault_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, head, sizeof head, SQLITE_TRANSIENT);
  return _harbor_vault_run (self, stmt, error);
}

/**
 * harbor_vault_verify_audit:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Recomputes the audit log's hash chain. An edited, inserted or removed
 * entry (including the newest ones) gives %HARBOR_VAULT_ERROR_AUDIT_BROKEN.
 *
 * Returns: %TRUE if the chain is intact
 */
gboolean
harbor_vault_verify_audit (HarborVault  *self,
                           GError      **error)
{
  guint8 prev[HASH_LEN] = { 0 };
  gint64 expected = 1;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _harbor_vault_prepare (self, "SELECT seq, at, actor, action, object, hash FROM audit_log ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const guint8 *object = sqlite3_column_bytes (stmt, 4) == ID_LEN ? sqlite3_column_blob (stmt, 4) : NULL;
      const char *actor = (const char *) sqlite3_column_text (stmt, 2);
      const char *action = (const char *) sqlite3_column_text (stmt, 3);
      guint8 hash[HASH_LEN];

      audit_hash (self, prev, seq, sqlite3_column_int64 (stmt, 1), actor ? actor : "",
                  action ? action : "", object, hash);
      if (seq != expected || sqlite3_column_bytes (stmt, 5) != HASH_LEN
          || sodium_memcmp (hash, sqlite3_column_blob (stmt, 5), HASH_LEN) != 0)
        {
          g_autofree char *entry = g_strdup_printf ("%" G_GINT64_FORMAT, expected);

          sqlite3_reset (stmt);
          g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_AUDIT_BROKEN,
                       _("The audit log was altered at entry %s"), entry);
          return FALSE;
        }
      memcpy (prev, hash, HASH_LEN);
      expected++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _harbor_vault_set_sqlite_error (self, rc, error);

  stmt = _harbor_vault_prepare (self, "SELECT value FROM meta WHERE key = 'audit_head'", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (expected > 1)
    {
      gboolean ok = rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 8 + HASH_LEN;
      gint64 head_seq = 0;

      if (ok)
        {
          const guint8 *head = sqlite3_column_blob (stmt, 0);
          for (guint i = 0; i < 8; i++)
            head_seq |= (gint64) head[i] << (8 * i);
          ok = head_seq == expected - 1 && sodium_memcmp (head + 8, prev, HASH_LEN) == 0;
        }
      if (!ok)
        {
          sqlite3_reset (stmt);
          g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_AUDIT_BROKEN,
                       _("The newest entries of the audit log were removed"));
          return FALSE;
        }
    }
  else if (rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_AUDIT_BROKEN,
                   _("The newest entries of the audit log were removed"));
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * harbor_vault_list_audit:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultAuditEntry): the audit log, oldest first
 */
GPtrArray *
harbor_vault_list_audit (HarborVault  *self,
                         GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) harbor_vault_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _harbor_vault_prepare (self, "SELECT seq, at, actor, action, object FROM audit_log ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HarborVaultAuditEntry *entry = g_new0 (HarborVaultAuditEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->at = sqlite3_column_int64 (stmt, 1);
      entry->actor = _harbor_vault_column_text (stmt, 2);
      entry->action = _harbor_vault_column_text (stmt, 3);
      entry->object_id = _harbor_vault_column_id (stmt, 4);
      g_ptr_array_add (out, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
  return g_steal_pointer (&out);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
harbor_vault_finalize (GObject *object)
{
  HarborVault *self = HARBOR_VAULT (object);

  close_all (self);
  g_clear_pointer (&self->stmts, g_hash_table_unref);
  g_free (self->dir);
  g_free (self->manifest_path);
  g_free (self->keyfile_path);
  g_free (self->db_path);
  g_free (self->journal_path);
  g_free (self->base_vfs);
  g_free (self->actor);

  G_OBJECT_CLASS (harbor_vault_parent_class)->finalize (object);
}

static void
harbor_vault_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HarborVault *self = HARBOR_VAULT (object);

  switch (prop_id)
    {
    case PROP_UNLOCKED:
      g_value_set_boolean (value, harbor_vault_is_unlocked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_vault_class_init (HarborVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = harbor_vault_finalize;
  object_class->get_property = harbor_vault_get_property;

  /**
   * HarborVault:unlocked:
   *
   * Whether the vault is open. Notified on unlock and lock.
   */
  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HarborVault::changed:
   * @self: the vault
   *
   * Emitted after a write transaction commits (once per outermost
   * transaction), so that views can refresh.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
harbor_vault_init (HarborVault *self)
{
  self->stmts = g_hash_table_new (g_str_hash, g_str_equal);
  self->actor = g_strdup ("local");
}

/**
 * harbor_vault_new:
 * @dir: the vault's folder
 *
 * Returns: (transfer full): a locked vault object for @dir
 */
HarborVault *
harbor_vault_new (const char *dir)
{
  HarborVault *self = g_object_new (HARBOR_TYPE_VAULT, NULL);

  self->dir = g_strdup (dir);
  self->manifest_path = g_build_filename (dir, HARBOR_VAULT_MANIFEST_NAME, NULL);
  self->keyfile_path = g_build_filename (dir, HARBOR_VAULT_KEYFILE_NAME, NULL);
  self->db_path = g_build_filename (dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  self->journal_path = g_build_filename (dir, HARBOR_VAULT_JOURNAL_NAME, NULL);
  return self;
}

const char *
harbor_vault_get_dir (HarborVault *self)
{
  return self->dir;
}

gboolean
harbor_vault_is_unlocked (HarborVault *self)
{
  return self->db != NULL;
}

/**
 * harbor_vault_set_base_vfs:
 * @self: a locked vault
 * @vfs_name: (nullable): the SQLite VFS under the encrypting layer
 *
 * For tests: layer the encrypting VFS over another registered VFS (such as
 * a fault-injecting one). That VFS only ever sees ciphertext.
 */
void
harbor_vault_set_base_vfs (HarborVault *self,
                           const char  *vfs_name)
{
  g_free (self->base_vfs);
  self->base_vfs = g_strdup (vfs_name);
}

/**
 * harbor_vault_set_actor:
 * @self: a vault
 * @actor: who makes the changes, for the audit log (e.g. the caseworker)
 */
void
harbor_vault_set_actor (HarborVault *self,
                        const char  *actor)
{
  g_free (self->actor);
  self->actor = g_strdup (actor ? actor : "local");
}

gpointer
harbor_vault_get_connection (HarborVault *self)
{
  return self->db;
}

/* ---- Opening ----------------------------------------------------------------- */

static gboolean
read_manifest (HarborVault  *self,
               guint8       *vault_id,
               GError      **error)
{
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  gint64 format;

  if (!g_key_file_load_from_file (manifest, self->manifest_path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_A_VAULT,
                     _("“%s” is not a Harbor vault (it has no %s)"), self->dir,
                     HARBOR_VAULT_MANIFEST_NAME);
      else if (local_error->domain == G_FILE_ERROR)
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                     _("Could not read %s: %s"), HARBOR_VAULT_MANIFEST_NAME, local_error->message);
      else
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_A_VAULT,
                     _("“%s” is not a Harbor vault (%s is not a vault manifest)"), self->dir,
                     HARBOR_VAULT_MANIFEST_NAME);
      return FALSE;
    }

  format = g_key_file_get_int64 (manifest, MANIFEST_GROUP, "Format", NULL);
  id = g_key_file_get_string (manifest, MANIFEST_GROUP, "Id", NULL);
  if (format <= 0 || id == NULL || !hex_to_id (id, vault_id))
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_A_VAULT,
                   _("“%s” is not a Harbor vault (%s is not a vault manifest)"), self->dir,
                   HARBOR_VAULT_MANIFEST_NAME);
      return FALSE;
    }
  if (format > MANIFEST_FORMAT)
    {
      g_autofree char *format_str = g_strdup_printf ("%" G_GINT64_FORMAT, format);

      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION,
                   _("The vault has format %s; this Harbor reads format %d. "
                     "Update Harbor to open it."), format_str, MANIFEST_FORMAT);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_manifest (HarborVault  *self,
                GError      **error)
{
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autofree char *id = _harbor_vault_id_to_hex (self->vault_id);
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_comment (manifest, NULL, NULL,
                          " A Harbor vault. Everything about clients is in vault.db, encrypted.", NULL);
  g_key_file_set_integer (manifest, MANIFEST_GROUP, "Format", MANIFEST_FORMAT);
  g_key_file_set_string (manifest, MANIFEST_GROUP, "Id", id);
  data = g_key_file_to_data (manifest, &length, NULL);
  return harbor_write_file_atomic (self->manifest_path, data, length, error);
}

/* Checks the first 16 bytes of the database: the vault id of page 1. */
static gboolean
check_database_owner (HarborVault  *self,
                      GError      **error)
{
  guint8 head[ID_LEN];
  FILE *file = g_fopen (self->db_path, "rbe");
  size_t n;

  if (file == NULL)
    {
      int saved_errno = errno;
      if (saved_errno == ENOENT)
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED,
                     _("The vault is damaged: %s is missing"), HARBOR_VAULT_DATABASE_NAME);
      else
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                     _("Could not open %s: %s"), HARBOR_VAULT_DATABASE_NAME, g_strerror (saved_errno));
      return FALSE;
    }
  n = fread (head, 1, sizeof head, file);
  fclose (file);
  if (n != sizeof head)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED,
                   _("The vault is damaged: %s: page 1 is cut short"), HARBOR_VAULT_DATABASE_NAME);
      return FALSE;
    }
  if (memcmp (head, self->vault_id, ID_LEN) != 0)
    {
      guint differences = 0;

      /* Another vault's id differs in about every byte; a few are damage. */
      for (guint i = 0; i < ID_LEN; i++)
        differences += head[i] != self->vault_id[i];
      if (differences <= 2)
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED,
                     _("The vault is damaged: %s: page 1 (at byte 0) failed authentication"),
                     HARBOR_VAULT_DATABASE_NAME);
      else
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_FOREIGN_DATABASE,
                     _("%s belongs to another vault"), HARBOR_VAULT_DATABASE_NAME);
      return FALSE;
    }
  return TRUE;
}

static gboolean
faults_to_problems (GArray      *faults,
                    const char  *filename,
                    GPtrArray   *problems)
{
  for (guint i = 0; i < faults->len; i++)
    g_ptr_array_add (problems,
                     harbor_crypt_fault_describe (&g_array_index (faults, HarborCryptFault, i),
                                                  filename));
  return faults->len == 0;
}

/* Loads the manifest and the key file and checks they belong together. */
static HarborKeyfile *
load_keyfile (HarborVault  *self,
              GError      **error)
{
  g_autoptr(HarborKeyfile) keyfile = NULL;

  if (!read_manifest (self, self->vault_id, error))
    return NULL;
  keyfile = harbor_keyfile_load (self->keyfile_path, error);
  if (keyfile == NULL)
    return NULL;
  if (memcmp (harbor_keyfile_get_vault_id (keyfile), self->vault_id, ID_LEN) != 0)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_FOREIGN_KEYFILE,
                   _("%s belongs to another vault"), HARBOR_VAULT_KEYFILE_NAME);
      return NULL;
    }
  return g_steal_pointer (&keyfile);
}

static void
close_connection (HarborVault *self)
{
  finalize_statements (self);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->vfs, harbor_crypt_vfs_free);
  self->depth = 0;
}

/* With the master key in self->master: open the database and prepare it. */
static gboolean
open_database (HarborVault  *self,
               gboolean      create,
               GError      **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  sqlite3_stmt *stmt;
  int rc;

  self->audit_key = sodium_malloc (sizeof (HarborKey));
  g_assert (self->audit_key != NULL);
  crypto_kdf_derive_from_key (self->audit_key->bytes, HARBOR_MASTER_KEY_BYTES, 2, "hrbraudt",
                              self->master->bytes);

  self->vfs = harbor_crypt_vfs_new (self->master, self->vault_id, self->base_vfs, error);
  if (self->vfs == NULL)
    return FALSE;

  /* A leftover (hot) journal is checked by the shim when SQLite opens it
   * for the rollback, at the first read below. */
  if (!create && !check_database_owner (self, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->db_path, &self->db, flags, harbor_crypt_vfs_get_name (self->vfs));
  if (rc != SQLITE_OK)
    return _harbor_vault_set_sqlite_error (self, rc, error);
  sqlite3_extended_result_codes (self->db, 1);

  if (create)
    {
      int reserve = HARBOR_CRYPT_RESERVE;

      /* Before the first table: make room for the nonce and the tag. */
      rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
      if (rc != SQLITE_OK)
        return _harbor_vault_set_sqlite_error (self, rc, error);
      /* Page size and incremental auto-vacuum, also before the first table. */
      if (!exec (self, harbor_vault_schema_create_pragmas (), error))
        return FALSE;
    }

  if (!exec (self, harbor_vault_schema_pragmas (), error))
    return FALSE;

  /* The first real read: decrypts page 1 (and rolls back a hot journal). */
  stmt = _harbor_vault_prepare (self, "SELECT count(*) FROM sqlite_master", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _harbor_vault_set_sqlite_error (self, rc, error);

  if (!harbor_vault_schema_migrate (self->db, HARBOR_VAULT_SCHEMA_VERSION, error))
    {
      HarborCryptFault fault;
      if (harbor_crypt_vfs_take_fault (self->vfs, &fault))
        {
          g_clear_error (error);
          g_autofree char *what = harbor_crypt_fault_describe (&fault, HARBOR_VAULT_DATABASE_NAME);
          g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_DAMAGED,
                       _("The vault is damaged: %s"), what);
        }
      return FALSE;
    }

  /* This device's id, made once per vault. */
  stmt = _harbor_vault_prepare (self, "SELECT value FROM meta WHERE key = 'device'", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == ID_LEN)
    {
      memcpy (self->device, sqlite3_column_blob (stmt, 0), ID_LEN);
      sqlite3_reset (stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _harbor_vault_set_sqlite_error (self, rc, error);
      randombytes_buf (self->device, ID_LEN);
      stmt = _harbor_vault_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('device', ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_blob (stmt, 1, self->device, ID_LEN, SQLITE_TRANSIENT);
      if (!_harbor_vault_run (self, stmt, error))
        return FALSE;
    }

  stmt = _harbor_vault_prepare (self, "SELECT max(hlc) FROM (SELECT max(hlc) AS hlc FROM clients "
                        "UNION ALL SELECT max(hlc) FROM records UNION ALL SELECT max(hlc) FROM events)",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->last_hlc = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
unlock_with_key (HarborVault  *self,
                 HarborKey    *master,
                 GError      **error)
{
  self->master = master;
  if (!open_database (self, FALSE, error))
    {
      close_all (self);
      return FALSE;
    }
  maintain (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  return TRUE;
}

/**
 * harbor_vault_create:
 * @self: a vault object whose folder holds no vault
 * @passphrase: the passphrase
 * @params: (nullable): Argon2id parameters; %NULL calibrates to about one second
 * @error: return location for a #GError
 *
 * Creates the folder (mode 0700) if needed, a new master key, the key file
 * with a passphrase slot and a recovery slot, and the database with the
 * current schema. The vault is left unlocked.
 *
 * Returns: (transfer full): the recovery key, to show once; %NULL on error
 */
HarborSecret *
harbor_vault_create (HarborVault           *self,
                     const char            *passphrase,
                     const HarborKdfParams *params,
                     GError               **error)
{
  g_autoptr(HarborKeyfile) keyfile = NULL;
  g_autoptr(HarborSecret) recovery = NULL;

  g_return_val_if_fail (self->db == NULL, NULL);

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), self->dir, g_strerror (saved_errno));
      return NULL;
    }
  if (g_file_test (self->manifest_path, G_FILE_TEST_EXISTS)
      || g_file_test (self->keyfile_path, G_FILE_TEST_EXISTS)
      || g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_EXISTS,
                   _("“%s” already holds a vault"), self->dir);
      return NULL;
    }

  randombytes_buf (self->vault_id, ID_LEN);
  self->master = harbor_key_new_random ();
  keyfile = harbor_keyfile_new (self->vault_id);
  if (!harbor_keyfile_set_passphrase (keyfile, self->master, passphrase, params, error))
    goto fail;
  recovery = harbor_keyfile_set_recovery (keyfile, self->master, error);
  if (recovery == NULL)
    goto fail;

  /* The database first, the manifest last: a folder with a manifest is a
   * complete vault. */
  if (!open_database (self, TRUE, error))
    goto fail;
  /* SQLite creates files 0644; the journal inherits the database's mode. */
  g_chmod (self->db_path, 0600);
  if (!harbor_vault_begin (self, error)
      || !_harbor_vault_finish (self, _harbor_vault_audit (self, "vault.create", NULL, error), error))
    goto fail;
  if (!harbor_keyfile_save (keyfile, self->keyfile_path, error)
      || !write_manifest (self, error))
    goto fail;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  return g_steal_pointer (&recovery);

fail:
  close_all (self);
  g_unlink (self->db_path);
  g_unlink (self->journal_path);
  g_unlink (self->keyfile_path);
  return NULL;
}

/**
 * harbor_vault_unlock:
 * @self: a locked vault
 * @passphrase: the passphrase
 * @error: return location for a #GError
 *
 * Opens the vault. Errors: %HARBOR_VAULT_ERROR_NOT_A_VAULT,
 * %HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION, %HARBOR_VAULT_ERROR_KEYFILE_DAMAGED,
 * %HARBOR_VAULT_ERROR_FOREIGN_KEYFILE, %HARBOR_VAULT_ERROR_WRONG_PASSPHRASE,
 * %HARBOR_VAULT_ERROR_FOREIGN_DATABASE, %HARBOR_VAULT_ERROR_DAMAGED,
 * %HARBOR_VAULT_ERROR_IO.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_unlock (HarborVault  *self,
                     const char   *passphrase,
                     GError      **error)
{
  g_autoptr(HarborKeyfile) keyfile = NULL;
  HarborKey *master;

  if (self->db != NULL)
    return TRUE;
  keyfile = load_keyfile (self, error);
  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_passphrase (keyfile, passphrase, error);
  if (master == NULL)
    return FALSE;
  return unlock_with_key (self, master, error);
}

/**
 * harbor_vault_unlock_with_recovery_key:
 * @self: a locked vault
 * @recovery_key: the recovery key text
 * @error: return location for a #GError
 *
 * Like harbor_vault_unlock(), with %HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY
 * and %HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_unlock_with_recovery_key (HarborVault  *self,
                                       const char   *recovery_key,
                                       GError      **error)
{
  g_autoptr(HarborKeyfile) keyfile = NULL;
  HarborKey *master;

  if (self->db != NULL)
    return TRUE;
  keyfile = load_keyfile (self, error);
  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_recovery (keyfile, recovery_key, error);
  if (master == NULL)
    return FALSE;
  return unlock_with_key (self, master, error);
}

/**
 * harbor_vault_lock:
 * @self: a vault
 *
 * Rolls back an open transaction, closes the database and wipes the keys.
 */
void
harbor_vault_lock (HarborVault *self)
{
  gboolean was_unlocked = self->db != NULL;

  close_all (self);
  if (was_unlocked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
}

/**
 * harbor_vault_open_reader:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Opens a second connection to the same vault, read-only, for work done on
 * another thread (a backup, a report). A #HarborVault is not thread-safe:
 * each object must be used by one thread at a time, and this is how a
 * worker gets one of its own. The reader has its own copy of the keys; lock
 * or unref it as soon as the work is done (both wipe them). It does not
 * follow @self: locking @self leaves the reader open, so whoever starts the
 * work must stop it when the vault locks.
 *
 * The reader sees committed data only. Inside harbor_vault_begin() it holds
 * a shared lock until harbor_vault_commit() or harbor_vault_rollback(), and
 * other connections cannot commit meanwhile (their commit fails with
 * %HARBOR_VAULT_ERROR_IO, "in use", and is rolled back). Any attempt to
 * write through the reader fails.
 *
 * Returns: (transfer full): the reader, unlocked; %NULL on error
 */
HarborVault *
harbor_vault_open_reader (HarborVault  *self,
                          GError      **error)
{
  g_autoptr(HarborVault) reader = NULL;
  int rc, version;

  g_return_val_if_fail (HARBOR_IS_VAULT (self), NULL);

  if (!check_unlocked (self, error))
    return NULL;

  reader = harbor_vault_new (self->dir);
  harbor_vault_set_base_vfs (reader, self->base_vfs);
  harbor_vault_set_actor (reader, self->actor);
  reader->read_only = TRUE;
  memcpy (reader->vault_id, self->vault_id, ID_LEN);
  memcpy (reader->device, self->device, ID_LEN);
  reader->master = harbor_key_dup (self->master);
  reader->audit_key = harbor_key_dup (self->audit_key);
  reader->vfs = harbor_crypt_vfs_new (reader->master, reader->vault_id, reader->base_vfs, error);
  if (reader->vfs == NULL)
    return NULL;

  rc = sqlite3_open_v2 (reader->db_path, &reader->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        harbor_crypt_vfs_get_name (reader->vfs));
  if (rc != SQLITE_OK)
    {
      _harbor_vault_set_sqlite_error (reader, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (reader->db, 1);
  /* A writer's commit holds the file for a moment: wait for it. */
  sqlite3_busy_timeout (reader->db, 5000);
  if (!exec (reader, harbor_vault_schema_pragmas (), error))
    return NULL;

  /* The first read: checks page 1 and that the schema is the one this
   * code knows (the main connection migrated it when it was unlocked). */
  version = harbor_vault_schema_version (reader->db);
  if (version < 0)
    {
      _harbor_vault_set_sqlite_error (reader, sqlite3_errcode (reader->db), error);
      return NULL;
    }
  if (version != (int) HARBOR_VAULT_SCHEMA_VERSION)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION,
                   _("The vault’s schema version is %d; this Harbor reads version %u"),
                   version, (guint) HARBOR_VAULT_SCHEMA_VERSION);
      return NULL;
    }

  return g_steal_pointer (&reader);
}

/**
 * harbor_vault_is_reader:
 * @self: a vault
 *
 * Returns: %TRUE if @self was made by harbor_vault_open_reader()
 */
gboolean
harbor_vault_is_reader (HarborVault *self)
{
  g_return_val_if_fail (HARBOR_IS_VAULT (self), FALSE);

  return self->read_only;
}

/* Locks without notifying: for failure paths and finalize. */
static void
close_all (HarborVault *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  close_connection (self);
  g_clear_pointer (&self->master, harbor_key_free);
  g_clear_pointer (&self->audit_key, harbor_key_free);
  sodium_memzero (self->device, sizeof self->device);
}

/* Rewraps the master key under @new_passphrase and saves the key file. */
static gboolean
rewrap (HarborVault           *self,
        HarborKeyfile         *keyfile,
        const HarborKey       *master,
        const char            *new_passphrase,
        const HarborKdfParams *params,
        GError               **error)
{
  if (!harbor_keyfile_set_passphrase (keyfile, master, new_passphrase, params, error))
    return FALSE;
  return harbor_keyfile_save (keyfile, self->keyfile_path, error);
}

/* Records a key-file change in the audit log when the vault is open. */
static gboolean
audit_key_change (HarborVault  *self,
                  const char   *action,
                  GError      **error)
{
  if (self->db == NULL)
    return TRUE;
  if (!harbor_vault_begin (self, error))
    return FALSE;
  return _harbor_vault_finish (self, _harbor_vault_audit (self, action, NULL, error), error);
}

/**
 * harbor_vault_change_passphrase:
 * @self: a vault (locked or not)
 * @old_passphrase: the current passphrase
 * @new_passphrase: the new passphrase
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Rewraps the master key in the slot @old_passphrase opens; other
 * passphrases stay valid. The database is not touched.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_change_passphrase (HarborVault           *self,
                                const char            *old_passphrase,
                                const char            *new_passphrase,
                                const HarborKdfParams *params,
                                GError               **error)
{
  g_autoptr(HarborKeyfile) keyfile = load_keyfile (self, error);
  g_autoptr(HarborKey) master = NULL;
  guint slot = 0;

  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_passphrase_slot (keyfile, old_passphrase, &slot, error);
  if (master == NULL)
    return FALSE;
  if (!harbor_keyfile_replace_passphrase (keyfile, slot, master, new_passphrase, params, error)
      || !harbor_keyfile_save (keyfile, self->keyfile_path, error))
    return FALSE;
  return audit_key_change (self, "vault.passphrase_changed", error);
}

/**
 * harbor_vault_add_passphrase:
 * @self: a vault (locked or not)
 * @passphrase: a passphrase that opens the vault
 * @new_passphrase: another passphrase, such as a second caseworker's
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Adds a passphrase slot. Each passphrase opens the vault on its own.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_add_passphrase (HarborVault           *self,
                             const char            *passphrase,
                             const char            *new_passphrase,
                             const HarborKdfParams *params,
                             GError               **error)
{
  g_autoptr(HarborKeyfile) keyfile = load_keyfile (self, error);
  g_autoptr(HarborKey) master = NULL;

  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_passphrase (keyfile, passphrase, error);
  if (master == NULL)
    return FALSE;
  if (!harbor_keyfile_add_passphrase (keyfile, master, new_passphrase, params, error)
      || !harbor_keyfile_save (keyfile, self->keyfile_path, error))
    return FALSE;
  return audit_key_change (self, "vault.passphrase_added", error);
}

/**
 * harbor_vault_remove_passphrase:
 * @self: a vault (locked or not)
 * @passphrase: the passphrase to remove
 * @error: return location for a #GError
 *
 * Removes the slot @passphrase opens. The last passphrase cannot be removed.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_remove_passphrase (HarborVault  *self,
                                const char   *passphrase,
                                GError      **error)
{
  g_autoptr(HarborKeyfile) keyfile = load_keyfile (self, error);
  g_autoptr(HarborKey) master = NULL;
  guint slot = 0;

  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_passphrase_slot (keyfile, passphrase, &slot, error);
  if (master == NULL)
    return FALSE;
  if (!harbor_keyfile_remove_slot (keyfile, slot, error)
      || !harbor_keyfile_save (keyfile, self->keyfile_path, error))
    return FALSE;
  return audit_key_change (self, "vault.passphrase_removed", error);
}

/**
 * harbor_vault_recover:
 * @self: a vault (locked or not)
 * @recovery_key: the recovery key text
 * @new_passphrase: the new passphrase
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Sets a new passphrase with the recovery key, replacing every passphrase
 * slot (whoever recovers the vault decides who may open it). The recovery
 * key stays valid.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_recover (HarborVault           *self,
                      const char            *recovery_key,
                      const char            *new_passphrase,
                      const HarborKdfParams *params,
                      GError               **error)
{
  g_autoptr(HarborKeyfile) keyfile = load_keyfile (self, error);
  g_autoptr(HarborKey) master = NULL;

  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_recovery (keyfile, recovery_key, error);
  if (master == NULL)
    return FALSE;
  if (!rewrap (self, keyfile, master, new_passphrase, params, error))
    return FALSE;
  if (self->db != NULL)
    {
      if (!harbor_vault_begin (self, error))
        return FALSE;
      return _harbor_vault_finish (self, _harbor_vault_audit (self, "vault.recovered", NULL, error), error);
    }
  return TRUE;
}

/* Page checks of both files with the current VFS; appends to @problems. */
static gboolean
check_pages (HarborVault  *self,
             GPtrArray    *problems,
             GError      **error)
{
  g_autoptr(GArray) faults = g_array_new (FALSE, FALSE, sizeof (HarborCryptFault));

  if (!harbor_crypt_vfs_check_database (self->vfs, self->db_path, faults, error))
    return FALSE;
  faults_to_problems (faults, HARBOR_VAULT_DATABASE_NAME, problems);
  g_array_set_size (faults, 0);
  if (!harbor_crypt_vfs_check_journal (self->vfs, self->journal_path, faults, error))
    return FALSE;
  faults_to_problems (faults, HARBOR_VAULT_JOURNAL_NAME, problems);
  return TRUE;
}

/**
 * harbor_vault_verify:
 * @self: an unlocked vault
 * @problems: (out) (transfer full) (element-type utf8): one sentence per problem
 * @error: return location for a #GError (for failures to check at all)
 *
 * Authenticates every page of the database and of a leftover journal, runs
 * SQLite's integrity check and the foreign-key check, and verifies the
 * audit log's hash chain.
 *
 * Returns: %TRUE if the checks ran; then @problems is empty for a sound vault
 */
gboolean
harbor_vault_verify (HarborVault  *self,
                     GPtrArray   **problems,
                     GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) audit_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_unlocked (self, error) || !check_pages (self, out, error))
    return FALSE;

  if (out->len == 0)
    {
      stmt = _harbor_vault_prepare (self, "PRAGMA integrity_check", error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);
          if (g_strcmp0 (line, "ok") != 0)
            g_ptr_array_add (out, g_strdup_printf ("%s: %s", HARBOR_VAULT_DATABASE_NAME, line));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          g_autoptr(GError) local_error = NULL;
          _harbor_vault_set_sqlite_error (self, rc, &local_error);
          g_ptr_array_add (out, g_strdup (local_error->message));
        }

      stmt = _harbor_vault_prepare (self, "PRAGMA foreign_key_check", error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (out, g_strdup_printf (_("%s: a row of %s refers to a missing row"),
                                               HARBOR_VAULT_DATABASE_NAME,
                                               (const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);

      /* The search indexes agree with the rows they index. */
      if (sqlite3_exec (self->db,
                        "INSERT INTO client_fts (client_fts, rank) VALUES ('integrity-check', 1);"
                        "INSERT INTO event_fts (event_fts, rank) VALUES ('integrity-check', 1);",
                        NULL, NULL, NULL) != SQLITE_OK)
        g_ptr_array_add (out, g_strdup_printf (_("%s: the search index is out of step: %s"),
                                               HARBOR_VAULT_DATABASE_NAME, sqlite3_errmsg (self->db)));

      if (!harbor_vault_verify_audit (self, &audit_error))
        g_ptr_array_add (out, g_strdup (audit_error->message));
    }

  *problems = g_steal_pointer (&out);
  return TRUE;
}

/**
 * harbor_vault_verify_files:
 * @self: a locked vault
 * @passphrase: the passphrase
 * @problems: (out) (transfer full) (element-type utf8): one sentence per problem
 * @error: return location for a #GError
 *
 * Like harbor_vault_verify() for a locked vault, and usable when the vault
 * is too damaged to open: every page of every file is authenticated first;
 * only if they all are is the database opened for the remaining checks.
 * The vault is locked again afterwards.
 *
 * Returns: %TRUE if the checks ran
 */
gboolean
harbor_vault_verify_files (HarborVault  *self,
                           const char   *passphrase,
                           GPtrArray   **problems,
                           GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HarborKeyfile) keyfile = NULL;
  g_autoptr(GError) open_error = NULL;
  HarborKey *master;

  g_return_val_if_fail (self->db == NULL, FALSE);

  keyfile = load_keyfile (self, error);
  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_passphrase (keyfile, passphrase, error);
  if (master == NULL)
    return FALSE;
  self->master = master;
  self->vfs = harbor_crypt_vfs_new (self->master, self->vault_id, self->base_vfs, error);
  if (self->vfs == NULL || !check_pages (self, out, error))
    {
      close_all (self);
      return FALSE;
    }
  g_clear_pointer (&self->vfs, harbor_crypt_vfs_free);

  if (out->len == 0)
    {
      g_autoptr(GPtrArray) more = NULL;

      if (!open_database (self, FALSE, &open_error))
        g_ptr_array_add (out, g_strdup (open_error->message));
      else if (!harbor_vault_verify (self, &more, error))
        {
          close_all (self);
          return FALSE;
        }
      else
        g_ptr_array_extend_and_steal (out, g_steal_pointer (&more));
    }
  close_all (self);
  *problems = g_steal_pointer (&out);
  return TRUE;
}
