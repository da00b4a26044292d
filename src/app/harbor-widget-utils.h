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

/* libadwaita 1.2 leaves the show-text button of a password row without an
 * accessible name; give every button inside @widget without a tooltip or
 * label the name @name. */
static inline void
harbor_widget_name_inner_buttons (GtkWidget  *widget,
                                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      harbor_widget_name_inner_buttons (child, name);
    }
}

G_END_DECLS
