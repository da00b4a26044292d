/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-json-locate.c: find where a value sits in a JSON document
 *
 * Copyright 2026 The Harbor authors
 *
 * A small recursive scanner walks the document once, keeping the path of the
 * value it is looking at, and stops at the first value whose path equals the
 * one asked for. It validates only as much as it needs to stay in step; the
 * documents it reads have already been parsed by json-glib.
 */

#define G_LOG_DOMAIN "harbor-json"

#include "config.h"

#include <string.h>

#include "harbor-json-locate.h"

#define MAX_DEPTH 256

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  guint       column;
  const char *target;
  GString    *path;
  gboolean    found;
  guint       found_line;
  guint       found_column;
} Scanner;

static gboolean scan_value (Scanner *s, guint depth);

static void
advance (Scanner *s)
{
  if (*s->p == '\n')
    {
      s->line++;
      s->column = 1;
    }
  else if (((guchar) *s->p & 0xC0) != 0x80)
    {
      /* Columns count characters, not the continuation bytes of UTF-8. */
      s->column++;
    }
  s->p++;
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    advance (s);
}

static gboolean
scan_string (Scanner *s,
             GString *out)
{
  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  advance (s);

  while (s->p < s->end && *s->p != '"')
    {
      if (*s->p == '\\')
        {
          advance (s);
          if (s->p >= s->end)
            return FALSE;
          if (out != NULL)
            {
              switch (*s->p)
                {
                case 'n': g_string_append_c (out, '\n'); break;
                case 't': g_string_append_c (out, '\t'); break;
                case 'r': g_string_append_c (out, '\r'); break;
                case 'b': g_string_append_c (out, '\b'); break;
                case 'f': g_string_append_c (out, '\f'); break;
                case 'u':
                  {
                    /* Member names with \u escapes are decoded for the
                     * basic plane, which is all the formats use. */
                    char hex[5] = { 0 };
                    for (guint i = 0; i < 4; i++)
                      {
                        if (s->p + 1 + i >= s->end)
                          return FALSE;
                        hex[i] = s->p[1 + i];
                      }
                    g_string_append_unichar (out, (gunichar) g_ascii_strtoull (hex, NULL, 16));
                    for (guint i = 0; i < 4; i++)
                      advance (s);
                  }
                  break;
                default: g_string_append_c (out, *s->p); break;
                }
            }
          advance (s);
          continue;
        }
      if (out != NULL)
        g_string_append_c (out, *s->p);
      advance (s);
    }

  if (s->p >= s->end)
    return FALSE;
  advance (s);
  return TRUE;
}

static gboolean
check_found (Scanner *s)
{
  if (!s->found && strcmp (s->path->str, s->target) == 0)
    {
      s->found = TRUE;
      s->found_line = s->line;
      s->found_column = s->column;
    }
  return s->found;
}

static gboolean
scan_object (Scanner *s,
             guint    depth)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gsize saved_len = s->path->len;

  advance (s); /* '{' */
  skip_space (s);
  if (s->p < s->end && *s->p == '}')
    {
      advance (s);
      return TRUE;
    }

  while (s->p < s->end)
    {
      g_string_truncate (key, 0);
      skip_space (s);
      if (!scan_string (s, key))
        return FALSE;
      skip_space (s);
      if (s->p >= s->end || *s->p != ':')
        return FALSE;
      advance (s);
      skip_space (s);

      harbor_json_path_append_member (s->path, key->str);
      if (!scan_value (s, depth + 1))
        return FALSE;
      if (s->found)
        return TRUE;
      g_string_truncate (s->path, saved_len);

      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == ',')
        {
          advance (s);
          continue;
        }
      if (*s->p == '}')
        {
          advance (s);
          return TRUE;
        }
      return FALSE;
    }

  return FALSE;
}

static gboolean
scan_array (Scanner *s,
            guint    depth)
{
  gsize saved_len = s->path->len;
  guint index = 0;

  advance (s); /* '[' */
  skip_space (s);
  if (s->p < s->end && *s->p == ']')
    {
      advance (s);
      return TRUE;
    }

  while (s->p < s->end)
    {
      skip_space (s);
      harbor_json_path_append_index (s->path, index++);
      if (!scan_value (s, depth + 1))
        return FALSE;
      if (s->found)
        return TRUE;
      g_string_truncate (s->path, saved_len);

      skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == ',')
        {
          advance (s);
          continue;
        }
      if (*s->p == ']')
        {
          advance (s);
          return TRUE;
        }
      return FALSE;
    }

  return FALSE;
}

static gboolean
scan_value (Scanner *s,
            guint    depth)
{
  if (depth > MAX_DEPTH)
    return FALSE;

  skip_space (s);
  if (s->p >= s->end)
    return FALSE;

  if (check_found (s))
    return TRUE;

  switch (*s->p)
    {
    case '{':
      return scan_object (s, depth);
    case '[':
      return scan_array (s, depth);
    case '"':
      return scan_string (s, NULL);
    default:
      /* Numbers and the literals true, false and null. */
      if (!(g_ascii_isalnum (*s->p) || *s->p == '-' || *s->p == '+' || *s->p == '.'))
        return FALSE;
      while (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '-' || *s->p == '+' || *s->p == '.'))
        advance (s);
      return TRUE;
    }
}

/**
 * harbor_json_locate:
 * @text: the JSON document
 * @length: the length of @text, or -1 if it is nul-terminated
 * @path: the path of the value, as described above
 * @line: (out): the 1-based line of the value's first character
 * @column: (out): the 1-based column of the value's first character
 *
 * Returns: %TRUE if the value was found
 */
gboolean
harbor_json_locate (const char *text,
                    gssize      length,
                    const char *path,
                    guint      *line,
                    guint      *column)
{
  g_autoptr(GString) current = g_string_new (NULL);
  Scanner s = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (text);

  s.p = text;
  s.end = text + length;
  s.line = 1;
  s.column = 1;
  s.target = path;
  s.path = current;

  /* Skip a UTF-8 byte order mark, as json-glib does. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    s.p += 3;

  scan_value (&s, 0);

  if (!s.found)
    return FALSE;

  if (line != NULL)
    *line = s.found_line;
  if (column != NULL)
    *column = s.found_column;
  return TRUE;
}

static gboolean
is_plain_member (const char *member)
{
  if (*member == '\0' || g_ascii_isdigit (*member))
    return FALSE;
  for (const char *c = member; *c != '\0'; c++)
    if (!(g_ascii_isalnum (*c) || *c == '_' || *c == '-'))
      return FALSE;
  return TRUE;
}

/**
 * harbor_json_path_append_member:
 * @path: a path being built
 * @member: an object member name
 *
 * Appends `.member` (or `member` at the root), quoting names that are not
 * plain identifiers.
 */
void
harbor_json_path_append_member (GString    *path,
                                const char *member)
{
  if (is_plain_member (member))
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, member);
      return;
    }

  g_string_append (path, "[\"");
  for (const char *c = member; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (path, '\\');
      g_string_append_c (path, *c);
    }
  g_string_append (path, "\"]");
}

/**
 * harbor_json_path_append_index:
 * @path: a path being built
 * @index: an array index
 *
 * Appends `[index]`.
 */
void
harbor_json_path_append_index (GString *path,
                               guint    index)
{
  g_string_append_printf (path, "[%u]", index);
}
