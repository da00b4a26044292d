/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-keyfile.h: the vault's key file (master key wrapped per key slot)
 *
 * Copyright 2026 The Harbor authors
 *
 * The on-disk format is described in harbor-keyfile.c and docs/vault.md.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HARBOR_MASTER_KEY_BYTES 32
#define HARBOR_VAULT_ID_BYTES   16

/* The production floor of the passphrase KDF (Argon2id). */
#define HARBOR_KDF_MIN_MEMLIMIT ((gsize) 64 * 1024 * 1024)
#define HARBOR_KDF_MIN_OPSLIMIT 2

/**
 * HarborKey:
 * @bytes: the key material
 *
 * A 256-bit key in sodium_malloc() memory (guard pages, locked, wiped on
 * free). Free with harbor_key_free().
 */
typedef struct
{
  guint8 bytes[HARBOR_MASTER_KEY_BYTES];
} HarborKey;

HarborKey *harbor_key_new_random (void) G_GNUC_WARN_UNUSED_RESULT;
HarborKey *harbor_key_dup        (const HarborKey *key) G_GNUC_WARN_UNUSED_RESULT;
void       harbor_key_free       (HarborKey       *key);

/* A secret string (a recovery key) in sodium_malloc() memory. */
typedef char HarborSecret;
void       harbor_secret_free    (HarborSecret    *secret);

/**
 * HarborKdfParams:
 * @opslimit: Argon2id passes
 * @memlimit: Argon2id memory in bytes
 * @insecure_for_tests: must be %TRUE to go below the production floor
 *   (%HARBOR_KDF_MIN_MEMLIMIT, %HARBOR_KDF_MIN_OPSLIMIT). Only the test
 *   suite sets it, through harbor_kdf_params_for_tests(); no user input,
 *   option or environment variable reaches it.
 */
typedef struct
{
  guint64  opslimit;
  gsize    memlimit;
  gboolean insecure_for_tests;
} HarborKdfParams;

void     harbor_kdf_params_calibrate (HarborKdfParams *params,
                                      double           target_seconds);
HarborKdfParams harbor_kdf_params_for_tests (void);

typedef struct _HarborKeyfile HarborKeyfile;

typedef enum
{
  HARBOR_KEY_SLOT_PASSPHRASE = 1,
  HARBOR_KEY_SLOT_RECOVERY = 2,
} HarborKeySlotKind;

HarborKeyfile *harbor_keyfile_new          (const guint8     *vault_id) G_GNUC_WARN_UNUSED_RESULT;
void           harbor_keyfile_free         (HarborKeyfile    *self);
HarborKeyfile *harbor_keyfile_parse        (const guint8     *data,
                                            gsize             length,
                                            GError          **error) G_GNUC_WARN_UNUSED_RESULT;
HarborKeyfile *harbor_keyfile_load         (const char       *path,
                                            GError          **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes        *harbor_keyfile_serialize    (const HarborKeyfile *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean       harbor_keyfile_save         (const HarborKeyfile *self,
                                            const char       *path,
                                            GError          **error);

const guint8  *harbor_keyfile_get_vault_id (const HarborKeyfile *self);
guint          harbor_keyfile_count_slots  (const HarborKeyfile *self,
                                            HarborKeySlotKind    kind);

gboolean       harbor_keyfile_set_passphrase (HarborKeyfile         *self,
                                              const HarborKey       *master_key,
                                              const char            *passphrase,
                                              const HarborKdfParams *params,
                                              GError               **error);
gboolean       harbor_keyfile_add_passphrase (HarborKeyfile         *self,
                                              const HarborKey       *master_key,
                                              const char            *passphrase,
                                              const HarborKdfParams *params,
                                              GError               **error);
gboolean       harbor_keyfile_replace_passphrase (HarborKeyfile         *self,
                                                  guint                  slot_index,
                                                  const HarborKey       *master_key,
                                                  const char            *passphrase,
                                                  const HarborKdfParams *params,
                                                  GError               **error);
gboolean       harbor_keyfile_remove_slot    (HarborKeyfile         *self,
                                              guint                  slot_index,
                                              GError               **error);
HarborSecret  *harbor_keyfile_set_recovery   (HarborKeyfile         *self,
                                              const HarborKey       *master_key,
                                              GError               **error) G_GNUC_WARN_UNUSED_RESULT;

HarborKey     *harbor_keyfile_unlock_passphrase (const HarborKeyfile *self,
                                                 const char          *passphrase,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;
HarborKey     *harbor_keyfile_unlock_passphrase_slot (const HarborKeyfile *self,
                                                      const char          *passphrase,
                                                      guint               *slot_index,
                                                      GError             **error) G_GNUC_WARN_UNUSED_RESULT;
HarborKey     *harbor_keyfile_unlock_recovery   (const HarborKeyfile *self,
                                                 const char          *recovery_key,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Recovery key text: 11 groups of 4 characters of Crockford's base32, the
 * last group a check over the others. Exposed for tests and the UI. */
gboolean       harbor_recovery_key_check     (const char  *text,
                                              GError     **error);

/* Writes @data to @path atomically: temporary file, fsync, rename, fsync
 * of the folder. The file gets mode 0600. */
gboolean       harbor_write_file_atomic      (const char  *path,
                                              const void  *data,
                                              gsize        length,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborKey, harbor_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborSecret, harbor_secret_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborKeyfile, harbor_keyfile_free)

G_END_DECLS
