/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json-locate.c: positions of values inside JSON documents
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include "harbor-json-locate.h"

static const char *doc =
  "{\n"
  "  \"format\": \"harbor-case/1\",\n"
  "  \"records\": [\n"
  "    { \"id\": \"r1\", \"offense\": { \"categories\": [\"theft\", \"fraud\"] } },\n"
  "    {\n"
  "      \"id\": \"r2\",\n"
  "      \"weird.key\": \"caf\\u00e9 \\\"x\\\"\",\n"
  "      \"after\": -1.5e3\n"
  "    }\n"
  "  ],\n"
  "  \"é\": true\n"
  "}\n";

typedef struct
{
  const char *path;
  guint line;
  guint column;
} Expect;

static void
test_positions (void)
{
  static const Expect expect[] = {
    { "", 1, 1 },
    { "format", 2, 13 },
    { "records", 3, 14 },
    { "records[0]", 4, 5 },
    { "records[0].id", 4, 13 },
    { "records[0].offense.categories", 4, 46 },
    { "records[0].offense.categories[1]", 4, 56 },
    { "records[1].id", 6, 13 },
    { "records[1][\"weird.key\"]", 7, 20 },
    { "records[1].after", 8, 16 },
    /* Columns count characters: "é" is one. */
    { "[\"é\"]", 11, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      guint line = 0, column = 0;

      g_test_message ("path %s", expect[i].path);
      g_assert_true (harbor_json_locate (doc, -1, expect[i].path, &line, &column));
      g_assert_cmpuint (line, ==, expect[i].line);
      g_assert_cmpuint (column, ==, expect[i].column);
    }
}

static void
test_missing (void)
{
  guint line = 0, column = 0;

  g_assert_false (harbor_json_locate (doc, -1, "records[2]", &line, &column));
  g_assert_false (harbor_json_locate (doc, -1, "records[0].nope", &line, &column));
  g_assert_false (harbor_json_locate (doc, -1, "format.deeper", &line, &column));
}

static void
test_malformed (void)
{
  /* Truncated and broken documents find nothing past the damage, and never
   * read beyond the given length. */
  static const char *broken[] = { "{\"a\": [1, 2", "{\"a\" 1}", "[\"unterminated", "{,}", "" };
  guint line = 0, column = 0;

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    g_assert_false (harbor_json_locate (broken[i], -1, "a[1].b", &line, &column));

  g_assert_true (harbor_json_locate ("{\"a\": 1}xyz", 8, "a", &line, &column));
  g_assert_cmpuint (column, ==, 7);
}

static void
test_path_building (void)
{
  g_autoptr(GString) path = g_string_new (NULL);

  harbor_json_path_append_member (path, "records");
  harbor_json_path_append_index (path, 3);
  harbor_json_path_append_member (path, "offense");
  harbor_json_path_append_member (path, "odd \"name\"");
  g_assert_cmpstr (path->str, ==, "records[3].offense[\"odd \\\"name\\\"\"]");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-locate/positions", test_positions);
  g_test_add_func ("/json-locate/missing", test_missing);
  g_test_add_func ("/json-locate/malformed", test_malformed);
  g_test_add_func ("/json-locate/path-building", test_path_building);

  return g_test_run ();
}
