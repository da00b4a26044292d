/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-row.h: one cell of the funder report, as a list item
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The columns of the funder report, in the order of its CSV. */
typedef enum
{
  HARBOR_REPORT_COLUMN_MEASURE,
  HARBOR_REPORT_COLUMN_MONTH,
  HARBOR_REPORT_COLUMN_JURISDICTION,
  HARBOR_REPORT_COLUMN_KIND,
  HARBOR_REPORT_COLUMN_STATUS,
  HARBOR_REPORT_COLUMN_COUNT,
  HARBOR_REPORT_N_COLUMNS
} HarborReportColumn;

#define HARBOR_TYPE_REPORT_ROW (harbor_report_row_get_type ())

G_DECLARE_FINAL_TYPE (HarborReportRow, harbor_report_row, HARBOR, REPORT_ROW, GObject)

HarborReportRow *harbor_report_row_new       (const char * const *values,
                                              const char * const *labels) G_GNUC_WARN_UNUSED_RESULT;
const char      *harbor_report_row_get_value (HarborReportRow    *self,
                                              HarborReportColumn  column);
const char      *harbor_report_row_get_label (HarborReportRow    *self,
                                              HarborReportColumn  column);

G_END_DECLS
