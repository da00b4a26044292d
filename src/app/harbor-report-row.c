/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-row.c: one cell of the funder report, as a list item
 *
 * Copyright 2026 The Harbor authors
 *
 * A row keeps each column twice: the value as the report writes it (the
 * measure name, month, jurisdiction code, pathway kind, status and the
 * count as shown: a number, "<5" or "*") and the label shown on screen.
 * Neither ever holds anything about a client: the report has nothing else.
 */

#define G_LOG_DOMAIN "harbor-report-row"

#include "config.h"

#include "harbor-report-row.h"

struct _HarborReportRow
{
  GObject  parent_instance;

  char    *values[HARBOR_REPORT_N_COLUMNS];
  char    *labels[HARBOR_REPORT_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (HarborReportRow, harbor_report_row, G_TYPE_OBJECT)

static void
harbor_report_row_finalize (GObject *object)
{
  HarborReportRow *self = HARBOR_REPORT_ROW (object);

  for (guint i = 0; i < HARBOR_REPORT_N_COLUMNS; i++)
    {
      g_free (self->values[i]);
      g_free (self->labels[i]);
    }

  G_OBJECT_CLASS (harbor_report_row_parent_class)->finalize (object);
}

static void
harbor_report_row_class_init (HarborReportRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = harbor_report_row_finalize;
}

static void
harbor_report_row_init (HarborReportRow *self)
{
}

/**
 * harbor_report_row_new:
 * @values: (array fixed-size=6): the columns as the report writes them
 * @labels: (array fixed-size=6): the columns as shown
 *
 * Returns: (transfer full): a new row
 */
HarborReportRow *
harbor_report_row_new (const char * const *values,
                       const char * const *labels)
{
  HarborReportRow *self = g_object_new (HARBOR_TYPE_REPORT_ROW, NULL);

  for (guint i = 0; i < HARBOR_REPORT_N_COLUMNS; i++)
    {
      self->values[i] = g_strdup (values[i]);
      self->labels[i] = g_strdup (labels[i]);
    }
  return self;
}

const char *
harbor_report_row_get_value (HarborReportRow    *self,
                             HarborReportColumn  column)
{
  g_return_val_if_fail (HARBOR_IS_REPORT_ROW (self), NULL);
  g_return_val_if_fail (column < HARBOR_REPORT_N_COLUMNS, NULL);

  return self->values[column];
}

const char *
harbor_report_row_get_label (HarborReportRow    *self,
                             HarborReportColumn  column)
{
  g_return_val_if_fail (HARBOR_IS_REPORT_ROW (self), NULL);
  g_return_val_if_fail (column < HARBOR_REPORT_N_COLUMNS, NULL);

  return self->labels[column];
}
