/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-law-library.c: every jurisdiction's pathways can be browsed, no client needed
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include "harbor-law-library.h"
#include "harbor-rules.h"
#include "harbor-test-utils.h"

static guint
count_rule_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      n++;
  return n;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_browse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborRules) rules = NULL;
  const char *dir = g_getenv ("HARBOR_RULES_DIR");
  const HarborRuleSet *federal;
  GtkWidget *window = gtk_window_new ();
  HarborLawLibrary *library;
  g_autofree char *shot = NULL;

  g_assert_nonnull (dir);
  rules = harbor_rules_load (dir, &error);
  g_assert_no_error (error);

  library = HARBOR_LAW_LIBRARY (harbor_law_library_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (library));
  harbor_law_library_set_rules (library, rules);

  /* Every rule file is a jurisdiction in the list. */
  g_assert_cmpuint (harbor_law_library_get_n_jurisdictions (library), ==, count_rule_files (dir));
  g_assert_cmpuint (harbor_law_library_get_n_shown_pathways (library), ==, 0);

  /* Choosing one shows all its pathways. */
  federal = harbor_rules_find_set (rules, "US");
  g_assert_nonnull (federal);
  g_assert_true (harbor_law_library_show_jurisdiction (library, "US"));
  g_assert_cmpuint (harbor_law_library_get_n_shown_pathways (library), ==, federal->pathways->len);
  g_assert_cmpuint (federal->pathways->len, >=, 4);

  g_assert_false (harbor_law_library_show_jurisdiction (library, "US-XX"));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (harbor_test_wait (is_mapped, library, 10000));
  shot = harbor_test_screenshot (window, "law-library-federal");
  g_test_message ("screenshot: %s", shot);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_labels (void)
{
  g_autofree char *vacatur = harbor_kind_to_label ("vacatur");
  g_autofree char *unknown = harbor_kind_to_label ("something_new");

  g_assert_true (g_str_has_prefix (vacatur, "Vacatur"));
  /* A kind the app does not know is shown as written, never hidden. */
  g_assert_cmpstr (unknown, ==, "something_new");
  g_assert_true (g_str_has_prefix (harbor_confidence_to_label ("low"), "Low"));
}

int
main (int    argc,
      char **argv)
{
  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  g_test_add_func ("/app/law-library/browse", test_browse);
  g_test_add_func ("/app/law-library/labels", test_labels);

  return g_test_run ();
}
