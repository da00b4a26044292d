/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-client-list.c: the vault's clients as a lazily loaded list model
 *
 * Copyright 2026 The Harbor authors
 *
 * A shelter's vault can hold tens of thousands of clients. The model knows
 * only their number until a row is asked for; it then loads the page of
 * PAGE_SIZE rows around it (most recent activity first) and keeps it, so a
 * list view that shows thirty rows loads one page, and scrolling loads
 * pages as they come into view.
 *
 * With a search query the model holds the matches of the full-text index
 * (names, aliases and notes), at most MAX_MATCHES of them.
 */

#define G_LOG_DOMAIN "harbor-client-list"

#include "config.h"

#include "harbor-client-list.h"

#define PAGE_SIZE   100
#define MAX_MATCHES 500

/* ---- HarborClientItem ------------------------------------------------------ */

struct _HarborClientItem
{
  GObject  parent_instance;

  char    *id;
  char    *display_name;
};

G_DEFINE_FINAL_TYPE (HarborClientItem, harbor_client_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_DISPLAY_NAME,
  ITEM_N_PROPS,
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
harbor_client_item_finalize (GObject *object)
{
  HarborClientItem *self = HARBOR_CLIENT_ITEM (object);

  g_free (self->id);
  g_free (self->display_name);

  G_OBJECT_CLASS (harbor_client_item_parent_class)->finalize (object);
}

static void
harbor_client_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HarborClientItem *self = HARBOR_CLIENT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
harbor_client_item_class_init (HarborClientItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = harbor_client_item_finalize;
  object_class->get_property = harbor_client_item_get_property;

  item_properties[ITEM_PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
harbor_client_item_init (HarborClientItem *self)
{
}

static HarborClientItem *
client_item_new (const HarborVaultClient *client)
{
  HarborClientItem *self = g_object_new (HARBOR_TYPE_CLIENT_ITEM, NULL);

  self->id = g_strdup (client->id);
  self->display_name = g_strdup (client->display_name != NULL ? client->display_name : "");
  return self;
}

const char *
harbor_client_item_get_id (HarborClientItem *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_ITEM (self), NULL);

  return self->id;
}

const char *
harbor_client_item_get_display_name (HarborClientItem *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_ITEM (self), NULL);

  return self->display_name;
}

/* ---- HarborClientList ------------------------------------------------------ */

struct _HarborClientList
{
  GObject      parent_instance;

  HarborVault *vault;        /* only while unlocked: the view owning the list dies on lock */
  char        *query;
  guint        n_items;
  GHashTable  *pages;        /* page number -> GPtrArray of HarborClientItem */
  GPtrArray   *matches;      /* with a query */
};

static void harbor_client_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HarborClientList, harbor_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, harbor_client_list_model_init))

static GType
harbor_client_list_get_item_type (GListModel *model)
{
  return HARBOR_TYPE_CLIENT_ITEM;
}

static guint
harbor_client_list_get_n_items (GListModel *model)
{
  return HARBOR_CLIENT_LIST (model)->n_items;
}

static GPtrArray *
load_page (HarborClientList *self,
           guint             page)
{
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  clients = harbor_vault_list_clients (self->vault, page * PAGE_SIZE, PAGE_SIZE, &error);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (clients == NULL)
    {
      /* Never names a client: the message is the vault's. */
      g_warning ("Could not load clients: %s", error->message);
      return items;
    }
  for (guint i = 0; i < clients->len; i++)
    g_ptr_array_add (items, client_item_new (g_ptr_array_index (clients, i)));
  return items;
}

static gpointer
harbor_client_list_get_item (GListModel *model,
                             guint       position)
{
  HarborClientList *self = HARBOR_CLIENT_LIST (model);
  GPtrArray *items;
  guint page;

  if (position >= self->n_items)
    return NULL;

  if (self->matches != NULL)
    return g_object_ref (g_ptr_array_index (self->matches, position));

  page = position / PAGE_SIZE;
  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
harbor_client_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = harbor_client_list_get_item_type;
  iface->get_n_items = harbor_client_list_get_n_items;
  iface->get_item = harbor_client_list_get_item;
}

static void
harbor_client_list_finalize (GObject *object)
{
  HarborClientList *self = HARBOR_CLIENT_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_clear_object (&self->vault);
  g_free (self->query);

  G_OBJECT_CLASS (harbor_client_list_parent_class)->finalize (object);
}

static void
harbor_client_list_class_init (HarborClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = harbor_client_list_finalize;
}

static void
harbor_client_list_init (HarborClientList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * harbor_client_list_new:
 * @vault: an unlocked vault
 *
 * Returns: (transfer full): the clients, most recent activity first
 */
HarborClientList *
harbor_client_list_new (HarborVault *vault)
{
  HarborClientList *self;

  g_return_val_if_fail (HARBOR_IS_VAULT (vault), NULL);

  self = g_object_new (HARBOR_TYPE_CLIENT_LIST, NULL);
  self->vault = g_object_ref (vault);
  harbor_client_list_reload (self);
  return self;
}

/**
 * harbor_client_list_reload:
 * @self: a #HarborClientList
 *
 * Forgets every loaded row and counts again, after a change to the vault.
 */
void
harbor_client_list_reload (HarborClientList *self)
{
  g_autoptr(GError) error = NULL;
  guint old = self->n_items;

  g_return_if_fail (HARBOR_IS_CLIENT_LIST (self));

  g_hash_table_remove_all (self->pages);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  if (self->query != NULL && *self->query != '\0')
    {
      g_autoptr(GPtrArray) clients = harbor_vault_search_clients (self->vault, self->query,
                                                                  MAX_MATCHES, &error);

      self->matches = g_ptr_array_new_with_free_func (g_object_unref);
      if (clients == NULL)
        g_debug ("Search failed: %s", error->message);
      else
        for (guint i = 0; i < clients->len; i++)
          g_ptr_array_add (self->matches, client_item_new (g_ptr_array_index (clients, i)));
      self->n_items = self->matches->len;
    }
  else
    {
      gint64 count = harbor_vault_count_clients (self->vault, &error);

      if (count < 0)
        g_warning ("Could not count clients: %s", error->message);
      self->n_items = (guint) MAX (count, 0);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

/**
 * harbor_client_list_set_query:
 * @self: a #HarborClientList
 * @query: (nullable): words to search for in names, aliases and notes
 */
void
harbor_client_list_set_query (HarborClientList *self,
                              const char       *query)
{
  g_return_if_fail (HARBOR_IS_CLIENT_LIST (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  harbor_client_list_reload (self);
}

const char *
harbor_client_list_get_query (HarborClientList *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_LIST (self), NULL);

  return self->query;
}

/**
 * harbor_client_list_get_loaded_pages:
 * @self: a #HarborClientList
 *
 * Returns: how many pages of rows are loaded (for tests and benchmarks)
 */
guint
harbor_client_list_get_loaded_pages (HarborClientList *self)
{
  g_return_val_if_fail (HARBOR_IS_CLIENT_LIST (self), 0);

  return g_hash_table_size (self->pages);
}
