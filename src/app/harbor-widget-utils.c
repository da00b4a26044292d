/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-widget-utils.c: small helpers shared by Harbor's widgets
 *
 * Copyright 2026 The Harbor authors
 */

#define G_LOG_DOMAIN "harbor-widget-utils"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"

/* libadwaita 1.2 leaves a toast's close button without an accessible
 * name. */
static void
name_toast_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
        harbor_widget_name_inner_buttons (child, _("Dismiss"));
      else
        name_toast_buttons (child);
    }
}

static gboolean
name_toast_buttons_cb (gpointer user_data)
{
  name_toast_buttons (GTK_WIDGET (user_data));
  return G_SOURCE_REMOVE;
}

/**
 * harbor_toast_overlay_add:
 * @overlay: a toast overlay
 * @toast: (transfer full): the toast
 *
 * Shows @toast, and names the close buttons of the toasts on screen for
 * assistive technologies, at once and again when the main loop is next
 * idle (the overlay builds a toast's widget when it shows it).
 */
void
harbor_toast_overlay_add (AdwToastOverlay *overlay,
                          AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (overlay, toast);
  name_toast_buttons (GTK_WIDGET (overlay));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_toast_buttons_cb, g_object_ref (overlay), g_object_unref);
}
