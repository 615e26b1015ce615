"""The database objects the search engine needs, as the migrations create them.

`hub 0002` creates them; `library 0002`, written before they moved here, runs the same guarded
statements, so either may come first on a new database and neither fails on an existing one.
Change them only through a new migration.
"""

from __future__ import annotations

from typing import Final

# One configuration per language. hub_en / hub_fr: the English and French stemmers behind
# `unaccent`, so "Montréal" matches "montreal" and "évaluation" matches "evaluation". hub_ar:
# the Arabic stemmer; its input (text and queries) is folded first (hub_arabic_normalise and
# hub.search.text.arabic_normalise). hub_simple: every other language, accent-insensitive,
# without stemming.
CONFIGURATIONS: Final = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_en') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_en (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION hub_en
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_fr') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_fr (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION hub_fr
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_ar') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_ar (COPY = arabic);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'hub_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION hub_simple (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION hub_simple
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END;
$$;
"""

# The SQL twin of hub.search.text.arabic_normalise: tashkeel and tatweel removed, alef forms
# unified, ى→ي, ة→ه (tests/hub/test_search_engine.py checks that both agree). A replace() a
# letter: translate() compares every character with each letter it maps, at two and a half
# times the time over Arabic text (migration hub 0009).
ARABIC_FOLD: Final = r"""
CREATE OR REPLACE FUNCTION hub_arabic_normalise(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT replace(replace(replace(replace(replace(replace(replace(
    regexp_replace(value, '[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]', '', 'g'),
    'ـ', ''), 'أ', 'ا'), 'إ', 'ا'), 'آ', 'ا'), 'ٱ', 'ا'), 'ى', 'ي'), 'ة', 'ه');
$$;
"""


# The vector of a chunk (a row with `config` and `text`): Arabic text is stored as written, for
# snippets, and folded here, as queries are.
CHUNK_VECTOR: Final = (
    "to_tsvector(config::regconfig, CASE WHEN config = 'hub_ar' "
    "THEN hub_arabic_normalise(text) ELSE text END)"
)


# The generation of each search-row table, bumped in the same transaction as any statement
# that writes its rows (or the taxonomy its facets name): the search engine keys the matches it
# caches on it, so a cached result is never older than the committed rows (hub.search.engine).
GENERATIONS: Final = """
CREATE TABLE IF NOT EXISTS hub_search_generation (
    rows_table text PRIMARY KEY,
    n bigint NOT NULL DEFAULT 0
);
CREATE OR REPLACE FUNCTION hub_search_generation_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hub_search_generation AS g (rows_table, n) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (rows_table) DO UPDATE SET n = g.n + 1;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE FUNCTION hub_search_generation_bump_all() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE hub_search_generation SET n = n + 1;
    RETURN NULL;
END;
$$;
"""
DROP_GENERATIONS: Final = """
DROP FUNCTION IF EXISTS hub_search_generation_bump_all() CASCADE;
DROP FUNCTION IF EXISTS hub_search_generation_bump() CASCADE;
DROP TABLE IF EXISTS hub_search_generation;
"""
# Facet labels come from these tables: renaming a theme changes every source's facets.
TAXONOMY_TABLES: Final = ("hub_theme", "hub_city", "hub_region")


def generation_trigger(rows_table: str) -> tuple[str, str]:
    """(create, drop) SQL of the trigger that bumps `rows_table`'s generation on any write."""
    name = f"{rows_table}_generation"
    return (
        f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {rows_table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION hub_search_generation_bump('{rows_table}')",
        f"DROP TRIGGER IF EXISTS {name} ON {rows_table}",
    )


def taxonomy_triggers() -> tuple[str, str]:
    """(create, drop) SQL of the triggers that bump every generation when the taxonomy changes."""
    create = drop = ""
    for table in TAXONOMY_TABLES:
        name = f"{table}_search_generation"
        create += (
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION hub_search_generation_bump_all();\n"
        )
        drop += f"DROP TRIGGER IF EXISTS {name} ON {table};\n"
    return create, drop


# The words the indexed text is written in, for "did you mean" (hub.search.words): as written
# (lowercased, without tashkeel), trigram-indexed. A word here may be in a document the reader
# may not see: suggestions are offered only when they give the reader results.
WORDS: Final = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE IF NOT EXISTS hub_search_word (word text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS hub_search_word_trgm ON hub_search_word USING gin (word gin_trgm_ops);
"""
DROP_WORDS: Final = "DROP TABLE IF EXISTS hub_search_word;"


def words_of_sql(rows: str, text: str, where: str = "TRUE") -> str:
    """SELECT of the distinct words of the texts `text` of the FROM item `rows` (filtered by
    `where`): lowercased as written, tashkeel and tatweel removed, letters only, 3-40 long."""
    return f"""
        SELECT DISTINCT w.word
          FROM {rows},
               LATERAL unnest(tsvector_to_array(to_tsvector('simple', {text}))) t (token),
               LATERAL (SELECT regexp_replace(t.token, '{TASHKEEL}', '', 'g') AS word) w
         WHERE {where} AND length(w.word) BETWEEN 3 AND 40
           AND w.word ~ '^[[:alpha:]]+$'"""


def words_of_chunks_sql(table: str, key: str) -> str:
    """SELECT of the distinct words of the chunks in `table` whose `key` is in %s (an array)."""
    return words_of_sql(f"{table} c", "c.text", f"c.{key} = ANY(%s)")


# The tashkeel and tatweel hub_arabic_normalise removes, as a regular expression.
TASHKEEL: Final = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]"
