"""The member cities as a source of the shared search engine (hub.search): the directory.

The engine reads one narrow row per city profile (``cityprofiles_citysearch``) and its chunks
(``cityprofiles_citychunk``), both derived by database triggers from the published tables
(migration 0002), whatever writes them. What is the directory's own:

- the SQL twin of ``CityProfile.objects.visible_to(user)``: every active account, nobody else;
- the facets: theme (of its challenges and practices), region, country, the Steering
  Committee, the evidence level and target groups of its practices, whether it has a local
  prevention network, the languages its profile is written in;
- the ranking **by strength**: a city found by words or a chosen theme is ranked by the sum,
  over its practices that match (by their words, in any language, and the chosen theme,
  evidence levels and target groups), of the weight of each practice's evidence level
  (``settings.HUB_CITY_EVIDENCE_WEIGHTS``);
- *why*: on the page shown, each city's strongest matching practices, their words marked.

This module holds the source itself (its visibility, facets and orders); the rank by strength is
in ``cityprofiles.search.rank`` and what a page shows of each city in ``cityprofiles.search.page``.
"""

# ruff: noqa: S608  (SQL assembled from constants; user input only ever as query parameters)
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cityprofiles.models import CityProfile, Practice, TargetGroup
from hub import search as engine
from hub.ordering import COLLATIONS, ROOT_COLLATION
from hub.search.facets import theme_facet

from .page import MatchingPractice, directory_entry, load_profiles
from .rank import CHUNKS, evidence_weight_sql, practice_match_sql, strength

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User

ROWS = "cityprofiles_citysearch"


def visibility_sql(user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """`CityProfile.objects.visible_to(user)` over search row `s`.

    tests/cityprofiles/test_search.py proves both give the same profiles for every kind of
    reader: change them together.
    """
    if not user.is_authenticated or not user.is_active:
        return "FALSE", []
    return "TRUE", []


def shared_visibility_sql(cursor: Any, user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """The same for every reader who may see the directory, so they share cached matches."""
    return visibility_sql(user)


# --- Orders -------------------------------------------------------------------------------------


def _collation(language: str) -> str:
    return COLLATIONS.get(language, ROOT_COLLATION)


def _name(alias: str, language: str) -> str:
    return (
        f"coalesce(nullif({alias}.name_{language}, ''), {alias}.name_en, {alias}.name_fr, "
        f'{alias}.name_ar) COLLATE "{_collation(language)}"'
    )


_PLACE = (
    "JOIN hub_city pc ON pc.id = s.city_id "
    "JOIN hub_country pco ON pco.id = pc.country_id "
    "JOIN hub_region pr ON pr.id = pco.region_id"
)


def _by_name(language: str) -> tuple[str, str]:
    return "JOIN hub_city pc ON pc.id = s.city_id", f"{_name('pc', language)}, s.profile_id"


def _by_region(language: str) -> tuple[str, str]:
    return _PLACE, f"{_name('pr', language)}, {_name('pc', language)}, s.profile_id"


def _yes_no(yes: Any, no: Any) -> Any:
    return lambda: {"yes": yes, "no": no}


CITIES = engine.SearchSource(
    name="cityprofiles.cities",
    label=_("Member cities"),
    model=CityProfile,
    rows=ROWS,
    key="profile_id",
    # Practices are shown apart, with their own marks: the engine's snippet is of the profile.
    chunks=engine.Chunks(table=CHUNKS, key="profile_id", snippet_kinds=("body",)),
    visible=visibility_sql,
    visible_shared=shared_visibility_sql,
    load=load_profiles,
    facets=(
        theme_facet(),
        engine.Facet("region", _("Regions"), "region_id", table="hub_region"),
        engine.Facet(
            "country",
            pgettext_lazy("facet", "Countries"),
            "country_id",
            table="hub_country",
            table_key="iso_code",
        ),
        engine.Facet(
            "steering",
            _("International Steering Committee"),
            "steering",
            choices=_yes_no(
                pgettext_lazy("steering committee", "On the Committee"),
                pgettext_lazy("steering committee", "Not on the Committee"),
            ),
        ),
        engine.Facet(
            "evidence",
            _("Evidence of their practices"),
            "evidence",
            many=True,
            choices=lambda: dict(Practice.Evidence.choices),
        ),
        engine.Facet(
            "target",
            _("Practices for"),
            "target_groups",
            many=True,
            choices=lambda: dict(TargetGroup.choices),
        ),
        engine.Facet(
            "network",
            _("Local prevention network"),
            "has_network",
            choices=_yes_no(
                pgettext_lazy("prevention network", "Has a network"),
                pgettext_lazy("prevention network", "No network listed"),
            ),
        ),
        engine.Facet(
            "language",
            _("Profile written in"),
            "languages",
            many=True,
            choices=lambda: dict(settings.LANGUAGES),
        ),
    ),
    sorts=(
        engine.Sort(
            "strength",
            _("Strength of their work"),
            "name_en, profile_id",
            ("name_en",),
            rank=strength,
            rank_facets=("theme",),
        ),
        engine.Sort("region", _("Region"), by_language=_by_region),
        engine.Sort("name", _("Name"), by_language=_by_name),
    ),
    default_sort="strength",
    default_sort_without_words="region",
    page_size=20,
)


def search(*, user: User | AnonymousUser, params: engine.SearchParams) -> engine.SearchResult:
    """One page of the directory for `user` (the engine over CITIES)."""
    return engine.search(CITIES, user=user, params=params)


def params_from(data: Any) -> engine.SearchParams:
    """The directory's search parameters from request.GET, leniently."""
    return engine.SearchParams.from_querydict(data, CITIES)


__all__ = [
    "CITIES",
    "MatchingPractice",
    "directory_entry",
    "evidence_weight_sql",
    "load_profiles",
    "params_from",
    "practice_match_sql",
    "search",
    "strength",
    "visibility_sql",
]
