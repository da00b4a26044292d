/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-preferences-window.h: the preferences
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_PREFERENCES_WINDOW (harbor_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HarborPreferencesWindow, harbor_preferences_window, HARBOR, PREFERENCES_WINDOW, AdwPreferencesWindow)

HarborPreferencesWindow *harbor_preferences_window_new (GtkWindow *parent,
                                                        GSettings *settings) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
