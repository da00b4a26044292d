/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-new-passphrase.c: choosing a new passphrase, typed twice, with its strength
 *
 * Copyright 2026 The Harbor authors
 *
 * Two password rows, a strength bar and a line of advice, checked as the
 * passphrase is typed: its strength (zxcvbn, with a minimum) and that both
 * rows match. "acceptable" is TRUE once both hold; "changed" is emitted on
 * every change, and "activate" when Enter is pressed in the second row. The
 * set-up page and the backup and restore dialogs use it, so a new
 * passphrase is judged the same way everywhere.
 */

#define G_LOG_DOMAIN "harbor-new-passphrase"

#include "config.h"

#include <glib/gi18n.h>

#include "harbor-new-passphrase.h"
#include "harbor-passphrase.h"
#include "harbor-widget-utils.h"

struct _HarborNewPassphrase
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *confirm_row;
  GtkLevelBar         *strength_bar;
  GtkLabel            *advice_label;

  gboolean             acceptable;
};

G_DEFINE_FINAL_TYPE (HarborNewPassphrase, harbor_new_passphrase, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCEPTABLE,
  PROP_TITLE,
  PROP_CONFIRM_TITLE,
  N_PROPS,
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_ACTIVATE,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update (HarborNewPassphrase *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  HarborPassphraseStrength strength = harbor_passphrase_rate (passphrase, NULL, NULL);
  gboolean acceptable;

  if (*passphrase == '\0')
    {
      gtk_level_bar_set_value (self->strength_bar, 0);
      gtk_label_set_text (self->advice_label,
                          _("Use at least 10 characters. A few unrelated words are easy to remember and hard to guess."));
    }
  else
    {
      gtk_level_bar_set_value (self->strength_bar, strength + 1);
      if (strength != HARBOR_PASSPHRASE_TOO_WEAK && *confirm != '\0' && !g_str_equal (passphrase, confirm))
        gtk_label_set_text (self->advice_label, _("The two passphrases are not the same yet."));
      else
        gtk_label_set_text (self->advice_label, harbor_passphrase_advice (passphrase, NULL));
    }

  acceptable = strength != HARBOR_PASSPHRASE_TOO_WEAK && g_str_equal (passphrase, confirm);
  if (acceptable != self->acceptable)
    {
      self->acceptable = acceptable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCEPTABLE]);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
passphrase_activated_cb (HarborNewPassphrase *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_row));
}

static void
confirm_activated_cb (HarborNewPassphrase *self)
{
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

static void
harbor_new_passphrase_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HARBOR_TYPE_NEW_PASSPHRASE);
  harbor_widget_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (harbor_new_passphrase_parent_class)->dispose (object);
}

static void
harbor_new_passphrase_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HarborNewPassphrase *self = HARBOR_NEW_PASSPHRASE (object);

  switch (prop_id)
    {
    case PROP_ACCEPTABLE:
      g_value_set_boolean (value, self->acceptable);
      break;
    case PROP_TITLE:
      g_value_set_string (value, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->passphrase_row)));
      break;
    case PROP_CONFIRM_TITLE:
      g_value_set_string (value, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->confirm_row)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_new_passphrase_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HarborNewPassphrase *self = HARBOR_NEW_PASSPHRASE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row), g_value_get_string (value));
      break;
    case PROP_CONFIRM_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
harbor_new_passphrase_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (HARBOR_NEW_PASSPHRASE (widget)->passphrase_row));
}

static void
harbor_new_passphrase_class_init (HarborNewPassphraseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = harbor_new_passphrase_dispose;
  object_class->get_property = harbor_new_passphrase_get_property;
  object_class->set_property = harbor_new_passphrase_set_property;
  widget_class->grab_focus = harbor_new_passphrase_grab_focus;

  properties[PROP_ACCEPTABLE] =
    g_param_spec_boolean ("acceptable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIRM_TITLE] =
    g_param_spec_string ("confirm-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HarborNewPassphrase::changed:
   * @self: the widget
   *
   * Either row changed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * HarborNewPassphrase::activate:
   * @self: the widget
   *
   * Enter was pressed in the second row.
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               HARBOR_RESOURCE_BASE "/ui/harbor-new-passphrase.ui");
  gtk_widget_class_bind_template_child (widget_class, HarborNewPassphrase, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, HarborNewPassphrase, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, HarborNewPassphrase, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, HarborNewPassphrase, advice_label);
  gtk_widget_class_bind_template_callback (widget_class, update);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
harbor_new_passphrase_init (HarborNewPassphrase *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  harbor_widget_name_inner_buttons (GTK_WIDGET (self->passphrase_row), _("Show the passphrase"));
  harbor_widget_name_inner_buttons (GTK_WIDGET (self->confirm_row), _("Show the passphrase"));

  /* Offsets for the discrete level bar: 1 too weak … 4 strong. */
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 3);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 4);
  update (self);
}

GtkWidget *
harbor_new_passphrase_new (void)
{
  return g_object_new (HARBOR_TYPE_NEW_PASSPHRASE, NULL);
}

/**
 * harbor_new_passphrase_get_acceptable:
 * @self: the widget
 *
 * Returns: %TRUE if the passphrase is strong enough and typed the same twice
 */
gboolean
harbor_new_passphrase_get_acceptable (HarborNewPassphrase *self)
{
  g_return_val_if_fail (HARBOR_IS_NEW_PASSPHRASE (self), FALSE);

  return self->acceptable;
}

/**
 * harbor_new_passphrase_get_text:
 * @self: the widget
 *
 * Returns: (transfer none): the passphrase as typed; it lives in the row's
 *   buffer, so copy it only into memory that is wiped
 */
const char *
harbor_new_passphrase_get_text (HarborNewPassphrase *self)
{
  g_return_val_if_fail (HARBOR_IS_NEW_PASSPHRASE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
}

/**
 * harbor_new_passphrase_clear:
 * @self: the widget
 *
 * Empties both rows, so the passphrase does not linger in widgets.
 */
void
harbor_new_passphrase_clear (HarborNewPassphrase *self)
{
  g_return_if_fail (HARBOR_IS_NEW_PASSPHRASE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

void
harbor_new_passphrase_focus (HarborNewPassphrase *self)
{
  g_return_if_fail (HARBOR_IS_NEW_PASSPHRASE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}
