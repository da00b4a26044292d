/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-purge-dialog.c: the confirmation before clients are deleted for good
 *
 * Copyright 2026 The Harbor authors
 *
 * Deleting a client is a tombstone the caseworker can undo; purging is not.
 * This one dialog asks before either a single client (from the client's
 * page or the Recently Deleted window) or every deleted client (Empty) is
 * purged, and says what goes: the counts are read from the vault when the
 * dialog is made. Cancel is the default and what Escape does.
 *
 * On confirm, a live client is deleted first (the vault purges only
 * tombstones), then purged with everything that belongs to it. If the purge
 * fails, a client that was live is put back, so a failure changes nothing.
 * The dialog shows the client's name, so it closes itself when the vault
 * locks.
 */

#define G_LOG_DOMAIN "harbor-purge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-purge-dialog.h"
#include "harbor-vault-error.h"

struct _HarborPurgeDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned references */
  HarborVault      *vault;
  GStrv             client_ids;

  /* Weak: the window the dialog belongs to, for the error message */
  GtkWindow        *parent;
};

G_DEFINE_FINAL_TYPE (HarborPurgeDialog, harbor_purge_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_PURGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Deletes (when live) and purges in one transaction: a failure before the
 * rows are gone leaves the client exactly as the caseworker saw it. */
static gboolean
purge_client (HarborVault  *vault,
              const char   *client_id,
              GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (harbor_vault_purge_client (vault, client_id, &local_error))
    return TRUE;
  /* The client is gone; only the rewrite of the file's free space is
   * owed, and the next unlock finishes it. Nothing more to ask of the
   * caseworker. */
  if (g_error_matches (local_error, HARBOR_VAULT_ERROR, HARBOR_VAULT_ERROR_PURGE_UNFINISHED))
    {
      g_message ("A purge will be finished at the next unlock: %s", local_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
show_error (HarborPurgeDialog *self,
            const GError      *error)
{
  GtkApplication *app = self->parent != NULL ? gtk_window_get_application (self->parent) : NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (self->parent, _("Could Not Delete Permanently"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  if (app != NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), app);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
response_cb (HarborPurgeDialog *self,
             const char        *response)
{
  g_autoptr(GError) error = NULL;
  guint purged = 0;

  if (!g_str_equal (response, "purge") || self->vault == NULL)
    return;

  for (guint i = 0; self->client_ids[i] != NULL; i++)
    {
      if (!purge_client (self->vault, self->client_ids[i], &error))
        break;
      purged++;
    }

  if (error != NULL)
    {
      /* The message is the vault's, which names no client. */
      g_debug ("Could not purge a client: %s", error->message);
      show_error (self, error);
    }
  if (purged > 0)
    g_signal_emit (self, signals[SIGNAL_PURGED], 0, purged);

  /* Closed already when a button was pressed; not when a response was
   * given another way. */
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    gtk_window_close (GTK_WINDOW (self));
}

static void
vault_unlocked_changed_cb (HarborPurgeDialog *self)
{
  gboolean unlocked = FALSE;

  g_object_get (self->vault, "unlocked", &unlocked, NULL);
  if (!unlocked)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
harbor_purge_dialog_dispose (GObject *object)
{
  HarborPurgeDialog *self = HARBOR_PURGE_DIALOG (object);

  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
  self->parent = NULL;
  g_clear_object (&self->vault);
  g_clear_pointer (&self->client_ids, g_strfreev);

  G_OBJECT_CLASS (harbor_purge_dialog_parent_class)->dispose (object);
}

static void
harbor_purge_dialog_class_init (HarborPurgeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_purge_dialog_dispose;

  /**
   * HarborPurgeDialog::purged:
   * @self: the dialog
   * @n_purged: how many clients are gone for good
   *
   * Emitted after the caseworker confirmed and at least one client was
   * purged (all of them, unless an error was also shown).
   */
  signals[SIGNAL_PURGED] =
    g_signal_new ("purged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-purge-dialog.ui");
}

static void
harbor_purge_dialog_init (HarborPurgeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
}

static HarborPurgeDialog *
purge_dialog_new (GtkWindow   *parent,
                  HarborVault *vault,
                  GStrv        client_ids)
{
  HarborPurgeDialog *self = g_object_new (HARBOR_TYPE_PURGE_DIALOG,
                                          "transient-for", parent,
                                          NULL);

  /* In the application's list of windows, so locking closes it. */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);
  self->vault = g_object_ref (vault);
  self->client_ids = client_ids;
  g_signal_connect_object (vault, "notify::unlocked", G_CALLBACK (vault_unlocked_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

static guint
count_live (GPtrArray *items)
{
  return items != NULL ? items->len : 0;
}

/**
 * harbor_purge_dialog_new_for_client:
 * @parent: (nullable): the window it belongs to
 * @vault: an unlocked vault
 * @client_id: a client's id, live or deleted
 * @error: return location for a #GError
 *
 * Makes the confirmation for one client, naming the client and counting
 * their records, history entries, checklists and releases of information.
 *
 * Returns: (transfer full) (nullable): the dialog, not yet shown; %NULL if
 *   the client cannot be read
 */
HarborPurgeDialog *
harbor_purge_dialog_new_for_client (GtkWindow    *parent,
                                    HarborVault  *vault,
                                    const char   *client_id,
                                    GError      **error)
{
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) checklists = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *n_records = NULL;
  g_autofree char *n_events = NULL;
  g_autofree char *n_checklists = NULL;
  g_autofree char *n_consents = NULL;
  g_autofree char *body = NULL;
  gint64 n_deleted = 0;
  const char *name;
  HarborPurgeDialog *self;
  char *ids[] = { (char *) client_id, NULL };

  g_return_val_if_fail (HARBOR_IS_VAULT (vault), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  client = harbor_vault_get_client (vault, client_id, error);
  if (client == NULL ||
      (records = harbor_vault_list_records (vault, client_id, error)) == NULL ||
      (events = harbor_vault_list_events (vault, client_id, error)) == NULL ||
      (checklists = harbor_vault_list_checklists (vault, client_id, error)) == NULL ||
      (consents = harbor_vault_list_consents (vault, client_id, error)) == NULL ||
      (n_deleted = harbor_vault_count_deleted_parts (vault, client_id, error)) < 0)
    return NULL;

  n_records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records",
                                            count_live (records)),
                               count_live (records));
  n_events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u history entry", "%u history entries",
                                           count_live (events)),
                              count_live (events));
  n_checklists = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u checklist", "%u checklists",
                                               count_live (checklists)),
                                  count_live (checklists));
  n_consents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u release of information",
                                             "%u releases of information", count_live (consents)),
                                count_live (consents));
  name = client->display_name != NULL && *client->display_name != '\0' ? client->display_name
                                                                        : _("the client");
  body = g_strdup_printf (
    /* Translators: the first %s is the client's name, then counts such as
     * “3 records”, “12 history entries”, “2 checklists” and “1 release of
     * information”. */
    _("This destroys %s’s profile, %s, %s, %s and %s, and cannot be undone.\n\n"
      "Backups made before now still hold this client’s information."),
    name, n_records, n_events, n_checklists, n_consents);
  if (n_deleted > 0)
    {
      g_autofree char *also = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "It also destroys %u item of theirs that was deleted earlier.",
                                                            "It also destroys %u items of theirs that were deleted earlier.",
                                                            (gulong) n_deleted),
                                               (guint) n_deleted);
      char *longer = g_strconcat (body, "\n\n", also, NULL);

      g_free (body);
      body = longer;
    }

  self = purge_dialog_new (parent, vault, g_strdupv (ids));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Delete Client Permanently?"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

/**
 * harbor_purge_dialog_new_for_deleted:
 * @parent: (nullable): the window it belongs to
 * @vault: an unlocked vault
 * @error: return location for a #GError
 *
 * Makes the confirmation for emptying Recently Deleted: every deleted
 * client, counted when the dialog is made.
 *
 * Returns: (transfer full) (nullable): the dialog, not yet shown
 */
HarborPurgeDialog *
harbor_purge_dialog_new_for_deleted (GtkWindow    *parent,
                                     HarborVault  *vault,
                                     GError      **error)
{
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autofree char *body = NULL;
  HarborPurgeDialog *self;

  g_return_val_if_fail (HARBOR_IS_VAULT (vault), NULL);

  deleted = harbor_vault_list_deleted_clients (vault, error);
  if (deleted == NULL)
    return NULL;
  for (guint i = 0; i < deleted->len; i++)
    g_strv_builder_add (ids, ((HarborVaultClient *) g_ptr_array_index (deleted, i))->id);

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This destroys %u deleted client, with all their records, history, "
                                       "checklists and releases of information, and cannot be undone.\n\n"
                                       "Backups made before now still hold their information.",
                                       "This destroys %u deleted clients, with all their records, history, "
                                       "checklists and releases of information, and cannot be undone.\n\n"
                                       "Backups made before now still hold their information.",
                                       deleted->len),
                          deleted->len);

  self = purge_dialog_new (parent, vault, g_strv_builder_end (ids));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Empty Recently Deleted?"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  return self;
}

/**
 * harbor_purge_dialog_get_n_clients:
 * @self: the dialog
 *
 * Returns: how many clients confirming would purge
 */
guint
harbor_purge_dialog_get_n_clients (HarborPurgeDialog *self)
{
  g_return_val_if_fail (HARBOR_IS_PURGE_DIALOG (self), 0);

  return g_strv_length (self->client_ids);
}
