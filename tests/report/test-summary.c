/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-summary.c: the attorney referral summary (PDF)
 *
 * Copyright 2026 The Harbor authors
 *
 * The text of the PDF is read back with pdftotext (poppler-utils) and
 * compared with whitespace and hyphens removed, since lines wrap anywhere
 * and pdftotext joins a word hyphenated at the end of a line.
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "harbor-core.h"
#include "harbor-facts.h"
#include "harbor-report-summary.h"
#include "report-test-util.h"

#define GOLDEN "US-OH/us-oh-expungement-predicate.json"
#define CLIENT_NAME "Rosalind Quenby Ñúñez-Zoë"
#define OTHER_CASE \
  "{ \"format\": \"harbor-case/1\",\n" \
  "  \"client\": { \"name\": \"Xanthe Otherclient\", \"aliases\": [\"Zephyrine\"],\n" \
  "              \"birth_date\": \"1977-07-07\" },\n" \
  "  \"records\": [ { \"id\": \"o1\", \"jurisdiction\": \"US-OH\", \"disposition\": \"convicted\",\n" \
  "                   \"offense\": { \"description\": \"Kumquat smuggling\", \"statute\": \"R.C. 9999.99\" } } ] }\n"

typedef struct
{
  char             *dir;
  HarborVault      *vault;
  HarborRules      *rules;
  char             *client_id;
  char             *other_id;
  GHashTable       *record_ids;     /* golden record id -> vault id */
} Fixture;

static const struct
{
  const char *golden;
  const char *category;
} record_map[] = {
  { "soliciting", "prostitution_related" },
  { "burglary-f2", "burglary" },
  { "homicide", "homicide" },
  { "sexual", "sexual_offense" },
};

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vault_dir = NULL;
  g_autofree char *json = rt_golden_case (GOLDEN, CLIENT_NAME);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *list_id = NULL;
  g_autofree char *other_list = NULL;
  static const char * const done[] = { "2026-10-01", NULL, NULL, NULL };

  f->dir = harbor_test_make_tmpdir ("report");
  vault_dir = g_build_filename (f->dir, "vault", NULL);
  f->vault = rt_create_vault (vault_dir);
  f->rules = harbor_rules_load (NULL, &error);
  g_assert_no_error (error);
  f->client_id = rt_import_case (f->vault, json);
  f->other_id = rt_import_case (f->vault, OTHER_CASE);
  event_id = rt_add_event (f->vault, f->other_id, "note", "2026-03-03", "Nightingale secret note");

  f->record_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  records = harbor_vault_list_records (f->vault, f->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (record_map));
  for (guint i = 0; i < records->len; i++)
    {
      const HarborRecord *record = g_ptr_array_index (records, i);

      for (guint j = 0; j < G_N_ELEMENTS (record_map); j++)
        if (g_strv_contains ((const char * const *) record->offense.categories, record_map[j].category))
          g_hash_table_insert (f->record_ids, (gpointer) record_map[j].golden, g_strdup (record->id));
    }
  g_assert_cmpuint (g_hash_table_size (f->record_ids), ==, G_N_ELEMENTS (record_map));

  list_id = rt_add_checklist (f->vault, f->client_id, g_hash_table_lookup (f->record_ids, "soliciting"),
                              "us-oh-safe-harbor-expungement", 4, done);
  {
    g_autoptr(GPtrArray) other_records = harbor_vault_list_records (f->vault, f->other_id, &error);
    g_assert_no_error (error);
    other_list = rt_add_checklist (f->vault, f->other_id,
                                   ((HarborRecord *) g_ptr_array_index (other_records, 0))->id,
                                   "us-oh-safe-harbor-expungement", 7, NULL);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->vault);
  g_clear_pointer (&f->rules, harbor_rules_free);
  g_clear_pointer (&f->record_ids, g_hash_table_unref);
  g_free (f->client_id);
  g_free (f->other_id);
  harbor_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* pdftotext's output for @pdf (pages separated by form feeds). */
static char *
pdf_text (const char *dir,
          GBytes     *pdf)
{
  g_autofree char *path = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    g_error ("pdftotext (poppler-utils) is needed by this test: build-aux/harbor-dev deps installs it");
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), NULL));
  {
    const char *argv[] = { program, "-enc", "UTF-8", path, "-", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *squeezed,
            const char *needle)
{
  g_autofree char *n = squeeze (needle);

  if (strstr (squeezed, n) == NULL)
    g_error ("the summary lacks “%s”", needle);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  g_autofree char *s = squeeze (text);
  g_autofree char *n = squeeze (needle);

  if (strstr (s, n) != NULL)
    g_error ("the summary has “%s”, which it must not", needle);
}

static const char *
status_label (const char *status)
{
  if (g_str_equal (status, "available"))
    return "Available";
  if (g_str_equal (status, "not_yet"))
    return "Not yet";
  if (g_str_equal (status, "needs_info"))
    return "Needs information";
  return "Not available";
}

/* Every page has the disclaimer and "Page i of n"; returns n. */
static guint
check_pages (const char *text)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  guint n = 0;

  for (guint i = 0; pages[i] != NULL; i++)
    if (g_strstrip (pages[i])[0] != '\0')
      n++;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *page = squeeze (pages[i]);
      g_autofree char *number = g_strdup_printf ("Page%uof%u", i + 1, n);

      g_assert_nonnull (strstr (page, "Legalinformation,notlegaladvice."));
      g_assert_nonnull (strstr (page, number));
    }
  return n;
}

static void
test_known_case (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *golden_path = g_build_filename (g_getenv ("HARBOR_SOURCE_DIR"), "tests", "cases", GOLDEN, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(HarborEvaluation) evaluation = NULL;
  JsonArray *expect;
  GDate as_of;
  guint n_pages;

  g_assert_true (harbor_date_parse ("2026-11-28", &as_of));
  pdf = harbor_report_summary_to_pdf (f->vault, f->rules, f->client_id, NULL, &as_of, "Legal Aid of Testville", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  /* PDF 1.4, for old viewers. */
  g_assert_cmpint (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-1.4", 8), ==, 0);

  text = pdf_text (f->dir, pdf);
  squeezed = squeeze (text);
  n_pages = check_pages (text);
  g_assert_cmpuint (n_pages, >=, 2);
  g_test_message ("%u pages", n_pages);

  assert_has (squeezed, "Referral summary for an attorney");
  assert_has (squeezed, "Client: " CLIENT_NAME);
  assert_has (squeezed, "Prepared for: Legal Aid of Testville");
  assert_has (squeezed, "Answers as of 2026-11-28");
  assert_has (squeezed, "Offense: R.C. 2907.24; misdemeanor M3");
  assert_has (squeezed, "Offense date: 2016-04-02; outcome date: 2016-06-10");
  assert_has (squeezed, "Outcome: convicted");
  assert_has (squeezed, "Result of having been trafficked: yes");
  assert_has (squeezed, "Checklist: 1 of 4 steps done");
  assert_has (squeezed, "Earliest filing date: no waiting period applies");

  /* Every expectation of the golden case shows with its status, title and
   * citation; review points and reasons with their citations. */
  json_parser_load_from_file (parser, golden_path, &error);
  g_assert_no_error (error);
  expect = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "expect");
  kase = harbor_vault_export_case (f->vault, f->client_id, &error);
  g_assert_no_error (error);
  evaluation = harbor_engine_evaluate (f->rules, kase, &as_of);
  for (guint i = 0; i < json_array_get_length (expect); i++)
    {
      JsonObject *e = json_array_get_object_element (expect, i);
      const char *record = g_hash_table_lookup (f->record_ids, json_object_get_string_member (e, "record"));
      const char *pathway_id = json_object_get_string_member (e, "pathway");
      const char *status = json_object_get_string_member (e, "status");
      const HarborPathwayResult *result = harbor_evaluation_find (evaluation, record, pathway_id);
      const HarborPathway *pathway;
      g_autofree char *heading = NULL;
      g_autofree char *citation = NULL;
      g_autofree char *reviewed = NULL;
      g_autofree char *rule_line = NULL;
      gboolean out_of_scope = FALSE;

      g_assert_nonnull (result);
      pathway = result->pathway;
      g_assert_cmpstr (harbor_status_to_string (result->status), ==, status);
      if (json_object_has_member (e, "failing"))
        {
          JsonArray *failing = json_object_get_array_member (e, "failing");
          out_of_scope = json_array_get_length (failing) == 1 &&
                         g_str_equal (json_array_get_string_element (failing, 0), "applies_to");
        }
      citation = g_strdup_printf ("Citation: %s", pathway->citation);
      heading = g_strdup_printf ("%s — %s (%s)", status_label (status), pathway->title, pathway->kind);
      if (out_of_scope)
        {
          /* Listed apart, in one line, as not covering this record. */
          g_autofree char *mention = g_strdup_printf ("%s (%s)", pathway->title, pathway->citation);
          assert_has (squeezed, mention);
          continue;
        }
      assert_has (squeezed, heading);
      assert_has (squeezed, citation);
      reviewed = harbor_date_to_string (&pathway->reviewed);
      rule_line = g_strdup_printf ("Rule reviewed %s; confidence: %s.", reviewed, pathway->confidence);
      assert_has (squeezed, rule_line);
      for (guint k = 0; k < result->needs_review->len; k++)
        {
          const HarborReviewPoint *point = g_ptr_array_index (result->needs_review, k);
          assert_has (squeezed, point->question);
        }
      for (guint k = 0; pathway->sources != NULL && k < pathway->sources->len; k++)
        {
          const HarborSource *source = g_ptr_array_index (pathway->sources, k);
          g_autofree char *line = g_strdup_printf ("Source: %s (%s)", source->description, source->url);
          assert_has (squeezed, line);
        }
      for (guint k = 0; result->status != HARBOR_STATUS_NOT_AVAILABLE && k < result->evidence->len; k++)
        {
          const HarborEvidenceResult *item = g_ptr_array_index (result->evidence, k);
          assert_has (squeezed, item->evidence->text);
        }
      for (guint k = 0; k < result->reasons->len; k++)
        {
          const HarborReason *reason = g_ptr_array_index (result->reasons, k);
          g_autofree char *line = g_strdup_printf ("%s (%s)", reason->text,
                                                   reason->citation ? reason->citation : pathway->citation);
          assert_has (squeezed, line);
        }
    }
  assert_has (squeezed, "Status: Needs information");
  assert_has (squeezed, "Points for legal review:");

  /* Nothing of the other client. */
  assert_lacks (text, "Xanthe");
  assert_lacks (text, "Otherclient");
  assert_lacks (text, "Zephyrine");
  assert_lacks (text, "Kumquat");
  assert_lacks (text, "9999.99");
  assert_lacks (text, "1977-07-07");
  assert_lacks (text, "Nightingale");
  assert_lacks (text, "of 7 steps");
}

static void
test_chosen_records (Fixture       *f,
                     gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  const char *only[] = { g_hash_table_lookup (f->record_ids, "burglary-f2"), NULL };
  const char *foreign[] = { "0123456789abcdef0123456789abcdef", NULL };
  GDate as_of;

  g_assert_true (harbor_date_parse ("2026-11-28", &as_of));
  pdf = harbor_report_summary_to_pdf (f->vault, f->rules, f->client_id, only, &as_of, NULL, &error);
  g_assert_no_error (error);
  text = pdf_text (f->dir, pdf);
  squeezed = squeeze (text);
  check_pages (text);
  assert_has (squeezed, "Record 1:");
  assert_has (squeezed, "categories: burglary");
  /* The burglary qualifies through the soliciting conviction, which the
   * engine still sees even though the summary leaves it out. */
  assert_has (squeezed, "Status: Available");
  assert_lacks (text, "Record 2:");
  assert_lacks (text, "R.C. 2907.24");
  assert_lacks (text, "categories: homicide");
  assert_lacks (text, "Checklist: 1 of 4");

  /* A record of another client is refused. */
  g_clear_pointer (&pdf, g_bytes_unref);
  pdf = harbor_report_summary_to_pdf (f->vault, f->rules, f->client_id, foreign, &as_of, NULL, &error);
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID);
  g_assert_null (pdf);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) other = harbor_vault_list_records (f->vault, f->other_id, &error);
    const char *theirs[] = { ((HarborRecord *) g_ptr_array_index (other, 0))->id, NULL };

    g_assert_no_error (error);
    pdf = harbor_report_summary_to_pdf (f->vault, f->rules, f->client_id, theirs, &as_of, NULL, &error);
    g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID);
    g_assert_null (pdf);
  }
}

/* Unknown jurisdiction, a jurisdiction without rules, a description that
 * is one long word, many records; and a client without records. */
static void
test_edge_cases (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{ \"format\": \"harbor-case/1\", \"client\": { \"name\": \"Edge Case\" },\n"
                                          "  \"records\": [\n"
                                          "    { \"id\": \"a\", \"disposition\": \"convicted\" },\n"
                                          "    { \"id\": \"b\", \"jurisdiction\": \"US-PR\", \"disposition\": \"dismissed\" },\n");
  g_autofree char *long_word = NULL;
  g_autofree char *id = NULL;
  g_autofree char *empty_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autoptr(GBytes) pdf = NULL;
  GString *word = g_string_new (NULL);
  const char *question = harbor_fact_question ("record.jurisdiction");
  guint n_pages;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (word, "Segment%02u", i);
  long_word = g_string_free (word, FALSE);
  g_string_append_printf (json, "    { \"id\": \"c\", \"jurisdiction\": \"US-OH\", \"offense\": { \"description\": \"%s\" } }",
                          long_word);
  for (guint i = 0; i < 25; i++)
    g_string_append_printf (json, ",\n    { \"id\": \"n%u\", \"jurisdiction\": \"US-NY\", \"court\": \"adult\", "
                            "\"disposition\": \"convicted\", \"offense\": { \"categories\": [\"prostitution\"], "
                            "\"class\": \"misdemeanor\" } }", i);
  g_string_append (json, " ] }\n");
  id = rt_import_case (f->vault, json->str);

  pdf = harbor_report_summary_to_pdf (f->vault, f->rules, id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = pdf_text (f->dir, pdf);
  squeezed = squeeze (text);
  n_pages = check_pages (text);
  g_assert_cmpuint (n_pages, >=, 10);
  g_assert_nonnull (question);
  assert_has (squeezed, "Questions that would decide which laws apply:");
  assert_has (squeezed, question);
  assert_has (squeezed, "Jurisdiction: US-PR");
  assert_has (squeezed, "Harbor has no relief laws for this jurisdiction in its rule data.");
  assert_has (squeezed, long_word);
  assert_has (squeezed, "Record 28:");
  assert_lacks (text, "Record 29:");
  assert_lacks (text, CLIENT_NAME);

  empty_id = rt_import_case (f->vault, "{ \"format\": \"harbor-case/1\", \"client\": { \"name\": \"No Records\" } }");
  g_clear_pointer (&pdf, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&squeezed, g_free);
  pdf = harbor_report_summary_to_pdf (f->vault, f->rules, empty_id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  text = pdf_text (f->dir, pdf);
  squeezed = squeeze (text);
  g_assert_cmpuint (check_pages (text), ==, 1);
  assert_has (squeezed, "Client: No Records");
  assert_has (squeezed, "No criminal-history records are on file for this client.");
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The printing path: paginate for another page size (A4, as a
 * GtkPrintOperation would in begin-print), then draw page by page. */
static void
test_print_pages (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborReportSummary) summary = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_a4, n_small;
  GDate as_of;

  g_assert_true (harbor_date_parse ("2026-11-28", &as_of));
  summary = harbor_report_summary_new (f->vault, f->rules, f->client_id, NULL, &as_of, NULL, &error);
  g_assert_no_error (error);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  cr = cairo_create (surface);
  n_a4 = harbor_report_summary_paginate (summary, cr, 595, 842);
  g_assert_cmpuint (n_a4, >=, 2);
  g_assert_cmpuint (harbor_report_summary_get_n_pages (summary), ==, n_a4);
  for (guint i = 0; i < n_a4; i++)
    {
      harbor_report_summary_draw_page (summary, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  pdf = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  text = pdf_text (f->dir, pdf);
  g_assert_cmpuint (check_pages (text), ==, n_a4);
  squeezed = squeeze (text);
  assert_has (squeezed, "Client: " CLIENT_NAME);
  assert_has (squeezed, "Checklist: 1 of 4 steps done");

  /* A smaller page takes more pages. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cr = cairo_create (surface);
  n_small = harbor_report_summary_paginate (summary, cr, 420, 595);
  g_assert_cmpuint (n_small, >, n_a4);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_releases (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  GDate on;

  g_assert_true (harbor_date_parse ("2026-11-28", &on));

  /* No release on file: nothing to check. */
  g_assert_true (harbor_report_check_release (f->vault, f->client_id, NULL, &on, &error));
  g_assert_no_error (error);

  a = rt_add_consent (f->vault, f->client_id, "Expired Legal Aid", "2024-01-01", "2026-11-27", NULL);
  b = rt_add_consent (f->vault, f->client_id, "Revoked Law Office", "2024-01-01", "2027-12-31", "2026-11-28");
  c = rt_add_consent (f->vault, f->client_id, "Good Legal Aid", "2026-01-01", "2026-11-28", NULL);
  d = rt_add_consent (f->vault, f->client_id, "Future Firm", "2026-12-01", NULL, NULL);

  /* With releases on file, the recipient must be named. */
  g_assert_false (harbor_report_check_release (f->vault, f->client_id, NULL, &on, &error));
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_clear_error (&error);

  g_assert_false (harbor_report_check_release (f->vault, f->client_id, "Expired Legal Aid", &on, &error));
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_assert_nonnull (strstr (error->message, "expired on 2026-11-27"));
  g_clear_error (&error);

  /* Revoked on the day: no longer in effect. */
  g_assert_false (harbor_report_check_release (f->vault, f->client_id, "revoked law office", &on, &error));
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_assert_nonnull (strstr (error->message, "revoked on 2026-11-28"));
  g_clear_error (&error);

  g_assert_false (harbor_report_check_release (f->vault, f->client_id, "Future Firm", &on, &error));
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_clear_error (&error);

  g_assert_false (harbor_report_check_release (f->vault, f->client_id, "Someone Else", &on, &error));
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_assert_nonnull (strstr (error->message, "no release"));
  g_clear_error (&error);

  /* Expires today: still in effect; the name matches without regard to
   * case or surrounding spaces. */
  g_assert_true (harbor_report_check_release (f->vault, f->client_id, "  good LEGAL aid ", &on, &error));
  g_assert_no_error (error);

  /* A deleted release no longer gates anything it covered. */
  g_assert_true (harbor_vault_delete (f->vault, HARBOR_VAULT_KIND_CONSENT, c, &error));
  g_assert_no_error (error);
  g_assert_false (harbor_report_check_release (f->vault, f->client_id, "Good Legal Aid", &on, &error));
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_clear_error (&error);

  /* The other client has no release: not gated. */
  g_assert_true (harbor_report_check_release (f->vault, f->other_id, NULL, &on, &error));
  g_assert_no_error (error);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *vault_dir = g_build_filename (f->dir, "vault", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *rules_dir = g_strdup (g_getenv ("HARBOR_RULES_DIR"));
  const char *input = RT_PASSPHRASE "\n";

  /* The CLI opens the vault itself. */
  harbor_vault_lock (f->vault);
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, NULL, "report", "summary", "--help", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "--to"));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, "--as-of", "2026-02-30", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, "wrong passphrase\n", "report", "summary", vault_dir, f->client_id, out, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  /* No release on file: written. */
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out,
            "--as-of", "2026-11-28", "--rules", rules_dir, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, out));
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    /* A plain document with client data: readable by its owner only. */
    {
      GStatBuf st;
      g_assert_cmpint (g_stat (out, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  }
  /* Refuses to overwrite without --force. */
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "--force"));
  }
  g_assert_cmpint (g_remove (out), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    g_assert_true (harbor_vault_unlock (f->vault, RT_PASSPHRASE, &error));
    g_assert_no_error (error);
    a = rt_add_consent (f->vault, f->client_id, "Expired Legal Aid", "2020-01-01", "2021-01-01", NULL);
    b = rt_add_consent (f->vault, f->client_id, "Revoked Law Office", "2020-01-01", NULL, "2021-06-01");
    c = rt_add_consent (f->vault, f->client_id, "Good Legal Aid", "2020-01-01", NULL, NULL);
    harbor_vault_lock (f->vault);
  }
  /* Releases on file: --to is required and must be in effect. */
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "--to"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, "--to", "Expired Legal Aid", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "expired on 2021-01-01"));
    g_assert_cmpstr (strchr (r.err, '\n'), ==, r.err + strlen (r.err) - 1);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, "--to", "Revoked Law Office", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "revoked on 2021-06-01"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, "--to", "Good Legal Aid",
            "--as-of", "2026-11-28", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  }
  /* A record that is not this client's is bad input. */
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, f->client_id, out, "--force", "--to", "Good Legal Aid",
            "--record", "0123456789abcdef0123456789abcdef", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  /* A client id that is not in the vault. */
  {
    g_auto(RtRun) r = { 0 };
    rt_cli (&r, input, "report", "summary", vault_dir, "0123456789abcdef0123456789abcdef",
            out, "--force", NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_cmpuint (strlen (r.err), >, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  if (!harbor_core_init (&error))
    g_error ("%s", error->message);

  g_test_add ("/report/summary/known-case", Fixture, NULL, fixture_set_up, test_known_case, fixture_tear_down);
  g_test_add ("/report/summary/chosen-records", Fixture, NULL, fixture_set_up, test_chosen_records, fixture_tear_down);
  g_test_add ("/report/summary/edge-cases", Fixture, NULL, fixture_set_up, test_edge_cases, fixture_tear_down);
  g_test_add ("/report/summary/print-pages", Fixture, NULL, fixture_set_up, test_print_pages, fixture_tear_down);
  g_test_add ("/report/summary/releases", Fixture, NULL, fixture_set_up, test_releases, fixture_tear_down);
  g_test_add ("/report/summary/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  return g_test_run ();
}
