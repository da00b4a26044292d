/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-keyfile.c: fuzz target for the key-file parser and recovery keys
 *
 * Copyright 2026 The Harbor authors
 *
 * Any input must be refused with an error or parsed into a key file that
 * serializes back to the very same bytes. Each input is also tried with
 * its trailing checksum recomputed, so that mutations reach the slot
 * parser behind the checksum. The recovery-key text parser
 * gets the input too, and a parsed file is tried with a recovery key
 * (cheap: no Argon2 on fuzzer-chosen parameters).
 */

#include "config.h"

#include <glib.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-keyfile.h"
#include "harbor-vault-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void check_one (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialised;

  if (!initialised)
    {
      g_assert_true (harbor_core_init (NULL));
      initialised = TRUE;
    }
  check_one (data, size);
  if (size > 32)
    {
      g_autofree uint8_t *fixed = g_memdup2 (data, size);

      crypto_generichash (fixed + size - 32, 32, fixed, size - 32, NULL, 0);
      check_one (fixed, size);
    }
  return 0;
}

static void
check_one (const uint8_t *data,
           size_t         size)
{
  g_autoptr(HarborKeyfile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  keyfile = harbor_keyfile_parse (data, size, &error);
  if (keyfile == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == HARBOR_VAULT_ERROR);
      g_assert_true (error->code == HARBOR_VAULT_ERROR_NOT_A_VAULT
                     || error->code == HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION
                     || error->code == HARBOR_VAULT_ERROR_KEYFILE_DAMAGED);
    }
  else
    {
      g_autoptr(GBytes) again = harbor_keyfile_serialize (keyfile);
      g_autoptr(HarborKey) key = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (again), ==, size);
      g_assert_true (memcmp (g_bytes_get_data (again, NULL), data, size) == 0);
      key = harbor_keyfile_unlock_recovery (keyfile, "0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000",
                                            &error);
      g_assert_true (key == NULL || error == NULL);
      g_clear_error (&error);
    }

  g_clear_error (&error);
  text = g_strndup ((const char *) data, size);
  if (!harbor_recovery_key_check (text, &error))
    g_assert_true (g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY));
}
