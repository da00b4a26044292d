/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-lock-monitor.c: decides when the vault must lock
 *
 * Copyright 2026 The Harbor authors
 *
 * The monitor emits "lock-requested" when
 *
 *  - nobody has typed, clicked or moved the pointer in a watched window for
 *    the idle delay (the "auto-lock-delay" preference);
 *  - the desktop session locks or its screen saver starts: the XDG desktop
 *    portal's session monitor (org.freedesktop.portal.Inhibit.CreateMonitor)
 *    inside a sandbox, and outside one also GNOME's and freedesktop's
 *    screen-saver signals on the session bus;
 *  - the computer is about to suspend: logind's PrepareForSleep on the
 *    system bus (outside a sandbox).
 *
 * It only asks. Locking, and destroying every view that shows client data,
 * is the window's job. While disarmed (nothing unlocked) it emits nothing.
 * Every bus is optional: without one, the idle timer still works.
 */

#define G_LOG_DOMAIN "harbor-lock-monitor"

#include "config.h"

#include <gio/gio.h>

#include "harbor-lock-monitor.h"

#define PORTAL_BUS_NAME       "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH    "/org/freedesktop/portal/desktop"
#define PORTAL_INHIBIT_IFACE  "org.freedesktop.portal.Inhibit"
#define PORTAL_REQUEST_IFACE  "org.freedesktop.portal.Request"

/* Session states of the portal's session monitor. */
#define PORTAL_SESSION_STATE_RUNNING 1

struct _HarborLockMonitor
{
  GObject          parent_instance;

  guint            idle_seconds;
  gboolean         watch_session;
  gboolean         armed;

  guint            idle_source;
  gint64           last_activity;   /* monotonic, microseconds */

  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  GArray          *session_subscriptions;
  guint            sleep_subscription;
  char            *portal_session_path;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (HarborLockMonitor, harbor_lock_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_IDLE_SECONDS,
  PROP_WATCH_SESSION,
  PROP_ARMED,
  N_PROPS,
};

enum {
  SIGNAL_LOCK_REQUESTED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
request_lock (HarborLockMonitor *self,
              HarborLockReason   reason)
{
  if (!self->armed)
    return;

  g_debug ("Asking to lock (reason %d)", reason);
  g_signal_emit (self, signals[SIGNAL_LOCK_REQUESTED], 0, reason);
}

static gboolean
idle_check_cb (gpointer user_data)
{
  HarborLockMonitor *self = user_data;
  gint64 idle_us = g_get_monotonic_time () - self->last_activity;

  if (self->armed && self->idle_seconds > 0 && idle_us >= (gint64) self->idle_seconds * G_USEC_PER_SEC)
    {
      /* Restart the count, so that a vault unlocked again is not locked at
       * once by the same stretch of idleness. */
      self->last_activity = g_get_monotonic_time ();
      request_lock (self, HARBOR_LOCK_REASON_IDLE);
    }

  return G_SOURCE_CONTINUE;
}

static void
restart_idle_timer (HarborLockMonitor *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->last_activity = g_get_monotonic_time ();

  if (self->armed && self->idle_seconds > 0)
    {
      /* Check a few times per delay rather than rescheduling on every key
       * press: activity then costs one clock read. */
      guint interval_ms = CLAMP (self->idle_seconds * 1000 / 8, 100, 5000);

      self->idle_source = g_timeout_add (interval_ms, idle_check_cb, self);
    }
}

/* ---- Desktop session ---------------------------------------------------- */

static void
screensaver_active_changed_cb (GDBusConnection *connection,
                               const char      *sender_name,
                               const char      *object_path,
                               const char      *interface_name,
                               const char      *signal_name,
                               GVariant        *parameters,
                               gpointer         user_data)
{
  HarborLockMonitor *self = user_data;
  gboolean active = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &active);
  if (active)
    request_lock (self, HARBOR_LOCK_REASON_SESSION_LOCKED);
}

static void
portal_state_changed_cb (GDBusConnection *connection,
                         const char      *sender_name,
                         const char      *object_path,
                         const char      *interface_name,
                         const char      *signal_name,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  HarborLockMonitor *self = user_data;
  g_autoptr(GVariant) state = NULL;
  const char *session = NULL;
  gboolean screensaver_active = FALSE;
  guint32 session_state = PORTAL_SESSION_STATE_RUNNING;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(oa{sv})")))
    return;
  g_variant_get (parameters, "(&o@a{sv})", &session, &state);
  if (self->portal_session_path != NULL && g_strcmp0 (session, self->portal_session_path) != 0)
    return;

  g_variant_lookup (state, "screensaver-active", "b", &screensaver_active);
  g_variant_lookup (state, "session-state", "u", &session_state);

  if (screensaver_active || session_state != PORTAL_SESSION_STATE_RUNNING)
    request_lock (self, HARBOR_LOCK_REASON_SESSION_LOCKED);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  HarborLockMonitor *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (going_to_sleep)
    request_lock (self, HARBOR_LOCK_REASON_SUSPEND);
}

static void
subscribe_session (HarborLockMonitor *self,
                   const char        *interface_name,
                   const char        *signal_name,
                   GDBusSignalCallback callback)
{
  guint id = g_dbus_connection_signal_subscribe (self->session_bus,
                                                 NULL, interface_name, signal_name,
                                                 NULL, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                 callback, self, NULL);
  g_array_append_val (self->session_subscriptions, id);
}

static void
create_monitor_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No portal session monitor: %s", error->message);
}

static void
start_portal_monitor (HarborLockMonitor *self)
{
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  GVariantBuilder options;

  /* The portal derives the session path from our unique name and the
   * token we pass, so we know it before the reply arrives. */
  sender = g_strdup (g_dbus_connection_get_unique_name (self->session_bus) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("harbor%u", g_random_int ());
  self->portal_session_path = g_strdup_printf ("/org/freedesktop/portal/desktop/session/%s/%s",
                                               sender, token);

  subscribe_session (self, PORTAL_INHIBIT_IFACE, "StateChanged", portal_state_changed_cb);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "session_handle_token", g_variant_new_string (token));
  g_dbus_connection_call (self->session_bus,
                          PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_INHIBIT_IFACE,
                          "CreateMonitor",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1,
                          self->cancellable, create_monitor_cb, self);
}

static void
start_watching_session (HarborLockMonitor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session_bus != NULL || self->system_bus != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->session_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->session_bus != NULL)
    {
      subscribe_session (self, "org.gnome.ScreenSaver", "ActiveChanged",
                         screensaver_active_changed_cb);
      subscribe_session (self, "org.freedesktop.ScreenSaver", "ActiveChanged",
                         screensaver_active_changed_cb);
      start_portal_monitor (self);
    }
  else
    {
      g_debug ("No session bus: %s", error->message);
      g_clear_error (&error);
    }

  self->system_bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  if (self->system_bus != NULL)
    self->sleep_subscription =
      g_dbus_connection_signal_subscribe (self->system_bus,
                                          "org.freedesktop.login1",
                                          "org.freedesktop.login1.Manager",
                                          "PrepareForSleep",
                                          "/org/freedesktop/login1", NULL,
                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                          prepare_for_sleep_cb, self, NULL);
  else
    g_debug ("No system bus: %s", error->message);
}

static void
stop_watching_session (HarborLockMonitor *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session_bus != NULL)
    {
      for (guint i = 0; i < self->session_subscriptions->len; i++)
        g_dbus_connection_signal_unsubscribe (self->session_bus,
                                              g_array_index (self->session_subscriptions, guint, i));
      if (self->portal_session_path != NULL)
        g_dbus_connection_call (self->session_bus, PORTAL_BUS_NAME, self->portal_session_path,
                                "org.freedesktop.portal.Session", "Close", NULL, NULL,
                                G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
    }
  g_array_set_size (self->session_subscriptions, 0);
  g_clear_pointer (&self->portal_session_path, g_free);

  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;

  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);
}

/* ---- Activity in watched widgets ---------------------------------------- */

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  harbor_lock_monitor_notify_activity (user_data);
  return GDK_EVENT_PROPAGATE;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  gpointer         user_data)
{
  harbor_lock_monitor_notify_activity (user_data);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  harbor_lock_monitor_notify_activity (user_data);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  harbor_lock_monitor_notify_activity (user_data);
  return GDK_EVENT_PROPAGATE;
}

/* ---- GObject ---------------------------------------------------------- */

static void
harbor_lock_monitor_dispose (GObject *object)
{
  HarborLockMonitor *self = HARBOR_LOCK_MONITOR (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  stop_watching_session (self);

  G_OBJECT_CLASS (harbor_lock_monitor_parent_class)->dispose (object);
}

static void
harbor_lock_monitor_finalize (GObject *object)
{
  HarborLockMonitor *self = HARBOR_LOCK_MONITOR (object);

  g_array_unref (self->session_subscriptions);

  G_OBJECT_CLASS (harbor_lock_monitor_parent_class)->finalize (object);
}

static void
harbor_lock_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HarborLockMonitor *self = HARBOR_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    case PROP_WATCH_SESSION:
      g_value_set_boolean (value, self->watch_session);
      break;
    case PROP_ARMED:
      g_value_set_boolean (value, self->armed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_lock_monitor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HarborLockMonitor *self = HARBOR_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      harbor_lock_monitor_set_idle_seconds (self, g_value_get_uint (value));
      break;
    case PROP_WATCH_SESSION:
      harbor_lock_monitor_set_watch_session (self, g_value_get_boolean (value));
      break;
    case PROP_ARMED:
      harbor_lock_monitor_set_armed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_lock_monitor_class_init (HarborLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = harbor_lock_monitor_dispose;
  object_class->finalize = harbor_lock_monitor_finalize;
  object_class->get_property = harbor_lock_monitor_get_property;
  object_class->set_property = harbor_lock_monitor_set_property;

  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 0, G_MAXUINT, 300,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WATCH_SESSION] =
    g_param_spec_boolean ("watch-session", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARMED] =
    g_param_spec_boolean ("armed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HarborLockMonitor::lock-requested:
   * @self: the monitor
   * @reason: a #HarborLockReason
   *
   * The vault should lock now.
   */
  signals[SIGNAL_LOCK_REQUESTED] =
    g_signal_new ("lock-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
harbor_lock_monitor_init (HarborLockMonitor *self)
{
  self->idle_seconds = 300;
  self->session_subscriptions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->last_activity = g_get_monotonic_time ();
}

/* ---- Public API ------------------------------------------------------------ */

/**
 * harbor_lock_monitor_new:
 *
 * Returns: (transfer full): a new, disarmed monitor
 */
HarborLockMonitor *
harbor_lock_monitor_new (void)
{
  return g_object_new (HARBOR_TYPE_LOCK_MONITOR, NULL);
}

/**
 * harbor_lock_monitor_watch_widget:
 * @self: a #HarborLockMonitor
 * @widget: a widget, usually a window
 *
 * Counts key presses, clicks, scrolling and pointer motion in @widget as
 * activity. The controllers run in the capture phase, so they see events
 * before any child handles them.
 */
void
harbor_lock_monitor_watch_widget (HarborLockMonitor *self,
                                  GtkWidget         *widget)
{
  GtkEventController *controller;

  g_return_if_fail (HARBOR_IS_LOCK_MONITOR (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, 0);
  g_signal_connect_object (controller, "enter", G_CALLBACK (motion_cb), self, 0);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_cb), self, 0);
  gtk_widget_add_controller (widget, controller);
}

/**
 * harbor_lock_monitor_notify_activity:
 * @self: a #HarborLockMonitor
 *
 * Records that the caseworker is using Harbor now.
 */
void
harbor_lock_monitor_notify_activity (HarborLockMonitor *self)
{
  g_return_if_fail (HARBOR_IS_LOCK_MONITOR (self));

  self->last_activity = g_get_monotonic_time ();
}

/**
 * harbor_lock_monitor_set_armed:
 * @self: a #HarborLockMonitor
 * @armed: whether there is something unlocked to protect
 *
 * Arming starts the idle count afresh; a disarmed monitor never asks.
 */
void
harbor_lock_monitor_set_armed (HarborLockMonitor *self,
                               gboolean           armed)
{
  g_return_if_fail (HARBOR_IS_LOCK_MONITOR (self));

  armed = !!armed;
  if (self->armed == armed)
    return;

  self->armed = armed;
  restart_idle_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARMED]);
}

gboolean
harbor_lock_monitor_get_armed (HarborLockMonitor *self)
{
  g_return_val_if_fail (HARBOR_IS_LOCK_MONITOR (self), FALSE);

  return self->armed;
}

guint
harbor_lock_monitor_get_idle_seconds (HarborLockMonitor *self)
{
  g_return_val_if_fail (HARBOR_IS_LOCK_MONITOR (self), 0);

  return self->idle_seconds;
}

/**
 * harbor_lock_monitor_set_idle_seconds:
 * @self: a #HarborLockMonitor
 * @seconds: the idle delay, or 0 to never lock for idleness
 */
void
harbor_lock_monitor_set_idle_seconds (HarborLockMonitor *self,
                                      guint              seconds)
{
  g_return_if_fail (HARBOR_IS_LOCK_MONITOR (self));

  if (self->idle_seconds == seconds)
    return;

  self->idle_seconds = seconds;
  restart_idle_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

gboolean
harbor_lock_monitor_get_watch_session (HarborLockMonitor *self)
{
  g_return_val_if_fail (HARBOR_IS_LOCK_MONITOR (self), FALSE);

  return self->watch_session;
}

/**
 * harbor_lock_monitor_set_watch_session:
 * @self: a #HarborLockMonitor
 * @watch: whether to lock with the desktop session and on suspend
 */
void
harbor_lock_monitor_set_watch_session (HarborLockMonitor *self,
                                       gboolean           watch)
{
  g_return_if_fail (HARBOR_IS_LOCK_MONITOR (self));

  watch = !!watch;
  if (self->watch_session == watch)
    return;

  self->watch_session = watch;
  if (watch)
    start_watching_session (self);
  else
    stop_watching_session (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCH_SESSION]);
}
