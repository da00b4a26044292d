/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-backup.c: encrypted backups of a vault, and restoring them
 *
 * Copyright 2026 The Harbor authors
 *
 * A backup is a single file: a fixed header, then a libsodium secretstream
 * (XChaCha20-Poly1305) of chunks. All integers are little-endian.
 *
 *   offset size  header field
 *        0    8  magic "HARBORBK"
 *        8    2  format version (1)
 *       10    2  flags (0)
 *       12    4  KDF algorithm (2: Argon2id 1.3, crypto_pwhash_ALG_ARGON2ID13)
 *       16    8  Argon2id opslimit
 *       24    8  Argon2id memlimit in bytes (>= 64 MiB outside the test suite)
 *       32   16  Argon2id salt (random)
 *       48    4  plaintext bytes per chunk (65536)
 *       52   24  secretstream header
 *       76   16  key check: BLAKE2b-128 of bytes 0..75, keyed with the check key
 *       92   16  header checksum: unkeyed BLAKE2b-128 of bytes 0..91
 *      108       end of the header
 *
 * Argon2id turns the backup passphrase and salt into a root key; the stream
 * key (subkey 1) and the check key (subkey 2) come from it through
 * crypto_kdf with the context "HbBackup". The checksum tells accidental
 * damage of the header ("damaged") apart from a wrong passphrase (the key
 * check fails).
 *
 * Chunks follow the header back to back. Every chunk but the last carries
 * exactly chunk-size bytes of plaintext (chunk-size + 17 bytes on disk) and
 * the tag MESSAGE; the last carries fewer (possibly none) and the tag FINAL,
 * and nothing may follow it. The first chunk has the 108 header bytes as
 * additional data. The secretstream's internal counter makes a chunk
 * swapped, dropped or copied from another backup fail authentication; a
 * file cut at any point lacks its final chunk. A short chunk that fails is
 * reported as truncated: a cut inside the last chunks, a change in the last
 * chunk and bytes appended after it cannot be told apart.
 *
 * The plaintext is a sequence of entries, each a 4-byte length and a JSON
 * object (at most 16 MiB): first {"type":"backup","format":"harbor-backup/1",
 * "created_at":ms}, then for each live client (least recently active first,
 * so that a restore keeps the order) the client, its records, history
 * events, checklists each followed by its items, and consents, and last
 * {"type":"end","entries":N} counting the entries in between. Entries name
 * their own old id and their parent's old id; a parent always comes before
 * its children. A live checklist tied to a deleted record brings that
 * record along with "deleted": true. Unknown members are refused.
 *
 * Restore reads into a new vault created in a temporary sibling folder
 * (".NAME.restore-XXXXXX"), remaps every id, commits once the final chunk
 * has authenticated and the end entry matched, locks the vault and only
 * then renames the folder into place. Any failure deletes the temporary
 * folder. Nothing is ever written over an existing vault or non-empty folder.
 *
 * The backup is written the same way: into a temporary file next to the
 * destination, synced, then linked into place (never over an existing file).
 * No plaintext reaches the disk; the plaintext chunk buffers live in
 * sodium_malloc() memory.
 */

#define G_LOG_DOMAIN "harbor-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>

#include "harbor-backup.h"
#include "harbor-case.h"
#include "harbor-vault-error.h"

G_DEFINE_QUARK (harbor-backup-error-quark, harbor_backup_error)

#define FORMAT_NAME      "harbor-backup/1"
#define KDF_ALG_ARGON2ID 2
#define SALT_LEN         16
#define CHECK_LEN        16
#define OFF_VERSION      8
#define OFF_FLAGS        10
#define OFF_ALG          12
#define OFF_OPS          16
#define OFF_MEM          24
#define OFF_SALT         32
#define OFF_CHUNK        48
#define OFF_SS_HEADER    52
#define OFF_CHECK        76
#define OFF_CHECKSUM     92
#define MIN_CHUNK        256
#define MAX_CHUNK        (1024 * 1024)
#define MAX_ENTRY        (16 * 1024 * 1024)
#define ABYTES           crypto_secretstream_xchacha20poly1305_ABYTES
#define KDF_CONTEXT      "HbBackup"
#define CLIENT_PAGE      200

/* The most a backup may ask of the reader by default. */
#define DEFAULT_MAX_OPSLIMIT 256
#define DEFAULT_MAX_MEMLIMIT ((gsize) 1024 * 1024 * 1024)

G_STATIC_ASSERT (OFF_CHECKSUM + CHECK_LEN == HARBOR_BACKUP_HEADER_SIZE);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_HEADERBYTES == OFF_CHECK - OFF_SS_HEADER);
G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == SALT_LEN);

/* ---- Little-endian helpers ---------------------------------------------------- */

static void
put_le (guint8  *p,
        guint64  v,
        guint    n)
{
  for (guint i = 0; i < n; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

static guint64
get_le (const guint8 *p,
        guint         n)
{
  guint64 v = 0;

  for (guint i = 0; i < n; i++)
    v |= (guint64) p[i] << (8 * i);
  return v;
}

/* ---- Keys --------------------------------------------------------------------- */

typedef struct
{
  guint8 stream[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 check[crypto_generichash_KEYBYTES];
} Keys;

static void
keys_free (Keys *keys)
{
  if (keys != NULL)
    sodium_free (keys);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Keys, keys_free)

static Keys *
derive_keys (const char    *passphrase,
             const guint8  *salt,
             guint64        opslimit,
             gsize          memlimit,
             GError       **error)
{
  g_autoptr(Keys) keys = sodium_malloc (sizeof (Keys));
  guint8 *root = sodium_malloc (crypto_kdf_KEYBYTES);
  int rc;

  g_assert (keys != NULL && root != NULL);
  rc = crypto_pwhash (root, crypto_kdf_KEYBYTES, passphrase, strlen (passphrase), salt,
                      opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13);
  if (rc == 0)
    {
      crypto_kdf_derive_from_key (keys->stream, sizeof keys->stream, 1, KDF_CONTEXT, root);
      crypto_kdf_derive_from_key (keys->check, sizeof keys->check, 2, KDF_CONTEXT, root);
    }
  sodium_free (root);
  if (rc != 0)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                           _("Not enough memory to derive the key from the passphrase"));
      return NULL;
    }
  return g_steal_pointer (&keys);
}

static void
header_check (const guint8 *header,
              const Keys   *keys,
              guint8       *out)
{
  crypto_generichash (out, CHECK_LEN, header, OFF_CHECK, keys->check, sizeof keys->check);
}

static void
header_checksum (const guint8 *header,
                 guint8       *out)
{
  crypto_generichash (out, CHECK_LEN, header, OFF_CHECKSUM, NULL, 0);
}

/* ---- JSON helpers ------------------------------------------------------------- */

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_strv (JsonBuilder        *b,
          const char         *name,
          const char * const *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint i = 0; value[i] != NULL; i++)
    json_builder_add_string_value (b, value[i]);
  json_builder_end_array (b);
}

/* ---- Writing ----------------------------------------------------------------- */

typedef struct
{
  int           fd;
  char         *tmp_path;
  guint32       chunk_size;
  guint8       *plain;            /* sodium_malloc: chunk_size bytes */
  gsize         plain_len;
  guint8       *cipher;
  guint8        header[HARBOR_BACKUP_HEADER_SIZE];
  gboolean      first_chunk;
  guint64       entries;
  crypto_secretstream_xchacha20poly1305_state *state;
} Writer;

static void
writer_free (Writer *w)
{
  if (w->fd >= 0)
    close (w->fd);
  if (w->tmp_path != NULL)
    g_unlink (w->tmp_path);
  g_free (w->tmp_path);
  if (w->plain != NULL)
    sodium_free (w->plain);
  g_free (w->cipher);
  if (w->state != NULL)
    sodium_free (w->state);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Writer, writer_free)

static gboolean
write_all (Writer        *w,
           const guint8  *data,
           gsize          length,
           GError       **error)
{
  while (length > 0)
    {
      gssize n = write (w->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                       _("Could not write the backup: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
writer_flush (Writer    *w,
              guint8     tag,
              GError   **error)
{
  unsigned long long clen = 0;

  crypto_secretstream_xchacha20poly1305_push (w->state, w->cipher, &clen, w->plain, w->plain_len,
                                              w->first_chunk ? w->header : NULL,
                                              w->first_chunk ? sizeof w->header : 0, tag);
  w->first_chunk = FALSE;
  sodium_memzero (w->plain, w->plain_len);
  w->plain_len = 0;
  return write_all (w, w->cipher, clen, error);
}

/* Appends plaintext; a chunk goes out as soon as it is full, so the final
 * chunk always holds less than a full chunk. */
static gboolean
writer_append (Writer        *w,
               const guint8  *data,
               gsize          length,
               GError       **error)
{
  while (length > 0)
    {
      gsize n = MIN (length, w->chunk_size - w->plain_len);

      memcpy (w->plain + w->plain_len, data, n);
      w->plain_len += n;
      data += n;
      length -= n;
      if (w->plain_len == w->chunk_size
          && !writer_flush (w, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, error))
        return FALSE;
    }
  return TRUE;
}

/* Ends the object being built, and writes it as one entry. */
static gboolean
writer_entry (Writer       *w,
              JsonBuilder  *b,
              GError      **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  guint8 prefix[4];
  gboolean ok;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &length);
  if (length > MAX_ENTRY)
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID,
                   _("An entry of the vault is larger than %u bytes"), (guint) MAX_ENTRY);
      return FALSE;
    }
  put_le (prefix, length, 4);
  ok = writer_append (w, prefix, 4, error) && writer_append (w, (const guint8 *) text, length, error);
  sodium_memzero (text, length);
  w->entries++;
  return ok;
}

static JsonBuilder *
begin_entry (const char *type,
             const char *id)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "type", type);
  if (id != NULL)
    add_string (b, "id", id);
  return b;
}

static gboolean
write_record (Writer              *w,
              const char          *client_id,
              const HarborRecord  *record,
              gboolean             deleted,
              GError             **error)
{
  g_autoptr(JsonBuilder) b = begin_entry ("record", record->id);
  g_autoptr(HarborRecord) copy = harbor_record_copy (record);

  g_clear_pointer (&copy->id, g_free);
  add_string (b, "client", client_id);
  json_builder_set_member_name (b, "deleted");
  json_builder_add_boolean_value (b, deleted);
  json_builder_set_member_name (b, "record");
  json_builder_add_value (b, harbor_record_to_json_node (copy));
  return writer_entry (w, b, error);
}

static gboolean
write_client (HarborVault              *vault,
              Writer                   *w,
              const HarborVaultClient  *client,
              GError                  **error)
{
  g_autoptr(JsonBuilder) b = begin_entry ("client", client->id);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) checklists = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GHashTable) record_ids = g_hash_table_new (g_str_hash, g_str_equal);

  add_string (b, "display_name", client->display_name);
  add_strv (b, "aliases", (const char * const *) client->aliases);
  add_string (b, "birth_date", client->birth_date);
  add_string (b, "pronouns", client->pronouns);
  add_strv (b, "languages", (const char * const *) client->languages);
  add_string (b, "safety_notes", client->safety_notes);
  add_strv (b, "trafficking_types", (const char * const *) client->trafficking_types);
  add_string (b, "trafficking_began_on", client->trafficking_began_on);
  add_string (b, "trafficking_ended_on", client->trafficking_ended_on);
  add_strv (b, "trafficking_documentation", (const char * const *) client->trafficking_documentation);
  if (!writer_entry (w, b, error))
    return FALSE;

  if ((records = harbor_vault_list_records (vault, client->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      HarborRecord *record = g_ptr_array_index (records, i);

      g_hash_table_add (record_ids, record->id);
      if (!write_record (w, client->id, record, FALSE, error))
        return FALSE;
    }

  if ((events = harbor_vault_list_events (vault, client->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      HarborVaultEvent *event = g_ptr_array_index (events, i);
      g_autoptr(JsonBuilder) eb = begin_entry ("event", event->id);

      add_string (eb, "client", client->id);
      add_string (eb, "kind", event->kind);
      add_string (eb, "date", event->date);
      add_string (eb, "text", event->text);
      if (!writer_entry (w, eb, error))
        return FALSE;
    }

  if ((checklists = harbor_vault_list_checklists (vault, client->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < checklists->len; i++)
    {
      HarborVaultChecklist *checklist = g_ptr_array_index (checklists, i);
      g_autoptr(JsonBuilder) cb = begin_entry ("checklist", checklist->id);
      g_autoptr(GPtrArray) items = NULL;

      if (checklist->record_id != NULL && !g_hash_table_contains (record_ids, checklist->record_id))
        {
          /* Tied to a deleted record: bring the record along, deleted. */
          g_autoptr(HarborRecord) record = harbor_vault_get_record (vault, checklist->record_id, error);

          if (record == NULL || !write_record (w, client->id, record, TRUE, error))
            return FALSE;
          g_hash_table_add (record_ids, checklist->record_id);
        }
      add_string (cb, "client", client->id);
      add_string (cb, "record", checklist->record_id);
      add_string (cb, "pathway_id", checklist->pathway_id);
      add_string (cb, "title", checklist->title);
      if (!writer_entry (w, cb, error))
        return FALSE;

      if ((items = harbor_vault_list_checklist_items (vault, checklist->id, error)) == NULL)
        return FALSE;
      for (guint j = 0; j < items->len; j++)
        {
          HarborVaultChecklistItem *item = g_ptr_array_index (items, j);
          g_autoptr(JsonBuilder) ib = begin_entry ("checklist_item", item->id);

          add_string (ib, "checklist", checklist->id);
          json_builder_set_member_name (ib, "position");
          json_builder_add_int_value (ib, item->position);
          add_string (ib, "step", item->step);
          add_string (ib, "status", item->status);
          add_string (ib, "due_on", item->due_on);
          add_string (ib, "done_on", item->done_on);
          add_string (ib, "note", item->note);
          if (!writer_entry (w, ib, error))
            return FALSE;
        }
    }

  if ((consents = harbor_vault_list_consents (vault, client->id, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < consents->len; i++)
    {
      HarborVaultConsent *consent = g_ptr_array_index (consents, i);
      g_autoptr(JsonBuilder) kb = begin_entry ("consent", consent->id);

      add_string (kb, "client", client->id);
      add_string (kb, "party", consent->party);
      add_string (kb, "scope", consent->scope);
      add_string (kb, "signed_on", consent->signed_on);
      add_string (kb, "expires_on", consent->expires_on);
      add_string (kb, "revoked_on", consent->revoked_on);
      add_string (kb, "note", consent->note);
      if (!writer_entry (w, kb, error))
        return FALSE;
    }
  return TRUE;
}

/* Dumps the vault (already in a transaction, for a consistent snapshot). */
static gboolean
write_dump (HarborVault           *vault,
            Writer                *w,
            HarborBackupProgress   progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(JsonBuilder) head = begin_entry ("backup", NULL);
  g_autoptr(JsonBuilder) end = NULL;
  gint64 n_clients;
  guint64 remaining, done = 0;

  add_string (head, "format", FORMAT_NAME);
  json_builder_set_member_name (head, "created_at");
  json_builder_add_int_value (head, g_get_real_time () / 1000);
  if (!writer_entry (w, head, error))
    return FALSE;
  w->entries = 0;

  if ((n_clients = harbor_vault_count_clients (vault, error)) < 0)
    return FALSE;
  if (progress != NULL)
    progress (0, n_clients, user_data);

  /* Pages from the end of the most-recent-first list: least recent first. */
  remaining = n_clients;
  while (remaining > 0)
    {
      guint take = MIN (remaining, CLIENT_PAGE);
      g_autoptr(GPtrArray) page = harbor_vault_list_clients (vault, remaining - take, take, error);

      if (page == NULL)
        return FALSE;
      for (guint i = page->len; i > 0; i--)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error)
              || !write_client (vault, w, g_ptr_array_index (page, i - 1), error))
            return FALSE;
          done++;
          if (progress != NULL)
            progress (done, n_clients, user_data);
        }
      remaining -= take;
    }

  end = begin_entry ("end", NULL);
  json_builder_set_member_name (end, "entries");
  json_builder_add_int_value (end, w->entries);
  return writer_entry (w, end, error)
         && writer_flush (w, crypto_secretstream_xchacha20poly1305_TAG_FINAL, error);
}

static gboolean
check_kdf_params (const HarborKdfParams *params,
                  GError               **error)
{
  if (!params->insecure_for_tests
      && (params->memlimit < HARBOR_KDF_MIN_MEMLIMIT || params->opslimit < HARBOR_KDF_MIN_OPSLIMIT))
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID,
                           _("The key derivation parameters are below the minimum of 64 MiB"));
      return FALSE;
    }
  if (params->opslimit < crypto_pwhash_OPSLIMIT_MIN || params->memlimit < crypto_pwhash_MEMLIMIT_MIN)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID,
                           _("The key derivation parameters are below libsodium’s minimum"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
sync_folder_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
write_backup (HarborVault            *vault,
              const char             *out_path,
              const char             *passphrase,
              const HarborKdfParams  *params,
              guint32                 chunk_size,
              HarborBackupProgress    progress,
              gpointer                user_data,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autoptr(Writer) w = g_new0 (Writer, 1);
  g_autoptr(Keys) keys = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  HarborKdfParams calibrated;
  gboolean ok;

  w->fd = -1;
  g_return_val_if_fail (HARBOR_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (chunk_size >= MIN_CHUNK && chunk_size <= MAX_CHUNK, FALSE);

  if (passphrase == NULL || passphrase[0] == '\0')
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID,
                           _("The backup passphrase is empty"));
      return FALSE;
    }
  if (!harbor_vault_is_unlocked (vault))
    {
      g_set_error_literal (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED,
                           _("The vault is locked"));
      return FALSE;
    }
  if (params == NULL)
    {
      harbor_kdf_params_calibrate (&calibrated, 1.0);
      params = &calibrated;
    }
  if (!check_kdf_params (params, error))
    return FALSE;
  if (g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_EXISTS,
                   _("“%s” already exists"), out_path);
      return FALSE;
    }

  /* The header. */
  memcpy (w->header, HARBOR_BACKUP_MAGIC, 8);
  put_le (w->header + OFF_VERSION, HARBOR_BACKUP_FORMAT_VERSION, 2);
  put_le (w->header + OFF_FLAGS, 0, 2);
  put_le (w->header + OFF_ALG, KDF_ALG_ARGON2ID, 4);
  put_le (w->header + OFF_OPS, params->opslimit, 8);
  put_le (w->header + OFF_MEM, params->memlimit, 8);
  randombytes_buf (w->header + OFF_SALT, SALT_LEN);
  put_le (w->header + OFF_CHUNK, chunk_size, 4);
  keys = derive_keys (passphrase, w->header + OFF_SALT, params->opslimit, params->memlimit, error);
  if (keys == NULL)
    return FALSE;
  w->state = sodium_malloc (sizeof *w->state);
  g_assert (w->state != NULL);
  crypto_secretstream_xchacha20poly1305_init_push (w->state, w->header + OFF_SS_HEADER, keys->stream);
  header_check (w->header, keys, w->header + OFF_CHECK);
  header_checksum (w->header, w->header + OFF_CHECKSUM);
  g_clear_pointer (&keys, keys_free);

  w->chunk_size = chunk_size;
  w->plain = sodium_malloc (chunk_size);
  g_assert (w->plain != NULL);
  w->cipher = g_malloc (chunk_size + ABYTES);
  w->first_chunk = TRUE;

  /* A temporary file next to the destination. */
  dir = g_path_get_dirname (out_path);
  base = g_path_get_basename (out_path);
  w->tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  w->fd = g_mkstemp_full (w->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (w->fd < 0)
    {
      int saved_errno = errno;
      g_clear_pointer (&w->tmp_path, g_free);
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not create a file in “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!write_all (w, w->header, sizeof w->header, error))
    return FALSE;

  if (!harbor_vault_begin (vault, error))
    return FALSE;
  ok = write_dump (vault, w, progress, user_data, cancellable, error);
  harbor_vault_rollback (vault);
  if (!ok)
    return FALSE;

  if (fsync (w->fd) != 0 || close (w->fd) != 0)
    {
      int saved_errno = errno;
      w->fd = -1;
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not write the backup: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  w->fd = -1;
  /* link() never replaces an existing file; file systems without hard
   * links (FAT on a USB stick, FUSE file systems such as the document
   * portal's, which may not implement it at all) get a rename after a last
   * check. */
  if (link (w->tmp_path, out_path) != 0)
    {
      int saved_errno = errno;

      if ((saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EOPNOTSUPP
           || saved_errno == EMLINK || saved_errno == ENOSYS)
          && !g_file_test (out_path, G_FILE_TEST_EXISTS)
          && g_rename (w->tmp_path, out_path) == 0)
        {
          g_clear_pointer (&w->tmp_path, g_free);
          sync_folder_of (out_path);
          return TRUE;
        }
      if (saved_errno == EEXIST)
        g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_EXISTS,
                     _("“%s” already exists"), out_path);
      else
        g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                     _("Could not create “%s”: %s"), out_path, g_strerror (saved_errno));
      return FALSE;
    }
  sync_folder_of (out_path);
  return TRUE;
}

/**
 * harbor_backup_write:
 * @vault: an unlocked vault
 * @out_path: the backup file to create; it must not exist
 * @passphrase: the backup's own passphrase
 * @params: (nullable): Argon2id parameters; %NULL calibrates to about one second
 *   (at least 64 MiB unless @params->insecure_for_tests)
 * @progress: (nullable): called after each client (done, total clients)
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes an encrypted backup of every live client and everything attached
 * to them. The dump is read in one transaction (a consistent snapshot).
 * Call it from the thread that owns @vault; to back up from a worker
 * thread, give it a reader of its own (harbor_vault_open_reader()).
 * Vault errors are passed on in %HARBOR_VAULT_ERROR; the rest are in
 * %HARBOR_BACKUP_ERROR. On failure no file is left behind.
 *
 * Returns: %TRUE on success
 */
gboolean
harbor_backup_write (HarborVault            *vault,
                     const char             *out_path,
                     const char             *passphrase,
                     const HarborKdfParams  *params,
                     HarborBackupProgress    progress,
                     gpointer                user_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  return write_backup (vault, out_path, passphrase, params, HARBOR_BACKUP_CHUNK_SIZE,
                       progress, user_data, cancellable, error);
}

gboolean
harbor_backup_write_with_chunk_size (HarborVault           *vault,
                                     const char            *out_path,
                                     const char            *passphrase,
                                     const HarborKdfParams *params,
                                     guint32                chunk_size,
                                     GError               **error)
{
  return write_backup (vault, out_path, passphrase, params, chunk_size, NULL, NULL, NULL, error);
}

/* ---- Reading the entries ---------------------------------------------------------- */

typedef enum
{
  KIND_CLIENT,
  KIND_RECORD,
  KIND_EVENT,
  KIND_CHECKLIST,
  KIND_ITEM,
  KIND_CONSENT,
} Kind;

/* What an old id stands for. */
typedef struct
{
  Kind  kind;
  char *client;                   /* old id of the owning client */
  char *new_id;
} Known;

static void
known_free (Known *known)
{
  g_free (known->client);
  g_free (known->new_id);
  g_free (known);
}

typedef struct
{
  HarborVault *vault;             /* NULL: only check */
  GHashTable  *known;             /* old id -> Known */
  guint64      index;             /* entries parsed, the "backup" one included */
  guint64      counted;           /* entries between "backup" and "end" */
  gboolean     ended;
  GByteArray  *pending;
  gsize        offset;
} Entries;

static void
entries_clear (Entries *e)
{
  g_clear_pointer (&e->known, g_hash_table_unref);
  if (e->pending != NULL)
    {
      sodium_memzero (e->pending->data, e->pending->len);
      g_clear_pointer (&e->pending, g_byte_array_unref);
    }
}

static void
entries_init (Entries     *e,
              HarborVault *vault)
{
  memset (e, 0, sizeof *e);
  e->vault = vault;
  e->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) known_free);
  e->pending = g_byte_array_new ();
}

static gboolean G_GNUC_PRINTF (3, 4)
invalid (Entries     *e,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  /* Formatted apart: a translatable string cannot hold G_GUINT64_FORMAT. */
  g_autofree char *entry = g_strdup_printf ("%" G_GUINT64_FORMAT, e->index);
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID,
               _("Entry %s of the backup is not valid: %s"), entry, what);
  return FALSE;
}

static gboolean
check_members (Entries            *e,
               JsonObject         *obj,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return invalid (e, error, _("unknown member “%s”"), (const char *) l->data);
  return TRUE;
}

/* A string member (or null, when @nullable). Absent counts as null. */
static gboolean
get_string (Entries      *e,
            JsonObject   *obj,
            const char   *name,
            gboolean      nullable,
            char        **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return invalid (e, error, _("%s: a value is required"), name);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (e, error, _("%s: expected a string"), name);
  /* Required fields are required non-empty, as the vault's stores want. */
  if (!nullable && json_node_get_string (node)[0] == '\0')
    return invalid (e, error, _("%s: a value is required"), name);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_date (Entries     *e,
          JsonObject  *obj,
          const char  *name,
          char       **out,
          GError     **error)
{
  GDate date;

  if (!get_string (e, obj, name, TRUE, out, error))
    return FALSE;
  if (*out != NULL && !harbor_date_parse (*out, &date))
    {
      g_clear_pointer (out, g_free);
      return invalid (e, error, _("%s: expected a date as YYYY-MM-DD"), name);
    }
  return TRUE;
}

static gboolean
get_strv (Entries     *e,
          JsonObject  *obj,
          const char  *name,
          GStrv       *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (e, error, _("%s: expected a list of strings"), name);
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (e, error, _("%s: expected a list of strings"), name);
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
is_id (const char *text)
{
  if (text == NULL || strlen (text) != 32)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* Reads "id", which must be new. */
static gboolean
get_own_id (Entries     *e,
            JsonObject  *obj,
            char       **out,
            GError     **error)
{
  if (!get_string (e, obj, "id", FALSE, out, error))
    return FALSE;
  if (!is_id (*out))
    return invalid (e, error, _("id: expected 32 lowercase hexadecimal digits"));
  if (g_hash_table_contains (e->known, *out))
    return invalid (e, error, _("id: the same id appears twice"));
  return TRUE;
}

/* Reads a reference to an earlier entry of @kind. */
static Known *
get_ref (Entries     *e,
         JsonObject  *obj,
         const char  *name,
         Kind         kind,
         gboolean     nullable,
         GError     **error)
{
  g_autofree char *ref = NULL;
  Known *known;
  static Known none;

  if (!get_string (e, obj, name, nullable, &ref, error))
    return NULL;
  if (ref == NULL)
    return &none;
  known = g_hash_table_lookup (e->known, ref);
  if (known == NULL || known->kind != kind)
    return invalid (e, error, _("%s: no earlier entry has that id"), name), NULL;
  return known;
}

static void
remember (Entries    *e,
          char       *old_id,
          Kind        kind,
          const char *client,
          char       *new_id)
{
  Known *known = g_new0 (Known, 1);

  known->kind = kind;
  known->client = g_strdup (client != NULL ? client : old_id);
  known->new_id = new_id != NULL ? new_id : g_strdup (old_id);
  g_hash_table_insert (e->known, old_id, known);
}

/* Maps a vault error while restoring to this domain. */
static gboolean
store_failed (Entries  *e,
              GError  **error,
              GError   *vault_error)
{
  if (g_error_matches (vault_error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_INVALID)
      || g_error_matches (vault_error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_NOT_FOUND))
    invalid (e, error, "%s", vault_error->message);
  else
    g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                 _("Could not write the new vault: %s"), vault_error->message);
  g_error_free (vault_error);
  return FALSE;
}

static gboolean
read_client (Entries     *e,
             JsonObject  *obj,
             GError     **error)
{
  static const char * const members[] = {
    "type", "id", "display_name", "aliases", "birth_date", "pronouns", "languages",
    "safety_notes", "trafficking_types", "trafficking_began_on", "trafficking_ended_on",
    "trafficking_documentation", NULL
  };
  g_autoptr(HarborVaultClient) client = harbor_vault_client_new ();
  g_autofree char *old_id = NULL;
  char *new_id = NULL;

  if (!check_members (e, obj, members, error) || !get_own_id (e, obj, &old_id, error)
      || !get_string (e, obj, "display_name", TRUE, &client->display_name, error)
      || !get_strv (e, obj, "aliases", &client->aliases, error)
      || !get_date (e, obj, "birth_date", &client->birth_date, error)
      || !get_string (e, obj, "pronouns", TRUE, &client->pronouns, error)
      || !get_strv (e, obj, "languages", &client->languages, error)
      || !get_string (e, obj, "safety_notes", TRUE, &client->safety_notes, error)
      || !get_strv (e, obj, "trafficking_types", &client->trafficking_types, error)
      || !get_date (e, obj, "trafficking_began_on", &client->trafficking_began_on, error)
      || !get_date (e, obj, "trafficking_ended_on", &client->trafficking_ended_on, error)
      || !get_strv (e, obj, "trafficking_documentation", &client->trafficking_documentation, error))
    return FALSE;
  if (e->vault != NULL)
    {
      GError *local = NULL;

      if ((new_id = harbor_vault_add_client (e->vault, client, &local)) == NULL)
        return store_failed (e, error, local);
    }
  remember (e, g_steal_pointer (&old_id), KIND_CLIENT, NULL, new_id);
  return TRUE;
}

static gboolean
read_record (Entries     *e,
             JsonObject  *obj,
             GError     **error)
{
  static const char * const members[] = { "type", "id", "client", "deleted", "record", NULL };
  g_autofree char *old_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(HarborRecord) record = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *node;
  gboolean deleted;
  Known *client;
  char *new_id = NULL;

  if (!check_members (e, obj, members, error) || !get_own_id (e, obj, &old_id, error)
      || (client = get_ref (e, obj, "client", KIND_CLIENT, FALSE, error)) == NULL)
    return FALSE;
  node = json_object_get_member (obj, "deleted");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (e, error, _("deleted: expected true or false"));
  deleted = json_node_get_boolean (node);
  node = json_object_get_member (obj, "record");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (e, error, _("record: expected an object"));
  text = json_to_string (node, FALSE);
  record = harbor_record_parse_data (text, -1, &local);
  if (record == NULL)
    return invalid (e, error, "record: %s", local->message);
  g_clear_pointer (&record->id, g_free);
  if (e->vault != NULL)
    {
      GError *store_error = NULL;

      new_id = harbor_vault_add_record (e->vault, client->new_id, record, &store_error);
      if (new_id == NULL)
        return store_failed (e, error, store_error);
      if (deleted && !harbor_vault_delete (e->vault, HARBOR_VAULT_KIND_RECORD, new_id, &store_error))
        {
          g_free (new_id);
          return store_failed (e, error, store_error);
        }
    }
  remember (e, g_steal_pointer (&old_id), KIND_RECORD, client->client, new_id);
  return TRUE;
}

static gboolean
read_event (Entries     *e,
            JsonObject  *obj,
            GError     **error)
{
  static const char * const members[] = { "type", "id", "client", "kind", "date", "text", NULL };
  g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
  g_autofree char *old_id = NULL;
  Known *client;
  char *new_id = NULL;

  if (!check_members (e, obj, members, error) || !get_own_id (e, obj, &old_id, error)
      || (client = get_ref (e, obj, "client", KIND_CLIENT, FALSE, error)) == NULL
      || !get_string (e, obj, "kind", FALSE, &event->kind, error)
      || !get_date (e, obj, "date", &event->date, error)
      || !get_string (e, obj, "text", TRUE, &event->text, error))
    return FALSE;
  if (e->vault != NULL)
    {
      GError *local = NULL;

      event->client_id = g_strdup (client->new_id);
      if ((new_id = harbor_vault_add_event (e->vault, event, &local)) == NULL)
        return store_failed (e, error, local);
    }
  remember (e, g_steal_pointer (&old_id), KIND_EVENT, client->client, new_id);
  return TRUE;
}

static gboolean
read_checklist (Entries     *e,
                JsonObject  *obj,
                GError     **error)
{
  static const char * const members[] = { "type", "id", "client", "record", "pathway_id", "title", NULL };
  g_autoptr(HarborVaultChecklist) checklist = harbor_vault_checklist_new ();
  g_autofree char *old_id = NULL;
  Known *client, *record;
  char *new_id = NULL;

  if (!check_members (e, obj, members, error) || !get_own_id (e, obj, &old_id, error)
      || (client = get_ref (e, obj, "client", KIND_CLIENT, FALSE, error)) == NULL
      || (record = get_ref (e, obj, "record", KIND_RECORD, TRUE, error)) == NULL
      || !get_string (e, obj, "pathway_id", FALSE, &checklist->pathway_id, error)
      || !get_string (e, obj, "title", TRUE, &checklist->title, error))
    return FALSE;
  if (record->new_id != NULL && g_strcmp0 (record->client, client->client) != 0)
    return invalid (e, error, _("record: the record belongs to another client"));
  if (e->vault != NULL)
    {
      GError *local = NULL;

      checklist->client_id = g_strdup (client->new_id);
      checklist->record_id = g_strdup (record->new_id);
      if ((new_id = harbor_vault_add_checklist (e->vault, checklist, &local)) == NULL)
        return store_failed (e, error, local);
    }
  remember (e, g_steal_pointer (&old_id), KIND_CHECKLIST, client->client, new_id);
  return TRUE;
}

static gboolean
read_item (Entries     *e,
           JsonObject  *obj,
           GError     **error)
{
  static const char * const members[] = {
    "type", "id", "checklist", "position", "step", "status", "due_on", "done_on", "note", NULL
  };
  static const char * const statuses[] = { "todo", "in_progress", "done", "not_needed", NULL };
  g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
  g_autofree char *old_id = NULL;
  Known *checklist;
  JsonNode *node;
  gint64 position;
  char *new_id = NULL;

  if (!check_members (e, obj, members, error) || !get_own_id (e, obj, &old_id, error)
      || (checklist = get_ref (e, obj, "checklist", KIND_CHECKLIST, FALSE, error)) == NULL
      || !get_string (e, obj, "step", FALSE, &item->step, error)
      || !get_string (e, obj, "status", TRUE, &item->status, error)
      || !get_date (e, obj, "due_on", &item->due_on, error)
      || !get_date (e, obj, "done_on", &item->done_on, error)
      || !get_string (e, obj, "note", TRUE, &item->note, error))
    return FALSE;
  node = json_object_get_member (obj, "position");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || (position = json_node_get_int (node)) < G_MININT || position > G_MAXINT)
    return invalid (e, error, _("position: expected an integer"));
  item->position = (int) position;
  if (item->status != NULL && !g_strv_contains (statuses, item->status))
    return invalid (e, error, _("status: expected one of todo, in_progress, done, not_needed"));
  if (e->vault != NULL)
    {
      GError *local = NULL;

      item->checklist_id = g_strdup (checklist->new_id);
      if ((new_id = harbor_vault_add_checklist_item (e->vault, item, &local)) == NULL)
        return store_failed (e, error, local);
    }
  remember (e, g_steal_pointer (&old_id), KIND_ITEM, checklist->client, new_id);
  return TRUE;
}

static gboolean
read_consent (Entries     *e,
              JsonObject  *obj,
              GError     **error)
{
  static const char * const members[] = {
    "type", "id", "client", "party", "scope", "signed_on", "expires_on", "revoked_on", "note", NULL
  };
  g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
  g_autofree char *old_id = NULL;
  Known *client;
  char *new_id = NULL;

  if (!check_members (e, obj, members, error) || !get_own_id (e, obj, &old_id, error)
      || (client = get_ref (e, obj, "client", KIND_CLIENT, FALSE, error)) == NULL
      || !get_string (e, obj, "party", FALSE, &consent->party, error)
      || !get_string (e, obj, "scope", TRUE, &consent->scope, error)
      || !get_date (e, obj, "signed_on", &consent->signed_on, error)
      || !get_date (e, obj, "expires_on", &consent->expires_on, error)
      || !get_date (e, obj, "revoked_on", &consent->revoked_on, error)
      || !get_string (e, obj, "note", TRUE, &consent->note, error))
    return FALSE;
  if (e->vault != NULL)
    {
      GError *local = NULL;

      consent->client_id = g_strdup (client->new_id);
      if ((new_id = harbor_vault_add_consent (e->vault, consent, &local)) == NULL)
        return store_failed (e, error, local);
    }
  remember (e, g_steal_pointer (&old_id), KIND_CONSENT, client->client, new_id);
  return TRUE;
}

static gboolean
read_entry (Entries       *e,
            const guint8  *data,
            gsize          length,
            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  g_autofree char *type = NULL;
  JsonNode *root;
  JsonObject *obj;

  e->index++;
  if (e->ended)
    return invalid (e, error, _("an entry follows the end entry"));
  if (!json_parser_load_from_data (parser, (const char *) data, length, &local))
    return invalid (e, error, "%s", local->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (e, error, _("expected a JSON object"));
  obj = json_node_get_object (root);
  if (!get_string (e, obj, "type", FALSE, &type, error))
    return FALSE;

  if (e->index == 1)
    {
      static const char * const members[] = { "type", "format", "created_at", NULL };
      g_autofree char *format = NULL;
      JsonNode *node;

      if (strcmp (type, "backup") != 0)
        return invalid (e, error, _("type: the first entry must be “backup”"));
      if (!check_members (e, obj, members, error) || !get_string (e, obj, "format", FALSE, &format, error))
        return FALSE;
      if (strcmp (format, FORMAT_NAME) != 0)
        return invalid (e, error, _("format: expected %s"), FORMAT_NAME);
      node = json_object_get_member (obj, "created_at");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return invalid (e, error, _("created_at: expected an integer"));
      return TRUE;
    }
  if (strcmp (type, "end") == 0)
    {
      static const char * const members[] = { "type", "entries", NULL };
      JsonNode *node = json_object_get_member (obj, "entries");

      if (!check_members (e, obj, members, error))
        return FALSE;
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0 || (guint64) json_node_get_int (node) != e->counted)
        {
          g_autofree char *counted = g_strdup_printf ("%" G_GUINT64_FORMAT, e->counted);

          return invalid (e, error, _("entries: does not match the %s entries read"), counted);
        }
      e->ended = TRUE;
      return TRUE;
    }

  e->counted++;
  if (strcmp (type, "client") == 0)
    return read_client (e, obj, error);
  if (strcmp (type, "record") == 0)
    return read_record (e, obj, error);
  if (strcmp (type, "event") == 0)
    return read_event (e, obj, error);
  if (strcmp (type, "checklist") == 0)
    return read_checklist (e, obj, error);
  if (strcmp (type, "checklist_item") == 0)
    return read_item (e, obj, error);
  if (strcmp (type, "consent") == 0)
    return read_consent (e, obj, error);
  return invalid (e, error, _("type: unknown type “%s”"), type);
}

/* Takes decrypted plaintext; parses every complete entry. */
static gboolean
entries_feed (Entries       *e,
              const guint8  *data,
              gsize          length,
              GError       **error)
{
  g_byte_array_append (e->pending, data, length);
  while (e->pending->len - e->offset >= 4)
    {
      const guint8 *p = e->pending->data + e->offset;
      guint32 n = get_le (p, 4);

      if (n == 0 || n > MAX_ENTRY)
        {
          e->index++;
          return invalid (e, error, _("an entry of %u bytes"), n);
        }
      if (e->pending->len - e->offset - 4 < n)
        break;
      if (!read_entry (e, p + 4, n, error))
        return FALSE;
      e->offset += 4 + n;
    }
  /* Drop what was parsed, wiping it. */
  sodium_memzero (e->pending->data, e->offset);
  g_byte_array_remove_range (e->pending, 0, e->offset);
  e->offset = 0;
  return TRUE;
}

static gboolean
entries_finish (Entries  *e,
                GError  **error)
{
  if (e->pending->len > 0)
    {
      e->index++;
      return invalid (e, error, _("the last entry is incomplete"));
    }
  if (!e->ended)
    {
      e->index++;
      return invalid (e, error, _("the end entry is missing"));
    }
  return TRUE;
}

/**
 * harbor_backup_check_payload:
 * @vault: (nullable): an unlocked vault to add the entries to, in a
 *   transaction that is always rolled back; %NULL only checks
 * @payload: decrypted payload bytes
 * @length: their length
 * @error: return location for a #GError
 *
 * Checks a whole decrypted payload as the reader does (for the tests and
 * the fuzz target, which also checks that a payload the reader accepts is
 * one the vault's stores accept).
 *
 * Returns: %TRUE if it is a valid dump
 */
gboolean
harbor_backup_check_payload (HarborVault   *vault,
                             const guint8  *payload,
                             gsize          length,
                             GError       **error)
{
  Entries e;
  gboolean ok;

  if (vault != NULL && !harbor_vault_begin (vault, error))
    return FALSE;
  entries_init (&e, vault);
  ok = entries_feed (&e, payload, length, error) && entries_finish (&e, error);
  entries_clear (&e);
  if (vault != NULL)
    harbor_vault_rollback (vault);
  return ok;
}

/* ---- Reading the file ------------------------------------------------------------ */

typedef struct
{
  GInputStream *in;
  GCancellable *cancellable;
  guint8        header[HARBOR_BACKUP_HEADER_SIZE];
  guint32       chunk_size;
  guint64       bytes_read;
  crypto_secretstream_xchacha20poly1305_state *state;
} Reader;

static void
reader_clear (Reader *r)
{
  if (r->state != NULL)
    sodium_free (r->state);
  r->state = NULL;
}

static gboolean
read_up_to (Reader   *r,
            guint8   *buffer,
            gsize     wanted,
            gsize    *got,
            GError  **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_input_stream_read_all (r->in, buffer, wanted, got, r->cancellable, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                     _("Could not read the backup: %s"), local->message);
      return FALSE;
    }
  r->bytes_read += *got;
  return TRUE;
}

/* Reads and checks the header, derives the keys, starts the stream. */
static gboolean
reader_open (Reader                 *r,
             const char             *passphrase,
             const HarborKdfParams  *max_params,
             GError                **error)
{
  g_autoptr(Keys) keys = NULL;
  guint8 check[CHECK_LEN];
  guint64 opslimit, memlimit;
  gsize got = 0;

  if (!read_up_to (r, r->header, sizeof r->header, &got, error))
    return FALSE;
  if (got < 8 && memcmp (r->header, HARBOR_BACKUP_MAGIC, got) == 0 && got > 0)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED,
                           _("The backup is truncated: its header is incomplete"));
      return FALSE;
    }
  if (got < 8 || memcmp (r->header, HARBOR_BACKUP_MAGIC, 8) != 0)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_NOT_A_BACKUP,
                           _("This is not a Harbor backup"));
      return FALSE;
    }
  if (got >= OFF_VERSION + 2 && get_le (r->header + OFF_VERSION, 2) != HARBOR_BACKUP_FORMAT_VERSION)
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION,
                   _("The backup has format version %u; this Harbor reads version %u"),
                   (guint) get_le (r->header + OFF_VERSION, 2), HARBOR_BACKUP_FORMAT_VERSION);
      return FALSE;
    }
  if (got < sizeof r->header)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED,
                           _("The backup is truncated: its header is incomplete"));
      return FALSE;
    }
  header_checksum (r->header, check);
  if (sodium_memcmp (check, r->header + OFF_CHECKSUM, CHECK_LEN) != 0)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED,
                           _("The backup is damaged: its header checksum does not match"));
      return FALSE;
    }

  opslimit = get_le (r->header + OFF_OPS, 8);
  memlimit = get_le (r->header + OFF_MEM, 8);
  r->chunk_size = get_le (r->header + OFF_CHUNK, 4);
  if (get_le (r->header + OFF_FLAGS, 2) != 0 || get_le (r->header + OFF_ALG, 4) != KDF_ALG_ARGON2ID)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION,
                           _("The backup uses options or a key derivation this Harbor does not know"));
      return FALSE;
    }
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || memlimit < crypto_pwhash_MEMLIMIT_MIN
      || opslimit > (max_params ? max_params->opslimit : DEFAULT_MAX_OPSLIMIT)
      || memlimit > (max_params ? max_params->memlimit : DEFAULT_MAX_MEMLIMIT)
      || r->chunk_size < MIN_CHUNK || r->chunk_size > MAX_CHUNK)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION,
                           _("The backup asks for key derivation or chunk parameters out of the accepted range"));
      return FALSE;
    }

  keys = derive_keys (passphrase, r->header + OFF_SALT, opslimit, memlimit, error);
  if (keys == NULL)
    return FALSE;
  header_check (r->header, keys, check);
  if (sodium_memcmp (check, r->header + OFF_CHECK, CHECK_LEN) != 0)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase does not open this backup"));
      return FALSE;
    }
  r->state = sodium_malloc (sizeof *r->state);
  g_assert (r->state != NULL);
  if (crypto_secretstream_xchacha20poly1305_init_pull (r->state, r->header + OFF_SS_HEADER, keys->stream) != 0)
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED,
                           _("The backup is damaged: its stream header is invalid"));
      return FALSE;
    }
  return TRUE;
}

/* Decrypts every chunk into @e. */
static gboolean
reader_run (Reader                *r,
            Entries               *e,
            HarborBackupProgress   progress,
            gpointer               user_data,
            guint64                total_bytes,
            GError               **error)
{
  gsize cap = r->chunk_size + ABYTES;
  g_autofree guint8 *cipher = g_malloc (cap);
  guint8 *plain = sodium_malloc (r->chunk_size);
  gboolean ok = FALSE;
  guint chunk = 0;

  g_assert (plain != NULL);
  for (;;)
    {
      unsigned long long plen = 0;
      unsigned char tag = 0;
      gsize got = 0;
      guint8 extra;

      chunk++;
      if (!read_up_to (r, cipher, cap, &got, error))
        break;
      if (got == 0)
        {
          g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED,
                       _("The backup is truncated: it ends after chunk %u, before its final chunk"),
                       chunk - 1);
          break;
        }
      if (got < ABYTES
          || crypto_secretstream_xchacha20poly1305_pull (r->state, plain, &plen, &tag, cipher, got,
                                                         chunk == 1 ? r->header : NULL,
                                                         chunk == 1 ? sizeof r->header : 0) != 0)
        {
          if (got < cap)
            g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_TRUNCATED,
                         _("The backup is truncated or damaged: its last chunk (%u) does not authenticate"),
                         chunk);
          else
            g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED,
                         _("The backup is damaged: chunk %u failed authentication "
                           "(changed, reordered or from another backup)"), chunk);
          break;
        }
      /* Only a short chunk may be final, and only it may be short. */
      if ((tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) != (got < cap)
          || (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL
              && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE))
        {
          g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED,
                       _("The backup is damaged: chunk %u has an unexpected tag"), chunk);
          break;
        }
      ok = entries_feed (e, plain, plen, error);
      sodium_memzero (plain, plen);
      if (!ok)
        break;
      if (progress != NULL)
        progress (r->bytes_read, MAX (total_bytes, r->bytes_read), user_data);
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          ok = FALSE;
          if (!read_up_to (r, &extra, 1, &got, error))
            break;
          if (got != 0)
            {
              g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_DAMAGED,
                                   _("The backup is damaged: data follows its final chunk"));
              break;
            }
          ok = entries_finish (e, error);
          break;
        }
      ok = FALSE;
    }
  sodium_free (plain);
  return ok;
}

/**
 * harbor_backup_verify_stream:
 * @in: the backup's bytes
 * @passphrase: the backup passphrase
 * @max_params: (nullable): the most Argon2id work to accept from the
 *   header (%NULL: 256 passes, 1 GiB)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Authenticates and checks a whole backup without restoring it.
 *
 * Returns: %TRUE if the backup is sound
 */
gboolean
harbor_backup_verify_stream (GInputStream           *in,
                             const char             *passphrase,
                             const HarborKdfParams  *max_params,
                             GCancellable           *cancellable,
                             GError                **error)
{
  Reader r = { .in = in, .cancellable = cancellable };
  Entries e;
  gboolean ok;

  entries_init (&e, NULL);
  ok = reader_open (&r, passphrase, max_params, error) && reader_run (&r, &e, NULL, NULL, 0, error);
  entries_clear (&e);
  reader_clear (&r);
  return ok;
}

/* ---- Restore --------------------------------------------------------------------- */

/* Deletes a vault folder that this code created (it is flat). */
static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
  g_rmdir (dir);
}

/* TRUE if @dir does not exist or is an empty folder. */
static gboolean
destination_free (const char  *dir,
                  GError     **error)
{
  g_autoptr(GDir) d = NULL;
  GStatBuf st;

  if (g_lstat (dir, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not inspect “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode) && (d = g_dir_open (dir, 0, NULL)) != NULL && g_dir_read_name (d) == NULL)
    return TRUE;
  g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_EXISTS,
               _("“%s” exists and is not an empty folder: a backup is only restored into a new folder"),
               dir);
  return FALSE;
}

/**
 * harbor_backup_restore:
 * @backup_path: the backup file
 * @backup_passphrase: its passphrase
 * @new_vault_dir: the folder of the new vault: must not exist, or be empty
 * @new_vault_passphrase: the new vault's passphrase
 * @vault_params: (nullable): Argon2id parameters of the new vault; %NULL calibrates.
 *   They also bound what the backup's header may ask for.
 * @progress: (nullable): called after each chunk (bytes read, file size)
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Restores a backup into a new vault. Everything is decrypted, checked and
 * written into a temporary sibling folder, which is renamed into place only
 * after the final chunk authenticated; on any failure it is deleted and
 * nothing is left behind. New ids are given to everything (references are
 * remapped); the new vault has its own id, master key and recovery key.
 * It touches no open vault, so any thread may run it.
 *
 * Returns: (transfer full): the new vault's recovery key, to show once; %NULL on error
 */
HarborSecret *
harbor_backup_restore (const char             *backup_path,
                       const char             *backup_passphrase,
                       const char             *new_vault_dir,
                       const char             *new_vault_passphrase,
                       const HarborKdfParams  *vault_params,
                       HarborBackupProgress    progress,
                       gpointer                user_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (backup_path);
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(HarborVault) vault = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_dir = NULL;
  HarborKdfParams max_params = { DEFAULT_MAX_OPSLIMIT, DEFAULT_MAX_MEMLIMIT, FALSE };
  Reader r = { 0 };
  Entries e;
  gboolean ok = FALSE;

  g_return_val_if_fail (backup_path != NULL && new_vault_dir != NULL, NULL);

  if (new_vault_passphrase == NULL || new_vault_passphrase[0] == '\0')
    {
      g_set_error_literal (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_INVALID,
                           _("The new vault’s passphrase is empty"));
      return NULL;
    }
  if (!destination_free (new_vault_dir, error))
    return NULL;
  in = g_file_read (file, cancellable, &local);
  if (in == NULL)
    {
      /* A cancellation stays one, as everywhere else in the reader. */
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                     _("Could not open the backup: %s"), local->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (vault_params != NULL && vault_params->insecure_for_tests)
    max_params = *vault_params;

  r.in = G_INPUT_STREAM (in);
  r.cancellable = cancellable;
  entries_init (&e, NULL);
  /* Check the passphrase before the (slow) creation of the new vault. */
  if (!reader_open (&r, backup_passphrase, &max_params, error))
    goto out;

  parent = g_path_get_dirname (new_vault_dir);
  base = g_path_get_basename (new_vault_dir);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), parent, g_strerror (errno));
      goto out;
    }
  tmp_dir = g_strdup_printf ("%s/.%s.restore-XXXXXX", parent, base);
  if (g_mkdtemp_full (tmp_dir, 0700) == NULL)
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not create a folder next to “%s”: %s"), new_vault_dir, g_strerror (errno));
      g_clear_pointer (&tmp_dir, g_free);
      goto out;
    }

  vault = harbor_vault_new (tmp_dir);
  recovery = harbor_vault_create (vault, new_vault_passphrase, vault_params, &local);
  if (recovery == NULL)
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not create the new vault: %s"), local->message);
      goto out;
    }
  e.vault = vault;
  if (!harbor_vault_begin (vault, &local))
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not write the new vault: %s"), local->message);
      goto out;
    }
  if (!reader_run (&r, &e, progress, user_data,
                   info != NULL ? (guint64) g_file_info_get_size (info) : 0, error))
    {
      harbor_vault_rollback (vault);
      goto out;
    }
  if (!harbor_vault_commit (vault, &local))
    {
      g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                   _("Could not write the new vault: %s"), local->message);
      goto out;
    }
  harbor_vault_lock (vault);

  /* rename() replaces only a missing or empty folder, never a live vault. */
  if (g_rename (tmp_dir, new_vault_dir) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOTEMPTY || saved_errno == EEXIST || saved_errno == ENOTDIR)
        g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_EXISTS,
                     _("“%s” exists and is not an empty folder: a backup is only restored into a new folder"),
                     new_vault_dir);
      else
        g_set_error (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_IO,
                     _("Could not move the new vault into “%s”: %s"), new_vault_dir,
                     g_strerror (saved_errno));
      goto out;
    }
  g_clear_pointer (&tmp_dir, g_free);
  sync_folder_of (new_vault_dir);
  ok = TRUE;

out:
  entries_clear (&e);
  reader_clear (&r);
  if (vault != NULL)
    harbor_vault_lock (vault);
  if (tmp_dir != NULL)
    remove_folder (tmp_dir);
  if (!ok)
    return NULL;
  return g_steal_pointer (&recovery);
}
