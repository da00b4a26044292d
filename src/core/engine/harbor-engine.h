/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-engine.h: evaluate a case against the rules
 *
 * Copyright 2026 The Harbor authors
 *
 * For every record of a case, and every pathway whose jurisdictions include
 * the record's, the engine answers available / not_yet / needs_info /
 * not_available with reasons and citations, the facts still missing, the
 * legal points that need review, the earliest filing date and, for
 * available and not_yet answers, a checklist. The result serializes to the
 * harbor-evaluation/1 JSON document (see data/rules/FORMAT.md §9).
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "harbor-case.h"
#include "harbor-rules.h"

G_BEGIN_DECLS

#define HARBOR_EVALUATION_FORMAT "harbor-evaluation/1"

typedef enum
{
  HARBOR_STATUS_AVAILABLE,
  HARBOR_STATUS_NOT_YET,
  HARBOR_STATUS_NEEDS_INFO,
  HARBOR_STATUS_NOT_AVAILABLE,
} HarborStatus;

typedef struct
{
  char     *clause;     /* (nullable) clause id; "applies_to", "timing" for those */
  char     *text;
  char     *citation;
  HarborTri holds;
} HarborReason;

typedef struct
{
  const HarborEvidence *evidence;
  HarborTri             on_file;   /* unknown also when it names no documentation */
} HarborEvidenceResult;

typedef struct
{
  char  *id;          /* a common step id, or "pathway" */
  char  *text;
  char  *citation;    /* (nullable) */
  GDate  due_on;      /* invalid when there is no computable date */
  char  *due;         /* (nullable) the due date in words */
} HarborChecklistStep;

typedef struct
{
  const HarborPathway *pathway;
  HarborStatus         status;
  GDate                earliest_filing_on;  /* invalid: none */
  GDate                deadline_on;         /* invalid: none */
  GPtrArray           *missing_facts;       /* (element-type utf8), sorted, unique */
  GPtrArray           *needs_review;        /* (element-type HarborReviewPoint) borrowed */
  GPtrArray           *reasons;             /* (element-type HarborReason) */
  GPtrArray           *evidence;            /* (element-type HarborEvidenceResult) */
  GPtrArray           *checklist;           /* (element-type HarborChecklistStep) */
} HarborPathwayResult;

typedef struct
{
  guint      index;
  char      *id;                /* (nullable) */
  char      *jurisdiction;      /* (nullable) */
  GPtrArray *pathways;          /* (element-type HarborPathwayResult) */
  GPtrArray *missing_facts;     /* record-level: e.g. record.jurisdiction */
  char      *note;              /* (nullable) */
} HarborRecordResult;

typedef struct
{
  GDate      as_of;
  GPtrArray *records;           /* (element-type HarborRecordResult) */
  GPtrArray *rule_sets;         /* (element-type HarborRuleSet) borrowed: the sets used */
} HarborEvaluation;

/* @as_of: the evaluation date; NULL (or invalid) uses the case's as_of,
 * else today. @rules must outlive the result. */
HarborEvaluation *harbor_engine_evaluate          (const HarborRules      *rules,
                                                   const HarborCase       *kase,
                                                   const GDate            *as_of) G_GNUC_WARN_UNUSED_RESULT;

/* Evaluates one pathway for one record (the record must belong to @kase). */
HarborPathwayResult *harbor_engine_evaluate_pathway (const HarborPathway *pathway,
                                                     const HarborCase    *kase,
                                                     guint                record_index,
                                                     const GDate         *as_of) G_GNUC_WARN_UNUSED_RESULT;

void              harbor_evaluation_free          (HarborEvaluation       *evaluation);
void              harbor_pathway_result_free      (HarborPathwayResult    *result);

const HarborPathwayResult *harbor_evaluation_find (const HarborEvaluation *evaluation,
                                                   const char             *record_id,
                                                   const char             *pathway_id);

JsonNode         *harbor_evaluation_to_json_node  (const HarborEvaluation *evaluation) G_GNUC_WARN_UNUSED_RESULT;
char             *harbor_evaluation_to_json       (const HarborEvaluation *evaluation) G_GNUC_WARN_UNUSED_RESULT;
/* Readable text (for harbor-cli evaluate without --json). */
char             *harbor_evaluation_to_text       (const HarborEvaluation *evaluation) G_GNUC_WARN_UNUSED_RESULT;

const char       *harbor_status_to_string         (HarborStatus            status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborEvaluation, harbor_evaluation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborPathwayResult, harbor_pathway_result_free)

G_END_DECLS
