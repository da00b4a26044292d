/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-error.c: the error domain of the report module
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-report"

#include "config.h"

#include "harbor-report-error.h"

G_DEFINE_QUARK (harbor-report-error-quark, harbor_report_error)
