/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-recovery-page.c: shows the recovery key once
 *
 * Copyright 2026 The Harbor authors
 *
 * The key can be copied (the clipboard is emptied again after the delay
 * from the preferences, if it still holds what Harbor put there) and
 * printed. "Continue" stays off until the caseworker confirms having kept
 * the key: without it a forgotten passphrase loses every record for good.
 */

#define G_LOG_DOMAIN "harbor-recovery-page"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"
#include <sodium.h>
#include <string.h>

#include "harbor-recovery-page.h"

struct _HarborRecoveryPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *key_label;
  GtkLabel        *copied_label;
  GtkCheckButton  *kept_check;

  /* Owned */
  char            *key;
  guint            clear_delay;
  guint            clear_source;
};

G_DEFINE_FINAL_TYPE (HarborRecoveryPage, harbor_recovery_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLEAR_DELAY,
  N_PROPS,
};

enum {
  SIGNAL_DONE,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_actions (HarborRecoveryPage *self)
{
  gboolean has_key = self->key != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.copy", has_key);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.print", has_key);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery.continue",
                                 has_key && gtk_check_button_get_active (self->kept_check));
}

static void
kept_toggled_cb (HarborRecoveryPage *self)
{
  update_actions (self);
}

static gboolean
clear_clipboard_cb (gpointer user_data)
{
  HarborRecoveryPage *self = user_data;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  self->clear_source = 0;
  /* Only take back what Harbor put there: if the caseworker has copied
   * something else since, leave it alone. */
  if (gdk_clipboard_is_local (clipboard))
    gdk_clipboard_set_content (clipboard, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), FALSE);
  return G_SOURCE_REMOVE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarborRecoveryPage *self = HARBOR_RECOVERY_PAGE (widget);
  g_autofree char *message = NULL;

  if (self->key == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->key);
  g_clear_handle_id (&self->clear_source, g_source_remove);
  self->clear_source = g_timeout_add_seconds (self->clear_delay, clear_clipboard_cb, self);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Copied. Harbor will clear the clipboard in %u second.",
                                          "Copied. Harbor will clear the clipboard in %u seconds.",
                                          self->clear_delay),
                             self->clear_delay);
  gtk_label_set_text (self->copied_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), TRUE);
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page_nr,
              HarborRecoveryPage *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) heading = pango_font_description_from_string ("Sans Bold 16");
  g_autoptr(PangoFontDescription) body = pango_font_description_from_string ("Sans 11");
  g_autoptr(PangoFontDescription) mono = pango_font_description_from_string ("Monospace Bold 15");
  int height;
  double y = 0;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  pango_layout_set_font_description (layout, heading);
  pango_layout_set_text (layout, _("Harbor Recovery Key"), -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 18;

  pango_layout_set_font_description (layout, body);
  pango_layout_set_text (layout,
                         _("This key opens the Harbor vault on one computer if the passphrase is "
                           "forgotten. Keep this page in a locked, safe place, away from the "
                           "computer. Anyone with this key and the vault’s files can read them."),
                         -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  pango_layout_set_font_description (layout, mono);
  pango_layout_set_text (layout, self->key != NULL ? self->key : "", -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarborRecoveryPage *self = HARBOR_RECOVERY_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->key == NULL)
    return;

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Harbor recovery key"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the recovery key: %s", error->message);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HarborRecoveryPage *self = HARBOR_RECOVERY_PAGE (widget);

  if (self->key == NULL || !gtk_check_button_get_active (self->kept_check))
    return;

  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
harbor_recovery_page_dispose (GObject *object)
{
  HarborRecoveryPage *self = HARBOR_RECOVERY_PAGE (object);

  harbor_recovery_page_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (object), HARBOR_TYPE_RECOVERY_PAGE);
  harbor_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (harbor_recovery_page_parent_class)->dispose (object);
}

static void
harbor_recovery_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HarborRecoveryPage *self = HARBOR_RECOVERY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLEAR_DELAY:
      g_value_set_uint (value, self->clear_delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_recovery_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HarborRecoveryPage *self = HARBOR_RECOVERY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLEAR_DELAY:
      harbor_recovery_page_set_clear_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_recovery_page_class_init (HarborRecoveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_recovery_page_dispose;
  object_class->get_property = harbor_recovery_page_get_property;
  object_class->set_property = harbor_recovery_page_set_property;

  properties[PROP_CLEAR_DELAY] =
    g_param_spec_uint ("clear-delay", NULL, NULL, 1, G_MAXUINT, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HarborRecoveryPage::done:
   * @self: the page
   *
   * The caseworker confirmed having kept the key.
   */
  signals[SIGNAL_DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-recovery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborRecoveryPage, key_label);
  gtk_widget_class_bind_template_child (widget_class, HarborRecoveryPage, copied_label);
  gtk_widget_class_bind_template_child (widget_class, HarborRecoveryPage, kept_check);
  gtk_widget_class_bind_template_callback (widget_class, kept_toggled_cb);

  gtk_widget_class_install_action (widget_class, "recovery.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "recovery.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "recovery.continue", NULL, continue_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_recovery_page_init (HarborRecoveryPage *self)
{
  self->clear_delay = 30;
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
harbor_recovery_page_new (void)
{
  return g_object_new (HARBOR_TYPE_RECOVERY_PAGE, NULL);
}

/**
 * harbor_recovery_page_set_key:
 * @self: the page
 * @recovery_key: the key, as groups of characters
 */
void
harbor_recovery_page_set_key (HarborRecoveryPage *self,
                              const char         *recovery_key)
{
  g_return_if_fail (HARBOR_IS_RECOVERY_PAGE (self));

  harbor_recovery_page_clear (self);
  self->key = g_strdup (recovery_key);
  gtk_label_set_text (self->key_label, recovery_key);
  update_actions (self);
}

/**
 * harbor_recovery_page_clear:
 * @self: the page
 *
 * Forgets the key: the label is emptied, the copy in memory wiped, and a
 * pending clipboard clearing happens now.
 */
void
harbor_recovery_page_clear (HarborRecoveryPage *self)
{
  g_return_if_fail (HARBOR_IS_RECOVERY_PAGE (self));

  if (self->clear_source != 0)
    {
      g_clear_handle_id (&self->clear_source, g_source_remove);
      clear_clipboard_cb (self);
    }
  if (self->key != NULL)
    {
      sodium_memzero (self->key, strlen (self->key));
      g_clear_pointer (&self->key, g_free);
    }
  if (self->key_label != NULL)
    gtk_label_set_text (self->key_label, "");
  if (self->kept_check != NULL)
    gtk_check_button_set_active (self->kept_check, FALSE);
  update_actions (self);
}

/**
 * harbor_recovery_page_set_clear_delay:
 * @self: the page
 * @seconds: how long a copied key stays on the clipboard
 */
void
harbor_recovery_page_set_clear_delay (HarborRecoveryPage *self,
                                      guint               seconds)
{
  g_return_if_fail (HARBOR_IS_RECOVERY_PAGE (self));

  seconds = MAX (seconds, 1);
  if (self->clear_delay == seconds)
    return;
  self->clear_delay = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLEAR_DELAY]);
}
