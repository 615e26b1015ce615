"""Arabic metadata chunks hold the titles and summaries as written; only their vectors fold.

Before, the text of an Arabic chunk was folded (ة→ه, أ→ا, no tashkeel) so that its vector
matched folded queries; snippets were cut from that text and showed the folded spelling. Now the
text is kept as written and the vector is computed from its folded form
(hub.search.sql.CHUNK_VECTOR), so matching is unchanged and snippets show the document's own
letters. The words of new metadata chunks go to the words of "did you mean" (hub 0005). The
metadata chunks of existing documents are rebuilt where their text differs (the
Arabic ones). Body chunks written before keep their folded text until the document is extracted
again; their snippets show it folded, as before.
"""

from django.db import migrations

from hub.search.sql import words_of_sql

META_TEXTS = r"""
CREATE OR REPLACE FUNCTION library_document_meta_texts(ids bigint[])
RETURNS TABLE (document_id bigint, config text, text text)
LANGUAGE sql STABLE AS $$
SELECT d.id, l.config, {text}
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

CREATE OR REPLACE FUNCTION library_document_meta_chunks(ids bigint[]) RETURNS void
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
    SELECT w.document_id, 'meta', 0, w.config, NULL, w.text, {vector}
      FROM w
     WHERE NOT EXISTS (SELECT 1 FROM library_documentchunk c
                        WHERE c.document_id = w.document_id AND c.kind = 'meta'
                          AND c.config = w.config AND c.position = 0);
    {words}
END;
$$;

SELECT library_document_meta_chunks(ARRAY(SELECT id FROM library_document));
"""

# The statement of hub.search.sql.CHUNK_VECTOR over `w`, as this migration wrote it.
FORWARD = META_TEXTS.format(
    text="t.text",
    words='-- Their words, for "did you mean" (hub.search.words).\n'
    "    INSERT INTO hub_search_word (word)"
    + words_of_sql("library_document_meta_texts(ids) m", "m.text")
    + "\n    ON CONFLICT DO NOTHING;",
    vector="to_tsvector(w.config::regconfig, CASE WHEN w.config = 'hub_ar' "
    "THEN hub_arabic_normalise(w.text) ELSE w.text END)",
)
BACKWARD = META_TEXTS.format(
    words="",
    text="CASE WHEN l.config = 'hub_ar' THEN hub_arabic_normalise(t.text) ELSE t.text END",
    vector="to_tsvector(w.config::regconfig, w.text)",
)


class Migration(migrations.Migration):
    dependencies = [("hub", "0005_search_words"), ("library", "0008_search_generation")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
