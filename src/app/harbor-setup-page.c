/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-setup-page.c: first run, choosing the vault passphrase
 *
 * Copyright 2026 The Harbor authors
 *
 * The page checks the passphrase as it is typed (HarborNewPassphrase: its
 * strength, with a minimum the Create button waits for, and that both
 * entries match). It emits "create" with the passphrase; the window does
 * the rest. "Restore From a Backup…" emits "restore": the page is only
 * shown while there is no vault, so a restore is never offered over one.
 */

#define G_LOG_DOMAIN "harbor-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"

#include "harbor-new-passphrase.h"
#include "harbor-setup-page.h"

struct _HarborSetupPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  HarborNewPassphrase *new_passphrase;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
  GtkButton           *create_button;
  GtkButton           *restore_button;

  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (HarborSetupPage, harbor_setup_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CREATE,
  SIGNAL_RESTORE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static gboolean
can_create (HarborSetupPage *self)
{
  return !self->busy && harbor_new_passphrase_get_acceptable (self->new_passphrase);
}

static void
update (HarborSetupPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.create", can_create (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.restore", !self->busy);
}

static void
passphrase_changed_cb (HarborSetupPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update (self);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborSetupPage *self = HARBOR_SETUP_PAGE (widget);

  if (!can_create (self))
    return;

  g_signal_emit (self, signals[SIGNAL_CREATE], 0,
                 harbor_new_passphrase_get_text (self->new_passphrase));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarborSetupPage *self = HARBOR_SETUP_PAGE (widget);

  if (self->busy)
    return;

  g_signal_emit (self, signals[SIGNAL_RESTORE], 0);
}

static void
confirm_activated_cb (HarborSetupPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.create", NULL);
}

static void
harbor_setup_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HARBOR_TYPE_SETUP_PAGE);
  harbor_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (harbor_setup_page_parent_class)->dispose (object);
}

static void
harbor_setup_page_class_init (HarborSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_setup_page_dispose;

  /**
   * HarborSetupPage::create:
   * @self: the page
   * @passphrase: the chosen passphrase, strong enough and confirmed
   */
  signals[SIGNAL_CREATE] =
    g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * HarborSetupPage::restore:
   * @self: the page
   *
   * The caseworker asked to make the vault from a backup.
   */
  signals[SIGNAL_RESTORE] =
    g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HARBOR_TYPE_NEW_PASSPHRASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborSetupPage, new_passphrase);
  gtk_widget_class_bind_template_child (widget_class, HarborSetupPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, HarborSetupPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HarborSetupPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, HarborSetupPage, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);

  gtk_widget_class_install_action (widget_class, "setup.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "setup.restore", NULL, restore_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_setup_page_init (HarborSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
harbor_setup_page_new (void)
{
  return g_object_new (HARBOR_TYPE_SETUP_PAGE, NULL);
}

/**
 * harbor_setup_page_set_busy:
 * @self: the page
 * @busy: whether the vault is being created or restored
 *
 * Shows a spinner and keeps the entries from changing meanwhile.
 */
void
harbor_setup_page_set_busy (HarborSetupPage *self,
                            gboolean         busy)
{
  g_return_if_fail (HARBOR_IS_SETUP_PAGE (self));

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_passphrase), !busy);
  update (self);
}

/**
 * harbor_setup_page_set_error:
 * @self: the page
 * @message: (nullable): a plain sentence, or %NULL to hide the error
 */
void
harbor_setup_page_set_error (HarborSetupPage *self,
                             const char      *message)
{
  g_return_if_fail (HARBOR_IS_SETUP_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * harbor_setup_page_clear:
 * @self: the page
 *
 * Empties both entries, so the passphrase does not linger in widgets.
 */
void
harbor_setup_page_clear (HarborSetupPage *self)
{
  g_return_if_fail (HARBOR_IS_SETUP_PAGE (self));

  harbor_new_passphrase_clear (self->new_passphrase);
  harbor_setup_page_set_error (self, NULL);
}
