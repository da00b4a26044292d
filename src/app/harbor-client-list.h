/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-list.h: the vault's clients as a lazily loaded list model
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <gio/gio.h>

#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_CLIENT_ITEM (harbor_client_item_get_type ())

G_DECLARE_FINAL_TYPE (HarborClientItem, harbor_client_item, HARBOR, CLIENT_ITEM, GObject)

const char *harbor_client_item_get_id           (HarborClientItem *self);
const char *harbor_client_item_get_display_name (HarborClientItem *self);

#define HARBOR_TYPE_CLIENT_LIST (harbor_client_list_get_type ())

G_DECLARE_FINAL_TYPE (HarborClientList, harbor_client_list, HARBOR, CLIENT_LIST, GObject)

HarborClientList *harbor_client_list_new        (HarborVault      *vault) G_GNUC_WARN_UNUSED_RESULT;
void              harbor_client_list_set_query  (HarborClientList *self,
                                                 const char       *query);
const char       *harbor_client_list_get_query  (HarborClientList *self);
void              harbor_client_list_reload     (HarborClientList *self);
guint             harbor_client_list_get_loaded_pages (HarborClientList *self);

G_END_DECLS
