/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-client-list.c: how the client list scales, 1,000 against 50,000 clients
 *
 * Copyright 2026 The Harbor authors
 *
 * Not a test: it prints figures and ratios, and passes whatever they are.
 * Run it with `meson test -C _build --benchmark bench-client-list` (under
 * xvfb-run, as it builds the real view). For each size it fills a vault in
 * a temporary folder, locks it, then measures, best of five:
 *
 *  - unlock to a populated list: unlocking (with the test suite's cheap key
 *    derivation, so that Argon2id's deliberate second does not hide the
 *    list's own cost), building the clients view and fetching the first
 *    screenful of rows, as the window does after unlocking;
 *  - search latency: a full-text query over names, aliases and notes, and
 *    the view's list refilled with the matches.
 */

#include "config.h"

#include "harbor-client-list.h"
#include "harbor-clients-view.h"
#include "harbor-test-utils.h"
#include "harbor-vault.h"

#define SCREENFUL  40
#define ROUNDS     5

static const char *first_names[] = { "Ana", "Bea", "Carla", "Dana", "Elena", "Fatima", "Grace", "Hana",
                                     "Ines", "Jade", "Kira", "Lucia", "Maya", "Nora", "Olga", "Paz" };
static const char *last_names[] = { "Alvarez", "Brown", "Chen", "Diaz", "Evans", "Flores", "Garcia", "Hughes",
                                    "Ibrahim", "Jones", "Khan", "Lopez", "Martin", "Nguyen", "Ortiz", "Perez" };

static void
fill (HarborVault *vault,
      guint        n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (harbor_vault_begin (vault, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
      g_autofree char *id = NULL;

      client->display_name = g_strdup_printf ("%s %s %u", first_names[i % 16], last_names[(i / 16) % 16], i);
      client->aliases = g_new0 (char *, 2);
      client->aliases[0] = g_strdup_printf ("Alias%u", i);
      id = harbor_vault_add_client (vault, client, &error);
      g_assert_no_error (error);
    }
  g_assert_true (harbor_vault_commit (vault, &error));
}

static double
best (double a,
      double b)
{
  return a < b ? a : b;
}

typedef struct
{
  double unlock_to_list_ms;
  double search_ms;
} Figures;

static Figures
measure (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = harbor_test_make_tmpdir ("bench");
  g_autofree char *vault_dir = g_build_filename (dir, "vault", NULL);
  g_autoptr(HarborVault) vault = harbor_test_create_vault (vault_dir, HARBOR_TEST_PASSPHRASE);
  static const char *queries[] = { "Garcia", "Alias42", "Maya", "Nguyen", "Paz Ortiz" };
  Figures figures = { G_MAXDOUBLE, G_MAXDOUBLE };

  fill (vault, n);
  harbor_vault_lock (vault);

  for (guint round = 0; round < ROUNDS; round++)
    {
      gint64 start = g_get_monotonic_time ();
      GtkWidget *view;
      GListModel *model;
      double search_total = 0;

      g_assert_true (harbor_vault_unlock (vault, HARBOR_TEST_PASSPHRASE, &error));
      view = g_object_ref_sink (harbor_clients_view_new (vault, NULL));
      model = harbor_clients_view_get_model (HARBOR_CLIENTS_VIEW (view));
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
      for (guint i = 0; i < SCREENFUL; i++)
        g_object_unref (g_list_model_get_item (model, i));
      figures.unlock_to_list_ms = best (figures.unlock_to_list_ms,
                                        (g_get_monotonic_time () - start) / 1000.0);

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          gint64 t = g_get_monotonic_time ();

          harbor_clients_view_set_query (HARBOR_CLIENTS_VIEW (view), queries[q]);
          g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
          search_total += (g_get_monotonic_time () - t) / 1000.0;
        }
      harbor_clients_view_set_query (HARBOR_CLIENTS_VIEW (view), NULL);
      figures.search_ms = best (figures.search_ms, search_total / G_N_ELEMENTS (queries));

      g_object_unref (view);
      harbor_vault_lock (vault);
    }

  harbor_test_remove_tree (dir);
  return figures;
}

int
main (int    argc,
      char **argv)
{
  Figures small, large;

  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  small = measure (1000);
  large = measure (50000);

  g_print ("# client list benchmark (best of %d; unlock uses the test key derivation)\n", ROUNDS);
  g_print ("# %-36s %12s %12s %8s\n", "", "1,000", "50,000", "ratio");
  g_print ("# %-36s %9.2f ms %9.2f ms %7.2fx\n", "unlock to a populated list",
           small.unlock_to_list_ms, large.unlock_to_list_ms, large.unlock_to_list_ms / small.unlock_to_list_ms);
  g_print ("# %-36s %9.2f ms %9.2f ms %7.2fx\n", "search (mean of 5 queries)",
           small.search_ms, large.search_ms, large.search_ms / small.search_ms);
  g_print ("1..0 # SKIP benchmark, not a test\n");
  return 0;
}
