/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fault-vfs.h: a fault-injecting SQLite VFS for the crash tests
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FAULT_VFS_NAME "harbor-fault"

void     fault_vfs_register   (void);
void     fault_vfs_reset      (void);
void     fault_vfs_arm_crash  (guint n);
void     fault_vfs_arm_error  (guint n);
guint    fault_vfs_op_count   (void);
gboolean fault_vfs_fired      (void);
void     fault_vfs_power_loss (void);
void     fault_vfs_power_loss_partial (guint32 seed);

G_END_DECLS
