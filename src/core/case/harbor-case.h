/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * harbor-case.h: the harbor-case/1 model (a client and their criminal
 * records), its parser and its serializer.
 *
 * Every field of harbor-case/1 is optional and an absent field means
 * "unknown". The model keeps unknown distinct from false and from empty:
 *
 *   - strings:  NULL is unknown;
 *   - lists:    NULL is unknown, an empty vector (just the NULL terminator)
 *               is "known to be empty";
 *   - booleans: HarborTri (HARBOR_TRI_UNKNOWN, _FALSE, _TRUE);
 *   - enums:    the *_UNKNOWN member (always 0);
 *   - dates:    a cleared (invalid) GDate; check with g_date_valid().
 *
 * A JSON `null` is accepted everywhere and also means unknown. Unknown
 * member names are rejected (a misspelt field must not silently become
 * "unknown").
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HARBOR_CASE_FORMAT "harbor-case/1"

#define HARBOR_CASE_ERROR (harbor_case_error_quark ())

/**
 * HarborCaseError:
 * @HARBOR_CASE_ERROR_PARSE: the document is not well-formed JSON
 * @HARBOR_CASE_ERROR_FORMAT: "format" is missing or not harbor-case/1
 * @HARBOR_CASE_ERROR_INVALID: a field has the wrong type or an invalid value
 * @HARBOR_CASE_ERROR_IO: the file could not be read
 *
 * Messages have the shape `FILE:LINE:COLUMN: PATH: what is wrong`, e.g.
 * `case.json:12:20: records[0].disposition: expected one of arrest_only,
 * pending, ...; got "convictd"`.
 */
typedef enum
{
  HARBOR_CASE_ERROR_PARSE,
  HARBOR_CASE_ERROR_FORMAT,
  HARBOR_CASE_ERROR_INVALID,
  HARBOR_CASE_ERROR_IO,
} HarborCaseError;

GQuark harbor_case_error_quark (void);

/* Three-valued truth, shared with the statute engine (Kleene logic). */
typedef enum
{
  HARBOR_TRI_UNKNOWN = 0,
  HARBOR_TRI_FALSE,
  HARBOR_TRI_TRUE,
} HarborTri;

typedef enum
{
  HARBOR_COURT_UNKNOWN = 0,
  HARBOR_COURT_ADULT,
  HARBOR_COURT_JUVENILE,
} HarborCourt;

typedef enum
{
  HARBOR_DISPOSITION_UNKNOWN = 0,
  HARBOR_DISPOSITION_ARREST_ONLY,
  HARBOR_DISPOSITION_PENDING,
  HARBOR_DISPOSITION_DISMISSED,
  HARBOR_DISPOSITION_ACQUITTED,
  HARBOR_DISPOSITION_DIVERTED,
  HARBOR_DISPOSITION_CONVICTED,
  HARBOR_DISPOSITION_ADJUDICATED_DELINQUENT,
} HarborDisposition;

typedef enum
{
  HARBOR_OFFENSE_CLASS_UNKNOWN = 0,
  HARBOR_OFFENSE_CLASS_FELONY,
  HARBOR_OFFENSE_CLASS_MISDEMEANOR,
  HARBOR_OFFENSE_CLASS_PETTY,
  HARBOR_OFFENSE_CLASS_STATUS,
} HarborOffenseClass;

typedef struct
{
  char              *description;   /* client data: never log */
  char              *statute;
  GStrv              categories;    /* closed vocabulary, see harbor_offense_categories() */
  HarborOffenseClass klass;         /* "class" in JSON */
  char              *degree;        /* free text, e.g. "M3", "F4" */
  HarborTri          violent;       /* a crime of violence (federal: 18 U.S.C. 16(a)) */
  HarborTri          child_victim;  /* a person under 18 was a victim of the offense */
} HarborOffense;

typedef struct
{
  char             *id;
  char             *jurisdiction;   /* "US" (federal) or "US-XX" (ISO 3166-2) */
  HarborCourt       court;
  HarborDisposition disposition;
  HarborOffense     offense;
  GDate             offense_date;
  GDate             disposition_date;
  GDate             sentence_completed_on;
  /* Extensions to the DESIGN.md sketch (documented in data/rules/FORMAT.md):
   * the federal sentence-reduction pathway needs both. */
  HarborTri         sentenced_to_imprisonment;
  HarborTri         imprisoned;     /* is, or was, imprisoned under that sentence */
  HarborTri         result_of_trafficking;
} HarborRecord;

typedef struct
{
  GStrv types;                      /* "sex", "labor" */
  GDate began_on;
  GDate ended_on;
  GStrv documentation;              /* closed vocabulary, see harbor_documentation_kinds() */
} HarborTrafficking;

typedef struct
{
  char             *name;           /* client data: never log */
  GStrv             aliases;        /* client data: never log */
  GDate             birth_date;
  HarborTrafficking trafficking;
} HarborClient;

typedef struct
{
  GDate        as_of;
  HarborClient client;
  GPtrArray   *records;             /* (element-type HarborRecord) (owned) */
} HarborCase;

/* ---- Construction ------------------------------------------------------- */

HarborCase   *harbor_case_new              (void) G_GNUC_WARN_UNUSED_RESULT;
void          harbor_case_free             (HarborCase         *self);
HarborCase   *harbor_case_copy             (const HarborCase   *self) G_GNUC_WARN_UNUSED_RESULT;
void          harbor_case_add_record       (HarborCase         *self,
                                            HarborRecord       *record);
HarborRecord *harbor_case_find_record      (const HarborCase   *self,
                                            const char         *id);

HarborRecord *harbor_record_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void          harbor_record_free           (HarborRecord       *self);
HarborRecord *harbor_record_copy           (const HarborRecord *self) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Parsing and serialization ----------------------------------------- */

/* @filename is only used in error messages (pass a display name, e.g. the
 * basename); it may be NULL ("<case>"). */
HarborCase   *harbor_case_parse_data       (const char         *data,
                                            gssize              length,
                                            const char         *filename,
                                            GError            **error) G_GNUC_WARN_UNUSED_RESULT;
HarborCase   *harbor_case_parse_file       (const char         *path,
                                            GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Serializes to harbor-case/1 with a stable member order; unknown fields
 * are omitted. */
JsonNode     *harbor_case_to_json_node     (const HarborCase   *self) G_GNUC_WARN_UNUSED_RESULT;
char         *harbor_case_to_data          (const HarborCase   *self,
                                            gsize              *length) G_GNUC_WARN_UNUSED_RESULT;

/* A single record as a JSON object (the element of "records"), and back.
 * Handy for storing one record per row. */
JsonNode     *harbor_record_to_json_node   (const HarborRecord *self) G_GNUC_WARN_UNUSED_RESULT;
char         *harbor_record_to_data        (const HarborRecord *self) G_GNUC_WARN_UNUSED_RESULT;
HarborRecord *harbor_record_parse_data     (const char         *data,
                                            gssize              length,
                                            GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Vocabularies ------------------------------------------------------ */

const char        *harbor_court_to_string           (HarborCourt        court);
gboolean           harbor_court_from_string         (const char        *str,
                                                     HarborCourt       *out);
const char        *harbor_disposition_to_string     (HarborDisposition  disposition);
gboolean           harbor_disposition_from_string   (const char        *str,
                                                     HarborDisposition *out);
const char        *harbor_offense_class_to_string   (HarborOffenseClass klass);
gboolean           harbor_offense_class_from_string (const char        *str,
                                                     HarborOffenseClass *out);

/* NULL-terminated closed vocabularies, in documentation order. */
const char * const *harbor_court_names              (void);
const char * const *harbor_disposition_names        (void);
const char * const *harbor_offense_class_names      (void);
const char * const *harbor_offense_categories       (void);
const char * const *harbor_trafficking_types        (void);
const char * const *harbor_documentation_kinds      (void);

gboolean           harbor_name_in_vocabulary        (const char * const *vocabulary,
                                                     const char         *name);

/* ---- Dates ------------------------------------------------------------- */

/* Strict YYYY-MM-DD, a real calendar date (2023-02-29 is rejected). */
gboolean           harbor_date_parse                (const char  *str,
                                                     GDate       *out);
/* Returns NULL for an invalid (unknown) date. */
char              *harbor_date_to_string            (const GDate *date) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborCase, harbor_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HarborRecord, harbor_record_free)

G_END_DECLS
