/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-case-import.c: fuzz target for importing case files into a vault
 *
 * Copyright 2026 The Harbor authors
 *
 * Parses the input as a harbor-case/1 file; a malformed one must be refused
 * with a HARBOR_CASE_ERROR and change nothing in the vault. A valid one is
 * imported, exported, and the export must parse again and equal the
 * first export after a second round trip; then the client is deleted and
 * purged so the vault stays small. One vault, with test-only key
 * derivation parameters, serves every input of a run.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harbor-core.h"
#include "harbor-vault.h"
#include "harbor-vault-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static HarborVault *vault;
static char *vault_dir;

static void
cleanup (void)
{
  const char *const names[] = { HARBOR_VAULT_MANIFEST_NAME, HARBOR_VAULT_KEYFILE_NAME,
                                HARBOR_VAULT_DATABASE_NAME, HARBOR_VAULT_JOURNAL_NAME };

  g_clear_object (&vault);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (vault_dir, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (vault_dir);
  g_free (vault_dir);
}

static void
setup (void)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborSecret) recovery = NULL;

  g_assert_true (harbor_core_init (NULL));
  vault_dir = g_dir_make_tmp ("harbor-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  vault = harbor_vault_new (vault_dir);
  recovery = harbor_vault_create (vault, "fuzz", &params, &error);
  g_assert_no_error (error);
  /* Durability is not what is fuzzed here: skip the fsyncs. */
  g_assert_cmpint (sqlite3_exec (harbor_vault_get_connection (vault), "PRAGMA synchronous = OFF",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  atexit (cleanup);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HarborCase) kase = NULL;
  g_autoptr(HarborCase) exported = NULL;
  g_autoptr(HarborCase) reparsed = NULL;
  g_autoptr(HarborCase) exported2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *id2 = NULL, *json = NULL, *json2 = NULL;
  gint64 count;

  if (vault == NULL)
    setup ();
  count = harbor_vault_count_clients (vault, &error);
  g_assert_no_error (error);

  kase = harbor_case_parse_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  if (kase == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == HARBOR_CASE_ERROR);
      g_assert_cmpint (harbor_vault_count_clients (vault, NULL), ==, count);
      return 0;
    }

  id = harbor_vault_import_case (vault, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpint (harbor_vault_count_clients (vault, NULL), ==, count + 1);
  exported = harbor_vault_export_case (vault, id, &error);
  g_assert_no_error (error);
  json = harbor_case_to_data (exported, NULL);
  reparsed = harbor_case_parse_data (json, -1, "export.json", &error);
  g_assert_no_error (error);

  /* A second round trip through the vault gives the same document, up to
   * the record ids (which are the vault's). */
  id2 = harbor_vault_import_case (vault, reparsed, &error);
  g_assert_no_error (error);
  exported2 = harbor_vault_export_case (vault, id2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported2->records->len, ==, exported->records->len);
  for (guint i = 0; i < exported->records->len; i++)
    {
      HarborRecord *a = g_ptr_array_index (exported->records, i);
      HarborRecord *b = g_ptr_array_index (exported2->records, i);
      g_free (b->id);
      b->id = g_strdup (a->id);
    }
  json2 = harbor_case_to_data (exported2, NULL);
  g_assert_cmpstr (json, ==, json2);

  g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, id, &error));
  g_assert_true (harbor_vault_purge (vault, HARBOR_VAULT_KIND_CLIENT, id, &error));
  g_assert_true (harbor_vault_delete (vault, HARBOR_VAULT_KIND_CLIENT, id2, &error));
  g_assert_true (harbor_vault_purge (vault, HARBOR_VAULT_KIND_CLIENT, id2, &error));
  g_assert_no_error (error);
  return 0;
}
