/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-expr.c: rule conditions and their three-valued evaluation
 *
 * Copyright 2026 The Harbor authors
 *
 * The evaluator keeps one invariant that makes "exactly the facts that
 * would decide it" cheap to compute: an expression that returns a definite
 * value (true or false) leaves nothing in the missing/reviews arrays, and an
 * expression that returns unknown leaves only what its unknown parts need.
 * `all` remembers the array lengths before its children; as soon as one
 * child is false the result is false whatever the others are, so it cuts
 * the arrays back. `any` does the same for true. Leaves add the facts they
 * could not read.
 */

#define G_LOG_DOMAIN "harbor-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harbor-expr.h"

#define MAX_DEPTH 48

typedef enum
{
  EXPR_ALL,
  EXPR_ANY,
  EXPR_NOT,
  EXPR_COMPARE,
  EXPR_SOME_RECORD,
  EXPR_CONST,
  EXPR_REVIEW,
} ExprKind;

typedef enum
{
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_CONTAINS,
  OP_CONTAINS_ANY,
  N_OPS
} Op;

static const char * const op_names[] = {
  "eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "contains_any", NULL
};

static const char * const shape_names[] = {
  "all", "any", "not", "fact", "some_record", "needs_review", "const", NULL
};

struct _HarborExpr
{
  ExprKind              kind;
  GPtrArray            *children;     /* ALL, ANY, NOT, SOME_RECORD */
  gboolean              include_self; /* SOME_RECORD */
  gboolean              constant;     /* CONST */
  HarborReviewPoint     review;       /* REVIEW */

  /* COMPARE */
  const HarborFactInfo *fact;
  Op                    op;
  const HarborFactInfo *other;        /* a fact on the right-hand side */
  int                   years, months, days;
  gboolean              before;
  GArray               *values;       /* (element-type HarborValue) literals */
  GPtrArray            *strings;      /* owns the literals' strings */
};

/* ---- Kleene connectives ------------------------------------------------- */

HarborTri
harbor_tri_and (HarborTri a,
                HarborTri b)
{
  if (a == HARBOR_TRI_FALSE || b == HARBOR_TRI_FALSE)
    return HARBOR_TRI_FALSE;
  if (a == HARBOR_TRI_TRUE && b == HARBOR_TRI_TRUE)
    return HARBOR_TRI_TRUE;
  return HARBOR_TRI_UNKNOWN;
}

HarborTri
harbor_tri_or (HarborTri a,
               HarborTri b)
{
  if (a == HARBOR_TRI_TRUE || b == HARBOR_TRI_TRUE)
    return HARBOR_TRI_TRUE;
  if (a == HARBOR_TRI_FALSE && b == HARBOR_TRI_FALSE)
    return HARBOR_TRI_FALSE;
  return HARBOR_TRI_UNKNOWN;
}

HarborTri
harbor_tri_not (HarborTri a)
{
  if (a == HARBOR_TRI_TRUE)
    return HARBOR_TRI_FALSE;
  if (a == HARBOR_TRI_FALSE)
    return HARBOR_TRI_TRUE;
  return HARBOR_TRI_UNKNOWN;
}

const char *
harbor_tri_to_string (HarborTri a)
{
  switch (a)
    {
    case HARBOR_TRI_TRUE:  return "true";
    case HARBOR_TRI_FALSE: return "false";
    default:               return "unknown";
    }
}

/* ---- Construction ------------------------------------------------------- */

static HarborExpr *
expr_new (ExprKind kind)
{
  HarborExpr *expr = g_new0 (HarborExpr, 1);

  expr->kind = kind;
  expr->include_self = TRUE;
  return expr;
}

void
harbor_expr_free (HarborExpr *expr)
{
  if (expr == NULL)
    return;

  g_clear_pointer (&expr->children, g_ptr_array_unref);
  g_clear_pointer (&expr->values, g_array_unref);
  g_clear_pointer (&expr->strings, g_ptr_array_unref);
  g_free (expr->review.question);
  g_free (expr->review.citation);
  g_free (expr);
}

/* ---- Compilation -------------------------------------------------------- */

static HarborExpr *compile (JsonNode           *node,
                            const char         *path,
                            HarborJsonProblems *problems,
                            guint               depth);

static gboolean
is_string_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_int_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_bool_node (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static const char *
suggest_fact (const char *name)
{
  const char *last = strrchr (name, '.');

  last = last != NULL ? last + 1 : name;
  for (guint i = 0; i < HARBOR_N_FACTS; i++)
    {
      const char *candidate = harbor_fact_get_info (i)->name;
      const char *candidate_last = strrchr (candidate, '.');

      if (candidate_last != NULL && strcmp (candidate_last + 1, last) == 0)
        return candidate;
    }
  return NULL;
}

static const HarborFactInfo *
lookup_fact (JsonNode           *node,
             const char         *path,
             HarborJsonProblems *problems)
{
  const HarborFactInfo *info;
  const char *name;
  const char *suggestion;

  if (!is_string_node (node))
    {
      harbor_json_problems_add (problems, path, _("expected a fact name; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  name = json_node_get_string (node);
  info = harbor_fact_lookup (name);
  if (info != NULL)
    return info;

  suggestion = suggest_fact (name);
  if (suggestion != NULL)
    harbor_json_problems_add (problems, path, _("unknown fact “%s”; did you mean “%s”?"),
                              name, suggestion);
  else
    harbor_json_problems_add (problems, path,
                              _("unknown fact “%s” (see data/rules/FORMAT.md §5)"), name);
  return NULL;
}

static gboolean
type_allows_op (HarborFactType type,
                Op             op)
{
  switch (op)
    {
    case OP_EQ:
    case OP_NE:
      return type != HARBOR_FACT_TYPE_SET;
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      return type == HARBOR_FACT_TYPE_NUMBER || type == HARBOR_FACT_TYPE_DATE;
    case OP_IN:
      return type != HARBOR_FACT_TYPE_SET && type != HARBOR_FACT_TYPE_BOOLEAN;
    case OP_CONTAINS:
    case OP_CONTAINS_ANY:
      return type == HARBOR_FACT_TYPE_SET;
    case N_OPS:
    default:
      return FALSE;
    }
}

static const char *
expected_literal (const HarborFactInfo *fact)
{
  switch (fact->type)
    {
    case HARBOR_FACT_TYPE_BOOLEAN: return _("true or false");
    case HARBOR_FACT_TYPE_NUMBER:  return _("an integer");
    case HARBOR_FACT_TYPE_DATE:    return _("a date (YYYY-MM-DD)");
    case HARBOR_FACT_TYPE_STRING:  return _("a string");
    case HARBOR_FACT_TYPE_ENUM:
    case HARBOR_FACT_TYPE_SET:
    default:                       return _("a string");
    }
}

/* Parses one literal of the fact's (element) type into @out. */
static gboolean
compile_literal (HarborExpr           *expr,
                 JsonNode             *node,
                 const char           *path,
                 HarborJsonProblems   *problems)
{
  const HarborFactInfo *fact = expr->fact;
  HarborValue value = { fact->type, TRUE, { 0 } };

  switch (fact->type)
    {
    case HARBOR_FACT_TYPE_BOOLEAN:
      if (!is_bool_node (node))
        goto wrong_type;
      value.v.boolean = json_node_get_boolean (node);
      break;

    case HARBOR_FACT_TYPE_NUMBER:
      if (!is_int_node (node))
        goto wrong_type;
      value.v.number = json_node_get_int (node);
      break;

    case HARBOR_FACT_TYPE_DATE:
      {
        GDate date;

        if (!is_string_node (node))
          goto wrong_type;
        if (!harbor_date_parse (json_node_get_string (node), &date))
          {
            harbor_json_problems_add (problems, path,
                                      _("expected a real calendar date (YYYY-MM-DD) for “%s”; got “%s”"),
                                      fact->name, json_node_get_string (node));
            return FALSE;
          }
        value.v.julian = g_date_get_julian (&date);
        break;
      }

    case HARBOR_FACT_TYPE_STRING:
    case HARBOR_FACT_TYPE_ENUM:
    case HARBOR_FACT_TYPE_SET:
      {
        const char *str;

        if (!is_string_node (node))
          goto wrong_type;
        str = json_node_get_string (node);
        if (fact->vocabulary != NULL && !harbor_name_in_vocabulary (fact->vocabulary, str))
          {
            g_autofree char *expected = harbor_json_join_names (fact->vocabulary);
            harbor_json_problems_add (problems, path,
                                      _("“%s” is not a value of “%s”; expected one of %s"),
                                      str, fact->name, expected);
            return FALSE;
          }
        g_ptr_array_add (expr->strings, g_strdup (str));
        value.v.string = g_ptr_array_index (expr->strings, expr->strings->len - 1);
        break;
      }

    default:
      g_assert_not_reached ();
    }

  g_array_append_val (expr->values, value);
  return TRUE;

wrong_type:
  harbor_json_problems_add (problems, path, _("wrong type: “%s” is a %s fact, so expected %s; got %s"),
                            fact->name, harbor_fact_type_to_string (fact->type),
                            expected_literal (fact), harbor_json_describe_node (node));
  return FALSE;
}

static gboolean
read_offset (JsonObject         *object,
             const char         *name,
             const char         *path,
             HarborJsonProblems *problems,
             int                *out)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *child = NULL;

  if (node == NULL)
    return TRUE;

  child = harbor_json_path_member (path, name);
  if (!is_int_node (node) || json_node_get_int (node) < 0 || json_node_get_int (node) > 1000)
    {
      harbor_json_problems_add (problems, child,
                                _("expected a whole number from 0 to 1000; got %s"),
                                harbor_json_describe_node (node));
      return FALSE;
    }
  *out = (int) json_node_get_int (node);
  return TRUE;
}

/* The right-hand side {"fact": …, "years": …, …}. */
static gboolean
compile_fact_operand (HarborExpr         *expr,
                      JsonObject         *object,
                      const char         *path,
                      HarborJsonProblems *problems)
{
  static const char * const members[] = { "fact", "years", "months", "days", "before", NULL };
  g_autoptr(GList) names = json_object_get_members (object);
  g_autofree char *fact_path = harbor_json_path_member (path, "fact");
  gboolean ok = TRUE;
  JsonNode *before;

  for (const GList *l = names; l != NULL; l = l->next)
    if (!harbor_name_in_vocabulary (members, l->data))
      {
        g_autofree char *child = harbor_json_path_member (path, l->data);
        harbor_json_problems_add (problems, child,
                                  _("unknown member; a fact operand has fact, years, months, days, before"));
        ok = FALSE;
      }

  expr->other = lookup_fact (json_object_get_member (object, "fact"), fact_path, problems);
  if (expr->other == NULL)
    return FALSE;

  if (expr->other->type != expr->fact->type)
    {
      harbor_json_problems_add (problems, fact_path,
                                _("wrong type: cannot compare %s fact “%s” with %s fact “%s”"),
                                harbor_fact_type_to_string (expr->fact->type), expr->fact->name,
                                harbor_fact_type_to_string (expr->other->type), expr->other->name);
      return FALSE;
    }

  ok &= read_offset (object, "years", path, problems, &expr->years);
  ok &= read_offset (object, "months", path, problems, &expr->months);
  ok &= read_offset (object, "days", path, problems, &expr->days);

  before = json_object_get_member (object, "before");
  if (before != NULL)
    {
      if (!is_bool_node (before))
        {
          g_autofree char *child = harbor_json_path_member (path, "before");
          harbor_json_problems_add (problems, child, _("expected true or false; got %s"),
                                    harbor_json_describe_node (before));
          ok = FALSE;
        }
      else
        expr->before = json_node_get_boolean (before);
    }

  if ((expr->years || expr->months || expr->days || expr->before) &&
      expr->other->type != HARBOR_FACT_TYPE_DATE)
    {
      harbor_json_problems_add (problems, path,
                                _("years, months, days and before apply only to date facts"));
      ok = FALSE;
    }

  return ok;
}

static HarborExpr *
compile_compare (JsonObject         *object,
                 const char         *path,
                 HarborJsonProblems *problems)
{
  g_autoptr(HarborExpr) expr = expr_new (EXPR_COMPARE);
  g_autoptr(GList) names = json_object_get_members (object);
  g_autofree char *fact_path = harbor_json_path_member (path, "fact");
  g_autofree char *op_path = NULL;
  const char *op_name = NULL;
  JsonNode *value;
  gboolean ok = TRUE;
  int op = -1;

  expr->values = g_array_new (FALSE, FALSE, sizeof (HarborValue));
  expr->strings = g_ptr_array_new_with_free_func (g_free);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (strcmp (name, "fact") == 0)
        continue;

      if (op_name != NULL)
        {
          g_autofree char *child = harbor_json_path_member (path, name);
          harbor_json_problems_add (problems, child,
                                    _("a comparison has exactly one operator; “%s” is already given"),
                                    op_name);
          ok = FALSE;
          continue;
        }

      op_name = name;
      for (int i = 0; op_names[i] != NULL; i++)
        if (strcmp (op_names[i], name) == 0)
          op = i;

      if (op < 0)
        {
          g_autofree char *child = harbor_json_path_member (path, name);
          g_autofree char *expected = harbor_json_join_names (op_names);
          harbor_json_problems_add (problems, child, _("unknown operator “%s”; expected one of %s"),
                                    name, expected);
          ok = FALSE;
        }
    }

  expr->fact = lookup_fact (json_object_get_member (object, "fact"), fact_path, problems);

  if (op_name == NULL)
    {
      g_autofree char *expected = harbor_json_join_names (op_names);
      harbor_json_problems_add (problems, path, _("a comparison needs an operator: one of %s"),
                                expected);
      return NULL;
    }

  if (!ok || expr->fact == NULL || op < 0)
    return NULL;

  expr->op = (Op) op;
  op_path = harbor_json_path_member (path, op_name);

  if (!type_allows_op (expr->fact->type, expr->op))
    {
      harbor_json_problems_add (problems, op_path,
                                _("operator “%s” does not apply to %s fact “%s”"),
                                op_name, harbor_fact_type_to_string (expr->fact->type),
                                expr->fact->name);
      return NULL;
    }

  value = json_object_get_member (object, op_name);

  switch (expr->op)
    {
    case OP_IN:
    case OP_CONTAINS_ANY:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value) ||
            json_array_get_length (json_node_get_array (value)) == 0)
          {
            harbor_json_problems_add (problems, op_path,
                                      _("wrong type: “%s” expects a non-empty array; got %s"),
                                      op_name, harbor_json_describe_node (value));
            return NULL;
          }
        array = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element = harbor_json_path_index (op_path, i);
            ok &= compile_literal (expr, json_array_get_element (array, i), element, problems);
          }
        break;
      }

    case OP_CONTAINS:
      ok = compile_literal (expr, value, op_path, problems);
      break;

    case OP_EQ:
    case OP_NE:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      if (JSON_NODE_HOLDS_OBJECT (value))
        ok = compile_fact_operand (expr, json_node_get_object (value), op_path, problems);
      else
        ok = compile_literal (expr, value, op_path, problems);
      break;

    case N_OPS:
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    return NULL;

  return g_steal_pointer (&expr);
}

static HarborExpr *
compile_list (ExprKind            kind,
              const char         *name,
              JsonNode           *node,
              const char         *path,
              HarborJsonProblems *problems,
              guint               depth)
{
  g_autoptr(HarborExpr) expr = expr_new (kind);
  g_autofree char *child_path = harbor_json_path_member (path, name);
  JsonArray *array;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      harbor_json_problems_add (problems, child_path,
                                _("wrong type: “%s” expects a non-empty array of conditions; got %s"),
                                name, harbor_json_describe_node (node));
      return NULL;
    }

  array = json_node_get_array (node);
  expr->children = g_ptr_array_new_with_free_func ((GDestroyNotify) harbor_expr_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = harbor_json_path_index (child_path, i);
      HarborExpr *child = compile (json_array_get_element (array, i), element, problems, depth + 1);

      if (child == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (expr->children, child);
    }

  return ok ? g_steal_pointer (&expr) : NULL;
}

static gboolean
check_only (JsonObject         *object,
            const char         *path,
            const char * const *allowed,
            const char         *shape,
            HarborJsonProblems *problems)
{
  g_autoptr(GList) names = json_object_get_members (object);
  gboolean ok = TRUE;

  for (const GList *l = names; l != NULL; l = l->next)
    if (!harbor_name_in_vocabulary (allowed, l->data))
      {
        g_autofree char *child = harbor_json_path_member (path, l->data);
        g_autofree char *expected = harbor_json_join_names (allowed);
        harbor_json_problems_add (problems, child,
                                  _("unknown member “%s” in a “%s” condition; expected %s"),
                                  (const char *) l->data, shape, expected);
        ok = FALSE;
      }

  return ok;
}

static HarborExpr *
compile (JsonNode           *node,
         const char         *path,
         HarborJsonProblems *problems,
         guint               depth)
{
  JsonObject *object;
  const char *shape = NULL;
  g_autoptr(GList) names = NULL;

  if (depth > MAX_DEPTH)
    {
      harbor_json_problems_add (problems, path, _("conditions are nested too deeply (more than %d)"),
                                MAX_DEPTH);
      return NULL;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      harbor_json_problems_add (problems, path, _("wrong type: expected a condition object; got %s"),
                                harbor_json_describe_node (node));
      return NULL;
    }

  object = json_node_get_object (node);
  names = json_object_get_members (object);

  /* The shape is given by the first recognised member. */
  for (const GList *l = names; l != NULL && shape == NULL; l = l->next)
    if (harbor_name_in_vocabulary (shape_names, l->data))
      shape = l->data;

  if (shape == NULL)
    {
      g_autofree char *expected = harbor_json_join_names (shape_names);

      if (names == NULL)
        harbor_json_problems_add (problems, path, _("empty condition; expected one of %s"), expected);
      else
        {
          g_autofree char *child = harbor_json_path_member (path, names->data);
          harbor_json_problems_add (problems, child, _("unknown operator “%s”; expected one of %s"),
                                    (const char *) names->data, expected);
        }
      return NULL;
    }

  if (strcmp (shape, "fact") == 0)
    return compile_compare (object, path, problems);

  if (strcmp (shape, "all") == 0 || strcmp (shape, "any") == 0)
    {
      static const char * const all_members[] = { "all", NULL };
      static const char * const any_members[] = { "any", NULL };
      gboolean is_all = strcmp (shape, "all") == 0;
      gboolean ok = check_only (object, path, is_all ? all_members : any_members, shape, problems);
      HarborExpr *expr = compile_list (is_all ? EXPR_ALL : EXPR_ANY, shape,
                                       json_object_get_member (object, shape), path, problems, depth);

      if (!ok)
        g_clear_pointer (&expr, harbor_expr_free);
      return expr;
    }

  if (strcmp (shape, "not") == 0 || strcmp (shape, "some_record") == 0)
    {
      static const char * const not_members[] = { "not", NULL };
      static const char * const some_members[] = { "some_record", "include_self", NULL };
      gboolean is_not = strcmp (shape, "not") == 0;
      g_autofree char *child_path = harbor_json_path_member (path, shape);
      g_autoptr(HarborExpr) expr = expr_new (is_not ? EXPR_NOT : EXPR_SOME_RECORD);
      gboolean ok = check_only (object, path, is_not ? not_members : some_members, shape, problems);
      HarborExpr *child;

      if (!is_not && json_object_has_member (object, "include_self"))
        {
          JsonNode *include = json_object_get_member (object, "include_self");

          if (!is_bool_node (include))
            {
              g_autofree char *include_path = harbor_json_path_member (path, "include_self");
              harbor_json_problems_add (problems, include_path,
                                        _("wrong type: expected true or false; got %s"),
                                        harbor_json_describe_node (include));
              ok = FALSE;
            }
          else
            expr->include_self = json_node_get_boolean (include);
        }

      child = compile (json_object_get_member (object, shape), child_path, problems, depth + 1);
      if (child == NULL || !ok)
        {
          harbor_expr_free (child);
          return NULL;
        }

      expr->children = g_ptr_array_new_with_free_func ((GDestroyNotify) harbor_expr_free);
      g_ptr_array_add (expr->children, child);
      return g_steal_pointer (&expr);
    }

  if (strcmp (shape, "needs_review") == 0)
    {
      static const char * const review_members[] = { "needs_review", "citation", NULL };
      g_autoptr(HarborExpr) expr = expr_new (EXPR_REVIEW);
      JsonNode *question = json_object_get_member (object, "needs_review");
      JsonNode *citation = json_object_get_member (object, "citation");
      gboolean ok = check_only (object, path, review_members, shape, problems);

      if (!is_string_node (question) || json_node_get_string (question)[0] == '\0')
        {
          g_autofree char *child = harbor_json_path_member (path, "needs_review");
          harbor_json_problems_add (problems, child,
                                    _("wrong type: expected the question as a non-empty string; got %s"),
                                    harbor_json_describe_node (question));
          return NULL;
        }
      if (citation != NULL && !is_string_node (citation))
        {
          g_autofree char *child = harbor_json_path_member (path, "citation");
          harbor_json_problems_add (problems, child, _("wrong type: expected a string; got %s"),
                                    harbor_json_describe_node (citation));
          return NULL;
        }
      if (!ok)
        return NULL;

      expr->review.question = g_strdup (json_node_get_string (question));
      if (citation != NULL)
        expr->review.citation = g_strdup (json_node_get_string (citation));
      return g_steal_pointer (&expr);
    }

  /* const */
  {
    static const char * const const_members[] = { "const", NULL };
    g_autoptr(HarborExpr) expr = expr_new (EXPR_CONST);
    JsonNode *value = json_object_get_member (object, "const");

    if (!check_only (object, path, const_members, shape, problems))
      return NULL;

    if (!is_bool_node (value))
      {
        g_autofree char *child = harbor_json_path_member (path, "const");
        harbor_json_problems_add (problems, child, _("wrong type: expected true or false; got %s"),
                                  harbor_json_describe_node (value));
        return NULL;
      }
    expr->constant = json_node_get_boolean (value);
    return g_steal_pointer (&expr);
  }
}

HarborExpr *
harbor_expr_compile (JsonNode           *node,
                     const char         *path,
                     HarborJsonProblems *problems)
{
  guint before;
  HarborExpr *expr;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  before = problems->messages->len;
  expr = compile (node, path, problems, 0);

  /* Belt and braces: no expression survives a reported problem. */
  if (problems->messages->len != before)
    g_clear_pointer (&expr, harbor_expr_free);

  return expr;
}

/* ---- Evaluation --------------------------------------------------------- */

static void
truncate_to (GPtrArray *array,
             guint      length)
{
  if (array != NULL && array->len > length)
    g_ptr_array_set_size (array, length);
}

static int
compare_values (const HarborValue *a,
                const HarborValue *b)
{
  switch (a->type)
    {
    case HARBOR_FACT_TYPE_BOOLEAN:
      return (int) a->v.boolean - (int) b->v.boolean;
    case HARBOR_FACT_TYPE_NUMBER:
      return a->v.number < b->v.number ? -1 : a->v.number > b->v.number;
    case HARBOR_FACT_TYPE_DATE:
      return a->v.julian < b->v.julian ? -1 : a->v.julian > b->v.julian;
    case HARBOR_FACT_TYPE_STRING:
    case HARBOR_FACT_TYPE_ENUM:
      return strcmp (a->v.string, b->v.string);
    case HARBOR_FACT_TYPE_SET:
    default:
      g_return_val_if_reached (0);
    }
}

static gboolean
set_has (const char * const *set,
         const char         *name)
{
  for (guint i = 0; set[i] != NULL; i++)
    if (strcmp (set[i], name) == 0)
      return TRUE;
  return FALSE;
}

static HarborTri compare_known (const HarborExpr  *expr,
                                 const HarborValue *lhs,
                                 HarborValue       *rhs);

/* The fact is unknown but can only take some values: the comparison is
 * decided if it comes out the same for every one of them. */
static HarborTri
compare_possible (const HarborExpr  *expr,
                  const HarborValue *lhs)
{
  HarborTri agreed = HARBOR_TRI_UNKNOWN;

  for (guint i = 0; lhs->possible[i] != NULL; i++)
    {
      HarborValue candidate = *lhs;
      HarborValue rhs = { 0 };
      HarborTri r;

      candidate.known = TRUE;
      candidate.v.string = lhs->possible[i];
      r = compare_known (expr, &candidate, &rhs);
      if (i == 0)
        agreed = r;
      else if (r != agreed)
        return HARBOR_TRI_UNKNOWN;
    }
  return agreed;
}

static HarborTri
eval_compare (const HarborExpr        *expr,
              const HarborFactContext *ctx,
              GPtrArray               *missing)
{
  HarborValue lhs, rhs;
  gboolean lhs_known, rhs_known = TRUE;

  lhs_known = harbor_fact_get_value (ctx, expr->fact->id, &lhs, missing);

  if (!lhs_known && lhs.possible != NULL && expr->other == NULL)
    return compare_possible (expr, &lhs);

  if (expr->other != NULL)
    {
      rhs_known = harbor_fact_get_value (ctx, expr->other->id, &rhs, missing);
      if (rhs_known && expr->other->type == HARBOR_FACT_TYPE_DATE &&
          (expr->years || expr->months || expr->days))
        {
          GDate date, shifted;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, rhs.v.julian);
          if (!harbor_date_shift (&date, expr->years, expr->months, expr->days,
                                  expr->before, &shifted))
            return HARBOR_TRI_UNKNOWN;
          rhs.v.julian = g_date_get_julian (&shifted);
        }
    }

  if (!lhs_known || !rhs_known)
    return HARBOR_TRI_UNKNOWN;

  return compare_known (expr, &lhs, &rhs);
}

/* @rhs holds the right-hand fact's value, if the right-hand side is a fact. */
static HarborTri
compare_known (const HarborExpr  *expr,
               const HarborValue *lhs_value,
               HarborValue       *rhs_value)
{
  const HarborValue lhs = *lhs_value;
  HarborValue rhs = *rhs_value;
  int cmp;

  switch (expr->op)
    {
    case OP_IN:
      for (guint i = 0; i < expr->values->len; i++)
        if (compare_values (&lhs, &g_array_index (expr->values, HarborValue, i)) == 0)
          return HARBOR_TRI_TRUE;
      return HARBOR_TRI_FALSE;

    case OP_CONTAINS:
    case OP_CONTAINS_ANY:
      for (guint i = 0; i < expr->values->len; i++)
        if (set_has (lhs.v.set, g_array_index (expr->values, HarborValue, i).v.string))
          return HARBOR_TRI_TRUE;
      return HARBOR_TRI_FALSE;

    case OP_EQ:
    case OP_NE:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      if (expr->other == NULL)
        rhs = g_array_index (expr->values, HarborValue, 0);
      cmp = compare_values (&lhs, &rhs);
      switch (expr->op)
        {
        case OP_EQ: return cmp == 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
        case OP_NE: return cmp != 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
        case OP_LT: return cmp < 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
        case OP_LE: return cmp <= 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
        case OP_GT: return cmp > 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
        case OP_GE: return cmp >= 0 ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
        default: g_assert_not_reached ();
        }

    case N_OPS:
    default:
      g_return_val_if_reached (HARBOR_TRI_UNKNOWN);
    }
}

typedef struct _Branch Branch;
struct _Branch
{
  guint    review_start;
  guint    review_end;
  guint    needs_facts;   /* the missing count before, then a boolean */
};
static void prune_reviews (GArray    *branches,
                           GPtrArray *reviews,
                           guint      reviews_len);

HarborTri
harbor_expr_eval (const HarborExpr        *expr,
                  const HarborFactContext *ctx,
                  GPtrArray               *missing,
                  GPtrArray               *reviews)
{
  guint missing_len = missing != NULL ? missing->len : 0;
  guint reviews_len = reviews != NULL ? reviews->len : 0;
  HarborTri result;

  g_return_val_if_fail (expr != NULL, HARBOR_TRI_UNKNOWN);
  g_return_val_if_fail (ctx != NULL, HARBOR_TRI_UNKNOWN);

  switch (expr->kind)
    {
    case EXPR_ALL:
    case EXPR_ANY:
      {
        /* `all` is decided by a false child, `any` by a true one. */
        HarborTri decisive = expr->kind == EXPR_ALL ? HARBOR_TRI_FALSE : HARBOR_TRI_TRUE;
        g_autoptr(GArray) branches = g_array_new (FALSE, FALSE, sizeof (Branch));
        gboolean unknown = FALSE;

        for (guint i = 0; i < expr->children->len; i++)
          {
            Branch branch = { reviews != NULL ? reviews->len : 0, 0,
                              missing != NULL ? missing->len : 0 };
            HarborTri r = harbor_expr_eval (g_ptr_array_index (expr->children, i), ctx,
                                            missing, reviews);
            if (r == decisive)
              {
                result = decisive;
                goto definite;
              }
            if (r == HARBOR_TRI_UNKNOWN)
              {
                unknown = TRUE;
                branch.review_end = reviews != NULL ? reviews->len : 0;
                branch.needs_facts = missing != NULL && missing->len > (guint) branch.needs_facts;
                g_array_append_val (branches, branch);
              }
          }
        if (unknown && reviews != NULL)
          prune_reviews (branches, reviews, reviews_len);
        return unknown ? HARBOR_TRI_UNKNOWN : harbor_tri_not (decisive);
      }

    case EXPR_NOT:
      return harbor_tri_not (harbor_expr_eval (g_ptr_array_index (expr->children, 0), ctx,
                                               missing, reviews));

    case EXPR_SOME_RECORD:
      {
        const HarborExpr *inner = g_ptr_array_index (expr->children, 0);
        g_autoptr(GArray) branches = g_array_new (FALSE, FALSE, sizeof (Branch));
        gboolean unknown = FALSE;

        for (guint i = 0; i < ctx->kase->records->len; i++)
          {
            HarborFactContext sub = *ctx;
            const HarborRecord *record = g_ptr_array_index (ctx->kase->records, i);
            HarborTri r;

            sub.record = record;
            sub.record_index = i;
            /* The record the answer is for keeps the `record.` prefix. */
            sub.is_self = ctx->record != NULL && record == ctx->record && ctx->is_self;
            if (!expr->include_self && ctx->record == record)
              continue;

            {
              Branch branch = { reviews != NULL ? reviews->len : 0, 0,
                                missing != NULL ? missing->len : 0 };

              r = harbor_expr_eval (inner, &sub, missing, reviews);
              if (r == HARBOR_TRI_TRUE)
                {
                  result = HARBOR_TRI_TRUE;
                  goto definite;
                }
              if (r == HARBOR_TRI_UNKNOWN)
                {
                  unknown = TRUE;
                  branch.review_end = reviews != NULL ? reviews->len : 0;
                  branch.needs_facts = missing != NULL && missing->len > (guint) branch.needs_facts;
                  g_array_append_val (branches, branch);
                }
            }
          }
        if (unknown && reviews != NULL)
          prune_reviews (branches, reviews, reviews_len);
        return unknown ? HARBOR_TRI_UNKNOWN : HARBOR_TRI_FALSE;
      }

    case EXPR_COMPARE:
      result = eval_compare (expr, ctx, missing);
      if (result != HARBOR_TRI_UNKNOWN)
        goto definite;
      return result;

    case EXPR_CONST:
      return expr->constant ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;

    case EXPR_REVIEW:
      if (reviews != NULL)
        g_ptr_array_add (reviews, (gpointer) &expr->review);
      return HARBOR_TRI_UNKNOWN;

    default:
      g_return_val_if_reached (HARBOR_TRI_UNKNOWN);
    }

definite:
  truncate_to (missing, missing_len);
  truncate_to (reviews, reviews_len);
  return result;
}

/* Facts come before legal review: when some branches of an unknown
 * `all`/`any`/`some_record` still need facts, a review point raised by a
 * sibling branch that needs no facts may not matter once the facts are
 * known (all[offense is homicide?, review "is it murder?"] must first know
 * the offense). Keep only the review points of branches that need facts. */

static void
prune_reviews (GArray    *branches,
               GPtrArray *reviews,
               guint      reviews_len)
{
  gboolean any_facts = FALSE;
  guint out = reviews_len;

  for (guint i = 0; i < branches->len; i++)
    any_facts |= g_array_index (branches, Branch, i).needs_facts;
  if (!any_facts)
    return;

  for (guint i = 0; i < branches->len; i++)
    {
      const Branch *b = &g_array_index (branches, Branch, i);

      if (!b->needs_facts)
        continue;
      for (guint j = b->review_start; j < b->review_end; j++)
        reviews->pdata[out++] = reviews->pdata[j];
    }
  reviews->len = out;
}
