/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-core.c: the core library links, initialises and reports its version
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "harbor-core.h"

static void
test_init (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harbor_core_init (&error));
  g_assert_no_error (error);
  /* A second call is harmless. */
  g_assert_true (harbor_core_init (&error));
  g_assert_no_error (error);
}

static void
test_version (void)
{
  g_autofree char *joined = NULL;

  g_assert_cmpstr (harbor_core_get_version (), ==, PACKAGE_VERSION);
  joined = g_strdup_printf ("%u.%u.%u",
                            harbor_core_get_major_version (),
                            harbor_core_get_minor_version (),
                            harbor_core_get_micro_version ());
  g_assert_cmpstr (joined, ==, PACKAGE_VERSION);
}

static void
test_library_versions (void)
{
  const char *sqlite = harbor_core_get_sqlite_version ();
  const char *sodium = harbor_core_get_sodium_version ();

  /* The floors from DESIGN.md: SQLite 3.40, libsodium 1.0.18. */
  g_assert_nonnull (sqlite);
  g_assert_true (g_str_has_prefix (sqlite, "3."));
  g_assert_cmpint (atoi (sqlite + 2), >=, 40);
  g_assert_nonnull (sodium);
  g_assert_cmpint (strlen (sodium), >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/init", test_init);
  g_test_add_func ("/core/version", test_version);
  g_test_add_func ("/core/library-versions", test_library_versions);

  return g_test_run ();
}
