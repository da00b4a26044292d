/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-memory.h: SQLite's heap, wiped on free
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean harbor_vault_install_allocator (void);
gboolean harbor_vault_allocator_installed (void);

G_END_DECLS
