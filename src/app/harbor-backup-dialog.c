/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-backup-dialog.c: back up the vault into one encrypted file
 *
 * Copyright 2026 The Harbor authors
 *
 * The dialog says in plain words what a backup is, asks for the backup's
 * own passphrase twice (judged like the vault's, by HarborNewPassphrase),
 * then for the file through the native file chooser (the portal in a
 * sandbox). The session writes the backup in a worker thread; the bar
 * follows the clients written. Cancel stops it, and the core then leaves no
 * file behind. Locking the vault meanwhile cancels the backup and closes the
 * dialog. The passphrase is emptied from the entries once used; the session
 * keeps its copy in memory that is wiped.
 */

#define G_LOG_DOMAIN "harbor-backup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-backup-dialog.h"
#include "harbor-new-passphrase.h"
#include "harbor-progress-view.h"
#include "harbor-window.h"

struct _HarborBackupDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  HarborNewPassphrase *new_passphrase;
  GtkLabel            *error_label;
  HarborProgressView  *progress_view;

  /* Owned */
  HarborSession       *session;
  GtkFileChooserNative *chooser;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (HarborBackupDialog, harbor_backup_dialog, ADW_TYPE_WINDOW)

static void
update_actions (HarborBackupDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backup.save",
                                 !harbor_progress_view_get_running (self->progress_view) &&
                                 harbor_new_passphrase_get_acceptable (self->new_passphrase));
}

static void
set_error (HarborBackupDialog *self,
           const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
passphrase_changed_cb (HarborBackupDialog *self)
{
  set_error (self, NULL);
  update_actions (self);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  HarborBackupDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->disposed)
    return;

  if (total == 0)
    {
      harbor_progress_view_set_fraction (self->progress_view, 1.0);
      return;
    }
  harbor_progress_view_set_fraction (self->progress_view, (double) done / (double) total);
  /* Plain %u: xgettext cannot read a format built from G_GUINT64_FORMAT,
   * and no vault holds four thousand million clients. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u client", "%u of %u clients",
                                       (gulong) MIN (total, G_MAXUINT)),
                          (guint) MIN (done, G_MAXUINT), (guint) MIN (total, G_MAXUINT));
  harbor_progress_view_set_text (self->progress_view, text);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HarborBackupDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (harbor_session_backup_finish (HARBOR_SESSION (source), result, &error))
    {
      if (self->disposed)
        return;
      parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      if (HARBOR_IS_WINDOW (parent))
        harbor_window_add_toast (HARBOR_WINDOW (parent), adw_toast_new (_("Backup saved")));
      harbor_new_passphrase_clear (self->new_passphrase);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (self->disposed)
    return;
  if (harbor_progress_view_cancelled (self->progress_view, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  harbor_progress_view_stop (self->progress_view);
  update_actions (self);
  set_error (self, harbor_session_describe_error (error));
}

/**
 * harbor_backup_dialog_save_to:
 * @self: the dialog
 * @file: the backup file to create
 *
 * Starts writing the backup to @file with the passphrase typed in the
 * dialog; the file chooser calls it, and so can a test.
 *
 * Returns: %TRUE if the backup started
 */
gboolean
harbor_backup_dialog_save_to (HarborBackupDialog *self,
                              GFile              *file)
{
  GCancellable *cancellable;

  g_return_val_if_fail (HARBOR_IS_BACKUP_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->disposed || harbor_progress_view_get_running (self->progress_view) ||
      !harbor_new_passphrase_get_acceptable (self->new_passphrase) ||
      harbor_session_get_state (self->session) != HARBOR_SESSION_UNLOCKED ||
      harbor_session_get_busy (self->session))
    return FALSE;

  set_error (self, NULL);
  cancellable = harbor_progress_view_start (self->progress_view,
                                            _("Encrypting the backup. This can take a few minutes for a large vault."));
  update_actions (self);
  harbor_session_backup_async (self->session, file,
                               harbor_new_passphrase_get_text (self->new_passphrase),
                               progress_cb, self, cancellable,
                               backup_done_cb, g_object_ref (self));
  return TRUE;
}

/**
 * harbor_backup_dialog_suggest_name:
 * @now: the date to put in the name
 *
 * Returns: (transfer full): "harbor-backup-YYYY-MM-DD.hbk"; it names no one
 */
char *
harbor_backup_dialog_suggest_name (GDateTime *now)
{
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("harbor-backup-%s.hbk", date);
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  HarborBackupDialog *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    harbor_backup_dialog_save_to (self, file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarborBackupDialog *self = HARBOR_BACKUP_DIALOG (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = harbor_backup_dialog_suggest_name (now);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (harbor_progress_view_get_running (self->progress_view) || self->chooser != NULL ||
      !harbor_new_passphrase_get_acceptable (self->new_passphrase))
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save the Backup"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Harbor backups"));
  gtk_file_filter_add_pattern (filter, "*.hbk");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
passphrase_activated_cb (HarborBackupDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "backup.save", NULL);
}

/* Cancel and Escape: stop a running backup (the dialog closes once the
 * worker has stopped and cleaned up), else close. Closing the window while
 * the backup runs stops it the same way, through the progress view. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborBackupDialog *self = HARBOR_BACKUP_DIALOG (widget);

  if (!harbor_progress_view_cancel (self->progress_view))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
session_state_cb (HarborBackupDialog *self)
{
  /* Locked: the backup stops (the session cancelled it) and the dialog goes. */
  if (harbor_session_get_state (self->session) != HARBOR_SESSION_UNLOCKED)
    {
      harbor_progress_view_cancel (self->progress_view);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static void
harbor_backup_dialog_dispose (GObject *object)
{
  HarborBackupDialog *self = HARBOR_BACKUP_DIALOG (object);

  /* The progress view cancels a backup still running as it goes. */
  self->disposed = TRUE;
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->new_passphrase != NULL)
    harbor_new_passphrase_clear (self->new_passphrase);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_BACKUP_DIALOG);

  G_OBJECT_CLASS (harbor_backup_dialog_parent_class)->dispose (object);
}

static void
harbor_backup_dialog_finalize (GObject *object)
{
  HarborBackupDialog *self = HARBOR_BACKUP_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (harbor_backup_dialog_parent_class)->finalize (object);
}

static void
harbor_backup_dialog_class_init (HarborBackupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_backup_dialog_dispose;
  object_class->finalize = harbor_backup_dialog_finalize;

  g_type_ensure (HARBOR_TYPE_NEW_PASSPHRASE);
  g_type_ensure (HARBOR_TYPE_PROGRESS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-backup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborBackupDialog, new_passphrase);
  gtk_widget_class_bind_template_child (widget_class, HarborBackupDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HarborBackupDialog, progress_view);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);

  gtk_widget_class_install_action (widget_class, "backup.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "backup.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "backup.cancel", NULL);
}

static void
harbor_backup_dialog_init (HarborBackupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

/**
 * harbor_backup_dialog_new:
 * @parent: the main window
 * @session: the session, with its vault unlocked
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
HarborBackupDialog *
harbor_backup_dialog_new (GtkWindow     *parent,
                          HarborSession *session)
{
  HarborBackupDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HARBOR_IS_SESSION (session), NULL);

  self = g_object_new (HARBOR_TYPE_BACKUP_DIALOG,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * harbor_backup_dialog_get_running:
 * @self: the dialog
 *
 * Returns: %TRUE while a backup is being written
 */
gboolean
harbor_backup_dialog_get_running (HarborBackupDialog *self)
{
  g_return_val_if_fail (HARBOR_IS_BACKUP_DIALOG (self), FALSE);

  return harbor_progress_view_get_running (self->progress_view);
}
