/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-passphrase.c: weak passphrases are refused, strong ones accepted
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <string.h>

#include "harbor-passphrase.h"

static void
test_too_weak (void)
{
  static const char *weak[] = {
    "", "short", "password1", "aaaaaaaaaaaaaaa", "1234567890123",
    "qwertyuiopasdf", "Password2026!", "harborharbor",
  };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      double bits = -1;

      g_test_message ("weak #%u", i);
      g_assert_cmpint (harbor_passphrase_rate (weak[i], NULL, &bits), ==, HARBOR_PASSPHRASE_TOO_WEAK);
      g_assert_cmpfloat (bits, >=, 0);
    }
}

static void
test_acceptable (void)
{
  double bits = 0;

  g_assert_cmpint (harbor_passphrase_rate ("copper lantern meadow violin", NULL, &bits), >=,
                   HARBOR_PASSPHRASE_GOOD);
  g_assert_cmpfloat (bits, >=, 60.0);
  g_assert_cmpint (harbor_passphrase_rate ("tV9#qLm2&xR7!pZw4@kY", NULL, NULL), ==,
                   HARBOR_PASSPHRASE_STRONG);
}

static void
test_user_words_count_as_guessable (void)
{
  const char *words[] = { "Lighthousefoundationshelter", NULL };
  double with = 0, without = 0;

  harbor_passphrase_rate ("lighthousefoundationshelter", NULL, &without);
  harbor_passphrase_rate ("lighthousefoundationshelter", words, &with);
  g_assert_cmpfloat (with, <, without);
  g_assert_cmpint (harbor_passphrase_rate ("lighthousefoundationshelter", words, NULL), ==,
                   HARBOR_PASSPHRASE_TOO_WEAK);
}

static void
test_advice (void)
{
  g_assert_nonnull (strstr (harbor_passphrase_advice ("short", NULL), "10"));
  g_assert_cmpstr (harbor_passphrase_advice ("tV9#qLm2&xR7!pZw4@kY", NULL), ==, "Strong passphrase.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/passphrase/too-weak", test_too_weak);
  g_test_add_func ("/passphrase/acceptable", test_acceptable);
  g_test_add_func ("/passphrase/user-words", test_user_words_count_as_guessable);
  g_test_add_func ("/passphrase/advice", test_advice);

  return g_test_run ();
}
