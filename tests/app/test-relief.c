/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-relief.c: the relief section shows the engine's answers and keeps checklists
 *
 * Copyright 2026 The Harbor authors
 *
 * The case is the Ohio soliciting conviction whose answer the engine's golden
 * case tests/cases/US-OH/us-oh-expungement-predicate.json pins down.
 */

#include "config.h"

#include "harbor-client-page.h"
#include "harbor-relief-view.h"
#include "harbor-test-utils.h"
#include "harbor-vault.h"

#define PATHWAY "us-oh-safe-harbor-expungement"

typedef struct
{
  char        *dir;
  HarborVault *vault;
  HarborRules *rules;
  char        *client_id;
  char        *record_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autoptr(HarborRecord) record = harbor_record_new ();
  g_autofree char *parent = harbor_test_make_tmpdir ("relief");

  f->dir = g_build_filename (parent, "vault", NULL);
  f->vault = harbor_test_create_vault (f->dir, HARBOR_TEST_PASSPHRASE);

  f->rules = harbor_rules_load (g_getenv ("HARBOR_RULES_DIR"), &error);
  g_assert_no_error (error);

  client->display_name = g_strdup ("Test Client");
  client->birth_date = g_strdup ("1994-05-02");
  client->trafficking_types = g_strsplit ("sex", ",", -1);
  client->trafficking_began_on = g_strdup ("2014-01-01");
  client->trafficking_ended_on = g_strdup ("2020-01-01");
  f->client_id = harbor_vault_add_client (f->vault, client, &error);
  g_assert_no_error (error);

  record->jurisdiction = g_strdup ("US-OH");
  record->court = HARBOR_COURT_ADULT;
  record->disposition = HARBOR_DISPOSITION_CONVICTED;
  record->offense.description = g_strdup ("Soliciting");
  record->offense.statute = g_strdup ("R.C. 2907.24");
  record->offense.categories = g_strsplit ("prostitution_related", ",", -1);
  record->offense.klass = HARBOR_OFFENSE_CLASS_MISDEMEANOR;
  record->offense.degree = g_strdup ("M3");
  record->offense.violent = HARBOR_TRI_FALSE;
  g_date_set_dmy (&record->offense_date, 2, G_DATE_APRIL, 2016);
  g_date_set_dmy (&record->disposition_date, 10, G_DATE_JUNE, 2016);
  /* Unknown at first: the relief section will ask. */
  record->result_of_trafficking = HARBOR_TRI_UNKNOWN;
  f->record_id = harbor_vault_add_record (f->vault, f->client_id, record, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->dir);

  harbor_vault_lock (f->vault);
  g_clear_object (&f->vault);
  g_clear_pointer (&f->rules, harbor_rules_free);
  harbor_test_remove_tree (parent);
  g_free (f->dir);
  g_free (f->client_id);
  g_free (f->record_id);
}

static const HarborPathwayResult *
ohio_result (HarborReliefView *relief,
             Fixture          *f)
{
  const HarborEvaluation *evaluation = harbor_relief_view_get_evaluation (relief);

  g_assert_nonnull (evaluation);
  return harbor_evaluation_find (evaluation, f->record_id, PATHWAY);
}

static gboolean
nexus_known (gpointer data)
{
  gpointer *args = data;
  const HarborPathwayResult *result = ohio_result (args[0], args[1]);

  return result != NULL && result->status == HARBOR_STATUS_AVAILABLE;
}

static void
test_answers_and_checklist (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = harbor_client_page_new (f->vault, f->rules, f->client_id);
  HarborReliefView *relief = harbor_client_page_get_relief_view (HARBOR_CLIENT_PAGE (page));
  const HarborPathwayResult *result;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  gpointer args[2] = { relief, f };

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  harbor_client_page_show_section (HARBOR_CLIENT_PAGE (page), "relief");
  gtk_window_present (GTK_WINDOW (window));

  /* Whether the conviction came from the trafficking is not recorded: the
   * answer is "needs information", asking exactly that, with its citation. */
  result = ohio_result (relief, f);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, HARBOR_STATUS_NEEDS_INFO);
  g_assert_cmpuint (result->missing_facts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->missing_facts, 0), ==, "record.result_of_trafficking");
  g_assert_cmpstr (result->pathway->citation, ==, "Ohio Rev. Code § 2953.36(A)(1)");
  g_assert_null (harbor_relief_view_get_checklist (relief, f->record_id, PATHWAY));

  /* The question is answered right there. */
  harbor_test_click (GTK_WIDGET (relief), "Yes");
  g_assert_true (harbor_test_wait (nexus_known, args, 5000));
  result = ohio_result (relief, f);
  g_assert_cmpint (result->status, ==, HARBOR_STATUS_AVAILABLE);
  g_assert_cmpuint (result->checklist->len, >, 3);

  shot = harbor_test_screenshot (window, "relief-ohio-available");
  g_test_message ("screenshot: %s", shot);

  /* Start the checklist and tick the first item. */
  g_assert_true (harbor_relief_view_start_checklist (relief, f->record_id, PATHWAY, &error));
  g_assert_no_error (error);
  items = harbor_relief_view_get_checklist (relief, f->record_id, PATHWAY);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, ohio_result (relief, f)->checklist->len);
  g_assert_true (harbor_relief_view_set_item_done (relief, ((HarborVaultChecklistItem *) g_ptr_array_index (items, 0))->id,
                                                   TRUE, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Lock and unlock: the tick is still there. */
  harbor_vault_lock (f->vault);
  g_assert_true (harbor_vault_unlock (f->vault, HARBOR_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  {
    GtkWidget *again = harbor_client_page_new (f->vault, f->rules, f->client_id);
    HarborReliefView *relief_again = harbor_client_page_get_relief_view (HARBOR_CLIENT_PAGE (again));
    g_autoptr(GPtrArray) kept = harbor_relief_view_get_checklist (relief_again, f->record_id, PATHWAY);
    HarborVaultChecklistItem *first;

    g_object_ref_sink (again);
    g_assert_nonnull (kept);
    first = g_ptr_array_index (kept, 0);
    g_assert_cmpstr (first->status, ==, "done");
    g_assert_nonnull (first->done_on);
    g_assert_cmpstr (((HarborVaultChecklistItem *) g_ptr_array_index (kept, 1))->status, ==, "todo");
    g_object_unref (again);
  }
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
record_cb (HarborReliefView *relief,
           const char       *record_id,
           char            **out)
{
  g_free (*out);
  *out = g_strdup (record_id);
}

static void
test_answer_in_editor (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HarborVaultClient) client = harbor_vault_get_client (f->vault, f->client_id, NULL);
  g_autoptr(HarborRecord) record = harbor_vault_get_record (f->vault, f->record_id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *edited_record = NULL;
  HarborReliefView *relief = HARBOR_RELIEF_VIEW (g_object_ref_sink (harbor_relief_view_new ()));
  guint client_edits = 0;

  /* Unknown trafficking and an unknown place: both asked, each with a way
   * to answer it right there. */
  g_clear_pointer (&client->trafficking_types, g_strfreev);
  g_assert_true (harbor_vault_update_client (f->vault, client, &error));
  record->result_of_trafficking = HARBOR_TRI_TRUE;
  g_assert_true (harbor_vault_update_record (f->vault, record, &error));

  g_signal_connect (relief, "edit-client", G_CALLBACK (count_cb), &client_edits);
  g_signal_connect (relief, "edit-record", G_CALLBACK (record_cb), &edited_record);
  harbor_relief_view_set_client (relief, f->vault, f->rules, f->client_id);

  g_assert_cmpint (ohio_result (relief, f)->status, ==, HARBOR_STATUS_NEEDS_INFO);
  harbor_test_click (GTK_WIDGET (relief), "_Answer…");
  g_assert_cmpuint (client_edits, ==, 1);
  g_assert_null (edited_record);

  g_object_unref (relief);
}

static void
test_questions (void)
{
  g_autofree char *q1 = harbor_missing_fact_question ("record.result_of_trafficking");
  g_autofree char *q2 = harbor_missing_fact_question ("records[2].disposition");
  g_autofree char *q3 = harbor_missing_fact_question ("client.something_new");

  g_assert_cmpstr (q1, ==, "Did this happen because of the trafficking?");
  g_assert_true (g_str_has_prefix (q2, "About another of the client’s records:"));
  g_assert_nonnull (strstr (q2, "How did this case end?"));
  /* An unknown fact is still asked, by its name, never dropped. */
  g_assert_nonnull (strstr (q3, "client.something_new"));
}

int
main (int    argc,
      char **argv)
{
  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  g_test_add ("/app/relief/answers-and-checklist", Fixture, NULL,
              fixture_set_up, test_answers_and_checklist, fixture_tear_down);
  g_test_add ("/app/relief/answer-in-editor", Fixture, NULL,
              fixture_set_up, test_answer_in_editor, fixture_tear_down);
  g_test_add_func ("/app/relief/questions", test_questions);

  return g_test_run ();
}
