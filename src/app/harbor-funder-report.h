/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-funder-report.h: de-identified counts for funders, on screen and as CSV
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-report-aggregate.h"
#include "harbor-rules.h"
#include "harbor-session.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_FUNDER_REPORT (harbor_funder_report_get_type ())

G_DECLARE_FINAL_TYPE (HarborFunderReport, harbor_funder_report, HARBOR, FUNDER_REPORT, AdwWindow)

HarborFunderReport *harbor_funder_report_new                (GtkWindow          *parent,
                                                             HarborSession      *session,
                                                             const HarborRules  *rules);
gboolean            harbor_funder_report_set_range          (HarborFunderReport *self,
                                                             const char         *from_month,
                                                             const char         *to_month);
gboolean            harbor_funder_report_get_busy           (HarborFunderReport *self);
const char         *harbor_funder_report_get_error          (HarborFunderReport *self);
HarborAggregate    *harbor_funder_report_get_aggregate      (HarborFunderReport *self);
GListModel         *harbor_funder_report_get_rows           (HarborFunderReport *self);
const char         *harbor_funder_report_get_page_name      (HarborFunderReport *self);
char               *harbor_funder_report_get_suggested_name (HarborFunderReport *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean            harbor_funder_report_save_to_file       (HarborFunderReport *self,
                                                             GFile              *file,
                                                             GError            **error);

G_END_DECLS
