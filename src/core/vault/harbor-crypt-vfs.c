/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-crypt-vfs.c: the page-encrypting SQLite VFS shim
 *
 * Copyright 2026 The Harbor authors
 *
 * ## What it is
 *
 * A SQLite VFS layered over another VFS (the platform's default, or in
 * tests a fault-injecting one) that encrypts and authenticates every page
 * SQLite writes to the database file and to its rollback journal. Its
 * shape follows SQLite's ext/misc/cksumvfs.c: our file object comes first
 * and the underlying VFS's file object sits right behind it in the same
 * allocation (ORIGFILE); every method we do not need is forwarded.
 *
 * Each vault registers its own instance under a unique name (never as the
 * process default) and opens its connection with that name. The instance
 * holds the page key in sodium_malloc() memory and wipes it when freed.
 *
 * ## Page format (page size fixed at 4096, 40 reserved bytes per page)
 *
 *   database page n > 1:  [ ciphertext 4056 ][ nonce 24 ][ tag 16 ]
 *   database page 1:      [ vault id 16 ][ ciphertext 4040 ][ nonce 24 ][ tag 16 ]
 *   journal record:       [ pgno 4 ][ ciphertext 4056 | nonce 24 | tag 16 ][ checksum 4 ]
 *
 * Cipher: XChaCha20-Poly1305 (libsodium, detached) with a page key derived
 * from the master key (crypto_kdf, context "hrbrpage", id 1). The nonce is
 * a random 16-byte prefix drawn when the file is opened followed by a
 * 64-bit counter, so it is fresh for every write without a getrandom()
 * call per page. The associated data is the vault id (16), the file role
 * (1 byte: 1 database, 2 journal) and the database page number (4, LE), so a
 * page cannot be moved to another position, another file or another vault.
 * In the journal the page number is the one SQLite stores in front of the
 * image, which binds that plaintext field too.
 *
 * Page 1 keeps the vault id in place of SQLite's 16-byte magic (the magic
 * is a constant, restored on read). This makes the file look like random
 * data, and lets the vault tell a database of another vault apart from a
 * damaged one. Byte 20 of page 1 (the reserved-space size) must be 40: the
 * shim refuses to write a page 1 that says otherwise, because SQLite would
 * then store data where the nonce and tag go.
 *
 * The reserved 40 bytes are handed to SQLite as zeros on every read. The
 * journal's own per-record checksum samples bytes every 200 from the end
 * minus 200, never in the last 40, so it stays consistent. Journal headers,
 * page numbers and checksums are SQLite's plaintext framing (no client
 * data). When SQLite opens a hot journal for rollback (under the exclusive
 * lock), the shim first walks all of it like SQLite will, authenticating
 * every image and checking the framing and that the journal belongs to the
 * database's current state, and refuses it on any problem: SQLite itself
 * silently stops a rollback at a framing error
 * (harbor_crypt_vfs_check_journal_data()).
 *
 * ## Rules
 *
 * - Only the main database and its rollback journal are opened. Temporary
 *   databases, statement journals, super-journals and WAL files are refused
 *   (SQLITE_CANTOPEN); the vault sets temp_store=MEMORY so none is needed,
 *   and a plaintext spill becomes an error rather than a leak.
 * - Never encrypt in place: SQLite keeps using its buffer, so we encrypt
 *   into a per-file scratch page and forward that.
 * - Sub-page reads of the database (the 100-byte header) decrypt the whole
 *   page and return the slice. The header of the newest authenticated page
 *   1 is kept with its nonce and tag; SQLite re-reads 16 header bytes at
 *   the start of every transaction, and when the stored nonce and tag are
 *   unchanged (nonces never repeat, so the page is unchanged) the kept
 *   header is returned without decrypting the page again. Full-page reads
 *   are always authenticated, so a page 1 altered behind an unchanged
 *   trailer still fails at its next full read. A header slice of a page 1
 *   that fails authentication reads as zeros, for the same reason: SQLite
 *   reads the header while opening, before it can roll back a hot journal
 *   that would repair a page 1 torn by a crash; the full read that follows
 *   any rollback authenticates the page or fails naming it. Reads past the end stay
 *   SQLITE_IOERR_SHORT_READ with the buffer zero-filled.
 * - Memory mapping is off (xFetch returns no mapping), sub-page I/O is not
 *   advertised, and PRAGMA page_size / journal_mode=WAL are refused.
 * - Fail closed: a page that fails authentication returns SQLITE_IOERR_DATA
 *   and is recorded (file, page) for harbor_crypt_vfs_take_fault(); its
 *   bytes are never returned.
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harbor-crypt-vfs.h"
#include "harbor-vault-error.h"

#define PAGE       HARBOR_CRYPT_PAGE_SIZE
#define RESERVE    HARBOR_CRYPT_RESERVE
#define USABLE     (PAGE - RESERVE)
#define NONCE_LEN  crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_LEN    crypto_aead_xchacha20poly1305_ietf_ABYTES
#define ID_LEN     HARBOR_VAULT_ID_BYTES
#define AD_LEN     (ID_LEN + 1 + 4)
#define JOURNAL_RECORD (4 + PAGE + 4)

static const char sqlite_magic[16] = "SQLite format 3";

struct _HarborCryptVfs
{
  sqlite3_vfs   vfs;        /* must stay first: SQLite hands us this pointer */
  sqlite3_vfs  *base;
  char          name[48];
  guint8       *page_key;   /* sodium_malloc'd */
  guint8        vault_id[ID_LEN];

  GMutex        lock;
  gboolean      has_fault;
  HarborCryptFault fault;
};

typedef struct
{
  sqlite3_file     parent;      /* pMethods; must stay first */
  HarborCryptVfs  *vfs;
  HarborCryptRole  role;
  guint8          *scratch;     /* one page, sqlite3_malloc'd */
  guint8           nonce_prefix[16];
  guint64          counter;
  sqlite3_int64    last_small_off;  /* the last 4-byte journal write (a pgno) */
  guint32          last_small_val;
  /* The header of the newest authenticated page 1 and its nonce and tag:
   * SQLite re-reads 16 header bytes at the start of every transaction, and
   * an unchanged nonce+tag means an unchanged page (nonces never repeat). */
  gboolean         head_valid;
  guint8           head_trailer[RESERVE];
  guint8           head[100];
} CryptFile;

#define ORIGFILE(p) ((sqlite3_file *) (((CryptFile *) (p)) + 1))

static guint vfs_serial;

/* ---- Page cipher ------------------------------------------------------------ */

static void
make_ad (HarborCryptVfs  *self,
         HarborCryptRole  role,
         guint32          pgno,
         guint8          *ad)
{
  memcpy (ad, self->vault_id, ID_LEN);
  ad[ID_LEN] = (guint8) role;
  ad[ID_LEN + 1] = pgno & 0xff;
  ad[ID_LEN + 2] = (pgno >> 8) & 0xff;
  ad[ID_LEN + 3] = (pgno >> 16) & 0xff;
  ad[ID_LEN + 4] = (pgno >> 24) & 0xff;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
count_differences (const guint8 *a,
                   const guint8 *b,
                   gsize         n)
{
  guint count = 0;

  for (gsize i = 0; i < n; i++)
    count += a[i] != b[i];
  return count;
}

/* Encrypts one plaintext page @in into @out. */
static void
encrypt_page (CryptFile    *file,
              guint32       pgno,
              const guint8 *in,
              guint8       *out)
{
  HarborCryptVfs *self = file->vfs;
  gboolean first = file->role == HARBOR_CRYPT_ROLE_DATABASE && pgno == 1;
  gsize skip = first ? ID_LEN : 0;
  guint8 ad[AD_LEN];
  guint8 *nonce = out + USABLE;
  guint8 *tag = nonce + NONCE_LEN;

  memcpy (nonce, file->nonce_prefix, 16);
  for (guint i = 0; i < 8; i++)
    nonce[16 + i] = (file->counter >> (8 * i)) & 0xff;
  file->counter++;

  make_ad (self, file->role, pgno, ad);
  if (first)
    memcpy (out, self->vault_id, ID_LEN);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out + skip, tag, NULL,
                                                       in + skip, USABLE - skip,
                                                       ad, sizeof ad, NULL, nonce,
                                                       self->page_key);
}

/**
 * harbor_crypt_vfs_decrypt_page:
 * @self: the VFS
 * @role: which file the page comes from
 * @pgno: the database page number (also for journal images)
 * @in: the page as stored (%HARBOR_CRYPT_PAGE_SIZE bytes)
 * @out: the plaintext page; may be @in. The reserved bytes come out as zeros.
 * @why: (out) (optional): why it failed
 *
 * Authenticates and decrypts one page. On failure @out holds zeros.
 *
 * Returns: %TRUE if the page is authentic
 */
gboolean
harbor_crypt_vfs_decrypt_page (HarborCryptVfs       *self,
                               HarborCryptRole       role,
                               guint32               pgno,
                               const guint8         *in,
                               guint8               *out,
                               HarborCryptFaultKind *why)
{
  gboolean first = role == HARBOR_CRYPT_ROLE_DATABASE && pgno == 1;
  gsize skip = first ? ID_LEN : 0;
  guint8 nonce[NONCE_LEN];
  guint8 tag[TAG_LEN];
  guint8 ad[AD_LEN];

  if (first && sodium_memcmp (in, self->vault_id, ID_LEN) != 0)
    {
      /* Another vault's id differs in about every byte; a few differing
       * bytes are damage. */
      if (why)
        *why = count_differences (in, self->vault_id, ID_LEN) > 2
               ? HARBOR_CRYPT_FAULT_FOREIGN : HARBOR_CRYPT_FAULT_AUTH;
      memset (out, 0, PAGE);
      return FALSE;
    }

  memcpy (nonce, in + USABLE, NONCE_LEN);
  memcpy (tag, in + USABLE + NONCE_LEN, TAG_LEN);
  make_ad (self, role, pgno, ad);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached (out + skip, NULL,
                                                           in + skip, USABLE - skip,
                                                           tag, ad, sizeof ad, nonce,
                                                           self->page_key) != 0)
    {
      if (why)
        *why = HARBOR_CRYPT_FAULT_AUTH;
      sodium_memzero (out, PAGE);
      return FALSE;
    }
  if (first)
    memcpy (out, sqlite_magic, ID_LEN);
  memset (out + USABLE, 0, RESERVE);
  return TRUE;
}

static void
record_fault (HarborCryptVfs       *self,
              HarborCryptFaultKind  kind,
              HarborCryptRole       role,
              guint32               pgno,
              gint64                offset)
{
  g_mutex_lock (&self->lock);
  if (!self->has_fault)
    {
      self->has_fault = TRUE;
      self->fault.kind = kind;
      self->fault.role = role;
      self->fault.pgno = pgno;
      self->fault.offset = offset;
    }
  g_mutex_unlock (&self->lock);
  sqlite3_log (SQLITE_IOERR_DATA, "harbor-crypt: page %u of the %s failed authentication",
               pgno, role == HARBOR_CRYPT_ROLE_DATABASE ? "database" : "journal");
}

/**
 * harbor_crypt_vfs_take_fault:
 * @self: the VFS
 * @fault: (out): the first fault recorded since the last call
 *
 * Returns: %TRUE if a page failed since the last call (and clears it)
 */
gboolean
harbor_crypt_vfs_take_fault (HarborCryptVfs   *self,
                             HarborCryptFault *fault)
{
  gboolean ret;

  g_mutex_lock (&self->lock);
  ret = self->has_fault;
  if (ret)
    *fault = self->fault;
  self->has_fault = FALSE;
  g_mutex_unlock (&self->lock);
  return ret;
}

static gboolean
all_zero (const guint8 *p,
          gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* ---- sqlite3_io_methods ------------------------------------------------------ */

/* Close the file and wipe the scratch page. */
static int
crypt_close (sqlite3_file *pFile)
{
  CryptFile *p = (CryptFile *) pFile;

  sodium_memzero (p->head, sizeof p->head);
  p->head_valid = FALSE;
  if (p->scratch != NULL)
    {
      sodium_memzero (p->scratch, PAGE);
      sqlite3_free (p->scratch);
      p->scratch = NULL;
    }
  return ORIGFILE (pFile)->pMethods->xClose (ORIGFILE (pFile));
}

/* Reads one stored database page into @buf and decrypts it there. Returns
 * SQLITE_IOERR_SHORT_READ with zeros past the end of the file. */
static int
read_db_page (CryptFile *p,
              guint32    pgno,
              guint8    *buf,
              gboolean   record)
{
  sqlite3_int64 off = (sqlite3_int64) (pgno - 1) * PAGE;
  HarborCryptFaultKind why = HARBOR_CRYPT_FAULT_AUTH;
  int rc = ORIGFILE (p)->pMethods->xRead (ORIGFILE (p), buf, PAGE, off);

  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      if (all_zero (buf, PAGE))
        return SQLITE_IOERR_SHORT_READ;
      if (record)
        record_fault (p->vfs, HARBOR_CRYPT_FAULT_TRUNCATED, p->role, pgno, off);
      memset (buf, 0, PAGE);
      return SQLITE_IOERR_DATA;
    }
  if (rc != SQLITE_OK)
    return rc;
  if (pgno == 1)
    memcpy (p->head_trailer, buf + USABLE, RESERVE);
  if (!harbor_crypt_vfs_decrypt_page (p->vfs, p->role, pgno, buf, buf, &why))
    {
      if (pgno == 1)
        p->head_valid = FALSE;
      if (record)
        record_fault (p->vfs, why, p->role, pgno, off);
      return SQLITE_IOERR_DATA;
    }
  if (pgno == 1)
    {
      memcpy (p->head, buf, sizeof p->head);
      p->head_valid = TRUE;
    }
  return SQLITE_OK;
}

/* The database page number of the journal image at @off: the 4 bytes SQLite
 * wrote (or stored) just before it. */
static int
journal_pgno (CryptFile     *p,
              sqlite3_int64  off,
              guint32       *pgno)
{
  guint8 raw[4];
  int rc;

  if (p->last_small_off == off - 4)
    {
      *pgno = p->last_small_val;
      return SQLITE_OK;
    }
  rc = ORIGFILE (p)->pMethods->xRead (ORIGFILE (p), raw, 4, off - 4);
  if (rc != SQLITE_OK)
    return rc;
  *pgno = get_be32 (raw);
  return SQLITE_OK;
}

/* A journal page image is exactly one page at an offset of 4 mod 8: records
 * start on sector boundaries plus multiples of 4104 bytes, and the image
 * follows the 4-byte page number. Headers are always sector-aligned. */
static gboolean
is_journal_image (int           iAmt,
                  sqlite3_int64 iOfst)
{
  return iAmt == PAGE && iOfst % 8 == 4;
}

/* Read data: decrypt database pages and journal images, pass the journal's
 * plaintext framing through. */
static int
crypt_read (sqlite3_file  *pFile,
            void          *zBuf,
            int            iAmt,
            sqlite3_int64  iOfst)
{
  CryptFile *p = (CryptFile *) pFile;
  int rc;

  if (p->role == HARBOR_CRYPT_ROLE_JOURNAL)
    {
      HarborCryptFaultKind why = HARBOR_CRYPT_FAULT_AUTH;
      guint32 pgno = 0;

      if (!is_journal_image (iAmt, iOfst))
        return ORIGFILE (pFile)->pMethods->xRead (ORIGFILE (pFile), zBuf, iAmt, iOfst);
      rc = journal_pgno (p, iOfst, &pgno);
      if (rc != SQLITE_OK)
        return rc;
      rc = ORIGFILE (pFile)->pMethods->xRead (ORIGFILE (pFile), zBuf, iAmt, iOfst);
      if (rc != SQLITE_OK)
        return rc;
      if (!harbor_crypt_vfs_decrypt_page (p->vfs, p->role, pgno, zBuf, zBuf, &why))
        {
          record_fault (p->vfs, why, p->role, pgno, iOfst);
          return SQLITE_IOERR_DATA;
        }
      return SQLITE_OK;
    }

  if (iAmt == PAGE && iOfst % PAGE == 0)
    return read_db_page (p, (guint32) (iOfst / PAGE) + 1, zBuf, TRUE);

  /* A slice of one page, such as the 100-byte header of page 1. */
  if (iOfst % PAGE + iAmt > PAGE)
    return SQLITE_IOERR_READ;
  if (iOfst + iAmt <= (sqlite3_int64) sizeof p->head && p->head_valid)
    {
      guint8 trailer[RESERVE];

      rc = ORIGFILE (pFile)->pMethods->xRead (ORIGFILE (pFile), trailer, RESERVE, USABLE);
      if (rc == SQLITE_OK && memcmp (trailer, p->head_trailer, RESERVE) == 0)
        {
          memcpy (zBuf, p->head + iOfst, iAmt);
          return SQLITE_OK;
        }
    }
  rc = read_db_page (p, (guint32) (iOfst / PAGE) + 1, p->scratch, FALSE);
  if (rc == SQLITE_OK || rc == SQLITE_IOERR_SHORT_READ)
    memcpy (zBuf, p->scratch + iOfst % PAGE, iAmt);
  else if (rc == SQLITE_IOERR_DATA && iOfst < PAGE)
    {
      /* The header of a page 1 that fails authentication reads as zeros
       * ("unknown"): SQLite reads it while opening, before it takes any lock
       * or looks for a hot journal, and a page 1 torn by a crash is exactly
       * what that journal repairs. Every real use of page 1 goes through a
       * full read, which is authenticated and fails with the page named. */
      memset (zBuf, 0, iAmt);
      rc = SQLITE_OK;
    }
  sodium_memzero (p->scratch, PAGE);
  return rc;
}

/* Write data: encrypt into the scratch page and forward that. */
static int
crypt_write (sqlite3_file  *pFile,
             const void    *zBuf,
             int            iAmt,
             sqlite3_int64  iOfst)
{
  CryptFile *p = (CryptFile *) pFile;
  const guint8 *in = zBuf;
  guint32 pgno;
  int rc;

  if (p->role == HARBOR_CRYPT_ROLE_JOURNAL)
    {
      if (!is_journal_image (iAmt, iOfst))
        {
          if (iAmt == 4)
            {
              p->last_small_off = iOfst;
              p->last_small_val = get_be32 (in);
            }
          return ORIGFILE (pFile)->pMethods->xWrite (ORIGFILE (pFile), zBuf, iAmt, iOfst);
        }
      rc = journal_pgno (p, iOfst, &pgno);
      if (rc != SQLITE_OK)
        return rc;
    }
  else
    {
      if (iAmt != PAGE || iOfst % PAGE != 0)
        {
          sqlite3_log (SQLITE_IOERR_WRITE, "harbor-crypt: refused a write of %d bytes at %lld",
                       iAmt, (long long) iOfst);
          return SQLITE_IOERR_WRITE;
        }
      pgno = (guint32) (iOfst / PAGE) + 1;
      if (pgno == 1 && (memcmp (in, sqlite_magic, 16) != 0 || in[20] != RESERVE))
        {
          sqlite3_log (SQLITE_IOERR_WRITE,
                       "harbor-crypt: refused page 1 without %d reserved bytes", RESERVE);
          return SQLITE_IOERR_WRITE;
        }
    }

  encrypt_page (p, pgno, in, p->scratch);
  rc = ORIGFILE (pFile)->pMethods->xWrite (ORIGFILE (pFile), p->scratch, iAmt, iOfst);
  if (p->role == HARBOR_CRYPT_ROLE_DATABASE && pgno == 1)
    {
      p->head_valid = rc == SQLITE_OK;
      memcpy (p->head_trailer, p->scratch + USABLE, RESERVE);
      memcpy (p->head, in, sizeof p->head);
    }
  return rc;
}

/* Truncate, sync, size, locks: forwarded. */
static int
crypt_truncate (sqlite3_file  *pFile,
                sqlite3_int64  size)
{
  ((CryptFile *) pFile)->head_valid = FALSE;
  return ORIGFILE (pFile)->pMethods->xTruncate (ORIGFILE (pFile), size);
}

static int
crypt_sync (sqlite3_file *pFile,
            int           flags)
{
  return ORIGFILE (pFile)->pMethods->xSync (ORIGFILE (pFile), flags);
}

static int
crypt_file_size (sqlite3_file  *pFile,
                 sqlite3_int64 *pSize)
{
  return ORIGFILE (pFile)->pMethods->xFileSize (ORIGFILE (pFile), pSize);
}

static int
crypt_lock (sqlite3_file *pFile,
            int           eLock)
{
  return ORIGFILE (pFile)->pMethods->xLock (ORIGFILE (pFile), eLock);
}

static int
crypt_unlock (sqlite3_file *pFile,
              int           eLock)
{
  return ORIGFILE (pFile)->pMethods->xUnlock (ORIGFILE (pFile), eLock);
}

static int
crypt_check_reserved_lock (sqlite3_file *pFile,
                           int          *pResOut)
{
  return ORIGFILE (pFile)->pMethods->xCheckReservedLock (ORIGFILE (pFile), pResOut);
}

/* File control: refuse page-size changes and WAL, name the VFS stack. */
static int
crypt_file_control (sqlite3_file *pFile,
                    int           op,
                    void         *pArg)
{
  int rc;

  if (op == SQLITE_FCNTL_PRAGMA)
    {
      char **azArg = pArg;

      if (sqlite3_stricmp (azArg[1], "page_size") == 0 && azArg[2] != NULL
          && atoi (azArg[2]) != PAGE)
        {
          azArg[0] = sqlite3_mprintf ("the page size of an encrypted vault is fixed at %d", PAGE);
          return SQLITE_ERROR;
        }
      if (sqlite3_stricmp (azArg[1], "journal_mode") == 0 && azArg[2] != NULL
          && sqlite3_stricmp (azArg[2], "wal") == 0)
        {
          azArg[0] = sqlite3_mprintf ("an encrypted vault uses a rollback journal, not WAL");
          return SQLITE_ERROR;
        }
    }

  rc = ORIGFILE (pFile)->pMethods->xFileControl (ORIGFILE (pFile), op, pArg);
  if (rc == SQLITE_OK && op == SQLITE_FCNTL_VFSNAME)
    {
      char **name = pArg;
      *name = sqlite3_mprintf ("harbor-crypt/%z", *name);
    }
  return rc;
}

static int
crypt_sector_size (sqlite3_file *pFile)
{
  return ORIGFILE (pFile)->pMethods->xSectorSize (ORIGFILE (pFile));
}

/* Never advertise sub-page reads: SQLite must read whole pages. */
static int
crypt_device_characteristics (sqlite3_file *pFile)
{
  int caps = ORIGFILE (pFile)->pMethods->xDeviceCharacteristics (ORIGFILE (pFile));

#ifdef SQLITE_IOCAP_SUBPAGE_READ
  caps &= ~SQLITE_IOCAP_SUBPAGE_READ;
#endif
  return caps;
}

/* Shared memory (WAL only, which we refuse): forwarded for completeness. */
static int
crypt_shm_map (sqlite3_file  *pFile,
               int            iPg,
               int            pgsz,
               int            bExtend,
               void volatile **pp)
{
  return ORIGFILE (pFile)->pMethods->xShmMap (ORIGFILE (pFile), iPg, pgsz, bExtend, pp);
}

static int
crypt_shm_lock (sqlite3_file *pFile,
                int           offset,
                int           n,
                int           flags)
{
  return ORIGFILE (pFile)->pMethods->xShmLock (ORIGFILE (pFile), offset, n, flags);
}

static void
crypt_shm_barrier (sqlite3_file *pFile)
{
  ORIGFILE (pFile)->pMethods->xShmBarrier (ORIGFILE (pFile));
}

static int
crypt_shm_unmap (sqlite3_file *pFile,
                 int           deleteFlag)
{
  return ORIGFILE (pFile)->pMethods->xShmUnmap (ORIGFILE (pFile), deleteFlag);
}

/* No memory mapping: mapped pages would bypass decryption. */
static int
crypt_fetch (sqlite3_file   *pFile,
             sqlite3_int64   iOfst,
             int             iAmt,
             void          **pp)
{
  *pp = NULL;
  return SQLITE_OK;
}

static int
crypt_unfetch (sqlite3_file  *pFile,
               sqlite3_int64  iOfst,
               void          *pPage)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods crypt_io_methods = {
  3,                              /* iVersion */
  crypt_close,                    /* xClose */
  crypt_read,                     /* xRead */
  crypt_write,                    /* xWrite */
  crypt_truncate,                 /* xTruncate */
  crypt_sync,                     /* xSync */
  crypt_file_size,                /* xFileSize */
  crypt_lock,                     /* xLock */
  crypt_unlock,                   /* xUnlock */
  crypt_check_reserved_lock,      /* xCheckReservedLock */
  crypt_file_control,             /* xFileControl */
  crypt_sector_size,              /* xSectorSize */
  crypt_device_characteristics,   /* xDeviceCharacteristics */
  crypt_shm_map,                  /* xShmMap */
  crypt_shm_lock,                 /* xShmLock */
  crypt_shm_barrier,              /* xShmBarrier */
  crypt_shm_unmap,                /* xShmUnmap */
  crypt_fetch,                    /* xFetch */
  crypt_unfetch,                  /* xUnfetch */
};

/* ---- sqlite3_vfs ------------------------------------------------------------- */

/* Checks a hot journal before SQLite rolls it back (see
 * harbor_crypt_vfs_check_journal_data()). SQLite opens a hot journal
 * read-write without SQLITE_OPEN_CREATE only for the rollback, while it
 * holds the database's exclusive lock, so no other connection can be
 * writing the journal as we read it. */
static int
check_hot_journal (HarborCryptVfs *self,
                   const char     *journal_path,
                   sqlite3_file   *file)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GArray) faults = g_array_new (FALSE, FALSE, sizeof (HarborCryptFault));
  g_autofree guint8 *data = NULL;
  sqlite3_int64 size = 0;
  int rc;

  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return rc;
  if (size <= 0)
    return SQLITE_OK;
  if (size > G_MAXINT)
    return SQLITE_IOERR_NOMEM;
  data = g_try_malloc ((gsize) size);
  if (data == NULL)
    return SQLITE_IOERR_NOMEM;
  rc = file->pMethods->xRead (file, data, (int) size, 0);
  if (rc != SQLITE_OK)
    return rc;
  /* A database page 1 that fails here (a torn write the rollback will
   * repair) leaves the counter unknown; the rollback authenticates it. */
  if (g_str_has_suffix (journal_path, "-journal"))
    db_path = g_strndup (journal_path, strlen (journal_path) - strlen ("-journal"));
  harbor_crypt_vfs_check_journal_data (self, data, (gsize) size,
                                       db_path ? harbor_crypt_vfs_read_change_counter (self, db_path) : -1,
                                       faults);
  sodium_memzero (data, (gsize) size);
  if (faults->len > 0)
    {
      HarborCryptFault *fault = &g_array_index (faults, HarborCryptFault, 0);

      record_fault (self, fault->kind, HARBOR_CRYPT_ROLE_JOURNAL, fault->pgno, fault->offset);
      return SQLITE_IOERR_DATA;
    }
  return SQLITE_OK;
}

#define BASE(v) (((HarborCryptVfs *) (v))->base)

/* Open a file: only the main database and its journal are allowed. */
static int
crypt_open (sqlite3_vfs  *pVfs,
            const char   *zName,
            sqlite3_file *pFile,
            int           flags,
            int          *pOutFlags)
{
  HarborCryptVfs *self = (HarborCryptVfs *) pVfs;
  CryptFile *p = (CryptFile *) pFile;
  HarborCryptRole role;
  int rc;

  memset (p, 0, sizeof *p);
  if (zName != NULL && (flags & SQLITE_OPEN_MAIN_DB))
    role = HARBOR_CRYPT_ROLE_DATABASE;
  else if (zName != NULL && (flags & SQLITE_OPEN_MAIN_JOURNAL))
    role = HARBOR_CRYPT_ROLE_JOURNAL;
  else
    {
      sqlite3_log (SQLITE_CANTOPEN,
                   "harbor-crypt: refused to open a file kind it does not encrypt (flags 0x%x)",
                   flags);
      return SQLITE_CANTOPEN;
    }

  p->scratch = sqlite3_malloc (PAGE);
  if (p->scratch == NULL)
    return SQLITE_NOMEM;

  rc = self->base->xOpen (self->base, zName, ORIGFILE (pFile), flags, pOutFlags);
  if (rc == SQLITE_OK && role == HARBOR_CRYPT_ROLE_JOURNAL
      && (flags & SQLITE_OPEN_READWRITE) && !(flags & SQLITE_OPEN_CREATE))
    {
      rc = check_hot_journal (self, zName, ORIGFILE (pFile));
      if (rc != SQLITE_OK)
        ORIGFILE (pFile)->pMethods->xClose (ORIGFILE (pFile));
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_free (p->scratch);
      p->scratch = NULL;
      return rc;
    }
  p->vfs = self;
  p->role = role;
  p->last_small_off = -1;
  randombytes_buf (p->nonce_prefix, sizeof p->nonce_prefix);
  pFile->pMethods = &crypt_io_methods;
  return SQLITE_OK;
}

static int
crypt_delete (sqlite3_vfs *pVfs,
              const char  *zName,
              int          syncDir)
{
  return BASE (pVfs)->xDelete (BASE (pVfs), zName, syncDir);
}

static int
crypt_access (sqlite3_vfs *pVfs,
              const char  *zName,
              int          flags,
              int         *pResOut)
{
  return BASE (pVfs)->xAccess (BASE (pVfs), zName, flags, pResOut);
}

static int
crypt_full_pathname (sqlite3_vfs *pVfs,
                     const char  *zName,
                     int          nOut,
                     char        *zOut)
{
  return BASE (pVfs)->xFullPathname (BASE (pVfs), zName, nOut, zOut);
}

static void *
crypt_dl_open (sqlite3_vfs *pVfs,
               const char  *zPath)
{
  return NULL;   /* no loadable extensions in a vault */
}

static void
crypt_dl_error (sqlite3_vfs *pVfs,
                int          nByte,
                char        *zErrMsg)
{
  g_strlcpy (zErrMsg, "extensions are not loaded in a vault", nByte);
}

static void (*
crypt_dl_sym (sqlite3_vfs *pVfs,
              void        *p,
              const char  *zSym)) (void)
{
  return NULL;
}

static void
crypt_dl_close (sqlite3_vfs *pVfs,
                void        *pHandle)
{
}

static int
crypt_randomness (sqlite3_vfs *pVfs,
                  int          nByte,
                  char        *zOut)
{
  randombytes_buf (zOut, nByte);
  return nByte;
}

static int
crypt_sleep (sqlite3_vfs *pVfs,
             int          nMicro)
{
  return BASE (pVfs)->xSleep (BASE (pVfs), nMicro);
}

static int
crypt_current_time (sqlite3_vfs *pVfs,
                    double      *pTime)
{
  return BASE (pVfs)->xCurrentTime (BASE (pVfs), pTime);
}

static int
crypt_get_last_error (sqlite3_vfs *pVfs,
                      int          a,
                      char        *b)
{
  return BASE (pVfs)->xGetLastError ? BASE (pVfs)->xGetLastError (BASE (pVfs), a, b) : 0;
}

static int
crypt_current_time_int64 (sqlite3_vfs   *pVfs,
                          sqlite3_int64 *p)
{
  return BASE (pVfs)->xCurrentTimeInt64 (BASE (pVfs), p);
}

/**
 * harbor_crypt_vfs_new:
 * @master_key: the vault's master key (the page key is derived from it)
 * @vault_id: the vault's id (%HARBOR_VAULT_ID_BYTES bytes)
 * @base_vfs: (nullable): the VFS to layer over; %NULL for the platform default
 * @error: return location for a #GError
 *
 * Registers a new instance of the shim under a unique name (not as the
 * default). Free it only after every connection using it is closed.
 *
 * Returns: (transfer full): the VFS, or %NULL
 */
HarborCryptVfs *
harbor_crypt_vfs_new (const HarborKey  *master_key,
                      const guint8     *vault_id,
                      const char       *base_vfs,
                      GError          **error)
{
  HarborCryptVfs *self;
  sqlite3_vfs *base = sqlite3_vfs_find (base_vfs);
  int rc;

  if (base == NULL || base->iVersion < 2)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   "No usable SQLite VFS named “%s”", base_vfs ? base_vfs : "(default)");
      return NULL;
    }

  self = g_new0 (HarborCryptVfs, 1);
  g_mutex_init (&self->lock);
  self->base = base;
  self->page_key = sodium_malloc (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  g_assert (self->page_key != NULL);
  crypto_kdf_derive_from_key (self->page_key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
                              1, "hrbrpage", master_key->bytes);
  memcpy (self->vault_id, vault_id, ID_LEN);
  g_snprintf (self->name, sizeof self->name, "harbor-crypt-%u",
              g_atomic_int_add (&vfs_serial, 1));

  self->vfs.iVersion = 2;
  self->vfs.szOsFile = (int) sizeof (CryptFile) + base->szOsFile;
  self->vfs.mxPathname = base->mxPathname;
  self->vfs.zName = self->name;
  self->vfs.pAppData = self;
  self->vfs.xOpen = crypt_open;
  self->vfs.xDelete = crypt_delete;
  self->vfs.xAccess = crypt_access;
  self->vfs.xFullPathname = crypt_full_pathname;
  self->vfs.xDlOpen = crypt_dl_open;
  self->vfs.xDlError = crypt_dl_error;
  self->vfs.xDlSym = crypt_dl_sym;
  self->vfs.xDlClose = crypt_dl_close;
  self->vfs.xRandomness = crypt_randomness;
  self->vfs.xSleep = crypt_sleep;
  self->vfs.xCurrentTime = crypt_current_time;
  self->vfs.xGetLastError = crypt_get_last_error;
  self->vfs.xCurrentTimeInt64 = crypt_current_time_int64;

  rc = sqlite3_vfs_register (&self->vfs, 0);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   "Could not register the encrypting VFS: %s", sqlite3_errstr (rc));
      harbor_crypt_vfs_free (self);
      return NULL;
    }
  return self;
}

/**
 * harbor_crypt_vfs_free:
 * @self: (nullable): the VFS
 *
 * Unregisters the VFS and wipes its key.
 */
void
harbor_crypt_vfs_free (HarborCryptVfs *self)
{
  if (self == NULL)
    return;
  sqlite3_vfs_unregister (&self->vfs);
  sodium_free (self->page_key);
  g_mutex_clear (&self->lock);
  sodium_memzero (self, sizeof *self);
  g_free (self);
}

const char *
harbor_crypt_vfs_get_name (HarborCryptVfs *self)
{
  return self->name;
}

/* ---- Offline checks ------------------------------------------------------------ */

static void
add_fault (GArray               *faults,
           HarborCryptFaultKind  kind,
           HarborCryptRole       role,
           guint32               pgno,
           gint64                offset)
{
  HarborCryptFault fault = { kind, role, pgno, offset };

  if (faults != NULL)
    g_array_append_val (faults, fault);
}

static gboolean
read_whole (const char  *path,
            guint8     **data,
            gsize       *length,
            gboolean    *exists,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *exists = TRUE;
  if (!g_file_get_contents (path, (char **) data, length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          *exists = FALSE;
          *data = NULL;
          *length = 0;
          return TRUE;
        }
      g_set_error (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_IO,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * harbor_crypt_vfs_check_database:
 * @self: the VFS
 * @path: the database file
 * @faults: (element-type HarborCryptFault) (nullable): receives every bad page
 * @error: return location for a #GError (I/O only)
 *
 * Authenticates every page of the database file, without SQLite.
 *
 * Returns: %FALSE only if the file could not be read
 */
gboolean
harbor_crypt_vfs_check_database (HarborCryptVfs *self,
                                 const char     *path,
                                 GArray         *faults,
                                 GError        **error)
{
  g_autofree guint8 *data = NULL;
  guint8 *plain = sodium_malloc (PAGE);
  gboolean exists;
  gsize length;

  g_assert (plain != NULL);
  if (!read_whole (path, &data, &length, &exists, error))
    {
      sodium_free (plain);
      return FALSE;
    }
  for (gsize off = 0; off < length; off += PAGE)
    {
      guint32 pgno = (guint32) (off / PAGE) + 1;
      HarborCryptFaultKind why = HARBOR_CRYPT_FAULT_AUTH;

      if (length - off < PAGE)
        add_fault (faults, HARBOR_CRYPT_FAULT_TRUNCATED, HARBOR_CRYPT_ROLE_DATABASE, pgno, off);
      else if (!harbor_crypt_vfs_decrypt_page (self, HARBOR_CRYPT_ROLE_DATABASE, pgno,
                                               data + off, plain, &why))
        add_fault (faults, why, HARBOR_CRYPT_ROLE_DATABASE, pgno, off);
    }
  if (data != NULL)
    sodium_memzero (data, length);
  sodium_free (plain);
  return TRUE;
}

/* SQLite's journal record checksum (pager_cksum). */
static guint32
journal_cksum (guint32       init,
               const guint8 *plain)
{
  guint32 cksum = init;

  for (int i = PAGE - 200; i > 0; i -= 200)
    cksum += plain[i];
  return cksum;
}

/**
 * harbor_crypt_vfs_check_journal_data:
 * @self: the VFS
 * @data: the bytes of a rollback journal
 * @length: their number
 * @db_change_counter: the change counter of the database's current page 1,
 *   or -1 if unknown
 * @faults: (element-type HarborCryptFault) (nullable): receives every problem
 *
 * Walks a rollback journal the way SQLite's rollback does and reports
 * everything that would make SQLite stop early or restore a wrong page:
 * a header that is neither valid nor zeroed, a bad sector or page size, a
 * record cut short, a page number of 0, an image failing authentication, a
 * checksum mismatch, bytes after the last record that cannot be a header
 * (an altered record count), or a database size that disagrees with the
 * saved page 1. With @db_change_counter, a journal whose saved page 1 is
 * more than one transaction older than the database is refused too: it is
 * a journal of an earlier transaction put back, whose rollback would mix
 * old pages into the current database. The vault runs it before SQLite may roll a hot journal
 * back, because SQLite treats most of these silently as "end of journal".
 *
 * Returns: %TRUE if nothing was found
 */
gboolean
harbor_crypt_vfs_check_journal_data (HarborCryptVfs *self,
                                     const guint8   *data,
                                     gsize           length,
                                     gint64          db_change_counter,
                                     GArray         *faults)
{
  static const guint8 journal_magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
  const HarborCryptRole role = HARBOR_CRYPT_ROLE_JOURNAL;
  guint8 *plain = sodium_malloc (PAGE);
  guint32 sector = 0, first_db_size = 0;
  gboolean found = FALSE, saw_page1 = FALSE;
  gsize off = 0;

  g_assert (plain != NULL);
#define FAULT(kind, pgno, at) G_STMT_START { add_fault (faults, kind, role, pgno, at); found = TRUE; } G_STMT_END
  while (off < length)
    {
      guint32 n_rec, cksum_init, db_size;
      gsize rec, next;

      if (off + 28 > length)
        {
          FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, 0, off);
          break;
        }
      if (all_zero (data + off, 8))
        break;                          /* not (yet) a valid segment: SQLite stops here */
      if (memcmp (data + off, journal_magic, 8) != 0)
        {
          FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, 0, off);
          break;
        }
      n_rec = get_be32 (data + off + 8);
      cksum_init = get_be32 (data + off + 12);
      db_size = get_be32 (data + off + 16);
      if (off == 0)
        {
          sector = get_be32 (data + 20);
          first_db_size = db_size;
          if (sector < 32 || sector > 65536 || (sector & (sector - 1)) != 0
              || get_be32 (data + 24) != PAGE)
            {
              FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, 0, off + 20);
              break;
            }
        }
      if (n_rec == 0xffffffff)
        n_rec = (guint32) ((length - MIN (length, off + sector)) / JOURNAL_RECORD);

      rec = off + sector;
      for (guint32 i = 0; i < n_rec; i++, rec += JOURNAL_RECORD)
        {
          HarborCryptFaultKind why = HARBOR_CRYPT_FAULT_AUTH;
          guint32 pgno;

          if (rec + JOURNAL_RECORD > length)
            {
              FAULT (HARBOR_CRYPT_FAULT_TRUNCATED, 0, rec);
              goto done;
            }
          pgno = get_be32 (data + rec);
          if (pgno == 0 || pgno == (0x40000000 / PAGE) + 1)
            {
              FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, pgno, rec);
              goto done;
            }
          if (!harbor_crypt_vfs_decrypt_page (self, role, pgno, data + rec + 4, plain, &why))
            {
              FAULT (why, pgno, rec + 4);
              continue;
            }
          if (journal_cksum (cksum_init, plain) != get_be32 (data + rec + 4 + PAGE))
            {
              FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, pgno, rec + 4 + PAGE);
              goto done;
            }
          /* Page 1's saved header knows the size the database is truncated back to,
           * and its change counter the transaction the journal belongs to. */
          if (pgno == 1 && get_be32 (plain + 92) == get_be32 (plain + 24)
              && get_be32 (plain + 28) != first_db_size)
            FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, 1, 16);
          if (pgno == 1 && !saw_page1)
            {
              saw_page1 = TRUE;
              if (db_change_counter >= 0
                  && (guint32) ((guint32) db_change_counter - get_be32 (plain + 24)) > 1)
                FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, 1, rec);
            }
        }
      /* The next segment header starts on the next sector boundary; bytes
       * after the last record that cannot be a header mean nRec was altered. */
      next = ((rec - 1) / sector + 1) * sector;
      if (rec < length && next >= length)
        {
          FAULT (HARBOR_CRYPT_FAULT_STRUCTURE, 0, rec);
          break;
        }
      off = next;
    }

done:
#undef FAULT
  sodium_free (plain);
  return !found;
}

/**
 * harbor_crypt_vfs_check_journal:
 * @self: the VFS
 * @path: the rollback journal (it need not exist)
 * @faults: (element-type HarborCryptFault) (nullable): receives every problem
 * @error: return location for a #GError (I/O only)
 *
 * Reads the journal and runs harbor_crypt_vfs_check_journal_data().
 *
 * Returns: %FALSE only if the file could not be read
 */
gboolean
harbor_crypt_vfs_check_journal (HarborCryptVfs *self,
                                const char     *path,
                                GArray         *faults,
                                GError        **error)
{
  g_autofree guint8 *data = NULL;
  gboolean exists;
  gsize length;

  if (!read_whole (path, &data, &length, &exists, error))
    return FALSE;
  if (exists)
    {
      g_autofree char *db_path = g_str_has_suffix (path, "-journal")
                                 ? g_strndup (path, strlen (path) - strlen ("-journal")) : NULL;
      gint64 counter = db_path ? harbor_crypt_vfs_read_change_counter (self, db_path) : -1;

      harbor_crypt_vfs_check_journal_data (self, data, length, counter, faults);
      sodium_memzero (data, length);
    }
  return TRUE;
}

/**
 * harbor_crypt_vfs_read_change_counter:
 * @self: the VFS
 * @db_path: a database file
 *
 * Reads and authenticates page 1 of @db_path (directly, not through SQLite)
 * and returns its file change counter.
 *
 * Returns: the change counter, or -1 if page 1 cannot be read or fails
 *   authentication
 */
gint64
harbor_crypt_vfs_read_change_counter (HarborCryptVfs *self,
                                      const char     *db_path)
{
  guint8 *page = sodium_malloc (PAGE);
  gint64 counter = -1;
  FILE *file;

  g_assert (page != NULL);
  file = fopen (db_path, "rbe");
  if (file != NULL)
    {
      if (fread (page, 1, PAGE, file) == PAGE
          && harbor_crypt_vfs_decrypt_page (self, HARBOR_CRYPT_ROLE_DATABASE, 1, page, page, NULL))
        counter = get_be32 (page + 24);
      fclose (file);
    }
  sodium_free (page);
  return counter;
}

/**
 * harbor_crypt_fault_describe:
 * @fault: a fault
 * @filename: the file's display name
 *
 * Returns: (transfer full): a sentence naming the file and the page
 */
char *
harbor_crypt_fault_describe (const HarborCryptFault *fault,
                             const char             *filename)
{
  /* The byte offset is formatted apart so that the translatable strings
   * hold no format macro (xgettext cannot see through G_GINT64_FORMAT). */
  g_autofree char *byte = g_strdup_printf ("%" G_GINT64_FORMAT, fault->offset);

  switch (fault->kind)
    {
    case HARBOR_CRYPT_FAULT_AUTH:
      return g_strdup_printf (_("%s: page %u (at byte %s) failed authentication"),
                              filename, fault->pgno, byte);
    case HARBOR_CRYPT_FAULT_TRUNCATED:
      return g_strdup_printf (_("%s: page %u (at byte %s) is cut short"),
                              filename, fault->pgno, byte);
    case HARBOR_CRYPT_FAULT_FOREIGN:
      return g_strdup_printf (_("%s: page 1 belongs to another vault"), filename);
    case HARBOR_CRYPT_FAULT_STRUCTURE:
      if (fault->pgno != 0)
        return g_strdup_printf (_("%s: the record of page %u (at byte %s) is inconsistent"),
                                filename, fault->pgno, byte);
      return g_strdup_printf (_("%s: the framing at byte %s is inconsistent"),
                              filename, byte);
    case HARBOR_CRYPT_FAULT_NONE:
    default:
      return g_strdup_printf (_("%s: no fault"), filename);
    }
}
