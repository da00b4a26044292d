/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-backup-dialog.h: back up the vault into one encrypted file
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-session.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_BACKUP_DIALOG (harbor_backup_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarborBackupDialog, harbor_backup_dialog, HARBOR, BACKUP_DIALOG, AdwWindow)

HarborBackupDialog *harbor_backup_dialog_new          (GtkWindow          *parent,
                                                       HarborSession      *session) G_GNUC_WARN_UNUSED_RESULT;
gboolean            harbor_backup_dialog_save_to      (HarborBackupDialog *self,
                                                       GFile              *file);
gboolean            harbor_backup_dialog_get_running  (HarborBackupDialog *self);
char               *harbor_backup_dialog_suggest_name (GDateTime          *now) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
