/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-facts.h: the fact vocabulary of the statute engine
 *
 * Copyright 2026 The Harbor authors
 *
 * Facts are named by their harbor-case/1 path (`record.offense.violent`,
 * `client.birth_date`) plus a few derived facts (ages, years since a date,
 * the federal offense tier). Each has a type; rule conditions compare facts
 * with values of that type. A fact may be unknown: then the engine reports
 * the harbor-case/1 paths that are missing (for a derived fact, the unknown
 * facts it is made of). See data/rules/FORMAT.md §5.
 */

#pragma once

#include <glib.h>

#include "harbor-case.h"

G_BEGIN_DECLS

typedef enum
{
  HARBOR_FACT_TYPE_BOOLEAN,
  HARBOR_FACT_TYPE_NUMBER,     /* an integer */
  HARBOR_FACT_TYPE_DATE,
  HARBOR_FACT_TYPE_STRING,
  HARBOR_FACT_TYPE_ENUM,       /* one name of a closed vocabulary */
  HARBOR_FACT_TYPE_SET,        /* a list of names of a closed vocabulary */
} HarborFactType;

typedef enum
{
  HARBOR_FACT_CASE_AS_OF,
  HARBOR_FACT_CLIENT_BIRTH_DATE,
  HARBOR_FACT_CLIENT_TRAFFICKING_TYPES,
  HARBOR_FACT_CLIENT_TRAFFICKING_BEGAN_ON,
  HARBOR_FACT_CLIENT_TRAFFICKING_ENDED_ON,
  HARBOR_FACT_CLIENT_TRAFFICKING_DOCUMENTATION,
  HARBOR_FACT_RECORD_JURISDICTION,
  HARBOR_FACT_RECORD_COURT,
  HARBOR_FACT_RECORD_DISPOSITION,
  HARBOR_FACT_RECORD_OFFENSE_STATUTE,
  HARBOR_FACT_RECORD_OFFENSE_CATEGORIES,
  HARBOR_FACT_RECORD_OFFENSE_CLASS,
  HARBOR_FACT_RECORD_OFFENSE_DEGREE,
  HARBOR_FACT_RECORD_OFFENSE_VIOLENT,
  HARBOR_FACT_RECORD_OFFENSE_CHILD_VICTIM,
  HARBOR_FACT_RECORD_OFFENSE_DATE,
  HARBOR_FACT_RECORD_DISPOSITION_DATE,
  HARBOR_FACT_RECORD_SENTENCE_COMPLETED_ON,
  HARBOR_FACT_RECORD_SENTENCED_TO_IMPRISONMENT,
  HARBOR_FACT_RECORD_IMPRISONED,
  HARBOR_FACT_RECORD_RESULT_OF_TRAFFICKING,
  /* Derived facts */
  HARBOR_FACT_CLIENT_AGE,
  HARBOR_FACT_CLIENT_MINOR,
  HARBOR_FACT_CLIENT_TRAFFICKING_VICTIM,
  HARBOR_FACT_CLIENT_OFFICIAL_DOCUMENTATION,
  HARBOR_FACT_RECORD_AGE_AT_OFFENSE,
  HARBOR_FACT_RECORD_AGE_AT_DISPOSITION,
  HARBOR_FACT_RECORD_MINOR_AT_OFFENSE,
  HARBOR_FACT_RECORD_YEARS_SINCE_DISPOSITION,
  HARBOR_FACT_RECORD_YEARS_SINCE_SENTENCE_COMPLETION,
  HARBOR_FACT_RECORD_OFFENSE_DURING_TRAFFICKING,
  HARBOR_FACT_RECORD_FEDERAL_TIER,
  HARBOR_N_FACTS
} HarborFactId;

typedef struct
{
  HarborFactId        id;
  const char         *name;
  HarborFactType      type;
  const char * const *vocabulary;   /* for ENUM and SET, else NULL */
  gboolean            derived;
} HarborFactInfo;

/* A fact's value. Strings and sets point into the case (or the rules):
 * they are borrowed, never freed through a HarborValue. */
typedef struct
{
  HarborFactType type;
  gboolean       known;
  union
  {
    gboolean            boolean;
    gint64              number;
    guint32             julian;    /* dates as Julian day numbers */
    const char         *string;    /* STRING and ENUM */
    const char * const *set;
  } v;
  /* For an unknown ENUM fact that is partly known: the values it can still
   * take (e.g. the federal tier of a violent offense whose child-victim
   * fact is unknown is B or X, so "tier is A" is already false). */
  const char * const *possible;
} HarborValue;

/* Where facts come from while evaluating. `record` is the record being
 * looked at; `record_index` is its index in the case and `is_self` tells
 * whether it is the record the answer is for (missing facts are then
 * `record.…`, otherwise `records[N].…`). */
typedef struct
{
  const HarborCase   *kase;
  GDate               as_of;
  const HarborRecord *record;
  guint               record_index;
  gboolean            is_self;
} HarborFactContext;

const HarborFactInfo *harbor_fact_lookup        (const char           *name);
const HarborFactInfo *harbor_fact_get_info      (HarborFactId          id);
const char           *harbor_fact_type_to_string (HarborFactType       type);

/* Returns TRUE and fills @out when the fact is known. When it is unknown,
 * returns FALSE and appends (newly allocated) paths of the missing
 * harbor-case/1 facts to @missing, if not NULL. */
gboolean              harbor_fact_get_value     (const HarborFactContext *ctx,
                                                 HarborFactId             id,
                                                 HarborValue             *out,
                                                 GPtrArray               *missing);

/* A plain, gentle question that would supply the missing harbor-case/1
 * fact at @path (`record.…`, `records[N].…` or `client.…`), for the
 * caseworker to ask only when needed; NULL for a path it does not know. */
const char           *harbor_fact_question      (const char *path);

/* Full years from @from to @to (the age on @to of someone born on @from).
 * A 29 February anniversary falls on 1 March in common years. Negative
 * when @to is before @from. */
int                   harbor_full_years_between (const GDate *from,
                                                 const GDate *to);

/* Adds (or with @before, subtracts) years, months and days. Adding years or
 * months to a day the target month lacks moves to the first day of the next
 * month (29 February + 1 year = 1 March), consistent with the ages above.
 * Returns FALSE if the result is out of range. */
gboolean              harbor_date_shift         (const GDate *date,
                                                 int          years,
                                                 int          months,
                                                 int          days,
                                                 gboolean     before,
                                                 GDate       *out);

/* The federal offense tier of the enacted 18 U.S.C. 3771A(a)(5)-(6):
 * "A", "B", "X" (neither), or NULL when it cannot be decided. */
const char           *harbor_federal_tier       (HarborTri violent,
                                                 HarborTri child_victim);

const char * const   *harbor_federal_tiers      (void);

G_END_DECLS
