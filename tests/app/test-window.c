/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window opens, is named "Harbor" and can be seen
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include "harbor-window.h"
#include "harbor-test-utils.h"

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) &&
         gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
test_window_opens (void)
{
  HarborWindow *window = harbor_window_new (NULL);
  g_autofree char *screenshot = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (harbor_test_wait (is_mapped, window, 10000));

  /* The window is the toplevel frame of the accessible tree, named Harbor,
   * and its title never carries anything else. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (window)), ==,
                   GTK_ACCESSIBLE_ROLE_WINDOW);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Harbor");

  screenshot = harbor_test_screenshot (GTK_WIDGET (window), "main-window");
  reloaded = gdk_texture_new_from_filename (screenshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (reloaded), >, 100);
  g_test_message ("screenshot written to %s", screenshot);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  g_test_add_func ("/app/window/opens", test_window_opens);

  return g_test_run ();
}
