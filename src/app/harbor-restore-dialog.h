/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-restore-dialog.h: make the vault from a backup
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-session.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_RESTORE_DIALOG (harbor_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarborRestoreDialog, harbor_restore_dialog, HARBOR, RESTORE_DIALOG, AdwWindow)

HarborRestoreDialog *harbor_restore_dialog_new         (GtkWindow           *parent,
                                                        HarborSession       *session,
                                                        GFile               *backup) G_GNUC_WARN_UNUSED_RESULT;
gboolean             harbor_restore_dialog_get_running (HarborRestoreDialog *self);

G_END_DECLS
