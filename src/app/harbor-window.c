/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-window.c: the main window
 *
 * Copyright 2026 The Harbor authors
 *
 * The title is always the application's name: nothing about a client ever
 * goes into a window title, where task switchers and screen sharing show it.
 */

#define G_LOG_DOMAIN "harbor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-window.h"

struct _HarborWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (HarborWindow, harbor_window, ADW_TYPE_APPLICATION_WINDOW)

static void
save_window_state (HarborWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;
  int width, height;

  if (!HARBOR_IS_APPLICATION (app))
    return;

  settings = harbor_application_get_settings (HARBOR_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
harbor_window_close_request (GtkWindow *window)
{
  save_window_state (HARBOR_WINDOW (window));

  return GTK_WINDOW_CLASS (harbor_window_parent_class)->close_request (window);
}

static void
harbor_window_constructed (GObject *object)
{
  HarborWindow *self = HARBOR_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (harbor_window_parent_class)->constructed (object);

  if (HARBOR_IS_APPLICATION (app))
    {
      GSettings *settings = harbor_application_get_settings (HARBOR_APPLICATION (app));
      int width, height;

      g_settings_get (settings, "window-size", "(ii)", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
harbor_window_class_init (HarborWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = harbor_window_constructed;
  window_class->close_request = harbor_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, status_page);
}

static void
harbor_window_init (HarborWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_title (GTK_WINDOW (self), _("Harbor"));
  adw_status_page_set_icon_name (self->status_page, HARBOR_ICON_NAME);
}

/**
 * harbor_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer full): a new main window
 */
HarborWindow *
harbor_window_new (HarborApplication *application)
{
  return g_object_new (HARBOR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
