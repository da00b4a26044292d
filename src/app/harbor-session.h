/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-session.h: the caseworker's vault, locked or unlocked
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <gio/gio.h>

#include "harbor-backup.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

/**
 * HarborSessionState:
 * @HARBOR_SESSION_NO_VAULT: there is no vault yet: first run
 * @HARBOR_SESSION_LOCKED: the vault exists and is locked
 * @HARBOR_SESSION_UNLOCKED: the vault is open
 */
typedef enum
{
  HARBOR_SESSION_NO_VAULT,
  HARBOR_SESSION_LOCKED,
  HARBOR_SESSION_UNLOCKED,
} HarborSessionState;

#define HARBOR_TYPE_SESSION (harbor_session_get_type ())

G_DECLARE_FINAL_TYPE (HarborSession, harbor_session, HARBOR, SESSION, GObject)

HarborSession      *harbor_session_new              (const char           *vault_dir) G_GNUC_WARN_UNUSED_RESULT;
char               *harbor_session_default_dir      (void) G_GNUC_WARN_UNUSED_RESULT;
const char         *harbor_session_get_dir          (HarborSession        *self);
HarborSessionState  harbor_session_get_state        (HarborSession        *self);
gboolean            harbor_session_get_busy         (HarborSession        *self);
HarborVault        *harbor_session_get_vault        (HarborSession        *self);
void                harbor_session_set_kdf_params   (HarborSession        *self,
                                                     const HarborKdfParams *params);

void                harbor_session_create_async     (HarborSession        *self,
                                                     const char           *passphrase,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
HarborSecret       *harbor_session_create_finish    (HarborSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void                harbor_session_unlock_async     (HarborSession        *self,
                                                     const char           *secret,
                                                     gboolean              is_recovery_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            harbor_session_unlock_finish    (HarborSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
guint               harbor_session_get_retry_delay  (HarborSession        *self);
guint               harbor_session_get_failed_attempts (HarborSession     *self);

void                harbor_session_backup_async     (HarborSession        *self,
                                                     GFile                *file,
                                                     const char           *passphrase,
                                                     HarborBackupProgress  progress,
                                                     gpointer              progress_data,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean            harbor_session_backup_finish    (HarborSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void                harbor_session_restore_async    (HarborSession        *self,
                                                     GFile                *backup,
                                                     const char           *backup_passphrase,
                                                     const char           *new_passphrase,
                                                     HarborBackupProgress  progress,
                                                     gpointer              progress_data,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
HarborSecret       *harbor_session_restore_finish   (HarborSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error) G_GNUC_WARN_UNUSED_RESULT;

void                harbor_session_lock             (HarborSession        *self);

const char         *harbor_session_describe_error   (const GError         *error);

G_END_DECLS
