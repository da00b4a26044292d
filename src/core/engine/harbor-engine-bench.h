/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-engine-bench.h: `harbor-cli bench engine`
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes a harbor-case/1 document with @n_records made-up records spread
 * round-robin over @jurisdictions (NULL-terminated). */
char *harbor_engine_bench_make_case (const char * const *jurisdictions,
                                     guint               n_records) G_GNUC_WARN_UNUSED_RESULT;

/* The subcommand: argv[0] is "engine". Prints load time, evaluation time
 * per record and the ratio of evaluation to case parsing. */
int   harbor_engine_bench_main      (int    argc,
                                     char **argv);

G_END_DECLS
