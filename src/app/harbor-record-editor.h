/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-record-editor.h: add or edit a criminal-history record
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

#include "harbor-case.h"
#include "harbor-rules.h"

G_BEGIN_DECLS

#define HARBOR_TYPE_RECORD_EDITOR (harbor_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (HarborRecordEditor, harbor_record_editor, HARBOR, RECORD_EDITOR, AdwWindow)

HarborRecordEditor *harbor_record_editor_new        (GtkWindow          *parent,
                                                     const HarborRules  *rules,
                                                     const HarborRecord *record) G_GNUC_WARN_UNUSED_RESULT;
const char         *harbor_offense_category_label   (const char         *category);
char               *harbor_jurisdiction_label       (const HarborRules  *rules,
                                                     const char         *jurisdiction) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
