/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-stores.c: the vault's stores of clients, records, events,
 * checklists and consents, deletion and case files
 *
 * Copyright 2026 The Harbor authors
 *
 * Every write runs in a transaction (harbor_vault_begin(), nested as a
 * savepoint inside a caller's transaction) and appends to the audit log in
 * the same transaction. Reads return live and deleted rows by id; lists
 * return live rows only. Ids are 32 hex characters outside, 16 bytes in
 * the database.
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "harbor-vault-private.h"

/* ---- Stores: shared ------------------------------------------------------------ */

/* Stamps for an insert or update: ?hlc, ?device, ?now. */
static void
bind_stamp (HarborVault  *self,
            sqlite3_stmt *stmt,
            int           first)
{
  sqlite3_bind_int64 (stmt, first, _harbor_vault_next_hlc (self));
  sqlite3_bind_blob (stmt, first + 1, self->device, ID_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, first + 2, _harbor_vault_now_ms ());
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
  sqlite3_stmt *stmt = _harbor_vault_prepare (self, "UPDATE clients SET activity_at = ? "
                                      "WHERE id = ? AND deleted_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _harbor_vault_now_ms ());
  sqlite3_bind_blob (stmt, 2, client_id, ID_LEN, SQLITE_TRANSIENT);
  if (!_harbor_vault_run (self, stmt, error))
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

  client->id = _harbor_vault_column_id (stmt, 0);
  client->display_name = _harbor_vault_column_text (stmt, 1);
  client->aliases = _harbor_vault_json_to_strv ((const char *) sqlite3_column_text (stmt, 2));
  client->birth_date = _harbor_vault_column_text (stmt, 3);
  client->pronouns = _harbor_vault_column_text (stmt, 4);
  client->languages = _harbor_vault_json_to_strv ((const char *) sqlite3_column_text (stmt, 5));
  client->safety_notes = _harbor_vault_column_text (stmt, 6);
  client->trafficking_types = _harbor_vault_json_to_strv ((const char *) sqlite3_column_text (stmt, 7));
  client->trafficking_began_on = _harbor_vault_column_text (stmt, 8);
  client->trafficking_ended_on = _harbor_vault_column_text (stmt, 9);
  client->trafficking_documentation = _harbor_vault_json_to_strv ((const char *) sqlite3_column_text (stmt, 10));
  client->activity_at = sqlite3_column_int64 (stmt, 11);
  client->deleted = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
  client->deleted_at = sqlite3_column_int64 (stmt, 12);
  return client;
}

/* Binds display_name .. trafficking_documentation at ?first .. ?first+9. */
static void
bind_client (sqlite3_stmt            *stmt,
             int                      first,
             const HarborVaultClient *client)
{
  _harbor_vault_bind_text (stmt, first, client->display_name ? client->display_name : "");
  _harbor_vault_bind_owned_text (stmt, first + 1, _harbor_vault_strv_to_json ((const char * const *) client->aliases));
  _harbor_vault_bind_text (stmt, first + 2, client->birth_date);
  _harbor_vault_bind_text (stmt, first + 3, client->pronouns);
  _harbor_vault_bind_owned_text (stmt, first + 4, _harbor_vault_strv_to_json ((const char * const *) client->languages));
  _harbor_vault_bind_text (stmt, first + 5, client->safety_notes);
  _harbor_vault_bind_owned_text (stmt, first + 6, _harbor_vault_strv_to_json ((const char * const *) client->trafficking_types));
  _harbor_vault_bind_text (stmt, first + 7, client->trafficking_began_on);
  _harbor_vault_bind_text (stmt, first + 8, client->trafficking_ended_on);
  _harbor_vault_bind_owned_text (stmt, first + 9,
                   _harbor_vault_strv_to_json ((const char * const *) client->trafficking_documentation));
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
  gint64 now = _harbor_vault_now_ms ();

  if (!check_dates (error, "birth_date", client->birth_date,
                    "trafficking_began_on", client->trafficking_began_on,
                    "trafficking_ended_on", client->trafficking_ended_on, END_DATES))
    return FALSE;
  stmt = _harbor_vault_prepare (self, "INSERT INTO clients (id, display_name, aliases, birth_date, pronouns, "
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
  if (!_harbor_vault_run (self, stmt, error))
    return FALSE;
  return _harbor_vault_audit (self, "client.create", id, error);
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
  if (!_harbor_vault_finish (self, insert_client (self, client, id, error), error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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

  if (!_harbor_vault_parse_id (id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?", error);
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
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
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

  if (!_harbor_vault_parse_id (client->id, id, error)
      || !check_dates (error, "birth_date", client->birth_date,
                       "trafficking_began_on", client->trafficking_began_on,
                       "trafficking_ended_on", client->trafficking_ended_on, END_DATES))
    return FALSE;
  if (!harbor_vault_begin (self, error))
    return FALSE;
  stmt = _harbor_vault_prepare (self, "UPDATE clients SET display_name = ?2, aliases = ?3, birth_date = ?4, "
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
      sqlite3_bind_int64 (stmt, 12, _harbor_vault_now_ms ());
      bind_stamp (self, stmt, 13);
      ok = _harbor_vault_run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("client"));
    }
  ok = ok && _harbor_vault_audit (self, "client.update", id, error);
  return _harbor_vault_finish (self, ok, error);
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
  sqlite3_stmt *stmt = _harbor_vault_prepare (self, "SELECT count(*) FROM clients WHERE deleted_at IS NULL", error);
  gint64 n;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _harbor_vault_set_sqlite_error (self, rc, error), -1;
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
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
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
  sqlite3_stmt *stmt = _harbor_vault_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE deleted_at IS NULL "
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
  sqlite3_stmt *stmt = _harbor_vault_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients "
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
  stmt = _harbor_vault_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients WHERE deleted_at IS NULL AND rowid IN ("
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

  record->id = _harbor_vault_column_id (stmt, 0);
  record->jurisdiction = _harbor_vault_column_text (stmt, 2);
  if ((text = (const char *) sqlite3_column_text (stmt, 3)) != NULL)
    harbor_court_from_string (text, &record->court);
  if ((text = (const char *) sqlite3_column_text (stmt, 4)) != NULL)
    harbor_disposition_from_string (text, &record->disposition);
  record->offense.description = _harbor_vault_column_text (stmt, 5);
  record->offense.statute = _harbor_vault_column_text (stmt, 6);
  record->offense.categories = _harbor_vault_json_to_strv ((const char *) sqlite3_column_text (stmt, 7));
  if ((text = (const char *) sqlite3_column_text (stmt, 8)) != NULL)
    harbor_offense_class_from_string (text, &record->offense.klass);
  record->offense.degree = _harbor_vault_column_text (stmt, 9);
  record->offense.violent = _harbor_vault_column_tri (stmt, 10);
  record->offense.child_victim = _harbor_vault_column_tri (stmt, 11);
  _harbor_vault_column_date (stmt, 12, &record->offense_date);
  _harbor_vault_column_date (stmt, 13, &record->disposition_date);
  _harbor_vault_column_date (stmt, 14, &record->sentence_completed_on);
  record->sentenced_to_imprisonment = _harbor_vault_column_tri (stmt, 15);
  record->imprisoned = _harbor_vault_column_tri (stmt, 16);
  record->result_of_trafficking = _harbor_vault_column_tri (stmt, 17);
  return record;
}

/* Binds jurisdiction .. result_of_trafficking at ?first .. ?first+15. */
static void
bind_record (sqlite3_stmt       *stmt,
             int                 first,
             const HarborRecord *record)
{
  _harbor_vault_bind_text (stmt, first, record->jurisdiction);
  _harbor_vault_bind_text (stmt, first + 1, harbor_court_to_string (record->court));
  _harbor_vault_bind_text (stmt, first + 2, harbor_disposition_to_string (record->disposition));
  _harbor_vault_bind_text (stmt, first + 3, record->offense.description);
  _harbor_vault_bind_text (stmt, first + 4, record->offense.statute);
  _harbor_vault_bind_owned_text (stmt, first + 5, _harbor_vault_strv_to_json ((const char * const *) record->offense.categories));
  _harbor_vault_bind_text (stmt, first + 6, harbor_offense_class_to_string (record->offense.klass));
  _harbor_vault_bind_text (stmt, first + 7, record->offense.degree);
  _harbor_vault_bind_tri (stmt, first + 8, record->offense.violent);
  _harbor_vault_bind_tri (stmt, first + 9, record->offense.child_victim);
  _harbor_vault_bind_date (stmt, first + 10, &record->offense_date);
  _harbor_vault_bind_date (stmt, first + 11, &record->disposition_date);
  _harbor_vault_bind_date (stmt, first + 12, &record->sentence_completed_on);
  _harbor_vault_bind_tri (stmt, first + 13, record->sentenced_to_imprisonment);
  _harbor_vault_bind_tri (stmt, first + 14, record->imprisoned);
  _harbor_vault_bind_tri (stmt, first + 15, record->result_of_trafficking);
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
  stmt = _harbor_vault_prepare (self, "INSERT INTO records (id, client_id, case_ref, jurisdiction, court, "
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
  _harbor_vault_bind_text (stmt, 3, record->id);
  bind_record (stmt, 4, record);
  bind_stamp (self, stmt, 20);
  if (!_harbor_vault_run (self, stmt, error))
    return FALSE;
  return _harbor_vault_audit (self, "record.create", id, error);
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

  if (!_harbor_vault_parse_id (client_id, client, error) || !harbor_vault_begin (self, error))
    return NULL;
  if (!_harbor_vault_finish (self, insert_record (self, client, record, id, error), error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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

  if (!_harbor_vault_parse_id (id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT " RECORD_COLUMNS " FROM records WHERE id = ?", error);
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
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
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

  if (!_harbor_vault_parse_id (record->id, id, error) || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = _harbor_vault_prepare (self, "UPDATE records SET jurisdiction = ?2, court = ?3, disposition = ?4, "
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
      ok = _harbor_vault_run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("record"));
    }
  if (ok)
    {
      stmt = _harbor_vault_prepare (self, "UPDATE clients SET activity_at = ?1 WHERE id = "
                            "(SELECT client_id FROM records WHERE id = ?2)", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, _harbor_vault_now_ms ());
          sqlite3_bind_blob (stmt, 2, id, ID_LEN, SQLITE_TRANSIENT);
          ok = _harbor_vault_run (self, stmt, error);
        }
    }
  ok = ok && _harbor_vault_audit (self, "record.update", id, error);
  return _harbor_vault_finish (self, ok, error);
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

  if (!_harbor_vault_parse_id (client_id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT " RECORD_COLUMNS " FROM records WHERE client_id = ? "
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

  event->id = _harbor_vault_column_id (stmt, 0);
  event->client_id = _harbor_vault_column_id (stmt, 1);
  event->kind = _harbor_vault_column_text (stmt, 2);
  event->date = _harbor_vault_column_text (stmt, 3);
  event->text = _harbor_vault_column_text (stmt, 4);
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

  if (!_harbor_vault_parse_id (event->client_id, client, error) || !check_required (error, event->kind, "kind")
      || !check_dates (error, "date", event->date, END_DATES) || !harbor_vault_begin (self, error))
    return NULL;
  ok = touch_client (self, client, error);
  stmt = ok ? _harbor_vault_prepare (self, "INSERT INTO events (id, client_id, kind, date, text, hlc, device, "
                             "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                       error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      randombytes_buf (id, ID_LEN);
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, client, ID_LEN, SQLITE_TRANSIENT);
      _harbor_vault_bind_text (stmt, 3, event->kind);
      _harbor_vault_bind_text (stmt, 4, event->date);
      _harbor_vault_bind_text (stmt, 5, event->text ? event->text : "");
      bind_stamp (self, stmt, 6);
      ok = _harbor_vault_run (self, stmt, error) && _harbor_vault_audit (self, "event.create", id, error);
    }
  if (!_harbor_vault_finish (self, ok, error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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

  if (!_harbor_vault_parse_id (id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT id, client_id, kind, date, text, deleted_at FROM events WHERE id = ?", error);
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
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
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

  if (!_harbor_vault_parse_id (event->id, id, error) || !check_required (error, event->kind, "kind")
      || !check_dates (error, "date", event->date, END_DATES) || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = _harbor_vault_prepare (self, "UPDATE events SET kind = ?2, date = ?3, text = ?4, hlc = ?5, device = ?6, "
                        "updated_at = ?7 WHERE id = ?1 AND deleted_at IS NULL", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      _harbor_vault_bind_text (stmt, 2, event->kind);
      _harbor_vault_bind_text (stmt, 3, event->date);
      _harbor_vault_bind_text (stmt, 4, event->text ? event->text : "");
      bind_stamp (self, stmt, 5);
      ok = _harbor_vault_run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("event"));
    }
  ok = ok && _harbor_vault_audit (self, "event.update", id, error);
  return _harbor_vault_finish (self, ok, error);
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

  if (!_harbor_vault_parse_id (client_id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT id, client_id, kind, date, text, deleted_at FROM events "
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

  checklist->id = _harbor_vault_column_id (stmt, 0);
  checklist->client_id = _harbor_vault_column_id (stmt, 1);
  checklist->record_id = _harbor_vault_column_id (stmt, 2);
  checklist->pathway_id = _harbor_vault_column_text (stmt, 3);
  checklist->title = _harbor_vault_column_text (stmt, 4);
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

  if (!_harbor_vault_parse_id (checklist->client_id, client, error)
      || (checklist->record_id != NULL && !_harbor_vault_parse_id (checklist->record_id, record, error))
      || !check_required (error, checklist->pathway_id, "pathway_id")
      || !harbor_vault_begin (self, error))
    return NULL;
  ok = touch_client (self, client, error);
  stmt = ok ? _harbor_vault_prepare (self, "INSERT INTO checklists (id, client_id, record_id, pathway_id, title, "
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
      _harbor_vault_bind_text (stmt, 4, checklist->pathway_id);
      _harbor_vault_bind_text (stmt, 5, checklist->title);
      bind_stamp (self, stmt, 6);
      ok = _harbor_vault_run (self, stmt, error) && _harbor_vault_audit (self, "checklist.create", id, error);
    }
  if (!_harbor_vault_finish (self, ok, error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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

  if (!_harbor_vault_parse_id (id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT id, client_id, record_id, pathway_id, title, deleted_at "
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
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
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

  if (!_harbor_vault_parse_id (client_id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT id, client_id, record_id, pathway_id, title, deleted_at FROM checklists "
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

  item->id = _harbor_vault_column_id (stmt, 0);
  item->checklist_id = _harbor_vault_column_id (stmt, 1);
  item->position = sqlite3_column_int (stmt, 2);
  item->step = _harbor_vault_column_text (stmt, 3);
  item->status = _harbor_vault_column_text (stmt, 4);
  item->due_on = _harbor_vault_column_text (stmt, 5);
  item->done_on = _harbor_vault_column_text (stmt, 6);
  item->note = _harbor_vault_column_text (stmt, 7);
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

  if (!_harbor_vault_parse_id (item->checklist_id, checklist, error) || !check_required (error, item->step, "step")
      || !check_status (error, item->status)
      || !check_dates (error, "due_on", item->due_on, "done_on", item->done_on, END_DATES)
      || !harbor_vault_begin (self, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "INSERT INTO checklist_items (id, checklist_id, position, step, status, "
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
      _harbor_vault_bind_text (stmt, 4, item->step);
      _harbor_vault_bind_text (stmt, 5, item->status);
      _harbor_vault_bind_text (stmt, 6, item->due_on);
      _harbor_vault_bind_text (stmt, 7, item->done_on);
      _harbor_vault_bind_text (stmt, 8, item->note);
      bind_stamp (self, stmt, 9);
      ok = _harbor_vault_run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("checklist"));
      ok = ok && _harbor_vault_audit (self, "checklist_item.create", id, error);
    }
  if (!_harbor_vault_finish (self, ok, error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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

  if (!_harbor_vault_parse_id (item->id, id, error) || !check_required (error, item->step, "step")
      || !check_status (error, item->status)
      || !check_dates (error, "due_on", item->due_on, "done_on", item->done_on, END_DATES)
      || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = _harbor_vault_prepare (self, "UPDATE checklist_items SET position = ?2, step = ?3, "
                        "status = coalesce(?4, 'todo'), due_on = ?5, done_on = ?6, note = ?7, "
                        "hlc = ?8, device = ?9, updated_at = ?10 WHERE id = ?1 AND deleted_at IS NULL",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, item->position);
      _harbor_vault_bind_text (stmt, 3, item->step);
      _harbor_vault_bind_text (stmt, 4, item->status);
      _harbor_vault_bind_text (stmt, 5, item->due_on);
      _harbor_vault_bind_text (stmt, 6, item->done_on);
      _harbor_vault_bind_text (stmt, 7, item->note);
      bind_stamp (self, stmt, 8);
      ok = _harbor_vault_run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("checklist item"));
    }
  ok = ok && _harbor_vault_audit (self, "checklist_item.update", id, error);
  return _harbor_vault_finish (self, ok, error);
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

  if (!_harbor_vault_parse_id (checklist_id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT id, checklist_id, position, step, status, due_on, done_on, note, "
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

  consent->id = _harbor_vault_column_id (stmt, 0);
  consent->client_id = _harbor_vault_column_id (stmt, 1);
  consent->party = _harbor_vault_column_text (stmt, 2);
  consent->scope = _harbor_vault_column_text (stmt, 3);
  consent->signed_on = _harbor_vault_column_text (stmt, 4);
  consent->expires_on = _harbor_vault_column_text (stmt, 5);
  consent->revoked_on = _harbor_vault_column_text (stmt, 6);
  consent->note = _harbor_vault_column_text (stmt, 7);
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

  if (!_harbor_vault_parse_id (consent->client_id, client, error) || !check_consent (consent, error)
      || !harbor_vault_begin (self, error))
    return NULL;
  ok = touch_client (self, client, error);
  stmt = ok ? _harbor_vault_prepare (self, "INSERT INTO consents (id, client_id, party, scope, signed_on, expires_on, "
                             "revoked_on, note, hlc, device, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", error) : NULL;
  ok = stmt != NULL;
  if (ok)
    {
      randombytes_buf (id, ID_LEN);
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, client, ID_LEN, SQLITE_TRANSIENT);
      _harbor_vault_bind_text (stmt, 3, consent->party);
      _harbor_vault_bind_text (stmt, 4, consent->scope);
      _harbor_vault_bind_text (stmt, 5, consent->signed_on);
      _harbor_vault_bind_text (stmt, 6, consent->expires_on);
      _harbor_vault_bind_text (stmt, 7, consent->revoked_on);
      _harbor_vault_bind_text (stmt, 8, consent->note);
      bind_stamp (self, stmt, 9);
      ok = _harbor_vault_run (self, stmt, error) && _harbor_vault_audit (self, "consent.create", id, error);
    }
  if (!_harbor_vault_finish (self, ok, error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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

  if (!_harbor_vault_parse_id (id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT " CONSENT_COLUMNS " FROM consents WHERE id = ?", error);
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
    return _harbor_vault_set_sqlite_error (self, rc, error), NULL;
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

  if (!_harbor_vault_parse_id (consent->id, id, error) || !check_consent (consent, error)
      || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = _harbor_vault_prepare (self, "UPDATE consents SET party = ?2, scope = ?3, signed_on = ?4, expires_on = ?5, "
                        "revoked_on = ?6, note = ?7, hlc = ?8, device = ?9, updated_at = ?10 "
                        "WHERE id = ?1 AND deleted_at IS NULL", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, id, ID_LEN, SQLITE_TRANSIENT);
      _harbor_vault_bind_text (stmt, 2, consent->party);
      _harbor_vault_bind_text (stmt, 3, consent->scope);
      _harbor_vault_bind_text (stmt, 4, consent->signed_on);
      _harbor_vault_bind_text (stmt, 5, consent->expires_on);
      _harbor_vault_bind_text (stmt, 6, consent->revoked_on);
      _harbor_vault_bind_text (stmt, 7, consent->note);
      bind_stamp (self, stmt, 8);
      ok = _harbor_vault_run (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = not_found (error, _("consent"));
    }
  ok = ok && _harbor_vault_audit (self, "consent.update", id, error);
  return _harbor_vault_finish (self, ok, error);
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

  if (!_harbor_vault_parse_id (client_id, raw, error))
    return NULL;
  stmt = _harbor_vault_prepare (self, "SELECT " CONSENT_COLUMNS " FROM consents WHERE client_id = ? "
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
  if (!_harbor_vault_parse_id (id, raw, error) || !harbor_vault_begin (self, error))
    return FALSE;
  stmt = _harbor_vault_prepare (self, sql_table[kind], error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
      if (sql_table != purge_sql)
        {
          if (sql_table == delete_sql)
            sqlite3_bind_int64 (stmt, 2, _harbor_vault_now_ms ());
          bind_stamp (self, stmt, 3);
        }
      ok = _harbor_vault_run (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    {
      /* Tell "no such object" from "not in the right state". */
      sqlite3_stmt *exists = _harbor_vault_prepare (self, exists_sql[kind], error);
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
  if (sql_table == purge_sql)
    {
      /* The log keeps only that a purge happened: no object id. The file
       * clean-up is owed from this commit on (harbor_vault_finish_purge()). */
      ok = ok && _harbor_vault_audit (self, action, NULL, error)
              && _harbor_vault_mark_purge_pending (self, error);
    }
  else
    ok = ok && _harbor_vault_audit (self, action, raw, error);
  return _harbor_vault_finish (self, ok, error);
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
 * Destroys a deleted object for good, with everything that belongs to it
 * (a client's records, events, checklists and consents cascade). The rows
 * go in one transaction, which also appends an audit entry without the
 * object's id ("client.purge", ...). After the commit,
 * harbor_vault_finish_purge() rewrites the search indexes and the database
 * file so that no page keeps a copy or a search token of the purged data.
 *
 * Errors: %HARBOR_VAULT_ERROR_NOT_FOUND (no such object),
 * %HARBOR_VAULT_ERROR_INVALID (it is not deleted; nothing changed), and
 * %HARBOR_VAULT_ERROR_PURGE_UNFINISHED when the rows are gone but the
 * rewrite failed: it is retried at the next purge or unlock. Called inside
 * an open transaction, the rewrite waits for the next purge or unlock too.
 *
 * Returns: %TRUE when the object is purged and the rewrite is done
 */
gboolean
harbor_vault_purge (HarborVault      *self,
                    HarborVaultKind   kind,
                    const char       *id,
                    GError          **error)
{
  if (!change_tombstone (self, kind, id, purge_sql, "purge", error))
    return FALSE;
  return harbor_vault_finish_purge (self, error);
}

/**
 * harbor_vault_purge_client:
 * @self: an unlocked vault
 * @client_id: a client's id, live or deleted
 * @error: return location for a #GError
 *
 * Deletes the client if it is live, then purges it, in one transaction;
 * then rewrites the search indexes and the file as harbor_vault_purge()
 * does. The same as harbor_vault_delete() (when live) followed by
 * harbor_vault_purge(), except that a failure in between leaves the client
 * live rather than deleted.
 *
 * Returns: %TRUE when the client is purged and the rewrite is done
 */
gboolean
harbor_vault_purge_client (HarborVault  *self,
                           const char   *client_id,
                           GError      **error)
{
  g_autoptr(HarborVaultClient) client = NULL;
  gboolean ok;

  if (!harbor_vault_begin (self, error))
    return FALSE;
  client = harbor_vault_get_client (self, client_id, error);
  ok = client != NULL;
  if (ok && !client->deleted)
    ok = harbor_vault_delete (self, HARBOR_VAULT_KIND_CLIENT, client_id, error);
  ok = ok && change_tombstone (self, HARBOR_VAULT_KIND_CLIENT, client_id, purge_sql, "purge", error);
  if (!_harbor_vault_finish (self, ok, error))
    return FALSE;
  return harbor_vault_finish_purge (self, error);
}

/**
 * harbor_vault_count_deleted_parts:
 * @self: an unlocked vault
 * @client_id: a client's id, live or deleted
 * @error: return location for a #GError
 *
 * Counts what belongs to the client and was deleted on its own (records,
 * history entries, checklists, checklist items, releases of information):
 * out of every list, still in the vault, and destroyed too by a purge of
 * the client.
 *
 * Returns: the count, or -1 on error
 */
gint64
harbor_vault_count_deleted_parts (HarborVault  *self,
                                  const char   *client_id,
                                  GError      **error)
{
  guint8 raw[ID_LEN];
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  if (!_harbor_vault_parse_id (client_id, raw, error))
    return -1;
  stmt = _harbor_vault_prepare (self,
                                "SELECT (SELECT count(*) FROM records WHERE client_id = ?1 AND deleted_at IS NOT NULL)"
                                " + (SELECT count(*) FROM events WHERE client_id = ?1 AND deleted_at IS NOT NULL)"
                                " + (SELECT count(*) FROM checklists WHERE client_id = ?1 AND deleted_at IS NOT NULL)"
                                " + (SELECT count(*) FROM checklist_items WHERE deleted_at IS NOT NULL"
                                "    AND checklist_id IN (SELECT id FROM checklists WHERE client_id = ?1))"
                                " + (SELECT count(*) FROM consents WHERE client_id = ?1 AND deleted_at IS NOT NULL)",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_blob (stmt, 1, raw, ID_LEN, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _harbor_vault_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return count;
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
  ok = ok && _harbor_vault_audit (self, "case.import", id, error);
  if (!_harbor_vault_finish (self, ok, error))
    return NULL;
  return _harbor_vault_id_to_hex (id);
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
