/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-test-utils.h: helpers shared by the GTK tests
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-core.h"
#include <string.h>

G_BEGIN_DECLS

/* GTK 4.8 warns that a text entry "did not receive a focus-out event" when
 * focus moves between toplevels on an X server without a window manager,
 * as under Xvfb. It says nothing about Harbor, so that one message is
 * dropped; every other warning stays fatal. GTK logs through the structured
 * API, where G_DEBUG=fatal-warnings acts in the writer, so the filter is a
 * writer too. */
static inline GLogWriterOutput
harbor_test_log_writer (GLogLevelFlags   log_level,
                        const GLogField *fields,
                        gsize            n_fields,
                        gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        message = fields[i].value;
    }

  if (g_strcmp0 (domain, "Gtk") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0 &&
      message != NULL && strstr (message, "did not receive a focus-out event") != NULL)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Initialises GTK and libadwaita for a test, or returns FALSE (after marking
 * the run skipped) when there is no display. */
static inline gboolean
harbor_test_init_gtk (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (harbor_test_log_writer, NULL, NULL);
  g_test_init (argc, argv, NULL);
  if (!harbor_core_init (NULL))
    g_error ("The core library could not be initialised");
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  return TRUE;
}

/* Reports the whole program as skipped in TAP. */
static inline int
harbor_test_skip_all (const char *reason)
{
  g_print ("1..0 # SKIP %s\n", reason);
  return 0;
}

/* Spins the main loop until @done returns TRUE or @timeout_ms passes. */
static inline gboolean
harbor_test_wait (gboolean (*done) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* A GAsyncReadyCallback that keeps the result in *user_data. */
static inline void
harbor_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Renders @widget into a PNG file in the build directory's screenshots/
 * folder (beside those of the end-to-end test) and returns its path. */
static inline gboolean
harbor_test_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) &&
         gtk_widget_get_width (GTK_WIDGET (data)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (data)) > 0;
}

static inline char *
harbor_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  const char *build_dir = g_getenv ("HARBOR_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir != NULL ? build_dir : ".", "screenshots", NULL);
  char *path = g_build_filename (dir, file, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GskRenderer *renderer;
  int width, height;

  g_assert_true (harbor_test_wait (harbor_test_is_drawn, widget, 10000));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  /* A freshly mapped widget has nothing to paint until its first frame. */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      g_main_context_iteration (NULL, FALSE);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

G_END_DECLS
