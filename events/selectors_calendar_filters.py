"""Reads of the calendar's filters: the reader's choice of one kind, region, city and theme,
taken from a request's GET parameters (a value that cannot be one is left out and reported),
checked against the regions, cities and themes that exist (with their names in the reader's
language), and applied to a query of events (a city by its venue or by any role it takes part
in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext as _

from events.models import Event, EventCity
from hub.models import City, Region, Theme

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.db.models import QuerySet

FACETS = ("kind", "region", "city", "theme")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")


@dataclass(frozen=True)
class CalendarFilters:
    """The reader's choice of one kind, region, city and theme (each optional), by key."""

    kind: str = ""
    region: str = ""
    city: str = ""
    theme: str = ""
    # The names of the chosen region, city and theme, ((facet, name), ...), once checked.
    labels: tuple[tuple[str, str], ...] = ()

    def chosen(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    def query(self, **changes: str) -> str:
        """The filters as a query string ("?kind=webinar&theme=youth"), or "" for none;
        `changes` replaces (or with "" removes) some of them."""
        from urllib.parse import urlencode

        values = {**self.chosen(), **changes}
        kept = {name: values[name] for name in FACETS if values.get(name)}
        return f"?{urlencode(kept)}" if kept else ""


@dataclass(frozen=True)
class FilterError:
    code: str
    message: str


def calendar_filters_from(params: Mapping[str, Any]) -> tuple[CalendarFilters, list[FilterError]]:
    """The filters of a request's GET parameters, and what was wrong with them. A value that
    cannot be one (an unknown kind, a key no slug can be, too long) is left out and reported;
    whether a region, city or theme of that key exists is checked by calendar_filter_labels."""
    values: dict[str, str] = {}
    errors: list[FilterError] = []
    for name in FACETS:
        value = str(params.get(name) or "").strip()
        if not value:
            continue
        valid = value in Event.Kind.values if name == "kind" else bool(_SLUG.match(value))
        if valid:
            values[name] = value
        else:
            errors.append(_unknown(name))
    return _with(values), errors


def _with(values: Mapping[str, str], labels: tuple[tuple[str, str], ...] = ()) -> CalendarFilters:
    return CalendarFilters(
        kind=values.get("kind", ""),
        region=values.get("region", ""),
        city=values.get("city", ""),
        theme=values.get("theme", ""),
        labels=labels,
    )


def _unknown(name: str) -> FilterError:
    messages = {
        "kind": _("That kind of event is not one the calendar knows: the filter was left out."),
        "region": _("That region is not one the calendar knows: the filter was left out."),
        "city": _("That city is not one the calendar knows: the filter was left out."),
        "theme": _("That theme is not one the calendar knows: the filter was left out."),
    }
    return FilterError(code=f"unknown_{name}", message=messages[name])


def too_long() -> FilterError:
    return FilterError(
        code="too_long",
        message=_("The address asks for more than the calendar can filter by: filters left out."),
    )


def calendar_filtered(events: QuerySet[Event], filters: CalendarFilters, *, skip: str = "") -> Any:
    if filters.kind and skip != "kind":
        events = events.filter(kind=filters.kind)
    if filters.region and skip != "region":
        events = events.filter(regions__slug=filters.region)
    if filters.theme and skip != "theme":
        events = events.filter(themes__slug=filters.theme)
    if filters.city and skip != "city":
        # The venue city, or a city taking part in any role (host, visitor, participant).
        involved = EventCity.objects.filter(city__slug=filters.city).values("event_id")
        events = events.filter(Q(venue_city__slug=filters.city) | Q(pk__in=involved))
    return events


def _name(row: Mapping[str, Any], prefix: str = "") -> str:
    """A taxonomy row's name in the reader's language, else in English (as modeltranslation
    falls back)."""
    from django.utils import translation

    language = (translation.get_language() or "en").split("-")[0]
    return str(row.get(f"{prefix}name_{language}") or row.get(f"{prefix}name_en") or "")


_NAMES = ("name_en", "name_fr", "name_ar")


def calendar_filter_labels(filters: CalendarFilters) -> tuple[CalendarFilters, list[FilterError]]:
    """`filters` without the regions, cities and themes that do not exist, and the errors for
    them. No query when none is chosen; one otherwise."""
    wanted = {name: getattr(filters, name) for name in ("region", "city", "theme")}
    wanted = {name: key for name, key in wanted.items() if key}
    if not wanted:
        return filters, []
    managers: dict[str, Any] = {
        "region": Region.objects,
        "city": City.objects,
        "theme": Theme.objects,
    }
    queries = [
        managers[name].filter(slug=key).order_by().values_list("slug", *_NAMES, _literal(name))
        for name, key in wanted.items()
    ]
    first, *rest = queries
    found = {
        (facet, slug): _name({"name_en": en, "name_fr": fr, "name_ar": ar})
        for slug, en, fr, ar, facet in first.union(*rest, all=True)
    }
    errors = [_unknown(name) for name, key in wanted.items() if (name, key) not in found]
    kept = {name: key for name, key in filters.chosen().items() if name not in wanted}
    kept |= {name: key for name, key in wanted.items() if (name, key) in found}
    labels = tuple((facet, label) for (facet, _slug), label in found.items())
    return _with(kept, labels), errors


def _literal(text: str) -> Any:
    from django.db.models import CharField, Value

    return Value(text, output_field=CharField())
