/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-deleted-clients.h: the Recently Deleted Clients window
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_DELETED_CLIENTS (harbor_deleted_clients_get_type ())

G_DECLARE_FINAL_TYPE (HarborDeletedClients, harbor_deleted_clients, HARBOR, DELETED_CLIENTS, AdwWindow)

HarborDeletedClients *harbor_deleted_clients_new           (GtkWindow            *parent,
                                                            HarborVault          *vault) G_GNUC_WARN_UNUSED_RESULT;
void                  harbor_deleted_clients_reload        (HarborDeletedClients *self);
guint                 harbor_deleted_clients_get_n_clients (HarborDeletedClients *self);

G_END_DECLS
