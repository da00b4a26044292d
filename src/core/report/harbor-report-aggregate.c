/* SPDX-License-Identifier: GPL-3.0-or-later */
/* harbor-report-aggregate.c: de-identified counts for funders
 *
 * Copyright 2026 The Harbor authors
 *
 * WHAT IS COUNTED. Every count is a number of distinct things (clients,
 * records, answers, checklists) in a cell (measure, month, jurisdiction,
 * pathway kind, status). A dimension a cell adds up over holds "all"; a
 * measure that is not broken down by kind or status has "all" there.
 * Only live (not deleted) clients, records, events and checklists count.
 *
 *   clients_served    clients with at least one history event (any kind)
 *                     dated in the month; by month and jurisdiction, where
 *                     a client counts under each jurisdiction of their
 *                     records ("none" if they have no record).
 *   records_screened  criminal-history records, in the month they were
 *                     entered in the vault (the audit log's record.create,
 *                     or the client's case.import for imported records);
 *                     by month and jurisdiction.
 *   pathway_answers   the engine's answers for those records, as of the
 *                     report date, one per (record, pathway), by month (of
 *                     the record), jurisdiction, pathway kind and status.
 *                     Pathways that only cover other kinds of records
 *                     (their one failing test is applies_to) are left out.
 *   relief_available  records with at least one "available" answer, by
 *                     month (of the record), jurisdiction and pathway kind
 *                     (kind "all": available under any pathway).
 *   petitions_filed   relief checklists whose filing step is done, in the
 *                     month of its done date; by jurisdiction (of the
 *                     checklist's record) and pathway kind. The filing step
 *                     is the common "file" step; for a pathway that omits
 *                     it but keeps "order" (its own steps say where to
 *                     file), its first own step. Steps are found by their
 *                     position, which follows data/rules/FORMAT.md §8.
 *   relief_granted    relief checklists whose "order" step (obtain the
 *                     signed order) is done, in the month of its done date.
 *
 * Checklists of pathways no longer in the rule data, and steps done
 * without a date, are not counted. --from/--to keep only things whose
 * month is in the range (so the "all" months are totals over the range).
 *
 * Jurisdictions are shown only as codes of the rule data ("US", "US-OH");
 * anything else is "other", an unknown one "unknown". Kinds and statuses
 * come from the rule data's closed vocabularies. Nothing else is output.
 *
 * SUPPRESSION. A cell with a count from 1 to 4 is shown as "<5" (primary
 * suppression). Totals are not rounded; instead, complementary suppression
 * makes sure no suppressed cell can be recovered by subtraction: each
 * "all" cell and the cells it adds up over (one dimension at a time) form
 * a relation, and no relation may have exactly one hidden cell. While one
 * has, the smallest shown non-zero cell of that relation (the total
 * included) is hidden too, shown as "*", and every relation is checked
 * again until none changes. Cells with a zero count are not listed. For
 * clients_served a total is a distinct count, not a sum (a client served
 * in two months counts once in the total); it is protected the same way.
 */

#define G_LOG_DOMAIN "harbor-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "harbor-engine.h"
#include "harbor-report-aggregate.h"

#define N_DIMS 4
#define SMALL_CELL_MAX 4
#define CLIENT_PAGE 500

enum { DIM_MONTH, DIM_JURISDICTION, DIM_KIND, DIM_STATUS };

typedef enum
{
  MEASURE_CLIENTS_SERVED,
  MEASURE_RECORDS_SCREENED,
  MEASURE_PATHWAY_ANSWERS,
  MEASURE_RELIEF_AVAILABLE,
  MEASURE_PETITIONS_FILED,
  MEASURE_RELIEF_GRANTED,
  N_MEASURES
} Measure;

static const struct
{
  const char *name;
  gboolean    dims[N_DIMS];
  const char *title;
} measures[N_MEASURES] = {
  { "clients_served",   { TRUE, TRUE, FALSE, FALSE }, N_("Clients served (with a history event in the month)") },
  { "records_screened", { TRUE, TRUE, FALSE, FALSE }, N_("Records screened (entered in the month)") },
  { "pathway_answers",  { TRUE, TRUE, TRUE, TRUE },   N_("Relief answers for those records, by pathway kind and status") },
  { "relief_available", { TRUE, TRUE, TRUE, FALSE },  N_("Records with relief available, by pathway kind") },
  { "petitions_filed",  { TRUE, TRUE, TRUE, FALSE },  N_("Petitions filed (filing step done in the month)") },
  { "relief_granted",   { TRUE, TRUE, TRUE, FALSE },  N_("Relief granted (order step done in the month)") },
};

typedef struct
{
  Measure     measure;
  char       *coords[N_DIMS];
  char       *key;
  GHashTable *entities;     /* distinct things counted */
  guint       count;
  gboolean    hidden;
  gboolean    secondary;
  char       *text;         /* as shown */
} Cell;

typedef struct
{
  Cell      *total;
  GPtrArray *details;       /* (element-type Cell) borrowed */
} Relation;

struct _HarborAggregate
{
  GHashTable *cells;        /* key -> Cell */
  GPtrArray  *sorted;       /* (element-type Cell) borrowed, in output order */
  char       *from_month;
  char       *to_month;
  GDate       as_of;
};

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  for (guint i = 0; i < N_DIMS; i++)
    g_free (cell->coords[i]);
  g_free (cell->key);
  g_free (cell->text);
  g_clear_pointer (&cell->entities, g_hash_table_unref);
  g_free (cell);
}

static void
relation_free (gpointer data)
{
  Relation *relation = data;

  g_ptr_array_unref (relation->details);
  g_free (relation);
}

static char *
make_key (Measure            measure,
          const char * const coords[N_DIMS])
{
  return g_strjoin ("\t", measures[measure].name, coords[0], coords[1], coords[2], coords[3], NULL);
}

/* Counts @entity in every cell the fact falls in: each used dimension
 * either at its value or at "all". */
static void
add_fact (HarborAggregate *self,
          Measure          measure,
          const char      *month,
          const char      *jurisdiction,
          const char      *kind,
          const char      *status,
          const char      *entity)
{
  const char *values[N_DIMS] = { month, jurisdiction, kind, status };

  if (self->from_month != NULL && strcmp (month, self->from_month) < 0)
    return;
  if (self->to_month != NULL && strcmp (month, self->to_month) > 0)
    return;

  for (guint mask = 0; mask < (1u << N_DIMS); mask++)
    {
      const char *coords[N_DIMS];
      g_autofree char *key = NULL;
      gboolean skip = FALSE;
      Cell *cell;

      for (guint d = 0; d < N_DIMS; d++)
        {
          gboolean at_value = (mask >> d) & 1;

          if (!measures[measure].dims[d] && at_value)
            skip = TRUE;
          coords[d] = at_value ? values[d] : HARBOR_AGGREGATE_ALL;
        }
      if (skip)
        continue;
      key = make_key (measure, coords);
      cell = g_hash_table_lookup (self->cells, key);
      if (cell == NULL)
        {
          cell = g_new0 (Cell, 1);
          cell->measure = measure;
          for (guint d = 0; d < N_DIMS; d++)
            cell->coords[d] = g_strdup (coords[d]);
          cell->key = g_steal_pointer (&key);
          cell->entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (self->cells, cell->key, cell);
        }
      g_hash_table_add (cell->entities, g_strdup (entity));
    }
}

/* ---- Collecting ------------------------------------------------------------ */

static char *
month_of_date (const char *date)
{
  GDate parsed;

  if (date == NULL || !harbor_date_parse (date, &parsed))
    return NULL;
  return g_strdup_printf ("%04u-%02u", g_date_get_year (&parsed), g_date_get_month (&parsed));
}

static char *
month_of_ms (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (ms / 1000);

  return when != NULL ? g_date_time_format (when, "%Y-%m") : NULL;
}

static const char *
jurisdiction_code (const HarborRules *rules,
                   const char        *jurisdiction)
{
  const HarborRuleSet *set;

  if (jurisdiction == NULL)
    return "unknown";
  set = harbor_rules_find_set (rules, jurisdiction);
  return set != NULL ? set->jurisdiction : "other";
}

static gboolean
only_out_of_scope (const HarborPathwayResult *result)
{
  gboolean scope_failed = FALSE;

  if (result->status != HARBOR_STATUS_NOT_AVAILABLE)
    return FALSE;
  for (guint i = 0; i < result->reasons->len; i++)
    {
      const HarborReason *reason = g_ptr_array_index (result->reasons, i);

      if (reason->holds != HARBOR_TRI_FALSE)
        continue;
      if (g_strcmp0 (reason->clause, "applies_to") != 0)
        return FALSE;
      scope_failed = TRUE;
    }
  return scope_failed;
}

static gboolean
omits (const HarborPathway *pathway,
       const char          *step)
{
  return pathway->omit_common_steps != NULL &&
         g_strv_contains ((const char * const *) pathway->omit_common_steps, step);
}

/* Positions of the filing and order steps in a checklist the engine built
 * for @pathway (data/rules/FORMAT.md §8), or -1. */
static void
step_positions (const HarborPathway *pathway,
                int                 *filing,
                int                 *order)
{
  static const char * const before[] = { "certified_disposition", "criminal_history", "refer_counsel" };
  static const char * const until_order[] = { "file", "serve_prosecutor", "hearing" };
  int n_before = 0, n_own = (int) pathway->procedure->len, n_until_order = 0;

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    n_before += !omits (pathway, before[i]);
  for (guint i = 0; i < G_N_ELEMENTS (until_order); i++)
    n_until_order += !omits (pathway, until_order[i]);

  if (!omits (pathway, "file"))
    *filing = n_before + n_own;
  else if (!omits (pathway, "order") && n_own > 0)
    *filing = n_before;
  else
    *filing = -1;
  *order = omits (pathway, "order") ? -1 : n_before + n_own + n_until_order;
}

static gboolean
collect_checklists (HarborAggregate   *self,
                    HarborVault       *vault,
                    const HarborRules *rules,
                    const char        *client_id,
                    const HarborCase  *kase,
                    GError           **error)
{
  g_autoptr(GPtrArray) lists = harbor_vault_list_checklists (vault, client_id, error);

  if (lists == NULL)
    return FALSE;
  for (guint i = 0; i < lists->len; i++)
    {
      const HarborVaultChecklist *list = g_ptr_array_index (lists, i);
      const HarborPathway *pathway;
      const HarborRecord *record;
      g_autoptr(GPtrArray) items = NULL;
      int filing, order;

      if (list->deleted || list->record_id == NULL || list->pathway_id == NULL)
        continue;
      pathway = harbor_rules_find_pathway (rules, list->pathway_id);
      record = harbor_case_find_record (kase, list->record_id);
      if (pathway == NULL || record == NULL)
        continue;
      step_positions (pathway, &filing, &order);
      items = harbor_vault_list_checklist_items (vault, list->id, error);
      if (items == NULL)
        return FALSE;
      for (guint j = 0; j < items->len; j++)
        {
          const HarborVaultChecklistItem *item = g_ptr_array_index (items, j);
          g_autofree char *month = NULL;

          if (item->deleted || g_strcmp0 (item->status, "done") != 0)
            continue;
          if (item->position != filing && item->position != order)
            continue;
          month = month_of_date (item->done_on);
          if (month == NULL)
            continue;
          add_fact (self, item->position == filing ? MEASURE_PETITIONS_FILED : MEASURE_RELIEF_GRANTED,
                    month, jurisdiction_code (rules, record->jurisdiction), pathway->kind,
                    HARBOR_AGGREGATE_ALL, list->id);
        }
    }
  return TRUE;
}

static gboolean
collect_client (HarborAggregate   *self,
                HarborVault       *vault,
                const HarborRules *rules,
                const char        *client_id,
                GHashTable        *entered,
                GError           **error)
{
  g_autoptr(HarborCase) kase = harbor_vault_export_case (vault, client_id, error);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(HarborEvaluation) evaluation = NULL;
  g_autoptr(GHashTable) jurisdictions = g_hash_table_new (g_str_hash, g_str_equal);

  if (kase == NULL)
    return FALSE;

  for (guint i = 0; i < kase->records->len; i++)
    {
      const HarborRecord *record = g_ptr_array_index (kase->records, i);
      g_hash_table_add (jurisdictions, (gpointer) jurisdiction_code (rules, record->jurisdiction));
    }
  if (g_hash_table_size (jurisdictions) == 0)
    g_hash_table_add (jurisdictions, (gpointer) "none");

  events = harbor_vault_list_events (vault, client_id, error);
  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      const HarborVaultEvent *event = g_ptr_array_index (events, i);
      g_autofree char *month = event->deleted ? NULL : month_of_date (event->date);
      GHashTableIter iter;
      gpointer jurisdiction;

      if (month == NULL)
        continue;
      g_hash_table_iter_init (&iter, jurisdictions);
      while (g_hash_table_iter_next (&iter, &jurisdiction, NULL))
        add_fact (self, MEASURE_CLIENTS_SERVED, month, jurisdiction,
                  HARBOR_AGGREGATE_ALL, HARBOR_AGGREGATE_ALL, client_id);
    }

  evaluation = harbor_engine_evaluate (rules, kase, &self->as_of);
  for (guint i = 0; i < evaluation->records->len; i++)
    {
      const HarborRecordResult *rr = g_ptr_array_index (evaluation->records, i);
      const HarborRecord *record = g_ptr_array_index (kase->records, rr->index);
      const char *jurisdiction = jurisdiction_code (rules, record->jurisdiction);
      const char *month = g_hash_table_lookup (entered, record->id);

      if (month == NULL)
        month = g_hash_table_lookup (entered, client_id);
      if (month == NULL)
        continue;
      add_fact (self, MEASURE_RECORDS_SCREENED, month, jurisdiction,
                HARBOR_AGGREGATE_ALL, HARBOR_AGGREGATE_ALL, record->id);
      for (guint j = 0; j < rr->pathways->len; j++)
        {
          const HarborPathwayResult *result = g_ptr_array_index (rr->pathways, j);
          g_autofree char *answer = NULL;

          if (only_out_of_scope (result))
            continue;
          answer = g_strconcat (record->id, "/", result->pathway->id, NULL);
          add_fact (self, MEASURE_PATHWAY_ANSWERS, month, jurisdiction, result->pathway->kind,
                    harbor_status_to_string (result->status), answer);
          if (result->status == HARBOR_STATUS_AVAILABLE)
            add_fact (self, MEASURE_RELIEF_AVAILABLE, month, jurisdiction, result->pathway->kind,
                      HARBOR_AGGREGATE_ALL, record->id);
        }
    }

  return collect_checklists (self, vault, rules, client_id, kase, error);
}

/* Month each record (record.create) or imported client (case.import) was
 * entered, from the audit log. */
static GHashTable *
entered_months (HarborVault  *vault,
                GError      **error)
{
  g_autoptr(GPtrArray) audit = harbor_vault_list_audit (vault, error);
  g_autoptr(GHashTable) months = NULL;

  if (audit == NULL)
    return NULL;
  months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < audit->len; i++)
    {
      const HarborVaultAuditEntry *entry = g_ptr_array_index (audit, i);

      if (entry->object_id == NULL)
        continue;
      if (g_strcmp0 (entry->action, "record.create") != 0 && g_strcmp0 (entry->action, "case.import") != 0)
        continue;
      if (!g_hash_table_contains (months, entry->object_id))
        g_hash_table_insert (months, g_strdup (entry->object_id), month_of_ms (entry->at));
    }
  return g_steal_pointer (&months);
}

/* ---- Suppression --------------------------------------------------------------- */

/* g_hash_table_get_{keys,values}_as_ptr_array() need GLib 2.76. */
static GPtrArray *
table_to_array (GHashTable *table,
                gboolean    keys)
{
  GPtrArray *out = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (out, keys ? key : value);
  return out;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
suppress (HarborAggregate *self)
{
  g_autoptr(GHashTable) relations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, relation_free);
  g_autoptr(GPtrArray) order = NULL;
  gboolean changed = TRUE;

  for (guint i = 0; i < self->sorted->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->sorted, i);

      cell->count = g_hash_table_size (cell->entities);
      cell->hidden = cell->count >= 1 && cell->count <= SMALL_CELL_MAX;
    }

  /* A relation per (total, dimension): the total and its details. */
  for (guint i = 0; i < self->sorted->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->sorted, i);

      for (guint d = 0; d < N_DIMS; d++)
        {
          const char *coords[N_DIMS];
          g_autofree char *total_key = NULL;
          g_autofree char *relation_key = NULL;
          Relation *relation;
          Cell *total;

          if (g_str_equal (cell->coords[d], HARBOR_AGGREGATE_ALL))
            continue;
          for (guint k = 0; k < N_DIMS; k++)
            coords[k] = k == d ? HARBOR_AGGREGATE_ALL : cell->coords[k];
          total_key = make_key (cell->measure, coords);
          total = g_hash_table_lookup (self->cells, total_key);
          g_assert (total != NULL);
          relation_key = g_strdup_printf ("%s\t%u", total_key, d);
          relation = g_hash_table_lookup (relations, relation_key);
          if (relation == NULL)
            {
              relation = g_new0 (Relation, 1);
              relation->total = total;
              relation->details = g_ptr_array_new ();
              g_hash_table_insert (relations, g_steal_pointer (&relation_key), relation);
            }
          g_ptr_array_add (relation->details, cell);
        }
    }

  /* A stable order, so that the same vault gives the same report. */
  order = table_to_array (relations, TRUE);
  g_ptr_array_sort (order, compare_strings);
  for (guint i = 0; i < order->len; i++)
    order->pdata[i] = g_hash_table_lookup (relations, order->pdata[i]);

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < order->len; i++)
        {
          Relation *relation = g_ptr_array_index (order, i);
          guint n_hidden = relation->total->hidden;
          Cell *smallest = NULL;

          for (guint j = 0; j < relation->details->len; j++)
            n_hidden += ((Cell *) g_ptr_array_index (relation->details, j))->hidden;
          if (n_hidden != 1)
            continue;
          for (guint j = 0; j <= relation->details->len; j++)
            {
              Cell *candidate = j < relation->details->len
                                ? g_ptr_array_index (relation->details, j) : relation->total;

              if (candidate->hidden || candidate->count == 0)
                continue;
              if (smallest == NULL || candidate->count < smallest->count)
                smallest = candidate;
            }
          /* The hidden cell is positive, so some other cell of the
           * relation is too (at least the total). */
          g_assert (smallest != NULL);
          smallest->hidden = TRUE;
          smallest->secondary = TRUE;
          changed = TRUE;
        }
    }

  for (guint i = 0; i < self->sorted->len; i++)
    {
      Cell *cell = g_ptr_array_index (self->sorted, i);

      cell->text = cell->hidden ? g_strdup (cell->secondary ? "*" : "<5")
                                : g_strdup_printf ("%u", cell->count);
    }
}

static int
compare_coord (const char *a,
               const char *b)
{
  gboolean a_all = g_str_equal (a, HARBOR_AGGREGATE_ALL);
  gboolean b_all = g_str_equal (b, HARBOR_AGGREGATE_ALL);

  if (a_all != b_all)
    return a_all ? 1 : -1;
  return strcmp (a, b);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = *(Cell * const *) a;
  const Cell *y = *(Cell * const *) b;

  if (x->measure != y->measure)
    return x->measure < y->measure ? -1 : 1;
  for (guint d = 0; d < N_DIMS; d++)
    {
      int c = compare_coord (x->coords[d], y->coords[d]);
      if (c != 0)
        return c;
    }
  return 0;
}

static const char *
shown (const Cell *cell)
{
  return cell->text;
}

/* ---- Public ------------------------------------------------------------------- */

/**
 * harbor_aggregate_parse_month:
 * @text: a month
 *
 * Returns: %TRUE if @text is a month written YYYY-MM
 */
gboolean
harbor_aggregate_parse_month (const char *text)
{
  g_autofree char *date = NULL;
  GDate parsed;

  if (text == NULL || strlen (text) != 7)
    return FALSE;
  date = g_strconcat (text, "-01", NULL);
  return harbor_date_parse (date, &parsed);
}

/**
 * harbor_aggregate_new:
 * @vault: an unlocked vault
 * @rules: the rule data
 * @from_month: (nullable): first month, YYYY-MM
 * @to_month: (nullable): last month, YYYY-MM
 * @as_of: (nullable): the date of the engine's answers; NULL for today
 * @error: return location for a #GError
 *
 * Counts and suppresses (see the top of this file).
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
HarborAggregate *
harbor_aggregate_new (HarborVault        *vault,
                      const HarborRules  *rules,
                      const char         *from_month,
                      const char         *to_month,
                      const GDate        *as_of,
                      GError            **error)
{
  g_autoptr(HarborAggregate) self = NULL;
  g_autoptr(GHashTable) entered = NULL;
  gint64 n_clients;

  g_return_val_if_fail (HARBOR_IS_VAULT (vault), NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  for (guint i = 0; i < 2; i++)
    {
      const char *month = i == 0 ? from_month : to_month;

      if (month != NULL && !harbor_aggregate_parse_month (month))
        {
          g_set_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID,
                       _("expected a month YYYY-MM; got “%s”"), month);
          return NULL;
        }
    }
  if (from_month != NULL && to_month != NULL && strcmp (from_month, to_month) > 0)
    {
      g_set_error (error, HARBOR_REPORT_ERROR, HARBOR_REPORT_ERROR_INVALID,
                   _("the first month (%s) is after the last (%s)"), from_month, to_month);
      return NULL;
    }

  self = g_new0 (HarborAggregate, 1);
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, cell_free);
  self->from_month = g_strdup (from_month);
  self->to_month = g_strdup (to_month);
  if (as_of != NULL && g_date_valid (as_of))
    self->as_of = *as_of;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_clear (&self->as_of, 1);
      g_date_set_dmy (&self->as_of, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }

  entered = entered_months (vault, error);
  if (entered == NULL)
    return NULL;
  n_clients = harbor_vault_count_clients (vault, error);
  if (n_clients < 0)
    return NULL;
  for (guint offset = 0; ; offset += CLIENT_PAGE)
    {
      g_autoptr(GPtrArray) clients = harbor_vault_list_clients (vault, offset, CLIENT_PAGE, error);

      if (clients == NULL)
        return NULL;
      for (guint i = 0; i < clients->len; i++)
        {
          const HarborVaultClient *client = g_ptr_array_index (clients, i);

          if (!client->deleted && !collect_client (self, vault, rules, client->id, entered, error))
            return NULL;
        }
      if (clients->len < CLIENT_PAGE)
        break;
    }

  self->sorted = table_to_array (self->cells, FALSE);
  g_ptr_array_sort (self->sorted, compare_cells);
  suppress (self);
  return g_steal_pointer (&self);
}

void
harbor_aggregate_free (HarborAggregate *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_free (self->from_month);
  g_free (self->to_month);
  g_free (self);
}

guint
harbor_aggregate_get_n_cells (HarborAggregate *self)
{
  return self->sorted->len;
}

/**
 * harbor_aggregate_get_cell:
 * @self: a report
 * @measure: a measure name
 * @month: a month or "all"
 * @jurisdiction: a jurisdiction code or "all"
 * @kind: a pathway kind or "all"
 * @status: a status or "all"
 * @count: (out) (optional): the true count
 *
 * Returns: (nullable): the cell as shown, or %NULL for a zero cell
 */
const char *
harbor_aggregate_get_cell (HarborAggregate *self,
                           const char      *measure,
                           const char      *month,
                           const char      *jurisdiction,
                           const char      *kind,
                           const char      *status,
                           guint           *count)
{
  g_autofree char *key = g_strjoin ("\t", measure, month, jurisdiction, kind, status, NULL);
  const Cell *cell = g_hash_table_lookup (self->cells, key);

  if (count != NULL)
    *count = cell != NULL ? cell->count : 0;
  return cell != NULL ? shown (cell) : NULL;
}

/**
 * harbor_aggregate_to_csv:
 * @self: a report
 *
 * One line per non-zero cell: measure,month,jurisdiction,pathway_kind,
 * status,count where count is a number, "<5" or "*".
 *
 * Returns: (transfer full): the CSV text
 */
char *
harbor_aggregate_to_csv (HarborAggregate *self)
{
  GString *out = g_string_new ("measure,month,jurisdiction,pathway_kind,status,count\n");

  for (guint i = 0; i < self->sorted->len; i++)
    {
      const Cell *cell = g_ptr_array_index (self->sorted, i);

      g_string_append_printf (out, "%s,%s,%s,%s,%s,%s\n", measures[cell->measure].name,
                              cell->coords[0], cell->coords[1], cell->coords[2], cell->coords[3],
                              shown (cell));
    }
  return g_string_free (out, FALSE);
}

/**
 * harbor_aggregate_to_text:
 * @self: a report
 *
 * Returns: (transfer full): the report as text for the screen
 */
char *
harbor_aggregate_to_text (HarborAggregate *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *as_of = harbor_date_to_string (&self->as_of);
  Measure current = N_MEASURES;

  g_string_append_printf (out, "%s\n", _("De-identified counts"));
  g_string_append_printf (out, _("Months: %s to %s; relief answers as of %s.\n"),
                          self->from_month != NULL ? self->from_month : _("first"),
                          self->to_month != NULL ? self->to_month : _("last"), as_of);
  g_string_append_printf (out, "%s\n", _("“<5”: from 1 to 4, suppressed. “*”: suppressed so that a "
                                         "cell under 5 cannot be worked out from the totals. “all”: "
                                         "the total over that column."));

  for (guint i = 0; i < self->sorted->len; i++)
    {
      const Cell *cell = g_ptr_array_index (self->sorted, i);

      if (cell->measure != current)
        {
          current = cell->measure;
          g_string_append_printf (out, "\n%s (%s)\n", _(measures[current].title), measures[current].name);
          g_string_append_printf (out, "  %-8s %-12s %-20s %-14s %s\n", _("Month"), _("Jurisdiction"),
                                  _("Pathway kind"), _("Status"), _("Count"));
        }
      g_string_append_printf (out, "  %-8s %-12s %-20s %-14s %s\n", cell->coords[0], cell->coords[1],
                              cell->coords[2], cell->coords[3], shown (cell));
    }
  if (self->sorted->len == 0)
    g_string_append_printf (out, "\n%s\n", _("Nothing to count in these months."));
  return g_string_free (out, FALSE);
}
