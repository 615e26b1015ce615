"""Reads of the calendar: the month grid and the lists (upcoming, past) of the events a reader
may see, with filters by kind, region, city and theme and their counts. Every read starts from
Event.objects.visible_to(user); a fixed number of queries whatever the number of events.

An event's day is its day in its own time zone (a summit opening at 09:00 in Nairobi is on the
day Nairobi says). Past events known only by their year (or year and month) are never given an
invented date: the lists show them under their year, the grid only in a line "this month, date
not known" of their month.

The filters (events.selectors_calendar_filters) and the facets' counts
(events.selectors_calendar_facets) are read in their own modules; this one holds the rows, the
lists and the month, and is where the calendar's names are imported from.
"""

from __future__ import annotations

import calendar
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import DateField, DateTimeField, F, Func, IntegerField, Q
from django.db.models.functions import Cast, Coalesce, Extract
from django.http import Http404
from django.utils import formats, timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from events.models import Event, not_over
from events.selectors import When, event_when
from events.selectors_calendar_facets import Facet, FacetValue, calendar_facets
from events.selectors_calendar_filters import (
    CalendarFilters,
    FilterError,
    calendar_filter_labels,
    calendar_filtered,
    calendar_filters_from,
    too_long,
)
from hub.translated import in_reader_language

if TYPE_CHECKING:
    from hub.models import User
    from hub.translated import Shown

PAGE_SIZE = 50
# A month the grid will draw: far enough either way for the programme's history and plans,
# and a 404 for anything a person could not mean.
FIRST_YEAR, LAST_YEAR = 1990, 2100
# Summits, workshops and exchanges last hours or days: the month grid looks back this far for
# events still under way (a bound the index on starts_at can use).
LONGEST_EVENT = timedelta(days=366)


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
    upcoming = not_over(now)
    scope = visible.exclude(upcoming) if past else visible.filter(upcoming)
    events = calendar_filtered(scope, filters).select_related("venue_city").only(*_ROW_FIELDS)
    if past:
        events = events.annotate(when_year=_when_year()).order_by(
            F("when_year").desc(nulls_last=True),
            F("starts_at").desc(nulls_last=True),
            F("month").desc(nulls_last=True),
            "slug",
        )
    else:
        events = events.order_by("starts_at", "slug")
    facets, total = calendar_facets(scope, filters)
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
        calendar_filtered(scope, filters)
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
        facets=calendar_facets(scope, filters)[0],
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
