/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-entities.c: the plain structs the vault's stores exchange
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include "harbor-vault-entities.h"

HarborVaultClient *
harbor_vault_client_new (void)
{
  return g_new0 (HarborVaultClient, 1);
}

void
harbor_vault_client_free (HarborVaultClient *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->display_name);
  g_strfreev (self->aliases);
  g_free (self->birth_date);
  g_free (self->pronouns);
  g_strfreev (self->languages);
  g_free (self->safety_notes);
  g_strfreev (self->trafficking_types);
  g_free (self->trafficking_began_on);
  g_free (self->trafficking_ended_on);
  g_strfreev (self->trafficking_documentation);
  g_free (self);
}

HarborVaultEvent *
harbor_vault_event_new (void)
{
  return g_new0 (HarborVaultEvent, 1);
}

void
harbor_vault_event_free (HarborVaultEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->client_id);
  g_free (self->kind);
  g_free (self->date);
  g_free (self->text);
  g_free (self);
}

HarborVaultChecklist *
harbor_vault_checklist_new (void)
{
  return g_new0 (HarborVaultChecklist, 1);
}

void
harbor_vault_checklist_free (HarborVaultChecklist *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->client_id);
  g_free (self->record_id);
  g_free (self->pathway_id);
  g_free (self->title);
  g_free (self);
}

HarborVaultChecklistItem *
harbor_vault_checklist_item_new (void)
{
  return g_new0 (HarborVaultChecklistItem, 1);
}

void
harbor_vault_checklist_item_free (HarborVaultChecklistItem *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->checklist_id);
  g_free (self->step);
  g_free (self->status);
  g_free (self->due_on);
  g_free (self->done_on);
  g_free (self->note);
  g_free (self);
}

HarborVaultConsent *
harbor_vault_consent_new (void)
{
  return g_new0 (HarborVaultConsent, 1);
}

void
harbor_vault_consent_free (HarborVaultConsent *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->client_id);
  g_free (self->party);
  g_free (self->scope);
  g_free (self->signed_on);
  g_free (self->expires_on);
  g_free (self->revoked_on);
  g_free (self->note);
  g_free (self);
}

void
harbor_vault_audit_entry_free (HarborVaultAuditEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->actor);
  g_free (self->action);
  g_free (self->object_id);
  g_free (self);
}
