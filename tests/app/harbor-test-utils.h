/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-test-utils.h: helpers shared by the GTK tests
 *
 * Copyright 2026 The Harbor authors
 *
 * Built into every program of tests/app (see its meson.build).
 */

#pragma once

#include <adwaita.h>

#include "harbor-application.h"
#include "harbor-core.h"
#include "harbor-session.h"
#include "harbor-test-fs.h"
#include "harbor-vault.h"
#include "harbor-window.h"
#include <string.h>

G_BEGIN_DECLS

/* The passphrase of the vaults the tests create. */
#define HARBOR_TEST_PASSPHRASE "copper lantern meadow violin"

/* ---- The program ---------------------------------------------------------- */

gboolean           harbor_test_init_gtk                 (int               *argc,
                                                         char            ***argv);
int                harbor_test_skip_all                 (const char        *reason);
HarborApplication *harbor_test_application_new          (void);

/* ---- Waiting -------------------------------------------------------------- */

gboolean           harbor_test_wait                     (gboolean          (*done) (gpointer data),
                                                         gpointer           data,
                                                         guint              timeout_ms);
void               harbor_test_spin                     (guint              ms);
void               harbor_test_store_result             (GObject           *source,
                                                         GAsyncResult      *result,
                                                         gpointer           user_data);
gboolean           harbor_test_is_null                  (gpointer           data);
gboolean           harbor_test_is_drawn                 (gpointer           data);
void               harbor_test_wait_for_page            (HarborWindow      *window,
                                                         const char        *name,
                                                         guint              timeout_ms);

/* ---- Folders and vaults --------------------------------------------------- */

HarborVault       *harbor_test_create_vault             (const char        *dir,
                                                         const char        *passphrase);
HarborSession     *harbor_test_session_new              (HarborApplication *app,
                                                         const char        *dir);
void               harbor_test_session_create           (HarborSession     *session,
                                                         const char        *passphrase);
void               harbor_test_session_end              (GtkWindow         *window,
                                                         HarborSession    **session,
                                                         char             **dir);

/* ---- Widgets -------------------------------------------------------------- */

GtkWidget         *harbor_test_find_widget              (GtkWidget         *root,
                                                         GType              type);
GtkWidget         *harbor_test_find_row                 (GtkWidget         *root,
                                                         GType              type,
                                                         const char        *title);
void               harbor_test_type_into                (GtkWidget         *root,
                                                         GType              type,
                                                         const char        *title,
                                                         const char        *text);
GtkWidget         *harbor_test_find_label_with_class    (GtkWidget         *root,
                                                         const char        *css_class);
GtkWidget         *harbor_test_find_button              (GtkWidget         *root,
                                                         const char        *label);
void               harbor_test_click                    (GtkWidget         *root,
                                                         const char        *label);

/* ---- Windows -------------------------------------------------------------- */

GtkWindow         *harbor_test_find_toplevel            (GType              type);
GtkWindow         *harbor_test_find_mapped_toplevel     (GType              type);
GtkWindow         *harbor_test_wait_for_toplevel        (GType              type);
GtkWindow         *harbor_test_wait_for_mapped_toplevel (GType              type);

/* ---- Screenshots ---------------------------------------------------------- */

char              *harbor_test_screenshot               (GtkWidget         *widget,
                                                         const char        *name);

G_END_DECLS
