/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-window.c: the main window
 *
 * Copyright 2026 The Harbor authors
 *
 * The window follows the session: the set-up page while there is no vault,
 * the recovery key right after creating one, the neutral lock screen while
 * it is locked, and the clients view while it is open. The clients view,
 * and everything under it that shows client data, is created on unlock and
 * destroyed on lock, so nothing of a client survives in a widget.
 *
 * Backing up (the primary menu, while the vault is open) and restoring (the
 * set-up page, while there is no vault) happen in their own dialogs; a
 * restored vault's recovery key shows as after creating one.
 *
 * The title is always the application's name: nothing about a client ever
 * goes into a window title, where task switchers and screen sharing show it.
 */

#define G_LOG_DOMAIN "harbor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-backup-dialog.h"
#include "harbor-clients-view.h"
#include "harbor-deleted-clients.h"
#include "harbor-funder-report.h"
#include "harbor-law-library.h"
#include "harbor-recovery-page.h"
#include "harbor-restore-dialog.h"
#include "harbor-session.h"
#include "harbor-setup-page.h"
#include "harbor-unlock-page.h"
#include "harbor-widget-utils.h"
#include "harbor-window.h"

struct _HarborWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  HarborSetupPage      *setup_page;
  HarborRecoveryPage   *recovery_page;
  HarborUnlockPage     *unlock_page;
  GtkWidget            *lock_button;
  GtkWidget            *library_button;

  /* Owned references */
  HarborSession        *session;
  GCancellable         *cancellable;

  /* Created on unlock, destroyed on lock */
  GtkWidget            *clients_view;

  /* Weak: the Recently Deleted Clients window while open; closed on lock */
  GtkWindow            *deleted_clients;

  /* Created when first shown; holds no client data, so it survives locking */
  GtkWidget            *law_library;

  gboolean              showing_recovery;

  /* Toasts shown while unlocked; an undo toast can hold client data */
  GPtrArray            *toasts;
};

G_DEFINE_FINAL_TYPE (HarborWindow, harbor_window, ADW_TYPE_APPLICATION_WINDOW)

static void
destroy_client_views (HarborWindow *self)
{
  if (self->clients_view == NULL)
    return;

  gtk_stack_remove (self->stack, self->clients_view);
  self->clients_view = NULL;
}

static void
close_deleted_clients (HarborWindow *self)
{
  GtkWindow *window = g_steal_pointer (&self->deleted_clients);

  if (window == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &self->deleted_clients);
  gtk_window_destroy (window);
}

static void
show_clients (HarborWindow *self)
{
  HarborVault *vault = harbor_session_get_vault (self->session);

  if (vault == NULL)
    return;

  if (self->clients_view == NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      const HarborRules *rules = NULL;

      if (HARBOR_IS_APPLICATION (app))
        rules = harbor_application_get_rules (HARBOR_APPLICATION (app), NULL);
      self->clients_view = harbor_clients_view_new (vault, rules);
      gtk_stack_add_named (self->stack, self->clients_view, "clients");
    }
  gtk_stack_set_visible_child (self->stack, self->clients_view);
}

static gboolean
library_shown (HarborWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "law-library");
  g_autoptr(GVariant) state = action != NULL ? g_action_get_state (action) : NULL;

  return state != NULL && g_variant_get_boolean (state);
}

static void
show_library (HarborWindow *self)
{
  if (self->law_library == NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      g_autoptr(GError) error = NULL;
      const HarborRules *rules = NULL;

      self->law_library = harbor_law_library_new ();
      gtk_stack_add_named (self->stack, self->law_library, "library");
      if (HARBOR_IS_APPLICATION (app))
        rules = harbor_application_get_rules (HARBOR_APPLICATION (app), &error);
      if (rules != NULL)
        harbor_law_library_set_rules (HARBOR_LAW_LIBRARY (self->law_library), rules);
      else
        harbor_window_add_toast (self, adw_toast_new (_("The law library could not be loaded. "
                                                        "Reinstalling Harbor may help.")));
    }
  gtk_stack_set_visible_child (self->stack, self->law_library);
}

static void
update_actions (HarborWindow *self)
{
  static const char *const vault_actions[] = { "backup", "deleted-clients", "funder-report" };
  gboolean busy = harbor_session_get_busy (self->session);
  gboolean usable = harbor_session_get_state (self->session) == HARBOR_SESSION_UNLOCKED && !busy;

  for (guint i = 0; i < G_N_ELEMENTS (vault_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              vault_actions[i])),
                                 usable);
  /* A backup reads the vault in one transaction: nothing may change it
   * meanwhile. */
  if (self->clients_view != NULL)
    gtk_widget_set_sensitive (self->clients_view, !busy);
}

static void
update_page (HarborWindow *self)
{
  HarborSessionState state = harbor_session_get_state (self->session);

  /* Let go of the focus before the page that holds it goes away or is
   * emptied, so no entry keeps typed text focused off screen. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (self->lock_button, state == HARBOR_SESSION_UNLOCKED);
  gtk_widget_set_visible (self->library_button, state != HARBOR_SESSION_NO_VAULT);
  update_actions (self);

  if (state != HARBOR_SESSION_UNLOCKED)
    {
      /* Undo toasts hold client data and act on the vault: gone on lock. */
      g_autoptr(GPtrArray) toasts = g_steal_pointer (&self->toasts);

      self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < toasts->len; i++)
        adw_toast_dismiss (g_ptr_array_index (toasts, i));
      destroy_client_views (self);
      close_deleted_clients (self);
      harbor_recovery_page_clear (self->recovery_page);
      self->showing_recovery = FALSE;
    }

  if (state == HARBOR_SESSION_NO_VAULT)
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      return;
    }

  if (self->showing_recovery)
    {
      gtk_stack_set_visible_child_name (self->stack, "recovery");
      return;
    }

  if (library_shown (self))
    {
      show_library (self);
      return;
    }

  if (state == HARBOR_SESSION_LOCKED)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "unlock") != 0)
        {
          harbor_unlock_page_clear (self->unlock_page);
          harbor_unlock_page_wait (self->unlock_page, harbor_session_get_retry_delay (self->session));
        }
      gtk_stack_set_visible_child_name (self->stack, "unlock");
      harbor_unlock_page_focus (self->unlock_page);
      return;
    }

  show_clients (self);
}

static void
session_state_changed_cb (HarborWindow *self)
{
  update_page (self);
}

static void
session_busy_changed_cb (HarborWindow *self)
{
  gboolean busy = harbor_session_get_busy (self->session);

  harbor_setup_page_set_busy (self->setup_page, busy);
  harbor_unlock_page_set_busy (self->unlock_page, busy);
  update_actions (self);
  if (!busy)
    update_page (self);
}

static void
create_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HarborWindow) self = user_data;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;

  recovery = harbor_session_create_finish (HARBOR_SESSION (source), result, &error);
  if (recovery == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        harbor_setup_page_set_error (self->setup_page, harbor_session_describe_error (error));
      return;
    }

  harbor_setup_page_clear (self->setup_page);
  harbor_recovery_page_set_key (self->recovery_page, recovery);
  self->showing_recovery = TRUE;
  update_page (self);
}

static void
setup_create_cb (HarborWindow *self,
                 const char   *passphrase)
{
  harbor_setup_page_set_error (self->setup_page, NULL);
  harbor_session_create_async (self->session, passphrase, self->cancellable,
                               create_done_cb, g_object_ref (self));
}

static void
restored_cb (HarborWindow *self,
             const char   *recovery)
{
  harbor_setup_page_clear (self->setup_page);
  harbor_recovery_page_set_key (self->recovery_page, recovery);
  self->showing_recovery = TRUE;
  update_page (self);
}

static void
watch_dialog (HarborWindow *self,
              GtkWindow    *dialog)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* Typing in the dialog is use, for the automatic lock. */
  if (HARBOR_IS_APPLICATION (app))
    harbor_application_watch_window (HARBOR_APPLICATION (app), dialog);
}

/**
 * harbor_window_open_restore:
 * @self: a window
 * @backup: the backup file
 *
 * Opens the dialog that restores @backup into a new vault, as after the
 * file chooser of "Restore From a Backup…"; not while there is a vault.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL if there is a
 *   vault or the session is busy
 */
GtkWindow *
harbor_window_open_restore (HarborWindow *self,
                            GFile        *backup)
{
  HarborRestoreDialog *dialog;

  g_return_val_if_fail (HARBOR_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (backup), NULL);

  if (harbor_session_get_state (self->session) != HARBOR_SESSION_NO_VAULT ||
      harbor_session_get_busy (self->session))
    return NULL;

  dialog = harbor_restore_dialog_new (GTK_WINDOW (self), self->session, backup);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (restored_cb), self, G_CONNECT_SWAPPED);
  watch_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
restore_file_chosen_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(HarborWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    harbor_window_open_restore (self, file);
}

static void
setup_restore_cb (HarborWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (harbor_session_get_state (self->session) != HARBOR_SESSION_NO_VAULT)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose a Backup"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Harbor backups"));
  gtk_file_filter_add_pattern (filter, "*.hbk");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  HarborWindow *self = user_data;
  HarborBackupDialog *dialog;

  if (harbor_session_get_state (self->session) != HARBOR_SESSION_UNLOCKED ||
      harbor_session_get_busy (self->session))
    return;

  dialog = harbor_backup_dialog_new (GTK_WINDOW (self), self->session);
  watch_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recovery_done_cb (HarborWindow *self)
{
  harbor_recovery_page_clear (self->recovery_page);
  self->showing_recovery = FALSE;
  update_page (self);
}

static void
unlock_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HarborWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (harbor_session_unlock_finish (HARBOR_SESSION (source), result, &error))
    {
      harbor_unlock_page_clear (self->unlock_page);
      update_page (self);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  harbor_unlock_page_set_error (self->unlock_page, harbor_session_describe_error (error));
  harbor_unlock_page_wait (self->unlock_page, harbor_session_get_retry_delay (self->session));
  harbor_unlock_page_focus (self->unlock_page);
}

static void
unlock_cb (HarborWindow *self,
           const char   *secret,
           gboolean      is_recovery_key)
{
  harbor_session_unlock_async (self->session, secret, is_recovery_key, self->cancellable,
                               unlock_done_cb, g_object_ref (self));
}

static void
law_library_change_state (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  HarborWindow *self = user_data;

  g_simple_action_set_state (action, value);
  update_page (self);
}

static void
client_restored_cb (HarborWindow *self)
{
  if (self->clients_view != NULL)
    harbor_clients_view_reload (HARBOR_CLIENTS_VIEW (self->clients_view));
}

static void
deleted_clients_activate (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  HarborWindow *self = user_data;
  HarborVault *vault = self->session != NULL ? harbor_session_get_vault (self->session) : NULL;

  if (vault == NULL || harbor_session_get_state (self->session) != HARBOR_SESSION_UNLOCKED)
    return;
  if (self->deleted_clients == NULL)
    {
      self->deleted_clients = GTK_WINDOW (harbor_deleted_clients_new (GTK_WINDOW (self), vault));
      g_object_add_weak_pointer (G_OBJECT (self->deleted_clients), (gpointer *) &self->deleted_clients);
      g_signal_connect_object (self->deleted_clients, "restored", G_CALLBACK (client_restored_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (self->deleted_clients);
}

static void
funder_report_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  HarborWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  const HarborRules *rules = NULL;
  HarborFunderReport *report;

  if (harbor_session_get_vault (self->session) == NULL)
    return;
  if (HARBOR_IS_APPLICATION (app))
    rules = harbor_application_get_rules (HARBOR_APPLICATION (app), &error);
  if (rules == NULL)
    {
      harbor_window_add_toast (self, adw_toast_new (_("The funder report could not be made: the "
                                                      "rule data could not be loaded.")));
      return;
    }
  report = harbor_funder_report_new (GTK_WINDOW (self), self->session, rules);
  harbor_application_watch_window (HARBOR_APPLICATION (app), GTK_WINDOW (report));
  gtk_window_present (GTK_WINDOW (report));
}

static const GActionEntry win_actions[] = {
  { .name = "law-library", .state = "false", .change_state = law_library_change_state },
  { .name = "deleted-clients", .activate = deleted_clients_activate },
  { .name = "funder-report", .activate = funder_report_activated },
  { .name = "backup", .activate = backup_action },
};

static void
save_window_state (HarborWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;
  int width, height;

  if (!HARBOR_IS_APPLICATION (app))
    return;

  settings = harbor_application_get_settings (HARBOR_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
harbor_window_close_request (GtkWindow *window)
{
  save_window_state (HARBOR_WINDOW (window));

  return GTK_WINDOW_CLASS (harbor_window_parent_class)->close_request (window);
}

/* Runs once the window belongs to its application ("application" is not a
 * construct property, so this cannot happen in constructed()). */
static void
attach (HarborWindow      *self,
        HarborApplication *app)
{
  if (app != NULL)
    {
      GSettings *settings = harbor_application_get_settings (app);
      int width, height;

      g_settings_get (settings, "window-size", "(ii)", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));

      g_settings_bind (settings, "clipboard-clear-delay",
                       self->recovery_page, "clear-delay", G_SETTINGS_BIND_GET);

      self->session = g_object_ref (harbor_application_get_session (app));
      harbor_application_watch_window (app, GTK_WINDOW (self));
    }
  else
    {
      /* A window without the application (tests of the layout only). */
      g_autofree char *dir = harbor_session_default_dir ();

      self->session = harbor_session_new (dir);
    }

  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (session_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::busy",
                           G_CALLBACK (session_busy_changed_cb), self, G_CONNECT_SWAPPED);
  update_page (self);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
harbor_window_dispose (GObject *object)
{
  HarborWindow *self = HARBOR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  destroy_client_views (self);
  close_deleted_clients (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);

  G_OBJECT_CLASS (harbor_window_parent_class)->dispose (object);
}

static void
harbor_window_class_init (HarborWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = harbor_window_dispose;
  window_class->close_request = harbor_window_close_request;

  g_type_ensure (HARBOR_TYPE_SETUP_PAGE);
  g_type_ensure (HARBOR_TYPE_RECOVERY_PAGE);
  g_type_ensure (HARBOR_TYPE_UNLOCK_PAGE);
  g_type_ensure (HARBOR_TYPE_LAW_LIBRARY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, recovery_page);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, HarborWindow, library_button);
  gtk_widget_class_bind_template_callback (widget_class, setup_create_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_restore_cb);
  gtk_widget_class_bind_template_callback (widget_class, recovery_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
}

static void
harbor_window_init (HarborWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "backup")),
                               FALSE);

  gtk_window_set_title (GTK_WINDOW (self), _("Harbor"));
}

/**
 * harbor_window_new:
 * @application: (nullable): the application
 *
 * Returns: (transfer full): a new main window
 */
HarborWindow *
harbor_window_new (HarborApplication *application)
{
  HarborWindow *self = g_object_new (HARBOR_TYPE_WINDOW,
                                     "application", application,
                                     NULL);

  attach (self, application);
  return self;
}

static void
toast_dismissed_cb (AdwToast     *toast,
                    HarborWindow *self)
{
  if (self->toasts != NULL)
    g_ptr_array_remove (self->toasts, toast);
}

/**
 * harbor_window_add_toast:
 * @self: a window
 * @toast: (transfer full): a toast
 */
void
harbor_window_add_toast (HarborWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (HARBOR_IS_WINDOW (self));

  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  harbor_toast_overlay_add (self->toast_overlay, toast);
}

/**
 * harbor_window_get_page_name:
 * @self: a window
 *
 * Returns: (transfer none): the page shown: "setup", "recovery", "unlock",
 *   "clients" or "library"
 */
const char *
harbor_window_get_page_name (HarborWindow *self)
{
  g_return_val_if_fail (HARBOR_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * harbor_window_get_toasts:
 * @self: a window
 *
 * Returns: (transfer none) (element-type AdwToast): the toasts shown and not
 *   yet dismissed (for tests)
 */
GPtrArray *
harbor_window_get_toasts (HarborWindow *self)
{
  g_return_val_if_fail (HARBOR_IS_WINDOW (self), NULL);

  return self->toasts;
}
