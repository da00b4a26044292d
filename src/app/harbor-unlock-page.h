/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-unlock-page.h: the neutral lock screen
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_UNLOCK_PAGE (harbor_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (HarborUnlockPage, harbor_unlock_page, HARBOR, UNLOCK_PAGE, GtkWidget)

GtkWidget *harbor_unlock_page_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void       harbor_unlock_page_set_busy     (HarborUnlockPage *self,
                                            gboolean          busy);
void       harbor_unlock_page_set_error    (HarborUnlockPage *self,
                                            const char       *message);
void       harbor_unlock_page_wait         (HarborUnlockPage *self,
                                            guint             seconds);
void       harbor_unlock_page_clear        (HarborUnlockPage *self);
void       harbor_unlock_page_focus        (HarborUnlockPage *self);

G_END_DECLS
