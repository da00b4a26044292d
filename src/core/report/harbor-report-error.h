/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-error.h: the error domain of the report module
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARBOR_REPORT_ERROR (harbor_report_error_quark ())

/**
 * HarborReportError:
 * @HARBOR_REPORT_ERROR_INVALID: bad input: a record id that is not one of
 *   the client's records, a malformed month, an empty range
 * @HARBOR_REPORT_ERROR_NO_RELEASE: the client has releases of information
 *   and none in effect names the recipient (or no recipient was named)
 * @HARBOR_REPORT_ERROR_IO: the output could not be written
 * @HARBOR_REPORT_ERROR_RENDER: cairo failed to draw the document
 */
typedef enum
{
  HARBOR_REPORT_ERROR_INVALID,
  HARBOR_REPORT_ERROR_NO_RELEASE,
  HARBOR_REPORT_ERROR_IO,
  HARBOR_REPORT_ERROR_RENDER,
} HarborReportError;

GQuark harbor_report_error_quark (void);

G_END_DECLS
