/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fault-vfs.c: a fault-injecting SQLite VFS for the crash tests
 *
 * Copyright 2026 The Harbor authors
 *
 * Sits under the encrypting VFS (so it only sees ciphertext) and over the
 * platform VFS. It counts the operations that change the disk (write,
 * truncate, sync, delete) and can, at the Nth:
 *
 *  - simulate power loss (fault_vfs_arm_crash): that operation and every
 *    later one fails, and fault_vfs_power_loss() then puts every file back
 *    to what was durable: the contents at its last sync (or absent if it
 *    was never synced). A delete is durable only when SQLite asks for the
 *    directory to be synced; otherwise the file comes back.
 *    fault_vfs_power_loss_partial() is the harsher model of a real disk:
 *    from the durable state, each write, truncate and delete made since
 *    the file's last sync survives or not at random, in order, and a
 *    surviving write of several 512-byte sectors may be torn (only its
 *    first sectors reach the disk).
 *  - inject one transient I/O error (fault_vfs_arm_error): only that
 *    operation fails; later ones work.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "fault-vfs.h"

typedef enum
{
  OP_WRITE,
  OP_TRUNCATE,
  OP_DELETE,
} OpKind;

typedef struct
{
  OpKind  kind;
  gint64  offset;            /* write offset, or truncate size */
  GBytes *data;              /* for writes */
} PendingOp;

typedef struct
{
  GBytes    *durable;         /* NULL: the file does not exist durably */
  GPtrArray *pending;         /* (element-type PendingOp) since the last sync */
} Tracked;

static void
pending_op_free (PendingOp *op)
{
  g_clear_pointer (&op->data, g_bytes_unref);
  g_free (op);
}

static void
add_pending (const char *path,
             OpKind      kind,
             gint64      offset,
             const void *data,
             gsize       length);

typedef struct
{
  sqlite3_file parent;
  char        *path;
} FaultFile;

#define ORIGFILE(p) ((sqlite3_file *) (((FaultFile *) (p)) + 1))

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *base_vfs;
static GHashTable *tracked;       /* path -> Tracked */
static guint op_count;
static guint crash_at;
static guint error_at;
static gboolean crashed;
static gboolean fired;

static void
tracked_free (Tracked *t)
{
  g_clear_pointer (&t->durable, g_bytes_unref);
  g_clear_pointer (&t->pending, g_ptr_array_unref);
  g_free (t);
}

static GBytes *
read_disk (const char *path)
{
  char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return NULL;
  return g_bytes_new_take (data, length);
}

static void
track (const char *path)
{
  Tracked *t;

  if (g_hash_table_contains (tracked, path))
    return;
  t = g_new0 (Tracked, 1);
  t->durable = read_disk (path);
  t->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_op_free);
  g_hash_table_insert (tracked, g_strdup (path), t);
}

static void
add_pending (const char *path,
             OpKind      kind,
             gint64      offset,
             const void *data,
             gsize       length)
{
  Tracked *t = path ? g_hash_table_lookup (tracked, path) : NULL;
  PendingOp *op;

  if (t == NULL)
    return;
  op = g_new0 (PendingOp, 1);
  op->kind = kind;
  op->offset = offset;
  if (data != NULL)
    op->data = g_bytes_new (data, length);
  g_ptr_array_add (t->pending, op);
}

/* Counts one disk-changing operation; returns TRUE if it must fail. */
static gboolean
fault_here (void)
{
  if (crashed)
    return TRUE;
  op_count++;
  if (crash_at != 0 && op_count == crash_at)
    {
      crashed = TRUE;
      fired = TRUE;
      return TRUE;
    }
  if (error_at != 0 && op_count == error_at)
    {
      fired = TRUE;
      return TRUE;
    }
  return FALSE;
}

static int
f_close (sqlite3_file *pFile)
{
  FaultFile *p = (FaultFile *) pFile;
  int rc = ORIGFILE (pFile)->pMethods->xClose (ORIGFILE (pFile));

  g_free (p->path);
  return rc;
}

static int
f_read (sqlite3_file *pFile, void *buf, int n, sqlite3_int64 off)
{
  return ORIGFILE (pFile)->pMethods->xRead (ORIGFILE (pFile), buf, n, off);
}

static int
f_write (sqlite3_file *pFile, const void *buf, int n, sqlite3_int64 off)
{
  int rc;

  if (fault_here ())
    return SQLITE_IOERR_WRITE;
  rc = ORIGFILE (pFile)->pMethods->xWrite (ORIGFILE (pFile), buf, n, off);
  if (rc == SQLITE_OK)
    add_pending (((FaultFile *) pFile)->path, OP_WRITE, off, buf, (gsize) n);
  return rc;
}

static int
f_truncate (sqlite3_file *pFile, sqlite3_int64 size)
{
  int rc;

  if (fault_here ())
    return SQLITE_IOERR_TRUNCATE;
  rc = ORIGFILE (pFile)->pMethods->xTruncate (ORIGFILE (pFile), size);
  if (rc == SQLITE_OK)
    add_pending (((FaultFile *) pFile)->path, OP_TRUNCATE, size, NULL, 0);
  return rc;
}

static int
f_sync (sqlite3_file *pFile, int flags)
{
  FaultFile *p = (FaultFile *) pFile;
  Tracked *t;
  int rc;

  if (fault_here ())
    return SQLITE_IOERR_FSYNC;
  /* Durability is modelled here (the snapshot below), so the real fsync,
   * which only makes the tests slow, is skipped. */
  rc = SQLITE_OK;
  if (rc == SQLITE_OK && p->path != NULL && (t = g_hash_table_lookup (tracked, p->path)) != NULL)
    {
      g_clear_pointer (&t->durable, g_bytes_unref);
      t->durable = read_disk (p->path);
      g_ptr_array_set_size (t->pending, 0);
    }
  return rc;
}

static int
f_file_size (sqlite3_file *pFile, sqlite3_int64 *size)
{
  return ORIGFILE (pFile)->pMethods->xFileSize (ORIGFILE (pFile), size);
}

static int
f_lock (sqlite3_file *pFile, int e)
{
  return ORIGFILE (pFile)->pMethods->xLock (ORIGFILE (pFile), e);
}

static int
f_unlock (sqlite3_file *pFile, int e)
{
  return ORIGFILE (pFile)->pMethods->xUnlock (ORIGFILE (pFile), e);
}

static int
f_check_reserved (sqlite3_file *pFile, int *out)
{
  return ORIGFILE (pFile)->pMethods->xCheckReservedLock (ORIGFILE (pFile), out);
}

static int
f_file_control (sqlite3_file *pFile, int op, void *arg)
{
  return ORIGFILE (pFile)->pMethods->xFileControl (ORIGFILE (pFile), op, arg);
}

static int
f_sector_size (sqlite3_file *pFile)
{
  return ORIGFILE (pFile)->pMethods->xSectorSize (ORIGFILE (pFile));
}

static int
f_device_characteristics (sqlite3_file *pFile)
{
  return ORIGFILE (pFile)->pMethods->xDeviceCharacteristics (ORIGFILE (pFile));
}

static const sqlite3_io_methods fault_io_methods = {
  1,
  f_close, f_read, f_write, f_truncate, f_sync, f_file_size, f_lock, f_unlock,
  f_check_reserved, f_file_control, f_sector_size, f_device_characteristics,
  NULL, NULL, NULL, NULL, NULL, NULL,
};

static int
f_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *pFile, int flags, int *out_flags)
{
  FaultFile *p = (FaultFile *) pFile;
  int rc;

  memset (p, 0, sizeof *p);
  if (name != NULL)
    track (name);
  rc = base_vfs->xOpen (base_vfs, name, ORIGFILE (pFile), flags, out_flags);
  if (rc != SQLITE_OK)
    return rc;
  p->path = g_strdup (name);
  pFile->pMethods = &fault_io_methods;
  return SQLITE_OK;
}

static int
f_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  Tracked *t;
  int rc;

  if (fault_here ())
    return SQLITE_IOERR_DELETE;
  track (name);
  rc = base_vfs->xDelete (base_vfs, name, 0);   /* the folder's fsync is modelled too */
  if (rc == SQLITE_OK && (t = g_hash_table_lookup (tracked, name)) != NULL)
    {
      if (sync_dir)
        {
          g_clear_pointer (&t->durable, g_bytes_unref);
          g_ptr_array_set_size (t->pending, 0);
        }
      else
        add_pending (name, OP_DELETE, 0, NULL, 0);
    }
  return rc;
}

static int
f_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return base_vfs->xAccess (base_vfs, name, flags, out);
}

static int
f_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return base_vfs->xFullPathname (base_vfs, name, n, out);
}

static int
f_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return base_vfs->xRandomness (base_vfs, n, out);
}

static int
f_sleep (sqlite3_vfs *vfs, int us)
{
  return base_vfs->xSleep (base_vfs, us);
}

static int
f_current_time (sqlite3_vfs *vfs, double *t)
{
  return base_vfs->xCurrentTime (base_vfs, t);
}

static int
f_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *t)
{
  return base_vfs->xCurrentTimeInt64 (base_vfs, t);
}

void
fault_vfs_register (void)
{
  if (base_vfs != NULL)
    return;
  base_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (base_vfs);
  fault_vfs.iVersion = 2;
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + base_vfs->szOsFile;
  fault_vfs.mxPathname = base_vfs->mxPathname;
  fault_vfs.zName = FAULT_VFS_NAME;
  fault_vfs.xOpen = f_open;
  fault_vfs.xDelete = f_delete;
  fault_vfs.xAccess = f_access;
  fault_vfs.xFullPathname = f_full_pathname;
  fault_vfs.xRandomness = f_randomness;
  fault_vfs.xSleep = f_sleep;
  fault_vfs.xCurrentTime = f_current_time;
  fault_vfs.xCurrentTimeInt64 = f_current_time_int64;
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 0), ==, SQLITE_OK);
  tracked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) tracked_free);
}

/* Forgets every tracked file and disarms. */
void
fault_vfs_reset (void)
{
  g_hash_table_remove_all (tracked);
  op_count = crash_at = error_at = 0;
  crashed = fired = FALSE;
}

void
fault_vfs_arm_crash (guint n)
{
  op_count = 0;
  crash_at = n;
  error_at = 0;
  crashed = fired = FALSE;
}

void
fault_vfs_arm_error (guint n)
{
  op_count = 0;
  error_at = n;
  crash_at = 0;
  crashed = fired = FALSE;
}

guint
fault_vfs_op_count (void)
{
  return op_count;
}

gboolean
fault_vfs_fired (void)
{
  return fired;
}

/* Rebuilds every tracked file from its durable state plus, if @rand is
 * given, a random choice of the operations since its last sync. */
static void
restore (GRand *rand)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tracked);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Tracked *t = value;
      GByteArray *content = NULL;

      if (t->durable != NULL)
        {
          content = g_byte_array_new ();
          g_byte_array_append (content, g_bytes_get_data (t->durable, NULL), g_bytes_get_size (t->durable));
        }
      for (guint i = 0; rand != NULL && i < t->pending->len; i++)
        {
          PendingOp *op = g_ptr_array_index (t->pending, i);

          if (!g_rand_boolean (rand))
            continue;
          switch (op->kind)
            {
            case OP_WRITE:
              {
                gsize length;
                const guint8 *data = g_bytes_get_data (op->data, &length);
                gsize end;

                /* A torn write: only its first sectors made it. */
                if (length >= 1024 && g_rand_int_range (rand, 0, 3) == 0)
                  length = 512 * (gsize) g_rand_int_range (rand, 1, (gint32) (length / 512));
                end = (gsize) op->offset + length;

                if (content == NULL)
                  content = g_byte_array_new ();
                if (content->len < end)
                  {
                    gsize old = content->len;
                    g_byte_array_set_size (content, (guint) end);
                    memset (content->data + old, 0, end - old);
                  }
                memcpy (content->data + op->offset, data, length);
              }
              break;
            case OP_TRUNCATE:
              if (content != NULL && content->len > (gsize) op->offset)
                g_byte_array_set_size (content, (guint) op->offset);
              break;
            case OP_DELETE:
              g_clear_pointer (&content, g_byte_array_unref);
              break;
            default:
              g_assert_not_reached ();
            }
        }

      if (content == NULL)
        g_unlink (key);
      else
        g_assert_true (g_file_set_contents (key, (const char *) content->data, content->len, NULL));
      g_clear_pointer (&content, g_byte_array_unref);
    }
  crashed = FALSE;
  crash_at = error_at = 0;
}

/* Puts every tracked file back to its durable state (call with every
 * connection closed). */
void
fault_vfs_power_loss (void)
{
  restore (NULL);
}

/* Like fault_vfs_power_loss(), but each operation since a file's last sync
 * survives with probability 1/2 (seeded, so a failure can be replayed). */
void
fault_vfs_power_loss_partial (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  restore (rand);
}
