"""Reads of the calendar's facets: each filter's values with the number of events in scope that
have them under every other active filter (a facet's own choice does not narrow its own
counts), and the number of events under every filter. One statement for the four facets,
whatever the number of events; none when the reader may see no event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from events.models import Event, EventCity
from events.selectors_calendar_filters import FACETS
from hub.models import City, Region, Theme
from hub.ordering import sorted_by_name

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from events.selectors_calendar_filters import CalendarFilters


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    values: list[FacetValue]
    chosen_label: str = ""


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _facet_sql(scope: QuerySet[Event], filters: CalendarFilters) -> tuple[str, list[Any]]:
    """One statement for the four facets: the events in scope, each marked with whether it
    passes each active filter; then each facet's values counted over the events passing every
    other filter (a facet's own choice does not narrow its own counts), by joins a hash join
    does at once for thousands of events. A city counts an event once whatever its roles
    (venue or taking part)."""
    events_sql, events_params = (
        scope.order_by().values("id", "kind", "venue_city_id").query.sql_with_params()
    )
    table = {
        "region_links": _table(Event.regions.through),
        "theme_links": _table(Event.themes.through),
        "city_links": _table(EventCity),
        "region": _table(Region),
        "theme": _table(Theme),
        "city": _table(City),
    }
    # Every name written into the statement below is a model's table; every value a parameter.
    chosen = {
        name: f"(SELECT id FROM {table[name]} WHERE slug = %s)"  # noqa: S608
        for name in ("region", "city", "theme")
    }
    # Whether an event passes each filter ("true" for none chosen), in the order of FACETS
    # (their parameters are taken in that order).
    tests = {
        "kind": "s.kind = %s",
        "region": f"s.id IN (SELECT event_id FROM {table['region_links']}"  # noqa: S608
        f" WHERE region_id = {chosen['region']})",
        "city": f"(s.venue_city_id = {chosen['city']} OR s.id IN (SELECT event_id FROM"  # noqa: S608
        f" {table['city_links']} WHERE city_id = {chosen['city']}))",
        "theme": f"s.id IN (SELECT event_id FROM {table['theme_links']}"  # noqa: S608
        f" WHERE theme_id = {chosen['theme']})",
    }
    # The marks come before the scope in the statement, and so do their parameters.
    params: list[Any] = []
    marks = []
    for name in FACETS:
        key = getattr(filters, name)
        marks.append(f"{tests[name] if key else 'true'} AS {name}_ok")
        params.extend([key] * tests[name].count("%s") if key else [])
    params.extend(events_params)

    def others(name: str) -> str:
        return " AND ".join(f"m.{other}_ok" for other in FACETS if other != name)

    def counted(name: str, links: str) -> str:
        return f"""
            SELECT '{name}', t.slug, t.name_en, t.name_fr, t.name_ar, count(*)
            FROM marked m JOIN {links} l ON l.event_id = m.id
            JOIN {table[name]} t ON t.id = l.{name}_id
            WHERE {others(name)}
            GROUP BY t.id, t.slug, t.name_en, t.name_fr, t.name_ar"""  # noqa: S608

    # A city's events: its venue's and those it takes part in, each (event, city) once.
    cities = f"""(
                SELECT c.event_id, c.city_id FROM {table["city_links"]} c
                WHERE c.event_id IN (SELECT id FROM marked)
                UNION
                SELECT id, venue_city_id FROM marked WHERE venue_city_id IS NOT NULL
            )"""  # noqa: S608
    # The scope is the ORM's own SQL and parameters; the table names are the models'.
    sql = f"""
        WITH marked AS MATERIALIZED (
            -- By the columns' names: the ORM orders a values() SELECT as the model does.
            SELECT s.id, s.kind, s.venue_city_id, {", ".join(marks)}
            FROM ({events_sql}) s
        )
        SELECT 'total', '', '', '', '', count(*) FROM marked m WHERE {others("")}
        UNION ALL
        SELECT 'kind', m.kind, '', '', '', count(*) FROM marked m WHERE {others("kind")}
        GROUP BY m.kind
        UNION ALL {counted("region", table["region_links"])}
        UNION ALL {counted("theme", table["theme_links"])}
        UNION ALL {counted("city", cities)}
    """  # noqa: S608
    return sql, params


def calendar_facets(scope: QuerySet[Event], filters: CalendarFilters) -> tuple[list[Facet], int]:
    """Each facet's values with the number of events in scope that have them, under every
    other active filter (a facet's own choice does not narrow its own counts), and the number
    of events in scope under every filter. One query (none when the reader may see no
    event)."""
    titles = {
        "kind": _("Kind of event"),
        "region": _("Region"),
        "city": _("City"),
        "theme": _("Theme"),
    }
    chosen_keys = {name: getattr(filters, name) for name in FACETS}
    found: dict[str, list[FacetValue]] = {name: [] for name in FACETS}
    kind_counts: dict[str, int] = {}
    total = 0
    if not scope.query.is_empty():
        sql, params = _facet_sql(scope, filters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # A name in the reader's language, else in English (as _name of
        # events.selectors_calendar_filters, the language once).
        language = (translation.get_language() or "en").split("-")[0]
        column = {"en": 0, "fr": 1, "ar": 2}.get(language)
        for facet, key, *names, count in rows:
            if facet == "total":
                total = count
                continue
            if facet == "kind":
                kind_counts[key] = count
                continue
            label = str((column is not None and names[column]) or names[0] or "")
            found[facet].append(FacetValue(key, label, count, key == chosen_keys[facet]))
    labels = dict(Event.Kind.choices)
    found["kind"] = [
        FacetValue(key, str(labels[key]), kind_counts.get(key, 0), key == filters.kind)
        for key in labels
        if kind_counts.get(key) or key == filters.kind
    ]
    # A chosen value no event in scope has any more stays in its list, chosen, with 0.
    for name, label in filters.labels:
        if not any(value.selected for value in found[name]):
            found[name].append(FacetValue(getattr(filters, name), label, 0, True))
    facets = []
    for name in FACETS:
        values = sorted_by_name(found[name], key=lambda value: value.label)
        chosen = next((value.label for value in values if value.selected), "")
        facets.append(Facet(name, titles[name], values, chosen))
    return facets, total
