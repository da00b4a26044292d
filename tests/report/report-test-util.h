/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report-test-util.h: helpers shared by the report tests
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

#include "harbor-rules.h"
#include "harbor-test-fs.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define RT_PASSPHRASE "report test passphrase"

typedef struct
{
  int   status;
  char *out;
  char *err;
} RtRun;

HarborVault *rt_create_vault  (const char  *dir);
char        *rt_import_case   (HarborVault *vault,
                               const char  *json);
char        *rt_golden_case   (const char  *relative_path,
                               const char  *client_name);
char        *rt_add_event     (HarborVault *vault,
                               const char  *client_id,
                               const char  *kind,
                               const char  *date,
                               const char  *text);
char        *rt_add_checklist (HarborVault *vault,
                               const char  *client_id,
                               const char  *record_id,
                               const char  *pathway_id,
                               guint        n_items,
                               const char * const *done_on);
char        *rt_add_consent   (HarborVault *vault,
                               const char  *client_id,
                               const char  *party,
                               const char  *signed_on,
                               const char  *expires_on,
                               const char  *revoked_on);
void         rt_add_engine_checklist (HarborVault       *vault,
                                      const HarborRules *rules,
                                      const GDate       *as_of,
                                      const char        *client_id,
                                      const char        *filed_on,
                                      const char        *ordered_on);
void         rt_cli           (RtRun       *run,
                               const char  *input,
                               ...) G_GNUC_NULL_TERMINATED;
void         rt_run_clear     (RtRun       *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RtRun, rt_run_clear)

G_END_DECLS
