"""A document's metadata chunks are derived by the database from its columns.

Before, the chunks holding a document's titles, summaries and publisher (one per language it has
a title or summary in) were written by Python when the admin or a service saved the document,
so a title changed any other way (a queryset `update()`, a data migration) changed the ranking
column but not the words search matches: the document was not found by its new title. Now a
trigger rebuilds them whenever one of those columns changes, in the same statement, and the
chunks' own triggers (0003) carry the words into the search row.

The text of a metadata chunk is exactly what `library.search` wrote before: title, summary and
publisher, one per line, without highlight sentinels, Arabic folded (hub_arabic_normalise,
migration hub 0002, the twin of hub.search.arabic_normalise). Existing databases keep their
chunks: only those that differ from their document's columns are rebuilt.

The titles vector (0004) now folds Arabic with the shared hub_arabic_normalise, and the library's
own copy of the fold is dropped.
"""

from django.db import migrations

TEXT_COLUMNS = (
    "title_en",
    "title_fr",
    "title_ar",
    "summary_en",
    "summary_fr",
    "summary_ar",
    "publisher",
)

FORWARD = (
    r"""
CREATE OR REPLACE FUNCTION library_document_titles(en text, fr text, ar text) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT to_tsvector('hub_en', coalesce(en, ''))
    || to_tsvector('hub_fr', coalesce(fr, ''))
    || to_tsvector('hub_ar', hub_arabic_normalise(coalesce(ar, '')));
$$;
DROP FUNCTION library_arabic_normalise(text);

-- The metadata chunks documents `ids` should have: (document, configuration, text).
CREATE FUNCTION library_document_meta_texts(ids bigint[])
RETURNS TABLE (document_id bigint, config text, text text)
LANGUAGE sql STABLE AS $$
SELECT d.id, l.config,
       CASE WHEN l.config = 'hub_ar' THEN hub_arabic_normalise(t.text) ELSE t.text END
  FROM library_document d
 CROSS JOIN LATERAL (VALUES ('hub_en', d.title_en, d.summary_en),
                            ('hub_fr', d.title_fr, d.summary_fr),
                            ('hub_ar', d.title_ar, d.summary_ar)) l (config, title, summary)
 CROSS JOIN LATERAL (SELECT replace(replace(
                        concat_ws(E'\n', nullif(l.title, ''), nullif(l.summary, ''),
                                  nullif(d.publisher, '')),
                        U&'\E000', ''), U&'\E001', '') AS text) t
 WHERE d.id = ANY(ids) AND (coalesce(l.title, '') <> '' OR coalesce(l.summary, '') <> '');
$$;

-- Make the metadata chunks of documents `ids` what their columns say; unchanged ones stay.
CREATE FUNCTION library_document_meta_chunks(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH w AS MATERIALIZED (SELECT * FROM library_document_meta_texts(ids))
    DELETE FROM library_documentchunk c
     WHERE c.document_id = ANY(ids) AND c.kind = 'meta'
       AND NOT EXISTS (SELECT 1 FROM w
                        WHERE w.document_id = c.document_id AND w.config = c.config
                          AND w.text = c.text AND c.position = 0);
    WITH w AS MATERIALIZED (SELECT * FROM library_document_meta_texts(ids))
    INSERT INTO library_documentchunk (document_id, kind, position, config, page, text, vector)
    SELECT w.document_id, 'meta', 0, w.config, NULL, w.text, to_tsvector(w.config::regconfig, w.text)
      FROM w
     WHERE NOT EXISTS (SELECT 1 FROM library_documentchunk c
                        WHERE c.document_id = w.document_id AND c.kind = 'meta'
                          AND c.config = w.config AND c.position = 0);
END;
$$;

CREATE FUNCTION library_document_meta_chunks_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM library_document_meta_chunks(ARRAY[NEW.id]);
    RETURN NULL;
END;
$$;

-- After library_documentsearch_document_insert (triggers fire in name order): the search row
-- exists when the chunks' triggers refresh it.
CREATE TRIGGER library_meta_chunks_insert
AFTER INSERT ON library_document
FOR EACH ROW EXECUTE FUNCTION library_document_meta_chunks_row();

CREATE TRIGGER library_meta_chunks_update
AFTER UPDATE ON library_document
FOR EACH ROW WHEN (
    """
    + "\n    OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in TEXT_COLUMNS)
    + """
) EXECUTE FUNCTION library_document_meta_chunks_row();

SELECT library_document_meta_chunks(ARRAY(SELECT id FROM library_document));
"""
)

BACKWARD = r"""
DROP TRIGGER IF EXISTS library_meta_chunks_update ON library_document;
DROP TRIGGER IF EXISTS library_meta_chunks_insert ON library_document;
DROP FUNCTION IF EXISTS library_document_meta_chunks_row();
DROP FUNCTION IF EXISTS library_document_meta_chunks(bigint[]);
DROP FUNCTION IF EXISTS library_document_meta_texts(bigint[]);
CREATE FUNCTION library_arabic_normalise(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT translate(
    regexp_replace(value, '[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]', '', 'g'),
    'أإآٱىةـ', 'اااايه'
);
$$;
CREATE OR REPLACE FUNCTION library_document_titles(en text, fr text, ar text) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT to_tsvector('hub_en', coalesce(en, ''))
    || to_tsvector('hub_fr', coalesce(fr, ''))
    || to_tsvector('hub_ar', library_arabic_normalise(coalesce(ar, '')));
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_search"),
        ("library", "0004_document_search_titles"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
