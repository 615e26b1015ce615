"""One text-search configuration per language, used by library.search for indexing and queries.

hub_en / hub_fr: the English and French stemmers behind `unaccent`, so "Montréal" matches
"montreal" and "évaluation" matches "evaluation". hub_ar: the Arabic stemmer; its input (text and
queries) is normalised by library.search.arabic_normalise first (tashkeel, tatweel, alef forms,
ى/ي, ة/ه). hub_simple: every other language, accent-insensitive, without stemming.
"""

from django.db import migrations

FORWARD = """
CREATE TEXT SEARCH CONFIGURATION hub_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION hub_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION hub_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION hub_fr
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION hub_ar (COPY = arabic);
CREATE TEXT SEARCH CONFIGURATION hub_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION hub_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
"""

BACKWARD = """
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_en;
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_fr;
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_ar;
DROP TEXT SEARCH CONFIGURATION IF EXISTS hub_simple;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0001_initial"),
        ("library", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
