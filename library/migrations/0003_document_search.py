"""library_documentsearch: one narrow row per document for search, kept by triggers.

The row is derived, never written by Python code: triggers copy the document's columns when it
is inserted or when a searched column changes, its many-to-many ids when those rows change, and
its words when its chunks change, all in the same transaction. Rows are only created with the
document; the other triggers update an existing row, so deleting a document (whose related rows
go first) never recreates it. `lex_*` are the stripped union of the chunk vectors of each
configuration; `meta` the metadata chunks with weight A, for ranking.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


FORWARD = """
CREATE AGGREGATE library_tsvector_agg(tsvector) (
    SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
);

-- Searches read only the small heap: once a row is toasted, every long value goes out of line
-- (toast_tuple_target), while the short columns searches filter and count on stay inline.
ALTER TABLE library_documentsearch SET (toast_tuple_target = 128);
ALTER TABLE library_documentsearch
    ALTER COLUMN shared_with SET STORAGE PLAIN,
    ALTER COLUMN theme_ids SET STORAGE PLAIN,
    ALTER COLUMN city_ids SET STORAGE PLAIN,
    ALTER COLUMN region_ids SET STORAGE PLAIN,
    ALTER COLUMN meta SET STORAGE EXTERNAL;

-- The words of one configuration of a document: the first chunks with their positions, the
-- rest stripped, so the vector stays far below the 1 MB limit of a tsvector however long the
-- document is (and fully stripped if even that is too long).
CREATE FUNCTION library_document_lexemes(document bigint, configuration text) RETURNS tsvector
LANGUAGE plpgsql STABLE AS $$
DECLARE
    result tsvector;
BEGIN
    SELECT coalesce(library_tsvector_agg(CASE WHEN n <= 8 THEN vector ELSE strip(vector) END),
                    '')
      INTO result
      FROM (SELECT c.vector, row_number() OVER (ORDER BY c.kind DESC, c.position) AS n
              FROM library_documentchunk c
             WHERE c.document_id = document AND c.config = configuration
               AND c.vector IS NOT NULL) chunks;
    RETURN result;
EXCEPTION WHEN program_limit_exceeded THEN
    SELECT coalesce(strip(library_tsvector_agg(strip(c.vector))), '')
      INTO result
      FROM library_documentchunk c
     WHERE c.document_id = document AND c.config = configuration AND c.vector IS NOT NULL;
    RETURN result;
END;
$$;

CREATE FUNCTION library_documentsearch_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
UPDATE library_documentsearch s SET
    status = d.status,
    visibility = d.visibility,
    language = d.language,
    kind = d.kind,
    year = d.year,
    published_at = d.published_at,
    contributing_city_id = d.contributing_city_id,
    contributed_by_id = d.contributed_by_id,
    shared_with = ARRAY(SELECT x.city_id FROM library_document_shared_with x
                         WHERE x.document_id = d.id ORDER BY 1),
    theme_ids = ARRAY(SELECT x.theme_id FROM library_document_themes x
                       WHERE x.document_id = d.id ORDER BY 1),
    city_ids = ARRAY(SELECT x.city_id FROM library_document_cities x
                      WHERE x.document_id = d.id ORDER BY 1),
    region_ids = ARRAY(SELECT x.region_id FROM library_document_regions x
                        WHERE x.document_id = d.id ORDER BY 1),
    meta = (SELECT library_tsvector_agg(setweight(c.vector, 'A'))
              FROM library_documentchunk c
             WHERE c.document_id = d.id AND c.kind = 'meta' AND c.vector IS NOT NULL),
    lex_en = library_document_lexemes(d.id, 'hub_en'),
    lex_fr = library_document_lexemes(d.id, 'hub_fr'),
    lex_ar = library_document_lexemes(d.id, 'hub_ar'),
    lex_simple = library_document_lexemes(d.id, 'hub_simple')
FROM library_document d
WHERE s.document_id = d.id AND d.id = ANY(ids);
$$;

CREATE FUNCTION library_documentsearch_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO library_documentsearch
            (document_id, status, visibility, language, kind,
             shared_with, theme_ids, city_ids, region_ids)
        VALUES (NEW.id, NEW.status, NEW.visibility, NEW.language, NEW.kind,
                '{}', '{}', '{}', '{}')
        ON CONFLICT (document_id) DO NOTHING;
    END IF;
    PERFORM library_documentsearch_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;

CREATE TRIGGER library_documentsearch_document_insert
AFTER INSERT ON library_document
FOR EACH ROW EXECUTE FUNCTION library_documentsearch_document();

CREATE TRIGGER library_documentsearch_document_update
AFTER UPDATE ON library_document
FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.visibility IS DISTINCT FROM NEW.visibility
    OR OLD.language IS DISTINCT FROM NEW.language
    OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.year IS DISTINCT FROM NEW.year
    OR OLD.published_at IS DISTINCT FROM NEW.published_at
    OR OLD.contributing_city_id IS DISTINCT FROM NEW.contributing_city_id
    OR OLD.contributed_by_id IS DISTINCT FROM NEW.contributed_by_id
) EXECUTE FUNCTION library_documentsearch_document();

CREATE FUNCTION library_documentsearch_related() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM library_documentsearch_refresh(ARRAY(SELECT DISTINCT document_id FROM old_rows));
    ELSE
        PERFORM library_documentsearch_refresh(ARRAY(SELECT DISTINCT document_id FROM new_rows));
    END IF;
    RETURN NULL;
END;
$$;
"""

RELATED_TABLES = (
    "library_document_themes",
    "library_document_cities",
    "library_document_regions",
    "library_document_shared_with",
    "library_documentchunk",
)

# Statement triggers with transition tables: one refresh per document per statement, so a
# bulk insert of chunks or themes costs one refresh, not one per row.
for _table in RELATED_TABLES:
    FORWARD += f"""
CREATE TRIGGER library_documentsearch_insert AFTER INSERT ON {_table}
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION library_documentsearch_related();
CREATE TRIGGER library_documentsearch_update AFTER UPDATE ON {_table}
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION library_documentsearch_related();
CREATE TRIGGER library_documentsearch_delete AFTER DELETE ON {_table}
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION library_documentsearch_related();
"""

# Rows for the documents that exist already.
FORWARD += """
INSERT INTO library_documentsearch
    (document_id, status, visibility, language, kind, shared_with, theme_ids, city_ids, region_ids)
SELECT id, status, visibility, language, kind, '{}', '{}', '{}', '{}' FROM library_document;
SELECT library_documentsearch_refresh(ARRAY(SELECT id FROM library_document));
ANALYZE library_documentsearch;
"""

BACKWARD = (
    "".join(
        f"""
DROP TRIGGER IF EXISTS library_documentsearch_insert ON {table};
DROP TRIGGER IF EXISTS library_documentsearch_update ON {table};
DROP TRIGGER IF EXISTS library_documentsearch_delete ON {table};
"""
        for table in RELATED_TABLES
    )
    + """
DROP TRIGGER IF EXISTS library_documentsearch_document_insert ON library_document;
DROP TRIGGER IF EXISTS library_documentsearch_document_update ON library_document;
DROP FUNCTION IF EXISTS library_documentsearch_related();
DROP FUNCTION IF EXISTS library_documentsearch_document();
DROP FUNCTION IF EXISTS library_documentsearch_refresh(bigint[]);
DROP FUNCTION IF EXISTS library_document_lexemes(bigint, text);
DROP AGGREGATE IF EXISTS library_tsvector_agg(tsvector);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_search_configurations"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentSearch",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_row",
                        serialize=False,
                        to="library.document",
                    ),
                ),
                ("status", models.CharField(max_length=10)),
                ("visibility", models.CharField(max_length=10)),
                ("language", models.CharField(max_length=5)),
                ("kind", models.CharField(max_length=20)),
                ("year", models.SmallIntegerField(null=True)),
                ("published_at", models.DateTimeField(null=True)),
                ("contributing_city_id", models.BigIntegerField(null=True)),
                ("contributed_by_id", models.BigIntegerField(null=True)),
                (
                    "shared_with",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                (
                    "theme_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                (
                    "city_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                (
                    "region_ids",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), default=list, size=None
                    ),
                ),
                ("meta", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("lex_en", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("lex_fr", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("lex_ar", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("lex_simple", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["lex_en"], name="docsearch_lex_en"
                    ),
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["lex_fr"], name="docsearch_lex_fr"
                    ),
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["lex_ar"], name="docsearch_lex_ar"
                    ),
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["lex_simple"], name="docsearch_lex_simple"
                    ),
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["meta"], name="docsearch_meta"
                    ),
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
