"""Counts that other apps show on a member city's page: its training completions, its events.

hub imports no other app, and the city page (cityprofiles) knows none of the apps that come
after it, so each app registers its facts here from its AppConfig.ready():

    register_city_fact(
        "training-completions",
        order=20,
        count=completions_by_members_of,  # City -> int | None
        label=lambda n: ngettext(
            "%(count)s training module completed by members of this city",
            "%(count)s training modules completed by members of this city",
            n,
        ) % {"count": n},
        url=lambda city: reverse("training:...") + f"?city={city.slug}",
    )

A fact's `count(city)` returns how many, or None when the fact does not apply to this city (it
is then left out; a count of 0 is shown). It runs one query at most, whatever the number of
rows: the city page's query budget is pinned (tests/cityprofiles/matrix_*.py). `label(count)`
words the count in the active language; `url(city)`, if given, is where the count links to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from hub.models import City


@dataclass(frozen=True)
class CityFact:
    key: str
    order: int
    count: Callable[[City], int | None]
    label: Callable[[int], str]
    url: Callable[[City], str] | None = None


@dataclass(frozen=True)
class ShownFact:
    """A fact as the city page shows it: its count, worded, and where it links to ("" for
    nowhere)."""

    key: str
    count: int
    label: str
    url: str


_facts: dict[str, CityFact] = {}


def register_city_fact(
    key: str,
    *,
    order: int,
    count: Callable[[City], int | None],
    label: Callable[[int], str],
    url: Callable[[City], str] | None = None,
) -> None:
    """Add a fact to the city page, or replace the one registered under `key` (ready() may run
    more than once, in tests)."""
    _facts[key] = CityFact(key=key, order=order, count=count, label=label, url=url)


def unregister_city_fact(key: str) -> None:
    _facts.pop(key, None)


def registered_city_facts() -> list[CityFact]:
    """Every registered fact, in page order (then by key, so the order never depends on which
    app was loaded first)."""
    return sorted(_facts.values(), key=lambda fact: (fact.order, fact.key))


def city_facts(*, city: City) -> list[ShownFact]:
    """The facts that apply to `city`, in page order, worded in the active language."""
    shown = []
    for fact in registered_city_facts():
        count = fact.count(city)
        if count is None:
            continue
        url = fact.url(city) if fact.url is not None else ""
        shown.append(ShownFact(fact.key, count, str(fact.label(count)), url))
    return shown


__all__ = [
    "CityFact",
    "ShownFact",
    "city_facts",
    "register_city_fact",
    "registered_city_facts",
    "unregister_city_fact",
]
