/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-passphrase.c: how hard a passphrase is to guess
 *
 * Copyright 2026 The Harbor authors
 *
 * The estimate comes from zxcvbn (the C port), which looks for dictionary
 * words, names, keyboard patterns, repeats, sequences and dates, and returns
 * the entropy in bits of the cheapest way to guess the passphrase. Harbor
 * adds the words the caseworker gives it (the organisation's name, say) to
 * the dictionary. Length alone is not enough: "aaaaaaaaaaaa" is long and
 * worthless.
 *
 * With the vault's Argon2id at about one second per guess, 40 bits is some
 * 35,000 years of guessing on one core; the levels above that leave room for
 * faster hardware.
 */

#define G_LOG_DOMAIN "harbor-passphrase"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <zxcvbn.h>

#include "harbor-passphrase.h"

#define GOOD_BITS   60.0
#define STRONG_BITS 80.0

static double
estimate_bits (const char         *passphrase,
               const char * const *user_words)
{
  g_autoptr(GPtrArray) dict = g_ptr_array_new ();

  if (user_words != NULL)
    for (guint i = 0; user_words[i] != NULL; i++)
      if (*user_words[i] != '\0')
        g_ptr_array_add (dict, (char *) user_words[i]);
  g_ptr_array_add (dict, NULL);

  return ZxcvbnMatch (passphrase, (const char **) dict->pdata, NULL);
}

/**
 * harbor_passphrase_rate:
 * @passphrase: the candidate passphrase (UTF-8)
 * @user_words: (nullable) (array zero-terminated=1): words that must count
 *   as easy to guess, such as the organisation's name
 * @bits: (out) (optional): the estimated entropy in bits
 *
 * Returns: how strong @passphrase is
 */
HarborPassphraseStrength
harbor_passphrase_rate (const char         *passphrase,
                        const char * const *user_words,
                        double             *bits)
{
  double estimate;

  g_return_val_if_fail (passphrase != NULL, HARBOR_PASSPHRASE_TOO_WEAK);

  estimate = estimate_bits (passphrase, user_words);
  if (bits != NULL)
    *bits = estimate;

  if (g_utf8_strlen (passphrase, -1) < HARBOR_PASSPHRASE_MIN_LENGTH ||
      estimate < HARBOR_PASSPHRASE_MIN_BITS)
    return HARBOR_PASSPHRASE_TOO_WEAK;
  if (estimate < GOOD_BITS)
    return HARBOR_PASSPHRASE_FAIR;
  if (estimate < STRONG_BITS)
    return HARBOR_PASSPHRASE_GOOD;
  return HARBOR_PASSPHRASE_STRONG;
}

/**
 * harbor_passphrase_advice:
 * @passphrase: the candidate passphrase
 * @user_words: (nullable): as for harbor_passphrase_rate()
 *
 * Returns: (transfer none): one short, kind sentence for the person typing,
 *   translated
 */
const char *
harbor_passphrase_advice (const char         *passphrase,
                          const char * const *user_words)
{
  switch (harbor_passphrase_rate (passphrase, user_words, NULL))
    {
    case HARBOR_PASSPHRASE_TOO_WEAK:
      if (g_utf8_strlen (passphrase, -1) < HARBOR_PASSPHRASE_MIN_LENGTH)
        return _("Use at least 10 characters. A few unrelated words are easy to remember and hard to guess.");
      return _("This is easy to guess. Add another unusual word, or avoid names, dates and keyboard patterns.");
    case HARBOR_PASSPHRASE_FAIR:
      return _("Acceptable. One more unusual word would make it much stronger.");
    case HARBOR_PASSPHRASE_GOOD:
      return _("Good passphrase.");
    case HARBOR_PASSPHRASE_STRONG:
    default:
      return _("Strong passphrase.");
    }
}
