/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-test-utils.c: helpers shared by the GTK tests
 *
 * Copyright 2026 The Harbor authors
 */

#include "config.h"

#include <glib/gstdio.h>

#include "harbor-keyfile.h"
#include "harbor-test-utils.h"

/* ---- The program ---------------------------------------------------------- */

/* GTK 4.8 warns that a text entry "did not receive a focus-out event" when
 * focus moves between toplevels on an X server without a window manager,
 * as under Xvfb. It says nothing about Harbor, so that one message is
 * dropped; every other warning stays fatal. GTK logs through the structured
 * API, where G_DEBUG=fatal-warnings acts in the writer, so the filter is a
 * writer too. */
static GLogWriterOutput
harbor_test_log_writer (GLogLevelFlags   log_level,
                        const GLogField *fields,
                        gsize            n_fields,
                        gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        message = fields[i].value;
    }

  if (g_strcmp0 (domain, "Gtk") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0 &&
      message != NULL && strstr (message, "did not receive a focus-out event") != NULL)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Initialises GTK and libadwaita for a test, or returns FALSE (after marking
 * the run skipped) when there is no display. */
gboolean
harbor_test_init_gtk (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (harbor_test_log_writer, NULL, NULL);
  g_test_init (argc, argv, NULL);
  if (!harbor_core_init (NULL))
    g_error ("The core library could not be initialised");
  if (!gtk_init_check ())
    return FALSE;
  adw_init ();
  return TRUE;
}

/* Reports the whole program as skipped in TAP. */
int
harbor_test_skip_all (const char *reason)
{
  g_print ("1..0 # SKIP %s\n", reason);
  return 0;
}

/* One registered application for the whole program, as in Harbor: it
 * brings the resource bundle's icons into the icon theme and owns the
 * session the windows show. */
HarborApplication *
harbor_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  HarborApplication *app = harbor_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);
  return app;
}

/* ---- Waiting -------------------------------------------------------------- */

/* Spins the main loop until @done returns TRUE or @timeout_ms passes. */
gboolean
harbor_test_wait (gboolean (*done) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms milliseconds. */
void
harbor_test_spin (guint ms)
{
  harbor_test_wait (never, NULL, ms);
}

/* A GAsyncReadyCallback that keeps the result in *user_data. */
void
harbor_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* For harbor_test_wait(): whether the pointer at @data has been cleared,
 * as a weak pointer is when its object goes. */
gboolean
harbor_test_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* For harbor_test_wait(): whether the widget @data is on screen with a
 * size. */
gboolean
harbor_test_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) &&
         gtk_widget_get_width (GTK_WIDGET (data)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (data)) > 0;
}

static gboolean
page_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (harbor_window_get_page_name (args[0]), args[1]) == 0;
}

/* Waits for @window to show its page @name, and fails the test if it does
 * not within @timeout_ms. */
void
harbor_test_wait_for_page (HarborWindow *window,
                           const char   *name,
                           guint         timeout_ms)
{
  gpointer args[2] = { window, (gpointer) name };

  if (!harbor_test_wait (page_is, args, timeout_ms))
    g_error ("Expected page “%s”, still on “%s”", name, harbor_window_get_page_name (window));
}

/* ---- Folders and vaults --------------------------------------------------- */

/* A new vault in @dir, with the test suite's cheap key derivation, left
 * unlocked. */
HarborVault *
harbor_test_create_vault (const char *dir,
                          const char *passphrase)
{
  g_autoptr(HarborVault) vault = harbor_vault_new (dir);
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;
  HarborKdfParams params = harbor_kdf_params_for_tests ();

  recovery = harbor_vault_create (vault, passphrase, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  return g_steal_pointer (&vault);
}

/* A session for the vault folder @dir, with the test suite's cheap key
 * derivation, made the session of @app. */
HarborSession *
harbor_test_session_new (HarborApplication *app,
                         const char        *dir)
{
  HarborSession *session = harbor_session_new (dir);
  HarborKdfParams params = harbor_kdf_params_for_tests ();

  harbor_session_set_kdf_params (session, &params);
  harbor_application_set_session (app, session);
  return session;
}

/* Creates the session's vault with @passphrase, as the set-up page does,
 * and waits until it is open. */
void
harbor_test_session_create (HarborSession *session,
                            const char    *passphrase)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;

  harbor_session_create_async (session, passphrase, NULL, harbor_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  recovery = harbor_session_create_finish (session, result, &error);
  g_assert_no_error (error);
}

/* Closes @window, locks and drops *@session, and removes the folder *@dir
 * with everything in it. */
void
harbor_test_session_end (GtkWindow      *window,
                         HarborSession **session,
                         char          **dir)
{
  gtk_window_destroy (window);
  harbor_session_lock (*session);
  g_clear_object (session);
  harbor_test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

/* ---- Widgets -------------------------------------------------------------- */

typedef gboolean (*WidgetMatch) (GtkWidget    *widget,
                                 gconstpointer data);

/* The first widget in the tree of @root, @root included and depth first,
 * that @match accepts. */
static GtkWidget *
find_first (GtkWidget     *root,
            WidgetMatch    match,
            gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The first widget of @type in the tree of @root, @root included. */
GtkWidget *
harbor_test_find_widget (GtkWidget *root,
                         GType      type)
{
  return find_first (root, is_of_type, GSIZE_TO_POINTER (type));
}

typedef struct
{
  GType       type;
  const char *title;
} RowWanted;

static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  data)
{
  const RowWanted *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), wanted->title) == 0;
}

/* The first row of @type (an AdwPreferencesRow) titled @title. */
GtkWidget *
harbor_test_find_row (GtkWidget  *root,
                      GType       type,
                      const char *title)
{
  RowWanted wanted = { type, title };

  return find_first (root, is_row, &wanted);
}

/* Sets the text of the entry row of @type titled @title, which must be
 * there. */
void
harbor_test_type_into (GtkWidget  *root,
                       GType       type,
                       const char *title,
                       const char *text)
{
  GtkWidget *row = harbor_test_find_row (root, type, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
is_label_with_class (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, data);
}

/* The first label with the style class @css_class. */
GtkWidget *
harbor_test_find_label_with_class (GtkWidget  *root,
                                   const char *css_class)
{
  return find_first (root, is_label_with_class, css_class);
}

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The first button whose label is @label, mnemonic underscore included. */
GtkWidget *
harbor_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return find_first (root, is_button, label);
}

/* Clicks the button labelled @label, which must be there. */
void
harbor_test_click (GtkWidget  *root,
                   const char *label)
{
  GtkWidget *button = harbor_test_find_button (root, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* ---- Windows -------------------------------------------------------------- */

static GtkWindow *
find_toplevel (GType    type,
               gboolean mapped)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) &&
          (!mapped || gtk_widget_get_mapped (GTK_WIDGET (item))))
        return GTK_WINDOW (item);
    }
  return NULL;
}

/* The first toplevel window of @type, shown or not. */
GtkWindow *
harbor_test_find_toplevel (GType type)
{
  return find_toplevel (type, FALSE);
}

/* The first toplevel window of @type that is on screen. */
GtkWindow *
harbor_test_find_mapped_toplevel (GType type)
{
  return find_toplevel (type, TRUE);
}

static gboolean
toplevel_exists (gpointer data)
{
  return harbor_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
toplevel_mapped (gpointer data)
{
  return harbor_test_find_mapped_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* Waits up to five seconds for a toplevel window of @type, which must come. */
GtkWindow *
harbor_test_wait_for_toplevel (GType type)
{
  g_assert_true (harbor_test_wait (toplevel_exists, GSIZE_TO_POINTER (type), 5000));
  return harbor_test_find_toplevel (type);
}

/* Waits up to ten seconds for a toplevel window of @type to be on screen,
 * which it must be. */
GtkWindow *
harbor_test_wait_for_mapped_toplevel (GType type)
{
  g_assert_true (harbor_test_wait (toplevel_mapped, GSIZE_TO_POINTER (type), 10000));
  return harbor_test_find_mapped_toplevel (type);
}

/* ---- Screenshots ---------------------------------------------------------- */

/* Renders @widget into a PNG file in the build directory's screenshots/
 * folder (beside those of the end-to-end test) and returns its path. */
char *
harbor_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  const char *build_dir = g_getenv ("HARBOR_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir != NULL ? build_dir : ".", "screenshots", NULL);
  char *path = g_build_filename (dir, file, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GskRenderer *renderer;
  int width, height;

  g_assert_true (harbor_test_wait (harbor_test_is_drawn, widget, 10000));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  /* A freshly mapped widget has nothing to paint until its first frame. */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      g_main_context_iteration (NULL, FALSE);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}
