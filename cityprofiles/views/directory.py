"""The directory of member cities: the shared search over the cities (cityprofiles.search)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.views.generic import TemplateView

from cityprofiles import search
from hub.http import authenticated_user
from hub.search.page import page_context

if TYPE_CHECKING:
    from cityprofiles.models import CityProfile


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


class DirectoryView(TemplateView):
    template_name = "cityprofiles/directory.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = search.params_from(self.request.GET)
        result = search.search(user=authenticated_user(self.request), params=params)
        return (
            super().get_context_data(**kwargs)
            | page_context(result, params)
            | {
                "params": params,
                "result": result,
                "sorts": _sorts(params, result.sort),
                "by_region": _by_region(result.items) if result.sort == "region" else None,
                "ranked": result.sort == "strength",
            }
        )
