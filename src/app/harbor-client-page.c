/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-page.c: one client's page
 *
 * Copyright 2026 The Harbor authors
 *
 * The overview of the client's basic facts, with edit and delete. The page
 * reads the client from the vault when it is made and after each change;
 * it is destroyed when the vault locks, with everything it shows.
 */

#define G_LOG_DOMAIN "harbor-client-page"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-widget-utils.h"

#include "harbor-client-editor.h"
#include "harbor-client-page.h"
#include "harbor-window.h"
#include "harbor-form-dialog.h"
#include "harbor-summary-export.h"
#include "harbor-record-editor.h"
#include "harbor-relief-view.h"

struct _HarborClientPage
{
  GtkWidget     parent_instance;

  /* Template widgets */
  AdwActionRow *name_row;
  AdwActionRow *aliases_row;
  AdwActionRow *pronouns_row;
  AdwActionRow *birth_row;
  AdwActionRow *languages_row;
  AdwActionRow *safety_row;
  AdwActionRow *trafficking_row;
  AdwActionRow *documents_row;
  AdwViewStack *view_stack;
  AdwPreferencesGroup *records_group;
  AdwPreferencesGroup *events_group;
  AdwPreferencesGroup *consents_group;
  AdwPreferencesPage *overview_page;
  HarborReliefView *relief_view;
  AdwPreferencesGroup *upcoming_group;

  /* Owned references */
  HarborVault  *vault;
  char         *client_id;
  GPtrArray    *record_rows;
  GPtrArray    *event_rows;
  GPtrArray    *consent_rows;
  GPtrArray    *upcoming_rows;

  /* Borrowed: owned by the application */
  const HarborRules *rules;
};

G_DEFINE_FINAL_TYPE (HarborClientPage, harbor_client_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  SIGNAL_DELETE_REQUESTED,
  SIGNAL_PURGE_REQUESTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  /* Unknown is a first-class answer: say so rather than leave a blank. */
  adw_action_row_set_subtitle (row, value != NULL && *value != '\0' ? value : _("Not recorded"));
}

static void
set_list_row (AdwActionRow *row,
              GStrv         values)
{
  g_autofree char *joined = values != NULL ? g_strjoinv (", ", values) : NULL;

  set_row (row, joined);
}

static const char *
disposition_label (HarborDisposition disposition)
{
  switch (disposition)
    {
    case HARBOR_DISPOSITION_ARREST_ONLY: return _("Arrest only");
    case HARBOR_DISPOSITION_PENDING: return _("Pending");
    case HARBOR_DISPOSITION_DISMISSED: return _("Dismissed");
    case HARBOR_DISPOSITION_ACQUITTED: return _("Acquitted");
    case HARBOR_DISPOSITION_DIVERTED: return _("Diverted");
    case HARBOR_DISPOSITION_CONVICTED: return _("Convicted");
    case HARBOR_DISPOSITION_ADJUDICATED_DELINQUENT: return _("Found delinquent");
    case HARBOR_DISPOSITION_UNKNOWN:
    default: return _("Outcome not recorded");
    }
}

static void
record_editor_save_cb (HarborRecordEditor *editor,
                       HarborRecord       *record,
                       HarborClientPage   *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean ok;

  if (record->id != NULL)
    ok = harbor_vault_update_record (self->vault, record, &error);
  else
    ok = (id = harbor_vault_add_record (self->vault, self->client_id, record, &error)) != NULL;
  if (!ok)
    {
      g_warning ("Could not save a record: %s", error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (editor));
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
open_record_editor (HarborClientPage   *self,
                    const HarborRecord *record)
{
  HarborRecordEditor *editor;

  editor = harbor_record_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->rules, record);
  g_signal_connect_object (editor, "save", G_CALLBACK (record_editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_record_clicked_cb (GtkButton        *button,
                        HarborClientPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr(HarborRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = harbor_vault_get_record (self->vault, id, &error);
  if (record != NULL)
    open_record_editor (self, record);
}

static void
delete_record_clicked_cb (GtkButton        *button,
                          HarborClientPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "record-id");
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_delete (self->vault, HARBOR_VAULT_KIND_RECORD, id, &error))
    {
      g_warning ("Could not delete a record: %s", error->message);
      return;
    }
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static GtkWidget *
record_button (HarborClientPage *self,
               const char       *icon,
               const char       *label,
               const char       *record_id,
               GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "record-id", g_strdup (record_id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static void
reload_records (HarborClientPage *self)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->record_rows->len; i++)
    adw_preferences_group_remove (self->records_group, g_ptr_array_index (self->record_rows, i));
  g_ptr_array_set_size (self->record_rows, 0);

  records = harbor_vault_list_records (self->vault, self->client_id, &error);
  if (records == NULL)
    {
      g_warning ("Could not list records: %s", error->message);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const HarborRecord *record = g_ptr_array_index (records, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *place = harbor_jurisdiction_label (self->rules, record->jurisdiction);
      g_autofree char *title = g_strdup_printf ("%s · %s", place, disposition_label (record->disposition));
      g_autofree char *date = g_date_valid (&record->disposition_date) ? harbor_date_to_string (&record->disposition_date)
                                                                       : NULL;
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s",
                                                   record->offense.description ? record->offense.description
                                                                               : _("Offense not recorded"),
                                                   date != NULL ? " · " : "", date != NULL ? date : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 record_button (self, "document-edit-symbolic", _("Edit the record"),
                                                record->id, G_CALLBACK (edit_record_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 record_button (self, "user-trash-symbolic", _("Delete the record"),
                                                record->id, G_CALLBACK (delete_record_clicked_cb)));
      adw_preferences_group_add (self->records_group, row);
      g_ptr_array_add (self->record_rows, row);
    }
}

static void
summary_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (widget);

  harbor_summary_export_start (GTK_WINDOW (gtk_widget_get_root (widget)), self->vault, self->rules,
                               self->client_id, g_str_equal (action_name, "client.print-summary"));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  harbor_client_page_show_section (HARBOR_CLIENT_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
add_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_record_editor (HARBOR_CLIENT_PAGE (widget), NULL);
}

/* ---- History ------------------------------------------------------------- */

static const char * const event_kinds[] = {
  "intake", "identification", "service", "referral", "court_date", "note", NULL,
};
static const char * const event_kind_labels[] = {
  N_("Intake"), N_("Identification"), N_("Service"), N_("Referral"), N_("Court date"), N_("Note"), NULL,
};

static const HarborFormField event_fields[] = {
  { "kind", N_("Kind"), HARBOR_FORM_CHOICE, TRUE, event_kinds, event_kind_labels },
  { "date", N_("Date (YYYY-MM-DD)"), HARBOR_FORM_DATE, TRUE, NULL, NULL },
  { "text", N_("What Happened"), HARBOR_FORM_TEXT, FALSE, NULL, NULL },
};

static const char *
event_kind_label (const char *kind)
{
  for (guint i = 0; event_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, event_kinds[i]) == 0)
      return _(event_kind_labels[i]);
  return kind != NULL ? kind : _("Event");
}

static void reload_events (HarborClientPage *self);
static void reload_consents (HarborClientPage *self);
static void reload_upcoming (HarborClientPage *self);

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
event_save_cb (HarborFormDialog *dialog,
               HarborClientPage *self)
{
  g_autoptr(HarborVaultEvent) event = harbor_vault_event_new ();
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "event-id");
  gboolean ok;

  event->id = g_strdup (id);
  event->client_id = g_strdup (self->client_id);
  event->kind = harbor_form_dialog_dup_value (dialog, "kind");
  event->date = harbor_form_dialog_dup_value (dialog, "date");
  event->text = harbor_form_dialog_dup_value (dialog, "text");

  if (id != NULL)
    ok = harbor_vault_update_event (self->vault, event, &error);
  else
    {
      g_autofree char *new_id = harbor_vault_add_event (self->vault, event, &error);
      ok = new_id != NULL;
    }
  if (!ok)
    {
      g_warning ("Could not save an event: %s", error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  reload_events (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
open_event_dialog (HarborClientPage       *self,
                   const HarborVaultEvent *event)
{
  HarborFormDialog *dialog;

  dialog = harbor_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   event != NULL ? _("Edit Event") : _("New Event"), NULL,
                                   event_fields, G_N_ELEMENTS (event_fields));
  if (event != NULL)
    {
      g_object_set_data_full (G_OBJECT (dialog), "event-id", g_strdup (event->id), g_free);
      harbor_form_dialog_set_value (dialog, "kind", event->kind);
      harbor_form_dialog_set_value (dialog, "date", event->date);
      harbor_form_dialog_set_value (dialog, "text", event->text);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      harbor_form_dialog_set_value (dialog, "date", today);
    }
  g_signal_connect_object (dialog, "save", G_CALLBACK (event_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_event_clicked_cb (GtkButton        *button,
                       HarborClientPage *self)
{
  g_autoptr(HarborVaultEvent) event = harbor_vault_get_event (self->vault,
                                                              g_object_get_data (G_OBJECT (button), "object-id"),
                                                              NULL);

  if (event != NULL)
    open_event_dialog (self, event);
}

static void
delete_event_clicked_cb (GtkButton        *button,
                         HarborClientPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_delete (self->vault, HARBOR_VAULT_KIND_EVENT,
                            g_object_get_data (G_OBJECT (button), "object-id"), &error))
    g_warning ("Could not delete an event: %s", error->message);
  reload_events (self);
}

static GtkWidget *
object_button (HarborClientPage *self,
               const char       *icon,
               const char       *label,
               const char       *id,
               GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "object-id", g_strdup (id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const HarborVaultEvent *ea = *(HarborVaultEvent * const *) a;
  const HarborVaultEvent *eb = *(HarborVaultEvent * const *) b;

  /* Newest first; undated last. */
  return -g_strcmp0 (ea->date, eb->date);
}

static void
reload_events (HarborClientPage *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->events_group, self->event_rows);
  events = harbor_vault_list_events (self->vault, self->client_id, &error);
  if (events == NULL)
    {
      g_warning ("Could not list events: %s", error->message);
      return;
    }
  g_ptr_array_sort (events, compare_events);

  for (guint i = 0; i < events->len; i++)
    {
      const HarborVaultEvent *event = g_ptr_array_index (events, i);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (event->deleted)
        continue;
      row = adw_action_row_new ();
      title = g_strdup_printf ("%s · %s", event->date ? event->date : _("No date"),
                               event_kind_label (event->kind));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (event->text != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), event->text);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 object_button (self, "document-edit-symbolic", _("Edit the event"),
                                                event->id, G_CALLBACK (edit_event_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 object_button (self, "user-trash-symbolic", _("Delete the event"),
                                                event->id, G_CALLBACK (delete_event_clicked_cb)));
      adw_preferences_group_add (self->events_group, row);
      g_ptr_array_add (self->event_rows, row);
    }
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_event_dialog (HARBOR_CLIENT_PAGE (widget), NULL);
}

/* ---- Consents -------------------------------------------------------------- */

static const HarborFormField consent_fields[] = {
  { "party", N_("Who May Receive Information"), HARBOR_FORM_TEXT, TRUE, NULL, NULL },
  { "scope", N_("What May Be Shared, and Why"), HARBOR_FORM_TEXT, TRUE, NULL, NULL },
  { "signed_on", N_("Signed On (YYYY-MM-DD)"), HARBOR_FORM_DATE, TRUE, NULL, NULL },
  { "expires_on", N_("Expires On (YYYY-MM-DD)"), HARBOR_FORM_DATE, FALSE, NULL, NULL },
  { "revoked_on", N_("Revoked On (YYYY-MM-DD), if the Client Withdrew It"), HARBOR_FORM_DATE, FALSE, NULL, NULL },
};

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A release that is revoked or past its expiry date no longer allows
 * sharing anything with that party. */
static const char *
consent_state (const HarborVaultConsent *consent,
               gboolean                 *active)
{
  g_autofree char *today = today_string ();

  *active = FALSE;
  if (consent->revoked_on != NULL)
    return _("Revoked: nothing may be shared");
  if (consent->expires_on != NULL && g_strcmp0 (consent->expires_on, today) < 0)
    return _("Expired: nothing may be shared");
  *active = TRUE;
  return _("In effect");
}

static void
consent_save_cb (HarborFormDialog *dialog,
                 HarborClientPage *self)
{
  g_autoptr(HarborVaultConsent) consent = harbor_vault_consent_new ();
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "consent-id");
  gboolean ok;

  consent->id = g_strdup (id);
  consent->client_id = g_strdup (self->client_id);
  consent->party = harbor_form_dialog_dup_value (dialog, "party");
  consent->scope = harbor_form_dialog_dup_value (dialog, "scope");
  consent->signed_on = harbor_form_dialog_dup_value (dialog, "signed_on");
  consent->expires_on = harbor_form_dialog_dup_value (dialog, "expires_on");
  consent->revoked_on = harbor_form_dialog_dup_value (dialog, "revoked_on");

  if (id != NULL)
    ok = harbor_vault_update_consent (self->vault, consent, &error);
  else
    {
      g_autofree char *new_id = harbor_vault_add_consent (self->vault, consent, &error);
      ok = new_id != NULL;
    }
  if (!ok)
    {
      g_warning ("Could not save a release: %s", error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  reload_consents (self);
  reload_upcoming (self);
}

static void
open_consent_dialog (HarborClientPage         *self,
                     const HarborVaultConsent *consent)
{
  HarborFormDialog *dialog;

  dialog = harbor_form_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   consent != NULL ? _("Edit Release") : _("New Release"),
                                   _("Record a release only after the client has signed it."),
                                   consent_fields, G_N_ELEMENTS (consent_fields));
  if (consent != NULL)
    {
      g_object_set_data_full (G_OBJECT (dialog), "consent-id", g_strdup (consent->id), g_free);
      harbor_form_dialog_set_value (dialog, "party", consent->party);
      harbor_form_dialog_set_value (dialog, "scope", consent->scope);
      harbor_form_dialog_set_value (dialog, "signed_on", consent->signed_on);
      harbor_form_dialog_set_value (dialog, "expires_on", consent->expires_on);
      harbor_form_dialog_set_value (dialog, "revoked_on", consent->revoked_on);
    }
  g_signal_connect_object (dialog, "save", G_CALLBACK (consent_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_consent_clicked_cb (GtkButton        *button,
                         HarborClientPage *self)
{
  g_autoptr(HarborVaultConsent) consent = harbor_vault_get_consent (self->vault,
                                                                    g_object_get_data (G_OBJECT (button), "object-id"),
                                                                    NULL);

  if (consent != NULL)
    open_consent_dialog (self, consent);
}

static void
reload_consents (HarborClientPage *self)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->consents_group, self->consent_rows);
  consents = harbor_vault_list_consents (self->vault, self->client_id, &error);
  if (consents == NULL)
    {
      g_warning ("Could not list releases: %s", error->message);
      return;
    }

  for (guint i = 0; i < consents->len; i++)
    {
      const HarborVaultConsent *consent = g_ptr_array_index (consents, i);
      g_autofree char *subtitle = NULL;
      const char *state;
      gboolean active;
      GtkWidget *row;

      if (consent->deleted)
        continue;
      state = consent_state (consent, &active);
      subtitle = g_strdup_printf ("%s\n%s · %s%s%s", consent->scope ? consent->scope : "",
                                  state, consent->signed_on ? consent->signed_on : "?",
                                  consent->expires_on ? " – " : "",
                                  consent->expires_on ? consent->expires_on : "");
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), consent->party ? consent->party : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), active ? "emblem-ok-symbolic" : "action-unavailable-symbolic");
      if (!active)
        gtk_widget_add_css_class (row, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 object_button (self, "document-edit-symbolic", _("Edit the release"),
                                                consent->id, G_CALLBACK (edit_consent_clicked_cb)));
      adw_preferences_group_add (self->consents_group, row);
      g_ptr_array_add (self->consent_rows, row);
    }
}

static void
add_consent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_consent_dialog (HARBOR_CLIENT_PAGE (widget), NULL);
}

/* ---- Overview: what is coming up ------------------------------------------ */

static void
add_upcoming (HarborClientPage *self,
              const char       *title,
              const char       *subtitle,
              const char       *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (self->upcoming_group, row);
  g_ptr_array_add (self->upcoming_rows, row);
}

static void
reload_upcoming (HarborClientPage *self)
{
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *today = today_string ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon_dt = g_date_time_add_days (now, 30);
  g_autofree char *soon = g_date_time_format (soon_dt, "%Y-%m-%d");

  clear_rows (self->upcoming_group, self->upcoming_rows);

  lists = harbor_vault_list_checklists (self->vault, self->client_id, NULL);
  for (guint i = 0; lists != NULL && i < lists->len; i++)
    {
      HarborVaultChecklist *list = g_ptr_array_index (lists, i);
      g_autoptr(GPtrArray) items = NULL;
      HarborVaultChecklistItem *next = NULL;
      guint done = 0;
      g_autofree char *subtitle = NULL;

      if (list->deleted)
        continue;
      items = harbor_vault_list_checklist_items (self->vault, list->id, NULL);
      for (guint j = 0; items != NULL && j < items->len; j++)
        {
          HarborVaultChecklistItem *item = g_ptr_array_index (items, j);

          if (g_strcmp0 (item->status, "done") == 0)
            done++;
          else if (next == NULL)
            next = item;
        }
      if (next == NULL)
        continue;
      subtitle = next->due_on != NULL
        ? g_strdup_printf (_("%u of %u done · next: %s (due %s)"), done, items->len, next->step, next->due_on)
        : g_strdup_printf (_("%u of %u done · next: %s"), done, items->len, next->step);
      add_upcoming (self, list->title, subtitle, "checkbox-checked-symbolic");
    }

  consents = harbor_vault_list_consents (self->vault, self->client_id, NULL);
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      HarborVaultConsent *consent = g_ptr_array_index (consents, i);
      g_autofree char *subtitle = NULL;

      if (consent->deleted || consent->revoked_on != NULL || consent->expires_on == NULL)
        continue;
      if (g_strcmp0 (consent->expires_on, today) < 0)
        subtitle = g_strdup_printf (_("Release expired on %s"), consent->expires_on);
      else if (g_strcmp0 (consent->expires_on, soon) <= 0)
        subtitle = g_strdup_printf (_("Release expires on %s"), consent->expires_on);
      else
        continue;
      add_upcoming (self, consent->party ? consent->party : "", subtitle, "dialog-warning-symbolic");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group), self->upcoming_rows->len > 0);
}

static void
relief_edit_record_cb (HarborClientPage *self,
                       const char       *record_id)
{
  g_autoptr(HarborRecord) record = harbor_vault_get_record (self->vault, record_id, NULL);

  if (record != NULL)
    open_record_editor (self, record);
}

static void
relief_edit_client_cb (HarborClientPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "client.edit", NULL);
}

/**
 * harbor_client_page_reload:
 * @self: the page
 *
 * Reads the client again from the vault.
 */
void
harbor_client_page_reload (HarborClientPage *self)
{
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = harbor_vault_get_client (self->vault, self->client_id, &error);
  if (client == NULL)
    {
      g_warning ("Could not read a client: %s", error->message);
      return;
    }

  set_row (self->name_row, client->display_name);
  set_list_row (self->aliases_row, client->aliases);
  set_row (self->pronouns_row, client->pronouns);
  set_row (self->birth_row, client->birth_date);
  set_list_row (self->languages_row, client->languages);
  set_row (self->safety_row, client->safety_notes);

  {
    g_autoptr(GString) trafficking = g_string_new (NULL);

    if (client->trafficking_types != NULL)
      for (guint i = 0; client->trafficking_types[i] != NULL; i++)
        {
          if (trafficking->len > 0)
            g_string_append (trafficking, ", ");
          g_string_append (trafficking, g_str_equal (client->trafficking_types[i], "sex")
                                        ? _("sex trafficking") : _("labor trafficking"));
        }
    if (client->trafficking_began_on != NULL || client->trafficking_ended_on != NULL)
      g_string_append_printf (trafficking, trafficking->len > 0 ? " (%s – %s)" : "%s – %s",
                              client->trafficking_began_on ? client->trafficking_began_on : "?",
                              client->trafficking_ended_on ? client->trafficking_ended_on : "?");
    set_row (self->trafficking_row, trafficking->str);
    set_list_row (self->documents_row, client->trafficking_documentation);
  }

  reload_records (self);
  reload_events (self);
  reload_consents (self);
  reload_upcoming (self);
  harbor_relief_view_set_client (self->relief_view, self->vault, self->rules, self->client_id);
}

static void
undo_edit_cb (AdwToast         *toast,
              HarborClientPage *self)
{
  HarborVaultClient *before = g_object_get_data (G_OBJECT (toast), "before");
  g_autoptr(GError) error = NULL;

  if (!harbor_vault_update_client (self->vault, before, &error))
    {
      g_warning ("Could not undo a change: %s", error->message);
      return;
    }
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
editor_save_cb (HarborClientEditor *editor,
                HarborVaultClient  *client,
                HarborClientPage   *self)
{
  g_autoptr(GError) error = NULL;
  HarborVaultClient *before;
  GtkRoot *root;
  AdwToast *toast;

  before = harbor_vault_get_client (self->vault, self->client_id, &error);
  if (before == NULL || !harbor_vault_update_client (self->vault, client, &error))
    {
      g_warning ("Could not save a client: %s", error->message);
      g_clear_pointer (&before, harbor_vault_client_free);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (editor));
  harbor_client_page_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  /* The toast names no one: it may be seen over a shoulder. */
  toast = adw_toast_new (_("Changes saved"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "before", before, (GDestroyNotify) harbor_vault_client_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_edit_cb), self, 0);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (HARBOR_IS_WINDOW (root))
    harbor_window_add_toast (HARBOR_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (widget);
  g_autoptr(HarborVaultClient) client = NULL;
  g_autoptr(GError) error = NULL;
  HarborClientEditor *editor;

  client = harbor_vault_get_client (self->vault, self->client_id, &error);
  if (client == NULL)
    return;

  editor = harbor_client_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), client);
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (widget);

  g_signal_emit (self, signals[SIGNAL_DELETE_REQUESTED], 0, self->client_id);
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (widget);

  g_signal_emit (self, signals[SIGNAL_PURGE_REQUESTED], 0, self->client_id);
}

static void
harbor_client_page_dispose (GObject *object)
{
  HarborClientPage *self = HARBOR_CLIENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HARBOR_TYPE_CLIENT_PAGE);
  harbor_widget_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->vault);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->record_rows, g_ptr_array_unref);
  g_clear_pointer (&self->event_rows, g_ptr_array_unref);
  g_clear_pointer (&self->consent_rows, g_ptr_array_unref);
  g_clear_pointer (&self->upcoming_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (harbor_client_page_parent_class)->dispose (object);
}

static void
harbor_client_page_class_init (HarborClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_client_page_dispose;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_PURGE_REQUESTED] =
    g_signal_new ("purge-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, pronouns_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, languages_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, safety_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, trafficking_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, documents_row);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, records_group);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, relief_view);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, events_group);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, consents_group);
  gtk_widget_class_bind_template_child (widget_class, HarborClientPage, overview_page);

  gtk_widget_class_install_action (widget_class, "client.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "client.purge", NULL, purge_action);
  gtk_widget_class_install_action (widget_class, "client.add-record", NULL, add_record_action);
  gtk_widget_class_install_action (widget_class, "client.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "client.add-consent", NULL, add_consent_action);
  gtk_widget_class_install_action (widget_class, "client.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "client.print-summary", NULL, summary_action);
  gtk_widget_class_install_action (widget_class, "client.save-summary", NULL, summary_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "client.print-summary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.save-summary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "client.add-record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "client.add-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "client.add-consent", NULL);
  {
    static const char *sections[] = { "overview", "history", "records", "relief", "consents" };

    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                           "client.show-section", "s", sections[i]);
  }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "client.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "client.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_client_page_init (HarborClientPage *self)
{
  g_type_ensure (HARBOR_TYPE_RELIEF_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->record_rows = g_ptr_array_new ();
  self->event_rows = g_ptr_array_new ();
  self->consent_rows = g_ptr_array_new ();
  self->upcoming_rows = g_ptr_array_new ();

  g_signal_connect_object (self->relief_view, "edit-record", G_CALLBACK (relief_edit_record_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relief_view, "edit-client", G_CALLBACK (relief_edit_client_cb),
                           self, G_CONNECT_SWAPPED);

  self->upcoming_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->upcoming_group, _("Coming Up"));
  adw_preferences_page_add (self->overview_page, self->upcoming_group);
}

/**
 * harbor_client_page_new:
 * @vault: an unlocked vault
 * @rules: (nullable): the rule data, which must outlive the page
 * @client_id: the client's id
 *
 * Returns: (transfer full): the client's page
 */
GtkWidget *
harbor_client_page_new (HarborVault       *vault,
                        const HarborRules *rules,
                        const char        *client_id)
{
  HarborClientPage *self = g_object_new (HARBOR_TYPE_CLIENT_PAGE, NULL);

  self->rules = rules;
  self->vault = g_object_ref (vault);
  self->client_id = g_strdup (client_id);
  harbor_client_page_reload (self);
  return GTK_WIDGET (self);
}

const char *
harbor_client_page_get_client_id (HarborClientPage *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_PAGE (self), NULL);

  return self->client_id;
}

/**
 * harbor_client_page_show_section:
 * @self: the page
 * @name: "overview", "history", "records", "relief" or "consents"
 */
void
harbor_client_page_show_section (HarborClientPage *self,
                                 const char       *name)
{
  g_return_if_fail (HARBOR_IS_CLIENT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * harbor_client_page_get_relief_view:
 * @self: the page
 *
 * Returns: (transfer none): the relief section
 */
HarborReliefView *
harbor_client_page_get_relief_view (HarborClientPage *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_PAGE (self), NULL);

  return self->relief_view;
}
