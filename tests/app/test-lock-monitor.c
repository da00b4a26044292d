/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lock-monitor.c: the vault is asked to lock when it should, and only then
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include "harbor-lock-monitor.h"
#include "harbor-test-utils.h"

typedef struct
{
  guint count;
  int   reason;
} Locks;

static void
lock_requested_cb (HarborLockMonitor *monitor,
                   int                reason,
                   Locks             *locks)
{
  locks->count++;
  locks->reason = reason;
}

static gboolean
locked (gpointer data)
{
  return ((Locks *) data)->count > 0;
}

static void
test_idle (void)
{
  g_autoptr(HarborLockMonitor) monitor = harbor_lock_monitor_new ();
  Locks locks = { 0 };

  g_signal_connect (monitor, "lock-requested", G_CALLBACK (lock_requested_cb), &locks);
  harbor_lock_monitor_set_idle_seconds (monitor, 1);

  /* Nothing unlocked, nothing to lock. */
  harbor_test_spin (1500);
  g_assert_cmpuint (locks.count, ==, 0);

  harbor_lock_monitor_set_armed (monitor, TRUE);
  g_assert_true (harbor_test_wait (locked, &locks, 3000));
  g_assert_cmpint (locks.reason, ==, HARBOR_LOCK_REASON_IDLE);
}

static void
test_activity_postpones (void)
{
  g_autoptr(HarborLockMonitor) monitor = harbor_lock_monitor_new ();
  Locks locks = { 0 };
  gint64 until;

  g_signal_connect (monitor, "lock-requested", G_CALLBACK (lock_requested_cb), &locks);
  harbor_lock_monitor_set_idle_seconds (monitor, 1);
  harbor_lock_monitor_set_armed (monitor, TRUE);

  /* Two seconds of steady use: never idle for a whole second. */
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      harbor_lock_monitor_notify_activity (monitor);
      harbor_test_spin (200);
    }
  g_assert_cmpuint (locks.count, ==, 0);

  /* Then the caseworker steps away. */
  g_assert_true (harbor_test_wait (locked, &locks, 3000));
  g_assert_cmpint (locks.reason, ==, HARBOR_LOCK_REASON_IDLE);
}

static guint
count_capture_controllers (GtkWidget *widget,
                           GType      type)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        n++;
    }
  g_object_unref (controllers);
  return n;
}

static void
test_watch_widget (void)
{
  g_autoptr(HarborLockMonitor) monitor = harbor_lock_monitor_new ();
  GtkWidget *window = gtk_window_new ();
  GType watched[4];
  guint before[4];

  watched[0] = GTK_TYPE_EVENT_CONTROLLER_KEY;
  watched[1] = GTK_TYPE_GESTURE_CLICK;
  watched[2] = GTK_TYPE_EVENT_CONTROLLER_MOTION;
  watched[3] = GTK_TYPE_EVENT_CONTROLLER_SCROLL;

  /* Keys, clicks, motion and scrolling are seen in the capture phase,
   * before any child widget can swallow them. */
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    before[i] = count_capture_controllers (window, watched[i]);
  harbor_lock_monitor_watch_widget (monitor, window);
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_assert_cmpuint (count_capture_controllers (window, watched[i]), ==, before[i] + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
emit_screensaver (const char *interface,
                  const char *path,
                  gboolean    active)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (bus, NULL, path, interface, "ActiveChanged",
                                 g_variant_new ("(b)", active), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (bus, NULL, NULL);
}

static void
test_session_lock (void)
{
  g_autoptr(HarborLockMonitor) monitor = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  Locks locks = { 0 };

  if (bus == NULL)
    {
      g_test_skip ("no session bus");
      return;
    }

  monitor = harbor_lock_monitor_new ();
  g_signal_connect (monitor, "lock-requested", G_CALLBACK (lock_requested_cb), &locks);
  harbor_lock_monitor_set_idle_seconds (monitor, 0);
  harbor_lock_monitor_set_watch_session (monitor, TRUE);

  /* Disarmed: the screen saver starting changes nothing. */
  emit_screensaver ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", TRUE);
  harbor_test_spin (500);
  g_assert_cmpuint (locks.count, ==, 0);

  harbor_lock_monitor_set_armed (monitor, TRUE);

  /* The screen saver stopping is no reason to lock. */
  emit_screensaver ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", FALSE);
  harbor_test_spin (500);
  g_assert_cmpuint (locks.count, ==, 0);

  emit_screensaver ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", TRUE);
  g_assert_true (harbor_test_wait (locked, &locks, 3000));
  g_assert_cmpint (locks.reason, ==, HARBOR_LOCK_REASON_SESSION_LOCKED);

  locks.count = 0;
  emit_screensaver ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", TRUE);
  g_assert_true (harbor_test_wait (locked, &locks, 3000));

  /* Turning the preference off stops listening. */
  locks.count = 0;
  harbor_lock_monitor_set_watch_session (monitor, FALSE);
  emit_screensaver ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", TRUE);
  harbor_test_spin (500);
  g_assert_cmpuint (locks.count, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  GTestDBus *private_bus;
  int status;

  /* The screen-saver signals this test broadcasts must not reach the
   * other Harbor tests running at the same time on the shared session
   * bus (they would lock their vaults): use a bus of our own. */
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (private_bus);
  /* g_test_dbus_up() unsets DISPLAY; the test still needs the X server. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  /* The private bus has no accessibility bus, and this test needs none. */
  g_setenv ("GTK_A11Y", "none", TRUE);

  if (!harbor_test_init_gtk (&argc, &argv))
    {
      g_test_dbus_stop (private_bus);
      return harbor_test_skip_all ("no display");
    }

  g_test_add_func ("/app/lock-monitor/idle", test_idle);
  g_test_add_func ("/app/lock-monitor/activity-postpones", test_activity_postpones);
  g_test_add_func ("/app/lock-monitor/watch-widget", test_watch_widget);
  g_test_add_func ("/app/lock-monitor/session-lock", test_session_lock);

  status = g_test_run ();
  /* Only stop the daemon: g_test_dbus_down() would wait for GTK's own
   * reference to the bus connection, which lives until exit. */
  g_test_dbus_stop (private_bus);
  return status;
}
