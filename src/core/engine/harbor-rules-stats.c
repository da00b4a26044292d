/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-rules-stats.c: national counts computed from the rule data
 *
 * Copyright 2026 The Harbor authors
 *
 * For every state and D.C. rule set, a few made-up probe cases go through
 * harbor_engine_evaluate_pathway(), one pathway at a time, restricted to
 * the pathway kinds a measure is about. The best answer decides:
 * available or not_yet is "yes", needs_info is "needs review", anything
 * else "no". The three are always reported apart. The probes and the
 * reading of each measure are documented in data/rules/STATS.md.
 */

#define G_LOG_DOMAIN "harbor-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harbor-engine.h"
#include "harbor-rules-stats.h"

typedef enum
{
  ANSWER_YES,
  ANSWER_NEEDS_REVIEW,
  ANSWER_NO,
} Answer;

static const char * const relief_kinds[] = { "vacatur", "expungement", "sealing", NULL };
static const char * const vacatur_kinds[] = { "vacatur", NULL };
static const char * const safe_harbor_kinds[] = { "safe_harbor", NULL };
static const char * const diversion_kinds[] = { "diversion", NULL };
static const char * const defense_kinds[] = { "affirmative_defense", NULL };

/* ---- Entries, groups, measures ------------------------------------------ */

static HarborStatsEntry *
entry_new (const char *jurisdiction)
{
  HarborStatsEntry *entry = g_new0 (HarborStatsEntry, 1);

  entry->jurisdiction = g_strdup (jurisdiction);
  entry->pathways = g_ptr_array_new_with_free_func (g_free);
  entry->missing_facts = g_ptr_array_new_with_free_func (g_free);
  entry->needs_review = g_ptr_array_new ();
  return entry;
}

static void
entry_free (HarborStatsEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->jurisdiction);
  g_ptr_array_unref (entry->pathways);
  g_ptr_array_unref (entry->missing_facts);
  g_ptr_array_unref (entry->needs_review);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborStatsEntry, entry_free)

static void
entry_clear (HarborStatsEntry *entry)
{
  g_ptr_array_set_size (entry->pathways, 0);
  g_ptr_array_set_size (entry->missing_facts, 0);
  g_ptr_array_set_size (entry->needs_review, 0);
}

static HarborStatsEntry *
entry_copy (const HarborStatsEntry *entry)
{
  HarborStatsEntry *copy = entry_new (entry->jurisdiction);

  for (guint i = 0; i < entry->pathways->len; i++)
    g_ptr_array_add (copy->pathways, g_strdup (entry->pathways->pdata[i]));
  for (guint i = 0; i < entry->missing_facts->len; i++)
    g_ptr_array_add (copy->missing_facts, g_strdup (entry->missing_facts->pdata[i]));
  for (guint i = 0; i < entry->needs_review->len; i++)
    g_ptr_array_add (copy->needs_review, entry->needs_review->pdata[i]);
  return copy;
}

static gboolean
str_equal (gconstpointer a,
           gconstpointer b)
{
  return g_str_equal (a, b);
}

static void
add_unique_string (GPtrArray  *array,
                   const char *str)
{
  if (!g_ptr_array_find_with_equal_func (array, str, str_equal, NULL))
    g_ptr_array_add (array, g_strdup (str));
}

static gboolean
review_equal (gconstpointer a,
              gconstpointer b)
{
  const HarborReviewPoint *ra = a;
  const HarborReviewPoint *rb = b;

  return g_str_equal (ra->question, rb->question) &&
         g_strcmp0 (ra->citation, rb->citation) == 0;
}

static void
group_free (HarborStatsGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->id);
  g_free (group->label);
  g_free (group->subset_of);
  g_ptr_array_unref (group->entries);
  g_free (group);
}

static void
measure_free (HarborStatsMeasure *measure)
{
  if (measure == NULL)
    return;
  g_free (measure->id);
  g_free (measure->title);
  g_free (measure->probe);
  g_ptr_array_unref (measure->groups);
  g_ptr_array_unref (measure->notes);
  g_free (measure);
}

void
harbor_rules_stats_free (HarborRulesStats *stats)
{
  if (stats == NULL)
    return;
  g_ptr_array_unref (stats->jurisdictions);
  g_ptr_array_unref (stats->without_pathways);
  g_ptr_array_unref (stats->measures);
  g_free (stats);
}

static HarborStatsMeasure *
measure_new (HarborRulesStats *stats,
             const char       *id,
             const char       *title,
             const char       *probe)
{
  HarborStatsMeasure *measure = g_new0 (HarborStatsMeasure, 1);

  measure->id = g_strdup (id);
  measure->title = g_strdup (title);
  measure->probe = g_strdup (probe);
  measure->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  measure->notes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (stats->measures, measure);
  return measure;
}

static void
measure_add_group (HarborStatsMeasure *measure,
                   const char         *id,
                   const char         *label,
                   const char         *subset_of)
{
  HarborStatsGroup *group = g_new0 (HarborStatsGroup, 1);

  group->id = g_strdup (id);
  group->label = g_strdup (label);
  group->subset_of = g_strdup (subset_of);
  group->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_ptr_array_add (measure->groups, group);
}

static void
measure_add_note (HarborStatsMeasure *measure,
                  const char         *note)
{
  g_ptr_array_add (measure->notes, g_strdup (note));
}

static HarborStatsGroup *
measure_group (const HarborStatsMeasure *measure,
               const char               *group_id)
{
  for (guint i = 0; i < measure->groups->len; i++)
    {
      HarborStatsGroup *group = g_ptr_array_index (measure->groups, i);

      if (g_str_equal (group->id, group_id))
        return group;
    }
  g_return_val_if_reached (NULL);
}

/* Adds a copy of @entry to the group @group_id. */
static void
measure_put (HarborStatsMeasure     *measure,
             const char             *group_id,
             const HarborStatsEntry *entry)
{
  HarborStatsGroup *group = measure_group (measure, group_id);

  if (group != NULL)
    g_ptr_array_add (group->entries, entry_copy (entry));
}

/* ---- Probes -------------------------------------------------------------- */

/* The made-up clients. Every date is a number of months before the
 * evaluation date, so the probes apply the law as of that date and their
 * waiting periods have long run where the brief asks for "dates long
 * past"; 0 leaves a date unknown. */
typedef enum
{
  PROBE_ADJUDICATION,          /* juvenile court, adjudicated delinquent at 15, closed 4 years ago */
  PROBE_CONVICTION,            /* adult court, convicted for an offense at 17, closed 2 years ago */
  PROBE_MINOR_CHARGE,          /* pending charge of a 17-year-old, trafficked until last month */
  PROBE_ADULT_CHARGE,          /* pending adult-court charge of a 24-year-old, trafficked from 22 */
} Probe;

typedef struct
{
  guint             birth;
  guint             began;
  guint             ended;
  guint             offense;
  guint             disposition;
  guint             completed;
  HarborCourt       court;
  HarborDisposition disposition_kind;
} ProbeShape;

static const ProbeShape probe_shapes[] = {
  [PROBE_ADJUDICATION] = { 240, 84, 36, 60, 57, 51, HARBOR_COURT_JUVENILE,
                           HARBOR_DISPOSITION_ADJUDICATED_DELINQUENT },
  [PROBE_CONVICTION] = { 240, 72, 24, 36, 33, 27, HARBOR_COURT_ADULT,
                         HARBOR_DISPOSITION_CONVICTED },
  [PROBE_MINOR_CHARGE] = { 210, 24, 1, 3, 0, 0, HARBOR_COURT_JUVENILE,
                           HARBOR_DISPOSITION_PENDING },
  [PROBE_ADULT_CHARGE] = { 300, 36, 1, 3, 0, 0, HARBOR_COURT_ADULT,
                           HARBOR_DISPOSITION_PENDING },
};

static void
set_months_before (GDate       *out,
                   const GDate *as_of,
                   guint        months)
{
  g_date_clear (out, 1);
  if (months == 0)
    return;
  *out = *as_of;
  g_date_subtract_months (out, months);
}

/* @trafficked FALSE gives the probe's twin: the same child and record,
 * recorded as not trafficked (no trafficking types, dates, documentation
 * or nexus). A pathway open to the twin is not specific to trafficking. */
static HarborCase *
probe_case_new (Probe        probe,
                gboolean     trafficked,
                const char  *category,
                const char  *jurisdiction,
                const GDate *as_of)
{
  const ProbeShape *shape = &probe_shapes[probe];
  HarborCase *kase = harbor_case_new ();
  HarborRecord *record = harbor_record_new ();
  const char *sex[] = { "sex", NULL };
  const char *nothing[] = { NULL };
  const char *documentation[] = { "certification_letter", "court_finding", "law_enforcement_letter", NULL };
  const char *categories[] = { category, NULL };
  gboolean closed = shape->disposition != 0;

  kase->as_of = *as_of;
  set_months_before (&kase->client.birth_date, as_of, shape->birth);
  kase->client.trafficking.types = g_strdupv ((char **) (trafficked ? sex : nothing));
  kase->client.trafficking.documentation = g_strdupv ((char **) (trafficked ? documentation : nothing));
  set_months_before (&kase->client.trafficking.began_on, as_of, trafficked ? shape->began : 0);
  set_months_before (&kase->client.trafficking.ended_on, as_of, trafficked ? shape->ended : 0);

  record->id = g_strdup ("probe");
  record->jurisdiction = g_strdup (jurisdiction);
  record->court = shape->court;
  record->disposition = shape->disposition_kind;
  record->offense.categories = g_strdupv ((char **) categories);
  record->offense.klass = HARBOR_OFFENSE_CLASS_MISDEMEANOR;
  record->offense.violent = HARBOR_TRI_FALSE;
  record->offense.child_victim = HARBOR_TRI_FALSE;
  set_months_before (&record->offense_date, as_of, shape->offense);
  set_months_before (&record->disposition_date, as_of, shape->disposition);
  set_months_before (&record->sentence_completed_on, as_of, shape->completed);
  if (closed)
    {
      record->sentenced_to_imprisonment = HARBOR_TRI_FALSE;
      record->imprisoned = HARBOR_TRI_FALSE;
    }
  record->result_of_trafficking = trafficked ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
  harbor_case_add_record (kase, record);
  return kase;
}

/* The best answer over several probes and pathways, with the pathways (and
 * for needs review the open facts and legal points) behind it. */
typedef struct
{
  Answer            answer;
  HarborStatsEntry *entry;
} Tally;

static void
tally_init (Tally      *tally,
            const char *jurisdiction)
{
  tally->answer = ANSWER_NO;
  tally->entry = entry_new (jurisdiction);
}

static void
tally_clear (Tally *tally)
{
  g_clear_pointer (&tally->entry, entry_free);
}

static Answer
answer_of (HarborStatus status)
{
  switch (status)
    {
    case HARBOR_STATUS_AVAILABLE:
    case HARBOR_STATUS_NOT_YET:
      return ANSWER_YES;
    case HARBOR_STATUS_NEEDS_INFO:
      return ANSWER_NEEDS_REVIEW;
    case HARBOR_STATUS_NOT_AVAILABLE:
    default:
      return ANSWER_NO;
    }
}

/* Evaluates @probe (its offense in @category) against every pathway of
 * @set of one of @kinds and folds the answers into @tally. */
static void
tally_probe (Tally               *tally,
             const HarborRuleSet *set,
             const char * const  *kinds,
             Probe                probe,
             gboolean             trafficked,
             const char          *category,
             const GDate         *as_of)
{
  g_autoptr(HarborCase) kase = probe_case_new (probe, trafficked, category, set->jurisdiction, as_of);

  for (guint i = 0; i < set->pathways->len; i++)
    {
      const HarborPathway *pathway = g_ptr_array_index (set->pathways, i);
      g_autoptr(HarborPathwayResult) result = NULL;
      Answer answer;

      if (!g_strv_contains (kinds, pathway->kind) ||
          !g_strv_contains ((const char * const *) pathway->jurisdictions, set->jurisdiction))
        continue;

      result = harbor_engine_evaluate_pathway (pathway, kase, 0, as_of);
      answer = answer_of (result->status);
      if (answer > tally->answer)
        continue;
      if (answer < tally->answer)
        {
          entry_clear (tally->entry);
          tally->answer = answer;
        }
      if (answer == ANSWER_NO)
        continue;

      add_unique_string (tally->entry->pathways, pathway->id);
      if (answer == ANSWER_NEEDS_REVIEW)
        {
          for (guint j = 0; j < result->missing_facts->len; j++)
            add_unique_string (tally->entry->missing_facts, result->missing_facts->pdata[j]);
          for (guint j = 0; j < result->needs_review->len; j++)
            if (!g_ptr_array_find_with_equal_func (tally->entry->needs_review,
                                                   result->needs_review->pdata[j],
                                                   review_equal, NULL))
              g_ptr_array_add (tally->entry->needs_review, result->needs_review->pdata[j]);
        }
    }
}

/* Whether every pathway of @a is also one of @b. */
static gboolean
subset_of_pathways (const HarborStatsEntry *a,
                    const HarborStatsEntry *b)
{
  for (guint i = 0; i < a->pathways->len; i++)
    if (!g_ptr_array_find_with_equal_func (b->pathways, a->pathways->pdata[i], str_equal, NULL))
      return FALSE;
  return TRUE;
}

static gboolean
set_has_kind (const HarborRuleSet *set,
              const char * const  *kinds)
{
  for (guint i = 0; i < set->pathways->len; i++)
    {
      const HarborPathway *pathway = g_ptr_array_index (set->pathways, i);

      if (g_strv_contains (kinds, pathway->kind) &&
          g_strv_contains ((const char * const *) pathway->jurisdictions, set->jurisdiction))
        return TRUE;
    }
  return FALSE;
}

/* Whether the data's authors describe the pathway, in its title or its
 * effect, as partial protection or diversion only. The rule format has no
 * member for this (see STATS.md); these free texts are the only place the
 * data says it. */
static gboolean
described_as_partial (const HarborPathway *pathway)
{
  const char *texts[] = { pathway->title, pathway->effect };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *lower = g_utf8_strdown (texts[i], -1);

      if (strstr (lower, "partial") != NULL || strstr (lower, "diversion only") != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
put_by_answer (HarborStatsMeasure  *measure,
               const Tally         *tally,
               const HarborRuleSet *set,
               const char * const  *kinds)
{
  static const char * const ids[] = { "yes", "needs_review", "no" };

  measure_put (measure, ids[tally->answer], tally->entry);
  if (tally->answer == ANSWER_NO && !set_has_kind (set, kinds))
    measure_put (measure, "no_pathway", tally->entry);
}

/* The yes / needs review / no groups; @yes_parts are the ids and labels of
 * groups that are parts of "yes" (NULL-terminated pairs), shown under it. */
static void
add_yes_groups (HarborStatsMeasure *measure,
                const char * const *yes_parts)
{
  measure_add_group (measure, "yes", _("Yes"), NULL);
  for (guint i = 0; yes_parts != NULL && yes_parts[i] != NULL; i += 2)
    measure_add_group (measure, yes_parts[i], yes_parts[i + 1], "yes");
  measure_add_group (measure, "needs_review", _("Needs legal review"), NULL);
  measure_add_group (measure, "no", _("No"), NULL);
  measure_add_group (measure, "no_pathway", _("with no pathway of this kind in the data"), "no");
}

/* ---- Measures ------------------------------------------------------------ */

static void
compute_relief (HarborRulesStats  *stats,
                const HarborRules *rules,
                const GDate       *as_of,
                Probe              probe)
{
  HarborStatsMeasure *measure;
  const char *yes_parts[] = {
    "vacatur", _("through a pathway of kind vacatur"),
    "general_only", _("only through relief also open to a child not recorded as trafficked"),
    NULL
  };

  if (probe == PROBE_ADJUDICATION)
    measure = measure_new (stats, HARBOR_STATS_JUVENILE_ADJUDICATION,
                           _("A sex-trafficked child can clear a juvenile delinquency adjudication"),
                           _("Vacatur, expungement or sealing for a juvenile-court delinquency "
                             "adjudication for prostitution at 15, caused by sex trafficking, with "
                             "official documentation, closed over four years ago."));
  else
    measure = measure_new (stats, HARBOR_STATS_CRIMINAL_CONVICTION,
                           _("A sex-trafficked child can clear a criminal conviction"),
                           _("Vacatur, expungement or sealing for an adult-court misdemeanor "
                             "prostitution conviction for an offense at 17, caused by sex "
                             "trafficking, with official documentation, sentence completed over "
                             "two years ago."));
  add_yes_groups (measure, yes_parts);

  for (guint s = 0; s < rules->sets->len; s++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, s);
      Tally tally, vacatur, untrafficked;

      if (g_str_equal (set->jurisdiction, "US"))
        continue;
      tally_init (&tally, set->jurisdiction);
      tally_init (&vacatur, set->jurisdiction);
      tally_init (&untrafficked, set->jurisdiction);
      tally_probe (&tally, set, relief_kinds, probe, TRUE, "prostitution", as_of);
      tally_probe (&vacatur, set, vacatur_kinds, probe, TRUE, "prostitution", as_of);
      tally_probe (&untrafficked, set, relief_kinds, probe, FALSE, "prostitution", as_of);
      put_by_answer (measure, &tally, set, relief_kinds);
      if (vacatur.answer == ANSWER_YES)
        measure_put (measure, "vacatur", vacatur.entry);
      if (tally.answer == ANSWER_YES && untrafficked.answer == ANSWER_YES &&
          subset_of_pathways (tally.entry, untrafficked.entry))
        measure_put (measure, "general_only", tally.entry);
      tally_clear (&tally);
      tally_clear (&vacatur);
      tally_clear (&untrafficked);
    }

  measure_add_note (measure, _("A waiting period still running counts as yes (not_yet): the relief "
                               "exists. Only the jurisdiction’s own law is counted."));
}

static void
compute_scope (HarborRulesStats  *stats,
               const HarborRules *rules,
               const GDate       *as_of)
{
  HarborStatsMeasure *measure =
    measure_new (stats, HARBOR_STATS_OFFENSE_SCOPE,
                 _("Record relief covers offenses beyond prostitution, or prostitution only"),
                 _("The adjudication and conviction probes of counts 1 and 2, once with the "
                   "prostitution offense and once with a non-violent misdemeanor theft caused by "
                   "the trafficking."));

  measure_add_group (measure, "beyond_prostitution",
                     _("Beyond prostitution (the theft probe can be cleared too)"), NULL);
  measure_add_group (measure, "prostitution_only",
                     _("Prostitution but not theft (prostitution-related offenses, or a list without theft)"), NULL);
  measure_add_group (measure, "needs_review", _("Needs legal review"), NULL);
  measure_add_group (measure, "no_relief", _("No relief for either probe"), NULL);

  for (guint s = 0; s < rules->sets->len; s++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, s);
      Tally prostitution, theft;

      if (g_str_equal (set->jurisdiction, "US"))
        continue;
      tally_init (&prostitution, set->jurisdiction);
      tally_init (&theft, set->jurisdiction);
      tally_probe (&prostitution, set, relief_kinds, PROBE_ADJUDICATION, TRUE, "prostitution", as_of);
      tally_probe (&prostitution, set, relief_kinds, PROBE_CONVICTION, TRUE, "prostitution", as_of);
      tally_probe (&theft, set, relief_kinds, PROBE_ADJUDICATION, TRUE, "theft", as_of);
      tally_probe (&theft, set, relief_kinds, PROBE_CONVICTION, TRUE, "theft", as_of);

      if (theft.answer == ANSWER_YES)
        measure_put (measure, "beyond_prostitution", theft.entry);
      else if (theft.answer == ANSWER_NEEDS_REVIEW)
        measure_put (measure, "needs_review", theft.entry);
      else if (prostitution.answer == ANSWER_YES)
        measure_put (measure, "prostitution_only", prostitution.entry);
      else if (prostitution.answer == ANSWER_NEEDS_REVIEW)
        measure_put (measure, "needs_review", prostitution.entry);
      else
        measure_put (measure, "no_relief", prostitution.entry);

      tally_clear (&prostitution);
      tally_clear (&theft);
    }

  measure_add_note (measure, _("Theft stands in for “any offense”: a law limited to, say, "
                               "non-violent offenses also counts as beyond prostitution."));
}

static void
compute_safe_harbor (HarborRulesStats  *stats,
                     const HarborRules *rules,
                     const GDate       *as_of)
{
  HarborStatsMeasure *measure =
    measure_new (stats, HARBOR_STATS_SAFE_HARBOR,
                 _("Safe Harbor: minors are not criminalized for prostitution"),
                 _("A pending juvenile prostitution charge of a 17-year-old sex-trafficking "
                   "victim (offense caused by the trafficking), against the safe_harbor "
                   "pathways; then against the diversion pathways; and the same charge of a "
                   "minor recorded as not trafficked."));

  measure_add_group (measure, "safe_harbor", _("Safe Harbor pathway available"), NULL);
  measure_add_group (measure, "full",
                     _("full (also for a minor not recorded as trafficked; not described as "
                       "partial or diversion-only)"), "safe_harbor");
  measure_add_group (measure, "requires_finding",
                     _("only for a minor recorded as trafficked (or with the nexus)"), "safe_harbor");
  measure_add_group (measure, "described_partial",
                     _("described by the data as partial or diversion-only"), "safe_harbor");
  measure_add_group (measure, "needs_review", _("Needs legal review"), NULL);
  measure_add_group (measure, "diversion_only", _("Diversion pathway only"), NULL);
  measure_add_group (measure, "none", _("None"), NULL);
  measure_add_group (measure, "no_pathway",
                     _("with no safe_harbor or diversion pathway in the data"), "none");

  for (guint s = 0; s < rules->sets->len; s++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, s);
      Tally safe_harbor, diversion, no_finding;

      if (g_str_equal (set->jurisdiction, "US"))
        continue;
      tally_init (&safe_harbor, set->jurisdiction);
      tally_init (&diversion, set->jurisdiction);
      tally_init (&no_finding, set->jurisdiction);
      tally_probe (&safe_harbor, set, safe_harbor_kinds, PROBE_MINOR_CHARGE, TRUE, "prostitution", as_of);
      tally_probe (&diversion, set, diversion_kinds, PROBE_MINOR_CHARGE, TRUE, "prostitution", as_of);
      tally_probe (&no_finding, set, safe_harbor_kinds, PROBE_MINOR_CHARGE, FALSE, "prostitution",
                   as_of);

      if (safe_harbor.answer == ANSWER_YES)
        {
          /* Full: one pathway protects both the identified victim and a
           * minor with no trafficking finding, and its authors do not call
           * it partial or diversion only. */
          const char *part = "described_partial";

          for (guint i = 0; i < safe_harbor.entry->pathways->len; i++)
            {
              const char *id = safe_harbor.entry->pathways->pdata[i];
              const HarborPathway *pathway = harbor_rules_find_pathway (rules, id);

              if (pathway == NULL || described_as_partial (pathway))
                continue;
              if (no_finding.answer == ANSWER_YES &&
                  g_ptr_array_find_with_equal_func (no_finding.entry->pathways, id, str_equal, NULL))
                part = "full";
              else if (!g_str_equal (part, "full"))
                part = "requires_finding";
            }
          measure_put (measure, "safe_harbor", safe_harbor.entry);
          measure_put (measure, part, safe_harbor.entry);
        }
      else if (safe_harbor.answer == ANSWER_NEEDS_REVIEW)
        measure_put (measure, "needs_review", safe_harbor.entry);
      else if (diversion.answer == ANSWER_YES)
        measure_put (measure, "diversion_only", diversion.entry);
      else if (diversion.answer == ANSWER_NEEDS_REVIEW)
        measure_put (measure, "needs_review", diversion.entry);
      else
        {
          measure_put (measure, "none", safe_harbor.entry);
          if (!set_has_kind (set, safe_harbor_kinds) && !set_has_kind (set, diversion_kinds))
            measure_put (measure, "no_pathway", safe_harbor.entry);
        }

      tally_clear (&safe_harbor);
      tally_clear (&diversion);
      tally_clear (&no_finding);
    }

  measure_add_note (measure, _("The rule format has no member that says whether a safe_harbor "
                               "pathway is full non-criminalization or diversion: the pathway kind "
                               "is the authors’ choice and several safe_harbor pathways describe "
                               "themselves as diversion only or partial. “Described as partial "
                               "or diversion-only” reads those words in the pathway’s title or "
                               "effect: it is the data authors’ description, not a checked "
                               "fact. A state with no pathway may have law the research did not "
                               "find (see each file’s notes)."));
}

static void
compute_defense (HarborRulesStats  *stats,
                 const HarborRules *rules,
                 const GDate       *as_of)
{
  HarborStatsMeasure *measure =
    measure_new (stats, HARBOR_STATS_AFFIRMATIVE_DEFENSE,
                 _("Affirmative defense for trafficking victims"),
                 _("A pending charge caused by sex trafficking, committed during it, with "
                   "official documentation: of a 17-year-old and of a 24-year-old, for "
                   "prostitution and for a non-violent misdemeanor theft; yes if any of the "
                   "four can raise an affirmative_defense pathway."));

  const char *yes_parts[] = {
    "prostitution", _("covers the prostitution charge"),
    "beyond_prostitution", _("covers the theft charge"),
    NULL
  };

  add_yes_groups (measure, yes_parts);

  for (guint s = 0; s < rules->sets->len; s++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, s);
      Tally any, prostitution, theft;

      if (g_str_equal (set->jurisdiction, "US"))
        continue;
      tally_init (&any, set->jurisdiction);
      tally_init (&prostitution, set->jurisdiction);
      tally_init (&theft, set->jurisdiction);
      for (guint i = 0; i < 2; i++)
        {
          Probe probe = i == 0 ? PROBE_MINOR_CHARGE : PROBE_ADULT_CHARGE;

          tally_probe (&any, set, defense_kinds, probe, TRUE, "prostitution", as_of);
          tally_probe (&any, set, defense_kinds, probe, TRUE, "theft", as_of);
          tally_probe (&prostitution, set, defense_kinds, probe, TRUE, "prostitution", as_of);
          tally_probe (&theft, set, defense_kinds, probe, TRUE, "theft", as_of);
        }

      put_by_answer (measure, &any, set, defense_kinds);
      if (prostitution.answer == ANSWER_YES)
        measure_put (measure, "prostitution", prostitution.entry);
      if (theft.answer == ANSWER_YES)
        measure_put (measure, "beyond_prostitution", theft.entry);

      tally_clear (&any);
      tally_clear (&prostitution);
      tally_clear (&theft);
    }

  measure_add_note (measure, _("Defenses written only for other charges (for example a trafficking "
                               "charge against a victim) are not reached by these probes and "
                               "count as no unless another defense applies."));
}

HarborRulesStats *
harbor_rules_stats_compute (const HarborRules *rules,
                            const GDate       *as_of)
{
  HarborRulesStats *stats;

  g_return_val_if_fail (rules != NULL, NULL);

  stats = g_new0 (HarborRulesStats, 1);
  if (as_of != NULL && g_date_valid (as_of))
    stats->as_of = *as_of;
  else
    {
      g_date_clear (&stats->as_of, 1);
      g_date_set_time_t (&stats->as_of, time (NULL));
    }
  stats->jurisdictions = g_ptr_array_new_with_free_func (g_free);
  stats->without_pathways = g_ptr_array_new_with_free_func (g_free);
  stats->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) measure_free);

  for (guint s = 0; s < rules->sets->len; s++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, s);

      if (g_str_equal (set->jurisdiction, "US"))
        continue;
      g_ptr_array_add (stats->jurisdictions, g_strdup (set->jurisdiction));
      if (set->pathways->len == 0)
        g_ptr_array_add (stats->without_pathways, g_strdup (set->jurisdiction));
    }

  compute_relief (stats, rules, &stats->as_of, PROBE_ADJUDICATION);
  compute_relief (stats, rules, &stats->as_of, PROBE_CONVICTION);
  compute_scope (stats, rules, &stats->as_of);
  compute_safe_harbor (stats, rules, &stats->as_of);
  compute_defense (stats, rules, &stats->as_of);
  return stats;
}

const HarborStatsMeasure *
harbor_rules_stats_find_measure (const HarborRulesStats *stats,
                                 const char             *measure_id)
{
  g_return_val_if_fail (stats != NULL, NULL);

  for (guint i = 0; i < stats->measures->len; i++)
    {
      const HarborStatsMeasure *measure = g_ptr_array_index (stats->measures, i);

      if (g_strcmp0 (measure->id, measure_id) == 0)
        return measure;
    }
  return NULL;
}

const HarborStatsGroup *
harbor_rules_stats_find_group (const HarborRulesStats *stats,
                               const char             *measure_id,
                               const char             *group_id)
{
  const HarborStatsMeasure *measure = harbor_rules_stats_find_measure (stats, measure_id);

  if (measure == NULL)
    return NULL;
  for (guint i = 0; i < measure->groups->len; i++)
    {
      const HarborStatsGroup *group = g_ptr_array_index (measure->groups, i);

      if (g_strcmp0 (group->id, group_id) == 0)
        return group;
    }
  return NULL;
}

gboolean
harbor_stats_group_contains (const HarborStatsGroup *group,
                             const char             *jurisdiction)
{
  if (group == NULL)
    return FALSE;
  for (guint i = 0; i < group->entries->len; i++)
    {
      const HarborStatsEntry *entry = g_ptr_array_index (group->entries, i);

      if (g_strcmp0 (entry->jurisdiction, jurisdiction) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- Output -------------------------------------------------------------- */

static void
add_string_array (JsonBuilder *builder,
                  const char  *name,
                  GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

static void
add_entry (JsonBuilder            *builder,
           const HarborStatsEntry *entry)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "jurisdiction");
  json_builder_add_string_value (builder, entry->jurisdiction);
  add_string_array (builder, "pathways", entry->pathways);
  add_string_array (builder, "missing_facts", entry->missing_facts);
  json_builder_set_member_name (builder, "needs_review");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->needs_review->len; i++)
    {
      const HarborReviewPoint *point = g_ptr_array_index (entry->needs_review, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, point->question);
      json_builder_set_member_name (builder, "citation");
      if (point->citation != NULL)
        json_builder_add_string_value (builder, point->citation);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static const char *
method_text (void)
{
  return _("Each count evaluates made-up probe cases for every state and D.C. rule file through "
           "the statute engine: yes when a pathway of the right kind is available or not yet "
           "due, needs legal review when the best answer is needs_info, no otherwise. The "
           "federal file is not counted. Legal information, not legal advice; see "
           "data/rules/STATS.md.");
}

JsonNode *
harbor_rules_stats_to_json_node (const HarborRulesStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as_of = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  as_of = harbor_date_to_string (&stats->as_of);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, HARBOR_STATS_FORMAT);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, as_of);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method_text ());
  add_string_array (builder, "jurisdictions", stats->jurisdictions);
  add_string_array (builder, "without_pathways", stats->without_pathways);

  json_builder_set_member_name (builder, "measures");
  json_builder_begin_array (builder);
  for (guint m = 0; m < stats->measures->len; m++)
    {
      const HarborStatsMeasure *measure = g_ptr_array_index (stats->measures, m);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, measure->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, measure->title);
      json_builder_set_member_name (builder, "probe");
      json_builder_add_string_value (builder, measure->probe);
      add_string_array (builder, "notes", measure->notes);
      json_builder_set_member_name (builder, "groups");
      json_builder_begin_array (builder);
      for (guint g = 0; g < measure->groups->len; g++)
        {
          const HarborStatsGroup *group = g_ptr_array_index (measure->groups, g);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, group->id);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, group->label);
          json_builder_set_member_name (builder, "subset_of");
          if (group->subset_of != NULL)
            json_builder_add_string_value (builder, group->subset_of);
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, group->entries->len);
          json_builder_set_member_name (builder, "jurisdictions");
          json_builder_begin_array (builder);
          for (guint e = 0; e < group->entries->len; e++)
            add_entry (builder, g_ptr_array_index (group->entries, e));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
harbor_rules_stats_to_json (const HarborRulesStats *stats)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = harbor_rules_stats_to_json_node (stats);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* "US-OH" is printed "OH" in the lists; anything else as it is. */
static const char *
short_code (const char *jurisdiction)
{
  return g_str_has_prefix (jurisdiction, "US-") ? jurisdiction + 3 : jurisdiction;
}

/* Appends @text wrapped at 78 columns: the first line indented by
 * @indent, the others by @hang. */
static void
append_wrapped (GString    *out,
                const char *indent,
                const char *hang,
                const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  gsize column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize len = g_utf8_strlen (words[i], -1);

      if (column == 0)
        {
          g_string_append (out, indent);
          column = strlen (indent);
        }
      else if (column + 1 + len > 78)
        {
          g_string_append_printf (out, "\n%s", hang);
          column = strlen (hang);
        }
      else
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += len;
    }
  g_string_append_c (out, '\n');
}

static void
append_group (GString                *out,
              const HarborStatsGroup *group)
{
  g_autoptr(GString) codes = g_string_new (NULL);
  const char *indent = group->subset_of != NULL ? "         " : "     ";

  g_autofree char *heading = NULL;

  if (group->subset_of != NULL)
    {
      heading = g_strdup_printf ("%s %s: %u", _("of which"), group->label, group->entries->len);
      append_wrapped (out, "     ", "       ", heading);
    }
  else
    {
      heading = g_strdup_printf ("%s: %u", group->label, group->entries->len);
      append_wrapped (out, "   ", "     ", heading);
    }
  if (group->entries->len == 0)
    return;
  for (guint i = 0; i < group->entries->len; i++)
    {
      const HarborStatsEntry *entry = g_ptr_array_index (group->entries, i);

      if (i > 0)
        g_string_append_c (codes, ' ');
      g_string_append (codes, short_code (entry->jurisdiction));
    }
  append_wrapped (out, indent, indent, codes->str);
}

static void
append_review_details (GString                  *out,
                       const HarborStatsMeasure *measure)
{
  gboolean heading = FALSE;

  for (guint g = 0; g < measure->groups->len; g++)
    {
      const HarborStatsGroup *group = g_ptr_array_index (measure->groups, g);

      if (!g_str_equal (group->id, "needs_review"))
        continue;
      for (guint i = 0; i < group->entries->len; i++)
        {
          const HarborStatsEntry *entry = g_ptr_array_index (group->entries, i);
          g_autoptr(GString) line = g_string_new (NULL);

          if (!heading)
            {
              g_string_append_printf (out, "   %s\n", _("Why legal review is needed:"));
              heading = TRUE;
            }
          g_string_append_printf (line, "%s:", short_code (entry->jurisdiction));
          for (guint j = 0; j < entry->pathways->len; j++)
            g_string_append_printf (line, "%s %s", j > 0 ? "," : "",
                                    (const char *) entry->pathways->pdata[j]);
          g_string_append (line, " —");
          if (entry->needs_review->len > 0)
            {
              g_string_append_c (line, ' ');
              g_string_append_printf (line, ngettext ("%u legal question open",
                                                      "%u legal questions open",
                                                      entry->needs_review->len),
                                      entry->needs_review->len);
            }
          if (entry->missing_facts->len > 0)
            {
              if (entry->needs_review->len > 0)
                g_string_append_c (line, ';');
              g_string_append_printf (line, " %s", _("facts the probe does not give:"));
              for (guint j = 0; j < entry->missing_facts->len; j++)
                g_string_append_printf (line, "%s %s", j > 0 ? "," : "",
                                        (const char *) entry->missing_facts->pdata[j]);
            }
          append_wrapped (out, "     ", "         ", line->str);
        }
    }
}

char *
harbor_rules_stats_to_text (const HarborRulesStats *stats)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *as_of = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  as_of = harbor_date_to_string (&stats->as_of);
  heading = g_strdup_printf (ngettext ("Harbor national counts from the rule data, as of %s, over %u "
                                       "jurisdiction (state and D.C. rule files).",
                                       "Harbor national counts from the rule data, as of %s, over %u "
                                       "jurisdictions (state and D.C. rule files).",
                                       stats->jurisdictions->len),
                             as_of, stats->jurisdictions->len);
  append_wrapped (out, "", "", heading);
  append_wrapped (out, "", "", method_text ());
  if (stats->without_pathways->len > 0)
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < stats->without_pathways->len; i++)
        g_string_append_printf (codes, " %s", short_code (stats->without_pathways->pdata[i]));
      g_string_prepend (codes, _("Rule files with no pathways (they count as no):"));
      append_wrapped (out, "", "", codes->str);
    }

  for (guint m = 0; m < stats->measures->len; m++)
    {
      const HarborStatsMeasure *measure = g_ptr_array_index (stats->measures, m);

      g_string_append_printf (out, "\n%u. %s\n", m + 1, measure->title);
      append_wrapped (out, "   ", "   ", measure->probe);
      for (guint g = 0; g < measure->groups->len; g++)
        append_group (out, g_ptr_array_index (measure->groups, g));
      append_review_details (out, measure);
      for (guint i = 0; i < measure->notes->len; i++)
        {
          g_autofree char *note = g_strdup_printf ("%s %s", _("Note:"),
                                                   (const char *) measure->notes->pdata[i]);
          append_wrapped (out, "   ", "   ", note);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
