/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-test-fs.c: temporary folders for the tests of every area
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <glib/gstdio.h>

#include "harbor-test-fs.h"

/* A new, empty folder in the system's temporary folder, whose name starts
 * with "harbor-@name-"; the test fails if it cannot be made. */
char *
harbor_test_make_tmpdir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("harbor-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and everything in it, without following symbolic links out
 * of it; a plain file is removed too, and nothing there is fine. */
void
harbor_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    {
      g_remove (dir);
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        harbor_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
