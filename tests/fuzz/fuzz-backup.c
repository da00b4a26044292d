/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-backup.c: fuzz target for the backup reader
 *
 * Copyright 2026 The Harbor authors
 *
 * Any input must be refused with a HARBOR_BACKUP_ERROR, or read as a
 * sound backup. Each input goes three ways:
 *
 *  1. as a backup file, with the passphrase "fuzz" and the reader capped at
 *     the test suite's cheap Argon2id parameters (so the fuzzer cannot ask
 *     for gigabytes);
 *  2. the same, with the header checksum recomputed, so that mutations of
 *     the header reach the parameter checks and the key check behind it;
 *  3. as decrypted payload (length-prefixed JSON entries), which a
 *     mutation of ciphertext could never reach past authentication.
 *
 * The seeds in corpus/backup/ are a real small backup made with the
 * passphrase "fuzz", truncations of it, and payloads.
 */

#include "config.h"

#include <gio/gio.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "harbor-backup.h"
#include "harbor-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_error (gboolean  ok,
             GError   *error)
{
  if (ok)
    g_assert_null (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == HARBOR_BACKUP_ERROR);
      g_assert_nonnull (error->message);
    }
}

static void
read_as_file (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  HarborKdfParams max = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = harbor_backup_verify_stream (in, "fuzz", &max, NULL, &error);
  check_error (ok, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean initialised;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!initialised)
    {
      g_assert_true (harbor_core_init (NULL));
      initialised = TRUE;
    }

  read_as_file (data, size);

  if (size >= HARBOR_BACKUP_HEADER_SIZE && memcmp (data, HARBOR_BACKUP_MAGIC, 8) == 0)
    {
      g_autofree uint8_t *copy = g_memdup2 (data, size);

      crypto_generichash (copy + HARBOR_BACKUP_HEADER_SIZE - 16, 16, copy,
                          HARBOR_BACKUP_HEADER_SIZE - 16, NULL, 0);
      read_as_file (copy, size);
    }

  ok = harbor_backup_check_payload (data, size, &error);
  check_error (ok, error);
  return 0;
}
