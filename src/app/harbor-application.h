/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-application.h: the Harbor application
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-lock-monitor.h"
#include "harbor-rules.h"
#include "harbor-session.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_APPLICATION (harbor_application_get_type ())

G_DECLARE_FINAL_TYPE (HarborApplication, harbor_application, HARBOR, APPLICATION, AdwApplication)

HarborApplication *harbor_application_new           (void) G_GNUC_WARN_UNUSED_RESULT;
GSettings         *harbor_application_get_settings  (HarborApplication *self);
HarborSession     *harbor_application_get_session   (HarborApplication *self);
void               harbor_application_set_session   (HarborApplication *self,
                                                     HarborSession     *session);
void               harbor_application_watch_window  (HarborApplication *self,
                                                     GtkWindow         *window);
void               harbor_application_lock          (HarborApplication *self);
void               harbor_application_quick_exit    (HarborApplication *self);
const HarborRules *harbor_application_get_rules     (HarborApplication *self,
                                                     GError           **error);
HarborLockMonitor *harbor_application_get_lock_monitor (HarborApplication *self);

G_END_DECLS
