/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-vault.c: vault life cycle, distinct errors, stores, search, audit
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "harbor-vault-memory.h"
#include "vault-test-util.h"

typedef struct
{
  char        *dir;
  HarborVault *vault;
  char        *recovery;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->dir = harbor_test_make_tmpdir ("vault-test");
  fx->vault = vt_create_vault (fx->dir, NULL, &fx->recovery);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->vault);
  harbor_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->recovery);
}

static void
assert_unlock_error (const char *dir,
                     const char *passphrase,
                     int         code)
{
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (harbor_vault_unlock (vault, passphrase, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, code);
  g_assert_false (harbor_vault_is_unlocked (vault));
}

static void
changed_cb (HarborVault *vault,
            guint       *count)
{
  (*count)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_signals (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint changed = 0, notified = 0;
  g_autofree char *a = NULL, *b = NULL;
  gboolean unlocked = FALSE;

  g_signal_connect (fx->vault, "changed", G_CALLBACK (changed_cb), &changed);
  g_signal_connect (fx->vault, "notify::unlocked", G_CALLBACK (notify_cb), &notified);

  a = vt_add_client (fx->vault, "Signal One", NULL, NULL);
  g_assert_cmpuint (changed, ==, 1);

  /* One outer transaction, one signal. */
  g_assert_true (harbor_vault_begin (fx->vault, &error));
  b = vt_add_client (fx->vault, "Signal Two", NULL, "note");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (harbor_vault_commit (fx->vault, &error));
  g_assert_cmpuint (changed, ==, 2);

  /* A rolled-back transaction changes nothing and says nothing. */
  g_assert_true (harbor_vault_begin (fx->vault, &error));
  g_free (vt_add_client (fx->vault, "Signal Three", NULL, NULL));
  harbor_vault_rollback (fx->vault);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpint (harbor_vault_count_clients (fx->vault, &error), ==, 2);

  g_object_get (fx->vault, "unlocked", &unlocked, NULL);
  g_assert_true (unlocked);
  harbor_vault_lock (fx->vault);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (fx->vault, "unlocked", &unlocked, NULL);
  g_assert_false (unlocked);
  harbor_vault_lock (fx->vault);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (harbor_vault_unlock (fx->vault, "wrong", &error));
  g_clear_error (&error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (harbor_vault_unlock (fx->vault, TEST_PASSPHRASE, &error));
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_lifecycle (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(HarborVaultClient) client = NULL;

  g_assert_true (harbor_vault_is_unlocked (fx->vault));
  /* harbor_core_init() put the wiping allocator in place before any connection. */
  g_assert_true (harbor_vault_allocator_installed ());
  id = vt_add_client (fx->vault, "Maria Quintessa", "Mari", NULL);
  harbor_vault_lock (fx->vault);
  g_assert_false (harbor_vault_is_unlocked (fx->vault));

  client = harbor_vault_get_client (fx->vault, id, &error);
  g_assert_null (client);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_true (harbor_vault_unlock (fx->vault, TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  client = harbor_vault_get_client (fx->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->display_name, ==, "Maria Quintessa");
  g_assert_cmpstr (client->aliases[0], ==, "Mari");
  g_assert_null (client->aliases[1]);
  g_assert_null (client->birth_date);

  /* A second create in the same folder is refused. */
  {
    g_autoptr(HarborVault) again = harbor_vault_new (fx->dir);
    HarborKdfParams params = harbor_kdf_params_for_tests ();
    g_autoptr(HarborSecret) recovery = harbor_vault_create (again, "x", &params, &error);
    g_assert_null (recovery);
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_EXISTS);
  }
}

static void
test_distinct_errors (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *other_dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *empty_dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *keys = g_build_filename (fx->dir, HARBOR_VAULT_KEYFILE_NAME, NULL);
  g_autofree char *db = g_build_filename (fx->dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autofree char *manifest = g_build_filename (fx->dir, HARBOR_VAULT_MANIFEST_NAME, NULL);
  g_autofree char *other_keys = g_build_filename (other_dir, HARBOR_VAULT_KEYFILE_NAME, NULL);
  g_autofree char *other_db = g_build_filename (other_dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autoptr(HarborVault) other = vt_create_vault (other_dir, NULL, NULL);
  g_autoptr(GBytes) saved_keys = NULL, saved_db = NULL, saved_manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mistyped = NULL;
  g_autofree char *other_recovery = NULL;

  harbor_vault_lock (fx->vault);
  harbor_vault_lock (other);
  saved_keys = vt_read_file (keys);
  saved_db = vt_read_file (db);
  saved_manifest = vt_read_file (manifest);

  /* Wrong passphrase. */
  assert_unlock_error (fx->dir, "not the passphrase", HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);

  /* Not a vault: an empty folder, and a folder with a foreign manifest. */
  assert_unlock_error (empty_dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_NOT_A_VAULT);
  g_file_set_contents (manifest, "hello", -1, NULL);
  assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_NOT_A_VAULT);

  /* A newer format. */
  {
    g_autoptr(GString) newer = g_string_new_len (g_bytes_get_data (saved_manifest, NULL),
                                                 (gssize) g_bytes_get_size (saved_manifest));
    g_string_replace (newer, "Format=1", "Format=2", 1);
    g_file_set_contents (manifest, newer->str, -1, NULL);
    assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION);
  }
  vt_write_file (manifest, saved_manifest);

  /* Truncated key file: every length from 0 to one byte short. */
  for (gsize len = 0; len < g_bytes_get_size (saved_keys); len += 7)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (saved_keys, 0, len);
      vt_write_file (keys, cut);
      assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_KEYFILE_DAMAGED);
    }
  {
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (saved_keys, 0, g_bytes_get_size (saved_keys) - 1);
    vt_write_file (keys, cut);
    assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_KEYFILE_DAMAGED);
  }

  /* A key file from another vault (same passphrase). */
  {
    g_autoptr(GBytes) foreign = vt_read_file (other_keys);
    vt_write_file (keys, foreign);
    assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_FOREIGN_KEYFILE);
  }
  vt_write_file (keys, saved_keys);

  /* A database from another vault. */
  {
    g_autoptr(GBytes) foreign = vt_read_file (other_db);
    vt_write_file (db, foreign);
    assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_FOREIGN_DATABASE);
  }
  vt_write_file (db, saved_db);

  /* Recovery keys: mistyped (one character changed) versus wrong (another
   * vault's well-formed key). */
  mistyped = g_strdup (fx->recovery);
  mistyped[2] = mistyped[2] == 'A' ? 'B' : 'A';
  {
    g_autoptr(HarborVault) v = harbor_vault_new (fx->dir);
    g_assert_false (harbor_vault_unlock_with_recovery_key (v, mistyped, &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY);
    g_clear_error (&error);
    g_assert_false (harbor_vault_unlock_with_recovery_key (v, "ABCD-EFGH", &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY);
    g_clear_error (&error);
  }
  {
    g_autoptr(HarborVault) v = harbor_vault_new (fx->dir);
    HarborKdfParams params = harbor_kdf_params_for_tests ();
    g_autofree char *dir3 = harbor_test_make_tmpdir ("vault-test");
    g_autoptr(HarborVault) v3 = harbor_vault_new (dir3);
    g_autoptr(HarborSecret) rk3 = harbor_vault_create (v3, "p", &params, &error);

    g_assert_no_error (error);
    g_assert_false (harbor_vault_unlock_with_recovery_key (v, rk3, &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY);
    g_clear_error (&error);
    g_clear_object (&v3);
    harbor_test_remove_tree (dir3);
  }

  /* Lower case, spaces instead of dashes and O for 0 are all accepted. */
  {
    g_autoptr(HarborVault) v = harbor_vault_new (fx->dir);
    g_autofree char *sloppy = g_ascii_strdown (fx->recovery, -1);
    for (char *p = sloppy; *p; p++)
      {
        if (*p == '-')
          *p = ' ';
        else if (*p == '0')
          *p = 'o';
      }
    g_assert_true (harbor_vault_unlock_with_recovery_key (v, sloppy, &error));
    g_assert_no_error (error);
  }

  /* Everything restored: the vault opens. */
  {
    g_autoptr(HarborVault) v = vt_open_vault (fx->dir, NULL);
    g_assert_true (harbor_vault_is_unlocked (v));
  }
  harbor_test_remove_tree (other_dir);
  harbor_test_remove_tree (empty_dir);
}

static void
test_passwd_and_recover (Fixture       *fx,
                         gconstpointer  data)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (fx->dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autoptr(GBytes) before = NULL, after = NULL;
  g_autofree char *id = vt_add_client (fx->vault, "Zebulon Passwdtest", NULL, NULL);

  harbor_vault_lock (fx->vault);
  before = vt_read_file (db);
  g_assert_false (harbor_vault_change_passphrase (fx->vault, "wrong", "new one", &params, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (harbor_vault_change_passphrase (fx->vault, TEST_PASSPHRASE, "new one", &params, &error));
  g_assert_no_error (error);
  after = vt_read_file (db);
  /* Rewrap only: the database is untouched. */
  g_assert_true (g_bytes_equal (before, after));

  assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (harbor_vault_unlock (fx->vault, "new one", &error));
  g_assert_no_error (error);
  harbor_vault_lock (fx->vault);

  /* Production floor: cheap parameters without the test flag are refused. */
  params.insecure_for_tests = FALSE;
  g_assert_false (harbor_vault_recover (fx->vault, fx->recovery, "third", &params, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  params = harbor_kdf_params_for_tests ();

  g_assert_true (harbor_vault_recover (fx->vault, fx->recovery, "third", &params, &error));
  g_assert_no_error (error);
  assert_unlock_error (fx->dir, "new one", HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (harbor_vault_unlock (fx->vault, "third", &error));
  g_assert_no_error (error);
  {
    g_autoptr(HarborVaultClient) c = harbor_vault_get_client (fx->vault, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (c->display_name, ==, "Zebulon Passwdtest");
  }
}

/* One passphrase per caseworker: each opens the vault; changing or
 * removing one leaves the others; the last cannot be removed; recovery
 * replaces them all. */
static void
test_several_passphrases (Fixture       *fx,
                          gconstpointer  data)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  g_assert_true (harbor_vault_add_passphrase (fx->vault, TEST_PASSPHRASE, "second caseworker", &params, &error));
  g_assert_no_error (error);
  g_assert_false (harbor_vault_add_passphrase (fx->vault, "nobody's", "third", &params, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  harbor_vault_lock (fx->vault);

  g_assert_true (harbor_vault_unlock (fx->vault, "second caseworker", &error));
  harbor_vault_lock (fx->vault);
  g_assert_true (harbor_vault_unlock (fx->vault, TEST_PASSPHRASE, &error));
  harbor_vault_lock (fx->vault);

  /* Changing the second leaves the first. */
  g_assert_true (harbor_vault_change_passphrase (fx->vault, "second caseworker", "second, changed",
                                                 &params, &error));
  assert_unlock_error (fx->dir, "second caseworker", HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (harbor_vault_unlock (fx->vault, "second, changed", &error));
  harbor_vault_lock (fx->vault);
  g_assert_true (harbor_vault_unlock (fx->vault, TEST_PASSPHRASE, &error));
  g_assert_no_error (error);

  /* Removing one (while open) is audited; the last one stays. */
  g_assert_true (harbor_vault_remove_passphrase (fx->vault, "second, changed", &error));
  g_assert_no_error (error);
  assert_unlock_error (fx->dir, "second, changed", HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_false (harbor_vault_remove_passphrase (fx->vault, TEST_PASSPHRASE, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  audit = harbor_vault_list_audit (fx->vault, &error);
  g_assert_cmpstr (((HarborVaultAuditEntry *) audit->pdata[audit->len - 1])->action, ==,
                   "vault.passphrase_removed");

  /* Recovery replaces every passphrase. */
  g_assert_true (harbor_vault_add_passphrase (fx->vault, TEST_PASSPHRASE, "another", &params, &error));
  harbor_vault_lock (fx->vault);
  g_assert_true (harbor_vault_recover (fx->vault, fx->recovery, "after recovery", &params, &error));
  g_assert_no_error (error);
  assert_unlock_error (fx->dir, TEST_PASSPHRASE, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  assert_unlock_error (fx->dir, "another", HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (harbor_vault_unlock (fx->vault, "after recovery", &error));
}

static void
test_stores (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = vt_add_client (fx->vault, "Ana Older", NULL, NULL);
  g_autofree char *b = vt_add_client (fx->vault, "Bea Newer", NULL, NULL);
  g_autoptr(HarborRecord) record = harbor_record_new ();
  g_autoptr(HarborRecord) fetched = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *record_id = NULL, *checklist_id = NULL, *item_id = NULL, *consent_id = NULL;
  g_autofree char *event_id = NULL;

  /* Records keep every harbor-case/1 field, unknowns included. */
  record->id = g_strdup ("r1");
  record->jurisdiction = g_strdup ("US-OH");
  record->court = HARBOR_COURT_ADULT;
  record->disposition = HARBOR_DISPOSITION_CONVICTED;
  record->offense.description = g_strdup ("Soliciting");
  record->offense.statute = g_strdup ("R.C. 2907.24");
  record->offense.categories = g_strsplit ("prostitution", ",", -1);
  record->offense.klass = HARBOR_OFFENSE_CLASS_MISDEMEANOR;
  record->offense.degree = g_strdup ("M3");
  record->offense.violent = HARBOR_TRI_FALSE;
  g_date_set_dmy (&record->offense_date, 2, 4, 2021);
  record->result_of_trafficking = HARBOR_TRI_TRUE;
  record_id = harbor_vault_add_record (fx->vault, a, record, &error);
  g_assert_no_error (error);
  fetched = harbor_vault_get_record (fx->vault, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched->id, ==, record_id);
  g_assert_cmpstr (fetched->jurisdiction, ==, "US-OH");
  g_assert_cmpint (fetched->court, ==, HARBOR_COURT_ADULT);
  g_assert_cmpint (fetched->disposition, ==, HARBOR_DISPOSITION_CONVICTED);
  g_assert_cmpstr (fetched->offense.categories[0], ==, "prostitution");
  g_assert_cmpint (fetched->offense.klass, ==, HARBOR_OFFENSE_CLASS_MISDEMEANOR);
  g_assert_cmpint (fetched->offense.violent, ==, HARBOR_TRI_FALSE);
  g_assert_cmpint (fetched->offense.child_victim, ==, HARBOR_TRI_UNKNOWN);
  g_assert_cmpint (fetched->result_of_trafficking, ==, HARBOR_TRI_TRUE);
  g_assert_true (g_date_valid (&fetched->offense_date));
  g_assert_false (g_date_valid (&fetched->disposition_date));
  fetched->disposition = HARBOR_DISPOSITION_DISMISSED;
  g_assert_true (harbor_vault_update_record (fx->vault, fetched, &error));
  g_assert_no_error (error);
  g_clear_pointer (&fetched, harbor_record_free);
  fetched = harbor_vault_get_record (fx->vault, record_id, &error);
  g_assert_cmpint (fetched->disposition, ==, HARBOR_DISPOSITION_DISMISSED);

  /* Listing: most recent activity first; the record made Ana active. */
  g_assert_cmpint (harbor_vault_count_clients (fx->vault, &error), ==, 2);
  list = harbor_vault_list_clients (fx->vault, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((HarborVaultClient *) list->pdata[0])->id, ==, a);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = harbor_vault_list_clients (fx->vault, 1, 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((HarborVaultClient *) list->pdata[0])->id, ==, b);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Events, checklists and items, consents. */
  {
    g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
    event->client_id = g_strdup (b);
    event->kind = g_strdup ("court_date");
    event->date = g_strdup ("2026-12-01");
    event->text = g_strdup ("Hearing at the municipal court");
    event_id = harbor_vault_add_event (fx->vault, event, &error);
    g_assert_no_error (error);
    g_free (event->date);
    event->date = g_strdup ("2026-13-01");
    g_assert_null (harbor_vault_add_event (fx->vault, event, &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "date: expected a date as YYYY-MM-DD; got “2026-13-01”");
    g_clear_error (&error);
  }
  {
    g_autoptr(HarborVaultChecklist) checklist = harbor_vault_checklist_new ();
    g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
    checklist->client_id = g_strdup (a);
    checklist->record_id = g_strdup (record_id);
    checklist->pathway_id = g_strdup ("oh-2953-38");
    checklist_id = harbor_vault_add_checklist (fx->vault, checklist, &error);
    g_assert_no_error (error);
    item->checklist_id = g_strdup (checklist_id);
    item->position = 1;
    item->step = g_strdup ("Get the certified disposition");
    item_id = harbor_vault_add_checklist_item (fx->vault, item, &error);
    g_assert_no_error (error);
    item->id = g_strdup (item_id);
    item->status = g_strdup ("done");
    item->done_on = g_strdup ("2026-11-20");
    g_assert_true (harbor_vault_update_checklist_item (fx->vault, item, &error));
    g_assert_no_error (error);
    g_free (item->status);
    item->status = g_strdup ("finished");
    g_assert_false (harbor_vault_update_checklist_item (fx->vault, item, &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
    g_clear_error (&error);
    list = harbor_vault_list_checklist_items (fx->vault, checklist_id, &error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpstr (((HarborVaultChecklistItem *) list->pdata[0])->status, ==, "done");
    g_clear_pointer (&list, g_ptr_array_unref);
  }
  {
    g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
    g_autoptr(HarborVaultConsent) got = NULL;
    consent->client_id = g_strdup (a);
    consent->party = g_strdup ("Legal Aid Society");
    consent->scope = g_strdup ("criminal records");
    consent->signed_on = g_strdup ("2026-11-01");
    consent->expires_on = g_strdup ("2027-11-01");
    consent_id = harbor_vault_add_consent (fx->vault, consent, &error);
    g_assert_no_error (error);
    got = harbor_vault_get_consent (fx->vault, consent_id, &error);
    g_assert_cmpstr (got->expires_on, ==, "2027-11-01");
    g_assert_null (got->revoked_on);
  }

  /* Soft delete, undo, purge. */
  g_assert_true (harbor_vault_delete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harbor_vault_count_clients (fx->vault, &error), ==, 1);
  g_assert_false (harbor_vault_delete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = harbor_vault_list_deleted_clients (fx->vault, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (harbor_vault_undelete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_cmpint (harbor_vault_count_clients (fx->vault, &error), ==, 2);
  g_assert_false (harbor_vault_purge (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (harbor_vault_delete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_true (harbor_vault_purge (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_no_error (error);
  g_assert_null (harbor_vault_get_record (fx->vault, record_id, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (harbor_vault_get_consent (fx->vault, consent_id, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bad ids are refused, not looked up. */
  g_assert_null (harbor_vault_get_client (fx->vault, "nothex", &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (harbor_vault_verify_audit (fx->vault, &error));
  g_assert_no_error (error);
}

static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = vt_add_client (fx->vault, "José Álvarez", "Pepe", "met at the bus station");
  g_autofree char *b = vt_add_client (fx->vault, "Joanna Smith", NULL, NULL);
  g_autoptr(GPtrArray) hits = NULL;

  hits = harbor_vault_search_clients (fx->vault, "jose", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((HarborVaultClient *) hits->pdata[0])->id, ==, a);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = harbor_vault_search_clients (fx->vault, "jo", 10, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = harbor_vault_search_clients (fx->vault, "pepe", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = harbor_vault_search_clients (fx->vault, "station", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Quotes and FTS syntax in user text are harmless. */
  hits = harbor_vault_search_clients (fx->vault, "\"jo\" OR * NEAR(", 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Renaming and deleting keep the index in step. */
  {
    g_autoptr(HarborVaultClient) c = harbor_vault_get_client (fx->vault, b, &error);
    g_free (c->display_name);
    c->display_name = g_strdup ("Joanna Zimmer");
    g_assert_true (harbor_vault_update_client (fx->vault, c, &error));
  }
  hits = harbor_vault_search_clients (fx->vault, "smith", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = harbor_vault_search_clients (fx->vault, "zimm", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_true (harbor_vault_delete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  hits = harbor_vault_search_clients (fx->vault, "station", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_true (harbor_vault_undelete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  hits = harbor_vault_search_clients (fx->vault, "pepe", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Purging removes the client's notes from the index too (cascade). */
  g_assert_true (harbor_vault_delete (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_true (harbor_vault_purge (fx->vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = harbor_vault_get_connection (fx->vault);
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GPtrArray) problems = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM event_fts WHERE event_fts MATCH 'station'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    g_assert_true (harbor_vault_verify (fx->vault, &problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
    g_clear_pointer (&problems, g_ptr_array_unref);

    /* An index out of step (a trigger removed behind the vault's back) is reported. */
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER clients_fts_update;"
                                       "UPDATE clients SET display_name = 'Renamed Quietly'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (harbor_vault_verify (fx->vault, &problems, &error));
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_nonnull (strstr (problems->pdata[0], "search index"));
  }
}

static void
test_audit_tamper (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = vt_add_client (fx->vault, "Audit Subject", NULL, NULL);
  sqlite3 *db = harbor_vault_get_connection (fx->vault);
  g_autoptr(GPtrArray) entries = harbor_vault_list_audit (fx->vault, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >=, 2);
  g_assert_cmpstr (((HarborVaultAuditEntry *) entries->pdata[entries->len - 1])->action, ==, "client.create");
  g_assert_cmpstr (((HarborVaultAuditEntry *) entries->pdata[entries->len - 1])->object_id, ==, a);

  /* Append-only. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'x'", NULL, NULL, NULL), !=, SQLITE_OK);

  /* An edit behind the triggers' back is detected. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update; "
                                     "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (harbor_vault_verify_audit (fx->vault, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_AUDIT_BROKEN);
}

static void
test_audit_tail_removed (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = vt_add_client (fx->vault, "Audit Tail", NULL, NULL);
  sqlite3 *db = harbor_vault_get_connection (fx->vault);

  g_assert_true (harbor_vault_verify_audit (fx->vault, &error));
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_delete; "
                                     "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (harbor_vault_verify_audit (fx->vault, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_AUDIT_BROKEN);
}

static void
test_import_export (Fixture       *fx,
                    gconstpointer  data)
{
  static const char json[] =
    "{ \"format\": \"harbor-case/1\", \"client\": { \"name\": \"Importa Person\","
    "  \"aliases\": [\"Impy\"], \"birth_date\": \"2001-02-03\","
    "  \"trafficking\": { \"types\": [\"labor\"], \"began_on\": \"2019-06-01\" } },"
    "  \"records\": [ { \"id\": \"r1\", \"jurisdiction\": \"US-OH\", \"disposition\": \"convicted\","
    "    \"offense\": { \"description\": \"Loitering\", \"categories\": [\"prostitution_related\"] } },"
    "   { \"id\": \"r2\", \"jurisdiction\": \"US\" } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) kase = harbor_case_parse_data (json, -1, "case.json", &error);
  g_autoptr(HarborCase) out = NULL;
  g_autofree char *id = NULL;
  g_autofree char *data_out = NULL;

  g_assert_no_error (error);
  id = harbor_vault_import_case (fx->vault, kase, &error);
  g_assert_no_error (error);
  out = harbor_vault_export_case (fx->vault, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out->client.name, ==, "Importa Person");
  g_assert_cmpstr (out->client.aliases[0], ==, "Impy");
  g_assert_cmpstr (out->client.trafficking.types[0], ==, "labor");
  g_assert_false (g_date_valid (&out->client.trafficking.ended_on));
  g_assert_cmpuint (out->records->len, ==, 2);
  g_assert_cmpstr (((HarborRecord *) out->records->pdata[0])->offense.description, ==, "Loitering");
  data_out = harbor_case_to_data (out, NULL);
  g_assert_nonnull (strstr (data_out, "harbor-case/1"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/vault/lifecycle", test_lifecycle);
  ADD ("/vault/signals", test_signals);
  ADD ("/vault/distinct-errors", test_distinct_errors);
  ADD ("/vault/passwd-and-recover", test_passwd_and_recover);
  ADD ("/vault/several-passphrases", test_several_passphrases);
  ADD ("/vault/stores", test_stores);
  ADD ("/vault/search", test_search);
  ADD ("/vault/audit/tamper", test_audit_tamper);
  ADD ("/vault/audit/tail-removed", test_audit_tail_removed);
  ADD ("/vault/import-export", test_import_export);
#undef ADD

  return g_test_run ();
}
