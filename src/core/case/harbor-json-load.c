/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-json-load.c: strict JSON loading with positioned error messages
 *
 * Copyright 2026 The Harbor authors
 *
 * json-glib reports syntax errors as `<data>:LINE:COL: Parse error: ...`;
 * we rewrite that into our own `FILE:LINE:COL: malformed JSON: ...` form.
 * Duplicate member names are found with the parser's "object-member"
 * signal: it fires after each member is stored, so if an object has seen
 * more members than it holds, the last one replaced an earlier one.
 */

#define G_LOG_DOMAIN "harbor-case"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "harbor-json-load.h"
#include "harbor-json-locate.h"

typedef struct
{
  GHashTable *seen;      /* JsonObject* -> number of members parsed */
  gboolean    duplicate;
  char       *member;
  guint       line;
  guint       column;
} DuplicateCheck;

static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  gpointer    user_data)
{
  DuplicateCheck *check = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (check->seen, object)) + 1;

  g_hash_table_insert (check->seen, object, GUINT_TO_POINTER (n));

  if (!check->duplicate && n > json_object_get_size (object))
    {
      check->duplicate = TRUE;
      check->member = g_strdup (member_name);
      check->line = json_parser_get_current_line (parser);
      check->column = MAX (1, json_parser_get_current_pos (parser));
    }
}

#define MAX_NESTING 256

/* json-glib parses recursively: refuse documents nested deeper than any
 * case or rule file needs before they can exhaust the stack. Returns FALSE
 * and the position of the first bracket too deep. */
static gboolean
check_nesting (const char *data,
               gsize       length,
               guint      *line,
               guint      *column)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  *line = 1;
  *column = 0;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          (*line)++;
          *column = 0;
          continue;
        }
      if (((guchar) c & 0xC0) != 0x80)
        (*column)++;

      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            {
              i++;
              (*column)++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
harbor_json_load (const char  *data,
                  gssize       length,
                  const char  *filename,
                  GQuark       domain,
                  int          code,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  DuplicateCheck check = { 0 };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (filename == NULL)
    filename = "<input>";
  if (length < 0)
    length = strlen (data);

  /* json-glib stops at an embedded NUL; treat one as malformed input. */
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, domain, code, "%s:1:1: %s", filename,
                   _("malformed JSON: the document contains a NUL byte"));
      return NULL;
    }

  {
    guint line, column;

    if (!check_nesting (data, length, &line, &column))
      {
        g_set_error (error, domain, code, _("%s:%u:%u: malformed JSON: nested deeper than %d levels"),
                     filename, line, column, MAX_NESTING);
        return NULL;
      }
  }

  check.seen = g_hash_table_new (NULL, NULL);
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &check);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      guint line = 1, column = 1;
      const char *rest = local_error->message;
      int consumed = 0;

      g_hash_table_unref (check.seen);
      g_free (check.member);

      if (sscanf (rest, "<data>:%u:%u: %n", &line, &column, &consumed) >= 2 && consumed > 0)
        rest += consumed;
      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");

      g_set_error (error, domain, code, "%s:%u:%u: %s: %s",
                   filename, line, column, _("malformed JSON"), rest);
      return NULL;
    }

  g_hash_table_unref (check.seen);

  if (check.duplicate)
    {
      g_set_error (error, domain, code, _("%s:%u:%u: malformed JSON: duplicate member “%s”"),
                   filename, check.line, check.column, check.member);
      g_free (check.member);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, domain, code, "%s:1:1: %s", filename,
                   _("malformed JSON: the document is empty"));
      return NULL;
    }

  return json_node_copy (root);
}

char *
harbor_json_format_problemv (const char  *data,
                             gssize       length,
                             const char  *filename,
                             const char  *path,
                             const char  *format,
                             va_list      args)
{
  g_autofree char *what = g_strdup_vprintf (format, args);
  guint line = 1, column = 1;

  if (filename == NULL)
    filename = "<input>";

  if (data != NULL && path != NULL &&
      !harbor_json_locate (data, length, path, &line, &column))
    {
      line = 1;
      column = 1;
    }

  if (path == NULL || path[0] == '\0')
    return g_strdup_printf ("%s:%u:%u: %s", filename, line, column, what);

  return g_strdup_printf ("%s:%u:%u: %s: %s", filename, line, column, path, what);
}

char *
harbor_json_format_problem (const char  *data,
                            gssize       length,
                            const char  *filename,
                            const char  *path,
                            const char  *format,
                            ...)
{
  va_list args;
  char *ret;

  va_start (args, format);
  ret = harbor_json_format_problemv (data, length, filename, path, format, args);
  va_end (args);

  return ret;
}

const char *
harbor_json_describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return json_node_get_boolean (node) ? "true" : "false";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}

char *
harbor_json_path_member (const char *parent,
                         const char *member)
{
  GString *path = g_string_new (parent);

  harbor_json_path_append_member (path, member);
  return g_string_free (path, FALSE);
}

char *
harbor_json_path_index (const char *parent,
                        guint       index)
{
  GString *path = g_string_new (parent);

  harbor_json_path_append_index (path, index);
  return g_string_free (path, FALSE);
}

char *
harbor_json_join_names (const char * const *names)
{
  return g_strjoinv (", ", (char **) names);
}

void
harbor_json_problems_init (HarborJsonProblems *problems,
                           const char         *text,
                           gssize              length,
                           const char         *filename,
                           GPtrArray          *messages)
{
  problems->text = text;
  problems->length = length;
  problems->filename = filename;
  problems->messages = messages;
}

void
harbor_json_problems_add (HarborJsonProblems *problems,
                          const char         *path,
                          const char         *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems->messages,
                   harbor_json_format_problemv (problems->text, problems->length,
                                                problems->filename, path, format, args));
  va_end (args);
}
