/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-test-util.c: helpers shared by the report tests
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "harbor-case.h"
#include "harbor-engine.h"
#include "report-test-util.h"

HarborVault *
rt_create_vault (const char *dir)
{
  HarborKdfParams params = harbor_kdf_params_for_tests ();
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  g_autoptr(GError) error = NULL;
  HarborSecret *recovery;

  recovery = harbor_vault_create (vault, RT_PASSPHRASE, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  harbor_secret_free (recovery);
  return g_steal_pointer (&vault);
}

char *
rt_import_case (HarborVault *vault,
                const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) kase = harbor_case_parse_data (json, -1, "test", &error);
  char *id;

  g_assert_no_error (error);
  id = harbor_vault_import_case (vault, kase, &error);
  g_assert_no_error (error);
  return id;
}

/* The "case" of a golden file under tests/cases, with a name added. */
char *
rt_golden_case (const char *relative_path,
                const char *client_name)
{
  const char *top = g_getenv ("HARBOR_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *golden, *kase, *client;
  JsonNode *node;

  if (top == NULL)
    g_error ("HARBOR_SOURCE_DIR is not set: run the test with meson test");
  path = g_build_filename (top, "tests", "cases", relative_path, NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  golden = json_node_get_object (json_parser_get_root (parser));
  kase = json_object_get_object_member (golden, "case");
  client = json_object_get_object_member (kase, "client");
  json_object_set_string_member (client, "name", client_name);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, kase);
  json_generator_set_root (generator, node);
  json_node_unref (node);
  return json_generator_to_data (generator, NULL);
}

char *
rt_add_event (HarborVault *vault,
              const char  *client_id,
              const char  *kind,
              const char  *date,
              const char  *text)
{
  g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  event->client_id = g_strdup (client_id);
  event->kind = g_strdup (kind);
  event->date = g_strdup (date);
  event->text = g_strdup (text);
  id = harbor_vault_add_event (vault, event, &error);
  g_assert_no_error (error);
  return id;
}

/* A checklist of @n_items items; item i is done on @done_on[i] when that is
 * not NULL (@done_on may be NULL: nothing done). */
char *
rt_add_checklist (HarborVault        *vault,
                  const char         *client_id,
                  const char         *record_id,
                  const char         *pathway_id,
                  guint               n_items,
                  const char * const *done_on)
{
  g_autoptr(HarborVaultChecklist) list = harbor_vault_checklist_new ();
  g_autoptr(GError) error = NULL;
  char *list_id;

  list->client_id = g_strdup (client_id);
  list->record_id = g_strdup (record_id);
  list->pathway_id = g_strdup (pathway_id);
  list->title = g_strdup ("checklist");
  list_id = harbor_vault_add_checklist (vault, list, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
      g_autofree char *item_id = NULL;

      item->checklist_id = g_strdup (list_id);
      item->position = (int) i;
      item->step = g_strdup_printf ("step %u", i);
      item->status = g_strdup (done_on != NULL && done_on[i] != NULL ? "done" : "todo");
      item->done_on = g_strdup (done_on != NULL ? done_on[i] : NULL);
      item_id = harbor_vault_add_checklist_item (vault, item, &error);
      g_assert_no_error (error);
    }
  return list_id;
}

char *
rt_add_consent (HarborVault *vault,
                const char  *client_id,
                const char  *party,
                const char  *signed_on,
                const char  *expires_on,
                const char  *revoked_on)
{
  g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  consent->client_id = g_strdup (client_id);
  consent->party = g_strdup (party);
  consent->scope = g_strdup ("referral summary");
  consent->signed_on = g_strdup (signed_on);
  consent->expires_on = g_strdup (expires_on);
  consent->revoked_on = g_strdup (revoked_on);
  id = harbor_vault_add_consent (vault, consent, &error);
  g_assert_no_error (error);
  return id;
}

void
rt_cli (RtRun      *run,
        const char *input,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("HARBOR_CLI");
  va_list args;
  const char *arg;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (gpointer) cli_path);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}

void
rt_run_clear (RtRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* A checklist for the client's first record, as the app makes it from the
 * engine's answer for us-oh-safe-harbor-expungement (which must be
 * available on @as_of); the filing
 * step (common "file", else the pathway's first own step) and the "order"
 * step are marked done on the given dates (NULL: not done; "" done
 * without a date). */
void
rt_add_engine_checklist (HarborVault       *vault,
                         const HarborRules *rules,
                         const GDate       *as_of,
                         const char        *client_id,
                         const char        *filed_on,
                         const char        *ordered_on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HarborCase) kase = harbor_vault_export_case (vault, client_id, &error);
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autoptr(HarborVaultChecklist) list = harbor_vault_checklist_new ();
  g_autofree char *list_id = NULL;
  const HarborRecord *record;
  const HarborPathwayResult *result;
  gboolean has_file = FALSE;
  gboolean first_own = TRUE;

  g_assert_no_error (error);
  record = g_ptr_array_index (kase->records, 0);
  evaluation = harbor_engine_evaluate (rules, kase, as_of);
  result = harbor_evaluation_find (evaluation, record->id, "us-oh-safe-harbor-expungement");
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, HARBOR_STATUS_AVAILABLE);

  for (guint i = 0; i < result->checklist->len; i++)
    has_file |= g_str_equal (((HarborChecklistStep *) g_ptr_array_index (result->checklist, i))->id, "file");

  list->client_id = g_strdup (client_id);
  list->record_id = g_strdup (record->id);
  list->pathway_id = g_strdup ("us-oh-safe-harbor-expungement");
  list->title = g_strdup (result->pathway->title);
  list_id = harbor_vault_add_checklist (vault, list, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->checklist->len; i++)
    {
      const HarborChecklistStep *step = g_ptr_array_index (result->checklist, i);
      g_autoptr(HarborVaultChecklistItem) item = harbor_vault_checklist_item_new ();
      g_autofree char *item_id = NULL;
      const char *done = NULL;

      if (g_str_equal (step->id, "file") || (!has_file && first_own && g_str_equal (step->id, "pathway")))
        done = filed_on;
      else if (g_str_equal (step->id, "order"))
        done = ordered_on;
      if (g_str_equal (step->id, "pathway"))
        first_own = FALSE;

      item->checklist_id = g_strdup (list_id);
      item->position = (int) i;
      item->step = g_strdup (step->text);
      item->status = g_strdup (done != NULL ? "done" : "todo");
      item->done_on = done != NULL && done[0] != '\0' ? g_strdup (done) : NULL;
      item_id = harbor_vault_add_checklist_item (vault, item, &error);
      g_assert_no_error (error);
    }
}
