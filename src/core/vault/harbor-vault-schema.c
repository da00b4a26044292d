/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-schema.c: the vault's SQL schema and its migrations
 *
 * Copyright 2026 The Harbor authors
 *
 * The schema version is PRAGMA user_version. migrations[i] takes a database
 * from version i to i + 1; each runs in its own transaction together with
 * the user_version bump, so a crash leaves either version. A database newer
 * than this Harbor is refused (HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION).
 * To add version 2: append its SQL to migrations[], bump
 * HARBOR_VAULT_SCHEMA_VERSION, and extend tests/vault/test-schema.c, which
 * migrates a database built at every earlier version.
 *
 * Rules every table follows, so vaults can later be merged across devices:
 *   - identity is `id`, a random 128-bit BLOB, never the rowid (the rowid
 *     only serves FTS5);
 *   - `hlc` is a hybrid logical clock stamp (ms << 16 | counter) and
 *     `device` the 16-byte id of the device that made the change;
 *   - deletion sets `deleted_at` (a tombstone) until the row is purged.
 * Dates are ISO 8601 text (YYYY-MM-DD); times are Unix milliseconds. Lists
 * are JSON arrays in TEXT; NULL always means unknown, as in harbor-case/1.
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "harbor-vault-error.h"
#include "harbor-vault-schema.h"

#define STAMP \
  "  hlc         INTEGER NOT NULL,\n" \
  "  device      BLOB NOT NULL,\n" \
  "  created_at  INTEGER NOT NULL,\n" \
  "  updated_at  INTEGER NOT NULL,\n" \
  "  deleted_at  INTEGER\n"

static const char *const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE meta (\n"
  "  key   TEXT PRIMARY KEY,\n"
  "  value BLOB\n"
  ");\n"
  "CREATE TABLE clients (\n"
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  display_name TEXT NOT NULL,\n"
  "  aliases     TEXT,\n"                      /* JSON array */
  "  birth_date  TEXT,\n"
  "  pronouns    TEXT,\n"
  "  languages   TEXT,\n"                      /* JSON array */
  "  safety_notes TEXT,\n"                     /* how to contact safely */
  "  trafficking_types TEXT,\n"                /* JSON array */
  "  trafficking_began_on TEXT,\n"
  "  trafficking_ended_on TEXT,\n"
  "  trafficking_documentation TEXT,\n"        /* JSON array */
  "  activity_at INTEGER NOT NULL,\n"          /* last change to the client or its rows */
  STAMP
  ");\n"
  "CREATE INDEX clients_activity ON clients (activity_at DESC, id) WHERE deleted_at IS NULL;\n"
  "CREATE TABLE records (\n"
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  client_id   BLOB NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n"
  "  case_ref    TEXT,\n"                      /* the record's id in an imported case file */
  "  jurisdiction TEXT,\n"
  "  court       TEXT,\n"
  "  disposition TEXT,\n"
  "  offense_description TEXT,\n"
  "  offense_statute TEXT,\n"
  "  offense_categories TEXT,\n"               /* JSON array */
  "  offense_class TEXT,\n"
  "  offense_degree TEXT,\n"
  "  offense_violent INTEGER,\n"               /* NULL unknown, 0, 1 */
  "  offense_child_victim INTEGER,\n"
  "  offense_date TEXT,\n"
  "  disposition_date TEXT,\n"
  "  sentence_completed_on TEXT,\n"
  "  sentenced_to_imprisonment INTEGER,\n"
  "  imprisoned  INTEGER,\n"
  "  result_of_trafficking INTEGER,\n"
  STAMP
  ");\n"
  "CREATE INDEX records_client ON records (client_id);\n"
  "CREATE TABLE events (\n"                    /* history timeline and notes */
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  client_id   BLOB NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n"
  "  kind        TEXT NOT NULL,\n"             /* intake, note, court_date, referral, ... */
  "  date        TEXT,\n"
  "  text        TEXT NOT NULL DEFAULT '',\n"
  STAMP
  ");\n"
  "CREATE INDEX events_client ON events (client_id, date);\n"
  "CREATE TABLE checklists (\n"
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  client_id   BLOB NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n"
  "  record_id   BLOB REFERENCES records (id) ON DELETE CASCADE,\n"
  "  pathway_id  TEXT NOT NULL,\n"
  "  title       TEXT,\n"
  STAMP
  ");\n"
  "CREATE INDEX checklists_client ON checklists (client_id);\n"
  "CREATE INDEX checklists_record ON checklists (record_id);\n"
  "CREATE TABLE checklist_items (\n"
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  checklist_id BLOB NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,\n"
  "  position    INTEGER NOT NULL,\n"
  "  step        TEXT NOT NULL,\n"
  "  status      TEXT NOT NULL DEFAULT 'todo'\n"
  "              CHECK (status IN ('todo', 'in_progress', 'done', 'not_needed')),\n"
  "  due_on      TEXT,\n"
  "  done_on     TEXT,\n"
  "  note        TEXT,\n"
  STAMP
  ");\n"
  "CREATE INDEX checklist_items_checklist ON checklist_items (checklist_id, position);\n"
  "CREATE TABLE consents (\n"                  /* consents and releases of information */
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  client_id   BLOB NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n"
  "  party       TEXT NOT NULL,\n"
  "  scope       TEXT,\n"
  "  signed_on   TEXT,\n"
  "  expires_on  TEXT,\n"
  "  revoked_on  TEXT,\n"
  "  note        TEXT,\n"
  STAMP
  ");\n"
  "CREATE INDEX consents_client ON consents (client_id);\n"
  /* Append-only: each entry's hash covers the previous hash (see harbor-vault.c). */
  "CREATE TABLE audit_log (\n"
  "  seq         INTEGER PRIMARY KEY,\n"
  "  id          BLOB NOT NULL UNIQUE CHECK (length(id) = 16),\n"
  "  at          INTEGER NOT NULL,\n"
  "  actor       TEXT NOT NULL,\n"
  "  action      TEXT NOT NULL,\n"
  "  object      BLOB,\n"
  "  hash        BLOB NOT NULL CHECK (length(hash) = 32),\n"
  "  device      BLOB NOT NULL\n"
  ");\n"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;\n"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;\n"
  /* Full-text search over live clients' names and aliases, and live events'
   * text. The indexes' content is a view of the live rows, so that FTS5's
   * integrity check (run by harbor_vault_verify) compares like with like. */
  "CREATE VIEW client_fts_content AS\n"
  "  SELECT rowid AS rid, display_name, aliases FROM clients WHERE deleted_at IS NULL;\n"
  "CREATE VIEW event_fts_content AS\n"
  "  SELECT rowid AS rid, text FROM events WHERE deleted_at IS NULL;\n"
  "CREATE VIRTUAL TABLE client_fts USING fts5 (\n"
  "  display_name, aliases, content = 'client_fts_content', content_rowid = 'rid',\n"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"
  "CREATE VIRTUAL TABLE event_fts USING fts5 (\n"
  "  text, content = 'event_fts_content', content_rowid = 'rid',\n"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');\n"
  "CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients WHEN new.deleted_at IS NULL\n"
  "  BEGIN INSERT INTO client_fts (rowid, display_name, aliases)\n"
  "        VALUES (new.rowid, new.display_name, new.aliases); END;\n"
  "CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients WHEN old.deleted_at IS NULL\n"
  "  BEGIN INSERT INTO client_fts (client_fts, rowid, display_name, aliases)\n"
  "        VALUES ('delete', old.rowid, old.display_name, old.aliases); END;\n"
  "CREATE TRIGGER clients_fts_update AFTER UPDATE OF display_name, aliases, deleted_at ON clients\n"
  "  BEGIN\n"
  "    INSERT INTO client_fts (client_fts, rowid, display_name, aliases)\n"
  "      SELECT 'delete', old.rowid, old.display_name, old.aliases WHERE old.deleted_at IS NULL;\n"
  "    INSERT INTO client_fts (rowid, display_name, aliases)\n"
  "      SELECT new.rowid, new.display_name, new.aliases WHERE new.deleted_at IS NULL;\n"
  "  END;\n"
  "CREATE TRIGGER events_fts_insert AFTER INSERT ON events WHEN new.deleted_at IS NULL\n"
  "  BEGIN INSERT INTO event_fts (rowid, text) VALUES (new.rowid, new.text); END;\n"
  "CREATE TRIGGER events_fts_delete AFTER DELETE ON events WHEN old.deleted_at IS NULL\n"
  "  BEGIN INSERT INTO event_fts (event_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;\n"
  "CREATE TRIGGER events_fts_update AFTER UPDATE OF text, deleted_at ON events\n"
  "  BEGIN\n"
  "    INSERT INTO event_fts (event_fts, rowid, text)\n"
  "      SELECT 'delete', old.rowid, old.text WHERE old.deleted_at IS NULL;\n"
  "    INSERT INTO event_fts (rowid, text)\n"
  "      SELECT new.rowid, new.text WHERE new.deleted_at IS NULL;\n"
  "  END;\n",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == HARBOR_VAULT_SCHEMA_VERSION);

/**
 * harbor_vault_schema_pragmas:
 *
 * The connection settings every vault connection uses (and the plain
 * SQLite baseline of the benchmark): rollback journal with synchronous=EXTRA
 * (the journal's deletion is made durable too), temp data in memory, no
 * memory mapping, foreign keys, secure_delete, a 64 MiB page cache.
 *
 * Returns: (transfer none): SQL
 */
const char *
harbor_vault_schema_pragmas (void)
{
  return "PRAGMA temp_store = MEMORY;\n"
         "PRAGMA mmap_size = 0;\n"
         "PRAGMA journal_mode = DELETE;\n"
         "PRAGMA synchronous = EXTRA;\n"
         "PRAGMA foreign_keys = ON;\n"
         "PRAGMA secure_delete = ON;\n"
         "PRAGMA cache_size = -65536;\n";
}

/**
 * harbor_vault_schema_create_pragmas:
 *
 * The settings a new database gets before its first table (and so does
 * the plain SQLite baseline of the benchmark): 4096-byte pages and
 * incremental auto-vacuum, so that free pages can be given back to the file
 * system (PRAGMA incremental_vacuum) after a purge. auto_vacuum can only be
 * chosen before the first table exists, or later by a VACUUM (see
 * harbor_vault_unlock(), which converts older vaults).
 *
 * Returns: (transfer none): SQL
 */
const char *
harbor_vault_schema_create_pragmas (void)
{
  return "PRAGMA page_size = 4096;\n"
         "PRAGMA auto_vacuum = INCREMENTAL;\n";
}

guint
harbor_vault_schema_latest (void)
{
  return HARBOR_VAULT_SCHEMA_VERSION;
}

/**
 * harbor_vault_schema_version:
 * @db: a connection
 *
 * Returns: PRAGMA user_version, or -1 if it cannot be read
 */
int
harbor_vault_schema_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/**
 * harbor_vault_schema_migrate:
 * @db: a connection
 * @target: the version to reach (at most HARBOR_VAULT_SCHEMA_VERSION)
 * @error: return location for a #GError
 *
 * Applies every migration from the database's version up to @target, each
 * in its own transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_vault_schema_migrate (sqlite3  *db,
                             guint     target,
                             GError  **error)
{
  int version = harbor_vault_schema_version (db);

  g_return_val_if_fail (target <= HARBOR_VAULT_SCHEMA_VERSION, FALSE);

  if (version < 0)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   _("Could not read the schema version: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  if (version > HARBOR_VAULT_SCHEMA_VERSION)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION,
                   _("The vault has schema version %d; this Harbor knows up to %d. "
                     "Update Harbor to open it."),
                   version, HARBOR_VAULT_SCHEMA_VERSION);
      return FALSE;
    }

  for (guint v = (guint) version; v < target; v++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE;\n%s\nPRAGMA user_version = %u;\nCOMMIT;",
                                              migrations[v], v + 1);
      char *message = NULL;

      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                       _("Could not upgrade the vault from schema version %u: %s"),
                       v, message ? message : sqlite3_errmsg (db));
          sqlite3_free (message);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}
