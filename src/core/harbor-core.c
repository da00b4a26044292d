/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-core.c: initialisation and version information of the core library
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <sqlite3.h>

#include "harbor-core.h"
#include "harbor-vault-memory.h"

G_DEFINE_QUARK (harbor-core-error-quark, harbor_core_error)

/**
 * harbor_core_init:
 * @error: return location for a #GError
 *
 * Prepares the core library: initialises libsodium and configures SQLite
 * before any connection is opened. It must be called before any other
 * function of the core library, and may be called more than once.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_core_init (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      /* SQLite's heap is wiped on free; this must precede any connection. */
      if (ok && !harbor_vault_install_allocator ())
        g_warning ("SQLite was initialised before harbor_core_init(); its heap is not wiped");
      g_once_init_leave (&initialised, 1);
    }

  if (!ok)
    {
      g_set_error_literal (error, HARBOR_CORE_ERROR, HARBOR_CORE_ERROR_CRYPTO_INIT,
                           _("The cryptography library could not be initialised"));
      return FALSE;
    }

  return TRUE;
}

/**
 * harbor_core_get_version:
 *
 * Returns: (transfer none): the version of Harbor, such as "0.1.0"
 */
const char *
harbor_core_get_version (void)
{
  return PACKAGE_VERSION;
}

static guint
version_part (guint index)
{
  g_auto(GStrv) parts = g_strsplit (PACKAGE_VERSION, ".", 3);

  if (g_strv_length (parts) <= index)
    return 0;
  return (guint) g_ascii_strtoull (parts[index], NULL, 10);
}

guint
harbor_core_get_major_version (void)
{
  return version_part (0);
}

guint
harbor_core_get_minor_version (void)
{
  return version_part (1);
}

guint
harbor_core_get_micro_version (void)
{
  return version_part (2);
}

/**
 * harbor_core_get_sodium_version:
 *
 * Returns: (transfer none): the version of libsodium Harbor runs with
 */
const char *
harbor_core_get_sodium_version (void)
{
  return sodium_version_string ();
}

/**
 * harbor_core_get_sqlite_version:
 *
 * Returns: (transfer none): the version of SQLite Harbor runs with
 */
const char *
harbor_core_get_sqlite_version (void)
{
  return sqlite3_libversion ();
}
