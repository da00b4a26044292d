/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-keyfile.c: key file format, slots, recovery keys, KDF floor
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "harbor-core.h"
#include "harbor-keyfile.h"
#include "harbor-vault-error.h"
#include "vault-test-util.h"

static HarborKeyfile *
make_keyfile (HarborKey     **master,
              HarborSecret  **recovery)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  guint8 id[HARBOR_VAULT_ID_BYTES];
  HarborKeyfile *keyfile;

  randombytes_buf (id, sizeof id);
  keyfile = harbor_keyfile_new (id);
  *master = harbor_key_new_random ();
  g_assert_true (harbor_keyfile_set_passphrase (keyfile, *master, "pass phrase", &params, &error));
  g_assert_no_error (error);
  *recovery = harbor_keyfile_set_recovery (keyfile, *master, &error);
  g_assert_no_error (error);
  return keyfile;
}

static void
test_roundtrip (void)
{
  g_autoptr(HarborKey) master = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(HarborKeyfile) keyfile = make_keyfile (&master, &recovery);
  g_autoptr(GBytes) bytes = harbor_keyfile_serialize (keyfile);
  g_autoptr(HarborKeyfile) parsed = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(HarborKey) k1 = NULL, k2 = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  parsed = harbor_keyfile_parse (data, length, &error);
  g_assert_no_error (error);
  again = harbor_keyfile_serialize (parsed);
  g_assert_true (g_bytes_equal (bytes, again));
  g_assert_cmpuint (harbor_keyfile_count_slots (parsed, HARBOR_KEY_SLOT_PASSPHRASE), ==, 1);
  g_assert_cmpuint (harbor_keyfile_count_slots (parsed, HARBOR_KEY_SLOT_RECOVERY), ==, 1);
  g_assert_true (memcmp (harbor_keyfile_get_vault_id (parsed), harbor_keyfile_get_vault_id (keyfile),
                         HARBOR_VAULT_ID_BYTES) == 0);

  k1 = harbor_keyfile_unlock_passphrase (parsed, "pass phrase", &error);
  g_assert_no_error (error);
  k2 = harbor_keyfile_unlock_recovery (parsed, recovery, &error);
  g_assert_no_error (error);
  g_assert_true (sodium_memcmp (k1->bytes, master->bytes, HARBOR_MASTER_KEY_BYTES) == 0);
  g_assert_true (sodium_memcmp (k2->bytes, master->bytes, HARBOR_MASTER_KEY_BYTES) == 0);

  /* The passphrase is never stored: it does not appear in the file. */
  g_assert_null (memmem (data, length, "pass phrase", 11));
}

static void
test_recovery_format (void)
{
  g_autoptr(HarborKey) master = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(HarborKeyfile) keyfile = make_keyfile (&master, &recovery);
  g_auto(GStrv) groups = g_strsplit (recovery, "-", -1);
  g_autoptr(GError) error = NULL;
  guint mistyped = 0, total = 0;

  g_assert_cmpuint (g_strv_length (groups), ==, 11);
  for (guint i = 0; groups[i]; i++)
    {
      g_assert_cmpuint (strlen (groups[i]), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_nonnull (strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", groups[i][j]));
    }
  g_assert_true (harbor_recovery_key_check (recovery, &error));

  /* Every single-character substitution is caught by the check group
   * (20 bits: about one in a million could slip through; none here). */
  for (gsize i = 0; recovery[i] != '\0'; i++)
    {
      const char *alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
      if (recovery[i] == '-')
        continue;
      for (const char *c = alphabet; *c; c++)
        {
          g_autofree char *typo = g_strdup (recovery);
          g_autoptr(GError) e = NULL;
          if (*c == recovery[i])
            continue;
          typo[i] = *c;
          total++;
          if (!harbor_recovery_key_check (typo, &e))
            {
              g_assert_error (e, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY);
              mistyped++;
            }
        }
    }
  g_test_message ("%u of %u single-character typos reported as mistyped", mistyped, total);
  g_assert_cmpuint (mistyped, ==, total);

  /* A swapped pair of groups too. */
  {
    g_autofree char *swapped = g_strdup (recovery);
    memcpy (swapped, recovery + 5, 4);
    memcpy (swapped + 5, recovery, 4);
    if (strncmp (recovery, recovery + 5, 4) != 0)
      {
        g_assert_false (harbor_recovery_key_check (swapped, &error));
        g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY);
        g_clear_error (&error);
      }
  }
}

static void
test_every_flip (void)
{
  g_autoptr(HarborKey) master = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(HarborKeyfile) keyfile = make_keyfile (&master, &recovery);
  g_autoptr(GBytes) bytes = harbor_keyfile_serialize (keyfile);
  gsize length;
  guint8 *data;

  {
    const void *src = g_bytes_get_data (bytes, &length);
    data = g_memdup2 (src, length);
  }
  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HarborKeyfile) parsed = NULL;

      data[i] ^= 0x04;
      parsed = harbor_keyfile_parse (data, length, &error);
      g_assert_null (parsed);
      g_assert_nonnull (error);
      if (i < 8)
        g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_A_VAULT);
      else
        g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_KEYFILE_DAMAGED);
      data[i] ^= 0x04;
    }

  /* A newer format (with its checksum intact) is "unsupported", not damage. */
  {
    g_autoptr(GError) error = NULL;
    data[8] = 2;
    crypto_generichash (data + length - 32, 32, data, length - 32, NULL, 0);
    g_assert_null (harbor_keyfile_parse (data, length, &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION);
  }
  g_free (data);
}

/* A slot's parameters are authenticated: changing them (even with a fixed
 * checksum) makes the unwrap fail instead of yielding a key. */
static void
test_slot_binding (void)
{
  g_autoptr(HarborKey) master = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(HarborKeyfile) keyfile = make_keyfile (&master, &recovery);
  g_autoptr(GBytes) bytes = harbor_keyfile_serialize (keyfile);
  g_autoptr(HarborKeyfile) parsed = NULL;
  g_autoptr(HarborKey) key = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint8 *data;

  {
    const void *src = g_bytes_get_data (bytes, &length);
    data = g_memdup2 (src, length);
  }
  /* First slot body starts at 29 + 4; its salt at +20. Change the salt and
   * recompute the trailing checksum. */
  data[29 + 4 + 20] ^= 0x01;
  crypto_generichash (data + length - 32, 32, data, length - 32, NULL, 0);
  parsed = harbor_keyfile_parse (data, length, &error);
  g_assert_no_error (error);
  key = harbor_keyfile_unlock_passphrase (parsed, "pass phrase", &error);
  g_assert_null (key);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  /* Changing the vault id in the header breaks every slot. */
  g_clear_pointer (&parsed, harbor_keyfile_free);
  data[29 + 4 + 20] ^= 0x01;
  data[12] ^= 0x01;
  crypto_generichash (data + length - 32, 32, data, length - 32, NULL, 0);
  parsed = harbor_keyfile_parse (data, length, &error);
  g_assert_no_error (error);
  key = harbor_keyfile_unlock_recovery (parsed, recovery, &error);
  g_assert_null (key);
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY);
  g_free (data);
}

static void
test_slots (void)
{
  g_autoptr(HarborKey) master = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(HarborKeyfile) keyfile = make_keyfile (&master, &recovery);
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborKey) key = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(HarborKeyfile) parsed = NULL;
  guint slot = 99;

  /* Fill up to 16 slots: 1 passphrase + 1 recovery + 14 more. */
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *pass = g_strdup_printf ("caseworker %u", i);
      g_assert_true (harbor_keyfile_add_passphrase (keyfile, master, pass, &params, &error));
      g_assert_no_error (error);
    }
  g_assert_false (harbor_keyfile_add_passphrase (keyfile, master, "one too many", &params, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (harbor_keyfile_count_slots (keyfile, HARBOR_KEY_SLOT_PASSPHRASE), ==, 15);

  /* They survive a round trip, and each opens its own slot. */
  bytes = harbor_keyfile_serialize (keyfile);
  parsed = harbor_keyfile_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  key = harbor_keyfile_unlock_passphrase_slot (parsed, "caseworker 13", &slot, &error);
  g_assert_no_error (error);
  g_assert_true (sodium_memcmp (key->bytes, master->bytes, HARBOR_MASTER_KEY_BYTES) == 0);
  g_assert_cmpuint (slot, ==, 15);

  /* Removing the recovery slot is allowed; passphrases go until one is left. */
  g_assert_true (harbor_keyfile_remove_slot (parsed, 1, &error));
  g_assert_cmpuint (harbor_keyfile_count_slots (parsed, HARBOR_KEY_SLOT_RECOVERY), ==, 0);
  while (harbor_keyfile_count_slots (parsed, HARBOR_KEY_SLOT_PASSPHRASE) > 1)
    g_assert_true (harbor_keyfile_remove_slot (parsed, 0, &error));
  g_assert_false (harbor_keyfile_remove_slot (parsed, 0, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
}

static void
test_kdf_floor (void)
{
  HarborKdfParams params;
  g_autoptr(HarborKey) master = harbor_key_new_random ();
  guint8 id[HARBOR_VAULT_ID_BYTES] = { 0 };
  g_autoptr(HarborKeyfile) keyfile = harbor_keyfile_new (id);
  g_autoptr(GError) error = NULL;

  /* Calibration never goes below 64 MiB and two passes, even for a tiny target. */
  harbor_kdf_params_calibrate (&params, 0.001);
  g_assert_cmpuint (params.memlimit, >=, HARBOR_KDF_MIN_MEMLIMIT);
  g_assert_cmpuint (params.opslimit, >=, HARBOR_KDF_MIN_OPSLIMIT);
  g_assert_false (params.insecure_for_tests);

  /* Cheap parameters are refused unless explicitly marked test-only. */
  params.memlimit = 1024 * 1024;
  params.opslimit = 1;
  g_assert_false (harbor_keyfile_set_passphrase (keyfile, master, "x", &params, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
  g_clear_error (&error);

  /* An empty passphrase is refused. */
  params = harbor_kdf_params_for_tests ();
  g_assert_false (harbor_keyfile_set_passphrase (keyfile, master, "", &params, &error));
  g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID);
}

static void
test_atomic_write (void)
{
  g_autofree char *dir = harbor_test_make_tmpdir ("vault-test");
  g_autofree char *path = g_build_filename (dir, "file", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  guint n = 0;

  g_assert_true (harbor_write_file_atomic (path, "first", 5, &error));
  g_assert_true (harbor_write_file_atomic (path, "second", 6, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);     /* no temporary file left */

  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", NULL);
    g_assert_false (harbor_write_file_atomic (missing, "x", 1, &error));
    g_assert_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO);
  }
  harbor_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (harbor_core_init (NULL));

  g_test_add_func ("/vault/keyfile/roundtrip", test_roundtrip);
  g_test_add_func ("/vault/keyfile/recovery-format", test_recovery_format);
  g_test_add_func ("/vault/keyfile/every-byte-flip", test_every_flip);
  g_test_add_func ("/vault/keyfile/slot-binding", test_slot_binding);
  g_test_add_func ("/vault/keyfile/several-slots", test_slots);
  g_test_add_func ("/vault/keyfile/kdf-floor", test_kdf_floor);
  g_test_add_func ("/vault/keyfile/atomic-write", test_atomic_write);
  return g_test_run ();
}
