/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-json-locate.h: find where a value sits in a JSON document
 *
 * Copyright 2026 The Harbor authors
 *
 * json-glib gives line and column only for syntax errors. Harbor's loaders
 * also report semantic errors (a wrong type, an unknown field) with a
 * position, so they look the value up again in the original text by its path.
 *
 * Paths use the form the error messages show: members joined by dots and
 * array elements in brackets, such as `records[0].offense.categories[1]`.
 * The empty string names the root value. A member name that is not a plain
 * identifier may be written in brackets with double quotes: `a["b.c"]`.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  harbor_json_locate              (const char *text,
                                           gssize      length,
                                           const char *path,
                                           guint      *line,
                                           guint      *column);

void      harbor_json_path_append_member  (GString    *path,
                                           const char *member);
void      harbor_json_path_append_index   (GString    *path,
                                           guint       index);

G_END_DECLS
