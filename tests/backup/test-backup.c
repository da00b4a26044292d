/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup.c: encrypted backups and restore
 *
 * Copyright 2026 The Harbor authors
 *
 * Round trip with every entity type (field by field), every single-byte
 * flip, truncations, swapped/dropped/foreign chunks, wrong passphrase,
 * foreign files, and a restore that never touches an existing folder and
 * leaves nothing behind when it fails. Cheap Argon2id parameters
 * (harbor_kdf_params_for_tests) and small chunks keep it fast.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "harbor-backup.h"
#include "harbor-core.h"
#include "harbor-test-fs.h"
#include "harbor-vault-error.h"

#define VAULT_PASS  "vault passphrase"
#define BACKUP_PASS "backup passphrase"
#define NEW_PASS    "new vault passphrase"
#define SMALL_CHUNK 512

/* ---- Helpers ------------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names in @dir, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

static HarborVault *
create_vault (const char *dir)
{
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborSecret) recovery = harbor_vault_create (vault, VAULT_PASS, &params, &error);

  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  return g_steal_pointer (&vault);
}

static char **
strv (const char *first,
      ...)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (b, s);
  va_end (args);
  return g_strv_builder_end (b);
}

static char *
add_record (HarborVault *vault,
            const char  *client_id,
            gboolean     full)
{
  g_autoptr(HarborRecord) record = harbor_record_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  record->jurisdiction = g_strdup ("US-OH");
  if (full)
    {
      record->court = HARBOR_COURT_ADULT;
      record->disposition = HARBOR_DISPOSITION_CONVICTED;
      record->offense.description = g_strdup ("Soliciting (distinctive offense text)");
      record->offense.statute = g_strdup ("R.C. 2907.24");
      record->offense.categories = strv ("prostitution", "public_order", NULL);
      record->offense.klass = HARBOR_OFFENSE_CLASS_MISDEMEANOR;
      record->offense.degree = g_strdup ("M3");
      record->offense.violent = HARBOR_TRI_FALSE;
      record->offense.child_victim = HARBOR_TRI_FALSE;
      harbor_date_parse ("2021-04-02", &record->offense_date);
      harbor_date_parse ("2021-06-10", &record->disposition_date);
      harbor_date_parse ("2021-12-10", &record->sentence_completed_on);
      record->sentenced_to_imprisonment = HARBOR_TRI_TRUE;
      record->imprisoned = HARBOR_TRI_FALSE;
      record->result_of_trafficking = HARBOR_TRI_TRUE;
    }
  else
    {
      record->court = HARBOR_COURT_JUVENILE;
      record->offense.categories = g_new0 (char *, 1);   /* known to be empty */
    }
  id = harbor_vault_add_record (vault, client_id, record, &error);
  g_assert_no_error (error);
  return id;
}

static char *
add_item (HarborVault *vault,
          const char  *checklist_id,
          int          position,
          const char  *step,
          const char  *status,
          const char  *due_on,
          const char  *done_on,
          const char  *note)
{
  g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  item->checklist_id = g_strdup (checklist_id);
  item->position = position;
  item->step = g_strdup (step);
  item->status = g_strdup (status);
  item->due_on = g_strdup (due_on);
  item->done_on = g_strdup (done_on);
  item->note = g_strdup (note);
  id = harbor_vault_add_checklist_item (vault, item, &error);
  g_assert_no_error (error);
  return id;
}

static char *
add_checklist (HarborVault *vault,
               const char  *client_id,
               const char  *record_id,
               const char  *pathway,
               const char  *title)
{
  g_autoptr(HarborVaultChecklist) checklist = harbor_vault_checklist_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  checklist->client_id = g_strdup (client_id);
  checklist->record_id = g_strdup (record_id);
  checklist->pathway_id = g_strdup (pathway);
  checklist->title = g_strdup (title);
  id = harbor_vault_add_checklist (vault, checklist, &error);
  g_assert_no_error (error);
  return id;
}

static void
add_event (HarborVault *vault,
           const char  *client_id,
           const char  *kind,
           const char  *date,
           const char  *text,
           gboolean     then_delete)
{
  g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  event->client_id = g_strdup (client_id);
  event->kind = g_strdup (kind);
  event->date = g_strdup (date);
  event->text = g_strdup (text);
  id = harbor_vault_add_event (vault, event, &error);
  g_assert_no_error (error);
  if (then_delete)
    {
      harbor_vault_delete (vault, HARBOR_VAULT_KIND_EVENT, id, &error);
      g_assert_no_error (error);
    }
}

static void
add_consent (HarborVault *vault,
             const char  *client_id,
             const char  *party,
             const char  *scope,
             const char  *signed_on,
             const char  *expires_on,
             const char  *revoked_on,
             const char  *note)
{
  g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  consent->client_id = g_strdup (client_id);
  consent->party = g_strdup (party);
  consent->scope = g_strdup (scope);
  consent->signed_on = g_strdup (signed_on);
  consent->expires_on = g_strdup (expires_on);
  consent->revoked_on = g_strdup (revoked_on);
  consent->note = g_strdup (note);
  id = harbor_vault_add_consent (vault, consent, &error);
  g_assert_no_error (error);
}

/* Fills a vault with every kind of entity (and some that must not travel). */
static void
fill_vault (HarborVault *vault)
{
  g_autoptr(HarborVaultClient) a = harbor_vault_client_new ();
  g_autoptr(HarborVaultClient) b = harbor_vault_client_new ();
  g_autoptr(HarborVaultClient) c = harbor_vault_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a_id = NULL, *b_id = NULL, *c_id = NULL;
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL;
  g_autofree char *k1 = NULL, *k2 = NULL, *k3 = NULL, *k4 = NULL;
  g_autofree char *i1 = NULL, *i2 = NULL, *i3 = NULL, *i4 = NULL, *i5 = NULL, *i6 = NULL;

  a->display_name = g_strdup ("Alma Distinctive");
  a->aliases = strv ("Al", "A. D.", NULL);
  a->birth_date = g_strdup ("2001-02-03");
  a->pronouns = g_strdup ("she/her");
  a->languages = strv ("es", "en", NULL);
  a->safety_notes = g_strdup ("Text only; never call before noon.\nLine two \"quoted\" \\ é ✓");
  a->trafficking_types = strv ("sex", "labor", NULL);
  a->trafficking_began_on = g_strdup ("2017-06-01");
  a->trafficking_ended_on = g_strdup ("2020-01-15");
  a->trafficking_documentation = strv ("t_visa", "court_finding", NULL);
  a_id = harbor_vault_add_client (vault, a, &error);
  g_assert_no_error (error);

  b->display_name = g_strdup ("Bea Minimal");
  b->aliases = g_new0 (char *, 1);      /* known to be empty, not unknown */
  b_id = harbor_vault_add_client (vault, b, &error);
  g_assert_no_error (error);

  c->display_name = g_strdup ("Cora Deleted");
  c_id = harbor_vault_add_client (vault, c, &error);
  g_assert_no_error (error);

  r1 = add_record (vault, a_id, TRUE);
  r2 = add_record (vault, a_id, FALSE);
  r3 = add_record (vault, b_id, FALSE);
  add_event (vault, a_id, "intake", "2024-01-02", "First meeting at the shelter", FALSE);
  add_event (vault, a_id, "note", NULL, NULL, FALSE);
  add_event (vault, a_id, "note", "2024-01-03", "deleted note must not travel", TRUE);
  add_event (vault, b_id, "court_date", "2025-05-05", "", FALSE);

  k1 = add_checklist (vault, a_id, r1, "US-OH.vacatur", "Vacatur in Ohio");
  i1 = add_item (vault, k1, 0, "Get the certified disposition", "done", "2024-02-01", "2024-01-20", "Clerk was helpful");
  i2 = add_item (vault, k1, 1, "Refer to counsel", "in_progress", "2024-03-01", NULL, NULL);
  i3 = add_item (vault, k1, 2, "File the motion", NULL, NULL, NULL, NULL);
  k2 = add_checklist (vault, a_id, NULL, "US.general", NULL);
  i4 = add_item (vault, k2, 5, "Rap sheet", "not_needed", NULL, NULL, "not needed after all");
  /* A live checklist tied to a record deleted afterwards. */
  k3 = add_checklist (vault, a_id, r2, "US-OH.sealing", "Sealing");
  i5 = add_item (vault, k3, 0, "Wait", "todo", "2030-01-01", NULL, NULL);
  harbor_vault_delete (vault, HARBOR_VAULT_KIND_RECORD, r2, &error);
  g_assert_no_error (error);
  k4 = add_checklist (vault, b_id, r3, "US-OH.expungement", "Expungement");
  i6 = add_item (vault, k4, 0, "Deleted item", "todo", NULL, NULL, NULL);
  harbor_vault_delete (vault, HARBOR_VAULT_KIND_CHECKLIST_ITEM, i6, &error);
  g_assert_no_error (error);

  add_consent (vault, a_id, "Legal Aid Society", "records relief", "2024-01-05", "2025-01-05", NULL, "signed in person");
  add_consent (vault, a_id, "Clinic", NULL, NULL, NULL, "2024-06-01", NULL);
  add_consent (vault, b_id, "Counsel", "all", "2024-02-02", NULL, NULL, NULL);

  /* A deleted client (with a record) stays out of the backup. */
  {
    g_autofree char *rc = add_record (vault, c_id, TRUE);

    harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, c_id, &error);
    g_assert_no_error (error);
  }
}

/* Backs @vault up to @path, with small chunks. */
static void
backup_to (HarborVault *vault,
           const char  *path,
           guint32      chunk_size)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;

  harbor_backup_write_with_chunk_size (vault, path, BACKUP_PASS, &params, chunk_size, &error);
  g_assert_no_error (error);
}

static gboolean
verify_bytes (const guint8  *data,
              gsize          length,
              const char    *passphrase,
              GError       **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, length, NULL);
  HarborKdfParams max = harbor_kdf_params_for_tests ();

  return harbor_backup_verify_stream (in, passphrase, &max, NULL, error);
}

/* Restores @path into @parent/restored, expecting @code; checks that
 * nothing at all is left in @parent beyond what was there. */
static void
restore_fails (const char *backup_path,
               const char *passphrase,
               const char *dest,
               int         code)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autofree char *parent = g_path_get_dirname (dest);
  g_autofree char *before = list_dir (parent);
  g_autofree char *after = NULL;

  recovery = harbor_backup_restore (backup_path, passphrase, dest, NEW_PASS, &params,
                                    NULL, NULL, NULL, &error);
  g_assert_null (recovery);
  g_assert_error (error, HARBOR_BACKUP_ERROR, code);
  after = list_dir (parent);
  g_assert_cmpstr (after, ==, before);
}

/* ---- Comparison ------------------------------------------------------------------- */

static void
assert_strv_equal (char **a,
                   char **b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  g_assert_true (g_strv_equal ((const char * const *) a, (const char * const *) b));
}

static char *
record_text (HarborVault *vault,
             const char  *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRecord) record = harbor_vault_get_record (vault, id, &error);

  g_assert_no_error (error);
  g_clear_pointer (&record->id, g_free);
  return harbor_record_to_data (record);
}

static GPtrArray *
all_clients (HarborVault *vault)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *clients = harbor_vault_list_clients (vault, 0, 1000, &error);

  g_assert_no_error (error);
  return clients;
}

static HarborVaultClient *
find_client (GPtrArray  *clients,
             const char *name)
{
  HarborVaultClient *found = NULL;

  for (guint i = 0; i < clients->len; i++)
    {
      HarborVaultClient *c = g_ptr_array_index (clients, i);

      if (g_strcmp0 (c->display_name, name) == 0)
        {
          g_assert_null (found);
          found = c;
        }
    }
  g_assert_nonnull (found);
  return found;
}

/* Compares two vaults field by field (ids differ; clients are matched by
 * name, since activity times within a millisecond may tie). */
static void
assert_same_content (HarborVault *src,
                     HarborVault *dst)
{
  g_autoptr(GPtrArray) sc = all_clients (src);
  g_autoptr(GPtrArray) dc = all_clients (dst);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (sc->len, ==, dc->len);
  for (guint i = 0; i < sc->len; i++)
    {
      HarborVaultClient *s = g_ptr_array_index (sc, i);
      HarborVaultClient *d = find_client (dc, s->display_name);
      g_autoptr(GPtrArray) sr = NULL, dr = NULL, se = NULL, de = NULL;
      g_autoptr(GPtrArray) sk = NULL, dk = NULL, sn = NULL, dn = NULL;

      g_assert_cmpstr (s->id, !=, d->id);
      g_assert_cmpstr (s->display_name, ==, d->display_name);
      assert_strv_equal (s->aliases, d->aliases);
      g_assert_cmpstr (s->birth_date, ==, d->birth_date);
      g_assert_cmpstr (s->pronouns, ==, d->pronouns);
      assert_strv_equal (s->languages, d->languages);
      g_assert_cmpstr (s->safety_notes, ==, d->safety_notes);
      assert_strv_equal (s->trafficking_types, d->trafficking_types);
      g_assert_cmpstr (s->trafficking_began_on, ==, d->trafficking_began_on);
      g_assert_cmpstr (s->trafficking_ended_on, ==, d->trafficking_ended_on);
      assert_strv_equal (s->trafficking_documentation, d->trafficking_documentation);
      g_assert_false (d->deleted);

      sr = harbor_vault_list_records (src, s->id, &error);
      dr = harbor_vault_list_records (dst, d->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sr->len, ==, dr->len);
      for (guint j = 0; j < sr->len; j++)
        {
          HarborRecord *rs = g_ptr_array_index (sr, j);
          HarborRecord *rd = g_ptr_array_index (dr, j);
          g_autofree char *ts = record_text (src, rs->id);
          g_autofree char *td = record_text (dst, rd->id);

          g_assert_cmpstr (rs->id, !=, rd->id);
          g_assert_cmpstr (ts, ==, td);
          g_assert_cmpint (rs->result_of_trafficking, ==, rd->result_of_trafficking);
          g_assert_cmpint (g_date_valid (&rs->offense_date), ==, g_date_valid (&rd->offense_date));
          if (g_date_valid (&rs->offense_date))
            g_assert_cmpint (g_date_compare (&rs->offense_date, &rd->offense_date), ==, 0);
        }

      se = harbor_vault_list_events (src, s->id, &error);
      de = harbor_vault_list_events (dst, d->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (se->len, ==, de->len);
      for (guint j = 0; j < se->len; j++)
        {
          HarborVaultEvent *es = g_ptr_array_index (se, j);
          HarborVaultEvent *ed = g_ptr_array_index (de, j);

          g_assert_cmpstr (ed->client_id, ==, d->id);
          g_assert_cmpstr (es->kind, ==, ed->kind);
          g_assert_cmpstr (es->date, ==, ed->date);
          g_assert_cmpstr (es->text, ==, ed->text);
        }

      sk = harbor_vault_list_checklists (src, s->id, &error);
      dk = harbor_vault_list_checklists (dst, d->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sk->len, ==, dk->len);
      for (guint j = 0; j < sk->len; j++)
        {
          HarborVaultChecklist *ks = g_ptr_array_index (sk, j);
          HarborVaultChecklist *kd = g_ptr_array_index (dk, j);
          g_autoptr(GPtrArray) is = NULL, id = NULL;

          g_assert_cmpstr (kd->client_id, ==, d->id);
          g_assert_cmpstr (ks->pathway_id, ==, kd->pathway_id);
          g_assert_cmpstr (ks->title, ==, kd->title);
          g_assert_true ((ks->record_id == NULL) == (kd->record_id == NULL));
          if (ks->record_id != NULL)
            {
              /* The remapped record holds the same data (even a deleted one). */
              g_autofree char *ts = record_text (src, ks->record_id);
              g_autofree char *td = record_text (dst, kd->record_id);

              g_assert_cmpstr (ks->record_id, !=, kd->record_id);
              g_assert_cmpstr (ts, ==, td);
            }
          is = harbor_vault_list_checklist_items (src, ks->id, &error);
          id = harbor_vault_list_checklist_items (dst, kd->id, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (is->len, ==, id->len);
          for (guint k = 0; k < is->len; k++)
            {
              HarborVaultChecklistItem *a = g_ptr_array_index (is, k);
              HarborVaultChecklistItem *b = g_ptr_array_index (id, k);

              g_assert_cmpstr (b->checklist_id, ==, kd->id);
              g_assert_cmpint (a->position, ==, b->position);
              g_assert_cmpstr (a->step, ==, b->step);
              g_assert_cmpstr (a->status, ==, b->status);
              g_assert_cmpstr (a->due_on, ==, b->due_on);
              g_assert_cmpstr (a->done_on, ==, b->done_on);
              g_assert_cmpstr (a->note, ==, b->note);
            }
        }

      sn = harbor_vault_list_consents (src, s->id, &error);
      dn = harbor_vault_list_consents (dst, d->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sn->len, ==, dn->len);
      for (guint j = 0; j < sn->len; j++)
        {
          HarborVaultConsent *a = g_ptr_array_index (sn, j);
          HarborVaultConsent *b = g_ptr_array_index (dn, j);

          g_assert_cmpstr (b->client_id, ==, d->id);
          g_assert_cmpstr (a->party, ==, b->party);
          g_assert_cmpstr (a->scope, ==, b->scope);
          g_assert_cmpstr (a->signed_on, ==, b->signed_on);
          g_assert_cmpstr (a->expires_on, ==, b->expires_on);
          g_assert_cmpstr (a->revoked_on, ==, b->revoked_on);
          g_assert_cmpstr (a->note, ==, b->note);
        }
    }
}

/* ---- A shared small backup ------------------------------------------------------------ */

typedef struct
{
  char        *dir;
  char        *vault_dir;
  char        *backup;
  HarborVault *vault;
  GBytes      *bytes;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data G_GNUC_UNUSED)
{
  f->dir = harbor_test_make_tmpdir ("backup-test");
  f->vault_dir = g_build_filename (f->dir, "vault", NULL);
  f->backup = g_build_filename (f->dir, "backup.hbk", NULL);
  f->vault = create_vault (f->vault_dir);
  fill_vault (f->vault);
  backup_to (f->vault, f->backup, SMALL_CHUNK);
  f->bytes = read_bytes (f->backup);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  g_clear_object (&f->vault);
  g_bytes_unref (f->bytes);
  harbor_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault_dir);
  g_free (f->backup);
}

static gsize
n_chunks (gsize length)
{
  gsize body = length - HARBOR_BACKUP_HEADER_SIZE;
  gsize c = SMALL_CHUNK + 17;

  return body / c + 1;
}

/* ---- Tests ---------------------------------------------------------------------------- */

typedef struct
{
  guint   calls;
  guint64 last_done;
  guint64 total;
  gboolean monotonic;
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  if (p->calls > 0 && done < p->last_done)
    p->monotonic = FALSE;
  p->calls++;
  p->last_done = done;
  p->total = total;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *big_backup = g_build_filename (f->dir, "big.hbk", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "restored", NULL);
  g_autofree char *dest2 = g_build_filename (f->dir, "restored-default-chunks", NULL);
  g_autoptr(HarborVault) restored = NULL;
  g_autoptr(HarborVault) restored2 = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(HarborSecret) recovery2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) backup_bytes = NULL;
  Progress wp = { 0, 0, 0, TRUE }, rp = { 0, 0, 0, TRUE };
  g_autofree char *listing = NULL;

  /* The small-chunk backup spans several chunks and holds no plaintext. */
  g_assert_cmpuint (n_chunks (g_bytes_get_size (f->bytes)), >=, 4);
  g_assert_null (memmem (g_bytes_get_data (f->bytes, NULL), g_bytes_get_size (f->bytes),
                         "Distinctive", strlen ("Distinctive")));
  g_assert_cmpmem (g_bytes_get_data (f->bytes, NULL), 8, HARBOR_BACKUP_MAGIC, 8);

  recovery = harbor_backup_restore (f->backup, BACKUP_PASS, dest, NEW_PASS, &params,
                                    on_progress, &rp, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_true (harbor_recovery_key_check (recovery, NULL));
  g_assert_cmpuint (rp.calls, ==, n_chunks (g_bytes_get_size (f->bytes)));
  g_assert_true (rp.monotonic);
  g_assert_cmpuint (rp.last_done, ==, rp.total);
  g_assert_cmpuint (rp.total, ==, g_bytes_get_size (f->bytes));

  /* Only the backup, the old vault and the new one: no temporary folder. */
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "backup.hbk restored vault");

  /* The new vault opens with the new passphrase only. */
  restored = harbor_vault_new (dest);
  g_assert_false (harbor_vault_unlock (restored, VAULT_PASS, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (harbor_vault_unlock (restored, NEW_PASS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (harbor_vault_count_clients (restored, NULL), ==, 2);
  {
    g_autoptr(GPtrArray) deleted = harbor_vault_list_deleted_clients (restored, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (deleted->len, ==, 0);
  }
  assert_same_content (f->vault, restored);
  g_assert_true (harbor_vault_verify_audit (restored, &error));
  g_assert_no_error (error);
  harbor_vault_lock (restored);
  g_assert_true (harbor_vault_unlock_with_recovery_key (restored, recovery, &error));
  g_assert_no_error (error);

  /* The production chunk size, with progress over clients. */
  g_assert_true (harbor_backup_write (f->vault, big_backup, BACKUP_PASS, &params,
                                      on_progress, &wp, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wp.calls, ==, 3);
  g_assert_cmpuint (wp.last_done, ==, 2);
  g_assert_cmpuint (wp.total, ==, 2);
  g_assert_true (wp.monotonic);
  backup_bytes = read_bytes (big_backup);
  /* One (final) chunk of the production size. */
  g_assert_cmpuint (g_bytes_get_size (backup_bytes), <, HARBOR_BACKUP_HEADER_SIZE + HARBOR_BACKUP_CHUNK_SIZE);
  recovery2 = harbor_backup_restore (big_backup, BACKUP_PASS, dest2, NEW_PASS, &params,
                                     NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  restored2 = harbor_vault_new (dest2);
  g_assert_true (harbor_vault_unlock (restored2, NEW_PASS, &error));
  g_assert_no_error (error);
  assert_same_content (f->vault, restored2);
  /* A backup of the restored vault restores to the same content again. */
  assert_same_content (restored, restored2);

  /* An empty vault backs up and restores too. */
  {
    g_autofree char *empty_dir = g_build_filename (f->dir, "empty", NULL);
    g_autofree char *empty_backup = g_build_filename (f->dir, "empty.hbk", NULL);
    g_autofree char *empty_dest = g_build_filename (f->dir, "empty-restored", NULL);
    g_autoptr(HarborVault) empty = create_vault (empty_dir);
    g_autoptr(HarborSecret) r3 = NULL;

    backup_to (empty, empty_backup, SMALL_CHUNK);
    r3 = harbor_backup_restore (empty_backup, BACKUP_PASS, empty_dest, NEW_PASS, &params,
                                NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (r3);
  }
}

/* Every single-byte flip of the backup is refused. */
static void
test_flips (Fixture       *f,
            gconstpointer  data G_GNUC_UNUSED)
{
  gsize length;
  const guint8 *orig = g_bytes_get_data (f->bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (orig, length);
  gsize full_end = HARBOR_BACKUP_HEADER_SIZE + (n_chunks (length) - 1) * (SMALL_CHUNK + 17);
  guint counts[HARBOR_BACKUP_ERROR_IO + 1] = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (verify_bytes (orig, length, BACKUP_PASS, &error));
  g_assert_no_error (error);
  g_test_message ("flipping each of %" G_GSIZE_FORMAT " bytes", length);

  for (gsize i = 0; i < length; i++)
    {
      copy[i] ^= 0x01;
      g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == HARBOR_BACKUP_ERROR);
      counts[error->code]++;
      if (i < 8)
        g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_NOT_A_BACKUP);
      else if (i < 10)
        g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION);
      else if (i < HARBOR_BACKUP_HEADER_SIZE)
        g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
      else if (i < full_end)
        {
          /* A full chunk names itself. */
          g_autofree char *name = g_strdup_printf ("chunk %" G_GSIZE_FORMAT " ",
                                                   (i - HARBOR_BACKUP_HEADER_SIZE) / (SMALL_CHUNK + 17) + 1);

          g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
          g_assert_nonnull (strstr (error->message, name));
        }
      else
        g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED);
      g_clear_error (&error);
      copy[i] ^= 0x01;
    }
  g_assert_cmpuint (counts[HARBOR_BACKUP_ERROR_DAMAGED], >, 0);
  g_assert_cmpuint (counts[HARBOR_BACKUP_ERROR_INVALID], ==, 0);

  /* Through a restore, a few flips leave nothing behind. */
  {
    gsize positions[] = { 3, 20, 40, 80, 100, HARBOR_BACKUP_HEADER_SIZE + 5, full_end - 1, length - 1 };
    g_autofree char *bad = g_build_filename (f->dir, "bad.hbk", NULL);
    g_autofree char *dest = g_build_filename (f->dir, "restored", NULL);

    for (guint k = 0; k < G_N_ELEMENTS (positions); k++)
      {
        gsize i = positions[k];
        int expected;

        copy[i] ^= 0x80;
        g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
        expected = error->code;
        g_clear_error (&error);
        write_bytes (bad, copy, length);
        restore_fails (bad, BACKUP_PASS, dest, expected);
        copy[i] ^= 0x80;
      }
  }
}

static void
test_truncation (Fixture       *f,
                 gconstpointer  data G_GNUC_UNUSED)
{
  gsize length;
  const guint8 *orig = g_bytes_get_data (f->bytes, &length);
  gsize c = SMALL_CHUNK + 17;
  gsize cuts[] = {
    1, 7, 8, 9, 50, HARBOR_BACKUP_HEADER_SIZE - 1, HARBOR_BACKUP_HEADER_SIZE,
    HARBOR_BACKUP_HEADER_SIZE + 1, HARBOR_BACKUP_HEADER_SIZE + c / 2,
    HARBOR_BACKUP_HEADER_SIZE + c, HARBOR_BACKUP_HEADER_SIZE + c + 1,
    HARBOR_BACKUP_HEADER_SIZE + 2 * c, length - 18, length - 17, length - 1,
  };
  g_autofree char *cut_path = g_build_filename (f->dir, "cut.hbk", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "restored", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (verify_bytes (orig, 0, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_NOT_A_BACKUP);
  g_clear_error (&error);

  for (guint k = 0; k < G_N_ELEMENTS (cuts); k++)
    {
      g_assert_cmpuint (cuts[k], <, length);
      g_assert_false (verify_bytes (orig, cuts[k], BACKUP_PASS, &error));
      g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED);
      g_clear_error (&error);
    }
  /* Every length from the header on, as a sweep. */
  for (gsize n = HARBOR_BACKUP_HEADER_SIZE; n < length; n += 37)
    {
      g_assert_false (verify_bytes (orig, n, BACKUP_PASS, &error));
      g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED);
      g_clear_error (&error);
    }
  /* Through a restore: nothing left behind. */
  for (guint k = 0; k < G_N_ELEMENTS (cuts); k += 3)
    {
      write_bytes (cut_path, orig, cuts[k]);
      restore_fails (cut_path, BACKUP_PASS, dest, HARBOR_BACKUP_ERROR_TRUNCATED);
    }
}

/* Swapped, dropped, duplicated, appended and foreign chunks. */
static void
test_chunks (Fixture       *f,
             gconstpointer  data G_GNUC_UNUSED)
{
  gsize length;
  const guint8 *orig = g_bytes_get_data (f->bytes, &length);
  gsize c = SMALL_CHUNK + 17;
  gsize h = HARBOR_BACKUP_HEADER_SIZE;
  g_autofree guint8 *copy = g_memdup2 (orig, length);
  g_autoptr(GByteArray) edited = g_byte_array_new ();
  g_autofree char *other_path = g_build_filename (f->dir, "other.hbk", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.hbk", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "restored", NULL);
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GError) error = NULL;
  guint8 zero = 0;

  g_assert_cmpuint (n_chunks (length), >=, 4);

  /* Chunks 2 and 3 swapped. */
  memcpy (copy + h + c, orig + h + 2 * c, c);
  memcpy (copy + h + 2 * c, orig + h + c, c);
  g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "chunk 2 "));
  g_clear_error (&error);
  write_bytes (bad, copy, length);
  restore_fails (bad, BACKUP_PASS, dest, HARBOR_BACKUP_ERROR_DAMAGED);

  /* Chunks 1 and 2 swapped. */
  memcpy (copy, orig, length);
  memcpy (copy + h, orig + h + c, c);
  memcpy (copy + h + c, orig + h, c);
  g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "chunk 1 "));
  g_clear_error (&error);

  /* Chunk 2 dropped. */
  g_byte_array_append (edited, orig, h + c);
  g_byte_array_append (edited, orig + h + 2 * c, length - h - 2 * c);
  g_assert_false (verify_bytes (edited->data, edited->len, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
  g_clear_error (&error);

  /* Chunk 1 repeated. */
  g_byte_array_set_size (edited, 0);
  g_byte_array_append (edited, orig, h + c);
  g_byte_array_append (edited, orig + h, length - h);
  g_assert_false (verify_bytes (edited->data, edited->len, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
  g_clear_error (&error);

  /* A byte appended after the final chunk: the final chunk (always
   * short) then reads longer and fails, like a cut or changed last chunk. */
  g_byte_array_set_size (edited, 0);
  g_byte_array_append (edited, orig, length);
  g_byte_array_append (edited, &zero, 1);
  g_assert_false (verify_bytes (edited->data, edited->len, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "last chunk"));
  g_clear_error (&error);
  write_bytes (bad, edited->data, edited->len);
  restore_fails (bad, BACKUP_PASS, dest, HARBOR_BACKUP_ERROR_TRUNCATED);
  /* A whole chunk appended after the final one. */
  g_byte_array_set_size (edited, 0);
  g_byte_array_append (edited, orig, length);
  g_byte_array_append (edited, orig + h, c);
  g_assert_false (verify_bytes (edited->data, edited->len, BACKUP_PASS, &error));
  g_assert_true (error->domain == HARBOR_BACKUP_ERROR);
  g_clear_error (&error);

  /* A chunk of another backup (same vault, same passphrase). */
  backup_to (f->vault, other_path, SMALL_CHUNK);
  other = read_bytes (other_path);
  g_assert_cmpuint (g_bytes_get_size (other), ==, length);
  memcpy (copy, orig, length);
  memcpy (copy + h + c, (const guint8 *) g_bytes_get_data (other, NULL) + h + c, c);
  g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
  g_clear_error (&error);
  /* Its header on our chunks. */
  memcpy (copy, orig, length);
  memcpy (copy, g_bytes_get_data (other, NULL), h);
  g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "chunk 1 "));
  g_clear_error (&error);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *dest = g_build_filename (f->dir, "restored", NULL);
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *orig = g_bytes_get_data (f->bytes, &length);

  g_assert_false (verify_bytes (orig, length, "backup passphrasE", &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (verify_bytes (orig, length, VAULT_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  restore_fails (f->backup, "not it", dest, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE);
  restore_fails (f->backup, "", dest, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE);
}

static void
test_foreign (Fixture       *f,
              gconstpointer  data G_GNUC_UNUSED)
{
  g_autofree char *keys = g_build_filename (f->vault_dir, HARBOR_VAULT_KEYFILE_NAME, NULL);
  g_autofree char *dest = g_build_filename (f->dir, "restored", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.hbk", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.hbk", NULL);
  gsize length;
  const guint8 *orig = g_bytes_get_data (f->bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (orig, length);
  g_autoptr(GError) error = NULL;
  guint8 hash[16];

  restore_fails (keys, BACKUP_PASS, dest, HARBOR_BACKUP_ERROR_NOT_A_BACKUP);
  restore_fails (missing, BACKUP_PASS, dest, HARBOR_BACKUP_ERROR_IO);
  g_assert_false (verify_bytes ((const guint8 *) "{\"format\": \"harbor-case/1\"}", 27, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_NOT_A_BACKUP);
  g_clear_error (&error);

  /* A newer version. */
  copy[8] = 2;
  write_bytes (bad, copy, length);
  restore_fails (bad, BACKUP_PASS, dest, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION);

  /* A consistent header (checksum recomputed) asking for too much memory. */
  memcpy (copy, orig, length);
  copy[24 + 4] = 0x40;   /* memlimit += 256 GiB */
  crypto_generichash (hash, sizeof hash, copy, 92, NULL, 0);
  memcpy (copy + 92, hash, sizeof hash);
  g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION);
  g_clear_error (&error);

  /* A consistent header whose secretstream header was changed: the key
   * check covers it, so it reads as the wrong passphrase. */
  memcpy (copy, orig, length);
  copy[60] ^= 1;
  crypto_generichash (hash, sizeof hash, copy, 92, NULL, 0);
  memcpy (copy + 92, hash, sizeof hash);
  g_assert_false (verify_bytes (copy, length, BACKUP_PASS, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
}

/* A restore never touches an existing vault or non-empty folder. */
static void
test_destination (Fixture       *f,
                  gconstpointer  data G_GNUC_UNUSED)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *before = list_dir (f->vault_dir);
  g_autofree char *db = g_build_filename (f->vault_dir, HARBOR_VAULT_DATABASE_NAME, NULL);
  g_autofree char *keys = g_build_filename (f->vault_dir, HARBOR_VAULT_KEYFILE_NAME, NULL);
  g_autofree char *other = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other_file = g_build_filename (other, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty", NULL);
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "vault", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) db_before = NULL, keys_before = NULL, db_after = NULL, keys_after = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->vault);           /* locked, as on disk */
  db_before = read_bytes (db);
  keys_before = read_bytes (keys);

  restore_fails (f->backup, BACKUP_PASS, f->vault_dir, HARBOR_BACKUP_ERROR_EXISTS);
  /* Even with the wrong passphrase, the destination is checked first. */
  restore_fails (f->backup, "wrong", f->vault_dir, HARBOR_BACKUP_ERROR_EXISTS);
  after = list_dir (f->vault_dir);
  g_assert_cmpstr (after, ==, before);
  db_after = read_bytes (db);
  keys_after = read_bytes (keys);
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (keys_before, keys_after));

  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  write_bytes (other_file, (const guint8 *) "x", 1);
  restore_fails (f->backup, BACKUP_PASS, other, HARBOR_BACKUP_ERROR_EXISTS);
  restore_fails (f->backup, BACKUP_PASS, other_file, HARBOR_BACKUP_ERROR_EXISTS);
  restore_fails (f->backup, BACKUP_PASS, f->backup, HARBOR_BACKUP_ERROR_EXISTS);

  /* An empty folder, and a folder whose parents do not exist yet, are fine. */
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  recovery = harbor_backup_restore (f->backup, BACKUP_PASS, empty, NEW_PASS, &params,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (empty, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&recovery, harbor_secret_free);
  recovery = harbor_backup_restore (f->backup, BACKUP_PASS, nested, NEW_PASS, &params,
                                    NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *listing = list_dir (nested);

    g_assert_cmpstr (listing, ==, HARBOR_VAULT_MANIFEST_NAME " " HARBOR_VAULT_KEYFILE_NAME " "
                     HARBOR_VAULT_DATABASE_NAME);
  }
}

static void
cancel_on_first (guint64  done G_GNUC_UNUSED,
                 guint64  total G_GNUC_UNUSED,
                 gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Backing up: no overwrite, no weak parameters, nothing left on failure. */
static void
test_write_checks (Fixture       *f,
                   gconstpointer  data G_GNUC_UNUSED)
{
  HarborKdfParams weak = { 1, 64 * 1024, FALSE };
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *out = g_build_filename (f->dir, "new.hbk", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "x.hbk", NULL);
  g_autofree char *before = list_dir (f->dir);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (harbor_backup_write (f->vault, f->backup, BACKUP_PASS, &params, NULL, NULL, NULL, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_EXISTS);
  g_clear_error (&error);
  again = read_bytes (f->backup);
  g_assert_true (g_bytes_equal (again, f->bytes));

  g_assert_false (harbor_backup_write (f->vault, out, BACKUP_PASS, &weak, NULL, NULL, NULL, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (harbor_backup_write (f->vault, out, "", &params, NULL, NULL, NULL, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (harbor_backup_write (f->vault, nowhere, BACKUP_PASS, &params, NULL, NULL, NULL, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (harbor_backup_write (f->vault, out, BACKUP_PASS, &params, cancel_on_first,
                                       cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  after = list_dir (f->dir);
  g_assert_cmpstr (after, ==, before);

  /* A restore cancelled before it starts is a cancellation too (not an
   * I/O error), and leaves no folder. */
  {
    g_autofree char *dest = g_build_filename (f->dir, "never", NULL);
    g_autoptr(HarborSecret) none = harbor_backup_restore (f->backup, BACKUP_PASS, dest, NEW_PASS,
                                                          &params, NULL, NULL, cancellable, &error);

    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  }

  /* A worker thread's read-only connection writes the same backup. */
  {
    g_autoptr(HarborVault) reader = harbor_vault_open_reader (f->vault, &error);
    g_autofree char *from_reader = g_build_filename (f->dir, "reader.hbk", NULL);

    g_assert_no_error (error);
    g_assert_true (harbor_backup_write (reader, from_reader, BACKUP_PASS, &params, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    {
      g_autoptr(GFile) file = g_file_new_for_path (from_reader);
      g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (harbor_backup_verify_stream (G_INPUT_STREAM (in), BACKUP_PASS, &params, NULL, &error));
      g_assert_no_error (error);
    }
    g_unlink (from_reader);
  }

  /* A locked vault. */
  harbor_vault_lock (f->vault);
  g_assert_false (harbor_backup_write (f->vault, out, BACKUP_PASS, &params, NULL, NULL, NULL, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Authenticated but malformed payloads (a buggy writer) are refused. */
static void
check_payload (HarborVault       *vault,
               const char *const *entries,
               gboolean           valid,
               const char        *message_part)
{
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      guint32 n = strlen (entries[i]);
      guint8 prefix[4] = { n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >> 24 };

      g_byte_array_append (payload, prefix, 4);
      g_byte_array_append (payload, (const guint8 *) entries[i], n);
    }
  g_assert_cmpint (harbor_backup_check_payload (vault, payload->data, payload->len, &error), ==, valid);
  if (valid)
    {
      g_assert_no_error (error);
      return;
    }
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, message_part);
}

#define HEAD "{\"type\":\"backup\",\"format\":\"harbor-backup/1\",\"created_at\":1}"
#define C1   "{\"type\":\"client\",\"id\":\"00000000000000000000000000000001\",\"display_name\":\"X\"}"
#define K1   "{\"type\":\"checklist\",\"id\":\"00000000000000000000000000000003\"," \
             "\"client\":\"00000000000000000000000000000001\",\"pathway_id\":\"p\"}"

static void
payload_cases (HarborVault *vault)
{
  const char *ok[] = { HEAD, C1, K1, "{\"type\":\"end\",\"entries\":2}", NULL };
  const char *no_end[] = { HEAD, C1, NULL };
  const char *wrong_count[] = { HEAD, C1, "{\"type\":\"end\",\"entries\":3}", NULL };
  const char *after_end[] = { HEAD, "{\"type\":\"end\",\"entries\":0}", C1, NULL };
  const char *no_head[] = { C1, "{\"type\":\"end\",\"entries\":1}", NULL };
  const char *unknown_member[] = {
    HEAD, "{\"type\":\"client\",\"id\":\"00000000000000000000000000000001\",\"nmae\":\"X\"}", NULL };
  const char *orphan[] = {
    HEAD, "{\"type\":\"event\",\"id\":\"00000000000000000000000000000002\","
          "\"client\":\"00000000000000000000000000000009\",\"kind\":\"note\"}", NULL };
  const char *twice[] = { HEAD, C1, C1, NULL };
  const char *bad_id[] = { HEAD, "{\"type\":\"client\",\"id\":\"ABC\"}", NULL };
  const char *bad_date[] = {
    HEAD, "{\"type\":\"client\",\"id\":\"00000000000000000000000000000001\",\"birth_date\":\"2023-02-29\"}", NULL };
  const char *bad_type[] = { HEAD, "{\"type\":\"photo\"}", NULL };
  const char *not_json[] = { HEAD, "{\"type\":", NULL };
  const char *item_wrong_parent[] = {
    HEAD, C1, "{\"type\":\"checklist_item\",\"id\":\"00000000000000000000000000000004\","
              "\"checklist\":\"00000000000000000000000000000001\",\"position\":0,\"step\":\"s\"}", NULL };
  const char *other_clients_record[] = {
    HEAD, C1, "{\"type\":\"client\",\"id\":\"00000000000000000000000000000002\"}",
    "{\"type\":\"record\",\"id\":\"00000000000000000000000000000005\",\"client\":\"00000000000000000000000000000002\","
    "\"deleted\":false,\"record\":{\"jurisdiction\":\"US\"}}",
    "{\"type\":\"checklist\",\"id\":\"00000000000000000000000000000006\",\"client\":\"00000000000000000000000000000001\","
    "\"record\":\"00000000000000000000000000000005\",\"pathway_id\":\"p\"}", NULL };
  const char *bad_record[] = {
    HEAD, C1, "{\"type\":\"record\",\"id\":\"00000000000000000000000000000005\","
              "\"client\":\"00000000000000000000000000000001\",\"deleted\":false,"
              "\"record\":{\"disposition\":\"convictd\"}}", NULL };
  const char *empty_kind[] = {
    HEAD, C1, "{\"type\":\"event\",\"id\":\"00000000000000000000000000000002\","
              "\"client\":\"00000000000000000000000000000001\",\"kind\":\"\"}", NULL };
  static const guint8 huge[] = { 0xff, 0xff, 0xff, 0xff };
  g_autoptr(GError) error = NULL;

  check_payload (vault, ok, TRUE, NULL);
  check_payload (vault, no_end, FALSE, "end entry is missing");
  check_payload (vault, wrong_count, FALSE, "entries");
  check_payload (vault, after_end, FALSE, "follows the end");
  check_payload (vault, no_head, FALSE, "first entry");
  check_payload (vault, unknown_member, FALSE, "nmae");
  check_payload (vault, orphan, FALSE, "client: no earlier entry");
  check_payload (vault, twice, FALSE, "twice");
  check_payload (vault, bad_id, FALSE, "id:");
  check_payload (vault, bad_date, FALSE, "birth_date");
  check_payload (vault, bad_type, FALSE, "photo");
  check_payload (vault, not_json, FALSE, "Entry 2");
  check_payload (vault, item_wrong_parent, FALSE, "checklist: no earlier entry");
  check_payload (vault, other_clients_record, FALSE, "another client");
  check_payload (vault, bad_record, FALSE, "disposition");
  check_payload (vault, empty_kind, FALSE, "kind: a value is required");
  g_assert_false (harbor_backup_check_payload (vault, huge, sizeof huge, &error));
  g_assert_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID);
}

/* The same cases, checked alone and added to a vault (rolled back). */
static void
test_payload (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("backup-test");
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autoptr(HarborVault) vault = create_vault (vault_dir);
  g_autoptr(GError) error = NULL;

  payload_cases (NULL);
  payload_cases (vault);
  g_assert_cmpint (harbor_vault_count_clients (vault, &error), ==, 0);
  g_assert_no_error (error);
  harbor_vault_lock (vault);
  harbor_test_remove_tree (dir);
}

/* More clients than one page of the client list, across many chunks. */
static void
test_many_clients (void)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autofree char *dir = harbor_test_make_tmpdir ("backup-test");
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autofree char *backup = g_build_filename (dir, "many.hbk", NULL);
  g_autofree char *dest = g_build_filename (dir, "restored", NULL);
  g_autoptr(HarborVault) vault = create_vault (vault_dir);
  g_autoptr(HarborVault) restored = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 450;
  Progress wp = { 0, 0, 0, TRUE };

  g_assert_true (harbor_vault_begin (vault, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
      g_autofree char *id = NULL;

      client->display_name = g_strdup_printf ("Client %u", i);
      id = harbor_vault_add_client (vault, client, &error);
      g_assert_no_error (error);
      add_event (vault, id, "note", "2024-01-01", client->display_name, FALSE);
      g_hash_table_add (names, g_strdup (client->display_name));
    }
  g_assert_true (harbor_vault_commit (vault, &error));

  g_assert_true (harbor_backup_write (vault, backup, BACKUP_PASS, &params, on_progress, &wp, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wp.calls, ==, n + 1);
  g_assert_cmpuint (wp.last_done, ==, n);
  recovery = harbor_backup_restore (backup, BACKUP_PASS, dest, NEW_PASS, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  restored = harbor_vault_new (dest);
  g_assert_true (harbor_vault_unlock (restored, NEW_PASS, &error));
  clients = harbor_vault_list_clients (restored, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      HarborVaultClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) events = harbor_vault_list_events (restored, client->id, &error);

      g_assert_true (g_hash_table_remove (names, client->display_name));
      g_assert_cmpuint (events->len, ==, 1);
      g_assert_cmpstr (((HarborVaultEvent *) events->pdata[0])->text, ==, client->display_name);
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, 0);
  harbor_vault_lock (restored);
  harbor_vault_lock (vault);
  harbor_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));

  g_test_add ("/backup/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/backup/every-byte-flip", Fixture, NULL, fixture_setup, test_flips, fixture_teardown);
  g_test_add ("/backup/truncation", Fixture, NULL, fixture_setup, test_truncation, fixture_teardown);
  g_test_add ("/backup/chunks-swapped-dropped-foreign", Fixture, NULL, fixture_setup, test_chunks, fixture_teardown);
  g_test_add ("/backup/wrong-passphrase", Fixture, NULL, fixture_setup, test_wrong_passphrase, fixture_teardown);
  g_test_add ("/backup/foreign-and-newer-files", Fixture, NULL, fixture_setup, test_foreign, fixture_teardown);
  g_test_add ("/backup/restore-never-over-existing", Fixture, NULL, fixture_setup, test_destination, fixture_teardown);
  g_test_add ("/backup/write-checks", Fixture, NULL, fixture_setup, test_write_checks, fixture_teardown);
  g_test_add_func ("/backup/invalid-payload", test_payload);
  g_test_add_func ("/backup/many-clients", test_many_clients);
  return g_test_run ();
}
