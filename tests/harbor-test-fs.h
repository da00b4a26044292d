/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-test-fs.h: temporary folders for the tests of every area
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *harbor_test_make_tmpdir (const char *name);
void  harbor_test_remove_tree (const char *dir);

G_END_DECLS
