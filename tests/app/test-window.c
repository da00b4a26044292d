/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window opens, is named "Harbor" and can be seen
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include "harbor-application.h"
#include "harbor-window.h"
#include "harbor-test-utils.h"

/* One registered application for the whole program, as in Harbor. */
static HarborApplication *test_app;

static void
test_window_opens (void)
{
  HarborApplication *app = test_app;
  g_autofree char *screenshot = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  HarborWindow *window;
  GtkIconTheme *theme;

  /* The registered application brings the icons of the resource bundle
   * into the icon theme, as when Harbor runs. */
  window = harbor_window_new (app);
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  g_assert_true (gtk_icon_theme_has_icon (theme, HARBOR_ICON_NAME));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (harbor_test_wait (harbor_test_is_drawn, window, 10000));

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

static void
test_about (void)
{
  HarborApplication *app = test_app;
  AdwAboutWindow *about;
  HarborWindow *window;

  window = harbor_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (harbor_test_wait_for_mapped_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Harbor");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  test_app = harbor_test_application_new ();

  g_test_add_func ("/app/window/opens", test_window_opens);
  g_test_add_func ("/app/window/about", test_about);

  ret = g_test_run ();
  g_clear_object (&test_app);
  return ret;
}
