/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-entities.h: the plain structs the vault's stores exchange
 *
 * Copyright 2026 The Harbor authors
 *
 * Ids are 32 lowercase hex characters (a random 128-bit id); NULL before
 * the object is stored. Dates are YYYY-MM-DD or NULL (unknown). Every text
 * field except ids is client data: never log it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *display_name;
  GStrv   aliases;                    /* NULL: unknown */
  char   *birth_date;
  char   *pronouns;
  GStrv   languages;
  char   *safety_notes;               /* how to contact the client safely */
  GStrv   trafficking_types;
  char   *trafficking_began_on;
  char   *trafficking_ended_on;
  GStrv   trafficking_documentation;
  gint64  activity_at;                /* Unix ms of the last change */
  gboolean deleted;
  gint64  deleted_at;                 /* Unix ms of the deletion; 0 when live */
} HarborVaultClient;

typedef struct
{
  char   *id;
  char   *client_id;
  char   *kind;                       /* intake, note, referral, court_date, ... */
  char   *date;
  char   *text;
  gboolean deleted;
} HarborVaultEvent;

typedef struct
{
  char   *id;
  char   *checklist_id;
  int     position;
  char   *step;
  char   *status;                     /* todo, in_progress, done, not_needed */
  char   *due_on;
  char   *done_on;
  char   *note;
  gboolean deleted;
} HarborVaultChecklistItem;

typedef struct
{
  char   *id;
  char   *client_id;
  char   *record_id;                  /* NULL for a checklist not tied to one record */
  char   *pathway_id;
  char   *title;
  gboolean deleted;
} HarborVaultChecklist;

typedef struct
{
  char   *id;
  char   *client_id;
  char   *party;
  char   *scope;
  char   *signed_on;
  char   *expires_on;
  char   *revoked_on;
  char   *note;
  gboolean deleted;
} HarborVaultConsent;

typedef struct
{
  gint64  seq;
  gint64  at;
  char   *actor;
  char   *action;
  char   *object_id;
} HarborVaultAuditEntry;

HarborVaultClient        *harbor_vault_client_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void                      harbor_vault_client_free         (HarborVaultClient *self);
HarborVaultEvent         *harbor_vault_event_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void                      harbor_vault_event_free          (HarborVaultEvent *self);
HarborVaultChecklist     *harbor_vault_checklist_new       (void) G_GNUC_WARN_UNUSED_RESULT;
void                      harbor_vault_checklist_free      (HarborVaultChecklist *self);
HarborVaultChecklistItem *harbor_vault_checklist_item_new  (void) G_GNUC_WARN_UNUSED_RESULT;
void                      harbor_vault_checklist_item_free (HarborVaultChecklistItem *self);
HarborVaultConsent       *harbor_vault_consent_new         (void) G_GNUC_WARN_UNUSED_RESULT;
void                      harbor_vault_consent_free        (HarborVaultConsent *self);
void                      harbor_vault_audit_entry_free    (HarborVaultAuditEntry *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborVaultClient, harbor_vault_client_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborVaultEvent, harbor_vault_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborVaultChecklist, harbor_vault_checklist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborVaultChecklistItem, harbor_vault_checklist_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborVaultConsent, harbor_vault_consent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborVaultAuditEntry, harbor_vault_audit_entry_free)

G_END_DECLS
