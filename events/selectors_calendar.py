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
from django.db import connection, transaction
from django.db.models import Count, DateField, DateTimeField, F, Func, IntegerField, Q
from django.db.models.functions import Cast, Coalesce, Extract
from django.http import Http404
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
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


def _kind_values(scope: QuerySet[Event], chosen: str) -> list[FacetValue]:
    counts = dict(scope.order_by().values_list("kind").annotate(n=Count("pk")))
    labels = dict(Event.Kind.choices)
    values = [
        FacetValue(key, str(labels[key]), counts.get(key, 0), key == chosen)
        for key in labels
        if counts.get(key) or key == chosen
    ]
    return sorted_by_name(values, key=lambda value: value.label)


def _taxonomy_values(
    model: type[Region] | type[Theme], scope: QuerySet[Event], chosen: str
) -> list[FacetValue]:
    # Filtering the join before counting it counts only the events in scope.
    rows = (
        model.objects.filter(events__in=scope.order_by().values("pk"))
        .order_by()
        .values("slug", *_NAMES)
        .annotate(n=Count("events"))
    )
    values = [FacetValue(row["slug"], _name(row), row["n"], row["slug"] == chosen) for row in rows]
    return sorted_by_name(values, key=lambda value: value.label)


def _city_values(scope: QuerySet[Event], chosen: str) -> list[FacetValue]:
    """The cities of the events in scope (venue or taking part), each counting an event once
    whatever its roles. One statement over both relations."""
    venues, venue_params = (
        scope.filter(venue_city__isnull=False)
        .order_by()
        .values("pk", "venue_city_id")
        .query.sql_with_params()
    )
    roles, role_params = (
        EventCity.objects.filter(event__in=scope.order_by().values("pk"))
        .order_by()
        .values("event_id", "city_id")
        .query.sql_with_params()
    )
    city_table = City._meta.db_table
    # The two sets are the ORM's own SQL and parameters; the table name is the model's.
    sql = f"""
        SELECT c.slug, c.name_en, c.name_fr, c.name_ar, count(DISTINCT involved.event_id)
        FROM (
            -- By the columns' names: the ORM orders a values() SELECT as the model does.
            SELECT v.pk AS event_id, v.venue_city_id AS city_id FROM ({venues}) v
            UNION ALL
            SELECT r.event_id, r.city_id FROM ({roles}) r
        ) involved
        JOIN {city_table} c ON c.id = involved.city_id
        GROUP BY c.id, c.slug, c.name_en, c.name_fr, c.name_ar
    """  # noqa: S608
    params = [*venue_params, *role_params]
    # Two parallel workers cost more to start than they save on a count of this size (and on
    # a busy two-core machine, several times the statement): one process does it.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    values = [
        FacetValue(
            slug,
            _name({"name_en": en, "name_fr": fr, "name_ar": ar}),
            count,
            slug == chosen,
        )
        for slug, en, fr, ar, count in rows
    ]
    return sorted_by_name(values, key=lambda value: value.label)


def _facets(scope: QuerySet[Event], filters: CalendarFilters) -> list[Facet]:
    """Each facet's values with the number of events in scope that have them, under every
    other active filter (a facet's own choice does not narrow its own counts). Four queries
    (the city's with a SET LOCAL before it, in its own transaction)."""
    titles = {
        "kind": _("Kind of event"),
        "region": _("Region"),
        "city": _("City"),
        "theme": _("Theme"),
    }
    found = {
        "kind": _kind_values(_filtered(scope, filters, skip="kind"), filters.kind),
        "region": _taxonomy_values(
            Region, _filtered(scope, filters, skip="region"), filters.region
        ),
        "city": _city_values(_filtered(scope, filters, skip="city"), filters.city),
        "theme": _taxonomy_values(Theme, _filtered(scope, filters, skip="theme"), filters.theme),
    }
    # A chosen value no event in scope has any more stays in its list, chosen, with 0.
    for name, label in filters.labels:
        if not any(value.selected for value in found[name]):
            found[name] = sorted_by_name(
                [*found[name], FacetValue(getattr(filters, name), label, 0, True)],
                key=lambda value: value.label,
            )
    facets = []
    for name in FACETS:
        chosen = next((value.label for value in found[name] if value.selected), "")
        facets.append(Facet(name, titles[name], found[name], chosen))
    return facets


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
    one page at a time, with the facets' counts over the whole list. Six queries: the count,
    the page, four facets."""
    now = timezone.now()
    visible = Event.objects.visible_to(user)
    not_over = Q(starts_at__isnull=False) & (
        Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)
    )
    scope = visible.exclude(not_over) if past else visible.filter(not_over)
    events = _filtered(scope, filters).select_related("venue_city")
    if past:
        events = events.annotate(when_year=_when_year()).order_by(
            F("when_year").desc(nulls_last=True),
            F("starts_at").desc(nulls_last=True),
            F("month").desc(nulls_last=True),
            "slug",
        )
    else:
        events = events.order_by("starts_at", "slug")
    paginator = Paginator(events, PAGE_SIZE)
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
        total=paginator.count,
        facets=_facets(scope, filters),
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


def calendar_month(*, user: User, year: int, month: int, filters: CalendarFilters) -> CalendarMonth:
    """The month's grid of the events `user` may see: each on every day it covers in its own
    time zone, with its start time on its first day; the month's events known only by their
    month apart. Http404 for a month outside the calendar. Five queries: the month's events,
    four facets."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise Http404
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
        _filtered(scope, filters).select_related("venue_city").order_by("starts_at", "slug")
    )
    today = timezone.localdate()
    days: dict[date, Day] = {}
    weeks: list[list[Day]] = []
    for week in calendar.Calendar(first_weekday()).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Day(None))
                continue
            cell = Day(
                day,
                number=str(day.day),
                label=str(capfirst(formats.date_format(day, "l j F Y"))),
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
        facets=_facets(scope, filters),
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
    "month_title",
    "too_long",
]
