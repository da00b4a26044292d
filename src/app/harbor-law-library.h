/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-law-library.h: browse every jurisdiction's relief pathways
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-rules.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_LAW_LIBRARY (harbor_law_library_get_type ())

G_DECLARE_FINAL_TYPE (HarborLawLibrary, harbor_law_library, HARBOR, LAW_LIBRARY, GtkWidget)

GtkWidget  *harbor_law_library_new                 (void) G_GNUC_WARN_UNUSED_RESULT;
void        harbor_law_library_set_rules           (HarborLawLibrary  *self,
                                                    const HarborRules *rules);
gboolean    harbor_law_library_show_jurisdiction   (HarborLawLibrary  *self,
                                                    const char        *jurisdiction);
guint       harbor_law_library_get_n_jurisdictions (HarborLawLibrary  *self);
guint       harbor_law_library_get_n_shown_pathways (HarborLawLibrary *self);

GPtrArray  *harbor_rule_sets_for_display           (const HarborRules *rules) G_GNUC_WARN_UNUSED_RESULT;
char       *harbor_kind_to_label                   (const char        *kind) G_GNUC_WARN_UNUSED_RESULT;
const char *harbor_confidence_to_label             (const char        *confidence);

G_END_DECLS
