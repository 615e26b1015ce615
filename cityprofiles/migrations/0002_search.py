"""The directory's search rows and chunks, derived by the database from the published tables.

One row per city profile (``cityprofiles_citysearch``) and its chunks (``cityprofiles_citychunk``)
are never written by Python code: statement triggers on every table they are derived from (the
profile, its challenges and their themes, its network, its practices and their themes, the
city and its country) call ``cityprofiles_citysearch_refresh`` with the profiles touched, in the
same transaction, whatever wrote them (the publication service, the admin, a queryset update, a
factory). The refresh makes the chunks what the columns say (unchanged ones stay), adds the
words of new chunks to the vocabulary of "did you mean" (hub 0005), and rewrites the rows,
which bumps their generation (hub.search.sql), so no cached search is older than them.

Chunk texts are kept as written (snippets show them); vectors fold Arabic
(hub.search.sql.CHUNK_VECTOR), as queries are folded.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


from hub.search.sql import CHUNK_VECTOR, generation_trigger, words_of_sql

LANGUAGES = ("en", "fr", "ar")


def _values(*columns: str, prefix: str) -> str:
    """VALUES of (configuration, the columns in that language) for the three languages."""
    return ", ".join(
        "('hub_" + language + "', " + ", ".join(f"{prefix}{c}_{language}" for c in columns) + ")"
        for language in LANGUAGES
    )


def _challenges(language: str) -> str:
    return (
        f"(SELECT string_agg(nullif(ch.text_{language}, ''), E'\\n' ORDER BY ch.position, ch.id) "
        "FROM cityprofiles_challenge ch WHERE ch.profile_id = p.id)"
    )


_BODY_VALUES = ", ".join(
    f"('hub_{language}', p.overview_{language}, p.approach_{language}, {_challenges(language)}, "
    f"n.name_{language}, n.terms_of_reference_{language}, n.activities_{language})"
    for language in LANGUAGES
)

_CLEAN = "replace(replace({}, U&'\\E000', ''), U&'\\E001', '')"  # no text can fake a highlight

FORWARD = (
    """
-- Searches read only the small heaps: once a row is toasted, every long value goes out of line,
-- while the short columns searches filter on stay inline (as library 0003 does). A chunk's text
-- and vector are read only for the rows of the page, and for phrases.
ALTER TABLE cityprofiles_citysearch SET (toast_tuple_target = 128);
ALTER TABLE cityprofiles_citysearch
    ALTER COLUMN theme_ids SET STORAGE PLAIN,
    ALTER COLUMN evidence SET STORAGE PLAIN,
    ALTER COLUMN target_groups SET STORAGE PLAIN,
    ALTER COLUMN languages SET STORAGE PLAIN;
ALTER TABLE cityprofiles_citychunk SET (toast_tuple_target = 128);
ALTER TABLE cityprofiles_citychunk
    ALTER COLUMN text SET STORAGE EXTERNAL,
    ALTER COLUMN vector SET STORAGE EXTERNAL;

CREATE AGGREGATE cityprofiles_tsvector_agg(tsvector) (
    SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
);

-- The chunks profiles `ids` should have: (profile, practice, kind, configuration, text).
CREATE FUNCTION cityprofiles_city_texts(ids bigint[])
RETURNS TABLE (profile_id bigint, practice_id bigint, kind text, config text, text text)
LANGUAGE sql STABLE AS $$
SELECT p.id, NULL::bigint, 'meta', l.config, t.text
  FROM cityprofiles_cityprofile p
  JOIN hub_city c ON c.id = p.city_id
  JOIN hub_country co ON co.id = c.country_id
 CROSS JOIN LATERAL (VALUES """
    + ", ".join(f"('hub_{lang}', c.name_{lang}, co.name_{lang})" for lang in LANGUAGES)
    + """) l (config, city, country)
 CROSS JOIN LATERAL (SELECT """
    + _CLEAN.format("concat_ws(E'\\n', nullif(l.city, ''), nullif(l.country, ''))")
    + """ AS text) t
 WHERE p.id = ANY(ids) AND t.text <> ''
UNION ALL
SELECT p.id, NULL::bigint, 'body', l.config, t.text
  FROM cityprofiles_cityprofile p
  LEFT JOIN cityprofiles_preventionnetwork n ON n.profile_id = p.id
 CROSS JOIN LATERAL (VALUES """
    + _BODY_VALUES
    + """) l (config, overview, approach, challenges, network, terms, activities)
 CROSS JOIN LATERAL (SELECT """
    + _CLEAN.format(
        "concat_ws(E'\\n', nullif(l.overview, ''), nullif(l.approach, ''), "
        "nullif(l.challenges, ''), nullif(l.network, ''), nullif(l.terms, ''), "
        "nullif(l.activities, ''))"
    )
    + """ AS text) t
 WHERE p.id = ANY(ids) AND t.text <> ''
UNION ALL
SELECT pr.profile_id, pr.id, 'practice', l.config, t.text
  FROM cityprofiles_practice pr
 CROSS JOIN LATERAL (VALUES """
    + _values("title", "summary", "partners", "results", prefix="pr.")
    + """) l (config, title, summary, partners, results)
 CROSS JOIN LATERAL (SELECT """
    + _CLEAN.format(
        "concat_ws(E'\\n', coalesce(l.title, ''), nullif(l.summary, ''), "
        "nullif(l.partners, ''), nullif(l.results, ''))"
    )
    + """ AS text) t
 WHERE pr.profile_id = ANY(ids)
   AND (coalesce(l.title, '') <> '' OR coalesce(l.summary, '') <> ''
        OR coalesce(l.partners, '') <> '' OR coalesce(l.results, '') <> '');
$$;

-- Make the chunks and rows of profiles `ids` what the published tables say.
CREATE FUNCTION cityprofiles_citysearch_refresh(ids bigint[]) RETURNS void
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
        INSERT INTO cityprofiles_citychunk (profile_id, practice_id, kind, config, text, vector)
        SELECT w.profile_id, w.practice_id, w.kind, w.config, w.text, """
    + CHUNK_VECTOR
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
    ON CONFLICT DO NOTHING;
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

-- The profiles a statement touched: TG_ARGV[0] names the column of the changed rows, TG_ARGV[1]
-- what it holds (a profile, a challenge, a practice, a city or a country).
CREATE FUNCTION cityprofiles_profiles_of(touched text, keys bigint[]) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
SELECT ARRAY(
    SELECT DISTINCT x FROM (
        SELECT unnest($2) AS x WHERE $1 = 'profile'
        UNION ALL
        SELECT ch.profile_id FROM cityprofiles_challenge ch WHERE $1 = 'challenge' AND ch.id = ANY($2)
        UNION ALL
        SELECT pr.profile_id FROM cityprofiles_practice pr WHERE $1 = 'practice' AND pr.id = ANY($2)
        UNION ALL
        SELECT p.id FROM cityprofiles_cityprofile p WHERE $1 = 'city' AND p.city_id = ANY($2)
        UNION ALL
        SELECT p.id FROM cityprofiles_cityprofile p JOIN hub_city c ON c.id = p.city_id
         WHERE $1 = 'country' AND c.country_id = ANY($2)
    ) found WHERE x IS NOT NULL
);
$$;

CREATE FUNCTION cityprofiles_citysearch_touched() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    keys bigint[] := '{}';
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        keys := keys || ARRAY(SELECT (to_jsonb(r) ->> TG_ARGV[0])::bigint FROM old_rows r);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        keys := keys || ARRAY(SELECT (to_jsonb(r) ->> TG_ARGV[0])::bigint FROM new_rows r);
    END IF;
    PERFORM cityprofiles_citysearch_refresh(cityprofiles_profiles_of(TG_ARGV[1], keys));
    RETURN NULL;
END;
$$;

-- A profile brings its row; a profile deleted takes its row and chunks with it.
CREATE FUNCTION cityprofiles_citysearch_profile() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO cityprofiles_citysearch (profile_id, name_en, steering, has_network,
            theme_ids, evidence, target_groups, languages, practice_count)
        SELECT r.id, '', 'no', 'no', '{}', '{}', '{}', '{}', 0 FROM new_rows r
        ON CONFLICT (profile_id) DO NOTHING;
        PERFORM cityprofiles_citysearch_refresh(ARRAY(SELECT r.id FROM new_rows r));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM cityprofiles_citysearch_refresh(ARRAY(SELECT r.id FROM new_rows r));
    ELSE
        DELETE FROM cityprofiles_citychunk WHERE profile_id IN (SELECT r.id FROM old_rows r);
        DELETE FROM cityprofiles_citysearch WHERE profile_id IN (SELECT r.id FROM old_rows r);
    END IF;
    RETURN NULL;
END;
$$;
"""
)

# (table, column of its rows, what that column holds, events)
WATCHED = (
    ("cityprofiles_challenge", "profile_id", "profile", ("INSERT", "UPDATE", "DELETE")),
    ("cityprofiles_challenge_themes", "challenge_id", "challenge", ("INSERT", "UPDATE", "DELETE")),
    ("cityprofiles_preventionnetwork", "profile_id", "profile", ("INSERT", "UPDATE", "DELETE")),
    ("cityprofiles_practice", "profile_id", "profile", ("INSERT", "UPDATE", "DELETE")),
    ("cityprofiles_practice_themes", "practice_id", "practice", ("INSERT", "UPDATE", "DELETE")),
    # A city inserted brings its profile (0001), whose own trigger makes its row.
    ("hub_city", "id", "city", ("UPDATE",)),
    ("hub_country", "id", "country", ("UPDATE",)),
)
_REFERENCING = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}

BACKWARD = ""
for _event in ("INSERT", "UPDATE", "DELETE"):
    _name = f"cityprofiles_citysearch_{_event.lower()}"
    FORWARD += f"""
CREATE TRIGGER {_name} AFTER {_event} ON cityprofiles_cityprofile {_REFERENCING[_event]}
FOR EACH STATEMENT EXECUTE FUNCTION cityprofiles_citysearch_profile();
"""
    BACKWARD += f"DROP TRIGGER IF EXISTS {_name} ON cityprofiles_cityprofile;\n"
for _table, _column, _kind, _events in WATCHED:
    for _event in _events:
        _name = f"cityprofiles_citysearch_{_event.lower()}"
        FORWARD += f"""
CREATE TRIGGER {_name} AFTER {_event} ON {_table} {_REFERENCING[_event]}
FOR EACH STATEMENT EXECUTE FUNCTION cityprofiles_citysearch_touched('{_column}', '{_kind}');
"""
        BACKWARD += f"DROP TRIGGER IF EXISTS {_name} ON {_table};\n"

_generation, _no_generation = generation_trigger("cityprofiles_citysearch")
FORWARD += _generation + ";\n"
BACKWARD = (
    _no_generation
    + ";\n"
    + BACKWARD
    + """
DROP FUNCTION IF EXISTS cityprofiles_citysearch_profile();
DROP FUNCTION IF EXISTS cityprofiles_citysearch_touched();
DROP FUNCTION IF EXISTS cityprofiles_profiles_of(text, bigint[]);
DROP FUNCTION IF EXISTS cityprofiles_citysearch_refresh(bigint[]);
DROP FUNCTION IF EXISTS cityprofiles_city_texts(bigint[]);
DROP AGGREGATE IF EXISTS cityprofiles_tsvector_agg(tsvector);
"""
)

# Rows and chunks for the profiles that exist already.
FORWARD += """
INSERT INTO cityprofiles_citysearch (profile_id, name_en, steering, has_network,
    theme_ids, evidence, target_groups, languages, practice_count)
SELECT id, '', 'no', 'no', '{}', '{}', '{}', '{}', 0 FROM cityprofiles_cityprofile;
SELECT cityprofiles_citysearch_refresh(ARRAY(SELECT id FROM cityprofiles_cityprofile));
ANALYZE cityprofiles_citysearch;
"""



class Migration(migrations.Migration):

    dependencies = [
        ('cityprofiles', '0001_initial'),
        ('hub', '0005_search_words'),
    ]

    operations = [
        migrations.CreateModel(
            name='CityChunk',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('profile_id', models.BigIntegerField(db_index=True)),
                ('practice_id', models.BigIntegerField(db_index=True, null=True)),
                ('kind', models.CharField(max_length=8)),
                ('config', models.CharField(max_length=12)),
                ('text', models.TextField()),
                ('vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['vector'], name='citychunk_vector_gin')],
            },
        ),
        migrations.CreateModel(
            name='CitySearch',
            fields=[
                ('profile', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_row', serialize=False, to='cityprofiles.cityprofile')),
                ('city_id', models.BigIntegerField(null=True)),
                ('country_id', models.BigIntegerField(null=True)),
                ('region_id', models.BigIntegerField(null=True)),
                ('name_en', models.TextField(default='')),
                ('steering', models.CharField(default='no', max_length=3)),
                ('has_network', models.CharField(default='no', max_length=3)),
                ('theme_ids', django.contrib.postgres.fields.ArrayField(base_field=models.BigIntegerField(), default=list, size=None)),
                ('evidence', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), default=list, size=None)),
                ('target_groups', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), default=list, size=None)),
                ('languages', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), default=list, size=None)),
                ('practice_count', models.PositiveIntegerField(default=0)),
                ('titles', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('meta', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('lex_en', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('lex_fr', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('lex_ar', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('lex_simple', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['lex_en'], name='citysearch_lex_en'), django.contrib.postgres.indexes.GinIndex(fields=['lex_fr'], name='citysearch_lex_fr'), django.contrib.postgres.indexes.GinIndex(fields=['lex_ar'], name='citysearch_lex_ar'), django.contrib.postgres.indexes.GinIndex(fields=['lex_simple'], name='citysearch_lex_simple'), django.contrib.postgres.indexes.GinIndex(fields=['titles'], name='citysearch_titles')],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
