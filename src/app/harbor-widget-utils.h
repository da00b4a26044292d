/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-widget-utils.h: small helpers shared by Harbor's widgets
 *
 * Copyright 2026 The Harbor authors
 */

#pragma once

#include <adwaita.h>

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

/* A row that shows a titled value. Its text is data (rule text, client
 * notes): never parsed as markup, where a URL's "&" would break it. */
static inline GtkWidget *
harbor_property_row_new (const char *title,
                         const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_widget_add_css_class (row, "property");
  return row;
}

void harbor_toast_overlay_add (AdwToastOverlay *overlay,
                               AdwToast        *toast);

G_END_DECLS
