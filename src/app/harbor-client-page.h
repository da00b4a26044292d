/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-page.h: one client's page
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-relief-view.h"
#include "harbor-rules.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_CLIENT_PAGE (harbor_client_page_get_type ())

G_DECLARE_FINAL_TYPE (HarborClientPage, harbor_client_page, HARBOR, CLIENT_PAGE, GtkWidget)

GtkWidget  *harbor_client_page_new           (HarborVault       *vault,
                                              const HarborRules *rules,
                                              const char        *client_id) G_GNUC_WARN_UNUSED_RESULT;
const char *harbor_client_page_get_client_id (HarborClientPage *self);
void        harbor_client_page_reload        (HarborClientPage *self);
void        harbor_client_page_show_section  (HarborClientPage *self,
                                              const char       *name);
HarborReliefView *harbor_client_page_get_relief_view (HarborClientPage *self);

G_END_DECLS
