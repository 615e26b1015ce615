"""The calendar: the lists and the month grid, their filters and counts, who sees what, events
known only by their year, month navigation, bad input, and Arabic."""

from __future__ import annotations

import re
import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from events.models import Event, EventCity, Invitation
from events.selectors_calendar import first_weekday
from tests.conftest import login
from tests.events.factories import EventFactory
from tests.hub.factories import CityFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db
Kind = Event.Kind


def _get(client, user, name, language="en", query="", **kwargs):
    login(client, user)
    with translation.override(language):
        url = reverse(f"events:{name}", kwargs=kwargs or None)
    return client.get(url + query)


def _slugs(response) -> list[str]:
    """The events the page links to, in order (once each)."""
    found = re.findall(r'href="/\w\w/events/([-\w]+)/"', response.content.decode())
    return list(dict.fromkeys(s for s in found if s not in {"mine", "past"}))


def _facet(response, name):
    return next(f for f in response.context["facets"] if f.name == name)


def _counts(response, name) -> dict[str, int]:
    return {value.key: value.count for value in _facet(response, name).values}


@pytest.fixture
def june():
    """Events of June 2030 of every visibility, and one upcoming event later."""
    invited = EventFactory(
        slug="cal-invited",
        visibility=Event.Visibility.INVITED,
        starts_at=datetime(2030, 6, 10, 8, tzinfo=UTC),
        ends_at=datetime(2030, 6, 10, 16, tzinfo=UTC),
    )
    return {
        "members": EventFactory(
            slug="cal-members",
            starts_at=datetime(2030, 6, 3, 7, 30, tzinfo=UTC),
            ends_at=datetime(2030, 6, 3, 15, tzinfo=UTC),
        ),
        "invited": invited,
        "staff": EventFactory(
            slug="cal-staff",
            visibility=Event.Visibility.STAFF,
            starts_at=datetime(2030, 6, 12, 8, tzinfo=UTC),
            ends_at=datetime(2030, 6, 12, 9, tzinfo=UTC),
        ),
    }


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("member_a", ["cal-members", "cal-invited"]),
        ("member_b", ["cal-members"]),
        ("staff", ["cal-members", "cal-invited", "cal-staff"]),
    ],
)
def test_calendar_shows_only_the_events_the_reader_may_see(client, request, june, persona, shown):
    Invitation.objects.create(event=june["invited"], city=request.getfixturevalue("city_a"))
    user = request.getfixturevalue(persona)
    listing = _get(client, user, "calendar")
    month = _get(client, user, "month", year=2030, month=6)
    assert listing.status_code == month.status_code == 200
    assert _slugs(listing) == shown
    assert sorted(_slugs(month)) == sorted(shown)
    # The counts say no more than the reader may see.
    assert _counts(listing, "kind") == {Kind.REGIONAL_WORKSHOP: len(shown)}
    assert _counts(month, "kind") == {Kind.REGIONAL_WORKSHOP: len(shown)}


def test_the_calendar_is_the_events_landing_page_and_in_the_main_nav(client, member_a):
    response = _get(client, member_a, "calendar")
    assert reverse("events:calendar") == "/en/events/"
    body = response.content.decode()
    assert '<a href="/en/events/" aria-current="page">Events</a>' in body
    assert 'href="/en/events/mine/"' in body  # my events


def test_an_event_is_on_its_day_in_its_own_time_zone(client, member_a):
    # 30 June 2030, 23:30 UTC is 1 July, 08:30 in Tokyo: July's grid, the 1st.
    EventFactory(
        slug="tokyo",
        time_zone="Asia/Tokyo",
        starts_at=datetime(2030, 6, 30, 23, 30, tzinfo=UTC),
        ends_at=datetime(2030, 7, 1, 1, tzinfo=UTC),
    )
    june = _get(client, member_a, "month", year=2030, month=6)
    july = _get(client, member_a, "month", year=2030, month=7)
    assert _slugs(june) == []
    assert _slugs(july) == ["tokyo"]
    first = next(day for week in july.context["grid"].weeks for day in week if day.date)
    assert first.date == date(2030, 7, 1)
    assert [item.row.event.slug for item in first.events] == ["tokyo"]
    assert first.events[0].time == "08:30 JST"


def test_an_event_of_several_days_is_on_each_of_them(client, member_a):
    EventFactory(
        slug="summit",
        time_zone="Europe/Paris",
        starts_at=datetime(2030, 5, 30, 7, tzinfo=UTC),
        ends_at=datetime(2030, 6, 2, 15, tzinfo=UTC),
    )
    june = _get(client, member_a, "month", year=2030, month=6).context["grid"]
    days = {day.date: day for week in june.weeks for day in week if day.date}
    assert [bool(days[date(2030, 6, n)].events) for n in (1, 2, 3)] == [True, True, False]
    assert days[date(2030, 6, 1)].events[0].continues
    assert june.count == 1


def test_events_known_only_by_their_year_never_get_a_date(client, member_a):
    EventFactory(slug="year-only", starts_at=None, ends_at=None, year=2017)
    EventFactory(slug="month-only", starts_at=None, ends_at=None, year=2017, month=5)
    EventFactory(
        slug="dated-2017",
        starts_at=datetime(2017, 5, 4, 8, tzinfo=UTC),
        ends_at=datetime(2017, 5, 4, 9, tzinfo=UTC),
    )
    EventFactory(slug="no-date", starts_at=None, ends_at=None, provenance="programme_2019")
    past = _get(client, member_a, "calendar-past")
    groups = [
        (group.label, [row.event.slug for row in group.rows])
        for group in past.context["listing"].groups
    ]
    assert groups == [
        ("2017", ["dated-2017", "month-only", "year-only"]),
        ("Date not known", ["no-date"]),
    ]
    body = past.content.decode()
    assert "May 2017" in body  # the month it is known by, no day
    # The grid: the dated event on its day, the month-only one apart, the year-only one nowhere.
    may = _get(client, member_a, "month", year=2017, month=5)
    grid = may.context["grid"]
    assert [row.event.slug for row in grid.undated] == ["month-only"]
    assert [item.row.event.slug for week in grid.weeks for day in week for item in day.events] == [
        "dated-2017"
    ]
    assert "This month, date not known" in may.content.decode()
    january = _get(client, member_a, "month", year=2017, month=1)
    assert _slugs(january) == []
    assert "year-only" not in may.content.decode()


def test_filters_narrow_the_list_and_counts_honour_the_other_filters(client, member_a, staff):
    europe, africa = RegionFactory(slug="europe-t"), RegionFactory(slug="africa-t")
    youth, online = ThemeFactory(slug="youth-t"), ThemeFactory(slug="online-t")
    dakar = CityFactory(slug="dakar-t")
    a = EventFactory(slug="a", kind=Kind.WEBINAR)
    a.regions.add(europe)
    a.themes.add(youth)
    b = EventFactory(slug="b", kind=Kind.WEBINAR, venue_city=dakar)
    b.regions.add(africa)
    b.themes.add(youth, online)
    c = EventFactory(slug="c", kind=Kind.CITY_EXCHANGE)
    c.regions.add(africa)
    EventCity.objects.create(event=c, city=dakar, role=EventCity.Role.HOST)
    EventCity.objects.create(event=c, city=dakar, role=EventCity.Role.VISITOR)  # counted once
    hidden = EventFactory(slug="hidden", kind=Kind.WEBINAR, visibility=Event.Visibility.STAFF)
    hidden.regions.add(africa)
    hidden.themes.add(youth)

    everything = _get(client, member_a, "calendar")
    assert _counts(everything, "kind") == {Kind.WEBINAR: 2, Kind.CITY_EXCHANGE: 1}
    assert _counts(everything, "region") == {"europe-t": 1, "africa-t": 2}
    assert _counts(everything, "theme") == {"youth-t": 2, "online-t": 1}
    assert _counts(everything, "city") == {"dakar-t": 2}

    webinars = _get(client, member_a, "calendar", query="?kind=webinar")
    assert webinars.status_code == 200
    assert _slugs(webinars) == ["a", "b"]
    # Its own facet keeps every kind; the others count webinars only.
    assert _counts(webinars, "kind") == {Kind.WEBINAR: 2, Kind.CITY_EXCHANGE: 1}
    assert _counts(webinars, "region") == {"europe-t": 1, "africa-t": 1}
    assert _counts(webinars, "city") == {"dakar-t": 1}

    both = _get(client, member_a, "calendar", query="?region=africa-t&city=dakar-t")
    assert _slugs(both) == ["b", "c"]
    assert _counts(both, "kind") == {Kind.WEBINAR: 1, Kind.CITY_EXCHANGE: 1}
    chips = both.context["chips"]
    assert [chip["remove"] for chip in chips] == ["?city=dakar-t", "?region=africa-t"]
    # Staff see (and count) the staff event too.
    assert _counts(_get(client, staff, "calendar"), "kind")[Kind.WEBINAR] == 3

    # The month of its day in its own zone (30 days from now in Paris can be next month in UTC).
    held = timezone.localtime(b.starts_at, zoneinfo.ZoneInfo(b.time_zone))
    in_month = _get(
        client, member_a, "month", query="?theme=online-t", year=held.year, month=held.month
    )
    assert _slugs(in_month) == ["b"]
    # A link to another month keeps the filters.
    assert "?theme=online-t" in in_month.content.decode()


def test_a_chosen_value_with_no_events_left_stays_chosen(client, member_a):
    theme = ThemeFactory(slug="rare")
    EventFactory(slug="w", kind=Kind.WEBINAR).themes.add(theme)
    EventFactory(slug="x", kind=Kind.YOUTH_LAB)
    response = _get(client, member_a, "calendar", query="?kind=youth_lab&theme=rare")
    assert _slugs(response) == []
    rare = next(v for v in _facet(response, "theme").values if v.key == "rare")
    assert (rare.count, rare.selected) == (0, True)
    youth = next(v for v in _facet(response, "kind").values if v.key == Kind.YOUTH_LAB)
    assert (youth.count, youth.selected) == (0, True)


def test_upcoming_soonest_first_past_latest_first(client, member_a):
    now = timezone.now()
    EventFactory(slug="later", starts_at=now + timedelta(days=20))
    EventFactory(slug="sooner", starts_at=now + timedelta(days=2))
    EventFactory(
        slug="under-way", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )
    EventFactory(slug="old", starts_at=now - timedelta(days=400))
    EventFactory(slug="recent", starts_at=now - timedelta(days=3))
    assert _slugs(_get(client, member_a, "calendar")) == ["under-way", "sooner", "later"]
    assert _slugs(_get(client, member_a, "calendar-past")) == ["recent", "old"]


def test_month_navigation(client, member_a):
    december = _get(client, member_a, "month", year=2030, month=12)
    body = december.content.decode()
    assert 'rel="prev" href="/en/events/2030/11/"' in body
    assert 'rel="next" href="/en/events/2031/1/"' in body
    assert "Next month: January 2031" in body
    january = _get(client, member_a, "month", year=2031, month=1).content.decode()
    assert 'rel="prev" href="/en/events/2030/12/"' in january


def test_the_grid_starts_on_the_locale_first_day_of_the_week(client, member_a):
    for language, first in (("en", "Sunday"), ("fr", "lundi")):
        response = _get(client, member_a, "month", language=language, year=2030, month=6)
        assert response.context["grid"].weekdays[0].name == first
        with translation.override(language):
            assert first_weekday() == (6 if language == "en" else 0)
        week = response.context["grid"].weeks[0]
        # June 2030 begins on a Saturday: the cells before it are outside the month.
        assert [day.date for day in week].index(date(2030, 6, 1)) == (6 if language == "en" else 5)


def test_arabic_calendar_runs_right_to_left_with_arabic_names(client, member_a):
    EventFactory(
        slug="ar-event",
        starts_at=datetime(2030, 6, 3, 7, 30, tzinfo=UTC),
        ends_at=datetime(2030, 6, 3, 9, tzinfo=UTC),
    )
    response = _get(client, member_a, "month", language="ar", year=2030, month=6)
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    with translation.override("ar"):
        june_ar = formats.date_format(date(2030, 6, 1), "F")
        monday_ar = formats.date_format(date(2030, 6, 3), "l")
    assert june_ar != "June" and june_ar in body
    assert monday_ar != "Monday" and monday_ar in body
    assert "June" not in body
    assert "ورشة عمل إقليمية" in body  # the event's Arabic title
    listing = _get(client, member_a, "calendar-past", language="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in listing


@pytest.mark.parametrize(
    "path", ["/en/events/2026/13/", "/en/events/2026/0/", "/en/events/0/5/", "/en/events/99999/1/"]
)
def test_a_month_that_cannot_be_is_404(client, member_a, path):
    login(client, member_a)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?kind=nonsense", "unknown_kind"),
        ("?region=no-such-region", "unknown_region"),
        ("?city=%3Cscript%3E", "unknown_city"),
        ("?theme=" + "x" * 200, "unknown_theme"),
        ("?kind=" + "w" * 2000, "too_long"),
    ],
)
def test_bad_filters_are_left_out_with_a_clear_400(client, member_a, query, code):
    EventFactory(slug="still-listed")
    for name, kwargs in (("calendar", {}), ("month", {"year": 2030, "month": 1})):
        response = _get(client, member_a, name, query=query, **kwargs)
        assert response.status_code == 400
        assert [error.code for error in response.context["errors"]] == [code]
        assert f'data-code="{code}"' in response.content.decode()
        assert response.context["filters"].chosen() == {}
    assert _slugs(_get(client, member_a, "calendar", query=query)) == ["still-listed"]


def test_a_bad_filter_leaves_the_good_ones(client, member_a):
    EventFactory(slug="web", kind=Kind.WEBINAR)
    EventFactory(slug="lab", kind=Kind.YOUTH_LAB)
    response = _get(client, member_a, "calendar", query="?kind=webinar&theme=nope")
    assert response.status_code == 400
    assert _slugs(response) == ["web"]


def test_bad_page_numbers_show_a_page(client, member_a):
    EventFactory(slug="one")
    for query in ("?page=abc", "?page=999", "?page=-1"):
        assert _slugs(_get(client, member_a, "calendar", query=query)) == ["one"]


def test_the_upcoming_list_pages_by_fifty(client, member_a):
    now = timezone.now()
    for i in range(51):
        EventFactory(slug=f"e{i:02}", starts_at=now + timedelta(days=1, hours=i))
    first = _get(client, member_a, "calendar", query="?kind=regional_workshop")
    assert len(_slugs(first)) == 50
    assert 'href="/en/events/?kind=regional_workshop&amp;page=2"' in first.content.decode()
    second = _get(client, member_a, "calendar", query="?kind=regional_workshop&page=2")
    assert _slugs(second) == ["e50"]
