/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-case.c: the harbor-case/1 parser and serializer
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>

#include "harbor-case.h"

static const char full_case[] =
  "{\n"
  "  \"format\": \"harbor-case/1\",\n"
  "  \"as_of\": \"2026-11-28\",\n"
  "  \"client\": {\n"
  "    \"name\": \"Test Client\", \"aliases\": [\"T\", \"C\"],\n"
  "    \"birth_date\": \"2004-02-29\",\n"
  "    \"trafficking\": {\n"
  "      \"types\": [\"sex\", \"labor\"],\n"
  "      \"began_on\": \"2019-06-01\", \"ended_on\": \"2022-01-15\",\n"
  "      \"documentation\": [\"t_visa\", \"service_provider_affidavit\"]\n"
  "    }\n"
  "  },\n"
  "  \"records\": [{\n"
  "    \"id\": \"r1\",\n"
  "    \"jurisdiction\": \"US-OH\",\n"
  "    \"court\": \"adult\",\n"
  "    \"disposition\": \"convicted\",\n"
  "    \"offense\": {\n"
  "      \"description\": \"Soliciting\", \"statute\": \"R.C. 2907.24\",\n"
  "      \"categories\": [\"prostitution\"],\n"
  "      \"class\": \"misdemeanor\", \"degree\": \"M3\",\n"
  "      \"violent\": false, \"child_victim\": false\n"
  "    },\n"
  "    \"offense_date\": \"2021-04-02\", \"disposition_date\": \"2021-06-10\",\n"
  "    \"sentence_completed_on\": \"2021-12-10\",\n"
  "    \"sentenced_to_imprisonment\": true, \"imprisoned\": false,\n"
  "    \"result_of_trafficking\": true\n"
  "  }, {\n"
  "    \"id\": \"r2\", \"offense\": { \"categories\": [] }, \"violent\": null\n"
  "  }]\n"
  "}\n";

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *str = harbor_date_to_string (date);

  g_assert_cmpstr (str, ==, expected);
}

static void
test_parse_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) c = NULL;
  g_autofree char *doc = g_strdup (full_case);
  HarborRecord *r;

  /* r2 has a stray "violent" at record level: that must be an error. */
  c = harbor_case_parse_data (doc, -1, "case.json", &error);
  g_assert_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "case.json:29:61: records[1].violent: unknown field; expected one of id, "
                   "jurisdiction, court, disposition, offense, offense_date, disposition_date, "
                   "sentence_completed_on, sentenced_to_imprisonment, imprisoned, "
                   "result_of_trafficking");
  g_assert_null (c);
  g_clear_error (&error);

  *strstr (doc, ", \"violent\": null") = '\0';
  {
    g_autofree char *fixed = g_strconcat (doc, "\n  }]\n}\n", NULL);
    c = harbor_case_parse_data (fixed, -1, "case.json", &error);
  }
  g_assert_no_error (error);
  g_assert_nonnull (c);

  assert_date (&c->as_of, "2026-11-28");
  g_assert_cmpstr (c->client.name, ==, "Test Client");
  g_assert_cmpuint (g_strv_length (c->client.aliases), ==, 2);
  assert_date (&c->client.birth_date, "2004-02-29");
  g_assert_cmpuint (g_strv_length (c->client.trafficking.types), ==, 2);
  assert_date (&c->client.trafficking.began_on, "2019-06-01");
  assert_date (&c->client.trafficking.ended_on, "2022-01-15");
  g_assert_true (g_strv_contains ((const char * const *) c->client.trafficking.documentation,
                                  "service_provider_affidavit"));

  g_assert_cmpuint (c->records->len, ==, 2);
  r = harbor_case_find_record (c, "r1");
  g_assert_nonnull (r);
  g_assert_cmpstr (r->jurisdiction, ==, "US-OH");
  g_assert_cmpint (r->court, ==, HARBOR_COURT_ADULT);
  g_assert_cmpint (r->disposition, ==, HARBOR_DISPOSITION_CONVICTED);
  g_assert_cmpstr (r->offense.statute, ==, "R.C. 2907.24");
  g_assert_cmpint (r->offense.klass, ==, HARBOR_OFFENSE_CLASS_MISDEMEANOR);
  g_assert_cmpstr (r->offense.degree, ==, "M3");
  g_assert_cmpint (r->offense.violent, ==, HARBOR_TRI_FALSE);
  g_assert_cmpint (r->offense.child_victim, ==, HARBOR_TRI_FALSE);
  g_assert_cmpint (r->sentenced_to_imprisonment, ==, HARBOR_TRI_TRUE);
  g_assert_cmpint (r->imprisoned, ==, HARBOR_TRI_FALSE);
  g_assert_cmpint (r->result_of_trafficking, ==, HARBOR_TRI_TRUE);
  assert_date (&r->sentence_completed_on, "2021-12-10");

  /* r2: everything unknown except a known-empty category list. */
  r = harbor_case_find_record (c, "r2");
  g_assert_nonnull (r);
  g_assert_null (r->jurisdiction);
  g_assert_cmpint (r->court, ==, HARBOR_COURT_UNKNOWN);
  g_assert_cmpint (r->disposition, ==, HARBOR_DISPOSITION_UNKNOWN);
  g_assert_cmpint (r->offense.violent, ==, HARBOR_TRI_UNKNOWN);
  g_assert_nonnull (r->offense.categories);
  g_assert_cmpuint (g_strv_length (r->offense.categories), ==, 0);
  g_assert_false (g_date_valid (&r->offense_date));
  g_assert_null (harbor_case_find_record (c, "r3"));
}

static void
test_unknown_vs_false (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) c = NULL;
  HarborRecord *r;

  c = harbor_case_parse_data ("{\"format\":\"harbor-case/1\",\"records\":["
                              "{\"id\":\"a\",\"result_of_trafficking\":null,"
                              " \"offense\":{\"violent\":false}},"
                              "{\"id\":\"b\",\"result_of_trafficking\":false}]}",
                              -1, "c.json", &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (c->records, 0);
  g_assert_cmpint (r->result_of_trafficking, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpint (r->offense.violent, ==, HARBOR_TRI_FALSE);
  g_assert_null (r->offense.categories);
  r = g_ptr_array_index (c->records, 1);
  g_assert_cmpint (r->result_of_trafficking, ==, HARBOR_TRI_FALSE);
  g_assert_null (c->client.name);
  g_assert_null (c->client.trafficking.types);
  g_assert_false (g_date_valid (&c->as_of));
}

typedef struct
{
  const char *doc;
  int         code;
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "{\"format\":\"harbor-case/1\",\n \"records\":[{\"disposition\":\"convictd\"}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:2:28: records[0].disposition: expected one of arrest_only, pending, dismissed, "
    "acquitted, diverted, convicted, adjudicated_delinquent; got “convictd”" },
  { "{\"format\":\"harbor-case/1\",\"client\":{\"birth_date\":\"2023-02-29\"}}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:50: client.birth_date: expected a real calendar date (YYYY-MM-DD); "
    "got “2023-02-29”" },
  { "{\"format\":\"harbor-case/1\",\"client\":{\"birth_date\":\"2004-2-1\"}}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:50: client.birth_date: expected a real calendar date (YYYY-MM-DD); "
    "got “2004-2-1”" },
  { "{\"format\":\"harbor-case/1\",\"as_of\":20261128}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:35: as_of: expected a date (YYYY-MM-DD); got a number" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"offense\":{\"violent\":\"no\"}}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:60: records[0].offense.violent: expected true, false or null; got a string" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"offense\":{\"categories\":[\"theft\",\"stealing\"]}}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:72: records[0].offense.categories[1]: expected one of prostitution, "
    "prostitution_related, purchasing_sex, promoting_prostitution, trafficking_others, "
    "drug_possession, drug_sale, theft, fraud, forgery_identity, trespass, public_order, "
    "weapons, assault, robbery, burglary, homicide, sexual_offense, immigration_document, "
    "traffic, status_offense, other; got “stealing”" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"offense\":{\"class\":\"crime\"}}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:58: records[0].offense.class: expected one of felony, misdemeanor, petty, "
    "status; got “crime”" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"court\":\"family\"}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:47: records[0].court: expected one of adult, juvenile; got “family”" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"jurisdiction\":\"Ohio\"}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:54: records[0].jurisdiction: expected “US” or an ISO 3166-2 code such as "
    "“US-OH”; got “Ohio”" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"id\":\"r1\"},\n{\"id\":\"r1\"}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:2:7: records[1].id: duplicate record id “r1” (also records[0])" },
  { "{\"format\":\"harbor-case/1\",\"records\":[{\"id\":\"\"}]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:44: records[0].id: a record id must not be empty" },
  { "{\"format\":\"harbor-case/1\",\"client\":{\"nmae\":\"x\"}}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:44: client.nmae: unknown field; expected one of name, aliases, birth_date, "
    "trafficking" },
  { "{\"format\":\"harbor-case/1\",\"client\":{\"trafficking\":{\"types\":[\"sex\",\"forced\"]}}}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:67: client.trafficking.types[1]: expected one of sex, labor; got “forced”" },
  { "{\"format\":\"harbor-case/1\",\"client\":{\"trafficking\":{\"began_on\":\"2020-01-01\","
    "\"ended_on\":\"2019-01-01\"}}}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:87: client.trafficking.ended_on: the trafficking cannot end before it began" },
  { "{\"format\":\"harbor-case/1\",\"records\":{}}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:37: records: expected an array of records; got an object" },
  { "{\"format\":\"harbor-case/1\",\"records\":[42]}",
    HARBOR_CASE_ERROR_INVALID,
    "case.json:1:38: records[0]: expected an object; got a number" },
  { "{\"format\":\"harbor-case/1\",\n  \"records\": [ tru ]}",
    HARBOR_CASE_ERROR_PARSE,
    "case.json:2:18: malformed JSON: unexpected identifier `tru', expected value" },
  { "{\"format\":\"harbor-case/1\",\"as_of\":\"2026-01-01\",\n\"as_of\":\"2026-01-02\"}",
    HARBOR_CASE_ERROR_PARSE,
    "case.json:2:20: malformed JSON: duplicate member “as_of”" },
  { "", HARBOR_CASE_ERROR_PARSE, "case.json:1:1: malformed JSON: the document is empty" },
  { "[]", HARBOR_CASE_ERROR_INVALID, "case.json:1:1: expected a harbor-case/1 object; got an array" },
  { "{\"records\":[]}", HARBOR_CASE_ERROR_FORMAT,
    "case.json:1:1: format: missing; expected “harbor-case/1”" },
  { "{\"format\":\"harbor-case/2\"}", HARBOR_CASE_ERROR_FORMAT,
    "case.json:1:11: format: expected “harbor-case/1”; got “harbor-case/2”" },
};

static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) c = NULL;
  GString *doc = g_string_new ("{\"format\":\"harbor-case/1\",\"records\":");

  /* Deep enough to overflow a recursive parser's stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (doc, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (doc, ']');
  g_string_append_c (doc, '}');

  c = harbor_case_parse_data (doc->str, doc->len, "case.json", &error);
  g_assert_null (c);
  g_assert_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "case.json:1:292: malformed JSON: nested deeper than 256 levels");
  g_string_free (doc, TRUE);
}

static void
test_bad_input (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HarborCase) c = NULL;

      g_test_message ("bad case %u", i);
      c = harbor_case_parse_data (bad_cases[i].doc, -1, "case.json", &error);
      g_assert_null (c);
      g_assert_error (error, HARBOR_CASE_ERROR, bad_cases[i].code);
      g_assert_cmpstr (error->message, ==, bad_cases[i].message);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) c1 = NULL;
  g_autoptr(HarborCase) c2 = NULL;
  g_autoptr(HarborCase) c3 = NULL;
  g_autofree char *doc = g_strdup (full_case);
  g_autofree char *fixed = NULL;
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  *strstr (doc, ", \"violent\": null") = '\0';
  fixed = g_strconcat (doc, "\n  }]\n}\n", NULL);
  c1 = harbor_case_parse_data (fixed, -1, "case.json", &error);
  g_assert_no_error (error);

  out1 = harbor_case_to_data (c1, NULL);
  c2 = harbor_case_parse_data (out1, -1, "out.json", &error);
  g_assert_no_error (error);
  out2 = harbor_case_to_data (c2, NULL);
  g_assert_cmpstr (out1, ==, out2);

  /* Stable order: format first, then as_of, client, records. */
  g_assert_true (g_str_has_prefix (out1, "{\n  \"format\" : \"harbor-case/1\",\n  \"as_of\""));
  g_assert_nonnull (strstr (out1, "\"categories\" : [\n"));
  /* The known-empty category list survives; the unknown fields stay out. */
  g_assert_nonnull (strstr (out1, "\"categories\" : []"));
  g_assert_null (strstr (out1, "null"));

  c3 = harbor_case_copy (c2);
  out3 = harbor_case_to_data (c3, NULL);
  g_assert_cmpstr (out3, ==, out1);
}

static void
test_record_standalone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRecord) r = NULL;
  g_autoptr(HarborRecord) r2 = NULL;
  g_autofree char *data = NULL;

  r = harbor_record_parse_data ("{\"id\":\"x\",\"offense\":{\"class\":\"big\"}}", -1, &error);
  g_assert_null (r);
  g_assert_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "<record>:1:30: record.offense.class: expected one of felony, misdemeanor, "
                   "petty, status; got “big”");
  g_clear_error (&error);

  r = harbor_record_parse_data ("{\"id\":\"x\",\"jurisdiction\":\"US\",\"disposition\":\"pending\","
                                "\"offense\":{\"violent\":true}}", -1, &error);
  g_assert_no_error (error);
  data = harbor_record_to_data (r);
  r2 = harbor_record_parse_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r2->jurisdiction, ==, "US");
  g_assert_cmpint (r2->disposition, ==, HARBOR_DISPOSITION_PENDING);
  g_assert_cmpint (r2->offense.violent, ==, HARBOR_TRI_TRUE);
}

static void
test_dates (void)
{
  GDate d;
  g_autofree char *s = NULL;

  g_assert_true (harbor_date_parse ("2024-02-29", &d));
  g_assert_true (harbor_date_parse ("2000-02-29", &d));
  g_assert_false (harbor_date_parse ("1900-02-29", &d));
  g_assert_false (g_date_valid (&d));
  g_assert_false (harbor_date_parse ("2100-02-29", &d));
  g_assert_false (harbor_date_parse ("2023-13-01", &d));
  g_assert_false (harbor_date_parse ("2023-04-31", &d));
  g_assert_false (harbor_date_parse ("0000-01-01", &d));
  g_assert_false (harbor_date_parse ("2023-01-01T00", &d));
  g_assert_false (harbor_date_parse ("2023/01/01", &d));
  g_assert_false (harbor_date_parse (" 2023-01-1", &d));
  g_assert_false (harbor_date_parse (NULL, &d));
  g_assert_true (harbor_date_parse ("0999-12-31", &d));
  s = harbor_date_to_string (&d);
  g_assert_cmpstr (s, ==, "0999-12-31");
}

static void
test_vocabularies (void)
{
  HarborDisposition disposition;
  HarborCourt court;
  HarborOffenseClass klass;

  for (guint i = 0; harbor_disposition_names ()[i] != NULL; i++)
    {
      g_assert_true (harbor_disposition_from_string (harbor_disposition_names ()[i], &disposition));
      g_assert_cmpstr (harbor_disposition_to_string (disposition), ==, harbor_disposition_names ()[i]);
    }
  g_assert_false (harbor_disposition_from_string ("convictd", &disposition));
  g_assert_null (harbor_disposition_to_string (HARBOR_DISPOSITION_UNKNOWN));
  g_assert_true (harbor_court_from_string ("juvenile", &court));
  g_assert_cmpint (court, ==, HARBOR_COURT_JUVENILE);
  g_assert_true (harbor_offense_class_from_string ("status", &klass));
  g_assert_cmpint (klass, ==, HARBOR_OFFENSE_CLASS_STATUS);
  g_assert_cmpuint (g_strv_length ((char **) harbor_offense_categories ()), ==, 22);
  g_assert_true (harbor_name_in_vocabulary (harbor_documentation_kinds (), "t_visa"));
  g_assert_false (harbor_name_in_vocabulary (harbor_documentation_kinds (), "passport"));
}

static void
test_parse_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) c = NULL;

  c = harbor_case_parse_file ("/nonexistent/harbor/case.json", &error);
  g_assert_null (c);
  g_assert_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/harbor/case.json: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case/parse/full", test_parse_full);
  g_test_add_func ("/case/parse/unknown-vs-false", test_unknown_vs_false);
  g_test_add_func ("/case/parse/bad-input", test_bad_input);
  g_test_add_func ("/case/parse/deep-nesting", test_deep_nesting);
  g_test_add_func ("/case/parse/file", test_parse_file);
  g_test_add_func ("/case/record/standalone", test_record_standalone);
  g_test_add_func ("/case/serialize/round-trip", test_round_trip);
  g_test_add_func ("/case/dates", test_dates);
  g_test_add_func ("/case/vocabularies", test_vocabularies);

  return g_test_run ();
}
