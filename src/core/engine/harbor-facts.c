/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-facts.c: the fact vocabulary of the statute engine
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harbor-facts.h"

static const char * const federal_tiers[] = { "A", "B", "X", NULL };

/* The table is indexed by HarborFactId. */
static const HarborFactInfo facts[HARBOR_N_FACTS] = {
#define F(id, name, type, vocab, derived) [id] = { id, name, type, vocab, derived }
  F (HARBOR_FACT_CASE_AS_OF, "case.as_of", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_CLIENT_BIRTH_DATE, "client.birth_date", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_CLIENT_TRAFFICKING_TYPES, "client.trafficking.types", HARBOR_FACT_TYPE_SET, NULL, FALSE),
  F (HARBOR_FACT_CLIENT_TRAFFICKING_BEGAN_ON, "client.trafficking.began_on", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_CLIENT_TRAFFICKING_ENDED_ON, "client.trafficking.ended_on", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_CLIENT_TRAFFICKING_DOCUMENTATION, "client.trafficking.documentation", HARBOR_FACT_TYPE_SET, NULL, FALSE),
  F (HARBOR_FACT_RECORD_JURISDICTION, "record.jurisdiction", HARBOR_FACT_TYPE_STRING, NULL, FALSE),
  F (HARBOR_FACT_RECORD_COURT, "record.court", HARBOR_FACT_TYPE_ENUM, NULL, FALSE),
  F (HARBOR_FACT_RECORD_DISPOSITION, "record.disposition", HARBOR_FACT_TYPE_ENUM, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_STATUTE, "record.offense.statute", HARBOR_FACT_TYPE_STRING, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_CATEGORIES, "record.offense.categories", HARBOR_FACT_TYPE_SET, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_CLASS, "record.offense.class", HARBOR_FACT_TYPE_ENUM, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_DEGREE, "record.offense.degree", HARBOR_FACT_TYPE_STRING, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_VIOLENT, "record.offense.violent", HARBOR_FACT_TYPE_BOOLEAN, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_CHILD_VICTIM, "record.offense.child_victim", HARBOR_FACT_TYPE_BOOLEAN, NULL, FALSE),
  F (HARBOR_FACT_RECORD_OFFENSE_DATE, "record.offense_date", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_RECORD_DISPOSITION_DATE, "record.disposition_date", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_RECORD_SENTENCE_COMPLETED_ON, "record.sentence_completed_on", HARBOR_FACT_TYPE_DATE, NULL, FALSE),
  F (HARBOR_FACT_RECORD_SENTENCED_TO_IMPRISONMENT, "record.sentenced_to_imprisonment", HARBOR_FACT_TYPE_BOOLEAN, NULL, FALSE),
  F (HARBOR_FACT_RECORD_IMPRISONED, "record.imprisoned", HARBOR_FACT_TYPE_BOOLEAN, NULL, FALSE),
  F (HARBOR_FACT_RECORD_RESULT_OF_TRAFFICKING, "record.result_of_trafficking", HARBOR_FACT_TYPE_BOOLEAN, NULL, FALSE),
  F (HARBOR_FACT_CLIENT_AGE, "client.age", HARBOR_FACT_TYPE_NUMBER, NULL, TRUE),
  F (HARBOR_FACT_CLIENT_MINOR, "client.minor", HARBOR_FACT_TYPE_BOOLEAN, NULL, TRUE),
  F (HARBOR_FACT_CLIENT_TRAFFICKING_VICTIM, "client.trafficking_victim", HARBOR_FACT_TYPE_BOOLEAN, NULL, TRUE),
  F (HARBOR_FACT_CLIENT_OFFICIAL_DOCUMENTATION, "client.official_documentation", HARBOR_FACT_TYPE_BOOLEAN, NULL, TRUE),
  F (HARBOR_FACT_RECORD_AGE_AT_OFFENSE, "record.age_at_offense", HARBOR_FACT_TYPE_NUMBER, NULL, TRUE),
  F (HARBOR_FACT_RECORD_AGE_AT_DISPOSITION, "record.age_at_disposition", HARBOR_FACT_TYPE_NUMBER, NULL, TRUE),
  F (HARBOR_FACT_RECORD_MINOR_AT_OFFENSE, "record.minor_at_offense", HARBOR_FACT_TYPE_BOOLEAN, NULL, TRUE),
  F (HARBOR_FACT_RECORD_YEARS_SINCE_DISPOSITION, "record.years_since_disposition", HARBOR_FACT_TYPE_NUMBER, NULL, TRUE),
  F (HARBOR_FACT_RECORD_YEARS_SINCE_SENTENCE_COMPLETION, "record.years_since_sentence_completion", HARBOR_FACT_TYPE_NUMBER, NULL, TRUE),
  F (HARBOR_FACT_RECORD_OFFENSE_DURING_TRAFFICKING, "record.offense_during_trafficking", HARBOR_FACT_TYPE_BOOLEAN, NULL, TRUE),
  F (HARBOR_FACT_RECORD_FEDERAL_TIER, "record.federal_tier", HARBOR_FACT_TYPE_ENUM, federal_tiers, TRUE),
#undef F
};

/* Vocabularies come from harbor-case.c and are not compile-time constants,
 * so they are filled in on first use. */
static HarborFactInfo fact_table[HARBOR_N_FACTS];

static const HarborFactInfo *
table (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      memcpy (fact_table, facts, sizeof facts);
      fact_table[HARBOR_FACT_CLIENT_TRAFFICKING_TYPES].vocabulary = harbor_trafficking_types ();
      fact_table[HARBOR_FACT_CLIENT_TRAFFICKING_DOCUMENTATION].vocabulary = harbor_documentation_kinds ();
      fact_table[HARBOR_FACT_RECORD_COURT].vocabulary = harbor_court_names ();
      fact_table[HARBOR_FACT_RECORD_DISPOSITION].vocabulary = harbor_disposition_names ();
      fact_table[HARBOR_FACT_RECORD_OFFENSE_CATEGORIES].vocabulary = harbor_offense_categories ();
      fact_table[HARBOR_FACT_RECORD_OFFENSE_CLASS].vocabulary = harbor_offense_class_names ();
      g_once_init_leave (&initialized, 1);
    }

  return fact_table;
}

const HarborFactInfo *
harbor_fact_lookup (const char *name)
{
  const HarborFactInfo *t = table ();

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < HARBOR_N_FACTS; i++)
    if (strcmp (t[i].name, name) == 0)
      return &t[i];

  return NULL;
}

const HarborFactInfo *
harbor_fact_get_info (HarborFactId id)
{
  g_return_val_if_fail (id < HARBOR_N_FACTS, NULL);

  return &table ()[id];
}

const char *
harbor_fact_type_to_string (HarborFactType type)
{
  switch (type)
    {
    case HARBOR_FACT_TYPE_BOOLEAN: return "boolean";
    case HARBOR_FACT_TYPE_NUMBER:  return "number";
    case HARBOR_FACT_TYPE_DATE:    return "date";
    case HARBOR_FACT_TYPE_STRING:  return "string";
    case HARBOR_FACT_TYPE_ENUM:    return "enum";
    case HARBOR_FACT_TYPE_SET:     return "set";
    default:                       return "?";
    }
}

const char * const *
harbor_federal_tiers (void)
{
  return federal_tiers;
}

/* ---- Dates -------------------------------------------------------------- */

int
harbor_full_years_between (const GDate *from,
                           const GDate *to)
{
  int years;
  guint from_month, from_day, to_month, to_day;

  g_return_val_if_fail (g_date_valid (from) && g_date_valid (to), 0);

  if (g_date_compare (to, from) < 0)
    return -harbor_full_years_between (to, from);

  years = (int) g_date_get_year (to) - (int) g_date_get_year (from);
  from_month = g_date_get_month (from);
  from_day = g_date_get_day (from);
  to_month = g_date_get_month (to);
  to_day = g_date_get_day (to);

  /* The anniversary has not come yet this year. For a 29 February start
   * in a common year, (2, 28) < (2, 29): the anniversary is 1 March. */
  if (to_month < from_month || (to_month == from_month && to_day < from_day))
    years--;

  return years;
}

gboolean
harbor_date_shift (const GDate *date,
                   int          years,
                   int          months,
                   int          days,
                   gboolean     before,
                   GDate       *out)
{
  int sign = before ? -1 : 1;
  gint64 total_months;
  gint64 year;
  guint month, day;

  g_return_val_if_fail (g_date_valid (date), FALSE);
  g_return_val_if_fail (years >= 0 && months >= 0 && days >= 0, FALSE);

  total_months = (gint64) g_date_get_year (date) * 12 + (g_date_get_month (date) - 1) +
                 sign * ((gint64) years * 12 + months);
  year = total_months / 12;
  month = (guint) (total_months % 12) + 1;
  day = g_date_get_day (date);

  if (year < 1 || year > 9000)
    return FALSE;

  g_date_clear (out, 1);
  if (day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    {
      /* 29 February, or the 31st, in a month that lacks it: the first day
       * of the next month. */
      day = 1;
      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  if (days > 0)
    {
      guint32 julian = g_date_get_julian (out);

      if (before)
        {
          if ((guint32) days >= julian)
            return FALSE;
          g_date_subtract_days (out, days);
        }
      else
        {
          if (julian + (guint64) days > 3300000)
            return FALSE;
          g_date_add_days (out, days);
        }
    }

  return TRUE;
}

const char *
harbor_federal_tier (HarborTri violent,
                     HarborTri child_victim)
{
  if (violent == HARBOR_TRI_FALSE)
    return "A";
  if (violent == HARBOR_TRI_TRUE && child_victim == HARBOR_TRI_FALSE)
    return "B";
  if (violent == HARBOR_TRI_TRUE && child_victim == HARBOR_TRI_TRUE)
    return "X";
  return NULL;
}

/* ---- Values ------------------------------------------------------------- */

static void
add_missing (const HarborFactContext *ctx,
             GPtrArray               *missing,
             const char              *name)
{
  if (missing == NULL)
    return;

  if (g_str_has_prefix (name, "record.") && !ctx->is_self)
    g_ptr_array_add (missing, g_strdup_printf ("records[%u].%s", ctx->record_index,
                                               name + strlen ("record.")));
  else
    g_ptr_array_add (missing, g_strdup (name));
}

static gboolean
date_value (const HarborFactContext *ctx,
            const GDate             *date,
            const char              *name,
            HarborValue             *out,
            GPtrArray               *missing)
{
  if (!g_date_valid (date))
    {
      add_missing (ctx, missing, name);
      return FALSE;
    }
  out->v.julian = g_date_get_julian (date);
  return TRUE;
}

static gboolean
tri_value (const HarborFactContext *ctx,
           HarborTri                tri,
           const char              *name,
           HarborValue             *out,
           GPtrArray               *missing)
{
  if (tri == HARBOR_TRI_UNKNOWN)
    {
      add_missing (ctx, missing, name);
      return FALSE;
    }
  out->v.boolean = tri == HARBOR_TRI_TRUE;
  return TRUE;
}

static gboolean
string_value (const HarborFactContext *ctx,
              const char              *str,
              const char              *name,
              HarborValue             *out,
              GPtrArray               *missing)
{
  if (str == NULL)
    {
      add_missing (ctx, missing, name);
      return FALSE;
    }
  out->v.string = str;
  return TRUE;
}

static gboolean
set_value (const HarborFactContext *ctx,
           const GStrv              set,
           const char              *name,
           HarborValue             *out,
           GPtrArray               *missing)
{
  if (set == NULL)
    {
      add_missing (ctx, missing, name);
      return FALSE;
    }
  out->v.set = (const char * const *) set;
  return TRUE;
}

/* Full years between two possibly unknown dates; reports each unknown. */
static gboolean
years_value (const HarborFactContext *ctx,
             const GDate             *from,
             const char              *from_name,
             const GDate             *to,
             const char              *to_name,
             HarborValue             *out,
             GPtrArray               *missing)
{
  gboolean known = TRUE;

  if (!g_date_valid (from))
    {
      add_missing (ctx, missing, from_name);
      known = FALSE;
    }
  if (!g_date_valid (to))
    {
      add_missing (ctx, missing, to_name);
      known = FALSE;
    }
  if (!known)
    return FALSE;

  out->v.number = harbor_full_years_between (from, to);
  return TRUE;
}

static gboolean
record_fact (const HarborFactContext *ctx,
             HarborFactId             id,
             HarborValue             *out,
             GPtrArray               *missing)
{
  const HarborRecord *r = ctx->record;
  const HarborClient *client = &ctx->kase->client;
  const char *name = table ()[id].name;

  switch (id)
    {
    case HARBOR_FACT_RECORD_JURISDICTION:
      return string_value (ctx, r->jurisdiction, name, out, missing);
    case HARBOR_FACT_RECORD_COURT:
      return string_value (ctx, harbor_court_to_string (r->court), name, out, missing);
    case HARBOR_FACT_RECORD_DISPOSITION:
      return string_value (ctx, harbor_disposition_to_string (r->disposition), name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_STATUTE:
      return string_value (ctx, r->offense.statute, name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_CATEGORIES:
      return set_value (ctx, r->offense.categories, name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_CLASS:
      return string_value (ctx, harbor_offense_class_to_string (r->offense.klass), name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_DEGREE:
      return string_value (ctx, r->offense.degree, name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_VIOLENT:
      return tri_value (ctx, r->offense.violent, name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_CHILD_VICTIM:
      return tri_value (ctx, r->offense.child_victim, name, out, missing);
    case HARBOR_FACT_RECORD_OFFENSE_DATE:
      return date_value (ctx, &r->offense_date, name, out, missing);
    case HARBOR_FACT_RECORD_DISPOSITION_DATE:
      return date_value (ctx, &r->disposition_date, name, out, missing);
    case HARBOR_FACT_RECORD_SENTENCE_COMPLETED_ON:
      return date_value (ctx, &r->sentence_completed_on, name, out, missing);
    case HARBOR_FACT_RECORD_SENTENCED_TO_IMPRISONMENT:
      return tri_value (ctx, r->sentenced_to_imprisonment, name, out, missing);
    case HARBOR_FACT_RECORD_IMPRISONED:
      return tri_value (ctx, r->imprisoned, name, out, missing);
    case HARBOR_FACT_RECORD_RESULT_OF_TRAFFICKING:
      return tri_value (ctx, r->result_of_trafficking, name, out, missing);

    case HARBOR_FACT_RECORD_AGE_AT_OFFENSE:
      return years_value (ctx, &client->birth_date, "client.birth_date",
                          &r->offense_date, "record.offense_date", out, missing);
    case HARBOR_FACT_RECORD_AGE_AT_DISPOSITION:
      return years_value (ctx, &client->birth_date, "client.birth_date",
                          &r->disposition_date, "record.disposition_date", out, missing);
    case HARBOR_FACT_RECORD_MINOR_AT_OFFENSE:
      {
        HarborValue age = { HARBOR_FACT_TYPE_NUMBER, FALSE, { 0 } };

        if (!years_value (ctx, &client->birth_date, "client.birth_date",
                          &r->offense_date, "record.offense_date", &age, missing))
          return FALSE;
        out->v.boolean = age.v.number < 18;
        return TRUE;
      }
    case HARBOR_FACT_RECORD_YEARS_SINCE_DISPOSITION:
      return years_value (ctx, &r->disposition_date, "record.disposition_date",
                          &ctx->as_of, "case.as_of", out, missing);
    case HARBOR_FACT_RECORD_YEARS_SINCE_SENTENCE_COMPLETION:
      return years_value (ctx, &r->sentence_completed_on, "record.sentence_completed_on",
                          &ctx->as_of, "case.as_of", out, missing);

    case HARBOR_FACT_RECORD_OFFENSE_DURING_TRAFFICKING:
      {
        const GDate *offense = &r->offense_date;
        const GDate *began = &client->trafficking.began_on;
        const GDate *ended = &client->trafficking.ended_on;

        /* Decided as soon as the known dates decide it (Kleene). */
        if (g_date_valid (offense) && g_date_valid (began) && g_date_compare (offense, began) < 0)
          {
            out->v.boolean = FALSE;
            return TRUE;
          }
        if (g_date_valid (offense) && g_date_valid (ended) && g_date_compare (offense, ended) > 0)
          {
            out->v.boolean = FALSE;
            return TRUE;
          }
        if (g_date_valid (offense) && g_date_valid (began) && g_date_valid (ended))
          {
            out->v.boolean = TRUE;
            return TRUE;
          }
        if (!g_date_valid (offense))
          add_missing (ctx, missing, "record.offense_date");
        if (!g_date_valid (began))
          add_missing (ctx, missing, "client.trafficking.began_on");
        if (!g_date_valid (ended))
          add_missing (ctx, missing, "client.trafficking.ended_on");
        return FALSE;
      }

    case HARBOR_FACT_RECORD_FEDERAL_TIER:
      {
        const char *tier = harbor_federal_tier (r->offense.violent, r->offense.child_victim);

        if (tier == NULL)
          {
            static const char * const a_or_b[] = { "A", "B", NULL };
            static const char * const a_or_x[] = { "A", "X", NULL };
            static const char * const b_or_x[] = { "B", "X", NULL };

            if (r->offense.violent == HARBOR_TRI_TRUE)
              out->possible = b_or_x;
            else if (r->offense.child_victim == HARBOR_TRI_FALSE)
              out->possible = a_or_b;
            else if (r->offense.child_victim == HARBOR_TRI_TRUE)
              out->possible = a_or_x;

            /* Never guessed from the offense name: ask. */
            if (r->offense.violent == HARBOR_TRI_UNKNOWN)
              add_missing (ctx, missing, "record.offense.violent");
            if (r->offense.child_victim == HARBOR_TRI_UNKNOWN)
              add_missing (ctx, missing, "record.offense.child_victim");
            return FALSE;
          }
        out->v.string = tier;
        return TRUE;
      }

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
harbor_fact_get_value (const HarborFactContext *ctx,
                       HarborFactId             id,
                       HarborValue             *out,
                       GPtrArray               *missing)
{
  const HarborClient *client;

  g_return_val_if_fail (ctx != NULL && ctx->kase != NULL, FALSE);
  g_return_val_if_fail (id < HARBOR_N_FACTS, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  client = &ctx->kase->client;
  out->type = table ()[id].type;
  out->known = FALSE;
  out->possible = NULL;

  switch (id)
    {
    case HARBOR_FACT_CASE_AS_OF:
      out->known = date_value (ctx, &ctx->as_of, "case.as_of", out, missing);
      return out->known;
    case HARBOR_FACT_CLIENT_BIRTH_DATE:
      out->known = date_value (ctx, &client->birth_date, "client.birth_date", out, missing);
      return out->known;
    case HARBOR_FACT_CLIENT_TRAFFICKING_TYPES:
      out->known = set_value (ctx, client->trafficking.types, "client.trafficking.types", out, missing);
      return out->known;
    case HARBOR_FACT_CLIENT_TRAFFICKING_BEGAN_ON:
      out->known = date_value (ctx, &client->trafficking.began_on, "client.trafficking.began_on", out, missing);
      return out->known;
    case HARBOR_FACT_CLIENT_TRAFFICKING_ENDED_ON:
      out->known = date_value (ctx, &client->trafficking.ended_on, "client.trafficking.ended_on", out, missing);
      return out->known;
    case HARBOR_FACT_CLIENT_TRAFFICKING_DOCUMENTATION:
      out->known = set_value (ctx, client->trafficking.documentation,
                              "client.trafficking.documentation", out, missing);
      return out->known;
    case HARBOR_FACT_CLIENT_AGE:
    case HARBOR_FACT_CLIENT_MINOR:
      {
        HarborValue age = { HARBOR_FACT_TYPE_NUMBER, FALSE, { 0 } };

        if (!years_value (ctx, &client->birth_date, "client.birth_date",
                          &ctx->as_of, "case.as_of", &age, missing))
          return FALSE;
        if (id == HARBOR_FACT_CLIENT_AGE)
          out->v.number = age.v.number;
        else
          out->v.boolean = age.v.number < 18;
        out->known = TRUE;
        return TRUE;
      }
    case HARBOR_FACT_CLIENT_TRAFFICKING_VICTIM:
      if (client->trafficking.types == NULL)
        {
          add_missing (ctx, missing, "client.trafficking.types");
          return FALSE;
        }
      out->v.boolean = client->trafficking.types[0] != NULL;
      out->known = TRUE;
      return TRUE;
    case HARBOR_FACT_CLIENT_OFFICIAL_DOCUMENTATION:
      if (client->trafficking.documentation == NULL)
        {
          add_missing (ctx, missing, "client.trafficking.documentation");
          return FALSE;
        }
      out->v.boolean = FALSE;
      for (guint i = 0; client->trafficking.documentation[i] != NULL; i++)
        if (strcmp (client->trafficking.documentation[i], "service_provider_affidavit") != 0)
          out->v.boolean = TRUE;
      out->known = TRUE;
      return TRUE;
    default:
      break;
    }

  /* Record facts need a record. */
  if (ctx->record == NULL)
    {
      add_missing (ctx, missing, table ()[id].name);
      return FALSE;
    }

  out->known = record_fact (ctx, id, out, missing);
  return out->known;
}

/* ---- Questions ---------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *question;
} Question;

static const Question questions[] = {
  { "case.as_of", N_("On what date should the answer be given?") },
  { "client.birth_date", N_("What is the client’s date of birth?") },
  { "client.trafficking.types", N_("Was the client trafficked for sex, for labor, or both? (Leave it for later if the client is not ready to talk about it.)") },
  { "client.trafficking.began_on", N_("About when did the trafficking begin?") },
  { "client.trafficking.ended_on", N_("About when did the trafficking end (or is it still going on)?") },
  { "client.trafficking.documentation", N_("Is there any documentation of the trafficking: a T visa, Continued Presence, a certification or law-enforcement letter, a court finding, or a service provider’s affidavit?") },
  { "record.jurisdiction", N_("Which state’s court, or a federal court, handled this case?") },
  { "record.court", N_("Was the case in adult court or juvenile court?") },
  { "record.disposition", N_("How did the case end: arrest only, still pending, dismissed, acquitted, diverted, convicted, or adjudicated delinquent?") },
  { "record.offense.statute", N_("Which statute was the charge under? (It is on the charging papers or the disposition.)") },
  { "record.offense.categories", N_("What kind of offense was it (for example prostitution, theft, drug possession)?") },
  { "record.offense.class", N_("Was the offense a felony, a misdemeanor, a petty offense or a status offense?") },
  { "record.offense.degree", N_("What degree or level was the offense (for example M3 or F4)?") },
  { "record.offense.violent", N_("Was the offense a crime of violence, one that involves using, attempting or threatening force against a person or property? An attorney should answer this one.") },
  { "record.offense.child_victim", N_("Was anyone under 18 a victim of the offense?") },
  { "record.offense_date", N_("About when did the offense happen?") },
  { "record.disposition_date", N_("On what date did the case end (the disposition)?") },
  { "record.sentence_completed_on", N_("When did the client finish the sentence (including probation or parole), if they have?") },
  { "record.sentenced_to_imprisonment", N_("Was the client sentenced to time in prison or jail for this offense?") },
  { "record.imprisoned", N_("Has the client been in prison or jail under that sentence (now or before)?") },
  { "record.result_of_trafficking", N_("Did this arrest or offense happen because of, or as part of, the trafficking?") },
};

const char *
harbor_fact_question (const char *path)
{
  g_autofree char *normal = NULL;

  if (path == NULL)
    return NULL;

  /* records[N].x asks the same as record.x */
  if (g_str_has_prefix (path, "records["))
    {
      const char *dot = strchr (path, ']');

      if (dot == NULL || dot[1] != '.')
        return NULL;
      normal = g_strconcat ("record", dot + 1, NULL);
      path = normal;
    }

  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    if (strcmp (questions[i].path, path) == 0)
      return _(questions[i].question);

  return NULL;
}
