/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-recovery-page.h: shows the recovery key once
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_RECOVERY_PAGE (harbor_recovery_page_get_type ())

G_DECLARE_FINAL_TYPE (HarborRecoveryPage, harbor_recovery_page, HARBOR, RECOVERY_PAGE, GtkWidget)

GtkWidget *harbor_recovery_page_new             (void) G_GNUC_WARN_UNUSED_RESULT;
void       harbor_recovery_page_set_key         (HarborRecoveryPage *self,
                                                 const char         *recovery_key);
void       harbor_recovery_page_clear           (HarborRecoveryPage *self);
void       harbor_recovery_page_set_clear_delay (HarborRecoveryPage *self,
                                                 guint               seconds);

G_END_DECLS
