/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-passphrase.h: how hard a passphrase is to guess
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The minimum Harbor accepts for a new vault passphrase. */
#define HARBOR_PASSPHRASE_MIN_LENGTH 10
#define HARBOR_PASSPHRASE_MIN_BITS   40.0

/**
 * HarborPassphraseStrength:
 * @HARBOR_PASSPHRASE_TOO_WEAK: below the minimum; refused
 * @HARBOR_PASSPHRASE_FAIR: accepted
 * @HARBOR_PASSPHRASE_GOOD: comfortably above the minimum
 * @HARBOR_PASSPHRASE_STRONG: very hard to guess
 */
typedef enum
{
  HARBOR_PASSPHRASE_TOO_WEAK,
  HARBOR_PASSPHRASE_FAIR,
  HARBOR_PASSPHRASE_GOOD,
  HARBOR_PASSPHRASE_STRONG,
} HarborPassphraseStrength;

HarborPassphraseStrength  harbor_passphrase_rate        (const char         *passphrase,
                                                         const char * const *user_words,
                                                         double             *bits);
const char               *harbor_passphrase_advice      (const char         *passphrase,
                                                         const char * const *user_words);

G_END_DECLS
