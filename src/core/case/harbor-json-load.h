/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-json-load.h: strict JSON loading with positioned error messages
 *
 * Copyright 2026 The Harbor authors
 *
 * Shared by the case-file parser and the rule loader. Every message has the
 * shape `FILE:LINE:COLUMN: PATH: what is wrong` (PATH is left out for
 * syntax errors and for the document root).
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @data. Rejects malformed JSON, an empty document and duplicate
 * member names (json-glib would silently keep the last one). On failure
 * the error is in @domain with @code and names the file, line and column. */
JsonNode   *harbor_json_load             (const char  *data,
                                          gssize       length,
                                          const char  *filename,
                                          GQuark       domain,
                                          int          code,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* Formats a problem with the position of the value at @path in @data
 * (falling back to 1:1 when the path cannot be located). */
char       *harbor_json_format_problem   (const char  *data,
                                          gssize       length,
                                          const char  *filename,
                                          const char  *path,
                                          const char  *format,
                                          ...) G_GNUC_PRINTF (5, 6) G_GNUC_WARN_UNUSED_RESULT;
char       *harbor_json_format_problemv  (const char  *data,
                                          gssize       length,
                                          const char  *filename,
                                          const char  *path,
                                          const char  *format,
                                          va_list      args) G_GNUC_PRINTF (5, 0) G_GNUC_WARN_UNUSED_RESULT;

/* "a string", "a number", "an array", "an object", "true", "false", "null" */
const char *harbor_json_describe_node    (JsonNode    *node);

/* A path with one more member or index, e.g. `records[0]` + `id`. */
char       *harbor_json_path_member      (const char  *parent,
                                          const char  *member) G_GNUC_WARN_UNUSED_RESULT;
char       *harbor_json_path_index       (const char  *parent,
                                          guint        index) G_GNUC_WARN_UNUSED_RESULT;

/* A list of problems found in one document (the rule validator reports
 * all of them, not just the first). */
typedef struct
{
  const char *text;
  gssize      length;
  const char *filename;
  GPtrArray  *messages;   /* (element-type utf8) (owned) */
} HarborJsonProblems;

void        harbor_json_problems_init    (HarborJsonProblems *problems,
                                          const char         *text,
                                          gssize              length,
                                          const char         *filename,
                                          GPtrArray          *messages);
void        harbor_json_problems_add     (HarborJsonProblems *problems,
                                          const char         *path,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (3, 4);

/* "a, b, c" */
char       *harbor_json_join_names       (const char * const *names) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
