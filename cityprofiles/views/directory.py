"""The directory of member cities: the shared search over the cities (cityprofiles.search)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cityprofiles import search
from hub.search.page import SearchPageView

if TYPE_CHECKING:
    from cityprofiles.models import CityProfile
    from hub.search import SearchParams, SearchResult


def _by_region(profiles: list[CityProfile]) -> list[tuple[Any, list[CityProfile]]]:
    """Consecutive profiles of one region together (the page is ordered by region)."""
    groups: list[tuple[Any, list[CityProfile]]] = []
    for profile in profiles:
        region = profile.city.country.region
        if not groups or groups[-1][0] != region:
            groups.append((region, []))
        groups[-1][1].append(profile)
    return groups


def _sorts(params: Any, shown: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of the orders that apply. The order in force by default is
    sent back empty, so that choosing a theme or typing words, which changes the default
    (to the strength of the cities' work), is not held to the order the page had before."""
    return [
        (
            "" if not params.sort and sort.key == shown else sort.key,
            str(sort.label),
            sort.key == shown,
        )
        for sort in search.CITIES.sorts
        if sort.applies(has_words=bool(params.query), params=params)
    ]


class DirectoryView(SearchPageView):
    """The directory. Its search part (the form, facets and results) is kept rendered under
    the generation of the cities' search rows (hub.search.page.SearchPageView.part_key): the
    database's triggers bump it in the same transaction as any write to what the part shows
    (the published profiles, their challenges, practices, networks and themes, and so the
    chunks and rows derived from them; the cities, their countries, regions and the themes'
    names: cityprofiles migration 0002, hub.search.sql). Every member sees the same directory
    (cityprofiles.search.visibility_sql): they share the part."""

    template_name = "cityprofiles/directory.html"
    source = search.CITIES
    part_template = "cityprofiles/partials/_directory_search.html"
    part_cached = True

    def page_extra(self, result: SearchResult, params: SearchParams) -> dict[str, Any]:
        by_region = _by_region(result.items) if result.sort == "region" else None
        return {
            "sorts": _sorts(params, result.sort),
            "by_region": by_region,
            # What the template shows of each (cityprofiles.search.page.directory_entry).
            "entries": [profile.entry for profile in result.items],
            "region_entries": [
                (region, [profile.entry for profile in profiles])  # type: ignore[attr-defined]
                for region, profiles in by_region or []
            ],
            "ranked": result.sort == "strength",
        }
