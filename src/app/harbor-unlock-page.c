/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-unlock-page.c: the neutral lock screen
 *
 * Copyright 2026 The Harbor authors
 *
 * Unlock with the passphrase or, if it is forgotten, the recovery key. The
 * page emits "unlock" with the secret and which kind it is; the window runs
 * the slow key derivation and reports back. After repeated wrong attempts
 * the Unlock button waits out the session's retry delay with a countdown.
 */

#define G_LOG_DOMAIN "harbor-unlock-page"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"

#include "harbor-unlock-page.h"

struct _HarborUnlockPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkStack            *mode_stack;
  AdwPasswordEntryRow *passphrase_row;
  AdwEntryRow         *recovery_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *unlock_button;
  GtkButton           *mode_button;

  gboolean             busy;
  guint                wait_left;
  guint                wait_source;
};

G_DEFINE_FINAL_TYPE (HarborUnlockPage, harbor_unlock_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_UNLOCK,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static gboolean
using_recovery_key (HarborUnlockPage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->mode_stack), "recovery");
}

static GtkEditable *
current_entry (HarborUnlockPage *self)
{
  return using_recovery_key (self) ? GTK_EDITABLE (self->recovery_row)
                                   : GTK_EDITABLE (self->passphrase_row);
}

static void
update (HarborUnlockPage *self)
{
  gboolean ready = !self->busy && self->wait_left == 0 &&
                   *gtk_editable_get_text (current_entry (self)) != '\0';

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.toggle-mode", !self->busy);

  if (self->wait_left > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Try Again in %u Second",
                                                             "Try Again in %u Seconds",
                                                             self->wait_left),
                                                self->wait_left);
      gtk_button_set_label (self->unlock_button, label);
    }
  else
    {
      gtk_button_set_label (self->unlock_button, _("_Unlock"));
    }
}

static void
entry_changed_cb (HarborUnlockPage *self)
{
  update (self);
}

static void
entry_activated_cb (HarborUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "unlock.unlock", NULL);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborUnlockPage *self = HARBOR_UNLOCK_PAGE (widget);
  const char *secret = gtk_editable_get_text (current_entry (self));

  if (self->busy || self->wait_left > 0 || *secret == '\0')
    return;

  harbor_unlock_page_set_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_UNLOCK], 0, secret, using_recovery_key (self));
}

static void
toggle_mode_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HarborUnlockPage *self = HARBOR_UNLOCK_PAGE (widget);

  harbor_unlock_page_clear (self);
  if (using_recovery_key (self))
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "passphrase");
      gtk_button_set_label (self->mode_button, _("Forgot the passphrase? Use the _recovery key"));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "recovery");
      gtk_button_set_label (self->mode_button, _("Use the _passphrase"));
    }
  harbor_unlock_page_focus (self);
  update (self);
}

static gboolean
wait_tick_cb (gpointer user_data)
{
  HarborUnlockPage *self = user_data;

  if (self->wait_left > 0)
    self->wait_left--;
  update (self);
  if (self->wait_left == 0)
    {
      self->wait_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
harbor_unlock_page_dispose (GObject *object)
{
  HarborUnlockPage *self = HARBOR_UNLOCK_PAGE (object);

  g_clear_handle_id (&self->wait_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), HARBOR_TYPE_UNLOCK_PAGE);
  harbor_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (harbor_unlock_page_parent_class)->dispose (object);
}

static void
harbor_unlock_page_class_init (HarborUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_unlock_page_dispose;

  /**
   * HarborUnlockPage::unlock:
   * @self: the page
   * @secret: what was typed
   * @is_recovery_key: %TRUE for the recovery key, %FALSE for the passphrase
   */
  signals[SIGNAL_UNLOCK] =
    g_signal_new ("unlock", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, HarborUnlockPage, mode_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "unlock.toggle-mode", NULL, toggle_mode_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_unlock_page_init (HarborUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  harbor_widget_name_inner_buttons (GTK_WIDGET (self->passphrase_row), _("Show the passphrase"));
  update (self);
}

GtkWidget *
harbor_unlock_page_new (void)
{
  return g_object_new (HARBOR_TYPE_UNLOCK_PAGE, NULL);
}

/**
 * harbor_unlock_page_set_busy:
 * @self: the page
 * @busy: whether the key is being derived
 */
void
harbor_unlock_page_set_busy (HarborUnlockPage *self,
                             gboolean          busy)
{
  g_return_if_fail (HARBOR_IS_UNLOCK_PAGE (self));

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_stack), !busy);
  update (self);
}

/**
 * harbor_unlock_page_set_error:
 * @self: the page
 * @message: (nullable): a plain sentence, or %NULL to hide it
 */
void
harbor_unlock_page_set_error (HarborUnlockPage *self,
                              const char       *message)
{
  g_return_if_fail (HARBOR_IS_UNLOCK_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * harbor_unlock_page_wait:
 * @self: the page
 * @seconds: how long Unlock stays off
 */
void
harbor_unlock_page_wait (HarborUnlockPage *self,
                         guint             seconds)
{
  g_return_if_fail (HARBOR_IS_UNLOCK_PAGE (self));

  g_clear_handle_id (&self->wait_source, g_source_remove);
  self->wait_left = seconds;
  if (seconds > 0)
    self->wait_source = g_timeout_add_seconds (1, wait_tick_cb, self);
  update (self);
}

/**
 * harbor_unlock_page_clear:
 * @self: the page
 *
 * Empties the entries and hides any error.
 */
void
harbor_unlock_page_clear (HarborUnlockPage *self)
{
  g_return_if_fail (HARBOR_IS_UNLOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->recovery_row), "");
  harbor_unlock_page_set_error (self, NULL);
}

void
harbor_unlock_page_focus (HarborUnlockPage *self)
{
  g_return_if_fail (HARBOR_IS_UNLOCK_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (current_entry (self)));
}
