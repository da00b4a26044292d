/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-application.c: the Harbor application
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-application"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-core.h"
#include "harbor-application.h"
#include "harbor-window.h"

struct _HarborApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (HarborApplication, harbor_application, ADW_TYPE_APPLICATION)

/* Application-wide keyboard shortcuts, in one place. The shortcuts window
 * (ui/gtk/help-overlay.ui) lists the same actions; a test keeps them in step. */
static const struct
{
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.about", { "F1", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

static void
harbor_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  HarborApplication *self = user_data;

  g_application_quit (G_APPLICATION (self));
}

static void
harbor_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  HarborApplication *self = user_data;
  static const char *developers[] = { "The Harbor authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Harbor"),
                        "application-icon", HARBOR_ICON_NAME,
                        "developer-name", _("The Harbor authors"),
                        "version", PACKAGE_VERSION,
                        "website", HARBOR_WEBSITE,
                        "comments", _("Harbor keeps a survivor’s case history in an encrypted "
                                      "vault on this computer and shows, record by record, which "
                                      "legal relief may be available. It gives legal information, "
                                      "not legal advice."),
                        "developers", developers,
                        "copyright", "© 2026 The Harbor authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = harbor_application_quit_action },
  { .name = "about", .activate = harbor_application_about_action },
};

static void
harbor_application_activate (GApplication *app)
{
  HarborApplication *self = HARBOR_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (harbor_window_new (self));

  gtk_window_present (window);
}

static void
harbor_application_startup (GApplication *app)
{
  HarborApplication *self = HARBOR_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (harbor_application_parent_class)->startup (app);

  if (!harbor_core_init (&error))
    g_critical ("Could not initialise the core library: %s", error->message);

  g_set_application_name (_("Harbor"));
  gtk_window_set_default_icon_name (HARBOR_ICON_NAME);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
harbor_application_dispose (GObject *object)
{
  HarborApplication *self = HARBOR_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (harbor_application_parent_class)->dispose (object);
}

static void
harbor_application_class_init (HarborApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = harbor_application_dispose;
  app_class->activate = harbor_application_activate;
  app_class->startup = harbor_application_startup;
}

static void
harbor_application_init (HarborApplication *self)
{
  self->settings = g_settings_new (HARBOR_SCHEMA_ID);
}

/**
 * harbor_application_new:
 *
 * Returns: (transfer full): a new #HarborApplication
 */
HarborApplication *
harbor_application_new (void)
{
  return g_object_new (HARBOR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", HARBOR_RESOURCE_BASE,
                       NULL);
}

/**
 * harbor_application_get_settings:
 * @self: a #HarborApplication
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
harbor_application_get_settings (HarborApplication *self)
{
  g_return_val_if_fail (HARBOR_IS_APPLICATION (self), NULL);

  return self->settings;
}
