/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-summary.h: the referral summary for a client's attorney
 *
 * Copyright 2026 The Harbor authors
 *
 * A plain (unencrypted) PDF made on purpose for one client's attorney: the
 * client's name, the chosen records, and for each record every relief
 * pathway's answer with its citation, reasons, missing facts (as
 * questions), legal-review points, earliest filing date, checklist progress
 * from the vault, and the rule's review date and confidence. Every page
 * carries "Legal information, not legal advice." and its page number.
 *
 * The PDF is drawn with cairo (restricted to PDF 1.4 so that old viewers
 * render it) and Pango (text wraps, any script the fonts cover, and the
 * text stays extractable). Its metadata title names no one: viewers show
 * it in window titles and recent-file lists.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "harbor-engine.h"
#include "harbor-report-error.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

/* Releases of information: whether the client's consents let a summary go
 * to @party on @today (see harbor-report-summary.c). */
gboolean harbor_report_check_release      (HarborVault       *vault,
                                           const char        *client_id,
                                           const char        *party,
                                           const GDate       *on,
                                           GError           **error);

typedef struct _HarborReportSummary HarborReportSummary;

/* The summary's content; see harbor_report_summary_to_pdf() for the
 * arguments. Print it with a GtkPrintOperation: in begin-print,
 * paginate(print context's cairo context, width, height in points) and
 * set the number of pages; in draw-page, draw_page(). */
HarborReportSummary *harbor_report_summary_new       (HarborVault          *vault,
                                                      const HarborRules    *rules,
                                                      const char           *client_id,
                                                      const char * const   *record_ids,
                                                      const GDate          *as_of,
                                                      const char           *recipient,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
guint                harbor_report_summary_paginate  (HarborReportSummary  *self,
                                                      cairo_t              *cr,
                                                      double                width,
                                                      double                height);
guint                harbor_report_summary_get_n_pages (HarborReportSummary *self);
void                 harbor_report_summary_draw_page (HarborReportSummary  *self,
                                                      cairo_t              *cr,
                                                      guint                 page_nr);
GBytes              *harbor_report_summary_to_pdf_bytes (HarborReportSummary *self,
                                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void                 harbor_report_summary_free      (HarborReportSummary  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborReportSummary, harbor_report_summary_free)

/* Draws the summary as PDF bytes. @record_ids: NULL for every live record
 * of the client, else the records to show (each must be the client's; the
 * engine still sees all the client's records, since a pathway may turn on
 * another record). @as_of: NULL for today. @recipient: (nullable) shown as
 * "Prepared for". */
GBytes  *harbor_report_summary_to_pdf     (HarborVault        *vault,
                                           const HarborRules  *rules,
                                           const char         *client_id,
                                           const char * const *record_ids,
                                           const GDate        *as_of,
                                           const char         *recipient,
                                           GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the summary to @out_pdf (atomically, mode 0600, replacing a file
 * that is there: the caller decides about overwriting). */
gboolean harbor_report_write_summary      (HarborVault        *vault,
                                           const HarborRules  *rules,
                                           const char         *client_id,
                                           GStrv               record_ids,
                                           const GDate        *as_of,
                                           const char         *out_pdf,
                                           GError            **error);
gboolean harbor_report_write_summary_full (HarborVault        *vault,
                                           const HarborRules  *rules,
                                           const char         *client_id,
                                           const char * const *record_ids,
                                           const GDate        *as_of,
                                           const char         *recipient,
                                           const char         *out_pdf,
                                           GError            **error);

G_END_DECLS
