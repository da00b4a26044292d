/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-new-passphrase.h: choosing a new passphrase, typed twice, with its strength
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_NEW_PASSPHRASE (harbor_new_passphrase_get_type ())

G_DECLARE_FINAL_TYPE (HarborNewPassphrase, harbor_new_passphrase, HARBOR, NEW_PASSPHRASE, GtkWidget)

GtkWidget  *harbor_new_passphrase_new            (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean    harbor_new_passphrase_get_acceptable (HarborNewPassphrase *self);
const char *harbor_new_passphrase_get_text       (HarborNewPassphrase *self);
void        harbor_new_passphrase_clear          (HarborNewPassphrase *self);
void        harbor_new_passphrase_focus          (HarborNewPassphrase *self);

G_END_DECLS
