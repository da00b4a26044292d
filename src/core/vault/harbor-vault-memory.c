/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-vault-memory.c: SQLite's heap, wiped on free
 *
 * Copyright 2026 The Harbor authors
 *
 * SQLite keeps decrypted pages, rows and statement text in its own heap.
 * Like SQLCipher's cipher_memory_security, we replace its allocator with one
 * that zeroes every block when it is freed or moved by a realloc, so
 * client data does not linger in freed memory. Each block carries a 16-byte
 * header holding its size (16 keeps the payload aligned for any type).
 */

#define G_LOG_DOMAIN "harbor-vault"

#include "config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "harbor-vault-memory.h"

#define HEADER 16

static gboolean installed;

static void *
wipe_malloc (int n)
{
  guint8 *p;

  if (n <= 0)
    return NULL;
  p = malloc ((size_t) n + HEADER);
  if (p == NULL)
    return NULL;
  memcpy (p, &n, sizeof n);
  return p + HEADER;
}

static int
wipe_size (void *ptr)
{
  int n;

  if (ptr == NULL)
    return 0;
  memcpy (&n, (guint8 *) ptr - HEADER, sizeof n);
  return n;
}

static void
wipe_free (void *ptr)
{
  guint8 *base;

  if (ptr == NULL)
    return;
  base = (guint8 *) ptr - HEADER;
  sodium_memzero (base, (size_t) wipe_size (ptr) + HEADER);
  free (base);
}

/* Realloc never resizes in place: allocate, copy, wipe the old block. */
static void *
wipe_realloc (void *ptr,
              int   n)
{
  void *fresh;
  int old;

  if (ptr == NULL)
    return wipe_malloc (n);
  if (n <= 0)
    {
      wipe_free (ptr);
      return NULL;
    }
  fresh = wipe_malloc (n);
  if (fresh == NULL)
    return NULL;
  old = wipe_size (ptr);
  memcpy (fresh, ptr, (size_t) MIN (old, n));
  wipe_free (ptr);
  return fresh;
}

static int
wipe_roundup (int n)
{
  return (n + 7) & ~7;
}

static int
wipe_init (void *data)
{
  return SQLITE_OK;
}

static void
wipe_shutdown (void *data)
{
}

static const sqlite3_mem_methods wipe_methods = {
  wipe_malloc,
  wipe_free,
  wipe_realloc,
  wipe_size,
  wipe_roundup,
  wipe_init,
  wipe_shutdown,
  NULL,
};

/**
 * harbor_vault_install_allocator:
 *
 * Replaces SQLite's allocator with one that wipes memory on free. Must run
 * before SQLite is used (harbor_core_init() calls it). Idempotent.
 *
 * Returns: %TRUE if the allocator is in place
 */
gboolean
harbor_vault_install_allocator (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      installed = sqlite3_config (SQLITE_CONFIG_MALLOC, &wipe_methods) == SQLITE_OK;
      g_once_init_leave (&once, 1);
    }
  return installed;
}

/**
 * harbor_vault_allocator_installed:
 *
 * Returns: %TRUE if SQLite runs with the wiping allocator
 */
gboolean
harbor_vault_allocator_installed (void)
{
  return installed;
}
