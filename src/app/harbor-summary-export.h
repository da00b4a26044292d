/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-summary-export.h: print or save a client's referral summary
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-rules.h"
#include "harbor-vault.h"

G_BEGIN_DECLS

void     harbor_summary_export_start (GtkWindow         *parent,
                                      HarborVault       *vault,
                                      const HarborRules *rules,
                                      const char        *client_id,
                                      gboolean           print);
GBytes  *harbor_summary_export_build (HarborVault       *vault,
                                      const HarborRules *rules,
                                      const char        *client_id,
                                      const char        *recipient,
                                      GError           **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
