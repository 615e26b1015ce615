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
# unified, ى→ي, ة→ه (tests/hub/test_search_engine.py checks that both agree).
ARABIC_FOLD: Final = r"""
CREATE OR REPLACE FUNCTION hub_arabic_normalise(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT translate(
    regexp_replace(value, '[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]', '', 'g'),
    'أإآٱىةـ', 'اااايه'
);
$$;
"""
