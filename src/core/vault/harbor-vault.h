/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault.h: the encrypted vault and its stores
 *
 * Copyright 2026 The Harbor authors
 *
 * A vault is a folder holding:
 *   harbor-vault.ini   the manifest: format version and vault id (no secret)
 *   harbor.keys        the key file (see harbor-keyfile.c)
 *   vault.db           the SQLite database, every page encrypted
 *                      (see harbor-crypt-vfs.c), and while a transaction
 *                      runs its journal vault.db-journal, encrypted too.
 *
 * HarborVault is not thread-safe: use one object from one thread at a time
 * (the UI gives it its own database thread). Its "changed" signal and the
 * "unlocked" notification are emitted on the thread that made the call
 * (commit, unlock, lock); a UI forwards them to its main context.
 */

#pragma once

#include <glib-object.h>

#include "harbor-case.h"
#include "harbor-keyfile.h"
#include "harbor-vault-entities.h"

G_BEGIN_DECLS

#define HARBOR_VAULT_MANIFEST_NAME "harbor-vault.ini"
#define HARBOR_VAULT_KEYFILE_NAME  "harbor.keys"
#define HARBOR_VAULT_DATABASE_NAME "vault.db"
#define HARBOR_VAULT_JOURNAL_NAME  "vault.db-journal"

#define HARBOR_TYPE_VAULT (harbor_vault_get_type ())
G_DECLARE_FINAL_TYPE (HarborVault, harbor_vault, HARBOR, VAULT, GObject)

/**
 * HarborVaultKind:
 *
 * The kinds of stored objects, for the generic delete/undelete/purge.
 */
typedef enum
{
  HARBOR_VAULT_KIND_CLIENT,
  HARBOR_VAULT_KIND_RECORD,
  HARBOR_VAULT_KIND_EVENT,
  HARBOR_VAULT_KIND_CHECKLIST,
  HARBOR_VAULT_KIND_CHECKLIST_ITEM,
  HARBOR_VAULT_KIND_CONSENT,
} HarborVaultKind;

/* ---- Life cycle ------------------------------------------------------------ */

HarborVault  *harbor_vault_new                  (const char            *dir) G_GNUC_WARN_UNUSED_RESULT;
const char   *harbor_vault_get_dir              (HarborVault           *self);
gboolean      harbor_vault_is_unlocked          (HarborVault           *self);
void          harbor_vault_set_base_vfs         (HarborVault           *self,
                                                 const char            *vfs_name);
void          harbor_vault_set_actor            (HarborVault           *self,
                                                 const char            *actor);

HarborSecret *harbor_vault_create               (HarborVault           *self,
                                                 const char            *passphrase,
                                                 const HarborKdfParams *params,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_unlock               (HarborVault           *self,
                                                 const char            *passphrase,
                                                 GError               **error);
gboolean      harbor_vault_unlock_with_recovery_key (HarborVault       *self,
                                                 const char            *recovery_key,
                                                 GError               **error);
void          harbor_vault_lock                 (HarborVault           *self);
HarborVault  *harbor_vault_open_reader          (HarborVault           *self,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_is_reader            (HarborVault           *self);
gboolean      harbor_vault_change_passphrase    (HarborVault           *self,
                                                 const char            *old_passphrase,
                                                 const char            *new_passphrase,
                                                 const HarborKdfParams *params,
                                                 GError               **error);
gboolean      harbor_vault_add_passphrase       (HarborVault           *self,
                                                 const char            *passphrase,
                                                 const char            *new_passphrase,
                                                 const HarborKdfParams *params,
                                                 GError               **error);
gboolean      harbor_vault_remove_passphrase    (HarborVault           *self,
                                                 const char            *passphrase,
                                                 GError               **error);
gboolean      harbor_vault_recover              (HarborVault           *self,
                                                 const char            *recovery_key,
                                                 const char            *new_passphrase,
                                                 const HarborKdfParams *params,
                                                 GError               **error);
gboolean      harbor_vault_verify               (HarborVault           *self,
                                                 GPtrArray            **problems,
                                                 GError               **error);
gboolean      harbor_vault_verify_files         (HarborVault           *self,
                                                 const char            *passphrase,
                                                 GPtrArray            **problems,
                                                 GError               **error);

/* ---- Transactions ------------------------------------------------------------ */

gboolean      harbor_vault_begin                (HarborVault           *self,
                                                 GError               **error);
gboolean      harbor_vault_commit               (HarborVault           *self,
                                                 GError               **error);
void          harbor_vault_rollback             (HarborVault           *self);

/* ---- Clients ------------------------------------------------------------------- */

char         *harbor_vault_add_client           (HarborVault             *self,
                                                 const HarborVaultClient *client,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
HarborVaultClient *harbor_vault_get_client      (HarborVault             *self,
                                                 const char              *id,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_update_client        (HarborVault             *self,
                                                 const HarborVaultClient *client,
                                                 GError                 **error);
gint64        harbor_vault_count_clients        (HarborVault             *self,
                                                 GError                 **error);
GPtrArray    *harbor_vault_list_clients         (HarborVault             *self,
                                                 guint                    offset,
                                                 guint                    limit,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray    *harbor_vault_list_deleted_clients (HarborVault             *self,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray    *harbor_vault_search_clients       (HarborVault             *self,
                                                 const char              *query,
                                                 guint                    limit,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Criminal-history records (harbor-case/1 records) ------------------------- */

char         *harbor_vault_add_record           (HarborVault             *self,
                                                 const char              *client_id,
                                                 const HarborRecord      *record,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
HarborRecord *harbor_vault_get_record           (HarborVault             *self,
                                                 const char              *id,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_update_record        (HarborVault             *self,
                                                 const HarborRecord      *record,
                                                 GError                 **error);
GPtrArray    *harbor_vault_list_records         (HarborVault             *self,
                                                 const char              *client_id,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- History events and notes ----------------------------------------------------- */

char         *harbor_vault_add_event            (HarborVault             *self,
                                                 const HarborVaultEvent  *event,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
HarborVaultEvent *harbor_vault_get_event        (HarborVault             *self,
                                                 const char              *id,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_update_event         (HarborVault             *self,
                                                 const HarborVaultEvent  *event,
                                                 GError                 **error);
GPtrArray    *harbor_vault_list_events          (HarborVault             *self,
                                                 const char              *client_id,
                                                 GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Relief checklists ------------------------------------------------------------- */

char         *harbor_vault_add_checklist        (HarborVault                 *self,
                                                 const HarborVaultChecklist  *checklist,
                                                 GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
HarborVaultChecklist *harbor_vault_get_checklist (HarborVault                *self,
                                                 const char                  *id,
                                                 GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray    *harbor_vault_list_checklists      (HarborVault                 *self,
                                                 const char                  *client_id,
                                                 GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
char         *harbor_vault_add_checklist_item   (HarborVault                     *self,
                                                 const HarborVaultChecklistItem  *item,
                                                 GError                         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_update_checklist_item (HarborVault                    *self,
                                                 const HarborVaultChecklistItem  *item,
                                                 GError                         **error);
GPtrArray    *harbor_vault_list_checklist_items (HarborVault                     *self,
                                                 const char                      *checklist_id,
                                                 GError                         **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Consents and releases of information --------------------------------------- */

char         *harbor_vault_add_consent          (HarborVault               *self,
                                                 const HarborVaultConsent  *consent,
                                                 GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
HarborVaultConsent *harbor_vault_get_consent    (HarborVault               *self,
                                                 const char                *id,
                                                 GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_update_consent       (HarborVault               *self,
                                                 const HarborVaultConsent  *consent,
                                                 GError                   **error);
GPtrArray    *harbor_vault_list_consents        (HarborVault               *self,
                                                 const char                *client_id,
                                                 GError                   **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Deletion (tombstones), undo, purge -------------------------------------------- */

gboolean      harbor_vault_delete               (HarborVault     *self,
                                                 HarborVaultKind  kind,
                                                 const char      *id,
                                                 GError         **error);
gboolean      harbor_vault_undelete             (HarborVault     *self,
                                                 HarborVaultKind  kind,
                                                 const char      *id,
                                                 GError         **error);
gboolean      harbor_vault_purge                (HarborVault     *self,
                                                 HarborVaultKind  kind,
                                                 const char      *id,
                                                 GError         **error);
gboolean      harbor_vault_purge_client         (HarborVault     *self,
                                                 const char      *client_id,
                                                 GError         **error);
gint64        harbor_vault_count_deleted_parts  (HarborVault     *self,
                                                 const char      *client_id,
                                                 GError         **error);
gboolean      harbor_vault_finish_purge         (HarborVault     *self,
                                                 GError         **error);

/* ---- Case files ------------------------------------------------------------------- */

char         *harbor_vault_import_case          (HarborVault       *self,
                                                 const HarborCase  *kase,
                                                 GError           **error) G_GNUC_WARN_UNUSED_RESULT;
HarborCase   *harbor_vault_export_case          (HarborVault       *self,
                                                 const char        *client_id,
                                                 GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Audit log ---------------------------------------------------------------------- */

GPtrArray    *harbor_vault_list_audit           (HarborVault     *self,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean      harbor_vault_verify_audit         (HarborVault     *self,
                                                 GError         **error);

/* ---- For tests and the benchmark ----------------------------------------------------- */

gpointer      harbor_vault_get_connection       (HarborVault     *self);

G_END_DECLS
