/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-expr.h: rule conditions and their three-valued evaluation
 *
 * Copyright 2026 The Harbor authors
 *
 * A condition is compiled once, when the rule file is loaded, from its JSON
 * form (data/rules/FORMAT.md §4) into a small tree, and evaluated per record
 * in Kleene logic. Evaluation also collects why a result is unknown: the
 * missing harbor-case/1 facts and the unresolved legal points
 * (`needs_review`) that could still change it.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "harbor-facts.h"
#include "harbor-json-load.h"

G_BEGIN_DECLS

typedef struct _HarborExpr HarborExpr;

/* A point the research leaves unresolved; owned by its expression. */
typedef struct
{
  char *question;
  char *citation;   /* (nullable) */
} HarborReviewPoint;

/* Compiles @node (found at @path in the document); reports every problem
 * to @problems and returns NULL if there was any. */
HarborExpr *harbor_expr_compile (JsonNode           *node,
                                 const char         *path,
                                 HarborJsonProblems *problems) G_GNUC_WARN_UNUSED_RESULT;
void        harbor_expr_free    (HarborExpr         *expr);

/* Evaluates @expr. When the result is unknown, the facts that could still
 * decide it are appended to @missing (newly allocated harbor-case/1 paths)
 * and the unresolved points to @reviews (borrowed HarborReviewPoint
 * pointers). A definite result appends nothing. Either array may be NULL. */
HarborTri   harbor_expr_eval    (const HarborExpr        *expr,
                                 const HarborFactContext *ctx,
                                 GPtrArray               *missing,
                                 GPtrArray               *reviews);

/* Kleene connectives, exposed for tests. */
HarborTri   harbor_tri_and      (HarborTri a,
                                 HarborTri b);
HarborTri   harbor_tri_or       (HarborTri a,
                                 HarborTri b);
HarborTri   harbor_tri_not      (HarborTri a);
const char *harbor_tri_to_string (HarborTri a);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborExpr, harbor_expr_free)

G_END_DECLS
