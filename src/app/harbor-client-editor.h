/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-editor.h: add or edit a client's basic facts
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-vault-entities.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_CLIENT_EDITOR (harbor_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (HarborClientEditor, harbor_client_editor, HARBOR, CLIENT_EDITOR, AdwWindow)

HarborClientEditor *harbor_client_editor_new   (GtkWindow               *parent,
                                                const HarborVaultClient *client) G_GNUC_WARN_UNUSED_RESULT;
gboolean            harbor_client_editor_parse_date (const char *text);

G_END_DECLS
