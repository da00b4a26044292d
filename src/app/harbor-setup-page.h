/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-setup-page.h: first run, choosing the vault passphrase
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_SETUP_PAGE (harbor_setup_page_get_type ())

G_DECLARE_FINAL_TYPE (HarborSetupPage, harbor_setup_page, HARBOR, SETUP_PAGE, GtkWidget)

GtkWidget  *harbor_setup_page_new        (void) G_GNUC_WARN_UNUSED_RESULT;
void        harbor_setup_page_set_busy   (HarborSetupPage *self,
                                          gboolean         busy);
void        harbor_setup_page_set_error  (HarborSetupPage *self,
                                          const char      *message);
void        harbor_setup_page_clear      (HarborSetupPage *self);

G_END_DECLS
