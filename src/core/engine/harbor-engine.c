/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-engine.c: evaluate a case against the rules
 *
 * Copyright 2026 The Harbor authors
 *
 * Algorithm (data/rules/FORMAT.md §9), per record and pathway:
 *
 *   eligible = applies_to.records AND every condition AND NOT any exclusion
 *
 * in Kleene logic. Each clause is evaluated on its own so that the answer
 * can name the clauses that failed (not_available), the clauses still open
 * (needs_info, with exactly the facts they need) or the clauses that held
 * (available). An eligible pathway then goes through its timing: waiting
 * periods give the earliest filing date (not_yet when it is still ahead),
 * deadlines can close it, and an unknown anchor date is a missing fact.
 */

#define G_LOG_DOMAIN "harbor-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harbor-engine.h"

/* ---- Freeing ------------------------------------------------------------ */

static void
reason_free (HarborReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->clause);
  g_free (reason->text);
  g_free (reason->citation);
  g_free (reason);
}

static void
step_free (HarborChecklistStep *step)
{
  if (step == NULL)
    return;
  g_free (step->id);
  g_free (step->text);
  g_free (step->citation);
  g_free (step->due);
  g_free (step);
}

void
harbor_pathway_result_free (HarborPathwayResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->missing_facts, g_ptr_array_unref);
  g_clear_pointer (&result->needs_review, g_ptr_array_unref);
  g_clear_pointer (&result->reasons, g_ptr_array_unref);
  g_clear_pointer (&result->evidence, g_ptr_array_unref);
  g_clear_pointer (&result->checklist, g_ptr_array_unref);
  g_free (result);
}

static void
record_result_free (HarborRecordResult *result)
{
  if (result == NULL)
    return;
  g_free (result->id);
  g_free (result->jurisdiction);
  g_clear_pointer (&result->pathways, g_ptr_array_unref);
  g_clear_pointer (&result->missing_facts, g_ptr_array_unref);
  g_free (result->note);
  g_free (result);
}

void
harbor_evaluation_free (HarborEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;
  g_clear_pointer (&evaluation->records, g_ptr_array_unref);
  g_clear_pointer (&evaluation->rule_sets, g_ptr_array_unref);
  g_free (evaluation);
}

const char *
harbor_status_to_string (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:     return "available";
    case HARBOR_STATUS_NOT_YET:       return "not_yet";
    case HARBOR_STATUS_NEEDS_INFO:    return "needs_info";
    case HARBOR_STATUS_NOT_AVAILABLE: return "not_available";
    default:                          return NULL;
    }
}

/* ---- Helpers ------------------------------------------------------------ */

static void
add_reason (HarborPathwayResult *result,
            const char          *clause,
            const char          *text,
            const char          *citation,
            HarborTri            holds)
{
  HarborReason *reason = g_new0 (HarborReason, 1);

  reason->clause = g_strdup (clause);
  reason->text = g_strdup (text);
  reason->citation = g_strdup (citation != NULL ? citation : result->pathway->citation);
  reason->holds = holds;
  g_ptr_array_add (result->reasons, reason);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorts and removes duplicates. */
static void
unique_strings (GPtrArray *array)
{
  guint out = 0;

  g_ptr_array_sort (array, compare_strings);
  for (guint i = 0; i < array->len; i++)
    {
      if (out > 0 && strcmp (g_ptr_array_index (array, out - 1), g_ptr_array_index (array, i)) == 0)
        {
          g_free (g_ptr_array_index (array, i));
          continue;
        }
      array->pdata[out++] = array->pdata[i];
    }
  array->len = out;
}

static void
unique_reviews (GPtrArray *array)
{
  guint out = 0;

  for (guint i = 0; i < array->len; i++)
    {
      const HarborReviewPoint *point = g_ptr_array_index (array, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < out && !seen; j++)
        seen = strcmp (((const HarborReviewPoint *) array->pdata[j])->question, point->question) == 0;
      if (!seen)
        array->pdata[out++] = array->pdata[i];
    }
  array->len = out;
}

static void
move_all (GPtrArray *to,
          GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, from->pdata[i]);
  /* Ownership moved: empty without freeing the elements. */
  from->len = 0;
}

/* Reads the date an anchor names; FALSE (and the fact added to @missing)
 * when unknown. Events such as "filing" are never known here. */
static gboolean
anchor_date (const HarborFactContext *ctx,
             const HarborPeriod      *period,
             const GDate             *earliest_filing,
             GDate                   *out,
             GPtrArray               *missing)
{
  const HarborRecord *r = ctx->record;
  const HarborClient *c = &ctx->kase->client;
  const GDate *date = NULL;

  switch (period->from)
    {
    case HARBOR_ANCHOR_OFFENSE:            date = &r->offense_date; break;
    case HARBOR_ANCHOR_DISPOSITION:        date = &r->disposition_date; break;
    case HARBOR_ANCHOR_SENTENCE_COMPLETED: date = &r->sentence_completed_on; break;
    case HARBOR_ANCHOR_BIRTH:              date = &c->birth_date; break;
    case HARBOR_ANCHOR_TRAFFICKING_BEGAN:  date = &c->trafficking.began_on; break;
    case HARBOR_ANCHOR_TRAFFICKING_ENDED:  date = &c->trafficking.ended_on; break;
    case HARBOR_ANCHOR_FIXED_DATE:         date = &period->fixed; break;
    case HARBOR_ANCHOR_EARLIEST_FILING:    date = earliest_filing; break;
    case HARBOR_ANCHOR_FILING:
    case HARBOR_ANCHOR_HEARING:
    case HARBOR_ANCHOR_ORDER:
    default:
      return FALSE;
    }

  if (date == NULL || !g_date_valid (date))
    {
      if (missing != NULL && harbor_anchor_fact (period->from) != NULL)
        g_ptr_array_add (missing, g_strdup (harbor_anchor_fact (period->from)));
      return FALSE;
    }

  return harbor_date_shift (date, period->years, period->months, period->days, FALSE, out);
}

static char *
describe_offset (const HarborPeriod *period)
{
  GString *str = g_string_new (NULL);

  if (period->years > 0)
    g_string_append_printf (str, ngettext ("%d year", "%d years", period->years), period->years);
  if (period->months > 0)
    {
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append_printf (str, ngettext ("%d month", "%d months", period->months), period->months);
    }
  if (period->days > 0)
    {
      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append_printf (str, ngettext ("%d day", "%d days", period->days), period->days);
    }
  return g_string_free (str, FALSE);
}

static char *
describe_due (const HarborPeriod *period)
{
  g_autofree char *offset = describe_offset (period);
  const char *anchor;

  switch (period->from)
    {
    case HARBOR_ANCHOR_FILING:             anchor = _("filing"); break;
    case HARBOR_ANCHOR_HEARING:            anchor = _("the hearing"); break;
    case HARBOR_ANCHOR_ORDER:              anchor = _("the order"); break;
    case HARBOR_ANCHOR_EARLIEST_FILING:    anchor = _("the earliest filing date"); break;
    case HARBOR_ANCHOR_OFFENSE:            anchor = _("the offense"); break;
    case HARBOR_ANCHOR_DISPOSITION:        anchor = _("the disposition"); break;
    case HARBOR_ANCHOR_SENTENCE_COMPLETED: anchor = _("completion of the sentence"); break;
    case HARBOR_ANCHOR_BIRTH:              anchor = _("birth"); break;
    case HARBOR_ANCHOR_TRAFFICKING_BEGAN:  anchor = _("the start of the trafficking"); break;
    case HARBOR_ANCHOR_TRAFFICKING_ENDED:  anchor = _("the end of the trafficking"); break;
    case HARBOR_ANCHOR_FIXED_DATE:
    default:                               anchor = _("the date"); break;
    }

  if (offset[0] == '\0')
    return g_strdup_printf (_("at %s"), anchor);
  /* Translators: "30 days after filing" */
  return g_strdup_printf (_("%s after %s"), offset, anchor);
}

/* ---- Checklist ---------------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *text;
} CommonStep;

static const CommonStep steps_before[] = {
  { "certified_disposition", N_("Obtain a certified copy of the disposition from the court that handled the case") },
  { "criminal_history", N_("Obtain the client’s criminal-history report (the state repository’s rap sheet; for federal records the FBI Identity History Summary)") },
  { "refer_counsel", N_("Refer the client to a legal-aid or pro bono attorney and share this summary with consent") },
};

static const CommonStep steps_after[] = {
  { "file", N_("File the motion or petition in the court named by the statute") },
  { "serve_prosecutor", N_("Serve the prosecutor (for federal records, the U.S. Attorney) with the filing") },
  { "hearing", N_("Prepare for and attend the hearing, if one is set") },
  { "order", N_("Obtain a certified copy of the signed order") },
  { "notify_repositories", N_("Make sure the order reaches the state criminal-history repository and the FBI") },
  { "confirm_corrected", N_("Confirm the record is corrected: request a new criminal-history report after a few weeks") },
};

static gboolean
omitted (const HarborPathway *pathway,
         const char          *id)
{
  return pathway->omit_common_steps != NULL &&
         g_strv_contains ((const char * const *) pathway->omit_common_steps, id);
}

static HarborChecklistStep *
checklist_step (const char *id,
                const char *text,
                const char *citation)
{
  HarborChecklistStep *step = g_new0 (HarborChecklistStep, 1);

  step->id = g_strdup (id);
  step->text = g_strdup (text);
  step->citation = g_strdup (citation);
  g_date_clear (&step->due_on, 1);
  return step;
}

static void
build_checklist (HarborPathwayResult     *result,
                 const HarborFactContext *ctx)
{
  const HarborPathway *pathway = result->pathway;

  for (guint i = 0; i < G_N_ELEMENTS (steps_before); i++)
    if (!omitted (pathway, steps_before[i].id))
      g_ptr_array_add (result->checklist,
                       checklist_step (steps_before[i].id, _(steps_before[i].text), NULL));

  for (guint i = 0; i < pathway->procedure->len; i++)
    {
      const HarborStep *own = g_ptr_array_index (pathway->procedure, i);
      HarborChecklistStep *step = checklist_step ("pathway", own->text, own->citation);

      if (own->due != NULL)
        {
          step->due = describe_due (own->due);
          if (!anchor_date (ctx, own->due, &result->earliest_filing_on, &step->due_on, NULL))
            g_date_clear (&step->due_on, 1);
        }
      g_ptr_array_add (result->checklist, step);
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps_after); i++)
    {
      HarborChecklistStep *step;

      if (omitted (pathway, steps_after[i].id))
        continue;

      step = checklist_step (steps_after[i].id, _(steps_after[i].text), NULL);
      if (strcmp (steps_after[i].id, "file") == 0)
        {
          g_autofree char *earliest = harbor_date_to_string (&result->earliest_filing_on);
          g_autofree char *deadline = harbor_date_to_string (&result->deadline_on);

          if (result->status == HARBOR_STATUS_NOT_YET && earliest != NULL)
            step->due = g_strdup_printf (_("not before %s"), earliest);
          if (deadline != NULL)
            {
              g_free (step->due);
              step->due = earliest != NULL && result->status == HARBOR_STATUS_NOT_YET
                          ? g_strdup_printf (_("not before %s and no later than %s"), earliest, deadline)
                          : g_strdup_printf (_("no later than %s"), deadline);
              step->due_on = result->deadline_on;
            }
        }
      g_ptr_array_add (result->checklist, step);
    }
}

/* ---- Evaluation --------------------------------------------------------- */

typedef struct
{
  HarborTri  value;
  GPtrArray *missing;
  GPtrArray *reviews;
} ClauseResult;

static void
clause_result_clear (ClauseResult *r)
{
  g_clear_pointer (&r->missing, g_ptr_array_unref);
  g_clear_pointer (&r->reviews, g_ptr_array_unref);
}

static void
eval_clause (const HarborExpr        *expr,
             const HarborFactContext *ctx,
             ClauseResult            *out)
{
  out->missing = g_ptr_array_new_with_free_func (g_free);
  out->reviews = g_ptr_array_new ();
  out->value = expr != NULL ? harbor_expr_eval (expr, ctx, out->missing, out->reviews)
                            : HARBOR_TRI_TRUE;
}

static void
eval_timing (HarborPathwayResult     *result,
             const HarborFactContext *ctx)
{
  const HarborTiming *timing = &result->pathway->timing;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new ();
  gboolean passed = FALSE;

  for (guint i = 0; timing->waiting_periods != NULL && i < timing->waiting_periods->len; i++)
    {
      const HarborPeriod *period = g_ptr_array_index (timing->waiting_periods, i);
      guint missing_before = missing->len;
      GDate end;

      if (period->when != NULL)
        {
          HarborTri applies = harbor_expr_eval (period->when, ctx, missing, reviews);

          if (applies == HARBOR_TRI_FALSE)
            continue;
          if (applies == HARBOR_TRI_UNKNOWN)
            {
              add_reason (result, "timing", period->text, period->citation, HARBOR_TRI_UNKNOWN);
              continue;
            }
        }

      if (!anchor_date (ctx, period, NULL, &end, missing))
        {
          if (missing->len == missing_before)
            g_ptr_array_add (missing, g_strdup (harbor_anchor_fact (period->from)));
          add_reason (result, "timing", period->text, period->citation, HARBOR_TRI_UNKNOWN);
          continue;
        }

      if (!g_date_valid (&result->earliest_filing_on) ||
          g_date_compare (&end, &result->earliest_filing_on) > 0)
        result->earliest_filing_on = end;

      add_reason (result, "timing", period->text, period->citation,
                  g_date_compare (&end, &ctx->as_of) <= 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE);
    }

  for (guint i = 0; timing->deadlines != NULL && i < timing->deadlines->len; i++)
    {
      const HarborPeriod *period = g_ptr_array_index (timing->deadlines, i);
      guint missing_before = missing->len;
      GDate end;

      if (period->when != NULL)
        {
          HarborTri applies = harbor_expr_eval (period->when, ctx, missing, reviews);

          if (applies == HARBOR_TRI_FALSE)
            continue;
          if (applies == HARBOR_TRI_UNKNOWN)
            {
              add_reason (result, "timing", period->text, period->citation, HARBOR_TRI_UNKNOWN);
              continue;
            }
        }

      if (!anchor_date (ctx, period, NULL, &end, missing))
        {
          if (missing->len == missing_before && harbor_anchor_fact (period->from) != NULL)
            g_ptr_array_add (missing, g_strdup (harbor_anchor_fact (period->from)));
          add_reason (result, "timing", period->text, period->citation, HARBOR_TRI_UNKNOWN);
          continue;
        }

      if (!g_date_valid (&result->deadline_on) || g_date_compare (&end, &result->deadline_on) < 0)
        result->deadline_on = end;

      if (g_date_compare (&ctx->as_of, &end) > 0)
        {
          g_autofree char *date = harbor_date_to_string (&end);
          g_autofree char *text = g_strdup_printf (_("The deadline passed on %s: %s"), date, period->text);

          add_reason (result, "timing", text, period->citation, HARBOR_TRI_FALSE);
          passed = TRUE;
        }
      else
        add_reason (result, "timing", period->text, period->citation, HARBOR_TRI_TRUE);
    }

  if (passed)
    {
      result->status = HARBOR_STATUS_NOT_AVAILABLE;
      return;
    }

  if (missing->len > 0 || reviews->len > 0)
    {
      result->status = HARBOR_STATUS_NEEDS_INFO;
      move_all (result->missing_facts, missing);
      for (guint i = 0; i < reviews->len; i++)
        g_ptr_array_add (result->needs_review, reviews->pdata[i]);
      return;
    }

  if (g_date_valid (&result->earliest_filing_on) &&
      g_date_compare (&result->earliest_filing_on, &ctx->as_of) > 0)
    result->status = HARBOR_STATUS_NOT_YET;
  else
    result->status = HARBOR_STATUS_AVAILABLE;
}

static void
eval_evidence (HarborPathwayResult     *result,
               const HarborFactContext *ctx)
{
  const GStrv documentation = ctx->kase->client.trafficking.documentation;

  for (guint i = 0; i < result->pathway->evidence->len; i++)
    {
      const HarborEvidence *evidence = g_ptr_array_index (result->pathway->evidence, i);
      HarborEvidenceResult *item = g_new0 (HarborEvidenceResult, 1);

      item->evidence = evidence;
      item->on_file = HARBOR_TRI_UNKNOWN;
      if (evidence->documentation != NULL && documentation != NULL)
        {
          item->on_file = HARBOR_TRI_FALSE;
          for (guint j = 0; evidence->documentation[j] != NULL; j++)
            if (g_strv_contains ((const char * const *) documentation, evidence->documentation[j]))
              item->on_file = HARBOR_TRI_TRUE;
        }
      g_ptr_array_add (result->evidence, item);
    }
}

static HarborPathwayResult *
evaluate_pathway (const HarborPathway     *pathway,
                  const HarborFactContext *ctx)
{
  HarborPathwayResult *result = g_new0 (HarborPathwayResult, 1);
  guint n = 1 + pathway->conditions->len + pathway->exclusions->len;
  g_autofree ClauseResult *clauses = g_new0 (ClauseResult, n);
  HarborTri eligible = HARBOR_TRI_TRUE;

  result->pathway = pathway;
  g_date_clear (&result->earliest_filing_on, 1);
  g_date_clear (&result->deadline_on, 1);
  result->missing_facts = g_ptr_array_new_with_free_func (g_free);
  result->needs_review = g_ptr_array_new ();
  result->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  result->evidence = g_ptr_array_new_with_free_func (g_free);
  result->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  /* clauses[0] is applies_to, then the conditions, then the exclusions
   * (negated: an exclusion that holds makes the pathway unavailable). */
  eval_clause (pathway->applies_records, ctx, &clauses[0]);
  for (guint i = 0; i < pathway->conditions->len; i++)
    eval_clause (((HarborClause *) g_ptr_array_index (pathway->conditions, i))->test, ctx,
                 &clauses[1 + i]);
  for (guint i = 0; i < pathway->exclusions->len; i++)
    {
      ClauseResult *r = &clauses[1 + pathway->conditions->len + i];

      eval_clause (((HarborClause *) g_ptr_array_index (pathway->exclusions, i))->test, ctx, r);
      r->value = harbor_tri_not (r->value);
    }

  for (guint i = 0; i < n; i++)
    eligible = harbor_tri_and (eligible, clauses[i].value);

  for (guint i = 0; i < n; i++)
    {
      const HarborClause *clause = NULL;
      const char *clause_id = "applies_to";
      g_autofree char *text = NULL;
      gboolean exclusion = i > pathway->conditions->len;

      if (i > 0 && !exclusion)
        clause = g_ptr_array_index (pathway->conditions, i - 1);
      else if (exclusion)
        clause = g_ptr_array_index (pathway->exclusions, i - 1 - pathway->conditions->len);

      if (clause != NULL)
        clause_id = clause->id;

      if (clause == NULL)
        text = clauses[i].value == HARBOR_TRI_FALSE
               ? g_strdup_printf (_("This pathway covers: %s"), pathway->applies_text)
               : g_strdup (pathway->applies_text);
      else if (exclusion)
        text = clauses[i].value == HARBOR_TRI_FALSE
               ? g_strdup_printf (_("Excluded: %s"), clause->text)
               : clauses[i].value == HARBOR_TRI_TRUE
                 ? g_strdup_printf (_("Not excluded: %s"), clause->text)
                 : g_strdup_printf (_("Possibly excluded: %s"), clause->text);
      else
        text = g_strdup (clause->text);

      /* The reasons that matter for the answer: what failed, what is still
       * open, or (when eligible) everything that held. */
      if ((eligible == HARBOR_TRI_FALSE && clauses[i].value == HARBOR_TRI_FALSE) ||
          (eligible == HARBOR_TRI_UNKNOWN && clauses[i].value == HARBOR_TRI_UNKNOWN) ||
          (eligible == HARBOR_TRI_TRUE && (clause != NULL || pathway->applies_records != NULL)))
        add_reason (result, clause_id, text, clause != NULL ? clause->citation : NULL,
                    clauses[i].value);

      if (eligible == HARBOR_TRI_UNKNOWN && clauses[i].value == HARBOR_TRI_UNKNOWN)
        {
          move_all (result->missing_facts, clauses[i].missing);
          for (guint j = 0; j < clauses[i].reviews->len; j++)
            g_ptr_array_add (result->needs_review, clauses[i].reviews->pdata[j]);
        }
    }

  for (guint i = 0; i < n; i++)
    clause_result_clear (&clauses[i]);

  if (eligible == HARBOR_TRI_FALSE)
    result->status = HARBOR_STATUS_NOT_AVAILABLE;
  else if (eligible == HARBOR_TRI_UNKNOWN)
    result->status = HARBOR_STATUS_NEEDS_INFO;
  else
    eval_timing (result, ctx);

  unique_strings (result->missing_facts);
  unique_reviews (result->needs_review);
  eval_evidence (result, ctx);

  if (result->status == HARBOR_STATUS_AVAILABLE || result->status == HARBOR_STATUS_NOT_YET)
    build_checklist (result, ctx);

  return result;
}

static void
resolve_as_of (const HarborCase *kase,
               const GDate      *as_of,
               GDate            *out)
{
  g_date_clear (out, 1);

  if (as_of != NULL && g_date_valid (as_of))
    *out = *as_of;
  else if (g_date_valid (&kase->as_of))
    *out = kase->as_of;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_set_dmy (out, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }
}

HarborPathwayResult *
harbor_engine_evaluate_pathway (const HarborPathway *pathway,
                                const HarborCase    *kase,
                                guint                record_index,
                                const GDate         *as_of)
{
  HarborFactContext ctx = { 0 };

  g_return_val_if_fail (pathway != NULL, NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (record_index < kase->records->len, NULL);

  ctx.kase = kase;
  resolve_as_of (kase, as_of, &ctx.as_of);
  ctx.record = g_ptr_array_index (kase->records, record_index);
  ctx.record_index = record_index;
  ctx.is_self = TRUE;

  return evaluate_pathway (pathway, &ctx);
}

HarborEvaluation *
harbor_engine_evaluate (const HarborRules *rules,
                        const HarborCase  *kase,
                        const GDate       *as_of)
{
  HarborEvaluation *evaluation;
  HarborFactContext ctx = { 0 };

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (kase != NULL, NULL);

  evaluation = g_new0 (HarborEvaluation, 1);
  resolve_as_of (kase, as_of, &evaluation->as_of);
  evaluation->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_result_free);
  evaluation->rule_sets = g_ptr_array_new ();

  ctx.kase = kase;
  ctx.as_of = evaluation->as_of;
  ctx.is_self = TRUE;

  for (guint i = 0; i < kase->records->len; i++)
    {
      const HarborRecord *record = g_ptr_array_index (kase->records, i);
      HarborRecordResult *rr = g_new0 (HarborRecordResult, 1);

      rr->index = i;
      rr->id = g_strdup (record->id);
      rr->jurisdiction = g_strdup (record->jurisdiction);
      rr->pathways = g_ptr_array_new_with_free_func ((GDestroyNotify) harbor_pathway_result_free);
      rr->missing_facts = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (evaluation->records, rr);

      if (record->jurisdiction == NULL)
        {
          g_ptr_array_add (rr->missing_facts, g_strdup ("record.jurisdiction"));
          rr->note = g_strdup (_("The record’s jurisdiction is unknown, so no law can be applied yet."));
          continue;
        }

      ctx.record = record;
      ctx.record_index = i;

      for (guint s = 0; s < rules->sets->len; s++)
        {
          const HarborRuleSet *set = g_ptr_array_index (rules->sets, s);
          gboolean used = FALSE;

          for (guint p = 0; p < set->pathways->len; p++)
            {
              const HarborPathway *pathway = g_ptr_array_index (set->pathways, p);

              if (!g_strv_contains ((const char * const *) pathway->jurisdictions,
                                    record->jurisdiction))
                continue;

              g_ptr_array_add (rr->pathways, evaluate_pathway (pathway, &ctx));
              used = TRUE;
            }

          if (used && !g_ptr_array_find (evaluation->rule_sets, set, NULL))
            g_ptr_array_add (evaluation->rule_sets, (gpointer) set);
        }

      if (rr->pathways->len == 0)
        rr->note = g_strdup_printf (_("No rules are loaded for %s."), record->jurisdiction);
    }

  return evaluation;
}

const HarborPathwayResult *
harbor_evaluation_find (const HarborEvaluation *evaluation,
                        const char             *record_id,
                        const char             *pathway_id)
{
  g_return_val_if_fail (evaluation != NULL, NULL);

  for (guint i = 0; i < evaluation->records->len; i++)
    {
      const HarborRecordResult *rr = g_ptr_array_index (evaluation->records, i);

      if (g_strcmp0 (rr->id, record_id) != 0)
        continue;
      for (guint j = 0; j < rr->pathways->len; j++)
        {
          const HarborPathwayResult *result = g_ptr_array_index (rr->pathways, j);

          if (strcmp (result->pathway->id, pathway_id) == 0)
            return result;
        }
    }
  return NULL;
}

/* ---- Output ------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  g_autofree char *str = harbor_date_to_string (date);

  add_string (builder, name, str);
}

static void
add_tri (JsonBuilder *builder,
         const char  *name,
         HarborTri    value)
{
  json_builder_set_member_name (builder, name);
  if (value == HARBOR_TRI_UNKNOWN)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, value == HARBOR_TRI_TRUE);
}

static void
add_strings (JsonBuilder        *builder,
             const char         *name,
             const char * const *values,
             guint               n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && (n == G_MAXUINT ? values[i] != NULL : i < n); i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* The missing facts again, as plain questions (in the same order). */
static void
add_questions (JsonBuilder *builder,
               GPtrArray   *missing)
{
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < missing->len; i++)
    {
      const char *fact = g_ptr_array_index (missing, i);

      json_builder_begin_object (builder);
      add_string (builder, "fact", fact);
      add_string (builder, "question", harbor_fact_question (fact));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_pathway_result (JsonBuilder               *builder,
                      const HarborPathwayResult *result)
{
  const HarborPathway *pathway = result->pathway;

  json_builder_begin_object (builder);
  add_string (builder, "id", pathway->id);
  add_string (builder, "kind", pathway->kind);
  add_string (builder, "jurisdiction", pathway->set->jurisdiction);
  add_string (builder, "title", pathway->title);
  add_string (builder, "citation", pathway->citation);
  add_string (builder, "status", harbor_status_to_string (result->status));
  add_date (builder, "earliest_filing_on", &result->earliest_filing_on);
  add_date (builder, "deadline_on", &result->deadline_on);
  add_strings (builder, "missing_facts", (const char * const *) result->missing_facts->pdata,
               result->missing_facts->len);
  add_questions (builder, result->missing_facts);

  json_builder_set_member_name (builder, "needs_review");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->needs_review->len; i++)
    {
      const HarborReviewPoint *point = g_ptr_array_index (result->needs_review, i);

      json_builder_begin_object (builder);
      add_string (builder, "question", point->question);
      add_string (builder, "citation", point->citation != NULL ? point->citation : pathway->citation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->reasons->len; i++)
    {
      const HarborReason *reason = g_ptr_array_index (result->reasons, i);

      json_builder_begin_object (builder);
      add_string (builder, "clause", reason->clause);
      add_string (builder, "text", reason->text);
      add_string (builder, "citation", reason->citation);
      add_tri (builder, "holds", reason->holds);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->evidence->len; i++)
    {
      const HarborEvidenceResult *item = g_ptr_array_index (result->evidence, i);

      json_builder_begin_object (builder);
      add_string (builder, "text", item->evidence->text);
      add_string (builder, "role", item->evidence->role);
      add_string (builder, "citation", item->evidence->citation != NULL
                                       ? item->evidence->citation : pathway->citation);
      if (item->evidence->documentation != NULL)
        {
          add_strings (builder, "documentation",
                       (const char * const *) item->evidence->documentation, G_MAXUINT);
          add_tri (builder, "on_file", item->on_file);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string (builder, "effect", pathway->effect);
  json_builder_set_member_name (builder, "burden");
  json_builder_begin_object (builder);
  add_string (builder, "standard", pathway->burden_standard);
  add_string (builder, "on", pathway->burden_on);
  add_string (builder, "text", pathway->burden_text);
  json_builder_end_object (builder);
  add_string (builder, "timing", pathway->timing.text);
  add_string (builder, "confidence", pathway->confidence);
  add_date (builder, "reviewed", &pathway->reviewed);

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pathway->sources->len; i++)
    {
      const HarborSource *source = g_ptr_array_index (pathway->sources, i);

      json_builder_begin_object (builder);
      add_string (builder, "url", source->url);
      add_string (builder, "description", source->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_strings (builder, "notes", (const char * const *) pathway->notes, G_MAXUINT);
  add_strings (builder, "open_questions", (const char * const *) pathway->open_questions, G_MAXUINT);

  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->checklist->len; i++)
    {
      const HarborChecklistStep *step = g_ptr_array_index (result->checklist, i);

      json_builder_begin_object (builder);
      add_string (builder, "step", step->id);
      add_string (builder, "text", step->text);
      add_string (builder, "citation", step->citation);
      add_date (builder, "due_on", &step->due_on);
      add_string (builder, "due", step->due);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

JsonNode *
harbor_evaluation_to_json_node (const HarborEvaluation *evaluation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (evaluation != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", HARBOR_EVALUATION_FORMAT);
  add_date (builder, "as_of", &evaluation->as_of);
  add_string (builder, "disclaimer",
              _("Legal information, not legal advice. “Available” means the client may file; the court decides."));

  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < evaluation->rule_sets->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (evaluation->rule_sets, i);

      json_builder_begin_object (builder);
      add_string (builder, "jurisdiction", set->jurisdiction);
      add_string (builder, "name", set->name);
      add_date (builder, "reviewed", &set->reviewed);
      add_string (builder, "confidence", set->confidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < evaluation->records->len; i++)
    {
      const HarborRecordResult *rr = g_ptr_array_index (evaluation->records, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", rr->id);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, rr->index);
      add_string (builder, "jurisdiction", rr->jurisdiction);
      add_strings (builder, "missing_facts", (const char * const *) rr->missing_facts->pdata,
                   rr->missing_facts->len);
      add_questions (builder, rr->missing_facts);
      add_string (builder, "note", rr->note);
      json_builder_set_member_name (builder, "pathways");
      json_builder_begin_array (builder);
      for (guint j = 0; j < rr->pathways->len; j++)
        build_pathway_result (builder, g_ptr_array_index (rr->pathways, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
harbor_evaluation_to_json (const HarborEvaluation *evaluation)
{
  g_autoptr(JsonNode) node = harbor_evaluation_to_json_node (evaluation);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static const char *
status_label (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:     return _("AVAILABLE");
    case HARBOR_STATUS_NOT_YET:       return _("NOT YET");
    case HARBOR_STATUS_NEEDS_INFO:    return _("NEEDS INFORMATION");
    case HARBOR_STATUS_NOT_AVAILABLE: return _("NOT AVAILABLE");
    default:                          return "?";
    }
}

static const char *
holds_mark (HarborTri holds)
{
  switch (holds)
    {
    case HARBOR_TRI_TRUE:  return "+";
    case HARBOR_TRI_FALSE: return "-";
    default:               return "?";
    }
}

char *
harbor_evaluation_to_text (const HarborEvaluation *evaluation)
{
  GString *out = g_string_new (NULL);
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (evaluation != NULL, NULL);

  as_of = harbor_date_to_string (&evaluation->as_of);
  g_string_append_printf (out, _("Relief pathways as of %s\n"), as_of);
  g_string_append (out, _("Legal information, not legal advice: “available” means the client may file; the court decides.\n"));

  for (guint i = 0; i < evaluation->records->len; i++)
    {
      const HarborRecordResult *rr = g_ptr_array_index (evaluation->records, i);

      g_string_append_printf (out, "\n%s %s (%s)\n", _("Record"),
                              rr->id != NULL ? rr->id : "-",
                              rr->jurisdiction != NULL ? rr->jurisdiction : _("jurisdiction unknown"));
      if (rr->note != NULL)
        g_string_append_printf (out, "  %s\n", rr->note);
      for (guint m = 0; m < rr->missing_facts->len; m++)
        g_string_append_printf (out, "  %s %s\n", _("Missing:"),
                                (const char *) g_ptr_array_index (rr->missing_facts, m));

      for (guint j = 0; j < rr->pathways->len; j++)
        {
          const HarborPathwayResult *result = g_ptr_array_index (rr->pathways, j);
          const HarborPathway *pathway = result->pathway;
          g_autofree char *earliest = harbor_date_to_string (&result->earliest_filing_on);
          g_autofree char *deadline = harbor_date_to_string (&result->deadline_on);
          g_autofree char *reviewed = harbor_date_to_string (&pathway->reviewed);

          g_string_append_printf (out, "\n  [%s] %s (%s)\n", status_label (result->status),
                                  pathway->title, pathway->kind);
          g_string_append_printf (out, "    %s\n", pathway->citation);
          if (result->status == HARBOR_STATUS_NOT_YET && earliest != NULL)
            g_string_append_printf (out, "    %s %s\n", _("Earliest filing date:"), earliest);
          else if (result->status == HARBOR_STATUS_AVAILABLE && earliest != NULL)
            g_string_append_printf (out, "    %s %s\n", _("May be filed since:"), earliest);
          if (deadline != NULL)
            g_string_append_printf (out, "    %s %s\n", _("Deadline:"), deadline);

          for (guint k = 0; k < result->reasons->len; k++)
            {
              const HarborReason *reason = g_ptr_array_index (result->reasons, k);
              g_string_append_printf (out, "    %s %s (%s)\n", holds_mark (reason->holds),
                                      reason->text, reason->citation);
            }
          for (guint k = 0; k < result->missing_facts->len; k++)
            {
              const char *fact = g_ptr_array_index (result->missing_facts, k);
              const char *question = harbor_fact_question (fact);

              g_string_append_printf (out, "    %s %s%s%s\n", _("Missing:"), fact,
                                      question != NULL ? " — " : "", question != NULL ? question : "");
            }
          for (guint k = 0; k < result->needs_review->len; k++)
            {
              const HarborReviewPoint *point = g_ptr_array_index (result->needs_review, k);
              g_string_append_printf (out, "    %s %s (%s)\n", _("Needs legal review:"),
                                      point->question,
                                      point->citation != NULL ? point->citation : pathway->citation);
            }
          g_string_append_printf (out, "    %s %s; %s %s\n", _("Confidence:"), pathway->confidence,
                                  _("rule reviewed"), reviewed);

          if (result->checklist->len > 0)
            {
              g_string_append_printf (out, "    %s\n", _("Checklist:"));
              for (guint k = 0; k < result->checklist->len; k++)
                {
                  const HarborChecklistStep *step = g_ptr_array_index (result->checklist, k);
                  g_string_append_printf (out, "      %u. %s", k + 1, step->text);
                  if (step->due != NULL)
                    g_string_append_printf (out, " (%s)", step->due);
                  g_string_append_c (out, '\n');
                }
            }
        }
    }

  return g_string_free (out, FALSE);
}
