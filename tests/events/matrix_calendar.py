"""Events' part of the permission matrix (tests/kit/matrix.py): the calendar — the upcoming and
past lists and the month grid. Who sees which event on them is tested in
tests/events/test_calendar.py; here, who may open them, and their query budgets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from events.models import Event, EventCity, Invitation
from tests.events.factories import EventFactory
from tests.hub.factories import CityFactory, RegionFactory, ThemeFactory
from tests.kit.matrix import Budget, R, codes

YEAR, MONTH = 2030, 6
KINDS = Event.Kind.values


def objects(personas):
    june = datetime(YEAR, MONTH, 10, 8, tzinfo=UTC)
    EventFactory(slug="cal-members", starts_at=june, ends_at=june + timedelta(hours=8))
    invited = EventFactory(
        slug="cal-invited-a",
        visibility=Event.Visibility.INVITED,
        starts_at=june,
        ends_at=june + timedelta(days=2),
    )
    Invitation.objects.create(event=invited, city=personas.city_a)
    EventFactory(slug="cal-staff", visibility=Event.Visibility.STAFF, starts_at=june)
    EventFactory(slug="cal-month-only", starts_at=None, ends_at=None, year=YEAR, month=MONTH)
    return {
        "cal_month": {"year": YEAR, "month": MONTH},
        "cal_bad_month": {"year": YEAR, "month": 13},
        "cal_far_month": {"year": 9999, "month": 1},
    }


def _event_rows(n, when, personas):
    """n events (and as many the reader may not see), each of another kind, with regions,
    themes, a venue city and cities in every role: all the lists and facets show."""
    region, theme = RegionFactory(slug="cal-region"), ThemeFactory()
    for i in range(n):
        starts_at, year, month = when(i)
        ends_at = starts_at + timedelta(hours=3) if starts_at else None
        for visibility in (Event.Visibility.MEMBERS, Event.Visibility.STAFF):
            event = EventFactory(
                kind=KINDS[i % len(KINDS)],
                visibility=visibility,
                starts_at=starts_at,
                ends_at=ends_at,
                year=year,
                month=month,
                time_zone=("Europe/Paris", "Asia/Tokyo", "America/Montreal")[i % 3],
                venue_city=CityFactory() if i % 2 else None,
            )
            event.regions.add(region, RegionFactory())
            event.themes.add(theme, ThemeFactory())
            for role in EventCity.Role.values:
                EventCity.objects.create(event=event, city=CityFactory(), role=role)


def _upcoming_rows(personas, objects, n):
    now = timezone.now()
    _event_rows(n, lambda i: (now + timedelta(days=1 + i), None, None), personas)


def _past_rows(personas, objects, n):
    now = timezone.now()

    def when(i):
        if i % 3 == 0:
            return None, 2015 + i % 5, None  # known only by its year
        if i % 3 == 1:
            return None, 2016, i % 12 + 1  # by its year and month
        return now - timedelta(days=10 + i), None, None

    _event_rows(n, when, personas)


def _month_rows(personas, objects, n):
    def when(i):
        if i % 4 == 0:
            return None, YEAR, MONTH  # this month, day not known
        return datetime(YEAR, MONTH, 1 + i % 30, 6 + i % 12, tzinfo=UTC), None, None

    _event_rows(n, when, personas)


MEMBERS = codes(R, R, 200, 200, 200, 200)
NOT_FOUND = codes(R, R, 404, 404, 404, 404)
NO_POST = codes(R, R, 405, 405, 405, 405)

ENTRIES = {
    ("events:calendar", None, "get"): MEMBERS,
    ("events:calendar", None, "post"): NO_POST,
    ("events:calendar-past", None, "get"): MEMBERS,
    ("events:month", "cal_month", "get"): MEMBERS,
    ("events:month", "cal_month", "post"): NO_POST,
    # A month that cannot be, or that the calendar does not draw.
    ("events:month", "cal_bad_month", "get"): NOT_FOUND,
    ("events:month", "cal_far_month", "get"): NOT_FOUND,
}

BUDGETS = {
    # Member A: the session's user; the page of events with their venue cities; the number
    # of events and the four facets' counts, in one statement.
    "events:calendar": Budget(3, _upcoming_rows),
    "events:calendar-past": Budget(3, _past_rows),
    # The user; the month's events with their venue cities; the four facets in one statement.
    # (Inside the test's transaction nothing is kept: tests/events/test_calendar_cache.py pins
    # the month outside one, where a miss adds the generation's query and a hit is two.)
    "events:month": Budget(3, _month_rows, target=lambda objects: objects["cal_month"]),
}
