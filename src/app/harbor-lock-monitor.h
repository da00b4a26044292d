/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-lock-monitor.h: decides when the vault must lock
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * HarborLockReason:
 * @HARBOR_LOCK_REASON_IDLE: nobody used Harbor for the idle delay
 * @HARBOR_LOCK_REASON_SESSION_LOCKED: the desktop session locked or the
 *   screen saver started
 * @HARBOR_LOCK_REASON_SUSPEND: the computer is about to suspend
 *
 * Why the monitor asks for the vault to lock.
 */
typedef enum
{
  HARBOR_LOCK_REASON_IDLE,
  HARBOR_LOCK_REASON_SESSION_LOCKED,
  HARBOR_LOCK_REASON_SUSPEND,
} HarborLockReason;

#define HARBOR_TYPE_LOCK_MONITOR (harbor_lock_monitor_get_type ())

G_DECLARE_FINAL_TYPE (HarborLockMonitor, harbor_lock_monitor, HARBOR, LOCK_MONITOR, GObject)

HarborLockMonitor *harbor_lock_monitor_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
void               harbor_lock_monitor_watch_widget        (HarborLockMonitor *self,
                                                            GtkWidget         *widget);
void               harbor_lock_monitor_notify_activity     (HarborLockMonitor *self);
void               harbor_lock_monitor_set_armed           (HarborLockMonitor *self,
                                                            gboolean           armed);
gboolean           harbor_lock_monitor_get_armed           (HarborLockMonitor *self);
guint              harbor_lock_monitor_get_idle_seconds    (HarborLockMonitor *self);
void               harbor_lock_monitor_set_idle_seconds    (HarborLockMonitor *self,
                                                            guint              seconds);
gboolean           harbor_lock_monitor_get_watch_session   (HarborLockMonitor *self);
void               harbor_lock_monitor_set_watch_session   (HarborLockMonitor *self,
                                                            gboolean           watch);

G_END_DECLS
