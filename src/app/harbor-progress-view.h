/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-progress-view.h: the page a dialog shows while a cancellable job runs
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_PROGRESS_VIEW (harbor_progress_view_get_type ())

G_DECLARE_FINAL_TYPE (HarborProgressView, harbor_progress_view, HARBOR, PROGRESS_VIEW, GtkWidget)

GCancellable *harbor_progress_view_start        (HarborProgressView *self,
                                                 const char         *status);
void          harbor_progress_view_stop         (HarborProgressView *self);
gboolean      harbor_progress_view_cancel       (HarborProgressView *self);
gboolean      harbor_progress_view_cancelled    (HarborProgressView *self,
                                                 const GError       *error);
gboolean      harbor_progress_view_get_running  (HarborProgressView *self);
void          harbor_progress_view_set_fraction (HarborProgressView *self,
                                                 double              fraction);
void          harbor_progress_view_set_text     (HarborProgressView *self,
                                                 const char         *text);
void          harbor_progress_view_set_status   (HarborProgressView *self,
                                                 const char         *status);

G_END_DECLS
