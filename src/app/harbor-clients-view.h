/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-clients-view.h: the client list and the chosen client's page
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-rules.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_CLIENTS_VIEW (harbor_clients_view_get_type ())

G_DECLARE_FINAL_TYPE (HarborClientsView, harbor_clients_view, HARBOR, CLIENTS_VIEW, GtkWidget)

GtkWidget  *harbor_clients_view_new        (HarborVault       *vault,
                                            const HarborRules *rules) G_GNUC_WARN_UNUSED_RESULT;
GListModel *harbor_clients_view_get_model  (HarborClientsView *self);
void        harbor_clients_view_set_query  (HarborClientsView *self,
                                            const char        *query);
void        harbor_clients_view_open       (HarborClientsView *self,
                                            const char        *client_id);
GtkWidget  *harbor_clients_view_get_page   (HarborClientsView *self);
void        harbor_clients_view_reload     (HarborClientsView *self);

G_END_DECLS
