/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-progress-view.c: the page a dialog shows while a cancellable job runs
 *
 * Copyright 2026 The Harbor authors
 *
 * A heading, a bar with the percentage (or a text of the caller's), a
 * status line and a note on what Cancel does. The view also keeps the
 * job's running state and its cancellable: start() hands out a fresh
 * cancellable, cancel() stops a running job and says so, and stop() is
 * called when the job has ended. The backup and restore dialogs use it, so
 * both show and stop their work the same way.
 *
 * As a page of a GtkStack, the view shows itself while the job runs and
 * gives back the page that was showing when it stops. While the job runs,
 * closing the window the view is in cancels the job instead; the window
 * closes once the job has ended. Disposing the view cancels a job still
 * running.
 */

#define G_LOG_DOMAIN "harbor-progress-view"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-progress-view.h"
#include "harbor-widget-utils.h"

struct _HarborProgressView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *title_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkLabel       *note_label;

  /* Owned */
  char           *progress_label;
  GCancellable   *cancellable;
  char           *previous_page;
  gboolean        running;

  /* Unowned */
  GtkWindow      *window;
  gulong          close_request_id;
};

G_DEFINE_FINAL_TYPE (HarborProgressView, harbor_progress_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_NOTE,
  PROP_PROGRESS_LABEL,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
harbor_progress_view_dispose (GObject *object)
{
  HarborProgressView *self = HARBOR_PROGRESS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_PROGRESS_VIEW);
  harbor_widget_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (harbor_progress_view_parent_class)->dispose (object);
}

static void
harbor_progress_view_finalize (GObject *object)
{
  HarborProgressView *self = HARBOR_PROGRESS_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->progress_label);
  g_free (self->previous_page);

  G_OBJECT_CLASS (harbor_progress_view_parent_class)->finalize (object);
}

static void
harbor_progress_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HarborProgressView *self = HARBOR_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    case PROP_NOTE:
      g_value_set_string (value, gtk_label_get_label (self->note_label));
      break;
    case PROP_PROGRESS_LABEL:
      g_value_set_string (value, self->progress_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_progress_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HarborProgressView *self = HARBOR_PROGRESS_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_label (self->title_label, g_value_get_string (value));
      break;
    case PROP_NOTE:
      gtk_label_set_label (self->note_label, g_value_get_string (value));
      break;
    case PROP_PROGRESS_LABEL:
      g_free (self->progress_label);
      self->progress_label = g_value_dup_string (value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->progress_label != NULL ? self->progress_label : "",
                                      -1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_progress_view_root (GtkWidget *widget)
{
  HarborProgressView *self = HARBOR_PROGRESS_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (harbor_progress_view_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      self->close_request_id = g_signal_connect_swapped (root, "close-request",
                                                         G_CALLBACK (harbor_progress_view_cancel), self);
    }
}

static void
harbor_progress_view_unroot (GtkWidget *widget)
{
  HarborProgressView *self = HARBOR_PROGRESS_VIEW (widget);

  g_clear_signal_handler (&self->close_request_id, self->window);
  self->window = NULL;

  GTK_WIDGET_CLASS (harbor_progress_view_parent_class)->unroot (widget);
}

static void
harbor_progress_view_class_init (HarborProgressViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_progress_view_dispose;
  object_class->finalize = harbor_progress_view_finalize;
  object_class->get_property = harbor_progress_view_get_property;
  object_class->set_property = harbor_progress_view_set_property;
  widget_class->root = harbor_progress_view_root;
  widget_class->unroot = harbor_progress_view_unroot;

  /* The heading, e.g. "Backing Up the Vault". */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The dim line under the status, on what Cancel does. */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The progress bar's accessible name, e.g. "Backup progress". */
  properties[PROP_PROGRESS_LABEL] =
    g_param_spec_string ("progress-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-progress-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborProgressView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HarborProgressView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HarborProgressView, status_label);
  gtk_widget_class_bind_template_child (widget_class, HarborProgressView, note_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_progress_view_init (HarborProgressView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * harbor_progress_view_start:
 * @self: the view
 * @status: the first status line
 *
 * A job starts: the bar goes back to the start and shows the percentage,
 * and the view shows in its stack.
 *
 * Returns: (transfer none): a new cancellable for the job, cancelled by
 *   harbor_progress_view_cancel() and when the view goes
 */
GCancellable *
harbor_progress_view_start (HarborProgressView *self,
                            const char         *status)
{
  GtkWidget *stack;

  g_return_val_if_fail (HARBOR_IS_PROGRESS_VIEW (self), NULL);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_label_set_text (self->status_label, status);

  stack = gtk_widget_get_parent (GTK_WIDGET (self));
  if (GTK_IS_STACK (stack))
    {
      g_free (self->previous_page);
      self->previous_page = g_strdup (gtk_stack_get_visible_child_name (GTK_STACK (stack)));
      gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (self));
    }
  return self->cancellable;
}

/**
 * harbor_progress_view_stop:
 * @self: the view
 *
 * The job has ended: the stack shows again the page it showed before.
 */
void
harbor_progress_view_stop (HarborProgressView *self)
{
  GtkWidget *stack;

  g_return_if_fail (HARBOR_IS_PROGRESS_VIEW (self));

  self->running = FALSE;
  stack = gtk_widget_get_parent (GTK_WIDGET (self));
  if (GTK_IS_STACK (stack) && self->previous_page != NULL)
    gtk_stack_set_visible_child_name (GTK_STACK (stack), self->previous_page);
}

/**
 * harbor_progress_view_cancel:
 * @self: the view
 *
 * Cancels a running job and says it is stopping; the job ends later, once
 * its worker has stopped and cleaned up.
 *
 * Returns: %TRUE if a job was running
 */
gboolean
harbor_progress_view_cancel (HarborProgressView *self)
{
  g_return_val_if_fail (HARBOR_IS_PROGRESS_VIEW (self), FALSE);

  if (!self->running)
    return FALSE;
  gtk_label_set_text (self->status_label, _("Stopping…"));
  g_cancellable_cancel (self->cancellable);
  return TRUE;
}

/**
 * harbor_progress_view_cancelled:
 * @self: the view
 * @error: how the job failed
 *
 * Whatever @error says: the core reports a job cancelled before its file
 * was opened as a read error.
 *
 * Returns: %TRUE if the job failed because it was cancelled
 */
gboolean
harbor_progress_view_cancelled (HarborProgressView *self,
                                const GError       *error)
{
  g_return_val_if_fail (HARBOR_IS_PROGRESS_VIEW (self), FALSE);

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_cancellable_is_cancelled (self->cancellable);
}

/**
 * harbor_progress_view_get_running:
 * @self: the view
 *
 * Returns: %TRUE between harbor_progress_view_start() and
 *   harbor_progress_view_stop()
 */
gboolean
harbor_progress_view_get_running (HarborProgressView *self)
{
  g_return_val_if_fail (HARBOR_IS_PROGRESS_VIEW (self), FALSE);

  return self->running;
}

void
harbor_progress_view_set_fraction (HarborProgressView *self,
                                   double              fraction)
{
  g_return_if_fail (HARBOR_IS_PROGRESS_VIEW (self));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/**
 * harbor_progress_view_set_text:
 * @self: the view
 * @text: (nullable): what the bar shows, or %NULL for the percentage
 */
void
harbor_progress_view_set_text (HarborProgressView *self,
                               const char         *text)
{
  g_return_if_fail (HARBOR_IS_PROGRESS_VIEW (self));

  gtk_progress_bar_set_text (self->progress_bar, text);
}

void
harbor_progress_view_set_status (HarborProgressView *self,
                                 const char         *status)
{
  g_return_if_fail (HARBOR_IS_PROGRESS_VIEW (self));

  gtk_label_set_text (self->status_label, status);
}
