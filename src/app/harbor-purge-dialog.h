/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-purge-dialog.h: the confirmation before clients are deleted for good
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_PURGE_DIALOG (harbor_purge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarborPurgeDialog, harbor_purge_dialog, HARBOR, PURGE_DIALOG, AdwMessageDialog)

HarborPurgeDialog *harbor_purge_dialog_new_for_client  (GtkWindow    *parent,
                                                        HarborVault  *vault,
                                                        const char   *client_id,
                                                        GError      **error) G_GNUC_WARN_UNUSED_RESULT;
HarborPurgeDialog *harbor_purge_dialog_new_for_deleted (GtkWindow    *parent,
                                                        HarborVault  *vault,
                                                        GError      **error) G_GNUC_WARN_UNUSED_RESULT;
guint              harbor_purge_dialog_get_n_clients   (HarborPurgeDialog *self);

G_END_DECLS
