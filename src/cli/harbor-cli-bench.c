/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-cli-bench.c: harbor-cli bench vault | ...
 *
 * Copyright 2026 The Harbor authors
 *
 * Benchmarks, not tests: they print timings and ratios. Each area adds its
 * own subcommand to bench_commands[] below.
 *
 * bench vault runs the same SQL workload on two connections with the same
 * schema (harbor-vault-schema.c) and the same pragmas (rollback journal,
 * synchronous=EXTRA, 64 MiB page cache, secure_delete, temp data in
 * memory, incremental auto-vacuum): plain SQLite over the default VFS, and a real encrypted vault
 * (harbor-crypt-vfs.c). Workload: N clients (default 10,000) with 5
 * records and 20 notes each, inserted 100 clients per transaction; then
 * 1,000 point reads (a client with its records and notes), 100 full-text
 * searches, and 1,000 updates (a rename, each its own transaction).
 * Both run in this process, so both use SQLite's wiping allocator
 * (harbor_vault_install_allocator()); the ratio is the cost of the page
 * encryption alone. Rounds alternate which side runs first and the best
 * time of each phase counts, to damp the noise of fsync and of a busy
 * machine.
 */

#define G_LOG_DOMAIN "harbor-cli"

#include "config.h"

#include <stdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "harbor-cli.h"
#include "harbor-engine-bench.h"
#include "harbor-vault.h"
#include "harbor-vault-schema.h"

#define RECORDS_PER_CLIENT 5
#define NOTES_PER_CLIENT   20
#define CLIENTS_PER_TXN    100
#define POINT_READS        1000
#define SEARCHES           100
#define UPDATES            1000

static const char *const syllables[] = {
  "ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "ne", "zo", "ha", "li", "mo", "pe",
  "ri", "sa", "to", "be", "ca", "fi", "gu", "ja", "ke", "lu", "ma", "ni", "or", "qu", "xe",
};

static const char *const words[] = {
  "met", "at", "the", "shelter", "court", "date", "moved", "to", "referral", "legal", "aid",
  "phone", "call", "documents", "housing", "counseling", "follow", "up", "next", "week",
};

typedef enum
{
  PHASE_INSERT,
  PHASE_READ,
  PHASE_SEARCH,
  PHASE_UPDATE,
  N_PHASES,
} Phase;

static const char *const phase_names[N_PHASES] = {
  N_("insert"), N_("point reads"), N_("searches"), N_("updates"),
};

static char *
make_name (GRand *rand,
           guint  parts)
{
  GString *name = g_string_new (NULL);

  for (guint p = 0; p < parts; p++)
    {
      guint n = (guint) g_rand_int_range (rand, 2, 4);

      if (p > 0)
        g_string_append_c (name, ' ');
      for (guint i = 0; i < n; i++)
        g_string_append (name, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      name->str[name->len - 2 * n] = g_ascii_toupper (name->str[name->len - 2 * n]);
    }
  return g_string_free (name, FALSE);
}

static char *
make_note (GRand *rand)
{
  GString *note = g_string_new (NULL);

  for (guint i = 0; i < 16; i++)
    {
      if (i > 0)
        g_string_append_c (note, ' ');
      g_string_append (note, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (note, FALSE);
}

static gboolean
check (sqlite3    *db,
       int         rc,
       const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      harbor_cli_fail ("bench vault", "%s: %s", what, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prep (sqlite3    *db,
      const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      harbor_cli_fail ("bench vault", "%s: %s", sql, sqlite3_errmsg (db));
      return NULL;
    }
  return stmt;
}

/* Runs the whole workload on @db; fills @seconds per phase. The same seed
 * gives both connections the same data. */
static gboolean
run_workload (sqlite3 *db,
              guint    n_clients,
              double  *seconds)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, 16, n_clients);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *ins_client, *ins_record, *ins_event, *get_client, *get_records, *get_events;
  sqlite3_stmt *search, *update;
  gint64 start, now = g_get_real_time () / 1000;
  gboolean ok = TRUE;
  guint8 device[16];

  randombytes_buf (device, sizeof device);
  ins_client = prep (db, "INSERT INTO clients (id, display_name, aliases, activity_at, hlc, device, "
                         "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?4, ?4)");
  ins_record = prep (db, "INSERT INTO records (id, client_id, jurisdiction, court, disposition, "
                         "offense_description, offense_categories, offense_date, hlc, device, "
                         "created_at, updated_at) VALUES (?1, ?2, 'US-OH', 'adult', 'convicted', "
                         "'Soliciting', '[\"prostitution\"]', '2021-04-02', ?3, ?4, ?5, ?5)");
  ins_event = prep (db, "INSERT INTO events (id, client_id, kind, date, text, hlc, device, created_at, "
                        "updated_at) VALUES (?1, ?2, 'note', '2026-11-01', ?3, ?4, ?5, ?6, ?6)");
  get_client = prep (db, "SELECT * FROM clients WHERE id = ?");
  get_records = prep (db, "SELECT * FROM records WHERE client_id = ? AND deleted_at IS NULL");
  get_events = prep (db, "SELECT * FROM events WHERE client_id = ? AND deleted_at IS NULL "
                         "ORDER BY date IS NULL, date, created_at, rowid");
  search = prep (db, "SELECT id, display_name FROM clients WHERE deleted_at IS NULL AND rowid IN ("
                     " SELECT rowid FROM client_fts WHERE client_fts MATCH ?1"
                     " UNION SELECT c.rowid FROM event_fts JOIN events e ON e.rowid = event_fts.rowid"
                     "   JOIN clients c ON c.id = e.client_id"
                     "   WHERE event_fts MATCH ?1 AND e.deleted_at IS NULL)"
                     " ORDER BY activity_at DESC, id LIMIT 50");
  update = prep (db, "UPDATE clients SET display_name = ?2, activity_at = ?3, hlc = ?4, updated_at = ?3 "
                     "WHERE id = ?1");
  if (!ins_client || !ins_record || !ins_event || !get_client || !get_records || !get_events
      || !search || !update)
    return FALSE;

  /* Insert. */
  start = g_get_monotonic_time ();
  for (guint c = 0; ok && c < n_clients; c++)
    {
      g_autofree char *alias = make_name (rand, 1);
      g_autofree char *aliases = g_strdup_printf ("[\"%s\"]", alias);
      char *name = make_name (rand, 2);
      guint8 id[16];

      if (c % CLIENTS_PER_TXN == 0)
        ok = check (db, sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
      randombytes_buf (id, sizeof id);
      g_array_append_vals (ids, id, 1);
      g_ptr_array_add (names, name);

      sqlite3_bind_blob (ins_client, 1, id, 16, SQLITE_STATIC);
      sqlite3_bind_text (ins_client, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_client, 3, aliases, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins_client, 4, now);
      sqlite3_bind_int64 (ins_client, 5, now << 16 | c);
      sqlite3_bind_blob (ins_client, 6, device, 16, SQLITE_STATIC);
      ok = ok && check (db, sqlite3_step (ins_client), "insert client");
      sqlite3_reset (ins_client);

      for (guint r = 0; ok && r < RECORDS_PER_CLIENT; r++)
        {
          guint8 rid[16];

          randombytes_buf (rid, sizeof rid);
          sqlite3_bind_blob (ins_record, 1, rid, 16, SQLITE_TRANSIENT);
          sqlite3_bind_blob (ins_record, 2, id, 16, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (ins_record, 3, now << 16 | c);
          sqlite3_bind_blob (ins_record, 4, device, 16, SQLITE_STATIC);
          sqlite3_bind_int64 (ins_record, 5, now);
          ok = check (db, sqlite3_step (ins_record), "insert record");
          sqlite3_reset (ins_record);
        }
      for (guint e = 0; ok && e < NOTES_PER_CLIENT; e++)
        {
          g_autofree char *note = make_note (rand);
          guint8 eid[16];

          randombytes_buf (eid, sizeof eid);
          sqlite3_bind_blob (ins_event, 1, eid, 16, SQLITE_TRANSIENT);
          sqlite3_bind_blob (ins_event, 2, id, 16, SQLITE_TRANSIENT);
          sqlite3_bind_text (ins_event, 3, note, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (ins_event, 4, now << 16 | c);
          sqlite3_bind_blob (ins_event, 5, device, 16, SQLITE_STATIC);
          sqlite3_bind_int64 (ins_event, 6, now);
          ok = check (db, sqlite3_step (ins_event), "insert note");
          sqlite3_reset (ins_event);
        }
      if (ok && (c % CLIENTS_PER_TXN == CLIENTS_PER_TXN - 1 || c == n_clients - 1))
        ok = check (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), "commit");
    }
  seconds[PHASE_INSERT] = (g_get_monotonic_time () - start) / 1e6;

  /* Point reads: one client's page (the client, records and notes). */
  start = g_get_monotonic_time ();
  for (guint i = 0; ok && i < POINT_READS; i++)
    {
      const guint8 *id = (const guint8 *) ids->data + 16 * g_rand_int_range (rand, 0, (gint32) n_clients);
      sqlite3_stmt *stmts[] = { get_client, get_records, get_events };

      for (guint s = 0; ok && s < G_N_ELEMENTS (stmts); s++)
        {
          int rc;

          sqlite3_bind_blob (stmts[s], 1, id, 16, SQLITE_STATIC);
          while ((rc = sqlite3_step (stmts[s])) == SQLITE_ROW)
            ;
          ok = check (db, rc, "point read");
          sqlite3_reset (stmts[s]);
        }
    }
  seconds[PHASE_READ] = (g_get_monotonic_time () - start) / 1e6;

  /* Full-text searches: the start of a random client's name. */
  start = g_get_monotonic_time ();
  for (guint i = 0; ok && i < SEARCHES; i++)
    {
      const char *name = g_ptr_array_index (names, g_rand_int_range (rand, 0, (gint32) n_clients));
      g_autofree char *query = g_strdup_printf ("\"%.4s\"*", name);
      int rc;

      sqlite3_bind_text (search, 1, query, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (search)) == SQLITE_ROW)
        ;
      ok = check (db, rc, "search");
      sqlite3_reset (search);
    }
  seconds[PHASE_SEARCH] = (g_get_monotonic_time () - start) / 1e6;

  /* Updates: each its own transaction (a rename, which also updates FTS). */
  start = g_get_monotonic_time ();
  for (guint i = 0; ok && i < UPDATES; i++)
    {
      const guint8 *id = (const guint8 *) ids->data + 16 * g_rand_int_range (rand, 0, (gint32) n_clients);
      g_autofree char *name = make_name (rand, 2);

      sqlite3_bind_blob (update, 1, id, 16, SQLITE_STATIC);
      sqlite3_bind_text (update, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 3, now + i);
      sqlite3_bind_int64 (update, 4, (now + i) << 16);
      ok = check (db, sqlite3_step (update), "update");
      sqlite3_reset (update);
    }
  seconds[PHASE_UPDATE] = (g_get_monotonic_time () - start) / 1e6;

  sqlite3_finalize (ins_client);
  sqlite3_finalize (ins_record);
  sqlite3_finalize (ins_event);
  sqlite3_finalize (get_client);
  sqlite3_finalize (get_records);
  sqlite3_finalize (get_events);
  sqlite3_finalize (search);
  sqlite3_finalize (update);
  return ok;
}

static void
remove_bench_files (const char *tmp)
{
  const char *const files[] = { "vault/harbor-vault.ini", "vault/harbor.keys", "vault/vault.db",
                                "vault/vault.db-journal", "plain.db", "plain.db-journal" };
  g_autofree char *vault_dir = g_build_filename (tmp, "vault", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (tmp, files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (vault_dir);
}

/* Plain SQLite: same schema, same pragmas (incremental auto-vacuum too),
 * default VFS. */
static gboolean
run_plain (const char *tmp,
           guint       clients,
           double     *seconds)
{
  g_autofree char *path = g_build_filename (tmp, "plain.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_exec (db, harbor_vault_schema_create_pragmas (), NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (db, harbor_vault_schema_pragmas (), NULL, NULL, NULL) != SQLITE_OK
      || !harbor_vault_schema_migrate (db, harbor_vault_schema_latest (), &error))
    {
      harbor_cli_fail ("bench vault", _("could not prepare the plain database: %s"),
                       error ? error->message : sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  fprintf (stderr, _("plain SQLite: %u clients…\n"), clients);
  ok = run_workload (db, clients, seconds);
  sqlite3_close (db);
  return ok;
}

/* The encrypted vault, with a throwaway random passphrase (the key
 * derivation is not measured). */
static gboolean
run_encrypted (const char *tmp,
               guint       clients,
               double     *seconds)
{
  g_autofree char *dir = g_build_filename (tmp, "vault", NULL);
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;
  char passphrase[33];
  guint8 random[16];
  gboolean ok;

  randombytes_buf (random, sizeof random);
  sodium_bin2hex (passphrase, sizeof passphrase, random, sizeof random);
  recovery = harbor_vault_create (vault, passphrase, NULL, &error);
  sodium_memzero (passphrase, sizeof passphrase);
  if (recovery == NULL)
    {
      harbor_cli_fail_error ("bench vault", error);
      return FALSE;
    }
  fprintf (stderr, _("encrypted vault: %u clients…\n"), clients);
  ok = run_workload (harbor_vault_get_connection (vault), clients, seconds);
  harbor_vault_lock (vault);
  return ok;
}

static int
bench_vault_main (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *tmp = NULL, *base = NULL;
  double plain[N_PHASES], crypt[N_PHASES];
  double plain_total = 0, crypt_total = 0;
  int clients = 10000, rounds = 2;
  int ret = HARBOR_CLI_EXIT_OK;
  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, N_("Number of clients (default 10000)"), N_("N") },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, N_("Runs of each, alternating which goes first; the fastest time of each phase counts (default 2)"), N_("N") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &base, N_("Folder for the temporary databases (default: the system temporary folder)"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("— time the encrypted vault against plain SQLite"));
  g_option_context_set_description (context,
    _("Builds the same workload on plain SQLite and on an encrypted vault, with the same\n"
      "schema and pragmas (64 MiB cache for both): N clients with 5 records and 20 notes\n"
      "each, then 1,000 point reads, 100 full-text searches and 1,000 updates. Prints\n"
      "each phase's time for both and the ratio. The databases are deleted afterwards."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = harbor_cli_parse_options (context, "bench vault", &argc, &argv)) >= 0)
    return ret;
  ret = HARBOR_CLI_EXIT_OK;
  if (argc > 1)
    return harbor_cli_usage_error ("bench vault", _("unexpected argument “%s”"), argv[1]);
  if (clients < 1 || rounds < 1)
    return harbor_cli_usage_error ("bench vault", _("--clients and --rounds must be at least 1"));

  tmp = g_build_filename (base ? base : g_get_tmp_dir (), "harbor-bench-XXXXXX", NULL);
  if (g_mkdtemp (tmp) == NULL)
    return harbor_cli_fail ("bench vault", _("could not create a temporary folder in %s"),
                            base ? base : g_get_tmp_dir ());

  for (guint p = 0; p < N_PHASES; p++)
    plain[p] = crypt[p] = G_MAXDOUBLE;
  for (int r = 0; r < rounds && ret == HARBOR_CLI_EXIT_OK; r++)
    {
      double p_s[N_PHASES], c_s[N_PHASES];
      gboolean ok;

      /* Alternate the order so neither side always runs on a warmer machine. */
      if (r % 2 == 0)
        ok = run_plain (tmp, (guint) clients, p_s) && run_encrypted (tmp, (guint) clients, c_s);
      else
        ok = run_encrypted (tmp, (guint) clients, c_s) && run_plain (tmp, (guint) clients, p_s);
      remove_bench_files (tmp);
      if (!ok)
        {
          ret = HARBOR_CLI_EXIT_FAILED;
          break;
        }
      for (guint p = 0; p < N_PHASES; p++)
        {
          plain[p] = MIN (plain[p], p_s[p]);
          crypt[p] = MIN (crypt[p], c_s[p]);
        }
    }
  g_rmdir (tmp);
  if (ret != HARBOR_CLI_EXIT_OK)
    return ret;

  printf ("%-14s %12s %14s %8s\n", _("phase"), _("plain (s)"), _("encrypted (s)"), _("ratio"));
  for (guint p = 0; p < N_PHASES; p++)
    {
      printf ("%-14s %12.3f %14.3f %8.3f\n", _(phase_names[p]), plain[p], crypt[p],
              plain[p] > 0 ? crypt[p] / plain[p] : 0.0);
      plain_total += plain[p];
      crypt_total += crypt[p];
    }
  printf ("%-14s %12.3f %14.3f %8.3f\n", _("total"), plain_total, crypt_total,
          crypt_total / plain_total);
  printf (_("(%d clients, %d records and %d notes each; %d point reads, %d searches, %d updates; "
            "best of %d rounds)\n"),
          clients, RECORDS_PER_CLIENT, NOTES_PER_CLIENT, POINT_READS, SEARCHES, UPDATES, rounds);
  return HARBOR_CLI_EXIT_OK;
}

/* One line per benchmark; the engine adds "engine" here. */
static const HarborCliCommand bench_commands[] = {
  { "vault", N_("Time the encrypted vault against plain SQLite"), bench_vault_main },
  { "engine", N_("Time rule loading and case evaluation"), harbor_engine_bench_main },
};

int
harbor_cli_bench_main (int    argc,
                       char **argv)
{
  return harbor_cli_dispatch ("harbor-cli bench", bench_commands, G_N_ELEMENTS (bench_commands),
                              argc, argv);
}
