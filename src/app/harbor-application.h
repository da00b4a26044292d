/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-application.h: the Harbor application
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HARBOR_TYPE_APPLICATION (harbor_application_get_type ())

G_DECLARE_FINAL_TYPE (HarborApplication, harbor_application, HARBOR, APPLICATION, AdwApplication)

HarborApplication *harbor_application_new          (void) G_GNUC_WARN_UNUSED_RESULT;
GSettings         *harbor_application_get_settings (HarborApplication *self);

G_END_DECLS
