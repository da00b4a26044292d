/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-purge.c: a purge destroys the client, in every file and every page
 *
 * Copyright 2026 The Harbor authors
 *
 * A vault of 200 clients holds one client with a distinctive string in
 * every field of every entity type, and a kept client built the same way.
 * After the purge, none of the purged strings, nor their full-text tokens
 * (lowercase, and without their first characters, which FTS5 may share
 * with the previous term of a leaf), is in any file of the folder: neither
 * in the raw bytes nor in any page decrypted with the vault's own key, free
 * pages included. The kept client's strings still are, so the search can
 * fail.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "vault-test-util.h"

#define N_CLIENTS 200

/* Every field of every entity type of one client. The tail of each long
 * word, from its fifth character on, is unique to that person. */
typedef struct
{
  const char *name;
  const char *alias;
  const char *birth_date;
  const char *pronouns;
  const char *language;
  const char *safety;
  const char *note;
  const char *long_note_word;
  const char *case_ref;
  const char *offense;
  const char *statute;
  const char *degree;
  const char *checklist_title;
  const char *step;
  const char *item_note;
  const char *party;
  const char *scope;
  const char *consent_note;
} Person;

static const Person purged = {
  "Zqavvpqandrelle Zqbvvpqurgewicz", "Zqcvvpqbellamorra", "1911-02-03", "zqdvvpqpronoun",
  "Zqevvpqlanguage", "Zqfvvpqsafetyline", "zqgvvpqnotealpha", "zqhvvpqlongword", "ZQICASE-88213",
  "Zqjvvpqoffensedescr", "ZQKSTAT-4471", "ZQLDEGREE9", "Zqmvvpqchecklisttitle", "Zqnvvpqstepfirst",
  "Zqovvpqitemnote", "Zqpvvpqpartyagency", "Zqqvvpqscopeword", "Zqrvvpqconsentnote",
};

static const Person kept = {
  "Zkakkxwandrelle Zkbkkxwurgewicz", "Zkckkxwbellamorra", "1912-04-05", "zkdkkxwpronoun",
  "Zkekkxwlanguage", "Zkfkkxwsafetyline", "zkgkkxwnotealpha", "zkhkkxwlongword", "ZKICASE-11111",
  "Zkjkkxwoffensedescr", "ZKKSTAT-2222", "ZKLDEGREE3", "Zkmkkxwchecklisttitle", "Zknkkxwstepfirst",
  "Zkokkxwitemnote", "Zkpkkxwpartyagency", "Zkqkkxwscopeword", "Zkrkkxwconsentnote",
};

#define PERSON_FIELDS (sizeof (Person) / sizeof (const char *))

static const char *
field (const Person *person,
       guint         i)
{
  return ((const char * const *) person)[i];
}

/* Adds @person with a record, two notes (one long enough to overflow its
 * page), a checklist with an item, and a consent. Returns the id. */
static char *
add_person (HarborVault  *vault,
            const Person *person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autoptr(HarborRecord) record = harbor_record_new ();
  g_autoptr(HarborVaultEvent) note = harbor_vault_event_new ();
  g_autoptr(HarborVaultEvent) long_note = harbor_vault_event_new ();
  g_autoptr(HarborVaultChecklist) checklist = harbor_vault_checklist_new ();
  g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
  g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *record_id = NULL, *note_id = NULL, *long_id = NULL, *checklist_id = NULL;
  g_autofree char *item_id = NULL, *consent_id = NULL;
  char *id;

  client->display_name = g_strdup (person->name);
  client->aliases = g_strsplit (person->alias, ",", -1);
  client->birth_date = g_strdup (person->birth_date);
  client->pronouns = g_strdup (person->pronouns);
  client->languages = g_strsplit (person->language, ",", -1);
  client->safety_notes = g_strdup (person->safety);
  id = harbor_vault_add_client (vault, client, &error);
  g_assert_no_error (error);

  record->id = g_strdup (person->case_ref);
  record->jurisdiction = g_strdup ("US-OH");
  record->offense.description = g_strdup (person->offense);
  record->offense.statute = g_strdup (person->statute);
  record->offense.degree = g_strdup (person->degree);
  record_id = harbor_vault_add_record (vault, id, record, &error);
  g_assert_no_error (error);

  note->client_id = g_strdup (id);
  note->kind = g_strdup ("note");
  note->date = g_strdup ("2026-11-02");
  note->text = g_strdup_printf ("met at the shelter, %s, court date next week", person->note);
  note_id = harbor_vault_add_event (vault, note, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 700; i++)
    g_string_append_printf (text, "%s%u ", person->long_note_word, i % 7);
  long_note->client_id = g_strdup (id);
  long_note->kind = g_strdup ("note");
  long_note->text = g_strdup (text->str);
  long_id = harbor_vault_add_event (vault, long_note, &error);
  g_assert_no_error (error);

  checklist->client_id = g_strdup (id);
  checklist->pathway_id = g_strdup ("us-oh-vacatur");
  checklist->title = g_strdup (person->checklist_title);
  checklist_id = harbor_vault_add_checklist (vault, checklist, &error);
  g_assert_no_error (error);
  item->checklist_id = g_strdup (checklist_id);
  item->step = g_strdup (person->step);
  item->note = g_strdup (person->item_note);
  item_id = harbor_vault_add_checklist_item (vault, item, &error);
  g_assert_no_error (error);

  consent->client_id = g_strdup (id);
  consent->party = g_strdup (person->party);
  consent->scope = g_strdup (person->scope);
  consent->note = g_strdup (person->consent_note);
  consent->signed_on = g_strdup ("2026-10-01");
  consent_id = harbor_vault_add_consent (vault, consent, &error);
  g_assert_no_error (error);
  return id;
}

/* Strings written later than the rest: a new safety note and name, and
 * one more note. */
static const char *const purged_later[] = { "Zqsvvpqlatersafety", "Zqtvvpqlatername", "zquvvpqlaternote" };
static const char *const kept_later[] = { "Zkskkxwlatersafety", "Zktkkxwlatername", "zkukkxwlaternote" };

static void
revise (HarborVault        *vault,
        const char         *id,
        const char * const *later)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_get_client (vault, id, &error);
  g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
  g_autofree char *event_id = NULL;

  g_assert_no_error (error);
  g_free (client->safety_notes);
  client->safety_notes = g_strdup (later[0]);
  g_free (client->display_name);
  client->display_name = g_strdup (later[1]);
  g_assert_true (harbor_vault_update_client (vault, client, &error));
  g_assert_no_error (error);
  event->client_id = g_strdup (id);
  event->kind = g_strdup ("note");
  event->text = g_strdup (later[2]);
  event_id = harbor_vault_add_event (vault, event, &error);
  g_assert_no_error (error);
}

/* A vault of N_CLIENTS clients, @purged_out and @kept_out among them. Each
 * filler client is its own transaction, so the full-text indexes get many
 * segments (FTS5 merges some of them as it goes). */
static HarborVault *
make_vault (const char  *dir,
            char       **purged_out,
            char       **kept_out)
{
  HarborVault *vault = vt_create_vault (dir, NULL, NULL);
  static const char *const words[] = { "met", "shelter", "court", "housing", "counseling",
                                       "referral", "legal", "aid", "documents", "follow" };

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Filler Person%u", i);
      g_autofree char *alias = g_strdup_printf ("Alias%u", i);
      g_autoptr(GString) note = g_string_new (NULL);

      if (i == 57)
        *purged_out = add_person (vault, &purged);
      else if (i == 131)
        *kept_out = add_person (vault, &kept);
      else if (i == 170)
        {
          /* Later changes: an older value goes to a freed cell, an old
           * token stays in an older index segment. */
          revise (vault, *purged_out, purged_later);
          revise (vault, *kept_out, kept_later);
        }
      for (guint w = 0; w < 40; w++)
        g_string_append_printf (note, "%s%s ", words[(i * 7 + w) % G_N_ELEMENTS (words)],
                                w % 5 == 0 ? "s" : "");
      g_free (vt_add_client (vault, name, alias, note->str));
    }
  /* A vault that has lived a while: every client's row grows, so pages
   * split and cells move between neighbouring pages (b-tree balancing
   * copies them and can leave stale bytes behind in a page). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) clients = harbor_vault_list_clients (vault, 0, G_MAXUINT, &error);

    g_assert_no_error (error);
    g_assert_true (harbor_vault_begin (vault, &error));
    for (guint i = 0; i < clients->len; i++)
      {
        HarborVaultClient *client = g_ptr_array_index (clients, i);

        if (g_strcmp0 (client->id, *purged_out) == 0 || g_strcmp0 (client->id, *kept_out) == 0)
          continue;
        g_free (client->pronouns);
        client->pronouns = g_strnfill (60 + (i * 37) % 300, 'p');
        g_assert_true (harbor_vault_update_client (vault, client, &error));
        g_assert_no_error (error);
      }
    g_assert_true (harbor_vault_commit (vault, &error));
  }
  return vault;
}

/* The forms a string can take in the file: as written, and as FTS5 stores
 * its words (lowercase; a term may share its first characters with the
 * previous term of a leaf, so the tail is searched). */
static guint
count_forms (HarborVault *vault,
             const char  *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " -", -1);
  guint hits = vt_decrypted_count (vault, text);

  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= 8)
      hits += vt_decrypted_count (vault, words[i] + 4);
  return hits;
}

static gboolean
folder_holds (const char *dir,
              const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  return vt_folder_contains (dir, text) || vt_folder_contains (dir, lower + 4);
}

static gint64
pragma (HarborVault *vault,
        const char  *sql)
{
  sqlite3 *db = harbor_vault_get_connection (vault);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_sound (HarborVault *vault)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (harbor_vault_verify (vault, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
assert_gone (HarborVault *vault,
             const char  *dir)
{
  for (guint f = 0; f < PERSON_FIELDS; f++)
    {
      g_test_message ("checking %s", field (&purged, f));
      g_assert_cmpuint (count_forms (vault, field (&purged, f)), ==, 0);
      g_assert_false (folder_holds (dir, field (&purged, f)));
      /* The kept client's current values are still found. */
      if (field (&kept, f) != kept.name && field (&kept, f) != kept.safety)
        g_assert_cmpuint (count_forms (vault, field (&kept, f)), >, 0);
    }
}

static void
assert_later_gone (HarborVault *vault,
                   const char  *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (purged_later); i++)
    {
      g_assert_cmpuint (count_forms (vault, purged_later[i]), ==, 0);
      g_assert_false (folder_holds (dir, purged_later[i]));
      g_assert_cmpuint (count_forms (vault, kept_later[i]), >, 0);
    }
}

static void
assert_kept_searchable (HarborVault *vault,
                        const char  *kept_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = harbor_vault_search_clients (vault, "zkgkkxwnotealpha", 10, &error);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(HarborVaultClient) client = harbor_vault_get_client (vault, kept_id, &error);
  g_autoptr(GPtrArray) consents = harbor_vault_list_consents (vault, kept_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((HarborVaultClient *) hits->pdata[0])->id, ==, kept_id);
  g_assert_cmpstr (client->birth_date, ==, kept.birth_date);
  g_assert_cmpuint (consents->len, ==, 1);
  none = harbor_vault_search_clients (vault, "zqgvvpqnotealpha", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* The app's sequence: delete (recoverable), later purge. */
static void
test_purge_every_trace (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *db_path = g_build_filename (dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autofree char *journal_path = g_build_filename (dir, HARBOR_VAULT_JOURNAL_NAME, NULL);
  g_autofree char *purged_id = NULL, *kept_id = NULL;
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  GStatBuf before, after;
  HarborVaultAuditEntry *last;

  vault = make_vault (dir, &purged_id, &kept_id);
  g_assert_cmpint (pragma (vault, "PRAGMA auto_vacuum"), ==, 2);

  /* The check finds what is there: every field, in the rows and tokens. */
  for (guint f = 0; f < PERSON_FIELDS; f++)
    g_test_message ("before the purge: %s in %u pages", field (&purged, f), count_forms (vault, field (&purged, f)));
  for (guint f = 0; f < PERSON_FIELDS; f++)
    if (field (&purged, f) != purged.name && field (&purged, f) != purged.safety)
      g_assert_cmpuint (count_forms (vault, field (&purged, f)), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (purged_later); i++)
    g_assert_cmpuint (count_forms (vault, purged_later[i]), >, 0);

  g_assert_cmpuint (vt_decrypted_count (vault, "zqgvvpqnotealpha"), >, 0);

  g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, purged_id, &error));
  g_assert_no_error (error);
  deleted = harbor_vault_list_deleted_clients (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpint (((HarborVaultClient *) deleted->pdata[0])->deleted_at, >, 0);
  /* A tombstone is not a purge: the data is still there. */
  g_assert_cmpuint (count_forms (vault, purged.note), >, 0);

  g_assert_cmpint (g_stat (db_path, &before), ==, 0);
  g_assert_true (harbor_vault_purge (vault, HARBOR_VAULT_KIND_CLIENT, purged_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (db_path, &after), ==, 0);
  g_test_message ("database %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " bytes",
                  (gint64) before.st_size, (gint64) after.st_size);
  g_assert_cmpint (after.st_size, <, before.st_size);
  g_assert_cmpint (pragma (vault, "PRAGMA freelist_count"), ==, 0);
  g_assert_cmpint (pragma (vault, "SELECT count(*) FROM meta WHERE key = 'purge_pending'"), ==, 0);
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));

  assert_gone (vault, dir);
  assert_later_gone (vault, dir);
  assert_sound (vault);
  assert_kept_searchable (vault, kept_id);
  g_assert_cmpint (pragma (vault, "SELECT count(*) FROM clients"), ==, N_CLIENTS + 1);

  /* The audit log says a purge happened, and not of what. */
  audit = harbor_vault_list_audit (vault, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "client.purge");
  g_assert_null (last->object_id);
  g_assert_true (harbor_vault_verify_audit (vault, &error));
  g_assert_no_error (error);

  /* The manifest and the key file never held client data. */
  harbor_vault_lock (vault);
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));
  g_assert_false (vt_folder_contains (dir, "Zkakkxwandrelle"));
  g_clear_object (&vault);
  vault = vt_open_vault (dir, NULL);
  assert_gone (vault, dir);
  g_clear_object (&vault);
  harbor_test_remove_tree (dir);
}

/* harbor_vault_purge_client(): live or deleted, in one step; bad input
 * changes nothing. */
static void
test_purge_client_helper (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autofree char *a = add_person (vault, &purged);
  g_autofree char *b = add_person (vault, &kept);
  g_autofree char *c = vt_add_client (vault, "Third Person", NULL, "third note");
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 entries;

  state = vt_dump (vault);
  entries = pragma (vault, "SELECT count(*) FROM audit_log");

  /* A live client: harbor_vault_purge refuses, nothing changes. */
  g_assert_false (harbor_vault_purge (vault, HARBOR_VAULT_KIND_CLIENT, a, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  /* Unknown and malformed ids. */
  g_assert_false (harbor_vault_purge_client (vault, "00112233445566778899aabbccddeeff", &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (harbor_vault_purge_client (vault, "not-an-id", &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *now = vt_dump (vault);
    g_assert_cmpstr (now, ==, state);
    g_assert_cmpint (pragma (vault, "SELECT count(*) FROM audit_log"), ==, entries);
  }

  /* Live: deleted and purged in one go. */
  g_assert_true (harbor_vault_purge_client (vault, a, &error));
  g_assert_no_error (error);
  assert_gone (vault, dir);
  assert_sound (vault);
  audit = harbor_vault_list_audit (vault, &error);
  g_assert_cmpstr (((HarborVaultAuditEntry *) audit->pdata[audit->len - 2])->action, ==, "client.delete");
  g_assert_cmpstr (((HarborVaultAuditEntry *) audit->pdata[audit->len - 1])->action, ==, "client.purge");
  g_assert_null (((HarborVaultAuditEntry *) audit->pdata[audit->len - 1])->object_id);

  /* Already deleted: just purged. Then it is gone. */
  g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, c, &error));
  g_assert_true (harbor_vault_purge_client (vault, c, &error));
  g_assert_no_error (error);
  g_assert_false (harbor_vault_purge_client (vault, c, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (vt_folder_contains (dir, "Third Person"));
  g_assert_cmpuint (vt_decrypted_count (vault, "Third Person"), ==, 0);
  g_assert_cmpuint (vt_decrypted_count (vault, "third note"), ==, 0);
  assert_kept_searchable (vault, b);

  /* Other kinds: a purged event leaves no trace either, nor its id. */
  {
    g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
    g_autofree char *event_id = NULL;

    event->client_id = g_strdup (b);
    event->kind = g_strdup ("note");
    event->text = g_strdup ("Zzeventonlysecret words");
    event_id = harbor_vault_add_event (vault, event, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (vt_decrypted_count (vault, "eventonlysecret"), >, 0);
    g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_EVENT, event_id, &error));
    g_assert_true (harbor_vault_purge (vault, HARBOR_VAULT_KIND_EVENT, event_id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (vt_decrypted_count (vault, "eventonlysecret"), ==, 0);
    g_clear_pointer (&audit, g_ptr_array_unref);
    audit = harbor_vault_list_audit (vault, &error);
    g_assert_cmpstr (((HarborVaultAuditEntry *) audit->pdata[audit->len - 1])->action, ==, "event.purge");
    g_assert_null (((HarborVaultAuditEntry *) audit->pdata[audit->len - 1])->object_id);
  }
  assert_sound (vault);
  g_clear_object (&vault);
  harbor_test_remove_tree (dir);
}

/* A purge inside an open transaction cannot rewrite the file (VACUUM
 * cannot run there); the marker says so, and the next unlock finishes. */
static void
test_purge_finished_on_unlock (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *purged_id = NULL, *kept_id = NULL;
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  vault = make_vault (dir, &purged_id, &kept_id);
  g_assert_true (harbor_vault_begin (vault, &error));
  g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, purged_id, &error));
  g_assert_true (harbor_vault_purge (vault, HARBOR_VAULT_KIND_CLIENT, purged_id, &error));
  g_assert_true (harbor_vault_commit (vault, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pragma (vault, "SELECT count(*) FROM meta WHERE key = 'purge_pending'"), ==, 1);
  /* The tokens are still in the older index segments. */
  g_assert_cmpuint (count_forms (vault, purged.long_note_word), >, 0);
  g_clear_object (&vault);

  vault = vt_open_vault (dir, NULL);
  g_assert_cmpint (pragma (vault, "SELECT count(*) FROM meta WHERE key = 'purge_pending'"), ==, 0);
  g_assert_cmpint (pragma (vault, "PRAGMA freelist_count"), ==, 0);
  assert_gone (vault, dir);
  assert_later_gone (vault, dir);
  assert_sound (vault);
  assert_kept_searchable (vault, kept_id);
  /* Nothing owed: finishing again is a no-op. */
  g_assert_true (harbor_vault_finish_purge (vault, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  harbor_test_remove_tree (dir);
}

/* A vault made before auto_vacuum was set (schema v1 without it) is
 * converted at unlock, keeps its data and still verifies. */
static void
test_old_format_converted (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *journal_path = g_build_filename (dir, HARBOR_VAULT_JOURNAL_NAME, NULL);
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autofree char *state = NULL, *now = NULL;
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (harbor_vault_get_connection (vault),
                                 "PRAGMA auto_vacuum = NONE; VACUUM;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (pragma (vault, "PRAGMA auto_vacuum"), ==, 0);
  a = add_person (vault, &purged);
  b = add_person (vault, &kept);
  g_assert_cmpint (pragma (vault, "PRAGMA auto_vacuum"), ==, 0);
  state = vt_dump (vault);
  g_clear_object (&vault);

  vault = vt_open_vault (dir, NULL);
  g_assert_cmpint (pragma (vault, "PRAGMA auto_vacuum"), ==, 2);
  g_assert_false (g_file_test (journal_path, G_FILE_TEST_EXISTS));
  now = vt_dump (vault);
  g_assert_cmpstr (now, ==, state);
  assert_sound (vault);

  /* And a purge works on it as on a new vault. */
  g_assert_true (harbor_vault_purge_client (vault, a, &error));
  g_assert_no_error (error);
  assert_gone (vault, dir);
  assert_sound (vault);
  g_clear_object (&vault);
  harbor_test_remove_tree (dir);
}

/* Ordinary edits free pages; the next unlock gives them back. */
static void
test_free_pages_returned_on_unlock (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *db_path = g_build_filename (dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autoptr(HarborVault) vault = vt_create_vault (dir, NULL, NULL);
  g_autofree char *a = add_person (vault, &kept);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  /* The long note shrinks to a word: its overflow pages are freed. */
  events = harbor_vault_list_events (vault, a, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      HarborVaultEvent *event = g_ptr_array_index (events, i);

      g_free (event->text);
      event->text = g_strdup ("short");
      g_assert_true (harbor_vault_update_event (vault, event, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (pragma (vault, "PRAGMA freelist_count"), >, 0);
  g_clear_object (&vault);
  g_assert_cmpint (g_stat (db_path, &before), ==, 0);

  vault = vt_open_vault (dir, NULL);
  g_assert_cmpint (pragma (vault, "PRAGMA freelist_count"), ==, 0);
  g_assert_cmpint (g_stat (db_path, &after), ==, 0);
  g_assert_cmpint (after.st_size, <, before.st_size);
  assert_sound (vault);
  g_clear_object (&vault);
  harbor_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));
  g_test_add_func ("/vault/purge/every-trace", test_purge_every_trace);
  g_test_add_func ("/vault/purge/client-helper", test_purge_client_helper);
  g_test_add_func ("/vault/purge/finished-on-unlock", test_purge_finished_on_unlock);
  g_test_add_func ("/vault/purge/old-format-converted", test_old_format_converted);
  g_test_add_func ("/vault/purge/free-pages-returned-on-unlock", test_free_pages_returned_on_unlock);
  return g_test_run ();
}
