/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-rules.h: rule files (harbor-rules/1): model, loader, validator
 *
 * Copyright 2026 The Harbor authors
 *
 * One JSON file per jurisdiction; the format is documented in
 * data/rules/FORMAT.md. The loader validates everything and reports every
 * problem it finds as `FILE:LINE:COLUMN: PATH: message`. The structures
 * below are read-only for callers once loaded.
 */

#pragma once

#include <glib.h>

#include "harbor-expr.h"

G_BEGIN_DECLS

#define HARBOR_RULES_FORMAT "harbor-rules/1"

#define HARBOR_RULES_ERROR (harbor_rules_error_quark ())

/**
 * HarborRulesError:
 * @HARBOR_RULES_ERROR_INVALID: a rule file has problems (malformed JSON,
 *   unknown fact or operator, wrong type, duplicate id, missing citation or
 *   sources, bad date or confidence...); the message names the first one
 * @HARBOR_RULES_ERROR_IO: a file or directory could not be read
 * @HARBOR_RULES_ERROR_NOT_FOUND: no rule directory was found
 */
typedef enum
{
  HARBOR_RULES_ERROR_INVALID,
  HARBOR_RULES_ERROR_IO,
  HARBOR_RULES_ERROR_NOT_FOUND,
} HarborRulesError;

GQuark harbor_rules_error_quark (void);

typedef struct
{
  char *id;            /* (nullable) */
  char *url;
  char *description;
} HarborSource;

typedef struct
{
  char       *id;
  char       *text;
  char       *citation;   /* (nullable): the pathway's citation applies */
  HarborExpr *test;
} HarborClause;

/* Named dates a period counts from (FORMAT.md §6 and §8). */
typedef enum
{
  HARBOR_ANCHOR_OFFENSE,
  HARBOR_ANCHOR_DISPOSITION,
  HARBOR_ANCHOR_SENTENCE_COMPLETED,
  HARBOR_ANCHOR_BIRTH,
  HARBOR_ANCHOR_TRAFFICKING_BEGAN,
  HARBOR_ANCHOR_TRAFFICKING_ENDED,
  HARBOR_ANCHOR_FIXED_DATE,
  /* Only for procedure steps: */
  HARBOR_ANCHOR_EARLIEST_FILING,
  HARBOR_ANCHOR_FILING,
  HARBOR_ANCHOR_HEARING,
  HARBOR_ANCHOR_ORDER,
} HarborAnchor;

typedef struct
{
  HarborAnchor  from;
  GDate         fixed;      /* for HARBOR_ANCHOR_FIXED_DATE */
  int           years;
  int           months;
  int           days;
  char         *text;       /* (nullable) for step due dates */
  char         *citation;   /* (nullable) */
  HarborExpr   *when;       /* (nullable) */
} HarborPeriod;

typedef struct
{
  char      *text;
  GPtrArray *waiting_periods;  /* (element-type HarborPeriod) */
  GPtrArray *deadlines;        /* (element-type HarborPeriod) */
} HarborTiming;

typedef struct
{
  char  *text;
  char  *role;            /* required, presumption, sufficient, supporting */
  GStrv  documentation;   /* (nullable) */
  char  *citation;        /* (nullable) */
} HarborEvidence;

typedef struct
{
  char         *text;
  char         *citation; /* (nullable) */
  HarborPeriod *due;      /* (nullable) */
} HarborStep;

typedef struct _HarborRuleSet HarborRuleSet;

typedef struct
{
  char          *id;
  char          *kind;
  char          *title;
  char          *citation;
  char          *applies_text;
  GStrv          jurisdictions;     /* record jurisdictions it is evaluated for */
  HarborExpr    *applies_records;   /* (nullable) */
  GPtrArray     *conditions;        /* (element-type HarborClause) */
  GPtrArray     *exclusions;        /* (element-type HarborClause) */
  HarborTiming   timing;
  GPtrArray     *evidence;          /* (element-type HarborEvidence) */
  GPtrArray     *procedure;         /* (element-type HarborStep) */
  GStrv          omit_common_steps;
  char          *effect;
  char          *burden_standard;
  char          *burden_on;
  char          *burden_text;       /* (nullable) */
  char          *confidence;
  GDate          reviewed;
  GPtrArray     *sources;           /* (element-type HarborSource) */
  GStrv          notes;
  GStrv          open_questions;
  HarborRuleSet *set;               /* (unowned) */
} HarborPathway;

struct _HarborRuleSet
{
  char      *filename;
  char      *jurisdiction;
  char      *name;
  GDate      reviewed;
  char      *confidence;
  GPtrArray *sources;        /* (element-type HarborSource) */
  GStrv      notes;
  GStrv      open_questions;
  GPtrArray *pathways;       /* (element-type HarborPathway) */
};

typedef struct
{
  GPtrArray *sets;           /* (element-type HarborRuleSet), sorted by jurisdiction */
} HarborRules;

HarborRules         *harbor_rules_new              (void) G_GNUC_WARN_UNUSED_RESULT;
void                 harbor_rules_free             (HarborRules   *rules);

/* Validates one document and adds it. Appends every problem (as a full
 * message) to @problems and returns FALSE if there was any; the set is then
 * not added. Duplicate jurisdictions and pathway ids across files count. */
gboolean             harbor_rules_add_data         (HarborRules   *rules,
                                                    const char    *data,
                                                    gssize         length,
                                                    const char    *filename,
                                                    GPtrArray     *problems);

/* Loads every *.json file of @dir in name order, collecting all problems;
 * returns FALSE if there was any (an unreadable directory is a problem). */
gboolean             harbor_rules_add_dir          (HarborRules   *rules,
                                                    const char    *dir,
                                                    GPtrArray     *problems);

/* Convenience: loads @dir (or the default directory when NULL) and fails on
 * the first problem with HARBOR_RULES_ERROR_INVALID. */
HarborRules         *harbor_rules_load             (const char    *dir,
                                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;

const HarborRuleSet *harbor_rules_find_set         (const HarborRules *rules,
                                                    const char        *jurisdiction);
const HarborPathway *harbor_rules_find_pathway     (const HarborRules *rules,
                                                    const char        *id);
guint                harbor_rules_count_pathways   (const HarborRules *rules);

/* Where the rule data is, when no directory is given: $HARBOR_RULES_DIR;
 * else the source tree's data/rules if this program runs from the build
 * tree; else the installed HARBOR_RULESDIR. Returns NULL (with an error)
 * if none exists. */
char                *harbor_rules_find_default_dir (GError       **error) G_GNUC_WARN_UNUSED_RESULT;

const char          *harbor_anchor_to_string       (HarborAnchor   anchor);
/* The harbor-case/1 fact an anchor reads, or NULL for events. */
const char          *harbor_anchor_fact            (HarborAnchor   anchor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborRules, harbor_rules_free)

G_END_DECLS
