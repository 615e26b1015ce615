"""library_documentsearch.titles: the words of a document's titles, GIN-indexed.

Relevance puts documents whose title matches first. Taking that from the GIN index of `meta`
(titles and summaries) meant building the set of every document whose summary has the word,
tens of thousands for a common word; titles alone make a set a few times smaller and are a
sharper signal. The vector lives out of line (STORAGE EXTERNAL) like the others, so the heap a
search reads stays narrow: a quarter smaller than with the vector in the row.

Arabic titles are folded as `library.search.arabic_normalise` folds indexed text and queries;
tests/library/test_search_rows.py checks that both folds agree.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

SEARCHED_COLUMNS = (
    "status",
    "visibility",
    "language",
    "kind",
    "year",
    "published_at",
    "contributing_city_id",
    "contributed_by_id",
)
TITLE_COLUMNS = ("title_en", "title_fr", "title_ar")


def refresh_function(*, titles: bool) -> str:
    """library_documentsearch_refresh as 0003 made it, with or without the titles."""
    titles_line = (
        "    titles = library_document_titles(d.title_en, d.title_fr, d.title_ar),\n"
        if titles
        else ""
    )
    return f"""
CREATE OR REPLACE FUNCTION library_documentsearch_refresh(ids bigint[]) RETURNS void
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
{titles_line}    meta = (SELECT library_tsvector_agg(setweight(c.vector, 'A'))
              FROM library_documentchunk c
             WHERE c.document_id = d.id AND c.kind = 'meta' AND c.vector IS NOT NULL),
    lex_en = library_document_lexemes(d.id, 'hub_en'),
    lex_fr = library_document_lexemes(d.id, 'hub_fr'),
    lex_ar = library_document_lexemes(d.id, 'hub_ar'),
    lex_simple = library_document_lexemes(d.id, 'hub_simple')
FROM library_document d
WHERE s.document_id = d.id AND d.id = ANY(ids);
$$;
"""


def update_trigger(columns: tuple[str, ...]) -> str:
    """The row trigger on documents, firing when one of `columns` changes."""
    changed = "\n    OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
    return f"""
DROP TRIGGER library_documentsearch_document_update ON library_document;
CREATE TRIGGER library_documentsearch_document_update
AFTER UPDATE ON library_document
FOR EACH ROW WHEN (
    {changed}
) EXECUTE FUNCTION library_documentsearch_document();
"""


FORWARD = (
    r"""
ALTER TABLE library_documentsearch ALTER COLUMN titles SET STORAGE EXTERNAL;

-- Tashkeel and tatweel removed, alef forms unified, ى→ي, ة→ه (library.search.arabic_normalise).
CREATE FUNCTION library_arabic_normalise(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT translate(
    regexp_replace(value, '[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]', '', 'g'),
    'أإآٱىةـ', 'اااايه'
);
$$;

CREATE FUNCTION library_document_titles(en text, fr text, ar text) RETURNS tsvector
LANGUAGE sql STABLE PARALLEL SAFE AS $$
SELECT to_tsvector('hub_en', coalesce(en, ''))
    || to_tsvector('hub_fr', coalesce(fr, ''))
    || to_tsvector('hub_ar', library_arabic_normalise(coalesce(ar, '')));
$$;
"""
    + refresh_function(titles=True)
    + update_trigger(SEARCHED_COLUMNS + TITLE_COLUMNS)
    + """
UPDATE library_documentsearch s
   SET titles = library_document_titles(d.title_en, d.title_fr, d.title_ar)
  FROM library_document d
 WHERE d.id = s.document_id;
ANALYZE library_documentsearch;
"""
)

BACKWARD = (
    update_trigger(SEARCHED_COLUMNS)
    + refresh_function(titles=False)
    + """
DROP FUNCTION library_document_titles(text, text, text);
DROP FUNCTION library_arabic_normalise(text);
"""
)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0003_document_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentsearch",
            name="titles",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.AddIndex(
            model_name="documentsearch",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["titles"], name="docsearch_titles"
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
