/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-error.c: the error domain of the encrypted vault
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include "harbor-vault-error.h"

G_DEFINE_QUARK (harbor-vault-error-quark, harbor_vault_error)
