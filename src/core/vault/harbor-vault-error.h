/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-error.h: the error domain of the encrypted vault
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARBOR_VAULT_ERROR (harbor_vault_error_quark ())

/**
 * HarborVaultError:
 * @HARBOR_VAULT_ERROR_WRONG_PASSPHRASE: the passphrase does not open the key file
 * @HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY: a well-formed recovery key that does not open it
 * @HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY: the recovery key fails its check group
 *   (a typo), or has the wrong length or characters
 * @HARBOR_VAULT_ERROR_NOT_A_VAULT: the folder or file is not a Harbor vault
 * @HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION: made by a newer Harbor
 * @HARBOR_VAULT_ERROR_DAMAGED: a page of the database or journal failed
 *   authentication; the message names the file and the page
 * @HARBOR_VAULT_ERROR_KEYFILE_DAMAGED: the key file is truncated or altered
 * @HARBOR_VAULT_ERROR_FOREIGN_KEYFILE: the key file belongs to another vault
 * @HARBOR_VAULT_ERROR_FOREIGN_DATABASE: the database belongs to another vault
 * @HARBOR_VAULT_ERROR_LOCKED: the vault is locked
 * @HARBOR_VAULT_ERROR_IO: reading or writing failed (disk full, permissions, ...)
 * @HARBOR_VAULT_ERROR_NOT_FOUND: no live object has that id
 * @HARBOR_VAULT_ERROR_INVALID: an argument is not acceptable (empty name, bad id, ...)
 * @HARBOR_VAULT_ERROR_EXISTS: the folder already holds a vault
 * @HARBOR_VAULT_ERROR_AUDIT_BROKEN: the audit log's hash chain does not verify
 * @HARBOR_VAULT_ERROR_PURGE_UNFINISHED: a purge removed the rows, but rewriting
 *   the search indexes and the database file failed; the rewrite is retried
 *   at the next purge or unlock (or with harbor_vault_finish_purge())
 *
 * Every foreign code (SQLite, libsodium, errno) is mapped into this domain
 * once, at the vault's boundary.
 */
typedef enum
{
  HARBOR_VAULT_ERROR_WRONG_PASSPHRASE,
  HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY,
  HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY,
  HARBOR_VAULT_ERROR_NOT_A_VAULT,
  HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION,
  HARBOR_VAULT_ERROR_DAMAGED,
  HARBOR_VAULT_ERROR_KEYFILE_DAMAGED,
  HARBOR_VAULT_ERROR_FOREIGN_KEYFILE,
  HARBOR_VAULT_ERROR_FOREIGN_DATABASE,
  HARBOR_VAULT_ERROR_LOCKED,
  HARBOR_VAULT_ERROR_IO,
  HARBOR_VAULT_ERROR_NOT_FOUND,
  HARBOR_VAULT_ERROR_INVALID,
  HARBOR_VAULT_ERROR_EXISTS,
  HARBOR_VAULT_ERROR_AUDIT_BROKEN,
  HARBOR_VAULT_ERROR_PURGE_UNFINISHED,
} HarborVaultError;

GQuark harbor_vault_error_quark (void);

G_END_DECLS
