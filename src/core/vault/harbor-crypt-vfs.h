/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-crypt-vfs.h: the page-encrypting SQLite VFS shim
 *
 * Copyright 2026 The Harbor authors
 *
 * The format and the rules are described at the top of harbor-crypt-vfs.c.
 */

#pragma once

#include <glib.h>

#include "harbor-keyfile.h"

G_BEGIN_DECLS

#define HARBOR_CRYPT_PAGE_SIZE 4096
#define HARBOR_CRYPT_RESERVE   40

typedef enum
{
  HARBOR_CRYPT_ROLE_DATABASE = 1,
  HARBOR_CRYPT_ROLE_JOURNAL = 2,
} HarborCryptRole;

typedef enum
{
  HARBOR_CRYPT_FAULT_NONE = 0,
  HARBOR_CRYPT_FAULT_AUTH,        /* a page failed authentication */
  HARBOR_CRYPT_FAULT_TRUNCATED,   /* a page is cut short */
  HARBOR_CRYPT_FAULT_FOREIGN,     /* page 1 carries another vault's id */
  HARBOR_CRYPT_FAULT_STRUCTURE,   /* the journal's framing is inconsistent */
} HarborCryptFaultKind;

/**
 * HarborCryptFault:
 * @kind: what went wrong
 * @role: in which file
 * @pgno: the page number (of the database, also for journal images), 0 if none
 * @offset: the byte offset in the file
 */
typedef struct
{
  HarborCryptFaultKind kind;
  HarborCryptRole      role;
  guint32              pgno;
  gint64               offset;
} HarborCryptFault;

typedef struct _HarborCryptVfs HarborCryptVfs;

HarborCryptVfs *harbor_crypt_vfs_new        (const HarborKey  *master_key,
                                             const guint8     *vault_id,
                                             const char       *base_vfs,
                                             GError          **error) G_GNUC_WARN_UNUSED_RESULT;
void            harbor_crypt_vfs_free       (HarborCryptVfs   *self);
const char     *harbor_crypt_vfs_get_name   (HarborCryptVfs   *self);

gboolean        harbor_crypt_vfs_take_fault (HarborCryptVfs   *self,
                                             HarborCryptFault *fault);

gboolean        harbor_crypt_vfs_decrypt_page (HarborCryptVfs       *self,
                                               HarborCryptRole       role,
                                               guint32               pgno,
                                               const guint8         *in,
                                               guint8               *out,
                                               HarborCryptFaultKind *why);

gboolean        harbor_crypt_vfs_check_database (HarborCryptVfs *self,
                                                 const char     *path,
                                                 GArray         *faults,
                                                 GError        **error);
gboolean        harbor_crypt_vfs_check_journal_data (HarborCryptVfs *self,
                                                     const guint8   *data,
                                                     gsize           length,
                                                     gint64          db_change_counter,
                                                     GArray         *faults);
gint64          harbor_crypt_vfs_read_change_counter (HarborCryptVfs *self,
                                                      const char     *db_path);
gboolean        harbor_crypt_vfs_check_journal  (HarborCryptVfs *self,
                                                 const char     *path,
                                                 GArray         *faults,
                                                 GError        **error);

char           *harbor_crypt_fault_describe (const HarborCryptFault *fault,
                                             const char             *filename) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborCryptVfs, harbor_crypt_vfs_free)

G_END_DECLS
