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
#include "harbor-vault-error.h"
#include "harbor-vault-schema.h"

#define ID_LEN      16
#define HASH_LEN    32
#define MANIFEST_GROUP "Harbor Vault"
#define MANIFEST_FORMAT 1

struct _HarborVault
{
  GObject          parent_instance;

  /* Paths */
  char            *dir;
  char            *manifest_path;
  char            *keyfile_path;
  char            *db_path;
  char            *journal_path;

  /* Settings */
  char            *base_vfs;
  char            *actor;

  /* Unlocked state (all NULL when locked) */
  HarborKey       *master;
  HarborKey       *audit_key;
  HarborCryptVfs  *vfs;
  sqlite3         *db;
  GHashTable      *stmts;      /* SQL text -> sqlite3_stmt */
  guint8           vault_id[ID_LEN];
  guint8           device[ID_LEN];
  guint            depth;
  gint64           last_hlc;
};

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

static char *
id_to_hex (const guint8 *id)
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

static gboolean
parse_id (const char  *hex,
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

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static gint64
next_hlc (HarborVault *self)
{
  gint64 physical = now_ms () << 16;

  self->last_hlc = MAX (self->last_hlc + 1, physical);
  return self->last_hlc;
}

static char *
strv_to_json (const char * const *strv)
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

static GStrv
json_to_strv (const char *json)
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

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text ? g_strdup ((const char *) text) : NULL;
}

static char *
column_id (sqlite3_stmt *stmt,
           int           col)
{
  if (sqlite3_column_type (stmt, col) != SQLITE_BLOB || sqlite3_column_bytes (stmt, col) != ID_LEN)
    return NULL;
  return id_to_hex (sqlite3_column_blob (stmt, col));
}

static void
bind_text (sqlite3_stmt *stmt,
           int           col,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
}

static void
bind_owned_text (sqlite3_stmt *stmt,
                 int           col,
                 char         *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_text (stmt, col, text, -1, g_free);
}

static void
bind_tri (sqlite3_stmt *stmt,
          int           col,
          HarborTri     tri)
{
  if (tri == HARBOR_TRI_UNKNOWN)
    sqlite3_bind_null (stmt, col);
  else
    sqlite3_bind_int (stmt, col, tri == HARBOR_TRI_TRUE);
}

static HarborTri
column_tri (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return HARBOR_TRI_UNKNOWN;
  return sqlite3_column_int (stmt, col) ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
}

static void
bind_date (sqlite3_stmt *stmt,
           int           col,
           const GDate  *date)
{
  bind_owned_text (stmt, col, harbor_date_to_string (date));
}

static void
column_date (sqlite3_stmt *stmt,
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
static gboolean
set_sqlite_error (HarborVault  *self,
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
static sqlite3_stmt *
prepare (HarborVault  *self,
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
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

/* Steps a statement that returns no rows. */
static gboolean
run (HarborVault   *self,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

static gboolean
exec (HarborVault  *self,
      const char   *sql,
      GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
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
  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
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
static gboolean
finish (HarborVault  *self,
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
static gboolean
audit (HarborVault   *self,
       const char    *action,
       const guint8  *object,
       GError       **error)
{
  guint8 prev[HASH_LEN] = { 0 };
  guint8 hash[HASH_LEN];
  guint8 entry_id[ID_LEN];
  guint8 head[8 + HASH_LEN];
  gint64 seq = 1, at = now_ms ();
  sqlite3_stmt *stmt;

  stmt = prepare (self, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", error);
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

  stmt = prepare (self, "INSERT INTO audit_log (seq, id, at, actor, action, object, hash, device) "
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
  if (!run (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < 8; i++)
    head[i] = ((guint64) seq >> (8 * i)) & 0xff;
  memcpy (head + 8, hash, HASH_LEN);
  stmt = prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, head, sizeof head, SQLITE_TRANSIENT);
  return run (self, stmt, error);
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

  stmt = prepare (self, "SELECT seq, at, actor, action, object, hash FROM audit_log ORDER BY seq", error);
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
    return set_sqlite_error (self, rc, error);

  stmt = prepare (self, "SELECT value FROM meta WHERE key = 'audit_head'", error);
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

  stmt = prepare (self, "SELECT seq, at, actor, action, object FROM audit_log ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HarborVaultAuditEntry *entry = g_new0 (HarborVaultAuditEntry, 1);

      entry->seq = sqlite3_column_int64 (stmt, 0);
      entry->at = sqlite3_column_int64 (stmt, 1);
      entry->actor = column_text (stmt, 2);
      entry->action = column_text (stmt, 3);
      entry->object_id = column_id (stmt, 4);
      g_ptr_array_add (out, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error), NULL;
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
  g_autofree char *id = id_to_hex (self->vault_id);
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
    return set_sqlite_error (self, rc, error);
  sqlite3_extended_result_codes (self->db, 1);

  if (create)
    {
      int reserve = HARBOR_CRYPT_RESERVE;

      /* Before the first table: make room for the nonce and the tag. */
      rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
      if (rc != SQLITE_OK)
        return set_sqlite_error (self, rc, error);
      if (!exec (self, "PRAGMA page_size = 4096", error))
        return FALSE;
    }

  if (!exec (self, harbor_vault_schema_pragmas (), error))
    return FALSE;

  /* The first real read: decrypts page 1 (and rolls back a hot journal). */
  stmt = prepare (self, "SELECT count(*) FROM sqlite_master", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);

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
  stmt = prepare (self, "SELECT value FROM meta WHERE key = 'device'", error);
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
        return set_sqlite_error (self, rc, error);
      randombytes_buf (self->device, ID_LEN);
      stmt = prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('device', ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_blob (stmt, 1, self->device, ID_LEN, SQLITE_TRANSIENT);
      if (!run (self, stmt, error))
        return FALSE;
    }

  stmt = prepare (self, "SELECT max(hlc) FROM (SELECT max(hlc) AS hlc FROM clients "
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
      || !finish (self, audit (self, "vault.create", NULL, error), error))
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

/**
 * harbor_vault_change_passphrase:
 * @self: a vault (locked or not)
 * @old_passphrase: the current passphrase
 * @new_passphrase: the new passphrase
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Rewraps the master key; the database is not touched.
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

  if (keyfile == NULL)
    return FALSE;
  master = harbor_keyfile_unlock_passphrase (keyfile, old_passphrase, error);
  if (master == NULL)
    return FALSE;
  if (!rewrap (self, keyfile, master, new_passphrase, params, error))
    return FALSE;
  if (self->db != NULL)
    {
      if (!harbor_vault_begin (self, error))
        return FALSE;
      return finish (self, audit (self, "vault.passphrase_changed", NULL, error), error);
    }
  return TRUE;
}

/**
 * harbor_vault_recover:
 * @self: a vault (locked or not)
 * @recovery_key: the recovery key text
 * @new_passphrase: the new passphrase
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Sets a new passphrase with the recovery key (the recovery key stays valid).
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
      return finish (self, audit (self, "vault.recovered", NULL, error), error);
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
      stmt = prepare (self, "PRAGMA integrity_check", error);
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
          set_sqlite_error (self, rc, &local_error);
          g_ptr_array_add (out, g_strdup (local_error->message));
        }

      stmt = prepare (self, "PRAGMA foreign_key_check", error);
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

/* ---- Stores: shared ------------------------------------------------------------ */

/* Stamps for an insert or update: ?hlc, ?device, ?now. */
static void
bind_stamp (HarborVault  *self,
            sqlite3_stmt *stmt,
            int           first)
{
  sqlite3_bind_int64 (stmt, first, next_hlc (self));
  sqlite3_bind_blob (stmt, first + 1, self->device, ID_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, first + 2, now_ms ());
}

static gboolean
not_found (GError     **error,
           const char  *what)
{
  g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND,
               _("No %s with that id"), what);
  return FALSE;
}

/* Marks the client as recently active; fails with NOT_FOUND unless it is live. */
static gboolean
touch_client (HarborVault   *self,
              const guint8  *client_id,
              GError       **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE clients SET activity_at = ? "
                                      "WHERE id = ? AND deleted_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_ms ());
  sqlite3_bind_blob (stmt, 2, client_id, ID_LEN, SQLITE_TRANSIENT);
  if (!run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, _("client"));
  return TRUE;
}

/* ---- Clients -------------------------------------------------------------------- */

#define CLIENT_COLUMNS \
  "id, display_name, aliases, birth_date, pronouns, languages, safety_notes, " \
  "trafficking_types, trafficking_began_on, trafficking_ended_on, " \
  "trafficking_documentation, activity_at, deleted_at"

static HarborVaultClient *
read_client (sqlite3_stmt *stmt)
{
  HarborVaultClient *client = harbor_vault_client_new ();

  client->id = column_id (stmt, 0);
  client->display_name = column_text (stmt, 1);
  client->aliases = json_to_strv ((const char *) sqlite3_column_text (stmt, 2));
  client->birth_date = column_text (stmt, 3);
  client->pronouns = column_text (stmt, 4);
  client->languages = json_to_strv ((const char *) sqlite3_column_text (stmt, 5));
  client->safety_notes = column_text (stmt, 6);
  client->trafficking_types = json_to_strv ((const char *) sqlite3_column_text (stmt, 7));
  client->trafficking_began_on = column_text (stmt, 8);
  client->trafficking_ended_on = column_text (stmt, 9);
  client->trafficking_documentation = json_to_strv ((const char *) sqlite3_column_text (stmt, 10));
  client->activity_at = sqlite3_column_int64 (stmt, 11);
  client->deleted = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
  return client;
}

/* Binds display_name .. trafficking_documentation at ?first .. ?first+9. */
static void
bind_client (sqlite3_stmt            *stmt,
             int                      first,
             const HarborVaultClient *client)
{
  bind_text (stmt, first, client->display_name ? client->display_name : "");
  bind_owned_text (stmt, first + 1, strv_to_json ((const char * const *) client->aliases));
  bind_text (stmt, first + 2, client->birth_date);
  bind_text (stmt, first + 3, client->pronouns);
  bind_owned_text (stmt, first + 4, strv_to_json ((const char * const *) client->languages));
  bind_text (stmt, first + 5, client->safety_notes);
  bind_owned_text (stmt, first + 6, strv_to_json ((const char * const *) client->trafficking_types));
  bind_text (stmt, first + 7, client->trafficking_began_on);
  bind_text (stmt, first + 8, client->trafficking_ended_on);
  bind_owned_text (stmt, first + 9,
                   strv_to_json ((const char * const *) client->trafficking_documentation));
}

/* Checks (field name, value) pairs up to END_DATES: each value must be
 * NULL (unknown) or a real YYYY-MM-DD date. */
static gboolean
check_dates (GError     **error,
             ...)
{
  va_list args;
  const char *field;
  gboolean ok = TRUE;

  va_start (args, error);
  while (ok && (field = va_arg (args, const char *)) != (const char *) -1)
    {
      const char *date = va_arg (args, const char *);
      GDate parsed;

      if (date != NULL && !harbor_date_parse (date, &parsed))
        {
          g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                       _("%s: expected a date as YYYY-MM-DD; got “%s”"), field, date);
          ok = FALSE;
        }
    }
  va_end (args);
  return ok;
}

#define END_DATES ((const char *) -1)

static gboolean
insert_client (HarborVault             *self,
               const HarborVaultClient *client,
               guint8                  *id,
               GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_ms ();

  if (!check_dates (error, "birth_date", client->birth_date,
                    "trafficking_began_on", client->trafficking_began_on,
                    "trafficking_ended_on", client->trafficking_ended_on, END_DATES))
    return FALSE;
  stmt = prepare (self, "INSERT INTO clients (id, display_name, aliases, birth_date, pronouns, "
                        "languages, safety_notes, trafficking_types, trafficking_began_on, "
                        "trafficking_ended_on, trafficking_documentation, activity_at, hlc, "
                        "device, created_at, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                  error);
  if (stmt == NULL)
    return FALSE;
  randombytes_buf (id, ID_LEN);
  sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
  bind_client (stmt, 2, client);
  sqlite3_bind_int64 (stmt, 12, now);
  bind_stamp (self, stmt, 13);
  if (!run (self, stmt, error))
    return FALSE;
  return audit (self, "client.create", id, error);
}

/**
 * harbor_vault_add_client:
 * @self: an unlocked vault
 * @client: the client (its id is ignored)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new client's id, or %NULL
 */
char *
harbor_vault_add_client (HarborVault             *self,
                         const HarborVaultClient *client,
                         GError                 **error)
{
  guint8 id[ID_LEN];

  if (!harbor_vault_begin (self, error))
    return NULL;
  if (!finish (self, insert_client (self, client, id, error), error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_get_client:
 * @self: an unlocked vault
 * @id: a client id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the client (also a deleted one, with ->deleted set)
 */
HarborVaultClient *
harbor_vault_get_client (HarborVault  *self,
                         const char   *id,
                         GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  HarborVaultClient *client = NULL;
  int rc;

  if (!parse_id (id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    client = read_client (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("client")), NULL;
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error), NULL;
  return client;
}

/**
 * harbor_vault_update_client:
 * @self: an unlocked vault
 * @client: the client, with the id of a live client
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_update_client (HarborVault             *self,
                            const HarborVaultClient *client,
                            GError                 **error)
{
  guint8 id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (client->id, id, error)
      || !check_dates (error, "birth_date", client->birth_date,
                       "trafficking_began_on", client->trafficking_began_on,
                       "trafficking_ended_on", client->trafficking_ended_on, END_DATES))
    return FALSE;
  if (!harbor_vault_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE clients SET display_name = ?2, aliases = ?3, birth_date = ?4, "
                        "pronouns = ?5, languages = ?6, safety_notes = ?7, trafficking_types = ?8, "
                        "trafficking_began_on = ?9, trafficking_ended_on = ?10, "
                        "trafficking_documentation = ?11, activity_at = ?12, hlc = ?13, "
                        "device = ?14, updated_at = ?15 WHERE id = ?1 AND deleted_at IS NULL",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      bind_client (stmt, 2, client);
      sqlite3_bind_int64 (stmt, 12, now_ms ());
      bind_stamp (self, stmt, 13);
      ok = run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("client"));
    }
  ok = ok && audit (self, "client.update", id, error);
  return finish (self, ok, error);
}

/**
 * harbor_vault_count_clients:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: the number of live clients, or -1
 */
gint64
harbor_vault_count_clients (HarborVault  *self,
                            GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT count(*) FROM clients WHERE deleted_at IS NULL", error);
  gint64 n;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error), -1;
  return n;
}

static GPtrArray *
collect (HarborVault   *self,
         sqlite3_stmt  *stmt,
         gpointer     (*read) (sqlite3_stmt *),
         GDestroyNotify free_func,
         GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error), NULL;
  return g_steal_pointer (&out);
}

/**
 * harbor_vault_list_clients:
 * @self: an unlocked vault
 * @offset: the position of the first client to return
 * @limit: how many to return at most
 * @error: return location for a #GError
 *
 * Live clients, most recently active first: with harbor_vault_count_clients()
 * this is what a GListModel needs.
 *
 * Returns: (transfer full) (element-type HarborVaultClient): the clients
 */
GPtrArray *
harbor_vault_list_clients (HarborVault  *self,
                           guint         offset,
                           guint         limit,
                           GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE deleted_at IS NULL "
                                      "ORDER BY activity_at DESC, id LIMIT ? OFFSET ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);
  return collect (self, stmt, (gpointer) read_client, (GDestroyNotify) harbor_vault_client_free, error);
}

/**
 * harbor_vault_list_deleted_clients:
 * @self: an unlocked vault
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultClient): deleted, not yet purged clients
 */
GPtrArray *
harbor_vault_list_deleted_clients (HarborVault  *self,
                                   GError      **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients "
                                      "WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC", error);

  if (stmt == NULL)
    return NULL;
  return collect (self, stmt, (gpointer) read_client, (GDestroyNotify) harbor_vault_client_free, error);
}

/* Turns user text into an FTS5 query: every word a prefix, all required. */
static char *
fts_query (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      for (const char *p = words[i]; *p != '\0'; p++)
        if (*p != '"')
          g_string_append_c (word, *p);
      if (word->len == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "\"%s\"*", word->str);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * harbor_vault_search_clients:
 * @self: an unlocked vault
 * @query: words; each matches the start of a word in a live client's name,
 *   aliases or notes, case- and accent-insensitively
 * @limit: the most clients to return
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultClient): matching clients,
 *   most recently active first
 */
GPtrArray *
harbor_vault_search_clients (HarborVault  *self,
                             const char   *query,
                             guint         limit,
                             GError      **error)
{
  g_autofree char *match = fts_query (query);
  sqlite3_stmt *stmt;

  if (match == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) harbor_vault_client_free);
  stmt = prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE deleted_at IS NULL AND rowid IN ("
                        " SELECT rowid FROM client_fts WHERE client_fts MATCH ?1"
                        " UNION SELECT c.rowid FROM event_fts JOIN events e ON e.rowid = event_fts.rowid"
                        "   JOIN clients c ON c.id = e.client_id"
                        "   WHERE event_fts MATCH ?1 AND e.deleted_at IS NULL)"
                        " ORDER BY activity_at DESC, id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  return collect (self, stmt, (gpointer) read_client, (GDestroyNotify) harbor_vault_client_free, error);
}

/* ---- Records ----------------------------------------------------------------------- */

#define RECORD_COLUMNS \
  "id, case_ref, jurisdiction, court, disposition, offense_description, offense_statute, " \
  "offense_categories, offense_class, offense_degree, offense_violent, offense_child_victim, " \
  "offense_date, disposition_date, sentence_completed_on, sentenced_to_imprisonment, " \
  "imprisoned, result_of_trafficking"

static gpointer
read_record (sqlite3_stmt *stmt)
{
  HarborRecord *record = harbor_record_new ();
  const char *text;

  record->id = column_id (stmt, 0);
  record->jurisdiction = column_text (stmt, 2);
  if ((text = (const char *) sqlite3_column_text (stmt, 3)) != NULL)
    harbor_court_from_string (text, &record->court);
  if ((text = (const char *) sqlite3_column_text (stmt, 4)) != NULL)
    harbor_disposition_from_string (text, &record->disposition);
  record->offense.description = column_text (stmt, 5);
  record->offense.statute = column_text (stmt, 6);
  record->offense.categories = json_to_strv ((const char *) sqlite3_column_text (stmt, 7));
  if ((text = (const char *) sqlite3_column_text (stmt, 8)) != NULL)
    harbor_offense_class_from_string (text, &record->offense.klass);
  record->offense.degree = column_text (stmt, 9);
  record->offense.violent = column_tri (stmt, 10);
  record->offense.child_victim = column_tri (stmt, 11);
  column_date (stmt, 12, &record->offense_date);
  column_date (stmt, 13, &record->disposition_date);
  column_date (stmt, 14, &record->sentence_completed_on);
  record->sentenced_to_imprisonment = column_tri (stmt, 15);
  record->imprisoned = column_tri (stmt, 16);
  record->result_of_trafficking = column_tri (stmt, 17);
  return record;
}

/* Binds jurisdiction .. result_of_trafficking at ?first .. ?first+15. */
static void
bind_record (sqlite3_stmt       *stmt,
             int                 first,
             const HarborRecord *record)
{
  bind_text (stmt, first, record->jurisdiction);
  bind_text (stmt, first + 1, harbor_court_to_string (record->court));
  bind_text (stmt, first + 2, harbor_disposition_to_string (record->disposition));
  bind_text (stmt, first + 3, record->offense.description);
  bind_text (stmt, first + 4, record->offense.statute);
  bind_owned_text (stmt, first + 5, strv_to_json ((const char * const *) record->offense.categories));
  bind_text (stmt, first + 6, harbor_offense_class_to_string (record->offense.klass));
  bind_text (stmt, first + 7, record->offense.degree);
  bind_tri (stmt, first + 8, record->offense.violent);
  bind_tri (stmt, first + 9, record->offense.child_victim);
  bind_date (stmt, first + 10, &record->offense_date);
  bind_date (stmt, first + 11, &record->disposition_date);
  bind_date (stmt, first + 12, &record->sentence_completed_on);
  bind_tri (stmt, first + 13, record->sentenced_to_imprisonment);
  bind_tri (stmt, first + 14, record->imprisoned);
  bind_tri (stmt, first + 15, record->result_of_trafficking);
}

static gboolean
insert_record (HarborVault        *self,
               const guint8       *client_id,
               const HarborRecord *record,
               guint8             *id,
               GError            **error)
{
  sqlite3_stmt *stmt;

  if (!touch_client (self, client_id, error))
    return FALSE;
  stmt = prepare (self, "INSERT INTO records (id, client_id, case_ref, jurisdiction, court, "
                        "disposition, offense_description, offense_statute, offense_categories, "
                        "offense_class, offense_degree, offense_violent, offense_child_victim, "
                        "offense_date, disposition_date, sentence_completed_on, "
                        "sentenced_to_imprisonment, imprisoned, result_of_trafficking, "
                        "hlc, device, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)",
                  error);
  if (stmt == NULL)
    return FALSE;
  randombytes_buf (id, ID_LEN);
  sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, client_id, ID_LEN, SQLITE_TRANSIENT);
  bind_text (stmt, 3, record->id);
  bind_record (stmt, 4, record);
  bind_stamp (self, stmt, 20);
  if (!run (self, stmt, error))
    return FALSE;
  return audit (self, "record.create", id, error);
}

/**
 * harbor_vault_add_record:
 * @self: an unlocked vault
 * @client_id: a live client's id
 * @record: the record; its id is kept as the case-file reference
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new record's id, or %NULL
 */
char *
harbor_vault_add_record (HarborVault        *self,
                         const char         *client_id,
                         const HarborRecord *record,
                         GError            **error)
{
  guint8 client[ID_LEN], id[ID_LEN];

  if (!parse_id (client_id, client, error) || !harbor_vault_begin (self, error))
    return NULL;
  if (!finish (self, insert_record (self, client, record, id, error), error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_get_record:
 * @self: an unlocked vault
 * @id: a record id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the record (live or deleted); its id is the vault id
 */
HarborRecord *
harbor_vault_get_record (HarborVault  *self,
                         const char   *id,
                         GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  HarborRecord *record = NULL;
  int rc;

  if (!parse_id (id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT " RECORD_COLUMNS " FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("record")), NULL;
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error), NULL;
  return record;
}

/**
 * harbor_vault_update_record:
 * @self: an unlocked vault
 * @record: the record, whose id is the vault id of a live record
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_update_record (HarborVault        *self,
                            const HarborRecord *record,
                            GError            **error)
{
  guint8 id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (record->id, id, error) || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE records SET jurisdiction = ?2, court = ?3, disposition = ?4, "
                        "offense_description = ?5, offense_statute = ?6, offense_categories = ?7, "
                        "offense_class = ?8, offense_degree = ?9, offense_violent = ?10, "
                        "offense_child_victim = ?11, offense_date = ?12, disposition_date = ?13, "
                        "sentence_completed_on = ?14, sentenced_to_imprisonment = ?15, "
                        "imprisoned = ?16, result_of_trafficking = ?17, hlc = ?18, device = ?19, "
                        "updated_at = ?20 WHERE id = ?1 AND deleted_at IS NULL", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      bind_record (stmt, 2, record);
      bind_stamp (self, stmt, 18);
      ok = run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("record"));
    }
  if (ok)
    {
      stmt = prepare (self, "UPDATE clients SET activity_at = ?1 WHERE id = "
                            "(SELECT client_id FROM records WHERE id = ?2)", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, now_ms ());
          sqlite3_bind_blob (stmt, 2, id, ID_LEN, SQLITE_TRANSIENT);
          ok = run (self, stmt, error);
        }
    }
  ok = ok && audit (self, "record.update", id, error);
  return finish (self, ok, error);
}

/**
 * harbor_vault_list_records:
 * @self: an unlocked vault
 * @client_id: a client id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborRecord): the client's live records, oldest first
 */
GPtrArray *
harbor_vault_list_records (HarborVault  *self,
                           const char   *client_id,
                           GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;

  if (!parse_id (client_id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT " RECORD_COLUMNS " FROM records WHERE client_id = ? "
                        "AND deleted_at IS NULL ORDER BY created_at, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  return collect (self, stmt, read_record, (GDestroyNotify) harbor_record_free, error);
}

/* ---- Events ------------------------------------------------------------------------ */

static gpointer
read_event (sqlite3_stmt *stmt)
{
  HarborVaultEvent *event = harbor_vault_event_new ();

  event->id = column_id (stmt, 0);
  event->client_id = column_id (stmt, 1);
  event->kind = column_text (stmt, 2);
  event->date = column_text (stmt, 3);
  event->text = column_text (stmt, 4);
  event->deleted = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  return event;
}

static gboolean
check_required (GError     **error,
                const char  *value,
                const char  *field)
{
  if (value == NULL || value[0] == '\0')
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                   _("%s: a value is required"), field);
      return FALSE;
    }
  return TRUE;
}

/**
 * harbor_vault_add_event:
 * @self: an unlocked vault
 * @event: the event (kind required; client_id of a live client)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new event's id, or %NULL
 */
char *
harbor_vault_add_event (HarborVault             *self,
                        const HarborVaultEvent  *event,
                        GError                 **error)
{
  guint8 client[ID_LEN], id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (event->client_id, client, error) || !check_required (error, event->kind, "kind")
      || !check_dates (error, "date", event->date, END_DATES) || !harbor_vault_begin (self, error))
    return NULL;
  ok = touch_client (self, client, error);
  stmt = ok ? prepare (self, "INSERT INTO events (id, client_id, kind, date, text, hlc, device, "
                             "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                       error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      randombytes_buf (id, ID_LEN);
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, client, ID_LEN, SQLITE_TRANSIENT);
      bind_text (stmt, 3, event->kind);
      bind_text (stmt, 4, event->date);
      bind_text (stmt, 5, event->text ? event->text : "");
      bind_stamp (self, stmt, 6);
      ok = run (self, stmt, error) && audit (self, "event.create", id, error);
    }
  if (!finish (self, ok, error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_get_event:
 * @self: an unlocked vault
 * @id: an event id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the event
 */
HarborVaultEvent *
harbor_vault_get_event (HarborVault  *self,
                        const char   *id,
                        GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  HarborVaultEvent *event = NULL;
  int rc;

  if (!parse_id (id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT id, client_id, kind, date, text, deleted_at FROM events WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    event = read_event (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("event")), NULL;
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error), NULL;
  return event;
}

/**
 * harbor_vault_update_event:
 * @self: an unlocked vault
 * @event: the event, with the id of a live event
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_update_event (HarborVault             *self,
                           const HarborVaultEvent  *event,
                           GError                 **error)
{
  guint8 id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (event->id, id, error) || !check_required (error, event->kind, "kind")
      || !check_dates (error, "date", event->date, END_DATES) || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE events SET kind = ?2, date = ?3, text = ?4, hlc = ?5, device = ?6, "
                        "updated_at = ?7 WHERE id = ?1 AND deleted_at IS NULL", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      bind_text (stmt, 2, event->kind);
      bind_text (stmt, 3, event->date);
      bind_text (stmt, 4, event->text ? event->text : "");
      bind_stamp (self, stmt, 5);
      ok = run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("event"));
    }
  ok = ok && audit (self, "event.update", id, error);
  return finish (self, ok, error);
}

/**
 * harbor_vault_list_events:
 * @self: an unlocked vault
 * @client_id: a client id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultEvent): the client's
 *   timeline (live events by date, undated last)
 */
GPtrArray *
harbor_vault_list_events (HarborVault  *self,
                          const char   *client_id,
                          GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;

  if (!parse_id (client_id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT id, client_id, kind, date, text, deleted_at FROM events "
                        "WHERE client_id = ? AND deleted_at IS NULL "
                        "ORDER BY date IS NULL, date, created_at, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  return collect (self, stmt, read_event, (GDestroyNotify) harbor_vault_event_free, error);
}

/* ---- Checklists -------------------------------------------------------------------- */

static gpointer
read_checklist (sqlite3_stmt *stmt)
{
  HarborVaultChecklist *checklist = harbor_vault_checklist_new ();

  checklist->id = column_id (stmt, 0);
  checklist->client_id = column_id (stmt, 1);
  checklist->record_id = column_id (stmt, 2);
  checklist->pathway_id = column_text (stmt, 3);
  checklist->title = column_text (stmt, 4);
  checklist->deleted = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  return checklist;
}

/**
 * harbor_vault_add_checklist:
 * @self: an unlocked vault
 * @checklist: the checklist (client_id and pathway_id required)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new checklist's id, or %NULL
 */
char *
harbor_vault_add_checklist (HarborVault                 *self,
                            const HarborVaultChecklist  *checklist,
                            GError                     **error)
{
  guint8 client[ID_LEN], record[ID_LEN], id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (checklist->client_id, client, error)
      || (checklist->record_id != NULL && !parse_id (checklist->record_id, record, error))
      || !check_required (error, checklist->pathway_id, "pathway_id")
      || !harbor_vault_begin (self, error))
    return NULL;
  ok = touch_client (self, client, error);
  stmt = ok ? prepare (self, "INSERT INTO checklists (id, client_id, record_id, pathway_id, title, "
                             "hlc, device, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      randombytes_buf (id, ID_LEN);
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, client, ID_LEN, SQLITE_TRANSIENT);
      if (checklist->record_id != NULL)
        sqlite3_bind_blob (stmt, 3, record, ID_LEN, SQLITE_TRANSIENT);
      bind_text (stmt, 4, checklist->pathway_id);
      bind_text (stmt, 5, checklist->title);
      bind_stamp (self, stmt, 6);
      ok = run (self, stmt, error) && audit (self, "checklist.create", id, error);
    }
  if (!finish (self, ok, error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_get_checklist:
 * @self: an unlocked vault
 * @id: a checklist id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the checklist
 */
HarborVaultChecklist *
harbor_vault_get_checklist (HarborVault  *self,
                            const char   *id,
                            GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  HarborVaultChecklist *checklist = NULL;
  int rc;

  if (!parse_id (id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT id, client_id, record_id, pathway_id, title, deleted_at "
                        "FROM checklists WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    checklist = read_checklist (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("checklist")), NULL;
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error), NULL;
  return checklist;
}

/**
 * harbor_vault_list_checklists:
 * @self: an unlocked vault
 * @client_id: a client id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultChecklist): live checklists
 */
GPtrArray *
harbor_vault_list_checklists (HarborVault  *self,
                              const char   *client_id,
                              GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;

  if (!parse_id (client_id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT id, client_id, record_id, pathway_id, title, deleted_at FROM checklists "
                        "WHERE client_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  return collect (self, stmt, read_checklist, (GDestroyNotify) harbor_vault_checklist_free, error);
}

static gpointer
read_item (sqlite3_stmt *stmt)
{
  HarborVaultChecklistItem *item = harbor_vault_checklist_item_new ();

  item->id = column_id (stmt, 0);
  item->checklist_id = column_id (stmt, 1);
  item->position = sqlite3_column_int (stmt, 2);
  item->step = column_text (stmt, 3);
  item->status = column_text (stmt, 4);
  item->due_on = column_text (stmt, 5);
  item->done_on = column_text (stmt, 6);
  item->note = column_text (stmt, 7);
  item->deleted = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  return item;
}

static gboolean
check_status (GError     **error,
              const char  *status)
{
  static const char *const statuses[] = { "todo", "in_progress", "done", "not_needed", NULL };

  if (status == NULL || g_strv_contains (statuses, status))
    return TRUE;
  g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
               _("status: expected one of todo, in_progress, done, not_needed; got “%s”"),
               status);
  return FALSE;
}

/**
 * harbor_vault_add_checklist_item:
 * @self: an unlocked vault
 * @item: the item (checklist_id and step required; status defaults to todo)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new item's id, or %NULL
 */
char *
harbor_vault_add_checklist_item (HarborVault                     *self,
                                 const HarborVaultChecklistItem  *item,
                                 GError                         **error)
{
  guint8 checklist[ID_LEN], id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (item->checklist_id, checklist, error) || !check_required (error, item->step, "step")
      || !check_status (error, item->status)
      || !check_dates (error, "due_on", item->due_on, "done_on", item->done_on, END_DATES)
      || !harbor_vault_begin (self, error))
    return NULL;
  stmt = prepare (self, "INSERT INTO checklist_items (id, checklist_id, position, step, status, "
                        "due_on, done_on, note, hlc, device, created_at, updated_at) "
                        "SELECT ?1, ?2, ?3, ?4, coalesce(?5, 'todo'), ?6, ?7, ?8, ?9, ?10, ?11, ?11 "
                        "WHERE EXISTS (SELECT 1 FROM checklists WHERE id = ?2 AND deleted_at IS NULL)",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      randombytes_buf (id, ID_LEN);
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, checklist, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, item->position);
      bind_text (stmt, 4, item->step);
      bind_text (stmt, 5, item->status);
      bind_text (stmt, 6, item->due_on);
      bind_text (stmt, 7, item->done_on);
      bind_text (stmt, 8, item->note);
      bind_stamp (self, stmt, 9);
      ok = run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("checklist"));
      ok = ok && audit (self, "checklist_item.create", id, error);
    }
  if (!finish (self, ok, error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_update_checklist_item:
 * @self: an unlocked vault
 * @item: the item, with the id of a live item
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_update_checklist_item (HarborVault                     *self,
                                    const HarborVaultChecklistItem  *item,
                                    GError                         **error)
{
  guint8 id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (item->id, id, error) || !check_required (error, item->step, "step")
      || !check_status (error, item->status)
      || !check_dates (error, "due_on", item->due_on, "done_on", item->done_on, END_DATES)
      || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE checklist_items SET position = ?2, step = ?3, "
                        "status = coalesce(?4, 'todo'), due_on = ?5, done_on = ?6, note = ?7, "
                        "hlc = ?8, device = ?9, updated_at = ?10 WHERE id = ?1 AND deleted_at IS NULL",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, item->position);
      bind_text (stmt, 3, item->step);
      bind_text (stmt, 4, item->status);
      bind_text (stmt, 5, item->due_on);
      bind_text (stmt, 6, item->done_on);
      bind_text (stmt, 7, item->note);
      bind_stamp (self, stmt, 8);
      ok = run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("checklist item"));
    }
  ok = ok && audit (self, "checklist_item.update", id, error);
  return finish (self, ok, error);
}

/**
 * harbor_vault_list_checklist_items:
 * @self: an unlocked vault
 * @checklist_id: a checklist id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultChecklistItem): live items by position
 */
GPtrArray *
harbor_vault_list_checklist_items (HarborVault  *self,
                                   const char   *checklist_id,
                                   GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;

  if (!parse_id (checklist_id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT id, checklist_id, position, step, status, due_on, done_on, note, "
                        "deleted_at FROM checklist_items WHERE checklist_id = ? AND deleted_at IS NULL "
                        "ORDER BY position, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  return collect (self, stmt, read_item, (GDestroyNotify) harbor_vault_checklist_item_free, error);
}

/* ---- Consents ------------------------------------------------------------------------ */

#define CONSENT_COLUMNS "id, client_id, party, scope, signed_on, expires_on, revoked_on, note, deleted_at"

static gpointer
read_consent (sqlite3_stmt *stmt)
{
  HarborVaultConsent *consent = harbor_vault_consent_new ();

  consent->id = column_id (stmt, 0);
  consent->client_id = column_id (stmt, 1);
  consent->party = column_text (stmt, 2);
  consent->scope = column_text (stmt, 3);
  consent->signed_on = column_text (stmt, 4);
  consent->expires_on = column_text (stmt, 5);
  consent->revoked_on = column_text (stmt, 6);
  consent->note = column_text (stmt, 7);
  consent->deleted = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  return consent;
}

static gboolean
check_consent (const HarborVaultConsent  *consent,
               GError                   **error)
{
  return check_required (error, consent->party, "party")
         && check_dates (error, "signed_on", consent->signed_on, "expires_on", consent->expires_on,
                         "revoked_on", consent->revoked_on, END_DATES);
}

/**
 * harbor_vault_add_consent:
 * @self: an unlocked vault
 * @consent: the consent or release (client_id and party required)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new consent's id, or %NULL
 */
char *
harbor_vault_add_consent (HarborVault               *self,
                          const HarborVaultConsent  *consent,
                          GError                   **error)
{
  guint8 client[ID_LEN], id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (consent->client_id, client, error) || !check_consent (consent, error)
      || !harbor_vault_begin (self, error))
    return NULL;
  ok = touch_client (self, client, error);
  stmt = ok ? prepare (self, "INSERT INTO consents (id, client_id, party, scope, signed_on, expires_on, "
                             "revoked_on, note, hlc, device, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      randombytes_buf (id, ID_LEN);
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, client, ID_LEN, SQLITE_TRANSIENT);
      bind_text (stmt, 3, consent->party);
      bind_text (stmt, 4, consent->scope);
      bind_text (stmt, 5, consent->signed_on);
      bind_text (stmt, 6, consent->expires_on);
      bind_text (stmt, 7, consent->revoked_on);
      bind_text (stmt, 8, consent->note);
      bind_stamp (self, stmt, 9);
      ok = run (self, stmt, error) && audit (self, "consent.create", id, error);
    }
  if (!finish (self, ok, error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_get_consent:
 * @self: an unlocked vault
 * @id: a consent id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the consent
 */
HarborVaultConsent *
harbor_vault_get_consent (HarborVault  *self,
                          const char   *id,
                          GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  HarborVaultConsent *consent = NULL;
  int rc;

  if (!parse_id (id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT " CONSENT_COLUMNS " FROM consents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    consent = read_consent (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error, _("consent")), NULL;
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error), NULL;
  return consent;
}

/**
 * harbor_vault_update_consent:
 * @self: an unlocked vault
 * @consent: the consent, with the id of a live consent
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_update_consent (HarborVault               *self,
                             const HarborVaultConsent  *consent,
                             GError                   **error)
{
  guint8 id[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!parse_id (consent->id, id, error) || !check_consent (consent, error)
      || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE consents SET party = ?2, scope = ?3, signed_on = ?4, expires_on = ?5, "
                        "revoked_on = ?6, note = ?7, hlc = ?8, device = ?9, updated_at = ?10 "
                        "WHERE id = ?1 AND deleted_at IS NULL", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      bind_text (stmt, 2, consent->party);
      bind_text (stmt, 3, consent->scope);
      bind_text (stmt, 4, consent->signed_on);
      bind_text (stmt, 5, consent->expires_on);
      bind_text (stmt, 6, consent->revoked_on);
      bind_text (stmt, 7, consent->note);
      bind_stamp (self, stmt, 8);
      ok = run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("consent"));
    }
  ok = ok && audit (self, "consent.update", id, error);
  return finish (self, ok, error);
}

/**
 * harbor_vault_list_consents:
 * @self: an unlocked vault
 * @client_id: a client id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type HarborVaultConsent): live consents
 */
GPtrArray *
harbor_vault_list_consents (HarborVault  *self,
                            const char   *client_id,
                            GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;

  if (!parse_id (client_id, raw, error))
    return NULL;
  stmt = prepare (self, "SELECT " CONSENT_COLUMNS " FROM consents WHERE client_id = ? "
                        "AND deleted_at IS NULL ORDER BY signed_on IS NULL, signed_on, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  return collect (self, stmt, read_consent, (GDestroyNotify) harbor_vault_consent_free, error);
}

/* ---- Deletion --------------------------------------------------------------------------- */

#define FOR_TABLE(sql_prefix, sql_suffix) { \
  sql_prefix "clients" sql_suffix, sql_prefix "records" sql_suffix, sql_prefix "events" sql_suffix, \
  sql_prefix "checklists" sql_suffix, sql_prefix "checklist_items" sql_suffix, \
  sql_prefix "consents" sql_suffix }

static const char *const delete_sql[] =
  FOR_TABLE ("UPDATE ", " SET deleted_at = ?2, hlc = ?3, device = ?4, updated_at = ?5 "
                        "WHERE id = ?1 AND deleted_at IS NULL");
static const char *const undelete_sql[] =
  FOR_TABLE ("UPDATE ", " SET deleted_at = NULL, hlc = ?3, device = ?4, updated_at = ?5 "
                        "WHERE id = ?1 AND deleted_at IS NOT NULL");
static const char *const purge_sql[] =
  FOR_TABLE ("DELETE FROM ", " WHERE id = ?1 AND deleted_at IS NOT NULL");
static const char *const exists_sql[] =
  FOR_TABLE ("SELECT 1 FROM ", " WHERE id = ?1");

static const char *const kind_names[] = {
  "client", "record", "event", "checklist", "checklist_item", "consent",
};

static gboolean
change_tombstone (HarborVault      *self,
                  HarborVaultKind   kind,
                  const char       *id,
                  const char *const *sql_table,
                  const char       *verb,
                  GError          **error)
{
  g_autofree char *action = NULL;
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (kind <= HARBOR_VAULT_KIND_CONSENT, FALSE);
  if (!parse_id (id, raw, error) || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = prepare (self, sql_table[kind], error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
      if (sql_table != purge_sql)
        {
          if (sql_table == delete_sql)
            sqlite3_bind_int64 (stmt, 2, now_ms ());
          bind_stamp (self, stmt, 3);
        }
      ok = run (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    {
      /* Tell "no such object" from "not in the right state". */
      sqlite3_stmt *exists = prepare (self, exists_sql[kind], error);
      gboolean found;

      ok = FALSE;
      if (exists != NULL)
        {
          sqlite3_bind_blob (exists, 1, raw, ID_LEN, SQLITE_TRANSIENT);
          found = sqlite3_step (exists) == SQLITE_ROW;
          sqlite3_reset (exists);
          if (!found)
            not_found (error, kind_names[kind]);
          else if (sql_table == delete_sql)
            g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND,
                         _("That %s is already deleted"), kind_names[kind]);
          else if (sql_table == undelete_sql)
            g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                         _("That %s is not deleted"), kind_names[kind]);
          else
            g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                         _("Only a deleted %s can be purged; delete it first"), kind_names[kind]);
        }
    }
  action = g_strdup_printf ("%s.%s", kind_names[kind], verb);
  ok = ok && audit (self, action, raw, error);
  return finish (self, ok, error);
}

/**
 * harbor_vault_delete:
 * @self: an unlocked vault
 * @kind: what @id names
 * @id: the object's id
 * @error: return location for a #GError
 *
 * Deletes an object recoverably (a tombstone): it disappears from lists
 * and search until harbor_vault_undelete() or harbor_vault_purge(). A
 * deleted client hides its records, events, checklists and consents.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_delete (HarborVault      *self,
                     HarborVaultKind   kind,
                     const char       *id,
                     GError          **error)
{
  return change_tombstone (self, kind, id, delete_sql, "delete", error);
}

/**
 * harbor_vault_undelete:
 * @self: an unlocked vault
 * @kind: what @id names
 * @id: the id of a deleted, not purged object
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_undelete (HarborVault      *self,
                       HarborVaultKind   kind,
                       const char       *id,
                       GError          **error)
{
  return change_tombstone (self, kind, id, undelete_sql, "undelete", error);
}

/**
 * harbor_vault_purge:
 * @self: an unlocked vault
 * @kind: what @id names
 * @id: the id of a deleted object
 * @error: return location for a #GError
 *
 * Removes a deleted object for good, with everything that belongs to it
 * (secure_delete overwrites the freed space).
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_purge (HarborVault      *self,
                    HarborVaultKind   kind,
                    const char       *id,
                    GError          **error)
{
  return change_tombstone (self, kind, id, purge_sql, "purge", error);
}

/* ---- Case files ----------------------------------------------------------------------- */

/**
 * harbor_vault_import_case:
 * @self: an unlocked vault
 * @kase: a parsed harbor-case/1 document
 * @error: return location for a #GError
 *
 * Adds one client and all their records in one transaction.
 *
 * Returns: (transfer full): the new client's id, or %NULL (nothing changed)
 */
char *
harbor_vault_import_case (HarborVault       *self,
                          const HarborCase  *kase,
                          GError           **error)
{
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  guint8 id[ID_LEN];
  gboolean ok;

  client->display_name = g_strdup (kase->client.name ? kase->client.name : "");
  client->aliases = g_strdupv (kase->client.aliases);
  client->birth_date = harbor_date_to_string (&kase->client.birth_date);
  client->trafficking_types = g_strdupv (kase->client.trafficking.types);
  client->trafficking_began_on = harbor_date_to_string (&kase->client.trafficking.began_on);
  client->trafficking_ended_on = harbor_date_to_string (&kase->client.trafficking.ended_on);
  client->trafficking_documentation = g_strdupv (kase->client.trafficking.documentation);

  if (!harbor_vault_begin (self, error))
    return NULL;
  ok = insert_client (self, client, id, error);
  for (guint i = 0; ok && kase->records != NULL && i < kase->records->len; i++)
    {
      guint8 record_id[ID_LEN];
      ok = insert_record (self, id, g_ptr_array_index (kase->records, i), record_id, error);
    }
  ok = ok && audit (self, "case.import", id, error);
  if (!finish (self, ok, error))
    return NULL;
  return id_to_hex (id);
}

/**
 * harbor_vault_export_case:
 * @self: an unlocked vault
 * @client_id: a live client's id
 * @error: return location for a #GError
 *
 * Builds the harbor-case/1 view of a client: name, aliases, birth date,
 * trafficking facts and live records (whose ids are their vault ids).
 * Fields harbor-case/1 has no place for (pronouns, languages, notes) are
 * not included.
 *
 * Returns: (transfer full): the case
 */
HarborCase *
harbor_vault_export_case (HarborVault  *self,
                          const char   *client_id,
                          GError      **error)
{
  g_autoptr(HarborVaultClient) client = harbor_vault_get_client (self, client_id, error);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(HarborCase) kase = NULL;

  if (client == NULL)
    return NULL;
  if (client->deleted)
    return not_found (error, _("client")), NULL;
  records = harbor_vault_list_records (self, client_id, error);
  if (records == NULL)
    return NULL;

  kase = harbor_case_new ();
  kase->client.name = client->display_name && client->display_name[0] ? g_strdup (client->display_name) : NULL;
  kase->client.aliases = g_strdupv (client->aliases);
  if (client->birth_date)
    harbor_date_parse (client->birth_date, &kase->client.birth_date);
  kase->client.trafficking.types = g_strdupv (client->trafficking_types);
  if (client->trafficking_began_on)
    harbor_date_parse (client->trafficking_began_on, &kase->client.trafficking.began_on);
  if (client->trafficking_ended_on)
    harbor_date_parse (client->trafficking_ended_on, &kase->client.trafficking.ended_on);
  kase->client.trafficking.documentation = g_strdupv (client->trafficking_documentation);
  for (guint i = 0; i < records->len; i++)
    harbor_case_add_record (kase, harbor_record_copy (g_ptr_array_index (records, i)));
  return g_steal_pointer (&kase);
}
