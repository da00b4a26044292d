/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-core.h: entry points of the core library (no GTK)
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARBOR_CORE_ERROR (harbor_core_error_quark ())

typedef enum
{
  HARBOR_CORE_ERROR_CRYPTO_INIT,
  HARBOR_CORE_ERROR_SQLITE_CONFIG,
} HarborCoreError;

GQuark       harbor_core_error_quark   (void);

gboolean     harbor_core_init          (GError **error);
const char  *harbor_core_get_version   (void);
guint        harbor_core_get_major_version (void);
guint        harbor_core_get_minor_version (void);
guint        harbor_core_get_micro_version (void);
const char  *harbor_core_get_sodium_version (void);
const char  *harbor_core_get_sqlite_version (void);

G_END_DECLS
