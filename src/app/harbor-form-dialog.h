/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-form-dialog.h: a small form for the simple entries of a client page
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  HARBOR_FORM_TEXT,
  HARBOR_FORM_DATE,      /* YYYY-MM-DD, a real calendar date */
  HARBOR_FORM_CHOICE,    /* one of @choices (ids), shown by @labels */
} HarborFormKind;

typedef struct
{
  const char         *id;
  const char         *title;     /* marked with N_(), translated by the dialog */
  HarborFormKind      kind;
  gboolean            required;
  const char * const *choices;   /* HARBOR_FORM_CHOICE: ids */
  const char * const *labels;    /* HARBOR_FORM_CHOICE: labels marked with N_() */
} HarborFormField;

#define HARBOR_TYPE_FORM_DIALOG (harbor_form_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HarborFormDialog, harbor_form_dialog, HARBOR, FORM_DIALOG, AdwWindow)

HarborFormDialog *harbor_form_dialog_new        (GtkWindow             *parent,
                                                 const char            *title,
                                                 const char            *description,
                                                 const HarborFormField *fields,
                                                 guint                  n_fields) G_GNUC_WARN_UNUSED_RESULT;
void              harbor_form_dialog_set_value  (HarborFormDialog      *self,
                                                 const char            *id,
                                                 const char            *value);
char             *harbor_form_dialog_dup_value  (HarborFormDialog      *self,
                                                 const char            *id) G_GNUC_WARN_UNUSED_RESULT;
gboolean          harbor_form_dialog_validate   (HarborFormDialog      *self,
                                                 char                 **message);
gboolean          harbor_form_parse_date        (const char            *text);

G_END_DECLS
