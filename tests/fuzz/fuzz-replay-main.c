/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay-main.c: runs a fuzz target over a corpus without libFuzzer
 *
 * Copyright 2026 The Harbor authors
 *
 * Each fuzz target is also built as a plain program with this main(), and
 * the test suite runs it over the target's corpus, so every input that once
 * crashed a parser stays fixed. Arguments are files or directories.
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static gboolean
replay_file (const char *path,
             guint      *count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "fuzz-replay: %s\n", error->message);
      return FALSE;
    }

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  (*count)++;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint count = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s CORPUS_DIR_OR_FILE…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              fprintf (stderr, "fuzz-replay: %s\n", error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_paths);
          for (guint j = 0; j < names->len; j++)
            if (!replay_file (g_ptr_array_index (names, j), &count))
              return 1;
        }
      else if (!replay_file (argv[i], &count))
        {
          return 1;
        }
    }

  if (count == 0)
    {
      fprintf (stderr, "fuzz-replay: no input replayed\n");
      return 1;
    }

  printf ("replayed %u inputs\n", count);
  return 0;
}
