/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-widget-utils.h: small helpers shared by Harbor's widgets
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A GtkWidget subclass with children must unparent them in dispose:
 * gtk_widget_dispose_template() only clears the bound fields. */
static inline void
harbor_widget_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

G_END_DECLS
