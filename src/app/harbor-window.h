/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-window.h: the main window
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-application.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_WINDOW (harbor_window_get_type ())

G_DECLARE_FINAL_TYPE (HarborWindow, harbor_window, HARBOR, WINDOW, AdwApplicationWindow)

HarborWindow *harbor_window_new       (HarborApplication *application) G_GNUC_WARN_UNUSED_RESULT;
void          harbor_window_add_toast (HarborWindow      *self,
                                       AdwToast          *toast);
const char   *harbor_window_get_page_name (HarborWindow *self);
GPtrArray    *harbor_window_get_toasts    (HarborWindow *self);
GtkWindow    *harbor_window_open_restore  (HarborWindow *self,
                                           GFile        *backup);

G_END_DECLS
