/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-summary-export.c: print or save a client's referral summary
 *
 * Copyright 2026 The Harbor authors
 *
 * The summary for an attorney leaves the vault only on purpose:
 *
 *  1. If the client has releases of information, the caseworker picks the
 *     party it is for, and a release that is expired, revoked or missing
 *     for that party stops the export with a plain message.
 *  2. Saving warns first that the file will not be encrypted and says that
 *     the next step chooses where it goes; the file chooser is the native
 *     one, which goes through the desktop portal in a sandbox. The saved
 *     path is named afterwards.
 *  3. Printing paginates the same layout for the printer's page.
 *
 * The document itself comes from the core (harbor-report-summary.c).
 */

#define G_LOG_DOMAIN "harbor-summary-export"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-form-dialog.h"
#include "harbor-report-summary.h"
#include "harbor-summary-export.h"
#include "harbor-window.h"

typedef struct
{
  GtkWindow         *parent;
  HarborVault       *vault;
  const HarborRules *rules;        /* owned by the application */
  char              *client_id;
  char              *recipient;
  gboolean           print;
  HarborReportSummary *summary;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->parent);
  g_clear_object (&export->vault);
  g_free (export->client_id);
  g_free (export->recipient);
  g_clear_pointer (&export->summary, harbor_report_summary_free);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (GtkWindow  *parent,
       const char *title)
{
  if (HARBOR_IS_WINDOW (parent))
    harbor_window_add_toast (HARBOR_WINDOW (parent), adw_toast_new (title));
}

/**
 * harbor_summary_export_build:
 * @vault: an unlocked vault
 * @rules: the rule data
 * @client_id: the client
 * @recipient: (nullable): the party the summary is for
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the summary as PDF, or %NULL if a release of
 *   information does not allow it (%HARBOR_REPORT_ERROR_NO_RELEASE) or it
 *   could not be made
 */
GBytes *
harbor_summary_export_build (HarborVault       *vault,
                             const HarborRules *rules,
                             const char        *client_id,
                             const char        *recipient,
                             GError           **error)
{
  if (!harbor_report_check_release (vault, client_id, recipient, NULL, error))
    return NULL;
  return harbor_report_summary_to_pdf (vault, rules, client_id, NULL, NULL, recipient, error);
}

/* ---- Print ------------------------------------------------------------------ */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Export            *export)
{
  guint pages = harbor_report_summary_paginate (export->summary,
                                                gtk_print_context_get_cairo_context (context),
                                                gtk_print_context_get_width (context),
                                                gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) MAX (pages, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Export            *export)
{
  harbor_report_summary_draw_page (export->summary, gtk_print_context_get_cairo_context (context),
                                   (guint) page_nr);
}

static void
print_summary (Export *export)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  /* The job name shows in print queues: it names no one. */
  gtk_print_operation_set_job_name (operation, _("Harbor referral summary"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), export);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), export);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               export->parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (export->parent, _("The Summary Was Not Printed"), error->message);
}

/* ---- Save ------------------------------------------------------------------- */

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  pdf = harbor_report_summary_to_pdf_bytes (export->summary, &error);
  if (pdf == NULL ||
      !g_file_replace_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    {
      show_message (export->parent, _("The Summary Was Not Saved"), error->message);
      return;
    }

  where = g_file_get_parse_name (file);
  message = g_strdup_printf (_("Saved the summary, unencrypted, to %s"), where);
  toast (export->parent, message);
}

static void
choose_file (Export *export)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save the Referral Summary"), export->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* A neutral name: the file's name is seen in folders and recent files. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("referral-summary.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
warning_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Export *export = user_data;

  if (g_strcmp0 (response, "save") == 0)
    choose_file (export);
  else
    export_free (export);
}

static void
warn_then_save (Export *export)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (export->parent, _("Save an Unencrypted Copy?"),
                                   _("The summary names the client and lists their records. The PDF "
                                     "is not encrypted: anyone who can open the file can read it. Next "
                                     "you choose the folder it goes to. Save it only where it is safe "
                                     "until it reaches the attorney, and delete it afterwards."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Choose Where to Save…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (warning_response_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Recipient ------------------------------------------------------------- */

static void
proceed (Export *export)
{
  g_autoptr(GError) error = NULL;

  if (harbor_report_check_release (export->vault, export->client_id, export->recipient, NULL, &error))
    export->summary = harbor_report_summary_new (export->vault, export->rules, export->client_id,
                                                 NULL, NULL, export->recipient, &error);
  if (export->summary == NULL)
    {
      if (g_error_matches (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_NO_RELEASE))
        show_message (export->parent, _("No Release of Information in Effect"),
                      _("The client’s release for this party has expired, was revoked, or is not on "
                        "file. Ask the client to sign a new release before sharing the summary."));
      else
        show_message (export->parent, _("The Summary Could Not Be Made"), error->message);
      export_free (export);
      return;
    }

  if (export->print)
    {
      print_summary (export);
      export_free (export);
    }
  else
    {
      warn_then_save (export);
    }
}

static const HarborFormField recipient_fields[] = {
  { "party", N_("Who the Summary Is For"), HARBOR_FORM_CHOICE, TRUE, NULL, NULL },
};

static void
recipient_chosen_cb (HarborFormDialog *dialog,
                     Export           *export)
{
  /* Take the export back from the dialog before it goes. */
  g_object_steal_data (G_OBJECT (dialog), "export");
  export->recipient = harbor_form_dialog_dup_value (dialog, "party");
  gtk_window_destroy (GTK_WINDOW (dialog));
  proceed (export);
}

/**
 * harbor_summary_export_start:
 * @parent: the window
 * @vault: an unlocked vault
 * @rules: the rule data
 * @client_id: the client
 * @print: %TRUE to print, %FALSE to save a PDF
 *
 * Starts the export described at the top of this file.
 */
void
harbor_summary_export_start (GtkWindow         *parent,
                             HarborVault       *vault,
                             const HarborRules *rules,
                             const char        *client_id,
                             gboolean           print)
{
  Export *export = g_new0 (Export, 1);
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GStrvBuilder) parties = g_strv_builder_new ();
  HarborFormField *fields;
  HarborFormDialog *dialog;
  GStrv choices;

  export->parent = g_object_ref (parent);
  export->vault = g_object_ref (vault);
  export->rules = rules;
  export->client_id = g_strdup (client_id);
  export->print = print;

  consents = harbor_vault_list_consents (vault, client_id, NULL);
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      HarborVaultConsent *consent = g_ptr_array_index (consents, i);

      if (!consent->deleted && consent->party != NULL)
        g_strv_builder_add (parties, consent->party);
    }
  choices = g_strv_builder_end (parties);

  /* No release on file: nothing to check against. */
  if (choices[0] == NULL)
    {
      g_strfreev (choices);
      proceed (export);
      return;
    }

  /* The field table and its choices live as long as the dialog. */
  fields = g_memdup2 (recipient_fields, sizeof recipient_fields);
  fields[0].choices = (const char * const *) choices;
  fields[0].labels = (const char * const *) choices;
  dialog = harbor_form_dialog_new (parent, _("Referral Summary"),
                                   _("Choose the party with the client’s release of information."),
                                   fields, G_N_ELEMENTS (recipient_fields));
  g_object_set_data_full (G_OBJECT (dialog), "fields", fields, g_free);
  g_object_set_data_full (G_OBJECT (dialog), "choices", choices, (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (dialog), "export", export, (GDestroyNotify) export_free);
  g_signal_connect (dialog, "save", G_CALLBACK (recipient_chosen_cb), export);
  gtk_window_present (GTK_WINDOW (dialog));
}
