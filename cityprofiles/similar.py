"""Cities like mine: the member cities most like a given one, and why, from published profiles.

Two cities are alike by what their published profiles say and where they are:

- each theme both name, in their challenges or their practices;
- the same region;
- a working language in common;
- both have a local prevention network;
- the same population band (half as much for the next band up or down).

Each reason weighs what ``settings.HUB_CITY_SIMILARITY_WEIGHTS`` says (a shared theme counts
once per theme). Only the published rows are read (drafts live apart, in ProfileDraft), in one
statement over every city: each city's themes come from its search row (``theme_ids``, which
the same triggers derive from its challenges and practices in the same transaction), not from
its practices' themes again (123 cities x 30 practices: 6-8 ms, against 13-17 over the
practices).

The answer is cached (``HUB_CITY_SIMILAR_CACHE_SECONDS``) under its own generation
(``hub_search_generation``, row ``cityprofiles_similar``): the database's triggers
(cityprofiles/migrations/0004_similar_generation.py) bump it in the same transaction as any
write that changes what the statement reads -- a city's themes and network (on its search row,
which the triggers of 0002 write again with any write to its profile, challenges, practices and
their themes), its population band and working languages, countries, and the taxonomy's cities,
themes and regions -- whatever wrote them (a publication, the admin, a queryset update, a
factory), so a publication is seen at once and no entry is read once a write has made it old;
a write that changes none of it (a practice's text) keeps every city's answer. As in
hub.search.engine, a read inside a larger transaction (which may yet roll back, and reuse the
generation it bumped) neither reads nor fills the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils import translation

from cityprofiles.models import WORKING_LANGUAGES, CityProfile, PopulationBand
from hub import generations
from hub.models import City, Country, Region, Theme
from hub.ordering import sorted_by_name

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.db.models.expressions import RawSQL

LIMIT = 5
# How many of the shared themes a city's reasons name ("and 12 more" for the others).
THEMES_NAMED = 5

DEFAULT_WEIGHTS: dict[str, float] = {
    "theme": 3.0,
    "region": 2.0,
    "language": 1.0,
    "network": 1.0,
    "population": 1.0,
}

_BANDS = [band.value for band in PopulationBand]

# The generation of the directory's search rows, which every write to a profile bumps (the
# directory's rank reads it with its rows: cityprofiles.search).
GENERATION_SQL = "SELECT n FROM hub_search_generation WHERE rows_table = 'cityprofiles_citysearch'"
# The generation the answers are cached under (see the module's docstring; migration 0004).
SIMILAR_GENERATION = "cityprofiles_similar"
SIMILAR_GENERATION_SQL = (
    "SELECT n FROM hub_search_generation WHERE rows_table = 'cityprofiles_similar'"
)
# Of what the cache holds: a new shape never reads an old entry.
_CACHE_VERSION = 2

# `me` is the city compared; `o` every other member city. Names of the cities, their countries
# and regions, and the shared themes come with the rows: the whole answer is one statement.
_SQL = """
WITH profiles AS (
    SELECT p.id AS profile_id, p.city_id, co.region_id, p.languages,
           array_position(%(bands)s::text[], p.population_band::text) AS band,
           EXISTS (SELECT 1 FROM cityprofiles_preventionnetwork n WHERE n.profile_id = p.id)
               AS has_network,
           coalesce(s.theme_ids, '{}'::bigint[]) AS theme_ids
    FROM cityprofiles_cityprofile p
    JOIN hub_city c ON c.id = p.city_id
    JOIN hub_country co ON co.id = c.country_id
    LEFT JOIN cityprofiles_citysearch s ON s.profile_id = p.id
),
me AS (SELECT * FROM profiles WHERE city_id = %(city)s),
-- Worked out once a city (materialised): inlined, the planner repeats the intersections for
-- the score's filter, its order and the answer.
compared AS MATERIALIZED (
    SELECT o.city_id,
           -- Each profile's themes are distinct (cityprofiles_citysearch_refresh).
           ARRAY(SELECT t FROM unnest(o.theme_ids) t WHERE t = ANY(me.theme_ids) ORDER BY 1)
               AS shared_themes,
           o.region_id = me.region_id AS same_region,
           ARRAY(SELECT DISTINCT l FROM unnest(o.languages) l WHERE l = ANY(me.languages)
                 ORDER BY 1) AS shared_languages,
           o.has_network AND me.has_network AS both_networks,
           abs(o.band - me.band) AS band_distance
    FROM profiles o
    CROSS JOIN me
    WHERE o.city_id <> me.city_id
),
scored AS (
    SELECT x.*,
           %(w_theme)s * cardinality(x.shared_themes)
           + CASE WHEN x.same_region THEN %(w_region)s ELSE 0 END
           + CASE WHEN cardinality(x.shared_languages) > 0 THEN %(w_language)s ELSE 0 END
           + CASE WHEN x.both_networks THEN %(w_network)s ELSE 0 END
           + CASE x.band_distance WHEN 0 THEN %(w_population)s
                                  WHEN 1 THEN %(w_population)s / 2 ELSE 0 END
               AS score
    FROM compared x
)
SELECT c.*, s.score, s.same_region, s.shared_languages, s.both_networks, s.band_distance,
       cardinality(s.shared_themes) AS shared_theme_count,
       co.name_en AS country_name_en, co.name_fr AS country_name_fr,
       co.name_ar AS country_name_ar, co.iso_code AS country_iso_code,
       r.id AS region_pk, r.slug AS region_slug, r.name_en AS region_name_en,
       r.name_fr AS region_name_fr, r.name_ar AS region_name_ar,
       -- The first few shared themes by the taxonomy's order: what the page names.
       (SELECT coalesce(json_agg(json_build_object(
                   'id', th.id, 'slug', th.slug, 'name_en', th.name_en,
                   'name_fr', th.name_fr, 'name_ar', th.name_ar)), '[]'::json)
        FROM (SELECT * FROM hub_theme WHERE id = ANY(s.shared_themes)
              ORDER BY position, id LIMIT %(themes_named)s) th) AS shared_theme_rows
FROM scored s
JOIN hub_city c ON c.id = s.city_id
JOIN hub_country co ON co.id = c.country_id
JOIN hub_region r ON r.id = co.region_id
WHERE s.score > 0
ORDER BY s.score DESC, cardinality(s.shared_themes) DESC, c.name_en, c.id
LIMIT %(limit)s
"""


@dataclass(frozen=True)
class SimilarCity:
    """A city like the one compared, with the reasons it is (each as the page words it)."""

    city: City
    score: float
    themes: list[Theme]  # the first THEMES_NAMED shared themes
    theme_count: int  # all the shared themes
    same_region: bool
    languages: list[str]
    both_networks: bool
    band_distance: int | None

    @property
    def language_names(self) -> list[str]:
        names = dict(WORKING_LANGUAGES)
        return sorted_by_name([str(names.get(code, code)) for code in self.languages])

    @property
    def more_themes(self) -> int:
        """How many shared themes the reasons do not name."""
        return max(0, self.theme_count - len(self.themes))

    @property
    def similar_size(self) -> bool:
        return self.band_distance is not None and self.band_distance <= 1

    @property
    def same_size(self) -> bool:
        return self.band_distance == 0


def weights() -> dict[str, float]:
    """The weights of the reasons: the setting's, and the defaults for any it leaves out."""
    configured: Mapping[str, Any] = getattr(settings, "HUB_CITY_SIMILARITY_WEIGHTS", {}) or {}
    merged = dict(DEFAULT_WEIGHTS)
    for name in DEFAULT_WEIGHTS:
        if name in configured:
            merged[name] = float(configured[name])
    return merged


def generation_expression() -> RawSQL:
    """The generation, as a column of another query (`similar_generation` on the city page's
    city), so the cache costs no query of its own."""
    return generations.generation_expression(SIMILAR_GENERATION)


def cache_key(*, city_id: int, limit: int, generation: int) -> str:
    """The key similar_cities keeps the cities most like `city_id` under, in the reader's
    language: the same key, the same list (what a page renders of them is kept under it too:
    cityprofiles.views.city)."""
    w = weights()
    return "cityprofiles.similar:" + ":".join(
        [
            str(_CACHE_VERSION),
            str(generation),
            str(city_id),
            str(limit),
            # The themes are sorted by their names in the reader's language.
            translation.get_language() or "",
            ",".join(f"{name}={value}" for name, value in sorted(w.items())),
        ]
    )


def similar_cities(
    *, city_id: int, limit: int = LIMIT, generation: int | None = None
) -> list[SimilarCity]:
    """The `limit` member cities most like city `city_id`, best first, each with its reasons;
    only cities with at least one reason. Reads only published profiles: from the cache under
    the search rows' `generation` (read here when not given: one query), else one query.
    Inside a larger transaction, always the query (and no cache)."""
    alias = router.db_for_read(CityProfile)
    seconds = getattr(settings, "HUB_CITY_SIMILAR_CACHE_SECONDS", 0)
    if seconds <= 0 or connections[alias].in_atomic_block:
        return _similar_cities(alias, city_id=city_id, limit=limit)
    if generation is None:
        with connections[alias].cursor() as cursor:
            cursor.execute(SIMILAR_GENERATION_SQL)
            row = cursor.fetchone()
        generation = int(row[0]) if row else 0
    key = cache_key(city_id=city_id, limit=limit, generation=generation)
    found: list[SimilarCity] | None = cache.get(key)
    if found is None:
        found = _similar_cities(alias, city_id=city_id, limit=limit)
        cache.set(key, found, seconds)
    return found


def _similar_cities(alias: str, *, city_id: int, limit: int) -> list[SimilarCity]:
    w = weights()
    params: dict[str, Any] = {
        "bands": _BANDS,
        "city": city_id,
        "limit": limit,
        "themes_named": THEMES_NAMED,
        **{f"w_{name}": value for name, value in w.items()},
    }
    found = []
    # Cities with the columns the statement adds (score, reasons, names of place and themes).
    rows: Any = City.objects.db_manager(alias).raw(_SQL, params)
    for row in rows:
        region = Region(
            pk=row.region_pk,
            slug=row.region_slug,
            name_en=row.region_name_en,
            name_fr=row.region_name_fr,
            name_ar=row.region_name_ar,
        )
        country = Country(
            pk=row.country_id,
            iso_code=row.country_iso_code,
            name_en=row.country_name_en,
            name_fr=row.country_name_fr,
            name_ar=row.country_name_ar,
            region=region,
        )
        row.country = country
        themes = [
            Theme(
                pk=t["id"],
                slug=t["slug"],
                name_en=t["name_en"],
                name_fr=t["name_fr"],
                name_ar=t["name_ar"],
            )
            for t in row.shared_theme_rows
        ]
        found.append(
            SimilarCity(
                city=row,
                score=float(row.score),
                themes=sorted_by_name(themes, key=lambda theme: theme.name),
                theme_count=int(row.shared_theme_count),
                same_region=bool(row.same_region),
                languages=list(row.shared_languages or []),
                both_networks=bool(row.both_networks),
                band_distance=row.band_distance,
            )
        )
    return found


__all__ = [
    "DEFAULT_WEIGHTS",
    "GENERATION_SQL",
    "LIMIT",
    "SimilarCity",
    "generation_expression",
    "similar_cities",
    "weights",
]
