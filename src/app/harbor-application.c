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
#include "harbor-lock-monitor.h"
#include "harbor-preferences-window.h"
#include "harbor-window.h"

struct _HarborApplication
{
  AdwApplication     parent_instance;

  /* Owned references */
  GSettings         *settings;
  HarborSession     *session;
  HarborLockMonitor *lock_monitor;
  HarborRules       *rules;
  GError            *rules_error;
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
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.lock", { "<Control>l", NULL } },
  { "app.quick-exit", { "<Control>Escape", NULL } },
  { "win.law-library", { "<Control>b", NULL } },
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

static void
harbor_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  HarborApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HarborPreferencesWindow *preferences = harbor_preferences_window_new (parent, self->settings);

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
harbor_application_lock_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  harbor_application_lock (HARBOR_APPLICATION (user_data));
}

static void
harbor_application_quick_exit_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  harbor_application_quick_exit (HARBOR_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = harbor_application_quit_action },
  { .name = "about", .activate = harbor_application_about_action },
  { .name = "preferences", .activate = harbor_application_preferences_action },
  { .name = "lock", .activate = harbor_application_lock_action },
  { .name = "quick-exit", .activate = harbor_application_quick_exit_action },
};

static void
lock_requested_cb (HarborApplication *self,
                   int                reason)
{
  g_debug ("Locking (reason %d)", reason);
  harbor_application_lock (self);
}

static void
session_state_cb (HarborApplication *self)
{
  HarborSessionState state = harbor_session_get_state (self->session);
  GAction *lock = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");

  harbor_lock_monitor_set_armed (self->lock_monitor, state == HARBOR_SESSION_UNLOCKED);
  if (lock != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (lock), state == HARBOR_SESSION_UNLOCKED);
}

static gboolean
minutes_to_seconds (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_uint32 (variant) * 60);
  return TRUE;
}

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

  self->lock_monitor = harbor_lock_monitor_new ();
  g_settings_bind_with_mapping (self->settings, "auto-lock-delay",
                                self->lock_monitor, "idle-seconds", G_SETTINGS_BIND_GET,
                                minutes_to_seconds, NULL, NULL, NULL);
  g_settings_bind (self->settings, "lock-on-session-lock",
                   self->lock_monitor, "watch-session", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->lock_monitor, "lock-requested",
                           G_CALLBACK (lock_requested_cb), self, G_CONNECT_SWAPPED);

  /* Create the session now unless a test gave one. */
  harbor_application_get_session (self);
}

static void
harbor_application_dispose (GObject *object)
{
  HarborApplication *self = HARBOR_APPLICATION (object);

  if (self->session != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      /* Locking stops a backup or restore; let its worker remove what it
       * made before the process ends. */
      harbor_session_lock (self->session);
      while (harbor_session_get_busy (self->session) && g_get_monotonic_time () < deadline)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (10000);
    }
  g_clear_object (&self->lock_monitor);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rules, harbor_rules_free);
  g_clear_error (&self->rules_error);
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

/**
 * harbor_application_get_session:
 * @self: a #HarborApplication
 *
 * Returns: (transfer none): the session of the caseworker's vault, in the
 *   user's data folder unless harbor_application_set_session() gave another
 */
HarborSession *
harbor_application_get_session (HarborApplication *self)
{
  g_return_val_if_fail (HARBOR_IS_APPLICATION (self), NULL);

  if (self->session == NULL)
    {
      g_autofree char *dir = harbor_session_default_dir ();
      g_autoptr(HarborSession) session = harbor_session_new (dir);

      harbor_application_set_session (self, session);
    }
  return self->session;
}

/**
 * harbor_application_set_session:
 * @self: a #HarborApplication
 * @session: the session to use
 *
 * Uses @session instead of the default one. Call it before any window
 * exists; the tests use it to put the vault in a temporary folder.
 */
void
harbor_application_set_session (HarborApplication *self,
                                HarborSession     *session)
{
  g_return_if_fail (HARBOR_IS_APPLICATION (self));
  g_return_if_fail (HARBOR_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::state",
                           G_CALLBACK (session_state_cb), self, G_CONNECT_SWAPPED);
  if (self->lock_monitor != NULL)
    session_state_cb (self);
}

/**
 * harbor_application_watch_window:
 * @self: a #HarborApplication
 * @window: a window
 *
 * Counts activity in @window as use, for the automatic lock.
 */
void
harbor_application_watch_window (HarborApplication *self,
                                 GtkWindow         *window)
{
  g_return_if_fail (HARBOR_IS_APPLICATION (self));

  if (self->lock_monitor != NULL)
    harbor_lock_monitor_watch_widget (self->lock_monitor, GTK_WIDGET (window));
}

/**
 * harbor_application_lock:
 * @self: a #HarborApplication
 *
 * Locks the vault now. Every view with client data is destroyed and every
 * window shows the neutral lock screen. Other windows (preferences,
 * dialogs) are closed.
 */
void
harbor_application_lock (HarborApplication *self)
{
  GList *windows;

  g_return_if_fail (HARBOR_IS_APPLICATION (self));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (!HARBOR_IS_WINDOW (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  harbor_session_lock (harbor_application_get_session (self));
}

/**
 * harbor_application_quick_exit:
 * @self: a #HarborApplication
 *
 * Locks at once and hides every window behind the neutral lock screen, for
 * when someone who must not see Harbor comes near.
 */
void
harbor_application_quick_exit (HarborApplication *self)
{
  g_return_if_fail (HARBOR_IS_APPLICATION (self));

  harbor_application_lock (self);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    gtk_window_minimize (GTK_WINDOW (l->data));
}

/**
 * harbor_application_get_rules:
 * @self: a #HarborApplication
 * @error: return location for a #GError
 *
 * Loads the statute engine's rule data the first time it is needed (from
 * $HARBOR_RULES_DIR, the source tree when run from the build tree, or the
 * installed data) and keeps it for the life of the application.
 *
 * Returns: (transfer none) (nullable): the rules, or %NULL if they could not
 *   be loaded
 */
const HarborRules *
harbor_application_get_rules (HarborApplication  *self,
                              GError            **error)
{
  g_return_val_if_fail (HARBOR_IS_APPLICATION (self), NULL);

  if (self->rules == NULL && self->rules_error == NULL)
    {
      self->rules = harbor_rules_load (NULL, &self->rules_error);
      if (self->rules == NULL)
        g_warning ("Could not load the rule data: %s", self->rules_error->message);
    }

  if (self->rules == NULL)
    {
      g_propagate_error (error, g_error_copy (self->rules_error));
      return NULL;
    }
  return self->rules;
}

/**
 * harbor_application_get_lock_monitor:
 * @self: a #HarborApplication
 *
 * Returns: (transfer none) (nullable): the monitor that locks the vault
 *   when idle, once the application has started
 */
HarborLockMonitor *
harbor_application_get_lock_monitor (HarborApplication *self)
{
  g_return_val_if_fail (HARBOR_IS_APPLICATION (self), NULL);

  return self->lock_monitor;
}
