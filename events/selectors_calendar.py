"""Reads of the calendar: the month grid and the lists (upcoming, past) of the events a reader
may see, with filters by kind, region, city and theme and their counts. Every read starts from
Event.objects.visible_to(user); a fixed number of queries whatever the number of events.

An event's day is its day in its own time zone (a summit opening at 09:00 in Nairobi is on the
day Nairobi says). Past events known only by their year (or year and month) are never given an
invented date: the lists show them under their year, the grid only in a line "this month, date
not known" of their month.
"""

from __future__ import annotations

import calendar
import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import DateField, DateTimeField, F, Func, IntegerField, Q
from django.db.models.functions import Cast, Coalesce, Extract
from django.http import Http404
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from events.models import Event, EventCity
from events.selectors import When, event_when
from hub.models import City, Region, Theme
from hub.ordering import sorted_by_name
from hub.translated import in_reader_language

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.db.models import QuerySet

    from hub.models import User
    from hub.translated import Shown

PAGE_SIZE = 50
# A month the grid will draw: far enough either way for the programme's history and plans,
# and a 404 for anything a person could not mean.
FIRST_YEAR, LAST_YEAR = 1990, 2100
# Summits, workshops and exchanges last hours or days: the month grid looks back this far for
# events still under way (a bound the index on starts_at can use).
LONGEST_EVENT = timedelta(days=366)
FACETS = ("kind", "region", "city", "theme")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")


# Filters -------------------------------------------------------------------------------------


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


def _filtered(events: QuerySet[Event], filters: CalendarFilters, *, skip: str = "") -> Any:
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


# Facets ------------------------------------------------------------------------------------


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


def _name(row: Mapping[str, Any], prefix: str = "") -> str:
    """A taxonomy row's name in the reader's language, else in English (as modeltranslation
    falls back)."""
    from django.utils import translation

    language = (translation.get_language() or "en").split("-")[0]
    return str(row.get(f"{prefix}name_{language}") or row.get(f"{prefix}name_en") or "")


_NAMES = ("name_en", "name_fr", "name_ar")


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


def _facets(scope: QuerySet[Event], filters: CalendarFilters) -> tuple[list[Facet], int]:
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
        # A name in the reader's language, else in English (as _name, the language once).
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


# Rows shown ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    """One event as the calendar lists it."""

    event: Event
    title: Shown
    when: When
    place: str


def _place(event: Event) -> str:
    if event.venue_city is not None:
        return str(event.venue_city.name)
    if event.location_note:
        return str(event.location_note)
    return _("Online") if event.is_online else ""


# What a row shows (the title and place in every language, for the reader's or a fallback).
_ROW_FIELDS = (
    "slug",
    "kind",
    "title",
    "title_en",
    "title_fr",
    "title_ar",
    "starts_at",
    "ends_at",
    "time_zone",
    "year",
    "month",
    "is_online",
    "location_note",
    "location_note_en",
    "location_note_fr",
    "location_note_ar",
    "venue_city__name",
    "venue_city__name_en",
    "venue_city__name_fr",
    "venue_city__name_ar",
)


def _row(event: Event, *, dated: bool = True) -> EventRow:
    """The row of `event`; without its dates in words when `dated` is False (the grid's
    cells say the day and the time themselves)."""
    when = event_when(event) if dated else _NO_WHEN
    return EventRow(event, in_reader_language(event, "title"), when, _place(event))


_NO_WHEN = When()


def _local(moment: datetime, zone_name: str) -> datetime:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone_name))


class _InZone(Func):
    """Postgres's timezone(zone, moment): the wall-clock time of `moment` in the event's own
    zone (a column), whose date is the event's day."""

    function = "timezone"
    output_field = DateTimeField()


def _local_day(column: str) -> Cast:
    return Cast(_InZone(F("time_zone"), F(column)), DateField())


def _when_year() -> Coalesce:
    return Coalesce(
        Extract(_local_day("starts_at"), "year"), F("year"), output_field=IntegerField()
    )


# The lists ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearGroup:
    label: str
    rows: list[EventRow]


@dataclass(frozen=True)
class CalendarList:
    """One page of the upcoming or the past events, grouped by year for the past."""

    past: bool
    rows: list[EventRow]
    groups: list[YearGroup]
    page: Any
    total: int
    facets: list[Facet]
    filters: CalendarFilters


def calendar_list(
    *, user: User, filters: CalendarFilters, past: bool = False, page: Any = 1
) -> CalendarList:
    """Upcoming events (those not over yet, soonest first) or past ones (latest first, grouped
    by year; those known only by their year with their year; those with no date at all last),
    one page at a time, with the facets' counts over the whole list. Two queries: the page,
    and the number of events with the four facets' counts."""
    now = timezone.now()
    visible = Event.objects.visible_to(user)
    not_over = Q(starts_at__isnull=False) & (
        Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)
    )
    scope = visible.exclude(not_over) if past else visible.filter(not_over)
    events = _filtered(scope, filters).select_related("venue_city").only(*_ROW_FIELDS)
    if past:
        events = events.annotate(when_year=_when_year()).order_by(
            F("when_year").desc(nulls_last=True),
            F("starts_at").desc(nulls_last=True),
            F("month").desc(nulls_last=True),
            "slug",
        )
    else:
        events = events.order_by("starts_at", "slug")
    facets, total = _facets(scope, filters)
    paginator = Paginator(events, PAGE_SIZE)
    # The number of events is counted with the facets: no COUNT of its own.
    paginator.__dict__["count"] = total
    shown = paginator.get_page(page)
    rows = [_row(event) for event in shown.object_list]
    groups: list[YearGroup] = []
    if past:
        for row in rows:
            year = getattr(row.event, "when_year", None)
            label = str(int(year)) if year else _("Date not known")
            if not groups or groups[-1].label != label:
                groups.append(YearGroup(label, []))
            groups[-1].rows.append(row)
    return CalendarList(
        past=past,
        rows=rows,
        groups=groups,
        page=shown,
        total=total,
        facets=facets,
        filters=filters,
    )


# The month ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayEvent:
    row: EventRow
    time: str  # the start in the event's zone ("09:30 CEST"), on its first day only
    continues: bool  # a day after the first of an event of several days


@dataclass(frozen=True)
class Day:
    date: date | None  # None: a cell of the week outside the month
    number: str = ""
    label: str = ""  # "Tuesday 1 December 2026"
    is_today: bool = False
    events: list[DayEvent] = field(default_factory=list)


@dataclass(frozen=True)
class Weekday:
    short: str
    name: str


@dataclass(frozen=True)
class CalendarMonth:
    year: int
    month: int
    title: str  # "December 2026"
    weekdays: list[Weekday]
    weeks: list[list[Day]]
    undated: list[EventRow]  # this month, day not known
    count: int  # events shown (on a day or undated)
    previous: date
    next: date
    facets: list[Facet]
    filters: CalendarFilters


def first_weekday() -> int:
    """The first day of the week in the reader's locale, as Python's calendar counts
    (0 is Monday). Django's FIRST_DAY_OF_WEEK counts from Sunday."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


def month_title(year: int, month: int) -> str:
    return str(capfirst(formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")))


def month_check(year: int, month: int) -> None:
    """Http404 for a month outside the calendar."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404


def month_neighbours(year: int, month: int) -> tuple[date, date]:
    """The first days of the month before and of the month after."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return (first - timedelta(days=1)).replace(day=1), last + timedelta(days=1)


def calendar_month(*, user: User, year: int, month: int, filters: CalendarFilters) -> CalendarMonth:
    """The month's grid of the events `user` may see: each on every day it covers in its own
    time zone, with its start time on its first day; the month's events known only by their
    month apart. Http404 for a month outside the calendar. Two queries: the month's events,
    the four facets."""
    month_check(year, month)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    # Coarse bounds in UTC (every zone is within a day of it) let the index on starts_at find
    # the few candidates among thousands of events; the exact test is on the event's days in
    # its own zone. An event is drawn on the days of its first LONGEST_EVENT only.
    utc = zoneinfo.ZoneInfo("UTC")
    starts_before = datetime.combine(last + timedelta(days=2), time(), tzinfo=utc)
    starts_after = datetime.combine(first - timedelta(days=1), time(), tzinfo=utc)
    dated = (
        Q(starts_at__lt=starts_before, starts_at__gte=starts_after - LONGEST_EVENT)
        & Q(local_start__lte=last)
        & Q(local_end__gte=first)
    )
    undated = Q(starts_at__isnull=True, year=year, month=month)
    scope = (
        Event.objects.visible_to(user)
        .annotate(
            local_start=_local_day("starts_at"),
            local_end=Coalesce(_local_day("ends_at"), _local_day("starts_at")),
        )
        .filter(dated | undated)
    )
    events = list(
        _filtered(scope, filters)
        .select_related("venue_city")
        .only(*_ROW_FIELDS)
        .order_by("starts_at", "slug")
    )
    today = timezone.localdate()
    days: dict[date, Day] = {}
    weeks: list[list[Day]] = []
    # Each day's label, as date_format(day, "l j F Y") words it, with the month's and the
    # weekdays' names looked up once.
    month_name = str(MONTHS[month])
    weekday_names = {number: str(name) for number, name in WEEKDAYS.items()}
    for week in calendar.Calendar(first_weekday()).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Day(None))
                continue
            cell = Day(
                day,
                number=str(day.day),
                label=str(
                    capfirst(f"{weekday_names[day.weekday()]} {day.day} {month_name} {day.year}")
                ),
                is_today=day == today,
            )
            days[day] = cell
            cells.append(cell)
        weeks.append(cells)
    undated_rows = []
    for event in events:
        if event.starts_at is None:
            undated_rows.append(_row(event))
            continue
        row = _row(event, dated=False)
        start = _local(event.starts_at, event.time_zone)
        end = _local(event.ends_at or event.starts_at, event.time_zone)
        day = max(start.date(), first)
        while day <= min(end.date(), last):
            if day == start.date():
                zone = start.strftime("%Z")
                shown = formats.time_format(start, "TIME_FORMAT")
                if zone and not zone.startswith(("+", "-")):
                    shown = f"{shown} {zone}"
                days[day].events.append(DayEvent(row, shown, continues=False))
            else:
                days[day].events.append(DayEvent(row, "", continues=True))
            day += timedelta(days=1)
    weekday_order = [(first_weekday() + i) % 7 for i in range(7)]
    return CalendarMonth(
        year=year,
        month=month,
        title=month_title(year, month),
        weekdays=[Weekday(str(WEEKDAYS_ABBR[i]), str(WEEKDAYS[i])) for i in weekday_order],
        weeks=weeks,
        undated=undated_rows,
        count=len(events),
        previous=(first - timedelta(days=1)).replace(day=1),
        next=last + timedelta(days=1),
        facets=_facets(scope, filters)[0],
        filters=filters,
    )


__all__ = [
    "CalendarFilters",
    "CalendarList",
    "CalendarMonth",
    "EventRow",
    "Facet",
    "FacetValue",
    "FilterError",
    "calendar_filter_labels",
    "calendar_filters_from",
    "calendar_list",
    "calendar_month",
    "first_weekday",
    "month_check",
    "month_neighbours",
    "month_title",
    "too_long",
]
