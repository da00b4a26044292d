/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shortcuts.c: the shortcuts window and the code cannot drift apart
 *
 * Copyright 2026 The Harbor authors
 *
 * Every shortcut the help overlay lists must name an action that exists and
 * has an accelerator, and every accelerator the application sets must be in
 * the help overlay.
 */

#include "config.h"

#include <string.h>

#include "harbor-application.h"
#include "harbor-window.h"
#include "harbor-test-utils.h"

static GPtrArray *
overlay_actions (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (HARBOR_RESOURCE_BASE "/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "action-name", &action, NULL);
      if (action != NULL)
        g_ptr_array_add (names, g_steal_pointer (&action));
    }
  return names;
}

static gboolean
widget_class_has_action (GtkWidget  *widget,
                         const char *name)
{
  /* A widget class holds its parents' actions too. GTK 4.8 needs every out
   * argument of gtk_widget_class_query_action(). */
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  const GVariantType *parameter_type;
  const char *action_name;
  const char *property_name;
  GType owner;

  for (guint i = 0;
       gtk_widget_class_query_action (klass, i, &owner, &action_name, &parameter_type, &property_name);
       i++)
    if (g_str_equal (action_name, name))
      return TRUE;
  return FALSE;
}

static void
test_overlay_matches_actions (void)
{
  g_autoptr(HarborApplication) app = harbor_application_new ();
  g_autoptr(GPtrArray) actions = NULL;
  g_auto(GStrv) accel_actions = NULL;
  g_autoptr(GError) error = NULL;
  HarborWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = harbor_window_new (app);

  actions = overlay_actions ();
  g_assert_cmpuint (actions->len, >=, 4);

  for (guint i = 0; i < actions->len; i++)
    {
      const char *full = g_ptr_array_index (actions, i);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), full);
      gboolean exists;

      g_test_message ("checking %s", full);
      if (g_str_has_prefix (full, "app."))
        exists = g_action_map_lookup_action (G_ACTION_MAP (app), full + 4) != NULL;
      else if (g_str_has_prefix (full, "win."))
        exists = g_action_group_has_action (G_ACTION_GROUP (window), full + 4);
      else
        exists = widget_class_has_action (GTK_WIDGET (window), full);

      g_assert_true (exists);
      g_assert_nonnull (accels);
      g_assert_nonnull (accels[0]);
    }

  /* The other direction: no accelerator goes unlisted. */
  accel_actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; accel_actions[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (accel_actions[i]);
      char *target = strstr (name, "::");
      gboolean listed = FALSE;

      if (target != NULL)
        *target = '\0';
      for (guint j = 0; j < actions->len; j++)
        listed |= g_str_equal (name, g_ptr_array_index (actions, j));
      g_test_message ("accelerator action %s", name);
      g_assert_true (listed);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  if (!harbor_test_init_gtk (&argc, &argv))
    return harbor_test_skip_all ("no display");

  g_test_add_func ("/app/shortcuts/overlay-matches-actions", test_overlay_matches_actions);

  return g_test_run ();
}
