/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-rules.c: rule files (harbor-rules/1): model, loader, validator
 *
 * Copyright 2026 The Harbor authors
 *
 * The validator never stops at the first problem: every reader below
 * reports what is wrong with its member and returns a "not usable" value,
 * and the caller carries on with the next member, so `harbor-cli rules
 * check` can list everything at once. A set with any problem is dropped.
 */

#define G_LOG_DOMAIN "harbor-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harbor-rules.h"

G_DEFINE_QUARK (harbor-rules-error-quark, harbor_rules_error)

static const char * const kinds[] = {
  "vacatur", "expungement", "sealing", "sentence_reduction", "safe_harbor",
  "affirmative_defense", "diversion", NULL
};
static const char * const confidences[] = { "high", "medium", "low", NULL };
static const char * const evidence_roles[] = {
  "required", "presumption", "sufficient", "supporting", NULL
};
static const char * const burden_standards[] = {
  "preponderance", "clear_and_convincing", "beyond_reasonable_doubt", "unspecified", "unknown", NULL
};
static const char * const burden_parties[] = { "petitioner", "state", "unspecified", "unknown", NULL };
static const char * const common_step_ids[] = {
  "certified_disposition", "criminal_history", "refer_counsel", "file", "serve_prosecutor",
  "hearing", "order", "notify_repositories", "confirm_corrected", NULL
};
/* Indexed by HarborAnchor. */
static const char * const anchor_names[] = {
  "offense", "disposition", "sentence_completed", "birth", "trafficking_began",
  "trafficking_ended", "date", "earliest_filing", "filing", "hearing", "order", NULL
};
static const char * const period_anchor_names[] = {
  "offense", "disposition", "sentence_completed", "birth", "trafficking_began",
  "trafficking_ended", NULL
};
static const char * const step_anchor_names[] = {
  "offense", "disposition", "sentence_completed", "birth", "trafficking_began",
  "trafficking_ended", "earliest_filing", "filing", "hearing", "order", NULL
};

const char *
harbor_anchor_to_string (HarborAnchor anchor)
{
  g_return_val_if_fail (anchor <= HARBOR_ANCHOR_ORDER, NULL);
  return anchor_names[anchor];
}

const char *
harbor_anchor_fact (HarborAnchor anchor)
{
  switch (anchor)
    {
    case HARBOR_ANCHOR_OFFENSE:            return "record.offense_date";
    case HARBOR_ANCHOR_DISPOSITION:        return "record.disposition_date";
    case HARBOR_ANCHOR_SENTENCE_COMPLETED: return "record.sentence_completed_on";
    case HARBOR_ANCHOR_BIRTH:              return "client.birth_date";
    case HARBOR_ANCHOR_TRAFFICKING_BEGAN:  return "client.trafficking.began_on";
    case HARBOR_ANCHOR_TRAFFICKING_ENDED:  return "client.trafficking.ended_on";
    case HARBOR_ANCHOR_FIXED_DATE:
    case HARBOR_ANCHOR_EARLIEST_FILING:
    case HARBOR_ANCHOR_FILING:
    case HARBOR_ANCHOR_HEARING:
    case HARBOR_ANCHOR_ORDER:
    default:
      return NULL;
    }
}

/* ---- Freeing ------------------------------------------------------------ */

static void
source_free (HarborSource *source)
{
  if (source == NULL)
    return;
  g_free (source->id);
  g_free (source->url);
  g_free (source->description);
  g_free (source);
}

static HarborSource *
source_copy (const HarborSource *source)
{
  HarborSource *copy = g_new0 (HarborSource, 1);

  copy->id = g_strdup (source->id);
  copy->url = g_strdup (source->url);
  copy->description = g_strdup (source->description);
  return copy;
}

static void
clause_free (HarborClause *clause)
{
  if (clause == NULL)
    return;
  g_free (clause->id);
  g_free (clause->text);
  g_free (clause->citation);
  harbor_expr_free (clause->test);
  g_free (clause);
}

static void
period_free (HarborPeriod *period)
{
  if (period == NULL)
    return;
  g_free (period->text);
  g_free (period->citation);
  harbor_expr_free (period->when);
  g_free (period);
}

static void
evidence_free (HarborEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->text);
  g_free (evidence->role);
  g_strfreev (evidence->documentation);
  g_free (evidence->citation);
  g_free (evidence);
}

static void
step_free (HarborStep *step)
{
  if (step == NULL)
    return;
  g_free (step->text);
  g_free (step->citation);
  period_free (step->due);
  g_free (step);
}

static void
pathway_free (HarborPathway *pathway)
{
  if (pathway == NULL)
    return;
  g_free (pathway->id);
  g_free (pathway->kind);
  g_free (pathway->title);
  g_free (pathway->citation);
  g_free (pathway->applies_text);
  g_strfreev (pathway->jurisdictions);
  harbor_expr_free (pathway->applies_records);
  g_clear_pointer (&pathway->conditions, g_ptr_array_unref);
  g_clear_pointer (&pathway->exclusions, g_ptr_array_unref);
  g_free (pathway->timing.text);
  g_clear_pointer (&pathway->timing.waiting_periods, g_ptr_array_unref);
  g_clear_pointer (&pathway->timing.deadlines, g_ptr_array_unref);
  g_clear_pointer (&pathway->evidence, g_ptr_array_unref);
  g_clear_pointer (&pathway->procedure, g_ptr_array_unref);
  g_strfreev (pathway->omit_common_steps);
  g_free (pathway->effect);
  g_free (pathway->burden_standard);
  g_free (pathway->burden_on);
  g_free (pathway->burden_text);
  g_free (pathway->confidence);
  g_clear_pointer (&pathway->sources, g_ptr_array_unref);
  g_strfreev (pathway->notes);
  g_strfreev (pathway->open_questions);
  g_free (pathway);
}

static void
rule_set_free (HarborRuleSet *set)
{
  if (set == NULL)
    return;
  g_free (set->filename);
  g_free (set->jurisdiction);
  g_free (set->name);
  g_free (set->confidence);
  g_clear_pointer (&set->sources, g_ptr_array_unref);
  g_strfreev (set->notes);
  g_strfreev (set->open_questions);
  g_clear_pointer (&set->pathways, g_ptr_array_unref);
  g_free (set);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborRuleSet, rule_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborPathway, pathway_free)

HarborRules *
harbor_rules_new (void)
{
  HarborRules *rules = g_new0 (HarborRules, 1);

  rules->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_set_free);
  return rules;
}

void
harbor_rules_free (HarborRules *rules)
{
  if (rules == NULL)
    return;
  g_ptr_array_unref (rules->sets);
  g_free (rules);
}

/* ---- Readers ------------------------------------------------------------ */

typedef HarborJsonProblems V;

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static void
check_members (V                  *v,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    if (!harbor_name_in_vocabulary (allowed, l->data))
      {
        g_autofree char *child = harbor_json_path_member (path, l->data);
        g_autofree char *expected = harbor_json_join_names (allowed);
        harbor_json_problems_add (v, child, _("unknown member “%s”; expected one of %s"),
                                  (const char *) l->data, expected);
      }
}

static void
missing_member (V          *v,
                const char *path,
                const char *name)
{
  harbor_json_problems_add (v, path, _("missing required member “%s”"), name);
}

static char *
read_string (V          *v,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = harbor_json_path_member (path, name);
  const char *str;

  if (node == NULL)
    {
      if (required)
        missing_member (v, path, name);
      return NULL;
    }

  if (!is_string (node))
    {
      harbor_json_problems_add (v, child, _("wrong type: expected a string; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  str = json_node_get_string (node);
  if (!g_utf8_validate (str, -1, NULL))
    {
      harbor_json_problems_add (v, child, _("the string is not valid UTF-8"));
      return NULL;
    }
  {
    g_autofree char *stripped = g_strstrip (g_strdup (str));
    if (stripped[0] == '\0')
      {
        harbor_json_problems_add (v, child, _("must not be empty"));
        return NULL;
      }
  }

  return g_strdup (str);
}

static char *
read_enum (V                  *v,
           JsonObject         *object,
           const char         *path,
           const char         *name,
           const char * const *vocabulary,
           gboolean            required)
{
  g_autofree char *str = read_string (v, object, path, name, required);

  if (str != NULL && !harbor_name_in_vocabulary (vocabulary, str))
    {
      g_autofree char *child = harbor_json_path_member (path, name);
      g_autofree char *expected = harbor_json_join_names (vocabulary);
      harbor_json_problems_add (v, child, _("expected one of %s; got “%s”"), expected, str);
      return NULL;
    }

  return g_steal_pointer (&str);
}

static gboolean
read_date (V          *v,
           JsonObject *object,
           const char *path,
           const char *name,
           gboolean    not_in_future,
           GDate      *out)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = harbor_json_path_member (path, name);

  g_date_clear (out, 1);

  if (node == NULL)
    {
      missing_member (v, path, name);
      return FALSE;
    }

  if (!is_string (node) || !harbor_date_parse (json_node_get_string (node), out))
    {
      harbor_json_problems_add (v, child, _("expected a real calendar date (YYYY-MM-DD); got %s%s%s"),
                                is_string (node) ? "“" : "",
                                is_string (node) ? json_node_get_string (node)
                                                 : harbor_json_describe_node (node),
                                is_string (node) ? "”" : "");
      return FALSE;
    }

  if (not_in_future)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      /* One day of grace for time zones. */
      g_date_add_days (&today, 1);
      if (g_date_compare (out, &today) > 0)
        {
          harbor_json_problems_add (v, child, _("a review date cannot be in the future; got “%s”"),
                                    json_node_get_string (node));
          g_date_clear (out, 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* An optional array of strings (each non-empty, in @vocabulary if given). */
static GStrv
read_strv (V                  *v,
           JsonObject         *object,
           const char         *path,
           const char         *name,
           const char * const *vocabulary,
           gboolean            required,
           gboolean            non_empty)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = harbor_json_path_member (path, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean ok = TRUE;
  JsonArray *array;

  if (node == NULL)
    {
      if (required)
        missing_member (v, path, name);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      harbor_json_problems_add (v, child, _("wrong type: expected an array of strings; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  array = json_node_get_array (node);
  if (non_empty && json_array_get_length (array) == 0)
    {
      harbor_json_problems_add (v, child, _("must not be empty"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = harbor_json_path_index (child, i);
      const char *str;

      if (!is_string (element) || json_node_get_string (element)[0] == '\0')
        {
          harbor_json_problems_add (v, element_path,
                                    _("wrong type: expected a non-empty string; got %s"),
                                    harbor_json_describe_node (element));
          ok = FALSE;
          continue;
        }
      str = json_node_get_string (element);
      if (!g_utf8_validate (str, -1, NULL))
        {
          harbor_json_problems_add (v, element_path, _("the string is not valid UTF-8"));
          ok = FALSE;
          continue;
        }
      if (vocabulary != NULL && !harbor_name_in_vocabulary (vocabulary, str))
        {
          g_autofree char *expected = harbor_json_join_names (vocabulary);
          harbor_json_problems_add (v, element_path, _("expected one of %s; got “%s”"), expected, str);
          ok = FALSE;
          continue;
        }
      g_strv_builder_add (builder, str);
    }

  return ok ? g_strv_builder_end (builder) : NULL;
}

static JsonObject *
read_object (V          *v,
             JsonObject *object,
             const char *path,
             const char *name,
             gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      if (required)
        missing_member (v, path, name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *child = harbor_json_path_member (path, name);
      harbor_json_problems_add (v, child, _("wrong type: expected an object; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
read_array (V          *v,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required,
            gboolean    non_empty)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = harbor_json_path_member (path, name);

  if (node == NULL)
    {
      if (required)
        missing_member (v, path, name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      harbor_json_problems_add (v, child, _("wrong type: expected an array; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }
  if (non_empty && json_array_get_length (json_node_get_array (node)) == 0)
    {
      harbor_json_problems_add (v, child, _("must not be empty"));
      return NULL;
    }
  return json_node_get_array (node);
}

static HarborExpr *
read_condition (V          *v,
                JsonObject *object,
                const char *path,
                const char *name,
                gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = harbor_json_path_member (path, name);

  if (node == NULL)
    {
      if (required)
        missing_member (v, path, name);
      return NULL;
    }
  return harbor_expr_compile (node, child, v);
}

static gboolean
is_slug (const char *str,
         gboolean    allow_underscore)
{
  if (str == NULL || str[0] == '\0')
    return FALSE;
  for (const char *p = str; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' ||
          (allow_underscore && *p == '_')))
      return FALSE;
  return TRUE;
}

static gboolean
is_jurisdiction_code (const char *code)
{
  if (g_strcmp0 (code, "US") == 0)
    return TRUE;
  return code != NULL && strlen (code) == 5 && g_str_has_prefix (code, "US-") &&
         g_ascii_isupper (code[3]) && g_ascii_isupper (code[4]);
}

/* ---- Sections ----------------------------------------------------------- */

static HarborSource *
read_source (V          *v,
             JsonNode   *node,
             const char *path)
{
  static const char * const members[] = { "id", "url", "description", NULL };
  HarborSource *source;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      harbor_json_problems_add (v, path, _("wrong type: expected a source object {url, description}; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  object = json_node_get_object (node);
  check_members (v, object, path, members);

  source = g_new0 (HarborSource, 1);
  source->id = read_string (v, object, path, "id", FALSE);
  source->url = read_string (v, object, path, "url", TRUE);
  source->description = read_string (v, object, path, "description", TRUE);

  if (source->id != NULL && !is_slug (source->id, FALSE))
    {
      g_autofree char *child = harbor_json_path_member (path, "id");
      harbor_json_problems_add (v, child, _("a source id uses lowercase letters, digits and “-”; got “%s”"),
                                source->id);
    }

  if (source->url != NULL &&
      !g_str_has_prefix (source->url, "https://") && !g_str_has_prefix (source->url, "http://"))
    {
      g_autofree char *child = harbor_json_path_member (path, "url");
      harbor_json_problems_add (v, child, _("expected an http:// or https:// address; got “%s”"),
                                source->url);
    }

  if (source->url == NULL || source->description == NULL)
    g_clear_pointer (&source, source_free);

  return source;
}

/* File-level sources (objects only) when @file_sources is NULL; pathway
 * sources (objects or ids of file-level sources) otherwise. */
static GPtrArray *
read_sources (V          *v,
              JsonObject *object,
              const char *path,
              GPtrArray  *file_sources)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  g_autofree char *child = harbor_json_path_member (path, "sources");
  JsonArray *array;
  gboolean ok = TRUE;

  if (json_object_get_member (object, "sources") == NULL)
    {
      harbor_json_problems_add (v, path, _("missing sources: every rule needs at least one source"));
      return NULL;
    }

  array = read_array (v, object, path, "sources", TRUE, TRUE);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = harbor_json_path_index (child, i);
      HarborSource *source = NULL;

      if (file_sources != NULL && is_string (element))
        {
          const char *id = json_node_get_string (element);

          for (guint j = 0; j < file_sources->len; j++)
            {
              HarborSource *candidate = g_ptr_array_index (file_sources, j);

              /* The first match (a repeated id is reported elsewhere). */
              if (g_strcmp0 (candidate->id, id) == 0)
                {
                  source = source_copy (candidate);
                  break;
                }
            }
          if (source == NULL)
            harbor_json_problems_add (v, element_path,
                                      _("unknown source id “%s”; define it in the file’s sources"),
                                      id);
        }
      else
        source = read_source (v, element, element_path);

      if (source == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (sources, source);
    }

  return ok ? g_steal_pointer (&sources) : NULL;
}

static GPtrArray *
read_clauses (V          *v,
              JsonObject *object,
              const char *path,
              const char *name,
              gboolean    required)
{
  static const char * const members[] = { "id", "text", "citation", "test", NULL };
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) clause_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *child = harbor_json_path_member (path, name);
  JsonArray *array = read_array (v, object, path, name, required, FALSE);
  gboolean ok = TRUE;

  if (array == NULL)
    return json_object_get_member (object, name) == NULL && !required
           ? g_steal_pointer (&clauses) : NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = harbor_json_path_index (child, i);
      HarborClause *clause;
      JsonObject *clause_object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          harbor_json_problems_add (v, element_path,
                                    _("wrong type: expected a clause {id, text, test}; got %s"),
                                    harbor_json_describe_node (element));
          ok = FALSE;
          continue;
        }

      clause_object = json_node_get_object (element);
      check_members (v, clause_object, element_path, members);

      clause = g_new0 (HarborClause, 1);
      clause->id = read_string (v, clause_object, element_path, "id", TRUE);
      clause->text = read_string (v, clause_object, element_path, "text", TRUE);
      clause->citation = read_string (v, clause_object, element_path, "citation", FALSE);
      clause->test = read_condition (v, clause_object, element_path, "test", TRUE);

      if (clause->id != NULL && !is_slug (clause->id, TRUE))
        {
          g_autofree char *id_path = harbor_json_path_member (element_path, "id");
          harbor_json_problems_add (v, id_path,
                                    _("a clause id uses lowercase letters, digits, “-” and “_”; got “%s”"),
                                    clause->id);
          ok = FALSE;
        }
      else if (clause->id != NULL)
        {
          if (g_hash_table_contains (ids, clause->id))
            {
              g_autofree char *id_path = harbor_json_path_member (element_path, "id");
              harbor_json_problems_add (v, id_path, _("duplicate clause id “%s”"), clause->id);
              ok = FALSE;
            }
          g_hash_table_add (ids, clause->id);
        }

      if (clause->id == NULL || clause->text == NULL || clause->test == NULL)
        ok = FALSE;

      g_ptr_array_add (clauses, clause);
    }

  return ok ? g_steal_pointer (&clauses) : NULL;
}

static gboolean
read_offset (V          *v,
             JsonObject *object,
             const char *path,
             const char *name,
             int        *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > 1000)
    {
      g_autofree char *child = harbor_json_path_member (path, name);
      harbor_json_problems_add (v, child, _("wrong type: expected a whole number from 0 to 1000; got %s"),
                                harbor_json_describe_node (node));
      return FALSE;
    }
  *out = (int) json_node_get_int (node);
  return TRUE;
}

/* A waiting period or deadline (is_step FALSE), or a step's due date. */
static HarborPeriod *
read_period (V          *v,
             JsonNode   *node,
             const char *path,
             gboolean    is_step)
{
  static const char * const period_members[] = {
    "from", "years", "months", "days", "text", "citation", "when", NULL
  };
  static const char * const due_members[] = { "from", "years", "months", "days", NULL };
  const char * const *anchors = is_step ? step_anchor_names : period_anchor_names;
  g_autofree char *from_path = harbor_json_path_member (path, "from");
  JsonObject *object;
  JsonNode *from;
  HarborPeriod *period;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      harbor_json_problems_add (v, path, _("wrong type: expected an object {from, years, …}; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  object = json_node_get_object (node);
  check_members (v, object, path, is_step ? due_members : period_members);

  period = g_new0 (HarborPeriod, 1);
  g_date_clear (&period->fixed, 1);

  from = json_object_get_member (object, "from");
  if (from == NULL)
    {
      missing_member (v, path, "from");
      ok = FALSE;
    }
  else if (is_string (from) && harbor_name_in_vocabulary (anchors, json_node_get_string (from)))
    {
      for (guint i = 0; anchor_names[i] != NULL; i++)
        if (strcmp (anchor_names[i], json_node_get_string (from)) == 0)
          period->from = (HarborAnchor) i;
    }
  else if (!is_step && JSON_NODE_HOLDS_OBJECT (from))
    {
      static const char * const date_members[] = { "date", NULL };
      check_members (v, json_node_get_object (from), from_path, date_members);
      period->from = HARBOR_ANCHOR_FIXED_DATE;
      ok &= read_date (v, json_node_get_object (from), from_path, "date", FALSE, &period->fixed);
    }
  else
    {
      g_autofree char *expected = harbor_json_join_names (anchors);
      harbor_json_problems_add (v, from_path, _("expected a named date (%s)%s; got %s%s%s"),
                                expected, is_step ? "" : _(" or {\"date\": \"YYYY-MM-DD\"}"),
                                is_string (from) ? "“" : "",
                                is_string (from) ? json_node_get_string (from)
                                                 : harbor_json_describe_node (from),
                                is_string (from) ? "”" : "");
      ok = FALSE;
    }

  ok &= read_offset (v, object, path, "years", &period->years);
  ok &= read_offset (v, object, path, "months", &period->months);
  ok &= read_offset (v, object, path, "days", &period->days);

  if (!is_step)
    {
      period->text = read_string (v, object, path, "text", TRUE);
      period->citation = read_string (v, object, path, "citation", FALSE);
      if (period->text == NULL)
        ok = FALSE;
      if (json_object_has_member (object, "when"))
        {
          period->when = read_condition (v, object, path, "when", FALSE);
          if (period->when == NULL)
            ok = FALSE;
        }
    }

  if (!ok)
    g_clear_pointer (&period, period_free);
  return period;
}

static GPtrArray *
read_periods (V          *v,
              JsonObject *object,
              const char *path,
              const char *name)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) period_free);
  g_autofree char *child = harbor_json_path_member (path, name);
  JsonArray *array;
  gboolean ok = TRUE;

  if (json_object_get_member (object, name) == NULL)
    return g_steal_pointer (&periods);

  array = read_array (v, object, path, name, FALSE, FALSE);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = harbor_json_path_index (child, i);
      HarborPeriod *period = read_period (v, json_array_get_element (array, i), element_path, FALSE);

      if (period == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (periods, period);
    }

  return ok ? g_steal_pointer (&periods) : NULL;
}

static GPtrArray *
read_evidence (V          *v,
               JsonObject *object,
               const char *path)
{
  static const char * const members[] = { "text", "role", "documentation", "citation", NULL };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
  g_autofree char *child = harbor_json_path_member (path, "evidence");
  JsonArray *array;
  gboolean ok = TRUE;

  if (json_object_get_member (object, "evidence") == NULL)
    return g_steal_pointer (&items);

  array = read_array (v, object, path, "evidence", FALSE, FALSE);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = harbor_json_path_index (child, i);
      HarborEvidence *evidence;
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          harbor_json_problems_add (v, element_path, _("wrong type: expected an object {text, role}; got %s"),
                                    harbor_json_describe_node (element));
          ok = FALSE;
          continue;
        }
      item = json_node_get_object (element);
      check_members (v, item, element_path, members);

      evidence = g_new0 (HarborEvidence, 1);
      evidence->text = read_string (v, item, element_path, "text", TRUE);
      evidence->role = read_enum (v, item, element_path, "role", evidence_roles, TRUE);
      evidence->documentation = read_strv (v, item, element_path, "documentation",
                                           harbor_documentation_kinds (), FALSE, TRUE);
      evidence->citation = read_string (v, item, element_path, "citation", FALSE);
      if (evidence->text == NULL || evidence->role == NULL ||
          (json_object_has_member (item, "documentation") && evidence->documentation == NULL))
        ok = FALSE;
      g_ptr_array_add (items, evidence);
    }

  return ok ? g_steal_pointer (&items) : NULL;
}

static GPtrArray *
read_procedure (V          *v,
                JsonObject *object,
                const char *path)
{
  static const char * const members[] = { "text", "citation", "due", NULL };
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  g_autofree char *child = harbor_json_path_member (path, "procedure");
  JsonArray *array;
  gboolean ok = TRUE;

  if (json_object_get_member (object, "procedure") == NULL)
    return g_steal_pointer (&steps);

  array = read_array (v, object, path, "procedure", FALSE, FALSE);
  if (array == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = harbor_json_path_index (child, i);
      HarborStep *step;
      JsonObject *item;
      JsonNode *due;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          harbor_json_problems_add (v, element_path, _("wrong type: expected a step {text}; got %s"),
                                    harbor_json_describe_node (element));
          ok = FALSE;
          continue;
        }
      item = json_node_get_object (element);
      check_members (v, item, element_path, members);

      step = g_new0 (HarborStep, 1);
      step->text = read_string (v, item, element_path, "text", TRUE);
      step->citation = read_string (v, item, element_path, "citation", FALSE);
      due = json_object_get_member (item, "due");
      if (due != NULL)
        {
          g_autofree char *due_path = harbor_json_path_member (element_path, "due");
          step->due = read_period (v, due, due_path, TRUE);
          if (step->due == NULL)
            ok = FALSE;
        }
      if (step->text == NULL)
        ok = FALSE;
      g_ptr_array_add (steps, step);
    }

  return ok ? g_steal_pointer (&steps) : NULL;
}

static HarborPathway *
read_pathway (V             *v,
              JsonNode      *node,
              const char    *path,
              HarborRuleSet *set)
{
  static const char * const members[] = {
    "id", "kind", "title", "citation", "applies_to", "conditions", "exclusions", "timing",
    "evidence", "procedure", "omit_common_steps", "effect", "burden", "confidence",
    "reviewed", "sources", "notes", "open_questions", NULL
  };
  static const char * const applies_members[] = { "text", "jurisdictions", "records", NULL };
  static const char * const timing_members[] = { "text", "waiting_periods", "deadlines", NULL };
  static const char * const burden_members[] = { "standard", "on", "text", NULL };
  g_autoptr(HarborPathway) pathway = NULL;
  guint problems_before = v->messages->len;
  JsonObject *object;
  JsonObject *applies;
  JsonObject *timing;
  JsonObject *burden;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      harbor_json_problems_add (v, path, _("wrong type: expected a pathway object; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  object = json_node_get_object (node);
  check_members (v, object, path, members);

  pathway = g_new0 (HarborPathway, 1);
  pathway->set = set;
  g_date_clear (&pathway->reviewed, 1);

  pathway->id = read_string (v, object, path, "id", TRUE);
  if (pathway->id != NULL && set->jurisdiction != NULL)
    {
      g_autofree char *prefix = g_strconcat (set->jurisdiction, "-", NULL);
      g_autofree char *lower = g_ascii_strdown (prefix, -1);

      if (!g_str_has_prefix (pathway->id, lower) || !is_slug (pathway->id, FALSE) ||
          strlen (pathway->id) == strlen (lower))
        {
          g_autofree char *child = harbor_json_path_member (path, "id");
          harbor_json_problems_add (v, child,
                                    _("a pathway id is “%s” followed by lowercase letters, digits and “-”; got “%s”"),
                                    lower, pathway->id);
        }
    }

  pathway->kind = read_enum (v, object, path, "kind", kinds, TRUE);
  pathway->title = read_string (v, object, path, "title", TRUE);
  if (json_object_get_member (object, "citation") == NULL)
    harbor_json_problems_add (v, path, _("missing citation: every pathway names its statute"));
  else
    pathway->citation = read_string (v, object, path, "citation", TRUE);

  applies = read_object (v, object, path, "applies_to", TRUE);
  if (applies != NULL)
    {
      g_autofree char *applies_path = harbor_json_path_member (path, "applies_to");

      check_members (v, applies, applies_path, applies_members);
      pathway->applies_text = read_string (v, applies, applies_path, "text", TRUE);
      if (json_object_has_member (applies, "jurisdictions"))
        {
          pathway->jurisdictions = read_strv (v, applies, applies_path, "jurisdictions", NULL,
                                              FALSE, TRUE);
          for (guint i = 0; pathway->jurisdictions != NULL && pathway->jurisdictions[i]; i++)
            if (!is_jurisdiction_code (pathway->jurisdictions[i]))
              {
                g_autofree char *list = harbor_json_path_member (applies_path, "jurisdictions");
                g_autofree char *element = harbor_json_path_index (list, i);
                harbor_json_problems_add (v, element,
                                          _("expected “US” or an ISO 3166-2 code such as “US-OH”; got “%s”"),
                                          pathway->jurisdictions[i]);
              }
        }
      else if (set->jurisdiction != NULL)
        {
          const char *own[] = { set->jurisdiction, NULL };
          pathway->jurisdictions = g_strdupv ((char **) own);
        }
      pathway->applies_records = read_condition (v, applies, applies_path, "records", FALSE);
    }

  pathway->conditions = read_clauses (v, object, path, "conditions", TRUE);
  pathway->exclusions = read_clauses (v, object, path, "exclusions", FALSE);

  timing = read_object (v, object, path, "timing", TRUE);
  if (timing != NULL)
    {
      g_autofree char *timing_path = harbor_json_path_member (path, "timing");

      check_members (v, timing, timing_path, timing_members);
      pathway->timing.text = read_string (v, timing, timing_path, "text", TRUE);
      pathway->timing.waiting_periods = read_periods (v, timing, timing_path, "waiting_periods");
      pathway->timing.deadlines = read_periods (v, timing, timing_path, "deadlines");
    }

  pathway->evidence = read_evidence (v, object, path);
  pathway->procedure = read_procedure (v, object, path);
  if (json_object_has_member (object, "omit_common_steps"))
    pathway->omit_common_steps = read_strv (v, object, path, "omit_common_steps", common_step_ids,
                                            FALSE, FALSE);
  pathway->effect = read_string (v, object, path, "effect", TRUE);

  burden = read_object (v, object, path, "burden", TRUE);
  if (burden != NULL)
    {
      g_autofree char *burden_path = harbor_json_path_member (path, "burden");

      check_members (v, burden, burden_path, burden_members);
      pathway->burden_standard = read_enum (v, burden, burden_path, "standard", burden_standards, TRUE);
      pathway->burden_on = read_enum (v, burden, burden_path, "on", burden_parties, TRUE);
      pathway->burden_text = read_string (v, burden, burden_path, "text", FALSE);
    }

  pathway->confidence = read_enum (v, object, path, "confidence", confidences, TRUE);
  read_date (v, object, path, "reviewed", TRUE, &pathway->reviewed);
  pathway->sources = read_sources (v, object, path, set->sources);
  pathway->notes = read_strv (v, object, path, "notes", NULL, FALSE, FALSE);
  pathway->open_questions = read_strv (v, object, path, "open_questions", NULL, FALSE, FALSE);

  if (v->messages->len != problems_before)
    return NULL;

  /* Optional arrays that were absent. */
  if (pathway->exclusions == NULL)
    pathway->exclusions = g_ptr_array_new_with_free_func ((GDestroyNotify) clause_free);

  return g_steal_pointer (&pathway);
}

static HarborRuleSet *
read_rule_set (V          *v,
               JsonNode   *root,
               const char *filename)
{
  static const char * const members[] = {
    "format", "jurisdiction", "name", "reviewed", "confidence", "sources", "notes",
    "open_questions", "pathways", NULL
  };
  g_autoptr(HarborRuleSet) set = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint problems_before = v->messages->len;
  JsonObject *object;
  JsonNode *format;
  JsonArray *pathways;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      harbor_json_problems_add (v, "", _("wrong type: expected a harbor-rules/1 object; got %s"),
                                harbor_json_describe_node (root));
      return NULL;
    }

  object = json_node_get_object (root);

  format = json_object_get_member (object, "format");
  if (!is_string (format) || strcmp (json_node_get_string (format), HARBOR_RULES_FORMAT) != 0)
    {
      harbor_json_problems_add (v, format != NULL ? "format" : "",
                                _("format: expected “%s”"), HARBOR_RULES_FORMAT);
      return NULL;
    }

  check_members (v, object, "", members);

  set = g_new0 (HarborRuleSet, 1);
  set->filename = g_path_get_basename (filename);
  g_date_clear (&set->reviewed, 1);
  set->pathways = g_ptr_array_new_with_free_func ((GDestroyNotify) pathway_free);

  set->jurisdiction = read_string (v, object, "", "jurisdiction", TRUE);
  if (set->jurisdiction != NULL)
    {
      if (!is_jurisdiction_code (set->jurisdiction))
        {
          harbor_json_problems_add (v, "jurisdiction",
                                    _("expected “US” or an ISO 3166-2 code such as “US-OH”; got “%s”"),
                                    set->jurisdiction);
          g_clear_pointer (&set->jurisdiction, g_free);
        }
      else if (g_str_has_suffix (set->filename, ".json"))
        {
          g_autofree char *expected = g_strconcat (set->jurisdiction, ".json", NULL);

          if (strcmp (expected, set->filename) != 0)
            harbor_json_problems_add (v, "jurisdiction",
                                      _("the file for jurisdiction “%s” must be named “%s”"),
                                      set->jurisdiction, expected);
        }
    }

  set->name = read_string (v, object, "", "name", TRUE);
  read_date (v, object, "", "reviewed", TRUE, &set->reviewed);
  set->confidence = read_enum (v, object, "", "confidence", confidences, TRUE);
  set->sources = read_sources (v, object, "", NULL);
  set->notes = read_strv (v, object, "", "notes", NULL, FALSE, FALSE);
  set->open_questions = read_strv (v, object, "", "open_questions", NULL, FALSE, FALSE);

  /* Source ids must be unique for references to be meaningful. */
  if (set->sources != NULL)
    {
      g_autoptr(GHashTable) source_ids = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < set->sources->len; i++)
        {
          HarborSource *source = g_ptr_array_index (set->sources, i);

          if (source->id == NULL)
            continue;
          if (g_hash_table_contains (source_ids, source->id))
            {
              g_autofree char *element = g_strdup_printf ("sources[%u].id", i);
              harbor_json_problems_add (v, element, _("duplicate source id “%s”"), source->id);
            }
          g_hash_table_add (source_ids, source->id);
        }
    }

  pathways = read_array (v, object, "", "pathways", TRUE, FALSE);
  if (pathways != NULL && json_array_get_length (pathways) == 0 && set->notes == NULL)
    harbor_json_problems_add (v, "pathways",
                              _("a file without pathways must say why in “notes”"));

  for (guint i = 0; pathways != NULL && i < json_array_get_length (pathways); i++)
    {
      g_autofree char *path = harbor_json_path_index ("pathways", i);
      HarborPathway *pathway = read_pathway (v, json_array_get_element (pathways, i), path, set);

      if (pathway == NULL)
        continue;

      if (g_hash_table_contains (ids, pathway->id))
        {
          g_autofree char *id_path = harbor_json_path_member (path, "id");
          harbor_json_problems_add (v, id_path, _("duplicate pathway id “%s” (also %s)"),
                                    pathway->id, (const char *) g_hash_table_lookup (ids, pathway->id));
          pathway_free (pathway);
          continue;
        }
      g_hash_table_insert (ids, g_strdup (pathway->id), g_strdup (path));
      g_ptr_array_add (set->pathways, pathway);
    }

  if (v->messages->len != problems_before)
    return NULL;

  return g_steal_pointer (&set);
}

/* ---- Public API --------------------------------------------------------- */

static int
compare_sets (gconstpointer a,
              gconstpointer b)
{
  const HarborRuleSet *sa = *(HarborRuleSet * const *) a;
  const HarborRuleSet *sb = *(HarborRuleSet * const *) b;

  return strcmp (sa->jurisdiction, sb->jurisdiction);
}

gboolean
harbor_rules_add_data (HarborRules *rules,
                       const char  *data,
                       gssize       length,
                       const char  *filename,
                       GPtrArray   *problems)
{
  g_autoptr(GPtrArray) own_problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HarborRuleSet) set = NULL;
  HarborJsonProblems v;
  guint before;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func (g_free);
  if (filename == NULL)
    filename = "<rules>";
  if (length < 0)
    length = strlen (data);

  before = problems->len;

  root = harbor_json_load (data, length, filename, HARBOR_RULES_ERROR,
                           HARBOR_RULES_ERROR_INVALID, &error);
  if (root == NULL)
    {
      g_ptr_array_add (problems, g_strdup (error->message));
      return FALSE;
    }

  harbor_json_problems_init (&v, data, length, filename, problems);
  set = read_rule_set (&v, root, filename);
  if (set == NULL)
    return FALSE;

  /* Across files: one file per jurisdiction, pathway ids unique. */
  if (harbor_rules_find_set (rules, set->jurisdiction) != NULL)
    harbor_json_problems_add (&v, "jurisdiction", _("jurisdiction “%s” is already loaded from %s"),
                              set->jurisdiction,
                              harbor_rules_find_set (rules, set->jurisdiction)->filename);

  for (guint i = 0; i < set->pathways->len; i++)
    {
      HarborPathway *pathway = g_ptr_array_index (set->pathways, i);
      const HarborPathway *other = harbor_rules_find_pathway (rules, pathway->id);

      if (other != NULL)
        {
          g_autofree char *id_path = g_strdup_printf ("pathways[%u].id", i);
          harbor_json_problems_add (&v, id_path, _("duplicate pathway id “%s” (also in %s)"),
                                    pathway->id, other->set->filename);
        }
    }

  if (problems->len != before)
    return FALSE;

  g_ptr_array_add (rules->sets, g_steal_pointer (&set));
  g_ptr_array_sort (rules->sets, compare_sets);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
harbor_rules_add_dir (HarborRules *rules,
                      const char  *dir,
                      GPtrArray   *problems)
{
  g_autoptr(GPtrArray) own_problems = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = NULL;
  gboolean ok = TRUE;
  const char *name;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func (g_free);

  handle = g_dir_open (dir, 0, &error);
  if (handle == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: %s", dir, error->message));
      return FALSE;
    }

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')   /* not editor lock files */
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_clear_error (&error);
      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_ptr_array_add (problems, g_strdup_printf ("%s: %s", path, error->message));
          ok = FALSE;
          continue;
        }

      if (!harbor_rules_add_data (rules, contents, length, path, problems))
        ok = FALSE;
    }

  return ok;
}

HarborRules *
harbor_rules_load (const char  *dir,
                   GError     **error)
{
  g_autoptr(HarborRules) rules = harbor_rules_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_dir = NULL;

  if (dir == NULL)
    {
      default_dir = harbor_rules_find_default_dir (error);
      if (default_dir == NULL)
        return NULL;
      dir = default_dir;
    }

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HARBOR_RULES_ERROR, HARBOR_RULES_ERROR_IO,
                   _("%s: not a directory"), dir);
      return NULL;
    }

  if (!harbor_rules_add_dir (rules, dir, problems))
    {
      if (problems->len > 1)
        g_set_error (error, HARBOR_RULES_ERROR, HARBOR_RULES_ERROR_INVALID,
                     _("%s (and %u more problems; run “harbor-cli rules check”)"),
                     (const char *) g_ptr_array_index (problems, 0), problems->len - 1);
      else
        g_set_error_literal (error, HARBOR_RULES_ERROR, HARBOR_RULES_ERROR_INVALID,
                             problems->len > 0 ? g_ptr_array_index (problems, 0) : dir);
      return NULL;
    }

  return g_steal_pointer (&rules);
}

const HarborRuleSet *
harbor_rules_find_set (const HarborRules *rules,
                       const char        *jurisdiction)
{
  g_return_val_if_fail (rules != NULL, NULL);

  for (guint i = 0; jurisdiction != NULL && i < rules->sets->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, i);

      if (strcmp (set->jurisdiction, jurisdiction) == 0)
        return set;
    }
  return NULL;
}

const HarborPathway *
harbor_rules_find_pathway (const HarborRules *rules,
                           const char        *id)
{
  g_return_val_if_fail (rules != NULL, NULL);

  for (guint i = 0; id != NULL && i < rules->sets->len; i++)
    {
      const HarborRuleSet *set = g_ptr_array_index (rules->sets, i);

      for (guint j = 0; j < set->pathways->len; j++)
        {
          const HarborPathway *pathway = g_ptr_array_index (set->pathways, j);

          if (strcmp (pathway->id, id) == 0)
            return pathway;
        }
    }
  return NULL;
}

guint
harbor_rules_count_pathways (const HarborRules *rules)
{
  guint n = 0;

  g_return_val_if_fail (rules != NULL, 0);

  for (guint i = 0; i < rules->sets->len; i++)
    n += ((const HarborRuleSet *) g_ptr_array_index (rules->sets, i))->pathways->len;
  return n;
}

/* A meson build directory has a meson-private folder at its root. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return FALSE;

  dir = g_path_get_dirname (exe);
  while (dir != NULL && strcmp (dir, "/") != 0 && strcmp (dir, ".") != 0)
    {
      g_autofree char *marker = g_build_filename (dir, "meson-private", NULL);
      char *parent;

      if (g_file_test (marker, G_FILE_TEST_IS_DIR))
        return TRUE;

      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return FALSE;
}

char *
harbor_rules_find_default_dir (GError **error)
{
  const char *env = g_getenv ("HARBOR_RULES_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  if (running_from_build_tree () && g_file_test (HARBOR_SOURCE_RULESDIR, G_FILE_TEST_IS_DIR))
    return g_strdup (HARBOR_SOURCE_RULESDIR);

  if (g_file_test (HARBOR_RULESDIR, G_FILE_TEST_IS_DIR))
    return g_strdup (HARBOR_RULESDIR);

  g_set_error (error, HARBOR_RULES_ERROR, HARBOR_RULES_ERROR_NOT_FOUND,
               _("no rule data found (looked in $HARBOR_RULES_DIR, the source tree and %s); use --rules DIR"),
               HARBOR_RULESDIR);
  return NULL;
}
