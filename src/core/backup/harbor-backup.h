/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-backup.h: encrypted backups of a vault, and restoring them
 *
 * Copyright 2026 The Harbor authors
 *
 * A backup is one file (conventionally *.hbk) protected by its own
 * passphrase: a header naming the format, then libsodium secretstream
 * chunks carrying a logical dump of the vault. The format is described in
 * harbor-backup.c and docs/backup.md.
 */

#pragma once

#include <gio/gio.h>

#include "harbor-keyfile.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_BACKUP_MAGIC          "HARBORBK"
#define HARBOR_BACKUP_FORMAT_VERSION 1
#define HARBOR_BACKUP_HEADER_SIZE    108
#define HARBOR_BACKUP_CHUNK_SIZE     65536

#define HARBOR_BACKUP_ERROR (harbor_backup_error_quark ())

/**
 * HarborBackupError:
 * @HARBOR_BACKUP_ERROR_NOT_A_BACKUP: the file does not start with the backup magic
 * @HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION: a newer format version, or parameters
 *   this Harbor does not accept (an unknown KDF, more memory than allowed)
 * @HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE: the passphrase does not open the backup
 * @HARBOR_BACKUP_ERROR_TRUNCATED: the file ends before its final chunk
 *   (or its last chunk is damaged: the two cannot be told apart)
 * @HARBOR_BACKUP_ERROR_DAMAGED: the header checksum or a chunk failed
 *   authentication (changed, reordered or foreign data); the message names the chunk
 * @HARBOR_BACKUP_ERROR_INVALID: authenticated content that is not a valid
 *   dump (a bug in the program that wrote it); the message names the entry and field
 * @HARBOR_BACKUP_ERROR_EXISTS: the destination exists (a non-empty folder, a file)
 * @HARBOR_BACKUP_ERROR_IO: reading or writing failed
 */
typedef enum
{
  HARBOR_BACKUP_ERROR_NOT_A_BACKUP,
  HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION,
  HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE,
  HARBOR_BACKUP_ERROR_TRUNCATED,
  HARBOR_BACKUP_ERROR_DAMAGED,
  HARBOR_BACKUP_ERROR_INVALID,
  HARBOR_BACKUP_ERROR_EXISTS,
  HARBOR_BACKUP_ERROR_IO,
} HarborBackupError;

GQuark harbor_backup_error_quark (void);

/**
 * HarborBackupProgress:
 * @done: work done so far
 * @total: all the work (a backup counts clients, a restore bytes of the file)
 * @user_data: the data passed with the callback
 *
 * Called from the thread doing the work, after each unit.
 */
typedef void (*HarborBackupProgress) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

gboolean      harbor_backup_write         (HarborVault            *vault,
                                           const char             *out_path,
                                           const char             *passphrase,
                                           const HarborKdfParams  *params,
                                           HarborBackupProgress    progress,
                                           gpointer                user_data,
                                           GCancellable           *cancellable,
                                           GError                **error);

gboolean      harbor_backup_verify_stream (GInputStream           *in,
                                           const char             *passphrase,
                                           const HarborKdfParams  *max_params,
                                           GCancellable           *cancellable,
                                           GError                **error);

HarborSecret *harbor_backup_restore       (const char             *backup_path,
                                           const char             *backup_passphrase,
                                           const char             *new_vault_dir,
                                           const char             *new_vault_passphrase,
                                           const HarborKdfParams  *vault_params,
                                           HarborBackupProgress    progress,
                                           gpointer                user_data,
                                           GCancellable           *cancellable,
                                           GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- For tests and the fuzz target ----------------------------------------- */

/* harbor_backup_write() with a chosen plaintext chunk size (256 .. 1 MiB),
 * so that a small test vault spans several chunks. */
gboolean      harbor_backup_write_with_chunk_size (HarborVault           *vault,
                                                   const char            *out_path,
                                                   const char            *passphrase,
                                                   const HarborKdfParams *params,
                                                   guint32                chunk_size,
                                                   GError               **error);

/* Validates @length bytes of decrypted payload (length-prefixed JSON
 * entries) as the reader does after authentication; with a @vault, also
 * adds them to it in a transaction that is rolled back. */
gboolean      harbor_backup_check_payload (HarborVault           *vault,
                                           const guint8          *payload,
                                           gsize                  length,
                                           GError               **error);

G_END_DECLS
