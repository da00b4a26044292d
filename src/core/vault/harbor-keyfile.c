/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-keyfile.c: the vault's key file (master key wrapped per key slot)
 *
 * Copyright 2026 The Harbor authors
 *
 * A vault's data is encrypted with one random 256-bit master key. The key
 * file keeps that key wrapped (encrypted and authenticated with
 * XChaCha20-Poly1305) once per key slot, so a passphrase change rewraps
 * 32 bytes and never re-encrypts the database.
 *
 * Format, version 1 (all integers little-endian):
 *
 *   offset size
 *        0    8  magic "HRBR-KEY"
 *        8    2  format version (1)
 *       10    2  flags (0)
 *       12   16  vault id (random; also in the manifest and on page 1)
 *       28    1  number of slots (1..16)
 *       29       slots, each: kind (1), zero (1), body length (2), body
 *     end-32   32  BLAKE2b-256 of everything before it (damage check)
 *
 *   passphrase slot (kind 1), body of 108 bytes:
 *     algorithm (4, 2 = Argon2id v1.3), opslimit (8), memlimit (8),
 *     salt (16), nonce (24), wrapped master key (32 + 16 tag)
 *     key-encryption key = Argon2id (passphrase, salt, opslimit, memlimit)
 *
 *   recovery slot (kind 2), body of 64 bytes:
 *     nonce (24), wrapped master key (32 + 16 tag)
 *     key-encryption key = BLAKE2b-256 keyed with the 200-bit recovery
 *     secret over "harbor-recovery-v1" || vault id. The secret is random,
 *     so no password hashing is needed to resist guessing.
 *
 * The associated data of every wrap is the 28-byte file header followed by
 * the slot's kind and every body byte before the nonce, so parameters, salt
 * and vault id cannot be changed or a slot moved to another file without
 * the unwrap failing. The trailing checksum is not a security measure (the
 * wraps are); it tells a truncated or altered file apart from a wrong
 * passphrase.
 *
 * Recovery key text: the 25-byte secret is written in Crockford's base32
 * (no I, L, O, U) as 10 groups of 4, followed by a check group of 4 (20
 * bits of BLAKE2b over the secret), e.g.
 * "7K3M-Q9TR-...-X2PB". Input is case-insensitive, ignores spaces and
 * dashes and reads O as 0 and I, L as 1. A check mismatch is reported as
 * mistyped; a well-formed key that does not unwrap as wrong.
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sodium.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "harbor-keyfile.h"
#include "harbor-vault-error.h"

#define MAGIC            "HRBR-KEY"
#define MAGIC_LEN        8
#define FORMAT_VERSION   1
#define HEADER_LEN       28
#define CHECKSUM_LEN     32
#define MAX_SLOTS        16
#define SALT_LEN         16
#define NONCE_LEN        crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_LEN      (HARBOR_MASTER_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define PASS_PARAMS_LEN  (4 + 8 + 8 + SALT_LEN)
#define PASS_BODY_LEN    (PASS_PARAMS_LEN + NONCE_LEN + WRAPPED_LEN)
#define RECOVERY_BODY_LEN (NONCE_LEN + WRAPPED_LEN)
#define ALG_ARGON2ID13   2
#define MAX_BODY_LEN     PASS_BODY_LEN

/* Upper bounds a key file may ask for, so a hostile file cannot make us
 * allocate terabytes or spin for hours. */
#define MAX_MEMLIMIT     ((guint64) 4 * 1024 * 1024 * 1024)
#define MAX_OPSLIMIT     ((guint64) 1000)

#define RECOVERY_SECRET_LEN 25
#define RECOVERY_GROUPS     11
#define RECOVERY_CHARS      (RECOVERY_GROUPS * 4)
#define RECOVERY_TEXT_LEN   (RECOVERY_CHARS + RECOVERY_GROUPS - 1)

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

typedef struct
{
  guint8 kind;
  guint16 length;
  guint8 body[MAX_BODY_LEN];
} Slot;

struct _HarborKeyfile
{
  guint8 vault_id[HARBOR_VAULT_ID_BYTES];
  guint n_slots;
  Slot slots[MAX_SLOTS];
};

/* ---- Keys ---------------------------------------------------------------- */

/**
 * harbor_key_new_random:
 *
 * Returns: (transfer full): a fresh random key in guarded memory
 */
HarborKey *
harbor_key_new_random (void)
{
  HarborKey *key = sodium_malloc (sizeof *key);

  g_assert (key != NULL);
  randombytes_buf (key->bytes, sizeof key->bytes);
  return key;
}

/**
 * harbor_key_dup:
 * @key: a key
 *
 * Returns: (transfer full): a copy of @key in guarded memory
 */
HarborKey *
harbor_key_dup (const HarborKey *key)
{
  HarborKey *copy = sodium_malloc (sizeof *copy);

  g_assert (copy != NULL);
  memcpy (copy->bytes, key->bytes, sizeof copy->bytes);
  return copy;
}

/**
 * harbor_key_free:
 * @key: (nullable): a key
 *
 * Wipes and frees @key.
 */
void
harbor_key_free (HarborKey *key)
{
  if (key != NULL)
    sodium_free (key);
}

/**
 * harbor_secret_free:
 * @secret: (nullable): a secret string
 *
 * Wipes and frees @secret.
 */
void
harbor_secret_free (HarborSecret *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/* ---- KDF parameters ------------------------------------------------------ */

/**
 * harbor_kdf_params_calibrate:
 * @params: (out): the parameters
 * @target_seconds: how long one derivation should take on this machine
 *
 * Measures Argon2id on this machine and picks parameters that take about
 * @target_seconds, never below %HARBOR_KDF_MIN_MEMLIMIT of memory and
 * %HARBOR_KDF_MIN_OPSLIMIT passes. Memory grows first (up to 256 MiB),
 * then passes.
 */
void
harbor_kdf_params_calibrate (HarborKdfParams *params,
                             double           target_seconds)
{
  static const char probe[] = "calibration";
  guint8 salt[SALT_LEN] = { 0 };
  guint8 out[32];
  gsize memlimit = HARBOR_KDF_MIN_MEMLIMIT;
  double seconds;
  gint64 start;
  guint64 ops;

  start = g_get_monotonic_time ();
  if (crypto_pwhash (out, sizeof out, probe, strlen (probe), salt,
                     1, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      /* Out of memory: keep the floor, which the unlock will need anyway. */
      params->opslimit = HARBOR_KDF_MIN_OPSLIMIT;
      params->memlimit = HARBOR_KDF_MIN_MEMLIMIT;
      params->insecure_for_tests = FALSE;
      return;
    }
  seconds = MAX ((g_get_monotonic_time () - start) / 1e6, 1e-4);

  /* One pass over 64 MiB took @seconds; the cost is about linear in both. */
  while (seconds * 4 <= target_seconds && memlimit < 256 * 1024 * 1024)
    {
      memlimit *= 2;
      seconds *= 2;
    }
  ops = (guint64) (target_seconds / seconds + 0.5);
  params->opslimit = CLAMP (ops, HARBOR_KDF_MIN_OPSLIMIT, 64);
  params->memlimit = memlimit;
  params->insecure_for_tests = FALSE;
  sodium_memzero (out, sizeof out);
}

/**
 * harbor_kdf_params_for_tests:
 *
 * Cheap Argon2id parameters (one pass over 64 KiB) for the test suite,
 * which creates hundreds of vaults. Never use them for real data.
 *
 * Returns: the parameters
 */
HarborKdfParams
harbor_kdf_params_for_tests (void)
{
  HarborKdfParams params = { 1, 64 * 1024, TRUE };

  return params;
}

/* ---- Little-endian helpers ------------------------------------------------ */

static void
put_u16 (guint8  *p,
         guint16  v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static void
put_u32 (guint8  *p,
         guint32  v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 v = 0;

  for (guint i = 0; i < 4; i++)
    v |= (guint32) p[i] << (8 * i);
  return v;
}

static void
put_u64 (guint8  *p,
         guint64  v)
{
  for (guint i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 v = 0;

  for (guint i = 0; i < 8; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

/* ---- The key file ---------------------------------------------------------- */

/**
 * harbor_keyfile_new:
 * @vault_id: the vault's %HARBOR_VAULT_ID_BYTES-byte id
 *
 * Returns: (transfer full): a key file with no slots yet
 */
HarborKeyfile *
harbor_keyfile_new (const guint8 *vault_id)
{
  HarborKeyfile *self = g_new0 (HarborKeyfile, 1);

  memcpy (self->vault_id, vault_id, HARBOR_VAULT_ID_BYTES);
  return self;
}

void
harbor_keyfile_free (HarborKeyfile *self)
{
  if (self == NULL)
    return;
  sodium_memzero (self, sizeof *self);
  g_free (self);
}

const guint8 *
harbor_keyfile_get_vault_id (const HarborKeyfile *self)
{
  return self->vault_id;
}

guint
harbor_keyfile_count_slots (const HarborKeyfile *self,
                            HarborKeySlotKind    kind)
{
  guint n = 0;

  for (guint i = 0; i < self->n_slots; i++)
    if (self->slots[i].kind == kind)
      n++;
  return n;
}

static void
write_header (const HarborKeyfile *self,
              guint8              *header)
{
  memcpy (header, MAGIC, MAGIC_LEN);
  put_u16 (header + 8, FORMAT_VERSION);
  put_u16 (header + 10, 0);
  memcpy (header + 12, self->vault_id, HARBOR_VAULT_ID_BYTES);
}

/* The associated data of a slot's wrap: the header, the kind and the
 * slot's parameters (every body byte before the nonce). */
static gsize
slot_ad (const HarborKeyfile *self,
         guint8               kind,
         const guint8        *params,
         gsize                params_len,
         guint8              *ad)
{
  write_header (self, ad);
  ad[HEADER_LEN] = kind;
  memcpy (ad + HEADER_LEN + 1, params, params_len);
  return HEADER_LEN + 1 + params_len;
}

static gboolean
damaged (GError     **error,
         const char  *why)
{
  g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_KEYFILE_DAMAGED,
               _("The key file is damaged: %s"), why);
  return FALSE;
}

/**
 * harbor_keyfile_parse:
 * @data: the file's bytes
 * @length: their number
 * @error: return location for a #GError
 *
 * Parses and checks a key file without unwrapping anything. Errors:
 * %HARBOR_VAULT_ERROR_NOT_A_VAULT (not a key file),
 * %HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION (a newer format),
 * %HARBOR_VAULT_ERROR_KEYFILE_DAMAGED (truncated or altered).
 *
 * Returns: (transfer full): the key file, or %NULL
 */
HarborKeyfile *
harbor_keyfile_parse (const guint8  *data,
                      gsize          length,
                      GError       **error)
{
  g_autoptr(HarborKeyfile) self = NULL;
  guint8 checksum[CHECKSUM_LEN];
  guint16 version;
  gsize pos, end;
  guint n_slots;

  if (length == 0)
    return damaged (error, _("the file is empty")), NULL;

  if (length < MAGIC_LEN || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    {
      /* A prefix of the magic is a key file cut short. */
      if (length < MAGIC_LEN && memcmp (data, MAGIC, length) == 0)
        return damaged (error, _("the file is truncated")), NULL;
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_A_VAULT,
                           _("This is not a Harbor key file"));
      return NULL;
    }

  if (length < HEADER_LEN + 1 + CHECKSUM_LEN)
    return damaged (error, _("the file is truncated")), NULL;

  end = length - CHECKSUM_LEN;
  crypto_generichash (checksum, sizeof checksum, data, end, NULL, 0);
  if (sodium_memcmp (checksum, data + end, CHECKSUM_LEN) != 0)
    {
      /* Tell a file cut short from one altered in place. */
      if (data[HEADER_LEN] > 0 && data[HEADER_LEN] <= MAX_SLOTS)
        {
          gsize expected = HEADER_LEN + 1;

          for (guint i = 0; i < data[HEADER_LEN] && expected + 4 <= length; i++)
            expected += 4 + get_u16 (data + expected + 2);
          if (length < expected + CHECKSUM_LEN)
            return damaged (error, _("the file is truncated")), NULL;
        }
      return damaged (error, _("its checksum does not match")), NULL;
    }

  /* The version is trusted only once the checksum holds, so a damaged
   * byte is not mistaken for a newer format. */
  version = get_u16 (data + 8);
  if (version > FORMAT_VERSION)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION,
                   _("The key file has format version %u; this Harbor reads version %u. "
                     "Update Harbor to open this vault."),
                   version, FORMAT_VERSION);
      return NULL;
    }

  if (version == 0 || get_u16 (data + 10) != 0)
    return damaged (error, _("the header is invalid")), NULL;

  self = harbor_keyfile_new (data + 12);
  n_slots = data[HEADER_LEN];
  if (n_slots == 0 || n_slots > MAX_SLOTS)
    return damaged (error, _("the number of key slots is invalid")), NULL;

  pos = HEADER_LEN + 1;
  for (guint i = 0; i < n_slots; i++)
    {
      Slot *slot = &self->slots[i];
      guint16 body_len;

      if (pos + 4 > end)
        return damaged (error, _("a key slot is cut short")), NULL;
      slot->kind = data[pos];
      body_len = get_u16 (data + pos + 2);
      if (data[pos + 1] != 0)
        return damaged (error, _("a key slot header is invalid")), NULL;
      pos += 4;

      switch (slot->kind)
        {
        case HARBOR_KEY_SLOT_PASSPHRASE:
          if (body_len != PASS_BODY_LEN)
            return damaged (error, _("a passphrase slot has the wrong size")), NULL;
          break;
        case HARBOR_KEY_SLOT_RECOVERY:
          if (body_len != RECOVERY_BODY_LEN)
            return damaged (error, _("a recovery slot has the wrong size")), NULL;
          break;
        default:
          return damaged (error, _("a key slot has an unknown kind")), NULL;
        }
      if (pos + body_len > end)
        return damaged (error, _("a key slot is cut short")), NULL;
      memcpy (slot->body, data + pos, body_len);
      slot->length = body_len;
      pos += body_len;

      if (slot->kind == HARBOR_KEY_SLOT_PASSPHRASE)
        {
          guint32 alg = get_u32 (slot->body);
          guint64 ops = get_u64 (slot->body + 4);
          guint64 mem = get_u64 (slot->body + 12);

          if (alg != ALG_ARGON2ID13)
            return damaged (error, _("a passphrase slot names an unknown algorithm")), NULL;
          if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > MAX_OPSLIMIT
              || mem < crypto_pwhash_MEMLIMIT_MIN || mem > MAX_MEMLIMIT)
            return damaged (error, _("a passphrase slot has out-of-range parameters")), NULL;
        }
      self->n_slots++;
    }

  if (pos != end)
    return damaged (error, _("there are unexpected bytes after the key slots")), NULL;

  return g_steal_pointer (&self);
}

/**
 * harbor_keyfile_load:
 * @path: the key file
 * @error: return location for a #GError
 *
 * Reads and parses a key file; see harbor_keyfile_parse(). A missing file
 * is %HARBOR_VAULT_ERROR_NOT_A_VAULT, an unreadable one %HARBOR_VAULT_ERROR_IO.
 *
 * Returns: (transfer full): the key file, or %NULL
 */
HarborKeyfile *
harbor_keyfile_load (const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_A_VAULT,
                     _("There is no key file in this folder"));
      else
        g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                     _("Could not read the key file: %s"), local_error->message);
      return NULL;
    }
  return harbor_keyfile_parse ((const guint8 *) contents, length, error);
}

/**
 * harbor_keyfile_serialize:
 * @self: a key file with at least one slot
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
harbor_keyfile_serialize (const HarborKeyfile *self)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 header[HEADER_LEN + 1];
  guint8 checksum[CHECKSUM_LEN];

  g_return_val_if_fail (self->n_slots > 0, NULL);

  write_header (self, header);
  header[HEADER_LEN] = (guint8) self->n_slots;
  g_byte_array_append (out, header, sizeof header);
  for (guint i = 0; i < self->n_slots; i++)
    {
      const Slot *slot = &self->slots[i];
      guint8 slot_header[4] = { slot->kind, 0, 0, 0 };

      put_u16 (slot_header + 2, slot->length);
      g_byte_array_append (out, slot_header, sizeof slot_header);
      g_byte_array_append (out, slot->body, slot->length);
    }
  crypto_generichash (checksum, sizeof checksum, out->data, out->len, NULL, 0);
  g_byte_array_append (out, checksum, sizeof checksum);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
set_io_error (GError     **error,
              const char  *what,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
               "%s “%s”: %s", what, display, g_strerror (saved_errno));
  return FALSE;
}

/**
 * harbor_write_file_atomic:
 * @path: the destination
 * @data: the contents
 * @length: their size
 * @error: return location for a #GError
 *
 * Writes a file so that after a crash either the old or the new contents
 * are found: write a temporary file in the same folder, fsync it, rename it
 * over @path, then fsync the folder so the rename itself is durable.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_write_file_atomic (const char  *path,
                          const void  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  const guint8 *p = data;
  gsize done = 0;
  int fd, dfd;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, _("Could not create"), tmp, errno);

  while (done < length)
    {
      ssize_t n = write (fd, p + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_unlink (tmp);
          return set_io_error (error, _("Could not write"), tmp, saved_errno);
        }
      done += (gsize) n;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      return set_io_error (error, _("Could not flush"), tmp, saved_errno);
    }
  close (fd);

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      return set_io_error (error, _("Could not replace"), path, saved_errno);
    }

  dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    return set_io_error (error, _("Could not open the folder"), dir, errno);
  if (fsync (dfd) != 0)
    {
      int saved_errno = errno;
      close (dfd);
      return set_io_error (error, _("Could not flush the folder"), dir, saved_errno);
    }
  close (dfd);
  return TRUE;
}

/**
 * harbor_keyfile_save:
 * @self: a key file
 * @path: where to write it
 * @error: return location for a #GError
 *
 * Writes the key file atomically (see harbor_write_file_atomic()).
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_keyfile_save (const HarborKeyfile *self,
                     const char          *path,
                     GError             **error)
{
  g_autoptr(GBytes) bytes = harbor_keyfile_serialize (self);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return harbor_write_file_atomic (path, data, length, error);
}

/* ---- Wrapping -------------------------------------------------------------- */

static void
wrap (const HarborKeyfile *self,
      guint8               kind,
      guint8              *body,
      gsize                params_len,
      const guint8        *kek,
      const HarborKey     *master_key)
{
  guint8 ad[HEADER_LEN + 1 + MAX_BODY_LEN];
  gsize ad_len = slot_ad (self, kind, body, params_len, ad);
  guint8 *nonce = body + params_len;
  guint8 *wrapped = nonce + NONCE_LEN;
  unsigned long long clen = 0;

  randombytes_buf (nonce, NONCE_LEN);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, &clen,
                                              master_key->bytes, HARBOR_MASTER_KEY_BYTES,
                                              ad, ad_len, NULL, nonce, kek);
  g_assert (clen == WRAPPED_LEN);
}

static HarborKey *
unwrap (const HarborKeyfile *self,
        const Slot          *slot,
        gsize                params_len,
        const guint8        *kek)
{
  guint8 ad[HEADER_LEN + 1 + MAX_BODY_LEN];
  gsize ad_len = slot_ad (self, slot->kind, slot->body, params_len, ad);
  const guint8 *nonce = slot->body + params_len;
  const guint8 *wrapped = nonce + NONCE_LEN;
  HarborKey *key = sodium_malloc (sizeof *key);
  unsigned long long mlen = 0;

  g_assert (key != NULL);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (key->bytes, &mlen, NULL,
                                                  wrapped, WRAPPED_LEN, ad, ad_len,
                                                  nonce, kek) != 0
      || mlen != HARBOR_MASTER_KEY_BYTES)
    {
      sodium_free (key);
      return NULL;
    }
  return key;
}

/* Replaces the slots of @kind with @slot (or appends it). */
static void
replace_slots (HarborKeyfile *self,
               const Slot    *slot)
{
  guint j = 0;

  for (guint i = 0; i < self->n_slots; i++)
    {
      if (self->slots[i].kind != slot->kind)
        self->slots[j++] = self->slots[i];
    }
  g_assert (j < MAX_SLOTS);
  self->slots[j++] = *slot;
  for (guint i = j; i < self->n_slots; i++)
    sodium_memzero (&self->slots[i], sizeof self->slots[i]);
  self->n_slots = j;
}

/* Builds a passphrase slot wrapping @master_key. */
static gboolean
make_passphrase_slot (HarborKeyfile         *self,
                      const HarborKey       *master_key,
                      const char            *passphrase,
                      const HarborKdfParams *params,
                      Slot                  *slot,
                      GError               **error)
{
  HarborKdfParams calibrated;
  g_autoptr(HarborKey) kek = NULL;

  if (passphrase == NULL || passphrase[0] == '\0')
    {
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                           _("The passphrase is empty"));
      return FALSE;
    }

  if (params == NULL)
    {
      harbor_kdf_params_calibrate (&calibrated, 1.0);
      params = &calibrated;
    }
  if (!params->insecure_for_tests
      && (params->memlimit < HARBOR_KDF_MIN_MEMLIMIT || params->opslimit < HARBOR_KDF_MIN_OPSLIMIT))
    {
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                           _("The key derivation parameters are below the minimum of 64 MiB"));
      return FALSE;
    }

  memset (slot, 0, sizeof *slot);
  slot->kind = HARBOR_KEY_SLOT_PASSPHRASE;
  slot->length = PASS_BODY_LEN;
  put_u32 (slot->body, ALG_ARGON2ID13);
  put_u64 (slot->body + 4, params->opslimit);
  put_u64 (slot->body + 12, params->memlimit);
  randombytes_buf (slot->body + 20, SALT_LEN);

  kek = sodium_malloc (sizeof *kek);
  g_assert (kek != NULL);
  if (crypto_pwhash (kek->bytes, sizeof kek->bytes, passphrase, strlen (passphrase),
                     slot->body + 20, params->opslimit, params->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                           _("Not enough memory to derive the key from the passphrase"));
      return FALSE;
    }

  wrap (self, slot->kind, slot->body, PASS_PARAMS_LEN, kek->bytes, master_key);
  return TRUE;
}

/**
 * harbor_keyfile_set_passphrase:
 * @self: a key file
 * @master_key: the vault's master key
 * @passphrase: the new passphrase (UTF-8, not empty)
 * @params: (nullable): Argon2id parameters; %NULL calibrates to about one second
 * @error: return location for a #GError
 *
 * Wraps @master_key under @passphrase, replacing every passphrase slot.
 * Parameters below the production floor are refused unless
 * @params->insecure_for_tests is set.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_keyfile_set_passphrase (HarborKeyfile         *self,
                               const HarborKey       *master_key,
                               const char            *passphrase,
                               const HarborKdfParams *params,
                               GError               **error)
{
  Slot slot;

  if (!make_passphrase_slot (self, master_key, passphrase, params, &slot, error))
    return FALSE;
  replace_slots (self, &slot);
  sodium_memzero (&slot, sizeof slot);
  return TRUE;
}

/**
 * harbor_keyfile_add_passphrase:
 * @self: a key file
 * @master_key: the vault's master key
 * @passphrase: another passphrase (for example, another caseworker's)
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Adds a passphrase slot; the others stay. At most 16 slots in all.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_keyfile_add_passphrase (HarborKeyfile         *self,
                               const HarborKey       *master_key,
                               const char            *passphrase,
                               const HarborKdfParams *params,
                               GError               **error)
{
  Slot slot;

  if (self->n_slots >= MAX_SLOTS)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                   _("The key file already has the most key slots it can hold (%d)"), MAX_SLOTS);
      return FALSE;
    }
  if (!make_passphrase_slot (self, master_key, passphrase, params, &slot, error))
    return FALSE;
  self->slots[self->n_slots++] = slot;
  sodium_memzero (&slot, sizeof slot);
  return TRUE;
}

/**
 * harbor_keyfile_replace_passphrase:
 * @self: a key file
 * @slot_index: a passphrase slot (from harbor_keyfile_unlock_passphrase_slot())
 * @master_key: the vault's master key
 * @passphrase: the new passphrase for that slot
 * @params: (nullable): Argon2id parameters; %NULL calibrates
 * @error: return location for a #GError
 *
 * Rewraps one passphrase slot; the other slots stay.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_keyfile_replace_passphrase (HarborKeyfile         *self,
                                   guint                  slot_index,
                                   const HarborKey       *master_key,
                                   const char            *passphrase,
                                   const HarborKdfParams *params,
                                   GError               **error)
{
  Slot slot;

  g_return_val_if_fail (slot_index < self->n_slots, FALSE);
  g_return_val_if_fail (self->slots[slot_index].kind == HARBOR_KEY_SLOT_PASSPHRASE, FALSE);

  if (!make_passphrase_slot (self, master_key, passphrase, params, &slot, error))
    return FALSE;
  self->slots[slot_index] = slot;
  sodium_memzero (&slot, sizeof slot);
  return TRUE;
}

/**
 * harbor_keyfile_remove_slot:
 * @self: a key file
 * @slot_index: the slot to remove
 * @error: return location for a #GError
 *
 * Removes a slot. The last passphrase slot cannot be removed.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_keyfile_remove_slot (HarborKeyfile  *self,
                            guint           slot_index,
                            GError        **error)
{
  g_return_val_if_fail (slot_index < self->n_slots, FALSE);

  if (self->slots[slot_index].kind == HARBOR_KEY_SLOT_PASSPHRASE
      && harbor_keyfile_count_slots (self, HARBOR_KEY_SLOT_PASSPHRASE) == 1)
    {
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID,
                           _("The last passphrase cannot be removed"));
      return FALSE;
    }
  for (guint i = slot_index; i + 1 < self->n_slots; i++)
    self->slots[i] = self->slots[i + 1];
  self->n_slots--;
  sodium_memzero (&self->slots[self->n_slots], sizeof self->slots[self->n_slots]);
  return TRUE;
}

/**
 * harbor_keyfile_unlock_passphrase_slot:
 * @self: a key file
 * @passphrase: the passphrase
 * @slot_index: (out) (optional): the slot it opened
 * @error: return location for a #GError
 *
 * Tries every passphrase slot (each costs one Argon2id derivation).
 *
 * Returns: (transfer full): the master key, or %NULL with
 *   %HARBOR_VAULT_ERROR_WRONG_PASSPHRASE
 */
HarborKey *
harbor_keyfile_unlock_passphrase_slot (const HarborKeyfile *self,
                                       const char          *passphrase,
                                       guint               *slot_index,
                                       GError             **error)
{
  g_autoptr(HarborKey) kek = sodium_malloc (sizeof *kek);

  g_assert (kek != NULL);
  for (guint i = 0; i < self->n_slots; i++)
    {
      const Slot *slot = &self->slots[i];
      HarborKey *master;

      if (slot->kind != HARBOR_KEY_SLOT_PASSPHRASE)
        continue;
      if (crypto_pwhash (kek->bytes, sizeof kek->bytes, passphrase, strlen (passphrase),
                         slot->body + 20, get_u64 (slot->body + 4), get_u64 (slot->body + 12),
                         crypto_pwhash_ALG_ARGON2ID13) != 0)
        {
          g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                               _("Not enough memory to derive the key from the passphrase"));
          return NULL;
        }
      master = unwrap (self, slot, PASS_PARAMS_LEN, kek->bytes);
      if (master != NULL)
        {
          if (slot_index != NULL)
            *slot_index = i;
          return master;
        }
    }

  g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE,
                       _("The passphrase is not correct"));
  return NULL;
}

/**
 * harbor_keyfile_unlock_passphrase:
 * @self: a key file
 * @passphrase: the passphrase
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the master key, or %NULL with
 *   %HARBOR_VAULT_ERROR_WRONG_PASSPHRASE
 */
HarborKey *
harbor_keyfile_unlock_passphrase (const HarborKeyfile *self,
                                  const char          *passphrase,
                                  GError             **error)
{
  return harbor_keyfile_unlock_passphrase_slot (self, passphrase, NULL, error);
}

/* ---- Recovery keys --------------------------------------------------------- */

static void
recovery_check (const guint8 *secret,
                guint8       *check)
{
  static const guint8 personal[] = "harbor-recovery-check";
  guint8 hash[32];

  crypto_generichash (hash, sizeof hash, personal, sizeof personal - 1, secret,
                      RECOVERY_SECRET_LEN);
  memcpy (check, hash, 3);
}

/* Base32 of @len bytes into 8 * len / 5 characters (len a multiple of 5). */
static void
base32_encode (const guint8 *in,
               gsize         len,
               char         *out)
{
  for (gsize i = 0; i < len; i += 5)
    {
      guint64 v = 0;

      for (guint j = 0; j < 5; j++)
        v = (v << 8) | in[i + j];
      for (guint j = 0; j < 8; j++)
        *out++ = crockford[(v >> (35 - 5 * j)) & 31];
    }
}

static int
base32_value (char c)
{
  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';
  for (int i = 0; i < 32; i++)
    if (crockford[i] == c)
      return i;
  return -1;
}

static HarborSecret *
format_recovery (const guint8 *secret)
{
  char chars[RECOVERY_CHARS + 4];
  guint8 check_src[5] = { 0 };
  HarborSecret *text = sodium_malloc (RECOVERY_TEXT_LEN + 1);
  gsize pos = 0;

  g_assert (text != NULL);
  base32_encode (secret, RECOVERY_SECRET_LEN, chars);
  /* 20 check bits: encode 3 bytes padded to 5 and keep the first 4 characters. */
  recovery_check (secret, check_src);
  check_src[2] &= 0xf0;
  check_src[3] = check_src[4] = 0;
  base32_encode (check_src, 5, chars + 40);

  for (guint g = 0; g < RECOVERY_GROUPS; g++)
    {
      if (g > 0)
        text[pos++] = '-';
      memcpy (text + pos, chars + 4 * g, 4);
      pos += 4;
    }
  text[pos] = '\0';
  sodium_memzero (chars, sizeof chars);
  return text;
}

/* Parses recovery key text into its secret; FALSE with MISTYPED on any
 * malformation or check failure. */
static gboolean
parse_recovery (const char  *text,
                guint8      *secret,
                GError     **error)
{
  guint8 values[RECOVERY_CHARS];
  guint8 check[5] = { 0 };
  guint8 given[3];
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      int v;

      if (*p == '-' || *p == ' ' || *p == '\t')
        continue;
      v = base32_value (*p);
      if (v < 0)
        {
          sodium_memzero (values, sizeof values);
          g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY,
                       _("The recovery key is mistyped: it has a character that never "
                         "appears in recovery keys (character %u)"), n + 1);
          return FALSE;
        }
      if (n < RECOVERY_CHARS)
        values[n] = (guint8) v;
      n++;
    }
  if (n != RECOVERY_CHARS)
    {
      sodium_memzero (values, sizeof values);
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY,
                   _("The recovery key is mistyped: it has %u characters; a recovery key "
                     "has %u (%u groups of 4)"), n, RECOVERY_CHARS, RECOVERY_GROUPS);
      return FALSE;
    }

  for (guint i = 0; i < RECOVERY_SECRET_LEN; i += 5)
    {
      guint64 v = 0;

      for (guint j = 0; j < 8; j++)
        v = (v << 5) | values[i / 5 * 8 + j];
      for (guint j = 0; j < 5; j++)
        secret[i + j] = (v >> (32 - 8 * j)) & 0xff;
    }
  given[0] = (guint8) ((values[40] << 3) | (values[41] >> 2));
  given[1] = (guint8) (((values[41] & 3) << 6) | (values[42] << 1) | (values[43] >> 4));
  given[2] = (guint8) ((values[43] & 15) << 4);
  sodium_memzero (values, sizeof values);

  recovery_check (secret, check);
  check[2] &= 0xf0;
  if (sodium_memcmp (check, given, 3) != 0)
    {
      sodium_memzero (secret, RECOVERY_SECRET_LEN);
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY,
                           _("The recovery key is mistyped: its last group does not match the "
                             "others. Check each group against the printed key."));
      return FALSE;
    }
  return TRUE;
}

/**
 * harbor_recovery_key_check:
 * @text: recovery key text
 * @error: return location for a #GError
 *
 * Checks the form and the check group of a recovery key, without any key
 * file. Lets the UI say "mistyped" as the user types.
 *
 * Returns: %TRUE if @text is a well-formed recovery key
 */
gboolean
harbor_recovery_key_check (const char  *text,
                           GError     **error)
{
  guint8 *secret = sodium_malloc (RECOVERY_SECRET_LEN);
  gboolean ok;

  g_assert (secret != NULL);
  ok = parse_recovery (text, secret, error);
  sodium_free (secret);
  return ok;
}

static void
recovery_kek (const HarborKeyfile *self,
              const guint8        *secret,
              guint8              *kek)
{
  static const guint8 label[] = "harbor-recovery-v1";
  guint8 msg[sizeof label - 1 + HARBOR_VAULT_ID_BYTES];

  memcpy (msg, label, sizeof label - 1);
  memcpy (msg + sizeof label - 1, self->vault_id, HARBOR_VAULT_ID_BYTES);
  crypto_generichash (kek, HARBOR_MASTER_KEY_BYTES, msg, sizeof msg, secret, RECOVERY_SECRET_LEN);
}

/**
 * harbor_keyfile_set_recovery:
 * @self: a key file
 * @master_key: the vault's master key
 * @error: return location for a #GError
 *
 * Makes a new random recovery key and wraps @master_key under it,
 * replacing any recovery slot.
 *
 * Returns: (transfer full): the recovery key text, to show once
 */
HarborSecret *
harbor_keyfile_set_recovery (HarborKeyfile    *self,
                             const HarborKey  *master_key,
                             GError          **error)
{
  guint8 *secret = sodium_malloc (RECOVERY_SECRET_LEN);
  g_autoptr(HarborKey) kek = sodium_malloc (sizeof *kek);
  HarborSecret *text;
  Slot slot = { 0 };

  g_assert (secret != NULL && kek != NULL);
  randombytes_buf (secret, RECOVERY_SECRET_LEN);
  recovery_kek (self, secret, kek->bytes);

  slot.kind = HARBOR_KEY_SLOT_RECOVERY;
  slot.length = RECOVERY_BODY_LEN;
  wrap (self, slot.kind, slot.body, 0, kek->bytes, master_key);
  replace_slots (self, &slot);
  sodium_memzero (&slot, sizeof slot);

  text = format_recovery (secret);
  sodium_free (secret);
  return text;
}

/**
 * harbor_keyfile_unlock_recovery:
 * @self: a key file
 * @recovery_key: the recovery key text
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the master key, or %NULL with
 *   %HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY or
 *   %HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY
 */
HarborKey *
harbor_keyfile_unlock_recovery (const HarborKeyfile *self,
                                const char          *recovery_key,
                                GError             **error)
{
  guint8 *secret = sodium_malloc (RECOVERY_SECRET_LEN);
  g_autoptr(HarborKey) kek = sodium_malloc (sizeof *kek);

  g_assert (secret != NULL && kek != NULL);
  if (!parse_recovery (recovery_key, secret, error))
    {
      sodium_free (secret);
      return NULL;
    }
  recovery_kek (self, secret, kek->bytes);
  sodium_free (secret);

  for (guint i = 0; i < self->n_slots; i++)
    {
      HarborKey *master;

      if (self->slots[i].kind != HARBOR_KEY_SLOT_RECOVERY)
        continue;
      master = unwrap (self, &self->slots[i], 0, kek->bytes);
      if (master != NULL)
        return master;
    }

  g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY,
                       _("This recovery key does not belong to this vault"));
  return NULL;
}
