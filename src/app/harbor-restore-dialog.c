/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-restore-dialog.c: make the vault from a backup
 *
 * Copyright 2026 The Harbor authors
 *
 * Offered only on the set-up page, while there is no vault (a new
 * computer, say): it asks for the passphrase the backup was made with and
 * for the new vault's passphrase (twice, judged by HarborNewPassphrase),
 * then the session restores the backup into its vault folder in a worker
 * thread while the bar follows the bytes read. On success it emits
 * "restored" with the new vault's recovery key, which the window shows as
 * after creating a vault. On failure it names the problem in plain words
 * and lets the caseworker try again; the core has left nothing behind.
 */

#define G_LOG_DOMAIN "harbor-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-new-passphrase.h"
#include "harbor-progress-view.h"
#include "harbor-restore-dialog.h"
#include "harbor-widget-utils.h"

struct _HarborRestoreDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkLabel            *intro_label;
  AdwPasswordEntryRow *backup_row;
  HarborNewPassphrase *new_passphrase;
  GtkLabel            *error_label;
  HarborProgressView  *progress_view;

  /* Owned */
  HarborSession       *session;
  GFile               *backup;
  gboolean             disposed;
};

G_DEFINE_FINAL_TYPE (HarborRestoreDialog, harbor_restore_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_RESTORED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static gboolean
can_restore (HarborRestoreDialog *self)
{
  return !harbor_progress_view_get_running (self->progress_view) &&
         *gtk_editable_get_text (GTK_EDITABLE (self->backup_row)) != '\0' &&
         harbor_new_passphrase_get_acceptable (self->new_passphrase) &&
         harbor_session_get_state (self->session) == HARBOR_SESSION_NO_VAULT &&
         !harbor_session_get_busy (self->session);
}

static void
update_actions (HarborRestoreDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore", can_restore (self));
}

static void
set_error (HarborRestoreDialog *self,
           const char          *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
changed_cb (HarborRestoreDialog *self)
{
  if (!harbor_progress_view_get_running (self->progress_view))
    set_error (self, NULL);
  update_actions (self);
}

static void
backup_activated_cb (HarborRestoreDialog *self)
{
  harbor_new_passphrase_focus (self->new_passphrase);
}

static void
new_activated_cb (HarborRestoreDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "restore.restore", NULL);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  HarborRestoreDialog *self = user_data;

  if (self->disposed || total == 0)
    return;

  harbor_progress_view_set_fraction (self->progress_view, (double) done / (double) total);
  if (done >= total)
    harbor_progress_view_set_status (self->progress_view, _("Opening the new vault…"));
  else
    harbor_progress_view_set_status (self->progress_view,
                                     _("Decrypting the backup and checking every part of it…"));
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HarborRestoreDialog) self = user_data;
  g_autoptr(HarborSecret) recovery = NULL;
  g_autoptr(GError) error = NULL;

  recovery = harbor_session_restore_finish (HARBOR_SESSION (source), result, &error);
  if (self->disposed)
    return;

  if (recovery != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->backup_row), "");
      harbor_new_passphrase_clear (self->new_passphrase);
      g_signal_emit (self, signals[SIGNAL_RESTORED], 0, (gconstpointer) recovery);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (harbor_progress_view_cancelled (self->progress_view, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  harbor_progress_view_stop (self->progress_view);
  update_actions (self);
  if (g_error_matches (error, HARBOR_BACKUP_ERROR, HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->backup_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->backup_row));
    }
  /* After emptying the row, which hides an earlier message. */
  set_error (self, harbor_session_describe_error (error));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarborRestoreDialog *self = HARBOR_RESTORE_DIALOG (widget);
  GCancellable *cancellable;

  if (!can_restore (self))
    return;

  set_error (self, NULL);
  cancellable = harbor_progress_view_start (self->progress_view, _("Checking the backup passphrase…"));
  update_actions (self);
  harbor_session_restore_async (self->session, self->backup,
                                gtk_editable_get_text (GTK_EDITABLE (self->backup_row)),
                                harbor_new_passphrase_get_text (self->new_passphrase),
                                progress_cb, self, cancellable,
                                restore_done_cb, g_object_ref (self));
}

/* Cancel and Escape: stop a running restore (the dialog closes once the
 * worker has stopped and removed what it made), else close. Closing the
 * window while the restore runs stops it the same way, through the
 * progress view. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborRestoreDialog *self = HARBOR_RESTORE_DIALOG (widget);

  if (!harbor_progress_view_cancel (self->progress_view))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
harbor_restore_dialog_dispose (GObject *object)
{
  HarborRestoreDialog *self = HARBOR_RESTORE_DIALOG (object);

  /* The progress view cancels a restore still running as it goes. */
  self->disposed = TRUE;
  if (self->backup_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->backup_row), "");
  if (self->new_passphrase != NULL)
    harbor_new_passphrase_clear (self->new_passphrase);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_RESTORE_DIALOG);

  G_OBJECT_CLASS (harbor_restore_dialog_parent_class)->dispose (object);
}

static void
harbor_restore_dialog_finalize (GObject *object)
{
  HarborRestoreDialog *self = HARBOR_RESTORE_DIALOG (object);

  g_clear_object (&self->backup);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (harbor_restore_dialog_parent_class)->finalize (object);
}

static void
harbor_restore_dialog_class_init (HarborRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_restore_dialog_dispose;
  object_class->finalize = harbor_restore_dialog_finalize;

  /**
   * HarborRestoreDialog::restored:
   * @self: the dialog
   * @recovery_key: (type utf8): the new vault's recovery key, to show once;
   *   valid only during the emission
   *
   * The vault was restored and is unlocked.
   */
  signals[SIGNAL_RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (HARBOR_TYPE_NEW_PASSPHRASE);
  g_type_ensure (HARBOR_TYPE_PROGRESS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborRestoreDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, HarborRestoreDialog, backup_row);
  gtk_widget_class_bind_template_child (widget_class, HarborRestoreDialog, new_passphrase);
  gtk_widget_class_bind_template_child (widget_class, HarborRestoreDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HarborRestoreDialog, progress_view);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_activated_cb);

  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "restore.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "restore.cancel", NULL);
}

static void
harbor_restore_dialog_init (HarborRestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  harbor_widget_name_inner_buttons (GTK_WIDGET (self->backup_row), _("Show the passphrase"));
}

/**
 * harbor_restore_dialog_new:
 * @parent: the main window
 * @session: the session, with no vault
 * @backup: the backup file
 *
 * Returns: (transfer none): a new dialog, owned by GTK until it closes
 */
HarborRestoreDialog *
harbor_restore_dialog_new (GtkWindow     *parent,
                           HarborSession *session,
                           GFile         *backup)
{
  HarborRestoreDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HARBOR_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (backup), NULL);

  self = g_object_new (HARBOR_TYPE_RESTORE_DIALOG,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->session = g_object_ref (session);
  self->backup = g_object_ref (backup);
  g_signal_connect_object (session, "notify::busy", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  name = g_file_get_basename (backup);
  intro = g_strdup_printf (_("The vault on this computer will be made from the backup “%s”, with "
                             "everything it holds. Harbor only restores a backup where there is "
                             "no vault yet."), name);
  gtk_label_set_text (self->intro_label, intro);
  update_actions (self);
  return self;
}

/**
 * harbor_restore_dialog_get_running:
 * @self: the dialog
 *
 * Returns: %TRUE while the backup is being restored
 */
gboolean
harbor_restore_dialog_get_running (HarborRestoreDialog *self)
{
  g_return_val_if_fail (HARBOR_IS_RESTORE_DIALOG (self), FALSE);

  return harbor_progress_view_get_running (self->progress_view);
}
