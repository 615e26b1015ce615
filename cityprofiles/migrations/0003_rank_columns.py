"""What the rank by strength reads of a practice, on its chunks: its evidence level and position.

The directory ranks a city found by words by the summed evidence weight of its matching
practices (cityprofiles.search.strength). With the practice's evidence level and position on
each of its chunks (kind 'practice'), the rank aggregates over the matching chunks alone and
reads no practice row (about 2 KB each, the level after 16 text columns).

The columns are derived as the rest of the chunk is: ``cityprofiles_citysearch_refresh`` (0002),
which every write to a practice calls through its statement triggers (the publication service,
the admin, a queryset update), now writes them on the chunks it adds and corrects them on the
chunks it keeps (a chunk stays as long as its text does: a change of evidence level alone keeps
the text). Other chunks hold '' and 0.
"""

# ruff: noqa: S608  (SQL assembled from constants)
from django.db import migrations, models

from hub.search.sql import CHUNK_VECTOR, words_of_sql


def _refresh(*, rank_columns: bool) -> str:
    """``cityprofiles_citysearch_refresh``: with the rank columns, or as 0002 made it."""
    columns = ", evidence_level, position" if rank_columns else ""
    values = (
        ",\n               coalesce((SELECT pr.evidence_level FROM cityprofiles_practice pr"
        " WHERE pr.id = w.practice_id), ''),"
        "\n               coalesce((SELECT pr.position FROM cityprofiles_practice pr"
        " WHERE pr.id = w.practice_id), 0)"
        if rank_columns
        else ""
    )
    # The chunks kept (their text unchanged) take their practice's level and position; the
    # ones just added have them already, so only chunks whose practice changed are written.
    correct = (
        """
    UPDATE cityprofiles_citychunk c
       SET evidence_level = pr.evidence_level, position = pr.position
      FROM cityprofiles_practice pr
     WHERE c.profile_id = ANY(ids) AND c.kind = 'practice' AND pr.id = c.practice_id
       AND (c.evidence_level IS DISTINCT FROM pr.evidence_level
            OR c.position IS DISTINCT FROM pr.position);"""
        if rank_columns
        else ""
    )
    return (
        """
CREATE OR REPLACE FUNCTION cityprofiles_citysearch_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    -- One statement: chunks that no longer match the columns go, missing ones come (both
    -- compare with the chunks as they were when it began), and the new ones' words are kept.
    WITH w AS MATERIALIZED (SELECT * FROM cityprofiles_city_texts(ids)),
    gone AS (
        DELETE FROM cityprofiles_citychunk c
         WHERE c.profile_id = ANY(ids)
           AND NOT EXISTS (SELECT 1 FROM w
                            WHERE w.profile_id = c.profile_id
                              AND w.practice_id IS NOT DISTINCT FROM c.practice_id
                              AND w.kind = c.kind AND w.config = c.config AND w.text = c.text)
    ),
    added AS (
        INSERT INTO cityprofiles_citychunk (profile_id, practice_id, kind, config, text, vector"""
        + columns
        + """)
        SELECT w.profile_id, w.practice_id, w.kind, w.config, w.text, """
        + CHUNK_VECTOR
        + values
        + """
          FROM w
         WHERE NOT EXISTS (SELECT 1 FROM cityprofiles_citychunk c
                            WHERE c.profile_id = w.profile_id
                              AND c.practice_id IS NOT DISTINCT FROM w.practice_id
                              AND c.kind = w.kind AND c.config = w.config AND c.text = w.text)
        RETURNING text
    )
    -- Their words, for "did you mean" (hub.search.words).
    INSERT INTO hub_search_word (word)"""
        + words_of_sql("added a", "a.text")
        + """
    ON CONFLICT DO NOTHING;"""
        + correct
        + """
    UPDATE cityprofiles_citysearch s SET
        city_id = c.id,
        country_id = co.id,
        region_id = co.region_id,
        name_en = c.name_en,
        steering = CASE WHEN c.is_steering_committee THEN 'yes' ELSE 'no' END,
        has_network = CASE WHEN EXISTS (SELECT 1 FROM cityprofiles_preventionnetwork n
                                         WHERE n.profile_id = p.id) THEN 'yes' ELSE 'no' END,
        theme_ids = ARRAY(SELECT ct.theme_id FROM cityprofiles_challenge_themes ct
                            JOIN cityprofiles_challenge ch ON ch.id = ct.challenge_id
                           WHERE ch.profile_id = p.id
                          UNION
                          SELECT pt.theme_id FROM cityprofiles_practice_themes pt
                            JOIN cityprofiles_practice pr ON pr.id = pt.practice_id
                           WHERE pr.profile_id = p.id
                          ORDER BY 1),
        evidence = ARRAY(SELECT DISTINCT pr.evidence_level::text FROM cityprofiles_practice pr
                          WHERE pr.profile_id = p.id ORDER BY 1),
        target_groups = ARRAY(SELECT DISTINCT g::text FROM cityprofiles_practice pr,
                                     unnest(pr.target_groups) g
                               WHERE pr.profile_id = p.id ORDER BY 1),
        languages = ARRAY(SELECT DISTINCT substr(k.config, 5) FROM cityprofiles_citychunk k
                           WHERE k.profile_id = p.id AND k.kind <> 'meta' ORDER BY 1),
        practice_count = (SELECT count(*) FROM cityprofiles_practice pr
                           WHERE pr.profile_id = p.id),
        titles = (SELECT coalesce(cityprofiles_tsvector_agg(strip(k.vector)), '')
                    FROM cityprofiles_citychunk k
                   WHERE k.profile_id = p.id AND k.kind = 'meta'),
        meta = (SELECT coalesce(cityprofiles_tsvector_agg(setweight(k.vector, 'A')), '')
                  FROM cityprofiles_citychunk k
                 WHERE k.profile_id = p.id AND k.kind IN ('meta', 'body')),
        lex_en = (SELECT coalesce(cityprofiles_tsvector_agg(strip(k.vector)), '')
                    FROM cityprofiles_citychunk k
                   WHERE k.profile_id = p.id AND k.config = 'hub_en'),
        lex_fr = (SELECT coalesce(cityprofiles_tsvector_agg(strip(k.vector)), '')
                    FROM cityprofiles_citychunk k
                   WHERE k.profile_id = p.id AND k.config = 'hub_fr'),
        lex_ar = (SELECT coalesce(cityprofiles_tsvector_agg(strip(k.vector)), '')
                    FROM cityprofiles_citychunk k
                   WHERE k.profile_id = p.id AND k.config = 'hub_ar'),
        lex_simple = (SELECT coalesce(cityprofiles_tsvector_agg(strip(k.vector)), '')
                        FROM cityprofiles_citychunk k
                       WHERE k.profile_id = p.id AND k.config = 'hub_simple')
      FROM cityprofiles_cityprofile p
      JOIN hub_city c ON c.id = p.city_id
      JOIN hub_country co ON co.id = c.country_id
     WHERE s.profile_id = p.id AND p.id = ANY(ids);
END;
$$;
"""
    )


FORWARD = (
    _refresh(rank_columns=True)
    + """
-- The chunks that exist already.
UPDATE cityprofiles_citychunk c
   SET evidence_level = pr.evidence_level, position = pr.position
  FROM cityprofiles_practice pr
 WHERE c.kind = 'practice' AND pr.id = c.practice_id;
-- The new row versions' index entries merged now (autovacuum would, later), not left in the
-- pending list that every search would scan meanwhile.
SELECT gin_clean_pending_list('citychunk_vector_gin'::regclass);
ANALYZE cityprofiles_citychunk;
"""
)
BACKWARD = _refresh(rank_columns=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cityprofiles", "0002_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="citychunk",
            name="evidence_level",
            field=models.CharField(db_default="", max_length=20),
        ),
        migrations.AddField(
            model_name="citychunk",
            name="position",
            field=models.PositiveSmallIntegerField(db_default=0),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
