/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vault-test-util.h: helpers shared by the vault tests
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

#include "harbor-test-fs.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define TEST_PASSPHRASE "correct horse battery staple"

HarborVault *vt_create_vault       (const char  *dir,
                                    const char  *base_vfs,
                                    char       **recovery_key);
HarborVault *vt_open_vault         (const char  *dir,
                                    const char  *base_vfs);
gboolean     vt_folder_contains    (const char  *dir,
                                    const char  *needle);
char        *vt_add_client         (HarborVault *vault,
                                    const char  *name,
                                    const char  *alias,
                                    const char  *note);
GBytes      *vt_read_file          (const char  *path);
void         vt_write_file         (const char  *path,
                                    GBytes      *bytes);
char        *vt_dump               (HarborVault *vault);
guint        vt_decrypted_count    (HarborVault *vault,
                                    const char  *needle);

G_END_DECLS
