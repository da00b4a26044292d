/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-client-page.c: history, releases of information and what is coming up
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include "harbor-client-page.h"
#include "harbor-form-dialog.h"
#include "harbor-report-error.h"
#include "harbor-summary-export.h"
#include "harbor-test-utils.h"
#include "harbor-vault.h"

typedef struct
{
  char        *dir;
  HarborVault *vault;
  char        *client_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autofree char *parent = harbor_test_make_tmpdir ("page");

  f->dir = g_build_filename (parent, "vault", NULL);
  f->vault = harbor_test_create_vault (f->dir, HARBOR_TEST_PASSPHRASE);
  client->display_name = g_strdup ("Test Client");
  f->client_id = harbor_vault_add_client (f->vault, client, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->dir);

  harbor_vault_lock (f->vault);
  g_clear_object (&f->vault);
  harbor_test_remove_tree (parent);
  g_free (f->dir);
  g_free (f->client_id);
}

static AdwPreferencesGroup *
find_group (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return ADW_PREFERENCES_GROUP (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesGroup *found = find_group (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GPtrArray *
rows_of (GtkWidget  *page,
         const char *title)
{
  AdwPreferencesGroup *group = find_group (page, title);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (group);
  collect_rows (GTK_WIDGET (group), rows);
  return rows;
}

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_history_and_consents (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HarborVaultEvent) older = harbor_vault_event_new ();
  g_autoptr(HarborVaultEvent) newer = harbor_vault_event_new ();
  g_autoptr(HarborVaultConsent) expired = harbor_vault_consent_new ();
  g_autoptr(HarborVaultConsent) soon = harbor_vault_consent_new ();
  g_autoptr(HarborVaultConsent) revoked = harbor_vault_consent_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = NULL, *id2 = NULL, *id3 = NULL, *id4 = NULL, *id5 = NULL;
  GtkWidget *page;

  older->client_id = g_strdup (f->client_id);
  older->kind = g_strdup ("intake");
  older->date = g_strdup ("2026-01-05");
  older->text = g_strdup ("First meeting");
  id1 = harbor_vault_add_event (f->vault, older, &error);
  g_assert_no_error (error);
  newer->client_id = g_strdup (f->client_id);
  newer->kind = g_strdup ("court_date");
  newer->date = g_strdup ("2026-03-02");
  id2 = harbor_vault_add_event (f->vault, newer, &error);
  g_assert_no_error (error);

  expired->client_id = g_strdup (f->client_id);
  expired->party = g_strdup ("Legal Aid Society");
  expired->scope = g_strdup ("Records relief");
  expired->signed_on = g_strdup ("2025-01-01");
  expired->expires_on = date_from_today (-1);
  id3 = harbor_vault_add_consent (f->vault, expired, &error);
  g_assert_no_error (error);
  soon->client_id = g_strdup (f->client_id);
  soon->party = g_strdup ("Housing Office");
  soon->scope = g_strdup ("Housing application");
  soon->signed_on = g_strdup ("2026-01-01");
  soon->expires_on = date_from_today (10);
  id4 = harbor_vault_add_consent (f->vault, soon, &error);
  g_assert_no_error (error);
  revoked->client_id = g_strdup (f->client_id);
  revoked->party = g_strdup ("Clinic");
  revoked->scope = g_strdup ("Health");
  revoked->signed_on = g_strdup ("2026-01-01");
  revoked->revoked_on = g_strdup ("2026-02-01");
  id5 = harbor_vault_add_consent (f->vault, revoked, &error);
  g_assert_no_error (error);

  page = harbor_client_page_new (f->vault, NULL, f->client_id);
  g_object_ref_sink (page);

  /* History: newest first, each with its kind and date. */
  events = rows_of (page, "History");
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (events, 0)), ==, "2026-03-02 · Court date");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (events, 1)), ==, "2026-01-05 · Intake");
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (events, 1)), ==, "First meeting");

  /* Releases: an expired or revoked one says nothing may be shared. */
  consents = rows_of (page, "Releases of Information");
  g_assert_cmpuint (consents->len, ==, 3);
  for (guint i = 0; i < consents->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (consents, i);
      const char *party = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (row);

      if (g_str_equal (party, "Legal Aid Society"))
        g_assert_nonnull (strstr (subtitle, "Expired: nothing may be shared"));
      else if (g_str_equal (party, "Clinic"))
        g_assert_nonnull (strstr (subtitle, "Revoked: nothing may be shared"));
      else
        g_assert_nonnull (strstr (subtitle, "In effect"));
    }

  /* Coming up: the release about to expire and the expired one. */
  upcoming = rows_of (page, "Coming Up");
  g_assert_cmpuint (upcoming->len, ==, 2);

  g_object_unref (page);
}

static void
test_summary_release (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HarborVaultConsent) expired = harbor_vault_consent_new ();
  g_autoptr(HarborVaultConsent) active = harbor_vault_consent_new ();
  g_autoptr(HarborRules) rules = harbor_rules_load (g_getenv ("HARBOR_RULES_DIR"), NULL);
  g_autoptr(GBytes) blocked = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id1 = NULL, *id2 = NULL;

  g_assert_nonnull (rules);
  expired->client_id = g_strdup (f->client_id);
  expired->party = g_strdup ("Legal Aid Society");
  expired->scope = g_strdup ("Records relief");
  expired->signed_on = g_strdup ("2025-01-01");
  expired->expires_on = date_from_today (-1);
  id1 = harbor_vault_add_consent (f->vault, expired, &error);
  g_assert_no_error (error);
  active->client_id = g_strdup (f->client_id);
  active->party = g_strdup ("Public Defender");
  active->scope = g_strdup ("Records relief");
  active->signed_on = g_strdup ("2026-01-01");
  active->expires_on = date_from_today (60);
  id2 = harbor_vault_add_consent (f->vault, active, &error);
  g_assert_no_error (error);

  /* An expired release blocks the summary for that party... */
  blocked = harbor_summary_export_build (f->vault, rules, f->client_id, "Legal Aid Society", &error);
  g_assert_null (blocked);
  g_assert_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE);
  g_clear_error (&error);

  /* ...and one in effect lets it go, as a PDF. */
  pdf = harbor_summary_export_build (f->vault, rules, f->client_id, "Public Defender", &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
}

static void
test_form_validation (void)
{
  static const HarborFormField fields[] = {
    { "party", "Who", HARBOR_FORM_TEXT, TRUE, NULL, NULL },
    { "when", "When", HARBOR_FORM_DATE, FALSE, NULL, NULL },
  };
  HarborFormDialog *dialog = harbor_form_dialog_new (NULL, "Test", NULL, fields, G_N_ELEMENTS (fields));
  g_autofree char *message = NULL;
  g_autofree char *value = NULL;

  g_assert_false (harbor_form_dialog_validate (dialog, &message));
  g_assert_nonnull (strstr (message, "Who"));
  g_clear_pointer (&message, g_free);

  harbor_form_dialog_set_value (dialog, "party", "  Legal Aid  ");
  harbor_form_dialog_set_value (dialog, "when", "2026-02-30");
  g_assert_false (harbor_form_dialog_validate (dialog, &message));
  g_assert_nonnull (strstr (message, "When"));
  g_clear_pointer (&message, g_free);

  harbor_form_dialog_set_value (dialog, "when", "2024-02-29");
  g_assert_true (harbor_form_dialog_validate (dialog, &message));
  g_assert_null (message);
  value = harbor_form_dialog_dup_value (dialog, "party");
  g_assert_cmpstr (value, ==, "Legal Aid");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  g_test_add ("/app/client-page/history-and-consents", Fixture, NULL,
              fixture_set_up, test_history_and_consents, fixture_tear_down);
  g_test_add ("/app/client-page/summary-release", Fixture, NULL,
              fixture_set_up, test_summary_release, fixture_tear_down);
  g_test_add_func ("/app/client-page/form-validation", test_form_validation);

  return g_test_run ();
}
