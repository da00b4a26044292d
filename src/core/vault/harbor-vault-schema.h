/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-schema.h: the vault's SQL schema and its migrations
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this Harbor writes (PRAGMA user_version). */
#define HARBOR_VAULT_SCHEMA_VERSION 1

guint    harbor_vault_schema_latest     (void);
int      harbor_vault_schema_version    (sqlite3     *db);
gboolean harbor_vault_schema_migrate    (sqlite3     *db,
                                         guint        target,
                                         GError     **error);
const char *harbor_vault_schema_pragmas (void);
const char *harbor_vault_schema_create_pragmas (void);

G_END_DECLS
