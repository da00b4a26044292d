/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-rules-stats.h: national counts computed from the rule data
 *
 * Copyright 2026 The Harbor authors
 *
 * Each count ("measure") builds small made-up harbor-case/1 probe cases (a
 * sex-trafficked child with a prostitution record, the same with a theft
 * record, a pending charge...) and evaluates them for every jurisdiction
 * of the rules through the statute engine. A jurisdiction is "yes" when a
 * pathway of the right kind is available or not_yet, "needs review" when
 * the best answer is needs_info and "no" otherwise; nothing is hard-coded.
 * How each measure is built is documented in data/rules/STATS.md.
 *
 * Only state and D.C. rule sets (US-XX) are counted: the federal set is
 * not a state, and its pathways that also apply to D.C. records are not
 * counted for D.C.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "harbor-rules.h"

G_BEGIN_DECLS

#define HARBOR_STATS_FORMAT "harbor-stats/1"

/* Measure ids. */
#define HARBOR_STATS_JUVENILE_ADJUDICATION "juvenile_adjudication"
#define HARBOR_STATS_CRIMINAL_CONVICTION   "criminal_conviction"
#define HARBOR_STATS_OFFENSE_SCOPE         "offense_scope"
#define HARBOR_STATS_SAFE_HARBOR           "safe_harbor"
#define HARBOR_STATS_AFFIRMATIVE_DEFENSE   "affirmative_defense"

typedef struct
{
  char      *jurisdiction;
  GPtrArray *pathways;       /* (element-type utf8) ids of the pathways behind the answer */
  GPtrArray *missing_facts;  /* (element-type utf8) facts the probe did not give */
  GPtrArray *needs_review;   /* (element-type HarborReviewPoint) borrowed from the rules */
} HarborStatsEntry;

typedef struct
{
  char      *id;             /* e.g. "yes", "needs_review", "no" */
  char      *label;          /* translated */
  char      *subset_of;      /* (nullable) id of the group this one is a part of */
  GPtrArray *entries;        /* (element-type HarborStatsEntry) sorted by jurisdiction */
} HarborStatsGroup;

typedef struct
{
  char      *id;             /* one of the HARBOR_STATS_* measure ids */
  char      *title;          /* translated */
  char      *probe;          /* translated: what was evaluated */
  GPtrArray *groups;         /* (element-type HarborStatsGroup) in display order */
  GPtrArray *notes;          /* (element-type utf8) translated caveats */
} HarborStatsMeasure;

typedef struct
{
  GDate      as_of;
  GPtrArray *jurisdictions;     /* (element-type utf8) every counted jurisdiction, sorted */
  GPtrArray *without_pathways;  /* (element-type utf8) counted jurisdictions with no pathway */
  GPtrArray *measures;          /* (element-type HarborStatsMeasure) */
} HarborRulesStats;

/* Computes every measure over @rules. Probe dates are set relative to
 * @as_of (NULL or invalid: today), so the counts describe the law as of
 * that date. @rules must outlive the result (review points are borrowed). */
HarborRulesStats       *harbor_rules_stats_compute    (const HarborRules      *rules,
                                                       const GDate            *as_of) G_GNUC_WARN_UNUSED_RESULT;
void                    harbor_rules_stats_free       (HarborRulesStats       *stats);

const HarborStatsMeasure *harbor_rules_stats_find_measure (const HarborRulesStats *stats,
                                                           const char             *measure_id);
/* NULL if either id is unknown. */
const HarborStatsGroup *harbor_rules_stats_find_group (const HarborRulesStats *stats,
                                                       const char             *measure_id,
                                                       const char             *group_id);
/* Whether @jurisdiction is in the group (FALSE if the group is unknown). */
gboolean                harbor_stats_group_contains   (const HarborStatsGroup *group,
                                                       const char             *jurisdiction);

/* The harbor-stats/1 document (data/rules/STATS.md). */
JsonNode               *harbor_rules_stats_to_json_node (const HarborRulesStats *stats) G_GNUC_WARN_UNUSED_RESULT;
char                   *harbor_rules_stats_to_json    (const HarborRulesStats *stats) G_GNUC_WARN_UNUSED_RESULT;
/* Readable text for harbor-cli rules stats. */
char                   *harbor_rules_stats_to_text    (const HarborRulesStats *stats) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborRulesStats, harbor_rules_stats_free)

G_END_DECLS
