/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader.c: a second, read-only connection for worker threads
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <sqlite3.h>

#include "harbor-core.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"
#include "vault-test-util.h"

typedef struct
{
  char        *dir;
  HarborVault *vault;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = harbor_test_make_tmpdir ("vault-test");
  fx->vault = vt_create_vault (fx->dir, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->vault);
  harbor_test_remove_tree (fx->dir);
  g_free (fx->dir);
}

static gint64
count_clients (HarborVault *vault)
{
  g_autoptr(GError) error = NULL;
  gint64 n = harbor_vault_count_clients (vault, &error);

  g_assert_no_error (error);
  return n;
}

/* It reads what the main connection committed, and only reads. */
static void
test_reads_only (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVault) reader = NULL;
  g_autofree char *id = vt_add_client (fx->vault, "Reader Visible Person", "Alias Seen", "a note");
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *later = NULL;

  reader = harbor_vault_open_reader (fx->vault, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_true (harbor_vault_is_reader (reader));
  g_assert_false (harbor_vault_is_reader (fx->vault));
  g_assert_true (harbor_vault_is_unlocked (reader));

  client = harbor_vault_get_client (reader, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->display_name, ==, "Reader Visible Person");
  hits = harbor_vault_search_clients (reader, "alias", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* Writing through the reader fails and changes nothing. */
  {
    g_autoptr(HarborVaultClient) extra = harbor_vault_client_new ();
    extra->display_name = g_strdup ("Never Written");
    refused = harbor_vault_add_client (reader, extra, &error);
  }
  g_assert_null (refused);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (count_clients (fx->vault), ==, 1);
  g_assert_cmpint (count_clients (reader), ==, 1);

  /* Later commits of the main connection are seen. */
  later = vt_add_client (fx->vault, "Added Afterwards", NULL, NULL);
  g_assert_cmpint (count_clients (reader), ==, 2);

  g_assert_true (harbor_vault_verify_audit (fx->vault, &error));
  g_assert_no_error (error);
}

/* Inside a transaction the reader sees one moment, and the writer cannot
 * commit until it ends; the writer's failure changes nothing. */
static void
test_snapshot (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVault) reader = NULL;
  g_autofree char *first = vt_add_client (fx->vault, "First Person", NULL, NULL);
  g_autofree char *blocked = NULL;
  g_autofree char *after = NULL;

  reader = harbor_vault_open_reader (fx->vault, &error);
  g_assert_no_error (error);

  g_assert_true (harbor_vault_begin (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_clients (reader), ==, 1);

  {
    g_autoptr(HarborVaultClient) c = harbor_vault_client_new ();
    c->display_name = g_strdup ("Blocked Person");
    blocked = harbor_vault_add_client (fx->vault, c, &error);
  }
  g_assert_null (blocked);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (count_clients (reader), ==, 1);

  g_assert_true (harbor_vault_commit (reader, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_clients (fx->vault), ==, 1);
  after = vt_add_client (fx->vault, "After The Reader", NULL, NULL);
  g_assert_nonnull (after);
  g_assert_cmpint (count_clients (reader), ==, 2);
  g_assert_true (harbor_vault_verify_audit (fx->vault, &error));
  g_assert_no_error (error);
}

typedef struct
{
  HarborVault *reader;
  guint        rounds;
  gint64       seen;
} ThreadData;

static gpointer
read_in_thread (gpointer user_data)
{
  ThreadData *td = user_data;

  for (guint i = 0; i < td->rounds; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = harbor_vault_list_clients (td->reader, 0, 50, &error);

      g_assert_no_error (error);
      td->seen += list->len;
    }
  return NULL;
}

/* The reader works on another thread while the main connection keeps
 * reading on this one (the sanitizer build checks for races on memory). */
static void
test_thread (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ThreadData td = { .rounds = 200 };
  GThread *thread;
  gint64 main_seen = 0;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Thread Person %u", i);
      g_free (vt_add_client (fx->vault, name, NULL, NULL));
    }

  td.reader = harbor_vault_open_reader (fx->vault, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("reader", read_in_thread, &td);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GPtrArray) hits = harbor_vault_search_clients (fx->vault, "thread", 50, &error);

      g_assert_no_error (error);
      main_seen += hits->len;
    }
  g_thread_join (thread);
  g_object_unref (td.reader);

  g_assert_cmpint (td.seen, ==, 200 * 30);
  g_assert_cmpint (main_seen, ==, 200 * 30);
}

/* A locked vault gives no reader; locking the vault leaves an open reader
 * working until it is locked itself. */
static void
test_lock (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborVault) reader = NULL;
  g_autoptr(HarborVault) none = NULL;
  g_autofree char *id = vt_add_client (fx->vault, "Lock Person", NULL, NULL);

  reader = harbor_vault_open_reader (fx->vault, &error);
  g_assert_no_error (error);
  harbor_vault_lock (fx->vault);
  g_assert_cmpint (count_clients (reader), ==, 1);

  none = harbor_vault_open_reader (fx->vault, &error);
  g_assert_null (none);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED);
  g_clear_error (&error);

  harbor_vault_lock (reader);
  g_assert_false (harbor_vault_is_unlocked (reader));
  g_assert_cmpint (harbor_vault_count_clients (reader, &error), ==, -1);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));

  g_test_add ("/vault/reader/reads-only", Fixture, NULL, fixture_set_up, test_reads_only, fixture_tear_down);
  g_test_add ("/vault/reader/snapshot", Fixture, NULL, fixture_set_up, test_snapshot, fixture_tear_down);
  g_test_add ("/vault/reader/thread", Fixture, NULL, fixture_set_up, test_thread, fixture_tear_down);
  g_test_add ("/vault/reader/lock", Fixture, NULL, fixture_set_up, test_lock, fixture_tear_down);

  return g_test_run ();
}
