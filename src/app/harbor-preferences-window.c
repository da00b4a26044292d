/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-preferences-window.c: the preferences
 *
 * Copyright 2026 The Harbor authors
 *
 * Every control is bound to its GSettings key, so a change applies at once
 * and there is nothing to save.
 */

#define G_LOG_DOMAIN "harbor-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-preferences-window.h"

struct _HarborPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned references */
  GSettings            *settings;

  /* Template widgets */
  GtkSpinButton        *auto_lock_spin;
  GtkSwitch            *session_lock_switch;
  GtkSpinButton        *clipboard_spin;
};

G_DEFINE_FINAL_TYPE (HarborPreferencesWindow, harbor_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
harbor_preferences_window_constructed (GObject *object)
{
  HarborPreferencesWindow *self = HARBOR_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (harbor_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "auto-lock-delay",
                   self->auto_lock_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lock-on-session-lock",
                   self->session_lock_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "clipboard-clear-delay",
                   self->clipboard_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

static void
harbor_preferences_window_dispose (GObject *object)
{
  HarborPreferencesWindow *self = HARBOR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (harbor_preferences_window_parent_class)->dispose (object);
}

static void
harbor_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  HarborPreferencesWindow *self = HARBOR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_preferences_window_class_init (HarborPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = harbor_preferences_window_constructed;
  object_class->dispose = harbor_preferences_window_dispose;
  object_class->set_property = harbor_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, HarborPreferencesWindow, session_lock_switch);
  gtk_widget_class_bind_template_child (widget_class, HarborPreferencesWindow, clipboard_spin);
}

static void
harbor_preferences_window_init (HarborPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * harbor_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: Harbor's settings
 *
 * Returns: (transfer full): a new preferences window
 */
HarborPreferencesWindow *
harbor_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (HARBOR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}
