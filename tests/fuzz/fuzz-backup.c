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
 *     mutation of ciphertext could never reach past authentication: checked
 *     alone, then added to a scratch vault (in a transaction that is rolled
 *     back). Both must agree: what the reader accepts, the vault's stores
 *     must accept too.
 *
 * The seeds in corpus/backup/ are a real small backup made with the
 * passphrase "fuzz", truncations of it, and payloads.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "harbor-backup.h"
#include "harbor-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static HarborVault *scratch;
static char *scratch_dir;

static void
remove_scratch (void)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&scratch);
  if (scratch_dir == NULL || (d = g_dir_open (scratch_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (scratch_dir);
  g_clear_pointer (&scratch_dir, g_free);
}

static void
make_scratch (void)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborSecret) recovery = NULL;

  scratch_dir = g_dir_make_tmp ("harbor-fuzz-backup-XXXXXX", &error);
  g_assert_no_error (error);
  scratch = harbor_vault_new (scratch_dir);
  recovery = harbor_vault_create (scratch, "fuzz", &params, &error);
  g_assert_no_error (error);
  atexit (remove_scratch);
}

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
  g_autoptr(GError) vault_error = NULL;
  gboolean ok, vault_ok;

  if (!initialised)
    {
      g_assert_true (harbor_core_init (NULL));
      make_scratch ();
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

  ok = harbor_backup_check_payload (NULL, data, size, &error);
  check_error (ok, error);
  vault_ok = harbor_backup_check_payload (scratch, data, size, &vault_error);
  check_error (vault_ok, vault_error);
  if (ok != vault_ok)
    g_error ("the reader and the vault disagree: %s",
             error != NULL ? error->message : vault_error->message);
  g_assert_cmpint (harbor_vault_count_clients (scratch, NULL), ==, 0);
  return 0;
}
