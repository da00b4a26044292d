/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-session.c: the caseworker's vault, locked or unlocked
 *
 * Copyright 2026 The Harbor authors
 *
 * The session owns the one HarborVault of the application. Creating and
 * unlocking spend about a second in Argon2id on purpose, so they run in a
 * worker thread while the window shows a spinner; the vault object is not
 * touched by anything else meanwhile (busy is TRUE), and is handed back to
 * the main thread when the worker is done. Secrets travel to the worker in
 * sodium_malloc'd copies that are wiped when the task ends.
 *
 * Wrong passphrases slow down: after the second failure in a row, each
 * further attempt must wait twice as long as the one before, up to a
 * minute. The count starts afresh after a success, not after a restart:
 * Argon2id's own cost is what protects against anyone who can copy the
 * files, so this only stops someone guessing at the keyboard.
 *
 * Backing up and restoring also run in a worker thread, for seconds or
 * minutes: the session is busy meanwhile, and locking cancels them (the
 * vault is closed as soon as the worker lets go of it). A restore is only
 * ever made while there is no vault, and leaves the new vault unlocked.
 */

#define G_LOG_DOMAIN "harbor-session"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "harbor-session.h"
#include "harbor-vault-error.h"

#define MAX_RETRY_DELAY 60

struct _HarborSession
{
  GObject          parent_instance;

  char            *dir;
  HarborVault     *vault;
  HarborSessionState state;
  gboolean         busy;

  HarborKdfParams  kdf_params;
  gboolean         kdf_params_set;

  guint            failed_attempts;
  gint64           retry_after;      /* monotonic, microseconds */

  /* A running backup or restore */
  GCancellable    *op_cancellable;
  gboolean         op_is_backup;     /* its worker has a reader of its own */
  gboolean         lock_pending;
};

G_DEFINE_FINAL_TYPE (HarborSession, harbor_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_BUSY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  HarborVault     *vault;
  char            *secret;           /* sodium_malloc'd */
  gboolean         is_recovery_key;
  HarborKdfParams  params;
  gboolean         params_set;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->vault);
  if (job->secret != NULL)
    sodium_free (job->secret);
  g_free (job);
}

static char *
secret_dup (const char *secret)
{
  gsize len = strlen (secret);
  char *copy = sodium_malloc (len + 1);

  g_assert (copy != NULL);
  memcpy (copy, secret, len + 1);
  return copy;
}

static void
set_state (HarborSession      *self,
           HarborSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_busy (HarborSession *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static HarborSessionState
state_on_disk (HarborSession *self)
{
  g_autofree char *manifest = g_build_filename (self->dir, HARBOR_VAULT_MANIFEST_NAME, NULL);
  g_autofree char *keyfile = g_build_filename (self->dir, HARBOR_VAULT_KEYFILE_NAME, NULL);

  if (g_file_test (manifest, G_FILE_TEST_EXISTS) || g_file_test (keyfile, G_FILE_TEST_EXISTS))
    return HARBOR_SESSION_LOCKED;
  return HARBOR_SESSION_NO_VAULT;
}

/* ---- Create ------------------------------------------------------------- */

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  HarborKdfParams params = job->params;
  HarborSecret *recovery;

  if (!job->params_set)
    harbor_kdf_params_calibrate (&params, 1.0);

  recovery = harbor_vault_create (job->vault, job->secret, &params, &error);
  if (recovery == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, recovery, (GDestroyNotify) harbor_secret_free);
}

/**
 * harbor_session_create_async:
 * @self: a session with no vault
 * @passphrase: the new passphrase, already checked for strength
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates the vault and leaves it unlocked.
 */
void
harbor_session_create_async (HarborSession       *self,
                             const char          *passphrase,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (HARBOR_IS_SESSION (self));
  g_return_if_fail (passphrase != NULL);
  g_return_if_fail (!self->busy);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, harbor_session_create_async);

  if (self->state != HARBOR_SESSION_NO_VAULT)
    {
      g_task_return_new_error (task, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_EXISTS,
                               _("There is already a vault"));
      return;
    }

  job = g_new0 (Job, 1);
  job->vault = g_object_ref (self->vault);
  job->secret = secret_dup (passphrase);
  job->params = self->kdf_params;
  job->params_set = self->kdf_params_set;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  set_busy (self, TRUE);
  g_task_run_in_thread (task, create_thread);
}

/**
 * harbor_session_create_finish:
 * @self: a session
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the recovery key, to be shown once
 */
HarborSecret *
harbor_session_create_finish (HarborSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  HarborSecret *recovery;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  recovery = g_task_propagate_pointer (G_TASK (result), error);
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    set_busy (self, FALSE);
  if (recovery != NULL)
    set_state (self, HARBOR_SESSION_UNLOCKED);
  return recovery;
}

/* ---- Unlock ------------------------------------------------------------- */

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->is_recovery_key)
    ok = harbor_vault_unlock_with_recovery_key (job->vault, job->secret, &error);
  else
    ok = harbor_vault_unlock (job->vault, job->secret, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * harbor_session_unlock_async:
 * @self: a session with a locked vault
 * @secret: the passphrase or the recovery key
 * @is_recovery_key: which of the two @secret is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Unlocks the vault, unless the retry delay after wrong attempts has not
 * passed yet (then it fails with %G_IO_ERROR_BUSY).
 */
void
harbor_session_unlock_async (HarborSession       *self,
                             const char          *secret,
                             gboolean             is_recovery_key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint wait;
  Job *job;

  g_return_if_fail (HARBOR_IS_SESSION (self));
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!self->busy);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, harbor_session_unlock_async);

  if (self->state == HARBOR_SESSION_UNLOCKED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  wait = harbor_session_get_retry_delay (self);
  if (wait > 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "Please wait %u second before trying again.",
                                            "Please wait %u seconds before trying again.",
                                            wait),
                               wait);
      return;
    }

  job = g_new0 (Job, 1);
  job->vault = g_object_ref (self->vault);
  job->secret = secret_dup (secret);
  job->is_recovery_key = is_recovery_key;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  set_busy (self, TRUE);
  g_task_run_in_thread (task, unlock_thread);
}

static gboolean
is_wrong_secret (const GError *error)
{
  return g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_PASSPHRASE) ||
         g_error_matches (error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY);
}

/**
 * harbor_session_unlock_finish:
 * @self: a session
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the vault is now unlocked
 */
gboolean
harbor_session_unlock_finish (HarborSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), &local_error);
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    set_busy (self, FALSE);

  if (ok)
    {
      self->failed_attempts = 0;
      self->retry_after = 0;
      set_state (self, HARBOR_SESSION_UNLOCKED);
      return TRUE;
    }

  if (is_wrong_secret (local_error))
    {
      self->failed_attempts++;
      if (self->failed_attempts >= 3)
        {
          guint delay = MIN ((guint) 1 << MIN (self->failed_attempts - 2, 6u), MAX_RETRY_DELAY);

          self->retry_after = g_get_monotonic_time () + (gint64) delay * G_USEC_PER_SEC;
        }
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * harbor_session_get_retry_delay:
 * @self: a session
 *
 * Returns: the whole seconds to wait before the next unlock attempt
 */
guint
harbor_session_get_retry_delay (HarborSession *self)
{
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (HARBOR_IS_SESSION (self), 0);

  if (self->retry_after <= now)
    return 0;
  return (guint) ((self->retry_after - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

guint
harbor_session_get_failed_attempts (HarborSession *self)
{
  g_return_val_if_fail (HARBOR_IS_SESSION (self), 0);

  return self->failed_attempts;
}

/* ---- Backup and restore ------------------------------------------------------ */

/* The core reports progress from the worker after each unit (a client, a
 * chunk); it reaches the main thread at most this often, and once more at
 * the end, so a big vault does not flood the main loop. */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 20)

typedef struct
{
  HarborVault          *vault;
  char                 *path;            /* the backup file */
  char                 *secret;          /* sodium_malloc'd: the backup passphrase */
  char                 *new_secret;      /* sodium_malloc'd: a restore's vault passphrase */
  HarborKdfParams       params;
  gboolean              params_set;

  /* Cancelled by the caller's cancellable or by locking */
  GCancellable         *cancellable;
  GCancellable         *caller_cancellable;
  gulong                caller_handler;

  HarborBackupProgress  progress;
  gpointer              progress_data;
  GMainContext         *context;
  GMutex                mutex;
  guint64               done;
  guint64               total;
  gboolean              reported;
  gboolean              report_pending;
  gint64                last_report;
  gboolean              finished;        /* main thread only */
} Operation;

static void
operation_free (Operation *op)
{
  if (op->caller_cancellable != NULL)
    g_cancellable_disconnect (op->caller_cancellable, op->caller_handler);
  g_clear_object (&op->caller_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->vault);
  g_free (op->path);
  if (op->secret != NULL)
    sodium_free (op->secret);
  if (op->new_secret != NULL)
    sodium_free (op->new_secret);
  g_clear_pointer (&op->context, g_main_context_unref);
  g_mutex_clear (&op->mutex);
  g_free (op);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  Operation *op = g_task_get_task_data (user_data);
  guint64 done, total;

  g_mutex_lock (&op->mutex);
  op->report_pending = FALSE;
  done = op->done;
  total = op->total;
  g_mutex_unlock (&op->mutex);

  if (!op->finished && op->progress != NULL)
    op->progress (done, total, op->progress_data);
  return G_SOURCE_REMOVE;
}

/* Called by the core in the worker thread. */
static void
operation_progress_cb (guint64  done,
                       guint64  total,
                       gpointer user_data)
{
  GTask *task = user_data;
  Operation *op = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  gboolean report = FALSE;

  g_mutex_lock (&op->mutex);
  op->done = done;
  op->total = total;
  op->reported = TRUE;
  if (!op->report_pending && (op->last_report == 0 || now - op->last_report >= PROGRESS_INTERVAL))
    {
      op->report_pending = TRUE;
      op->last_report = now;
      report = TRUE;
    }
  g_mutex_unlock (&op->mutex);

  if (report)
    g_main_context_invoke_full (op->context, G_PRIORITY_DEFAULT, report_progress_cb,
                                g_object_ref (task), g_object_unref);
}

static Operation *
operation_new (HarborSession        *self,
               GFile                *file,
               const char           *secret,
               HarborBackupProgress  progress,
               gpointer              progress_data,
               GCancellable         *cancellable)
{
  Operation *op = g_new0 (Operation, 1);

  op->vault = g_object_ref (self->vault);
  op->path = g_file_get_path (file);
  op->secret = secret_dup (secret);
  op->params = self->kdf_params;
  op->params_set = self->kdf_params_set;
  op->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      op->caller_cancellable = g_object_ref (cancellable);
      op->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  g_object_ref (op->cancellable), g_object_unref);
    }
  op->progress = progress;
  op->progress_data = progress_data;
  op->context = g_main_context_ref_thread_default ();
  g_mutex_init (&op->mutex);
  return op;
}

static void
operation_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HarborSession *self = HARBOR_SESSION (source);
  g_autoptr(GTask) outer = user_data;
  GTask *task = G_TASK (result);
  Operation *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint64 done, total;
  gboolean reported;

  /* The last figures, which the throttling may have held back. */
  g_mutex_lock (&op->mutex);
  done = op->done;
  total = op->total;
  reported = op->reported;
  g_mutex_unlock (&op->mutex);
  op->finished = TRUE;
  if (reported && op->progress != NULL)
    op->progress (done, total, op->progress_data);

  g_clear_object (&self->op_cancellable);
  self->op_is_backup = FALSE;

  if (g_task_get_source_tag (outer) == harbor_session_backup_async)
    {
      gboolean ok = g_task_propagate_boolean (task, &error);

      /* The worker closed its own reader; a lock meanwhile closed the
       * vault at once (see harbor_session_lock()). */
      set_busy (self, FALSE);
      if (ok)
        g_task_return_boolean (outer, TRUE);
      else
        g_task_return_error (outer, g_steal_pointer (&error));
    }
  else
    {
      HarborSecret *recovery = g_task_propagate_pointer (task, &error);

      if (self->lock_pending && harbor_vault_is_unlocked (self->vault))
        harbor_vault_lock (self->vault);
      self->lock_pending = FALSE;
      set_busy (self, FALSE);
      if (harbor_vault_is_unlocked (self->vault))
        {
          self->failed_attempts = 0;
          self->retry_after = 0;
          set_state (self, HARBOR_SESSION_UNLOCKED);
        }
      else
        {
          set_state (self, state_on_disk (self));
        }
      if (recovery != NULL)
        g_task_return_pointer (outer, recovery, (GDestroyNotify) harbor_secret_free);
      else
        g_task_return_error (outer, g_steal_pointer (&error));
    }
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Operation *op = task_data;
  g_autoptr(GError) error = NULL;

  gboolean ok;

  /* op->vault is a reader of this thread's own (harbor_vault_open_reader()). */
  ok = harbor_backup_write (op->vault, op->path, op->secret, op->params_set ? &op->params : NULL,
                            operation_progress_cb, task, op->cancellable, &error);
  /* Close it here, so its copy of the keys is wiped as soon as the work ends. */
  harbor_vault_lock (op->vault);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * harbor_session_backup_async:
 * @self: a session with an unlocked vault
 * @file: the backup file to create (a local file); it must not exist
 * @passphrase: the backup's own passphrase, already checked for strength
 * @progress: (nullable) (scope notified): called in the main thread with
 *   clients written so far and all the clients, last when the work ends
 * @progress_data: data for @progress; it must live until @callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes an encrypted backup of the vault (harbor_backup_write()) in a
 * worker thread, with the Argon2id parameters calibrated for this computer
 * (or those of harbor_session_set_kdf_params()). The session is busy
 * meanwhile. Cancelling it, or locking the vault, stops it; then no file is
 * left behind. The result is the truth: a backup finished just as it was
 * cancelled still succeeds.
 */
void
harbor_session_backup_async (HarborSession        *self,
                             GFile                *file,
                             const char           *passphrase,
                             HarborBackupProgress  progress,
                             gpointer              progress_data,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(HarborVault) reader = NULL;
  g_autoptr(GError) error = NULL;
  Operation *op;

  g_return_if_fail (HARBOR_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (passphrase != NULL);
  g_return_if_fail (!self->busy);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, harbor_session_backup_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->state != HARBOR_SESSION_UNLOCKED)
    {
      g_task_return_new_error (task, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_LOCKED,
                               _("The vault is locked"));
      return;
    }
  if (!g_file_is_native (file))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Harbor can only save a backup on this computer or on a disk "
                                 "connected to it. Please choose another place."));
      return;
    }

  /* The worker reads through a connection of its own: a HarborVault is
   * used by one thread at a time. */
  reader = harbor_vault_open_reader (self->vault, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = operation_new (self, file, passphrase, progress, progress_data, cancellable);
  g_set_object (&op->vault, reader);
  g_set_object (&self->op_cancellable, op->cancellable);
  self->op_is_backup = TRUE;

  worker = g_task_new (self, NULL, operation_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, backup_thread);
  g_task_set_task_data (worker, op, (GDestroyNotify) operation_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (worker, backup_thread);
}

/**
 * harbor_session_backup_finish:
 * @self: a session
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the backup was written
 */
gboolean
harbor_session_backup_finish (HarborSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == harbor_session_backup_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Operation *op = task_data;
  g_autoptr(GError) error = NULL;
  HarborSecret *recovery;

  recovery = harbor_backup_restore (op->path, op->secret, harbor_vault_get_dir (op->vault),
                                    op->new_secret, op->params_set ? &op->params : NULL,
                                    operation_progress_cb, task, op->cancellable, &error);
  if (recovery == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The restored vault is locked on disk: open it as after creating one.
   * Should that fail, the caseworker still gets the recovery key, and
   * the lock screen. */
  if (!harbor_vault_unlock (op->vault, op->new_secret, &error))
    g_warning ("The restored vault could not be opened: %s", error->message);
  g_task_return_pointer (task, recovery, (GDestroyNotify) harbor_secret_free);
}

/**
 * harbor_session_restore_async:
 * @self: a session with no vault
 * @backup: the backup file (a local file)
 * @backup_passphrase: the backup's passphrase
 * @new_passphrase: the new vault's passphrase, already checked for strength
 * @progress: (nullable) (scope notified): called in the main thread with
 *   the bytes of @backup read so far and its size, last when the work ends
 * @progress_data: data for @progress; it must live until @callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Restores @backup into the session's vault folder (harbor_backup_restore())
 * in a worker thread and leaves the new vault unlocked, as after creating
 * one. Refused with %HARBOR_VAULT_ERROR_EXISTS when there is a vault: a
 * restore never goes over one. On failure, nothing is left behind.
 */
void
harbor_session_restore_async (HarborSession        *self,
                              GFile                *backup,
                              const char           *backup_passphrase,
                              const char           *new_passphrase,
                              HarborBackupProgress  progress,
                              gpointer              progress_data,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  Operation *op;

  g_return_if_fail (HARBOR_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (backup));
  g_return_if_fail (backup_passphrase != NULL);
  g_return_if_fail (new_passphrase != NULL);
  g_return_if_fail (!self->busy);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, harbor_session_restore_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->state != HARBOR_SESSION_NO_VAULT || state_on_disk (self) != HARBOR_SESSION_NO_VAULT)
    {
      g_task_return_new_error (task, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_EXISTS,
                               _("There is already a vault"));
      return;
    }
  if (!g_file_is_native (backup))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Harbor can only read a backup on this computer or on a disk "
                                 "connected to it. Please copy it here first."));
      return;
    }

  op = operation_new (self, backup, backup_passphrase, progress, progress_data, cancellable);
  op->new_secret = secret_dup (new_passphrase);
  g_set_object (&self->op_cancellable, op->cancellable);

  worker = g_task_new (self, NULL, operation_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, restore_thread);
  g_task_set_task_data (worker, op, (GDestroyNotify) operation_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (worker, restore_thread);
}

/**
 * harbor_session_restore_finish:
 * @self: a session
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new vault's recovery key, to be shown once
 */
HarborSecret *
harbor_session_restore_finish (HarborSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == harbor_session_restore_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Lock ------------------------------------------------------------------ */

/**
 * harbor_session_lock:
 * @self: a session
 *
 * Locks the vault at once: the connection closes and the keys are wiped.
 * A running backup is cancelled; its worker's own read-only connection
 * closes, wiping its copy of the keys, as soon as the worker stops. A
 * running restore is cancelled, and the vault it opens stays closed.
 * Views that show client data must be gone before this returns; the window
 * destroys them when the state changes.
 */
void
harbor_session_lock (HarborSession *self)
{
  g_return_if_fail (HARBOR_IS_SESSION (self));

  /* A backup or restore stops; its worker still holds the vault, which is
   * closed when it lets go (or, after a restore, stays closed). */
  if (self->op_cancellable != NULL)
    {
      g_cancellable_cancel (self->op_cancellable);
      /* A restore's worker uses the session's vault object itself; a
       * backup's worker reads through its own connection, which it closes
       * when it stops, so the vault can close now. */
      self->lock_pending = !self->op_is_backup;
    }

  if (self->state != HARBOR_SESSION_UNLOCKED)
    return;

  /* Tell the views first, so they drop their rows while the vault is
   * still consistent; then close it. */
  set_state (self, HARBOR_SESSION_LOCKED);
  if (!self->lock_pending)
    harbor_vault_lock (self->vault);
}

/* ---- Errors in plain words ------------------------------------------------- */

/**
 * harbor_session_describe_error:
 * @error: an error from creating, unlocking, backing up or restoring
 *
 * Returns: (transfer none): a plain, translated sentence for the caseworker
 */
const char *
harbor_session_describe_error (const GError *error)
{
  if (error->domain == HARBOR_VAULT_ERROR)
    {
      switch ((HarborVaultError) error->code)
        {
        case HARBOR_VAULT_ERROR_WRONG_PASSPHRASE:
          return _("That passphrase is not right. Check that Caps Lock is off and try again.");
        case HARBOR_VAULT_ERROR_WRONG_RECOVERY_KEY:
          return _("That recovery key does not open this vault. Is it the key printed for this computer?");
        case HARBOR_VAULT_ERROR_MISTYPED_RECOVERY_KEY:
          return _("The recovery key looks mistyped: a group of letters does not match its check. Please compare it with the printed key.");
        case HARBOR_VAULT_ERROR_NOT_A_VAULT:
          return _("The vault folder does not hold a Harbor vault.");
        case HARBOR_VAULT_ERROR_UNSUPPORTED_VERSION:
          return _("This vault was made by a newer version of Harbor. Please update Harbor to open it.");
        case HARBOR_VAULT_ERROR_DAMAGED:
          return _("Part of the vault is damaged, so Harbor will not open it. Restore it from a backup, or ask for technical help.");
        case HARBOR_VAULT_ERROR_KEYFILE_DAMAGED:
          return _("The vault’s key file is damaged. Restore it from a backup, or ask for technical help.");
        case HARBOR_VAULT_ERROR_FOREIGN_KEYFILE:
          return _("The key file belongs to a different vault. Files from two vaults may have been mixed up.");
        case HARBOR_VAULT_ERROR_FOREIGN_DATABASE:
          return _("The vault’s database belongs to a different vault. Files from two vaults may have been mixed up.");
        case HARBOR_VAULT_ERROR_LOCKED:
          return _("The vault is locked.");
        case HARBOR_VAULT_ERROR_IO:
          return _("Harbor could not read or write the vault’s files. Check that the disk is not full and try again.");
        case HARBOR_VAULT_ERROR_EXISTS:
          return _("There is already a vault here.");
        case HARBOR_VAULT_ERROR_AUDIT_BROKEN:
          return _("The vault’s activity log has been changed outside Harbor. Ask for technical help before going on.");
        case HARBOR_VAULT_ERROR_NOT_FOUND:
        case HARBOR_VAULT_ERROR_INVALID:
        default:
          break;
        }
    }

  if (error->domain == HARBOR_BACKUP_ERROR)
    {
      switch ((HarborBackupError) error->code)
        {
        case HARBOR_BACKUP_ERROR_NOT_A_BACKUP:
          return _("That file is not a Harbor backup. A backup is a file whose name ends in “.hbk”.");
        case HARBOR_BACKUP_ERROR_UNSUPPORTED_VERSION:
          return _("This backup was made by a newer version of Harbor. Please update Harbor to restore it.");
        case HARBOR_BACKUP_ERROR_WRONG_PASSPHRASE:
          return _("That is not the backup’s passphrase. It is the one chosen when the backup was made, which may differ from the vault’s passphrase.");
        case HARBOR_BACKUP_ERROR_TRUNCATED:
          return _("The backup file is incomplete: it ends too early, perhaps because it was not copied to the end. Try another copy of the backup.");
        case HARBOR_BACKUP_ERROR_DAMAGED:
          return _("The backup file is damaged or was changed, so Harbor will not restore it. Try another copy of the backup.");
        case HARBOR_BACKUP_ERROR_INVALID:
          return _("The backup holds something Harbor cannot read back. Try another copy of the backup, or ask for technical help.");
        case HARBOR_BACKUP_ERROR_EXISTS:
          return _("Something is already there, and Harbor never writes over it. Choose another name or place.");
        case HARBOR_BACKUP_ERROR_IO:
          return _("Harbor could not read or write the backup file. Check that the disk is still connected and not full, and try again.");
        default:
          break;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return _("Stopped before the end. Nothing was kept.");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return error->message;

  return _("Something went wrong with the vault. Please try again.");
}

/* ---- GObject ------------------------------------------------------------- */

static void
harbor_session_dispose (GObject *object)
{
  HarborSession *self = HARBOR_SESSION (object);

  if (self->vault != NULL && !self->busy)
    harbor_vault_lock (self->vault);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (harbor_session_parent_class)->dispose (object);
}

static void
harbor_session_finalize (GObject *object)
{
  HarborSession *self = HARBOR_SESSION (object);

  g_free (self->dir);

  G_OBJECT_CLASS (harbor_session_parent_class)->finalize (object);
}

static void
harbor_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HarborSession *self = HARBOR_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_session_class_init (HarborSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = harbor_session_dispose;
  object_class->finalize = harbor_session_finalize;
  object_class->get_property = harbor_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      HARBOR_SESSION_NO_VAULT, HARBOR_SESSION_UNLOCKED, HARBOR_SESSION_NO_VAULT,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
harbor_session_init (HarborSession *self)
{
}

/**
 * harbor_session_new:
 * @vault_dir: the vault folder
 *
 * Returns: (transfer full): a session for the vault in @vault_dir
 */
HarborSession *
harbor_session_new (const char *vault_dir)
{
  HarborSession *self;

  g_return_val_if_fail (vault_dir != NULL, NULL);

  self = g_object_new (HARBOR_TYPE_SESSION, NULL);
  self->dir = g_strdup (vault_dir);
  self->vault = harbor_vault_new (vault_dir);
  harbor_vault_set_actor (self->vault, "caseworker");
  self->state = state_on_disk (self);
  return self;
}

/**
 * harbor_session_default_dir:
 *
 * Returns: (transfer full): the vault folder in the user's data folder
 */
char *
harbor_session_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "harbor", "vault", NULL);
}

const char *
harbor_session_get_dir (HarborSession *self)
{
  g_return_val_if_fail (HARBOR_IS_SESSION (self), NULL);

  return self->dir;
}

HarborSessionState
harbor_session_get_state (HarborSession *self)
{
  g_return_val_if_fail (HARBOR_IS_SESSION (self), HARBOR_SESSION_NO_VAULT);

  return self->state;
}

gboolean
harbor_session_get_busy (HarborSession *self)
{
  g_return_val_if_fail (HARBOR_IS_SESSION (self), FALSE);

  return self->busy;
}

/**
 * harbor_session_get_vault:
 * @self: a session
 *
 * Returns: (transfer none) (nullable): the vault while it is unlocked and
 *   no worker uses it, else %NULL
 */
HarborVault *
harbor_session_get_vault (HarborSession *self)
{
  g_return_val_if_fail (HARBOR_IS_SESSION (self), NULL);

  if (self->state != HARBOR_SESSION_UNLOCKED || self->busy)
    return NULL;
  return self->vault;
}

/**
 * harbor_session_set_kdf_params:
 * @self: a session
 * @params: Argon2id parameters for a new vault
 *
 * Without this, a new vault's parameters are calibrated to about one second
 * on this computer. The test suite uses it to stay fast.
 */
void
harbor_session_set_kdf_params (HarborSession         *self,
                               const HarborKdfParams *params)
{
  g_return_if_fail (HARBOR_IS_SESSION (self));
  g_return_if_fail (params != NULL);

  self->kdf_params = *params;
  self->kdf_params_set = TRUE;
}
