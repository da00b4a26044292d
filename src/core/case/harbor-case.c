/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-case.c: the harbor-case/1 model, parser and serializer
 *
 * Copyright 2026 The Harbor authors
 *
 * The parser walks the json-glib tree once. Each field reader checks the
 * JSON type and the value (closed vocabularies, calendar dates) and, on the
 * first problem, produces an error naming the file, the line and column of
 * the offending value (found again in the text by harbor_json_locate()) and
 * its path in the document. JSON `null` and an absent member both leave the
 * field unknown.
 */

#define G_LOG_DOMAIN "harbor-case"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harbor-case.h"
#include "harbor-json-load.h"
#include "harbor-json-locate.h"

G_DEFINE_QUARK (harbor-case-error-quark, harbor_case_error)

/* ---- Vocabularies ------------------------------------------------------- */

static const char * const court_names[] = { "adult", "juvenile", NULL };

static const char * const disposition_names[] = {
  "arrest_only", "pending", "dismissed", "acquitted", "diverted", "convicted",
  "adjudicated_delinquent", NULL
};

static const char * const offense_class_names[] = {
  "felony", "misdemeanor", "petty", "status", NULL
};

static const char * const offense_categories[] = {
  "prostitution", "prostitution_related", "purchasing_sex", "promoting_prostitution",
  "trafficking_others", "drug_possession", "drug_sale", "theft", "fraud",
  "forgery_identity", "trespass", "public_order", "weapons", "assault", "robbery",
  "burglary", "homicide", "sexual_offense", "immigration_document", "traffic",
  "status_offense", "other", NULL
};

static const char * const trafficking_types[] = { "sex", "labor", NULL };

static const char * const documentation_kinds[] = {
  "t_visa", "continued_presence", "certification_letter", "law_enforcement_letter",
  "court_finding", "service_provider_affidavit", NULL
};

const char * const *
harbor_court_names (void)
{
  return court_names;
}

const char * const *
harbor_disposition_names (void)
{
  return disposition_names;
}

const char * const *
harbor_offense_class_names (void)
{
  return offense_class_names;
}

const char * const *
harbor_offense_categories (void)
{
  return offense_categories;
}

const char * const *
harbor_trafficking_types (void)
{
  return trafficking_types;
}

const char * const *
harbor_documentation_kinds (void)
{
  return documentation_kinds;
}

gboolean
harbor_name_in_vocabulary (const char * const *vocabulary,
                           const char         *name)
{
  g_return_val_if_fail (vocabulary != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; vocabulary[i] != NULL; i++)
    if (strcmp (vocabulary[i], name) == 0)
      return TRUE;

  return FALSE;
}

/* Enum values are the 1-based index into their name table; 0 is unknown. */
static int
index_in (const char * const *names,
          const char         *str)
{
  if (str == NULL)
    return -1;
  for (int i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], str) == 0)
      return i;
  return -1;
}

const char *
harbor_court_to_string (HarborCourt court)
{
  if (court <= HARBOR_COURT_UNKNOWN || court > HARBOR_COURT_JUVENILE)
    return NULL;
  return court_names[court - 1];
}

gboolean
harbor_court_from_string (const char  *str,
                          HarborCourt *out)
{
  int i = index_in (court_names, str);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (HarborCourt) (i + 1);
  return TRUE;
}

const char *
harbor_disposition_to_string (HarborDisposition disposition)
{
  if (disposition <= HARBOR_DISPOSITION_UNKNOWN ||
      disposition > HARBOR_DISPOSITION_ADJUDICATED_DELINQUENT)
    return NULL;
  return disposition_names[disposition - 1];
}

gboolean
harbor_disposition_from_string (const char        *str,
                                HarborDisposition *out)
{
  int i = index_in (disposition_names, str);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (HarborDisposition) (i + 1);
  return TRUE;
}

const char *
harbor_offense_class_to_string (HarborOffenseClass klass)
{
  if (klass <= HARBOR_OFFENSE_CLASS_UNKNOWN || klass > HARBOR_OFFENSE_CLASS_STATUS)
    return NULL;
  return offense_class_names[klass - 1];
}

gboolean
harbor_offense_class_from_string (const char         *str,
                                  HarborOffenseClass *out)
{
  int i = index_in (offense_class_names, str);

  if (i < 0)
    return FALSE;
  if (out != NULL)
    *out = (HarborOffenseClass) (i + 1);
  return TRUE;
}

/* ---- Dates -------------------------------------------------------------- */

gboolean
harbor_date_parse (const char *str,
                   GDate      *out)
{
  guint year = 0, month = 0, day = 0;

  if (out != NULL)
    g_date_clear (out, 1);

  if (str == NULL || strlen (str) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (str[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (str[i]))
        return FALSE;
    }

  year = (str[0] - '0') * 1000 + (str[1] - '0') * 100 + (str[2] - '0') * 10 + (str[3] - '0');
  month = (str[5] - '0') * 10 + (str[6] - '0');
  day = (str[8] - '0') * 10 + (str[9] - '0');

  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  if (out != NULL)
    g_date_set_dmy (out, day, month, year);

  return TRUE;
}

char *
harbor_date_to_string (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/* ---- Construction ------------------------------------------------------- */

static void
offense_clear (HarborOffense *offense)
{
  g_clear_pointer (&offense->description, g_free);
  g_clear_pointer (&offense->statute, g_free);
  g_clear_pointer (&offense->categories, g_strfreev);
  g_clear_pointer (&offense->degree, g_free);
}

static void
client_clear (HarborClient *client)
{
  g_clear_pointer (&client->name, g_free);
  g_clear_pointer (&client->aliases, g_strfreev);
  g_clear_pointer (&client->trafficking.types, g_strfreev);
  g_clear_pointer (&client->trafficking.documentation, g_strfreev);
}

HarborRecord *
harbor_record_new (void)
{
  HarborRecord *self = g_new0 (HarborRecord, 1);

  g_date_clear (&self->offense_date, 1);
  g_date_clear (&self->disposition_date, 1);
  g_date_clear (&self->sentence_completed_on, 1);

  return self;
}

void
harbor_record_free (HarborRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->jurisdiction);
  offense_clear (&self->offense);
  g_free (self);
}

HarborRecord *
harbor_record_copy (const HarborRecord *self)
{
  HarborRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->jurisdiction = g_strdup (self->jurisdiction);
  copy->offense.description = g_strdup (self->offense.description);
  copy->offense.statute = g_strdup (self->offense.statute);
  copy->offense.categories = g_strdupv (self->offense.categories);
  copy->offense.degree = g_strdup (self->offense.degree);

  return copy;
}

HarborCase *
harbor_case_new (void)
{
  HarborCase *self = g_new0 (HarborCase, 1);

  g_date_clear (&self->as_of, 1);
  g_date_clear (&self->client.birth_date, 1);
  g_date_clear (&self->client.trafficking.began_on, 1);
  g_date_clear (&self->client.trafficking.ended_on, 1);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) harbor_record_free);

  return self;
}

void
harbor_case_free (HarborCase *self)
{
  if (self == NULL)
    return;

  client_clear (&self->client);
  g_ptr_array_unref (self->records);
  g_free (self);
}

HarborCase *
harbor_case_copy (const HarborCase *self)
{
  HarborCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = harbor_case_new ();
  copy->as_of = self->as_of;
  copy->client = self->client;
  copy->client.name = g_strdup (self->client.name);
  copy->client.aliases = g_strdupv (self->client.aliases);
  copy->client.trafficking.types = g_strdupv (self->client.trafficking.types);
  copy->client.trafficking.documentation = g_strdupv (self->client.trafficking.documentation);

  for (guint i = 0; i < self->records->len; i++)
    g_ptr_array_add (copy->records, harbor_record_copy (g_ptr_array_index (self->records, i)));

  return copy;
}

void
harbor_case_add_record (HarborCase   *self,
                        HarborRecord *record)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (record != NULL);

  g_ptr_array_add (self->records, record);
}

HarborRecord *
harbor_case_find_record (const HarborCase *self,
                         const char       *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->records->len; i++)
    {
      HarborRecord *record = g_ptr_array_index (self->records, i);

      if (g_strcmp0 (record->id, id) == 0)
        return record;
    }

  return NULL;
}

/* ---- Parsing ------------------------------------------------------------ */

typedef struct
{
  const char *text;
  gssize      length;
  const char *filename;
  /* Paths in messages may carry a prefix the text does not have (a record
   * parsed on its own is reported as `record.…`); strip it to locate. */
  gsize       locate_skip;
} ParseCtx;

static gboolean G_GNUC_PRINTF (4, 5)
fail (const ParseCtx *ctx,
      GError        **error,
      const char     *path,
      const char     *format,
      ...)
{
  g_autofree char *what = NULL;
  const char *locate_path = path;
  guint line = 1, column = 1;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (strlen (path) >= ctx->locate_skip)
    {
      locate_path = path + ctx->locate_skip;
      if (*locate_path == '.')
        locate_path++;
    }

  if (!harbor_json_locate (ctx->text, ctx->length, locate_path, &line, &column))
    line = column = 1;

  if (path[0] == '\0')
    g_set_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_INVALID,
                 "%s:%u:%u: %s", ctx->filename, line, column, what);
  else
    g_set_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_INVALID,
                 "%s:%u:%u: %s: %s", ctx->filename, line, column, path, what);
  return FALSE;
}

static gboolean
check_members (const ParseCtx     *ctx,
               JsonObject         *object,
               const char         *path,
               const char * const *allowed,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!harbor_name_in_vocabulary (allowed, name))
        {
          g_autofree char *child = harbor_json_path_member (path, name);
          g_autofree char *expected = harbor_json_join_names (allowed);

          return fail (ctx, error, child, _("unknown field; expected one of %s"), expected);
        }
    }

  return TRUE;
}

/* Returns the member's node, or NULL when absent or null (= unknown). */
static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
read_string (const ParseCtx *ctx,
             JsonObject     *object,
             const char     *path,
             const char     *name,
             char          **out,
             GError        **error)
{
  JsonNode *node = member (object, name);
  g_autofree char *child = NULL;

  if (node == NULL)
    return TRUE;

  child = harbor_json_path_member (path, name);
  if (!is_string (node))
    return fail (ctx, error, child, _("expected a string; got %s"),
                 harbor_json_describe_node (node));

  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    return fail (ctx, error, child, _("the string is not valid UTF-8"));

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_tri (const ParseCtx *ctx,
          JsonObject     *object,
          const char     *path,
          const char     *name,
          HarborTri      *out,
          GError        **error)
{
  JsonNode *node = member (object, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *child = harbor_json_path_member (path, name);
      return fail (ctx, error, child, _("expected true, false or null; got %s"),
                   harbor_json_describe_node (node));
    }

  *out = json_node_get_boolean (node) ? HARBOR_TRI_TRUE : HARBOR_TRI_FALSE;
  return TRUE;
}

static gboolean
read_date (const ParseCtx *ctx,
           JsonObject     *object,
           const char     *path,
           const char     *name,
           GDate          *out,
           GError        **error)
{
  JsonNode *node = member (object, name);
  g_autofree char *child = NULL;

  if (node == NULL)
    return TRUE;

  child = harbor_json_path_member (path, name);
  if (!is_string (node))
    return fail (ctx, error, child, _("expected a date (YYYY-MM-DD); got %s"),
                 harbor_json_describe_node (node));

  if (!harbor_date_parse (json_node_get_string (node), out))
    return fail (ctx, error, child, _("expected a real calendar date (YYYY-MM-DD); got “%s”"),
                 json_node_get_string (node));

  return TRUE;
}

/* Reads a string member that must be one of @names; returns the 1-based
 * index (0 when absent). */
static gboolean
read_enum (const ParseCtx     *ctx,
           JsonObject         *object,
           const char         *path,
           const char         *name,
           const char * const *names,
           int                *out,
           GError            **error)
{
  JsonNode *node = member (object, name);
  g_autofree char *child = NULL;
  g_autofree char *expected = NULL;
  int i;

  if (node == NULL)
    return TRUE;

  child = harbor_json_path_member (path, name);
  expected = harbor_json_join_names (names);

  if (!is_string (node))
    return fail (ctx, error, child, _("expected one of %s; got %s"),
                 expected, harbor_json_describe_node (node));

  i = index_in (names, json_node_get_string (node));
  if (i < 0)
    return fail (ctx, error, child, _("expected one of %s; got “%s”"),
                 expected, json_node_get_string (node));

  *out = i + 1;
  return TRUE;
}

/* An array of strings; each must be in @vocabulary unless it is NULL. */
static gboolean
read_strv (const ParseCtx     *ctx,
           JsonObject         *object,
           const char         *path,
           const char         *name,
           const char * const *vocabulary,
           GStrv              *out,
           GError            **error)
{
  JsonNode *node = member (object, name);
  g_autofree char *child = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  child = harbor_json_path_member (path, name);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, child, _("expected an array of strings; got %s"),
                 harbor_json_describe_node (node));

  array = json_node_get_array (node);
  builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_path = harbor_json_path_index (child, i);
      const char *value;

      if (!is_string (element))
        return fail (ctx, error, element_path, _("expected a string; got %s"),
                     harbor_json_describe_node (element));

      value = json_node_get_string (element);
      if (!g_utf8_validate (value, -1, NULL))
        return fail (ctx, error, element_path, _("the string is not valid UTF-8"));

      if (vocabulary != NULL && !harbor_name_in_vocabulary (vocabulary, value))
        {
          g_autofree char *expected = harbor_json_join_names (vocabulary);
          return fail (ctx, error, element_path, _("expected one of %s; got “%s”"),
                       expected, value);
        }

      g_strv_builder_add (builder, value);
    }

  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static JsonObject *
read_object (const ParseCtx *ctx,
             JsonObject     *object,
             const char     *path,
             const char     *name,
             gboolean       *ok,
             GError        **error)
{
  JsonNode *node = member (object, name);

  *ok = TRUE;
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *child = harbor_json_path_member (path, name);
      *ok = fail (ctx, error, child, _("expected an object; got %s"),
                  harbor_json_describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
is_jurisdiction_code (const char *code)
{
  /* "US" for federal law, or "US-XX" with an ISO 3166-2 subdivision code. */
  if (g_strcmp0 (code, "US") == 0)
    return TRUE;
  return strlen (code) == 5 && g_str_has_prefix (code, "US-") &&
         g_ascii_isupper (code[3]) && g_ascii_isupper (code[4]);
}

static const char * const offense_members[] = {
  "description", "statute", "categories", "class", "degree", "violent", "child_victim", NULL
};

static const char * const record_members[] = {
  "id", "jurisdiction", "court", "disposition", "offense", "offense_date",
  "disposition_date", "sentence_completed_on", "sentenced_to_imprisonment", "imprisoned",
  "result_of_trafficking", NULL
};

static gboolean
parse_offense (const ParseCtx *ctx,
               JsonObject     *object,
               const char     *path,
               HarborOffense  *offense,
               GError        **error)
{
  int klass = 0;

  if (!check_members (ctx, object, path, offense_members, error) ||
      !read_string (ctx, object, path, "description", &offense->description, error) ||
      !read_string (ctx, object, path, "statute", &offense->statute, error) ||
      !read_strv (ctx, object, path, "categories", offense_categories, &offense->categories, error) ||
      !read_enum (ctx, object, path, "class", offense_class_names, &klass, error) ||
      !read_string (ctx, object, path, "degree", &offense->degree, error) ||
      !read_tri (ctx, object, path, "violent", &offense->violent, error) ||
      !read_tri (ctx, object, path, "child_victim", &offense->child_victim, error))
    return FALSE;

  offense->klass = (HarborOffenseClass) klass;
  return TRUE;
}

static gboolean
parse_record (const ParseCtx *ctx,
              JsonNode       *node,
              const char     *path,
              HarborRecord   *record,
              GError        **error)
{
  JsonObject *object;
  JsonObject *offense;
  int court = 0, disposition = 0;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, path, _("expected an object; got %s"),
                 harbor_json_describe_node (node));

  object = json_node_get_object (node);

  if (!check_members (ctx, object, path, record_members, error) ||
      !read_string (ctx, object, path, "id", &record->id, error))
    return FALSE;

  if (record->id != NULL && record->id[0] == '\0')
    {
      g_autofree char *child = harbor_json_path_member (path, "id");
      return fail (ctx, error, child, _("a record id must not be empty"));
    }

  if (!read_string (ctx, object, path, "jurisdiction", &record->jurisdiction, error))
    return FALSE;

  if (record->jurisdiction != NULL && !is_jurisdiction_code (record->jurisdiction))
    {
      g_autofree char *child = harbor_json_path_member (path, "jurisdiction");
      return fail (ctx, error, child,
                   _("expected “US” or an ISO 3166-2 code such as “US-OH”; got “%s”"),
                   record->jurisdiction);
    }

  if (!read_enum (ctx, object, path, "court", court_names, &court, error) ||
      !read_enum (ctx, object, path, "disposition", disposition_names, &disposition, error))
    return FALSE;

  record->court = (HarborCourt) court;
  record->disposition = (HarborDisposition) disposition;

  offense = read_object (ctx, object, path, "offense", &ok, error);
  if (!ok)
    return FALSE;
  if (offense != NULL)
    {
      g_autofree char *child = harbor_json_path_member (path, "offense");
      if (!parse_offense (ctx, offense, child, &record->offense, error))
        return FALSE;
    }

  return read_date (ctx, object, path, "offense_date", &record->offense_date, error) &&
         read_date (ctx, object, path, "disposition_date", &record->disposition_date, error) &&
         read_date (ctx, object, path, "sentence_completed_on", &record->sentence_completed_on, error) &&
         read_tri (ctx, object, path, "sentenced_to_imprisonment", &record->sentenced_to_imprisonment, error) &&
         read_tri (ctx, object, path, "imprisoned", &record->imprisoned, error) &&
         read_tri (ctx, object, path, "result_of_trafficking", &record->result_of_trafficking, error);
}

static const char * const case_members[] = { "format", "as_of", "client", "records", NULL };
static const char * const client_members[] = {
  "name", "aliases", "birth_date", "trafficking", NULL
};
static const char * const trafficking_members[] = {
  "types", "began_on", "ended_on", "documentation", NULL
};

static gboolean
parse_client (const ParseCtx *ctx,
              JsonObject     *object,
              HarborClient   *client,
              GError        **error)
{
  JsonObject *trafficking;
  gboolean ok;

  if (!check_members (ctx, object, "client", client_members, error) ||
      !read_string (ctx, object, "client", "name", &client->name, error) ||
      !read_strv (ctx, object, "client", "aliases", NULL, &client->aliases, error) ||
      !read_date (ctx, object, "client", "birth_date", &client->birth_date, error))
    return FALSE;

  trafficking = read_object (ctx, object, "client", "trafficking", &ok, error);
  if (!ok)
    return FALSE;
  if (trafficking == NULL)
    return TRUE;

  if (!check_members (ctx, trafficking, "client.trafficking", trafficking_members, error) ||
      !read_strv (ctx, trafficking, "client.trafficking", "types", trafficking_types,
                  &client->trafficking.types, error) ||
      !read_date (ctx, trafficking, "client.trafficking", "began_on",
                  &client->trafficking.began_on, error) ||
      !read_date (ctx, trafficking, "client.trafficking", "ended_on",
                  &client->trafficking.ended_on, error) ||
      !read_strv (ctx, trafficking, "client.trafficking", "documentation", documentation_kinds,
                  &client->trafficking.documentation, error))
    return FALSE;

  if (g_date_valid (&client->trafficking.began_on) &&
      g_date_valid (&client->trafficking.ended_on) &&
      g_date_compare (&client->trafficking.ended_on, &client->trafficking.began_on) < 0)
    return fail (ctx, error, "client.trafficking.ended_on",
                 _("the trafficking cannot end before it began"));

  return TRUE;
}

static HarborCase *
parse_case (const ParseCtx *ctx,
            JsonNode       *root,
            GError        **error)
{
  g_autoptr(HarborCase) self = harbor_case_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *object;
  JsonObject *client;
  JsonNode *format;
  JsonNode *records;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (ctx, error, "", _("expected a harbor-case/1 object; got %s"),
            harbor_json_describe_node (root));
      return NULL;
    }

  object = json_node_get_object (root);

  format = json_object_get_member (object, "format");
  if (format == NULL)
    {
      g_autofree char *message =
        harbor_json_format_problem (ctx->text, ctx->length, ctx->filename, "",
                                    _("format: missing; expected “%s”"), HARBOR_CASE_FORMAT);
      g_set_error_literal (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_FORMAT, message);
      return NULL;
    }
  if (!is_string (format) || g_strcmp0 (json_node_get_string (format), HARBOR_CASE_FORMAT) != 0)
    {
      g_autofree char *message =
        harbor_json_format_problem (ctx->text, ctx->length, ctx->filename, "format",
                                    _("expected “%s”; got %s%s%s"), HARBOR_CASE_FORMAT,
                                    is_string (format) ? "“" : "",
                                    is_string (format) ? json_node_get_string (format)
                                                       : harbor_json_describe_node (format),
                                    is_string (format) ? "”" : "");
      g_set_error_literal (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_FORMAT, message);
      return NULL;
    }

  if (!check_members (ctx, object, "", case_members, error) ||
      !read_date (ctx, object, "", "as_of", &self->as_of, error))
    return NULL;

  client = read_object (ctx, object, "", "client", &ok, error);
  if (!ok)
    return NULL;
  if (client != NULL && !parse_client (ctx, client, &self->client, error))
    return NULL;

  records = member (object, "records");
  if (records != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (records))
        {
          fail (ctx, error, "records", _("expected an array of records; got %s"),
                harbor_json_describe_node (records));
          return NULL;
        }

      array = json_node_get_array (records);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *path = harbor_json_path_index ("records", i);
          g_autoptr(HarborRecord) record = harbor_record_new ();

          if (!parse_record (ctx, json_array_get_element (array, i), path, record, error))
            return NULL;

          if (record->id != NULL)
            {
              gpointer previous;

              if (g_hash_table_lookup_extended (ids, record->id, NULL, &previous))
                {
                  g_autofree char *id_path = harbor_json_path_member (path, "id");
                  fail (ctx, error, id_path, _("duplicate record id “%s” (also records[%u])"),
                        record->id, GPOINTER_TO_UINT (previous));
                  return NULL;
                }
              g_hash_table_insert (ids, record->id, GUINT_TO_POINTER (i));
            }

          harbor_case_add_record (self, g_steal_pointer (&record));
        }
    }

  return g_steal_pointer (&self);
}

HarborCase *
harbor_case_parse_data (const char  *data,
                        gssize       length,
                        const char  *filename,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  ParseCtx ctx;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);
  if (filename == NULL)
    filename = "<case>";

  root = harbor_json_load (data, length, filename,
                           HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_PARSE, error);
  if (root == NULL)
    return NULL;

  ctx.text = data;
  ctx.length = length;
  ctx.filename = filename;
  ctx.locate_skip = 0;

  return parse_case (&ctx, root, error);
}

HarborCase *
harbor_case_parse_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_IO,
                   "%s: %s", path, local_error->message);
      return NULL;
    }

  return harbor_case_parse_data (contents, length, path, error);
}

HarborRecord *
harbor_record_parse_data (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HarborRecord) record = harbor_record_new ();
  ParseCtx ctx;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);

  root = harbor_json_load (data, length, "<record>",
                           HARBOR_CASE_ERROR, HARBOR_CASE_ERROR_PARSE, error);
  if (root == NULL)
    return NULL;

  ctx.text = data;
  ctx.length = length;
  ctx.filename = "<record>";
  ctx.locate_skip = strlen ("record");

  if (!parse_record (&ctx, root, "record", record, error))
    return NULL;

  return g_steal_pointer (&record);
}

/* ---- Serialization ------------------------------------------------------ */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_tri (JsonBuilder *builder,
         const char  *name,
         HarborTri    value)
{
  if (value == HARBOR_TRI_UNKNOWN)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value == HARBOR_TRI_TRUE);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  g_autofree char *str = harbor_date_to_string (date);

  add_string (builder, name, str);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  if (values == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static gboolean
offense_is_unknown (const HarborOffense *offense)
{
  return offense->description == NULL && offense->statute == NULL &&
         offense->categories == NULL && offense->klass == HARBOR_OFFENSE_CLASS_UNKNOWN &&
         offense->degree == NULL && offense->violent == HARBOR_TRI_UNKNOWN &&
         offense->child_victim == HARBOR_TRI_UNKNOWN;
}

static void
build_record (JsonBuilder        *builder,
              const HarborRecord *record)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", record->id);
  add_string (builder, "jurisdiction", record->jurisdiction);
  add_string (builder, "court", harbor_court_to_string (record->court));
  add_string (builder, "disposition", harbor_disposition_to_string (record->disposition));

  if (!offense_is_unknown (&record->offense))
    {
      const HarborOffense *offense = &record->offense;

      json_builder_set_member_name (builder, "offense");
      json_builder_begin_object (builder);
      add_string (builder, "description", offense->description);
      add_string (builder, "statute", offense->statute);
      add_strv (builder, "categories", (const char * const *) offense->categories);
      add_string (builder, "class", harbor_offense_class_to_string (offense->klass));
      add_string (builder, "degree", offense->degree);
      add_tri (builder, "violent", offense->violent);
      add_tri (builder, "child_victim", offense->child_victim);
      json_builder_end_object (builder);
    }

  add_date (builder, "offense_date", &record->offense_date);
  add_date (builder, "disposition_date", &record->disposition_date);
  add_date (builder, "sentence_completed_on", &record->sentence_completed_on);
  add_tri (builder, "sentenced_to_imprisonment", record->sentenced_to_imprisonment);
  add_tri (builder, "imprisoned", record->imprisoned);
  add_tri (builder, "result_of_trafficking", record->result_of_trafficking);
  json_builder_end_object (builder);
}

JsonNode *
harbor_record_to_json_node (const HarborRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  build_record (builder, self);
  return json_builder_get_root (builder);
}

static char *
node_to_data (JsonNode *node,
              gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

char *
harbor_record_to_data (const HarborRecord *self)
{
  g_autoptr(JsonNode) node = harbor_record_to_json_node (self);

  return node_to_data (node, NULL);
}

JsonNode *
harbor_case_to_json_node (const HarborCase *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const HarborClient *client;
  const HarborTrafficking *trafficking;
  gboolean have_trafficking;

  g_return_val_if_fail (self != NULL, NULL);

  client = &self->client;
  trafficking = &client->trafficking;
  have_trafficking = trafficking->types != NULL || trafficking->documentation != NULL ||
                     g_date_valid (&trafficking->began_on) || g_date_valid (&trafficking->ended_on);

  json_builder_begin_object (builder);
  add_string (builder, "format", HARBOR_CASE_FORMAT);
  add_date (builder, "as_of", &self->as_of);

  if (client->name != NULL || client->aliases != NULL ||
      g_date_valid (&client->birth_date) || have_trafficking)
    {
      json_builder_set_member_name (builder, "client");
      json_builder_begin_object (builder);
      add_string (builder, "name", client->name);
      add_strv (builder, "aliases", (const char * const *) client->aliases);
      add_date (builder, "birth_date", &client->birth_date);
      if (have_trafficking)
        {
          json_builder_set_member_name (builder, "trafficking");
          json_builder_begin_object (builder);
          add_strv (builder, "types", (const char * const *) trafficking->types);
          add_date (builder, "began_on", &trafficking->began_on);
          add_date (builder, "ended_on", &trafficking->ended_on);
          add_strv (builder, "documentation", (const char * const *) trafficking->documentation);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->records->len; i++)
    build_record (builder, g_ptr_array_index (self->records, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
harbor_case_to_data (const HarborCase *self,
                     gsize            *length)
{
  g_autoptr(JsonNode) node = harbor_case_to_json_node (self);

  return node_to_data (node, length);
}
