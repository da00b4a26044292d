/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-summary.c: the referral summary for a client's attorney
 *
 * Copyright 2026 The Harbor authors
 *
 * The summary is built in two steps: first a list of paragraphs (each with
 * a style and an indent), then a renderer that wraps them with Pango,
 * breaks pages between lines, and draws a footer on every page. The
 * renderer runs twice over the same cairo context: once to count the
 * pages, once to draw them with "Page N of M".
 *
 * Releases of information (harbor_report_check_release): a client without
 * any release on file gates nothing. A client with releases gates every
 * summary: the recipient must be named, and one of the client's releases
 * for that party (compared without regard to case or surrounding spaces)
 * must be in effect today: signed on or before today, not expired
 * (expires_on absent or today or later) and not revoked (revoked_on absent
 * or after today). The scope text is not interpreted.
 */

#define G_LOG_DOMAIN "harbor-report"

#include "config.h"

#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "harbor-core.h"
#include "harbor-facts.h"
#include "harbor-report-summary.h"

/* The PDF is US Letter; printing uses the printer's page. In points. */
#define PDF_WIDTH     612.0
#define PDF_HEIGHT    792.0
#define MARGIN_LEFT    54.0
#define MARGIN_RIGHT   54.0
#define MARGIN_TOP     54.0
#define MARGIN_BOTTOM  72.0
#define FOOTER_FROM_BOTTOM 36.0
#define INDENT_STEP    18.0

/* ---- Document model ------------------------------------------------------ */

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_BODY,
  STYLE_SMALL,
} Style;

typedef struct
{
  Style  style;
  guint  indent;
  char  *text;
} Block;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block);
}

static void G_GNUC_PRINTF (4, 5)
add (GPtrArray  *doc,
     Style       style,
     guint       indent,
     const char *format,
     ...)
{
  Block *block = g_new0 (Block, 1);
  va_list args;

  va_start (args, format);
  block->text = g_strdup_vprintf (format, args);
  va_end (args);
  block->style = style;
  block->indent = indent;
  g_ptr_array_add (doc, block);
}

/* ---- Rendering ----------------------------------------------------------- */

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  double        width;      /* page size */
  double        height;
  gboolean      draw_all;   /* every page, with cairo_show_page() between */
  guint         target;     /* else only this page (1-based; 0: none) */
  guint         page;       /* 1-based */
  guint         n_pages;    /* known in the drawing pass */
  double        y;
} Pen;

static gboolean
drawing (const Pen *pen)
{
  return pen->draw_all || pen->page == pen->target;
}

static PangoFontDescription *
style_font (Style style)
{
  switch (style)
    {
    case STYLE_TITLE:      return pango_font_description_from_string ("Sans Bold 16");
    case STYLE_HEADING:    return pango_font_description_from_string ("Sans Bold 12.5");
    case STYLE_SUBHEADING: return pango_font_description_from_string ("Sans Bold 10.5");
    case STYLE_SMALL:      return pango_font_description_from_string ("Sans 8.5");
    case STYLE_BODY:
    default:               return pango_font_description_from_string ("Sans 10");
    }
}

static double
style_space_before (Style style)
{
  switch (style)
    {
    case STYLE_TITLE:      return 0;
    case STYLE_HEADING:    return 14;
    case STYLE_SUBHEADING: return 9;
    case STYLE_SMALL:      return 2;
    case STYLE_BODY:
    default:               return 2;
    }
}

static PangoLayout *
make_layout (Pen        *pen,
             Style       style,
             double      width,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (pen->context);
  g_autoptr(PangoFontDescription) font = style_font (style);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* No ligatures: pdftotext would extract "ﬁle" for "file", and a search
   * in the viewer would miss the word. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("liga 0, clig 0, dlig 0, hlig 0"));
  /* No hyphen where a long word or a web address is broken: it would be
   * copied as part of the citation or the address. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_footer (Pen *pen)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *number = NULL;
  int width, height;

  double base = pen->height - FOOTER_FROM_BOTTOM;

  if (!drawing (pen))
    return;

  left = make_layout (pen, STYLE_SMALL, pen->width - MARGIN_LEFT - MARGIN_RIGHT,
                      _("Legal information, not legal advice."));
  number = g_strdup_printf (_("Page %u of %u"), pen->page, pen->n_pages);
  right = make_layout (pen, STYLE_SMALL, pen->width - MARGIN_LEFT - MARGIN_RIGHT, number);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_move_to (pen->cr, MARGIN_LEFT, base - 14);
  cairo_line_to (pen->cr, pen->width - MARGIN_RIGHT, base - 14);
  cairo_stroke (pen->cr);

  pango_layout_get_pixel_size (left, &width, &height);
  cairo_move_to (pen->cr, MARGIN_LEFT, base - height);
  pango_cairo_show_layout (pen->cr, left);
  cairo_move_to (pen->cr, MARGIN_LEFT, base - height);
  pango_cairo_show_layout (pen->cr, right);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

static void
next_page (Pen *pen)
{
  draw_footer (pen);
  if (pen->draw_all)
    cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN_TOP;
}

/* Lays out every block, breaking pages between lines; returns the number
 * of pages. A heading is kept with the first lines that follow it. */
static guint
render (GPtrArray *doc,
        Pen       *pen)
{
  const double bottom = pen->height - MARGIN_BOTTOM;

  pen->page = 1;
  pen->y = MARGIN_TOP;
  cairo_set_source_rgb (pen->cr, 0, 0, 0);

  for (guint i = 0; i < doc->len; i++)
    {
      const Block *block = g_ptr_array_index (doc, i);
      double x = MARGIN_LEFT + block->indent * INDENT_STEP;
      double width = pen->width - MARGIN_RIGHT - x;
      g_autoptr(PangoLayout) layout = make_layout (pen, block->style, width, block->text);
      PangoLayoutIter *iter;
      gboolean keep = block->style == STYLE_HEADING || block->style == STYLE_SUBHEADING;
      int layout_height;

      pango_layout_get_pixel_size (layout, NULL, &layout_height);
      if (pen->y > MARGIN_TOP)
        pen->y += style_space_before (block->style);
      /* Keep a heading with about three lines of what follows. */
      if (keep && pen->y > MARGIN_TOP && pen->y + layout_height + 40 > bottom)
        next_page (pen);

      iter = pango_layout_get_iter (layout);
      do
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle logical;
          double height, ascent;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          height = (double) logical.height / PANGO_SCALE;
          ascent = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
          if (pen->y + height > bottom && pen->y > MARGIN_TOP)
            next_page (pen);
          if (drawing (pen))
            {
              cairo_move_to (pen->cr, x, pen->y + ascent);
              pango_cairo_show_layout_line (pen->cr, line);
            }
          pen->y += height;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  draw_footer (pen);
  if (pen->draw_all)
    cairo_show_page (pen->cr);
  return pen->page;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

struct _HarborReportSummary
{
  GPtrArray *doc;           /* (element-type Block) */
  double     width;         /* the page size of the last pagination */
  double     height;
  guint      n_pages;
};

static void
pen_init (Pen     *pen,
          cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  memset (pen, 0, sizeof *pen);
  pen->cr = cr;
  pen->context = pango_cairo_create_context (cr);
  /* Unhinted metrics: the same line breaks on paper, screen and PDF. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pen->context, options);
  cairo_font_options_destroy (options);
}

/**
 * harbor_report_summary_paginate:
 * @self: a summary
 * @cr: the cairo context it will be drawn on
 * @width: page width in points
 * @height: page height in points
 *
 * Lays the summary out on pages of the given size (for a
 * GtkPrintOperation: in its begin-print handler, with the print context's
 * cairo context and size in points).
 *
 * Returns: the number of pages
 */
guint
harbor_report_summary_paginate (HarborReportSummary *self,
                                cairo_t             *cr,
                                double               width,
                                double               height)
{
  Pen pen;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (width > MARGIN_LEFT + MARGIN_RIGHT + 4 * INDENT_STEP + 72, 0);
  g_return_val_if_fail (height > MARGIN_TOP + MARGIN_BOTTOM + 72, 0);

  pen_init (&pen, cr);
  pen.width = self->width = width;
  pen.height = self->height = height;
  cairo_save (cr);
  self->n_pages = render (self->doc, &pen);
  cairo_restore (cr);
  g_object_unref (pen.context);
  return self->n_pages;
}

/**
 * harbor_report_summary_draw_page:
 * @self: a paginated summary
 * @cr: a cairo context
 * @page_nr: the page, from 0
 *
 * Draws one page (for a GtkPrintOperation's draw-page handler).
 */
void
harbor_report_summary_draw_page (HarborReportSummary *self,
                                 cairo_t             *cr,
                                 guint                page_nr)
{
  Pen pen;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->n_pages > 0);
  g_return_if_fail (page_nr < self->n_pages);

  pen_init (&pen, cr);
  pen.width = self->width;
  pen.height = self->height;
  pen.n_pages = self->n_pages;
  pen.target = page_nr + 1;
  cairo_save (cr);
  render (self->doc, &pen);
  cairo_restore (cr);
  g_object_unref (pen.context);
}

guint
harbor_report_summary_get_n_pages (HarborReportSummary *self)
{
  return self->n_pages;
}

/**
 * harbor_report_summary_to_pdf_bytes:
 * @self: a summary
 * @error: return location for a #GError
 *
 * Draws the summary as a US Letter PDF, restricted to PDF 1.4.
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
harbor_report_summary_to_pdf_bytes (HarborReportSummary  *self,
                                    GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Pen pen;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, PDF_WIDTH, PDF_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_4);
  /* The title shows in viewers' window titles and recent files: no name. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Referral summary"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Harbor");
  cr = cairo_create (surface);

  harbor_report_summary_paginate (self, cr, PDF_WIDTH, PDF_HEIGHT);
  pen_init (&pen, cr);
  pen.width = PDF_WIDTH;
  pen.height = PDF_HEIGHT;
  pen.n_pages = self->n_pages;
  pen.draw_all = TRUE;
  render (self->doc, &pen);
  g_object_unref (pen.context);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_RENDER,
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

void
harbor_report_summary_free (HarborReportSummary *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->doc);
  g_free (self);
}

/* ---- Words --------------------------------------------------------------- */

static const char *
status_short (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:     return _("Available");
    case HARBOR_STATUS_NOT_YET:       return _("Not yet");
    case HARBOR_STATUS_NEEDS_INFO:    return _("Needs information");
    case HARBOR_STATUS_NOT_AVAILABLE: return _("Not available");
    default:                          return "?";
    }
}

static const char *
status_words (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:
      return _("the client appears to qualify and may file now; the court decides.");
    case HARBOR_STATUS_NOT_YET:
      return _("the client appears to qualify, but may not file before the earliest filing date.");
    case HARBOR_STATUS_NEEDS_INFO:
      return _("the answer depends on the facts or legal points listed below.");
    case HARBOR_STATUS_NOT_AVAILABLE:
      return _("a requirement is not met (see the reasons).");
    default:
      return "";
    }
}

static const char *
holds_words (HarborTri holds)
{
  switch (holds)
    {
    case HARBOR_TRI_TRUE:  return _("Met:");
    case HARBOR_TRI_FALSE: return _("Not met:");
    default:               return _("Unknown:");
    }
}

static const char *
tri_words (HarborTri value)
{
  switch (value)
    {
    case HARBOR_TRI_TRUE:  return _("yes");
    case HARBOR_TRI_FALSE: return _("no");
    default:               return _("unknown");
    }
}

static const char *
role_words (const char *role)
{
  if (g_strcmp0 (role, "required") == 0)
    return _("required");
  if (g_strcmp0 (role, "presumption") == 0)
    return _("creates a presumption");
  if (g_strcmp0 (role, "sufficient") == 0)
    return _("sufficient on its own");
  if (g_strcmp0 (role, "supporting") == 0)
    return _("supporting");
  return role != NULL ? role : "";
}

static const char *
court_words (HarborCourt court)
{
  switch (court)
    {
    case HARBOR_COURT_ADULT:    return _("adult court");
    case HARBOR_COURT_JUVENILE: return _("juvenile court");
    default:                    return _("unknown");
    }
}

static const char *
disposition_words (HarborDisposition disposition)
{
  switch (disposition)
    {
    case HARBOR_DISPOSITION_ARREST_ONLY:            return _("arrest only (no charge filed)");
    case HARBOR_DISPOSITION_PENDING:                return _("pending");
    case HARBOR_DISPOSITION_DISMISSED:              return _("dismissed");
    case HARBOR_DISPOSITION_ACQUITTED:              return _("acquitted");
    case HARBOR_DISPOSITION_DIVERTED:               return _("diverted");
    case HARBOR_DISPOSITION_CONVICTED:              return _("convicted");
    case HARBOR_DISPOSITION_ADJUDICATED_DELINQUENT: return _("adjudicated delinquent");
    default:                                        return _("unknown");
    }
}

static char *
date_or_unknown (const GDate *date)
{
  char *text = harbor_date_to_string (date);

  return text != NULL ? text : g_strdup (_("unknown"));
}

static char *
offense_words (const HarborOffense *offense)
{
  GString *out = g_string_new (NULL);

  if (offense->description != NULL)
    g_string_append (out, offense->description);
  if (offense->statute != NULL)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", offense->statute);
  if (offense->klass != HARBOR_OFFENSE_CLASS_UNKNOWN)
    g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "",
                            harbor_offense_class_to_string (offense->klass));
  if (offense->degree != NULL)
    g_string_append_printf (out, " %s", offense->degree);
  if (offense->categories != NULL && offense->categories[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", offense->categories);
      g_string_append_printf (out, "%s%s %s", out->len > 0 ? "; " : "", _("categories:"), list);
    }
  if (out->len == 0)
    g_string_append (out, _("not recorded"));
  return g_string_free (out, FALSE);
}

/* A pathway that fails only because it covers another kind of record. */
static gboolean
only_out_of_scope (const HarborPathwayResult *result)
{
  gboolean scope_failed = FALSE;

  if (result->status != HARBOR_STATUS_NOT_AVAILABLE)
    return FALSE;
  for (guint i = 0; i < result->reasons->len; i++)
    {
      const HarborReason *reason = g_ptr_array_index (result->reasons, i);

      if (reason->holds != HARBOR_TRI_FALSE)
        continue;
      if (g_strcmp0 (reason->clause, "applies_to") != 0)
        return FALSE;
      scope_failed = TRUE;
    }
  return scope_failed;
}

/* ---- Checklist progress --------------------------------------------------- */

typedef struct
{
  guint done;
  guint total;
  guint not_needed;
} Progress;

/* Progress of the vault's checklists for (record, pathway), keyed
 * "record_id\npathway_id". Steps marked not_needed are left out of the
 * total and reported apart. */
static GHashTable *
load_progress (HarborVault  *vault,
               const char   *client_id,
               GError      **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) lists = harbor_vault_list_checklists (vault, client_id, error);

  if (lists == NULL)
    return NULL;
  for (guint i = 0; i < lists->len; i++)
    {
      const HarborVaultChecklist *list = g_ptr_array_index (lists, i);
      g_autoptr(GPtrArray) items = NULL;
      Progress *progress;
      char *key;

      if (list->deleted || list->record_id == NULL || list->pathway_id == NULL)
        continue;
      items = harbor_vault_list_checklist_items (vault, list->id, error);
      if (items == NULL)
        return NULL;
      key = g_strconcat (list->record_id, "\n", list->pathway_id, NULL);
      progress = g_hash_table_lookup (table, key);
      if (progress == NULL)
        {
          progress = g_new0 (Progress, 1);
          g_hash_table_insert (table, key, progress);
        }
      else
        g_free (key);
      for (guint j = 0; j < items->len; j++)
        {
          const HarborVaultChecklistItem *item = g_ptr_array_index (items, j);

          if (item->deleted)
            continue;
          if (g_strcmp0 (item->status, "not_needed") == 0)
            {
              progress->not_needed++;
              continue;
            }
          progress->total++;
          if (g_strcmp0 (item->status, "done") == 0)
            progress->done++;
        }
    }
  return g_steal_pointer (&table);
}

/* ---- Content --------------------------------------------------------------- */

static void
add_pathway (GPtrArray                 *doc,
             const HarborPathwayResult *result,
             const char                *record_id,
             GHashTable                *progress,
             GHashTable                *sourced)
{
  const HarborPathway *pathway = result->pathway;
  g_autofree char *earliest = harbor_date_to_string (&result->earliest_filing_on);
  g_autofree char *deadline = harbor_date_to_string (&result->deadline_on);
  g_autofree char *reviewed = harbor_date_to_string (&pathway->reviewed);
  g_autofree char *key = g_strconcat (record_id, "\n", pathway->id, NULL);
  const Progress *steps = g_hash_table_lookup (progress, key);

  add (doc, STYLE_SUBHEADING, 1, "%s — %s (%s)", status_short (result->status),
       pathway->title, pathway->kind);
  add (doc, STYLE_BODY, 2, _("Status: %s — %s"), status_short (result->status),
       status_words (result->status));
  add (doc, STYLE_BODY, 2, _("Citation: %s"), pathway->citation);
  if (earliest != NULL)
    add (doc, STYLE_BODY, 2, _("Earliest filing date: %s"), earliest);
  else if (result->status == HARBOR_STATUS_AVAILABLE || result->status == HARBOR_STATUS_NOT_YET)
    add (doc, STYLE_BODY, 2, "%s", _("Earliest filing date: no waiting period applies"));
  if (deadline != NULL)
    add (doc, STYLE_BODY, 2, _("Deadline: %s"), deadline);

  if (result->reasons->len > 0)
    add (doc, STYLE_BODY, 2, "%s", _("Reasons:"));
  for (guint i = 0; i < result->reasons->len; i++)
    {
      const HarborReason *reason = g_ptr_array_index (result->reasons, i);

      add (doc, STYLE_BODY, 3, "%s %s (%s)", holds_words (reason->holds), reason->text,
           reason->citation != NULL ? reason->citation : pathway->citation);
    }

  if (result->missing_facts->len > 0)
    add (doc, STYLE_BODY, 2, "%s", _("Questions that would decide it:"));
  for (guint i = 0; i < result->missing_facts->len; i++)
    {
      const char *fact = g_ptr_array_index (result->missing_facts, i);
      const char *question = harbor_fact_question (fact);

      add (doc, STYLE_BODY, 3, "• %s", question != NULL ? question : fact);
    }

  if (result->needs_review->len > 0)
    add (doc, STYLE_BODY, 2, "%s", _("Points for legal review:"));
  for (guint i = 0; i < result->needs_review->len; i++)
    {
      const HarborReviewPoint *point = g_ptr_array_index (result->needs_review, i);

      add (doc, STYLE_BODY, 3, "• %s (%s)", point->question,
           point->citation != NULL ? point->citation : pathway->citation);
    }

  if (result->status != HARBOR_STATUS_NOT_AVAILABLE && result->evidence->len > 0)
    add (doc, STYLE_BODY, 2, "%s", _("Evidence:"));
  for (guint i = 0; result->status != HARBOR_STATUS_NOT_AVAILABLE && i < result->evidence->len; i++)
    {
      const HarborEvidenceResult *item = g_ptr_array_index (result->evidence, i);
      const HarborEvidence *evidence = item->evidence;
      g_autofree char *cited = evidence->citation != NULL
                               ? g_strdup_printf (" (%s)", evidence->citation) : g_strdup ("");

      if (evidence->documentation != NULL)
        add (doc, STYLE_BODY, 3, _("• %s [%s]%s — a document of this kind on file: %s"), evidence->text,
             role_words (evidence->role), cited, tri_words (item->on_file));
      else
        add (doc, STYLE_BODY, 3, "• %s [%s]%s", evidence->text, role_words (evidence->role), cited);
    }

  if (steps != NULL && steps->not_needed > 0)
    add (doc, STYLE_BODY, 2, _("Checklist: %u of %u steps done (%u marked not needed)"),
         steps->done, steps->total, steps->not_needed);
  else if (steps != NULL)
    add (doc, STYLE_BODY, 2, _("Checklist: %u of %u steps done"), steps->done, steps->total);
  else if (result->status == HARBOR_STATUS_AVAILABLE || result->status == HARBOR_STATUS_NOT_YET)
    add (doc, STYLE_BODY, 2, "%s", _("Checklist: not started"));

  add (doc, STYLE_SMALL, 2, _("Rule reviewed %s; confidence: %s."), reviewed, pathway->confidence);
  /* The sources once per law: the same law often answers for several
   * records. */
  if (g_hash_table_contains (sourced, pathway->id))
    {
      add (doc, STYLE_SMALL, 2, "%s", _("Sources: as listed with this law above."));
      return;
    }
  g_hash_table_add (sourced, pathway->id);
  for (guint i = 0; pathway->sources != NULL && i < pathway->sources->len; i++)
    {
      const HarborSource *source = g_ptr_array_index (pathway->sources, i);

      add (doc, STYLE_SMALL, 2, _("Source: %s (%s)"), source->description, source->url);
    }
}

static void
add_record (GPtrArray                *doc,
            const HarborRules        *rules,
            guint                     number,
            const HarborRecord       *record,
            const HarborRecordResult *rr,
            GHashTable               *progress,
            GHashTable               *sourced)
{
  const HarborRuleSet *set = record->jurisdiction != NULL
                             ? harbor_rules_find_set (rules, record->jurisdiction) : NULL;
  g_autofree char *offense = offense_words (&record->offense);
  g_autofree char *offense_date = date_or_unknown (&record->offense_date);
  g_autofree char *disposition_date = date_or_unknown (&record->disposition_date);
  g_autofree char *completed = date_or_unknown (&record->sentence_completed_on);
  g_autoptr(GString) out_of_scope = g_string_new (NULL);

  add (doc, STYLE_HEADING, 0, _("Record %u: %s"), number,
       record->offense.description != NULL ? record->offense.description
       : record->offense.statute != NULL ? record->offense.statute : _("offense not recorded"));
  if (set != NULL)
    add (doc, STYLE_BODY, 1, _("Jurisdiction: %s (%s)"), set->name, set->jurisdiction);
  else
    add (doc, STYLE_BODY, 1, _("Jurisdiction: %s"),
         record->jurisdiction != NULL ? record->jurisdiction : _("unknown"));
  add (doc, STYLE_BODY, 1, _("Court: %s"), court_words (record->court));
  add (doc, STYLE_BODY, 1, _("Outcome: %s"), disposition_words (record->disposition));
  add (doc, STYLE_BODY, 1, _("Offense: %s"), offense);
  add (doc, STYLE_BODY, 1, _("Offense date: %s; outcome date: %s; sentence completed: %s"),
       offense_date, disposition_date, completed);
  add (doc, STYLE_BODY, 1, _("Result of having been trafficked: %s"),
       tri_words (record->result_of_trafficking));

  if (rr == NULL)
    return;
  if (rr->note != NULL)
    add (doc, STYLE_BODY, 1, "%s", rr->note);
  if (rr->missing_facts->len > 0)
    add (doc, STYLE_BODY, 1, "%s", _("Questions that would decide which laws apply:"));
  for (guint i = 0; i < rr->missing_facts->len; i++)
    {
      const char *fact = g_ptr_array_index (rr->missing_facts, i);
      const char *question = harbor_fact_question (fact);

      add (doc, STYLE_BODY, 2, "• %s", question != NULL ? question : fact);
    }

  for (guint i = 0; i < rr->pathways->len; i++)
    {
      const HarborPathwayResult *result = g_ptr_array_index (rr->pathways, i);

      if (only_out_of_scope (result))
        {
          g_string_append_printf (out_of_scope, "%s%s (%s)", out_of_scope->len > 0 ? "; " : "",
                                  result->pathway->title, result->pathway->citation);
          continue;
        }
      add_pathway (doc, result, record->id, progress, sourced);
    }
  if (out_of_scope->len > 0)
    add (doc, STYLE_SMALL, 1, _("Laws that cover other kinds of records, so not this one: %s."),
         out_of_scope->str);
  if (rr->pathways->len == 0 && rr->missing_facts->len == 0)
    add (doc, STYLE_BODY, 1, "%s", _("Harbor has no relief laws for this jurisdiction in its rule data."));
}

static gboolean
check_record_ids (const HarborCase    *kase,
                  const char * const  *record_ids,
                  GError             **error)
{
  for (guint i = 0; record_ids != NULL && record_ids[i] != NULL; i++)
    {
      if (harbor_case_find_record (kase, record_ids[i]) == NULL)
        {
          g_set_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID,
                       _("“%s” is not one of this client’s records"), record_ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/**
 * harbor_report_summary_new:
 * @vault: an unlocked vault
 * @rules: the rule data
 * @client_id: a live client's id
 * @record_ids: (nullable) (array zero-terminated=1): the records to show,
 *   NULL for all
 * @as_of: (nullable): the evaluation date; NULL for today
 * @recipient: (nullable): who the summary is for
 * @error: return location for a #GError
 *
 * Builds the referral summary's content; lay it out and draw it with
 * harbor_report_summary_paginate() and harbor_report_summary_draw_page()
 * (printing) or harbor_report_summary_to_pdf_bytes(). The caller checks
 * releases of information (harbor_report_check_release()) before sending it
 * anywhere.
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
HarborReportSummary *
harbor_report_summary_new (HarborVault        *vault,
                           const HarborRules  *rules,
                           const char         *client_id,
                           const char * const *record_ids,
                           const GDate        *as_of,
                           const char         *recipient,
                           GError            **error)
{
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autoptr(GHashTable) progress = NULL;
  g_autoptr(GPtrArray) doc = g_ptr_array_new_with_free_func (block_free);
  g_autofree char *as_of_text = NULL;
  g_autofree char *made_text = NULL;
  g_autoptr(GHashTable) sourced = g_hash_table_new (g_str_hash, g_str_equal);
  HarborReportSummary *summary;
  GDate when, now;
  guint shown = 0;

  g_return_val_if_fail (HARBOR_IS_VAULT (vault), NULL);
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  kase = harbor_vault_export_case (vault, client_id, error);
  if (kase == NULL)
    return NULL;
  if (!check_record_ids (kase, record_ids, error))
    return NULL;
  progress = load_progress (vault, client_id, error);
  if (progress == NULL)
    return NULL;

  today (&now);
  if (as_of != NULL && g_date_valid (as_of))
    when = *as_of;
  else
    when = now;
  /* Every record goes to the engine: a pathway may turn on another record. */
  evaluation = harbor_engine_evaluate (rules, kase, &when);
  as_of_text = harbor_date_to_string (&when);
  made_text = harbor_date_to_string (&now);

  add (doc, STYLE_TITLE, 0, "%s", _("Referral summary for an attorney"));
  add (doc, STYLE_BODY, 0, _("Client: %s"),
       kase->client.name != NULL ? kase->client.name : _("name not recorded"));
  if (recipient != NULL)
    add (doc, STYLE_BODY, 0, _("Prepared for: %s"), recipient);
  add (doc, STYLE_BODY, 0, _("Answers as of %s; made with Harbor %s on %s."),
       as_of_text, harbor_core_get_version (), made_text);
  add (doc, STYLE_BODY, 0, "%s",
       _("Legal information, not legal advice. Harbor compared the records below with the relief "
         "laws in its rule data. “Available” means the client appears to qualify and may file; the "
         "court decides. Please check every citation against the current law."));
  add (doc, STYLE_SMALL, 0, "%s",
       _("Confidential: this document contains information about a survivor of human trafficking, "
         "shared with the client’s consent. Do not pass it on."));

  if (evaluation->rule_sets->len > 0)
    add (doc, STYLE_SUBHEADING, 0, "%s", _("Rule data used"));
  for (guint i = 0; i < evaluation->rule_sets->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (evaluation->rule_sets, i);
      g_autofree char *reviewed = harbor_date_to_string (&set->reviewed);

      add (doc, STYLE_BODY, 1, _("%s (%s): reviewed %s; confidence: %s"),
           set->name, set->jurisdiction, reviewed, set->confidence);
    }

  for (guint i = 0; i < kase->records->len; i++)
    {
      const HarborRecord *record = g_ptr_array_index (kase->records, i);
      const HarborRecordResult *rr = NULL;

      if (record_ids != NULL && !g_strv_contains (record_ids, record->id))
        continue;
      for (guint j = 0; j < evaluation->records->len; j++)
        {
          const HarborRecordResult *candidate = g_ptr_array_index (evaluation->records, j);

          if (candidate->index == i)
            rr = candidate;
        }
      add_record (doc, rules, ++shown, record, rr, progress, sourced);
    }
  if (shown == 0)
    add (doc, STYLE_BODY, 0, "%s", _("No criminal-history records are on file for this client."));

  summary = g_new0 (HarborReportSummary, 1);
  summary->doc = g_steal_pointer (&doc);
  return summary;
}

/**
 * harbor_report_summary_to_pdf:
 * @vault: an unlocked vault
 * @rules: the rule data
 * @client_id: a live client's id
 * @record_ids: (nullable) (array zero-terminated=1): the records to show,
 *   NULL for all
 * @as_of: (nullable): the evaluation date; NULL for today
 * @recipient: (nullable): who the summary is for
 * @error: return location for a #GError
 *
 * harbor_report_summary_new() and harbor_report_summary_to_pdf_bytes().
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
harbor_report_summary_to_pdf (HarborVault        *vault,
                              const HarborRules  *rules,
                              const char         *client_id,
                              const char * const *record_ids,
                              const GDate        *as_of,
                              const char         *recipient,
                              GError            **error)
{
  g_autoptr(HarborReportSummary) summary = harbor_report_summary_new (vault, rules, client_id, record_ids,
                                                                      as_of, recipient, error);

  if (summary == NULL)
    return NULL;
  return harbor_report_summary_to_pdf_bytes (summary, error);
}

/**
 * harbor_report_write_summary_full:
 * @vault: an unlocked vault
 * @rules: the rule data
 * @client_id: a live client's id
 * @record_ids: (nullable): the records to show, NULL for all
 * @as_of: (nullable): the evaluation date; NULL for today
 * @recipient: (nullable): who the summary is for
 * @out_pdf: the file to write
 * @error: return location for a #GError
 *
 * Draws the summary and writes it atomically, readable only by its owner.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_report_write_summary_full (HarborVault        *vault,
                                  const HarborRules  *rules,
                                  const char         *client_id,
                                  const char * const *record_ids,
                                  const GDate        *as_of,
                                  const char         *recipient,
                                  const char         *out_pdf,
                                  GError            **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (out_pdf != NULL, FALSE);

  pdf = harbor_report_summary_to_pdf (vault, rules, client_id, record_ids, as_of, recipient, error);
  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &size);
  if (!g_file_set_contents_full (out_pdf, data, (gssize) size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_IO,
                   _("Could not write the summary: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * harbor_report_write_summary:
 * @vault: an unlocked vault
 * @rules: the rule data
 * @client_id: a live client's id
 * @record_ids: (nullable): the records to show, NULL for all
 * @as_of: (nullable): the evaluation date; NULL for today
 * @out_pdf: the file to write
 * @error: return location for a #GError
 *
 * harbor_report_write_summary_full() without a recipient.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_report_write_summary (HarborVault       *vault,
                             const HarborRules *rules,
                             const char        *client_id,
                             GStrv              record_ids,
                             const GDate       *as_of,
                             const char        *out_pdf,
                             GError           **error)
{
  return harbor_report_write_summary_full (vault, rules, client_id,
                                           (const char * const *) record_ids,
                                           as_of, NULL, out_pdf, error);
}

/* ---- Releases of information ------------------------------------------------- */

static char *
party_key (const char *party)
{
  g_autofree char *stripped = g_strstrip (g_strdup (party));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup (stripped);
}

/* Why @consent is not in effect on @on (a sentence naming @party), or
 * NULL if it is. */
static char *
release_problem (const HarborVaultConsent *consent,
                 const char               *party,
                 const GDate              *on)
{
  GDate signed_on, expires_on, revoked_on;

  if (consent->signed_on == NULL)
    return g_strdup_printf (_("The client’s release of information for “%s” is not signed"), party);
  if (!harbor_date_parse (consent->signed_on, &signed_on))
    return g_strdup_printf (_("The client’s release of information for “%s” has an unreadable signing date"), party);
  if (g_date_compare (&signed_on, on) > 0)
    return g_strdup_printf (_("The client’s release of information for “%s” is signed on %s, after today"),
                            party, consent->signed_on);
  if (consent->revoked_on != NULL)
    {
      if (!harbor_date_parse (consent->revoked_on, &revoked_on))
        return g_strdup_printf (_("The client’s release of information for “%s” has an unreadable revocation date"), party);
      if (g_date_compare (&revoked_on, on) <= 0)
        return g_strdup_printf (_("The client’s release of information for “%s” was revoked on %s"),
                                party, consent->revoked_on);
    }
  if (consent->expires_on != NULL)
    {
      if (!harbor_date_parse (consent->expires_on, &expires_on))
        return g_strdup_printf (_("The client’s release of information for “%s” has an unreadable expiry date"), party);
      if (g_date_compare (&expires_on, on) < 0)
        return g_strdup_printf (_("The client’s release of information for “%s” expired on %s"),
                                party, consent->expires_on);
    }
  return NULL;
}

/**
 * harbor_report_check_release:
 * @vault: an unlocked vault
 * @client_id: a live client's id
 * @party: (nullable): the recipient
 * @today: (nullable): the date to check on; NULL for today
 * @error: return location for a #GError
 *
 * Checks that a summary may go to @party (see the top of this file).
 *
 * Returns: %TRUE if it may; else %FALSE with %HARBOR_REPORT_ERROR_NO_RELEASE
 *   saying why (or another error if the vault failed)
 */
gboolean
harbor_report_check_release (HarborVault  *vault,
                             const char   *client_id,
                             const char   *party,
                             const GDate  *on,
                             GError      **error)
{
  g_autoptr(GPtrArray) consents = harbor_vault_list_consents (vault, client_id, error);
  g_autofree char *wanted = NULL;
  g_autofree char *problem = NULL;
  guint live = 0;
  GDate date;

  if (consents == NULL)
    return FALSE;
  if (on != NULL && g_date_valid (on))
    date = *on;
  else
    today (&date);

  for (guint i = 0; i < consents->len; i++)
    live += !((const HarborVaultConsent *) g_ptr_array_index (consents, i))->deleted;
  if (live == 0)
    return TRUE;
  if (party == NULL || party[0] == '\0')
    {
      g_set_error_literal (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE,
                           _("The client has releases of information on file: name the recipient"));
      return FALSE;
    }

  wanted = party_key (party);
  for (guint i = 0; i < consents->len; i++)
    {
      const HarborVaultConsent *consent = g_ptr_array_index (consents, i);
      g_autofree char *key = NULL;
      g_autofree char *why = NULL;

      if (consent->deleted || consent->party == NULL)
        continue;
      key = party_key (consent->party);
      if (strcmp (key, wanted) != 0)
        continue;
      why = release_problem (consent, party, &date);
      if (why == NULL)
        return TRUE;
      if (problem == NULL)
        problem = g_steal_pointer (&why);
    }

  if (problem != NULL)
    g_set_error_literal (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE, problem);
  else
    g_set_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE,
                 _("The client has no release of information for “%s”"), party);
  return FALSE;
}
