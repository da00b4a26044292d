/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-relief-view.h: the statute engine's answers for one client
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-engine.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_RELIEF_VIEW (harbor_relief_view_get_type ())

G_DECLARE_FINAL_TYPE (HarborReliefView, harbor_relief_view, HARBOR, RELIEF_VIEW, GtkWidget)

GtkWidget              *harbor_relief_view_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void                    harbor_relief_view_set_client     (HarborReliefView  *self,
                                                           HarborVault       *vault,
                                                           const HarborRules *rules,
                                                           const char        *client_id);
void                    harbor_relief_view_refresh        (HarborReliefView  *self);
const HarborEvaluation *harbor_relief_view_get_evaluation (HarborReliefView  *self);
gboolean                harbor_relief_view_start_checklist (HarborReliefView *self,
                                                           const char        *record_id,
                                                           const char        *pathway_id,
                                                           GError           **error);
GPtrArray              *harbor_relief_view_get_checklist  (HarborReliefView  *self,
                                                           const char        *record_id,
                                                           const char        *pathway_id) G_GNUC_WARN_UNUSED_RESULT;
gboolean                harbor_relief_view_set_item_done  (HarborReliefView  *self,
                                                           const char        *item_id,
                                                           gboolean           done,
                                                           GError           **error);

char                   *harbor_missing_fact_question      (const char        *fact) G_GNUC_WARN_UNUSED_RESULT;
const char             *harbor_status_to_label            (HarborStatus       status);

G_END_DECLS
