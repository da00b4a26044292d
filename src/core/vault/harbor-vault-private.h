/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-private.h: what harbor-vault.c shares with harbor-vault-stores.c
 *
 * Copyright 2026 The Harbor authors
 *
 * HarborVault spans two files: the life cycle, transactions and audit log
 * (harbor-vault.c) and the stores of clients, records, events, checklists
 * and consents (harbor-vault-stores.c). Not installed; not for other modules.
 */

#pragma once

#include <sqlite3.h>

#include "harbor-crypt-vfs.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define ID_LEN 16

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
  gboolean         read_only;  /* made by harbor_vault_open_reader() */
};

G_GNUC_INTERNAL gboolean _harbor_vault_audit (HarborVault *self, const char *action, const guint8 *object, GError **error);
G_GNUC_INTERNAL void _harbor_vault_bind_date (sqlite3_stmt *stmt, int col, const GDate *date);
G_GNUC_INTERNAL void _harbor_vault_bind_owned_text (sqlite3_stmt *stmt, int col, char *text);
G_GNUC_INTERNAL void _harbor_vault_bind_text (sqlite3_stmt *stmt, int col, const char *text);
G_GNUC_INTERNAL void _harbor_vault_bind_tri (sqlite3_stmt *stmt, int col, HarborTri tri);
G_GNUC_INTERNAL void _harbor_vault_column_date (sqlite3_stmt *stmt, int col, GDate *date);
G_GNUC_INTERNAL char *_harbor_vault_column_id (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL char *_harbor_vault_column_text (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL HarborTri _harbor_vault_column_tri (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL gboolean _harbor_vault_finish (HarborVault *self, gboolean ok, GError **error);
G_GNUC_INTERNAL gboolean _harbor_vault_mark_purge_pending (HarborVault *self, GError **error);
G_GNUC_INTERNAL char *_harbor_vault_id_to_hex (const guint8 *id);
G_GNUC_INTERNAL GStrv _harbor_vault_json_to_strv (const char *json);
G_GNUC_INTERNAL gint64 _harbor_vault_next_hlc (HarborVault *self);
G_GNUC_INTERNAL gint64 _harbor_vault_now_ms (void);
G_GNUC_INTERNAL gboolean _harbor_vault_parse_id (const char *hex, guint8 *id, GError **error);
G_GNUC_INTERNAL sqlite3_stmt *_harbor_vault_prepare (HarborVault *self, const char *sql, GError **error);
G_GNUC_INTERNAL gboolean _harbor_vault_run (HarborVault *self, sqlite3_stmt *stmt, GError **error);
G_GNUC_INTERNAL gboolean _harbor_vault_set_sqlite_error (HarborVault *self, int rc, GError **error);
G_GNUC_INTERNAL char *_harbor_vault_strv_to_json (const char * const *strv);

G_END_DECLS
