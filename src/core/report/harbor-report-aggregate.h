/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-aggregate.h: de-identified counts for funders
 *
 * Copyright 2026 The Harbor authors
 *
 * Counts by month, jurisdiction, pathway kind and status, with small-cell
 * suppression. What is counted, and how suppression works, is documented
 * at the top of harbor-report-aggregate.c. The output never holds a name,
 * alias, birth date, case number, offense text, note or any other free
 * text: only months, jurisdiction codes, pathway kinds, statuses, the
 * measure names and counts.
 */

#pragma once

#include <glib.h>

#include "harbor-report-error.h"
#include "harbor-rules.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

/* The value of a dimension that a cell adds up over. */
#define HARBOR_AGGREGATE_ALL "all"

typedef struct _HarborAggregate HarborAggregate;

/* @from_month, @to_month: (nullable) inclusive YYYY-MM bounds.
 * @as_of: (nullable) the date of the engine's answers; NULL for today. */
HarborAggregate *harbor_aggregate_new        (HarborVault        *vault,
                                              const HarborRules  *rules,
                                              const char         *from_month,
                                              const char         *to_month,
                                              const GDate        *as_of,
                                              GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void             harbor_aggregate_free       (HarborAggregate    *self);

/* Strict YYYY-MM. */
gboolean         harbor_aggregate_parse_month (const char        *text);

char            *harbor_aggregate_to_csv     (HarborAggregate    *self) G_GNUC_WARN_UNUSED_RESULT;
char            *harbor_aggregate_to_text    (HarborAggregate    *self) G_GNUC_WARN_UNUSED_RESULT;

/* One cell as shown: "<5", "*" or the count; NULL when the cell is zero
 * (not listed). @count: (out) (optional): the true count, for tests. */
const char      *harbor_aggregate_get_cell   (HarborAggregate    *self,
                                              const char         *measure,
                                              const char         *month,
                                              const char         *jurisdiction,
                                              const char         *kind,
                                              const char         *status,
                                              guint              *count);
guint            harbor_aggregate_get_n_cells (HarborAggregate   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborAggregate, harbor_aggregate_free)

G_END_DECLS
