"""The month grid and the lists of upcoming and past events kept rendered under the calendar's
generation (events.calendar_cache): the same page as without the cache, byte for byte; every
write to what it shows — in the admin, by a queryset update(), to the taxonomy, to the
invitations — shows at once, in every language; readers who may see different events never share
an entry; a registration, which the grid does not show, leaves the entries as they are."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from events.calendar_cache import GENERATION
from events.models import Event, EventCity, Invitation, Registration
from events.services.registrations import registration_create
from hub.models import City, Region, Theme, User
from tests.conftest import login
from tests.events.factories import EventFactory
from tests.events.matrix_calendar import _month_rows, _past_rows, _upcoming_rows
from tests.events.test_admin_events import _form
from tests.hub.factories import CityFactory, RegionFactory, ThemeFactory, UserFactory
from tests.kit.pages import stable_page

# The cache is read outside a transaction only (a test's own transaction would turn it off).
pytestmark = pytest.mark.django_db(transaction=True)

YEAR, MONTH = 2030, 6
JUNE = datetime(YEAR, MONTH, 10, 8, tzinfo=UTC)
CACHE_ON = override_settings(HUB_EVENTS_CALENDAR_CACHE_SECONDS=3600)
CACHE_OFF = override_settings(HUB_EVENTS_CALENDAR_CACHE_SECONDS=0)


def _page(client, language: str = "en", query: str = "", year: int = YEAR, month: int = MONTH):
    """The month page's HTML (without the nonce and token that are new on every response), and
    its number of queries."""
    with translation.override(language):
        url = reverse("events:month", kwargs={"year": year, "month": month})
    return stable_page(client, url + query)


def _html(client, language: str = "en", query: str = "") -> str:
    return _page(client, language, query)[0]


def _generation() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM hub_search_generation WHERE rows_table = %s", [GENERATION])
        return int(cursor.fetchone()[0])


@pytest.fixture
def town():
    region = RegionFactory(name_en="Lakes", name_fr="Lacs", name_ar="البحيرات")
    theme = ThemeFactory(name_en="Mentoring", name_fr="Tutorat", name_ar="الإرشاد")
    venue = CityFactory(name_en="Kestrel", name_fr="Crécerelle", name_ar="العوسق")
    event = EventFactory(
        slug="cal-summit",
        title_en="Lakes summit",
        title_fr="Sommet des lacs",
        title_ar="قمة البحيرات",
        starts_at=JUNE,
        ends_at=JUNE + timedelta(hours=8),
        venue_city=venue,
    )
    event.regions.add(region)
    event.themes.add(theme)
    return {"event": event, "region": region, "theme": theme, "venue": venue}


@CACHE_ON
def test_the_kept_page_is_the_page_without_the_cache_byte_for_byte(client, member_a, town):
    undated = EventFactory(starts_at=None, ends_at=None, year=YEAR, month=MONTH, title_en="Later")
    undated.regions.add(town["region"])
    login(client, member_a)
    queries = [
        "",
        f"?region={town['region'].slug}",
        f"?theme={town['theme'].slug}&kind=regional_workshop",
        f"?city={town['venue'].slug}",
    ]
    for language in ("en", "fr", "ar"):
        for query in queries:
            with CACHE_OFF:
                _page(client, language, query)  # the session's cache warm
                rows, uncached = _page(client, language, query)
            first, missed = _page(client, language, query)
            kept, hit = _page(client, language, query)
            assert first == kept == rows, (language, query)
            # A miss reads the generation and the reader's restricted events first; a hit
            # reads only them (not the month's events and facets).
            assert (missed, hit) == (uncached + 1, uncached - 1), (language, query)
    assert 'dir="rtl"' in _html(client, "ar")


@CACHE_ON
def test_a_page_inside_a_transaction_is_read_from_the_rows(client, member_a, town):
    login(client, member_a)
    with CACHE_OFF:
        _page(client)
        rows, uncached = _page(client)
    _page(client)
    with transaction.atomic():
        Event.objects.filter(pk=town["event"].pk).update(title_en="Lakes summit, moved")
        html, queries = _page(client)
        assert "Lakes summit, moved" in html
        assert queries == uncached
        transaction.set_rollback(True)
    # Rolled back: the page as it was, the entry kept before still right.
    assert _html(client) == rows


@CACHE_ON
def test_events_created_edited_unpublished_and_deleted_by_queryset_show_at_once(
    client, member_a, staff, town
):
    login(client, member_a)
    assert "Lakes summit" in _html(client)
    EventFactory(slug="cal-new", title_en="Harbour exchange", starts_at=JUNE)
    assert "Harbour exchange" in _html(client)
    Event.objects.filter(pk=town["event"].pk).update(title_en="Lakes summit, renamed")
    html = _html(client)
    assert "Lakes summit, renamed" in html
    assert "Sommet des lacs" in _html(client, "fr")
    # A translation changed: the French page follows, the English one is the same.
    Event.objects.filter(pk=town["event"].pk).update(title_fr="Sommet des grands lacs")
    assert "Sommet des grands lacs" in _html(client, "fr")
    assert _html(client) == html
    # Moved to another month.
    Event.objects.filter(slug="cal-new").update(
        starts_at=JUNE + timedelta(days=40), ends_at=JUNE + timedelta(days=40, hours=2)
    )
    assert "Harbour exchange" not in _html(client)
    # For staff only: gone for the member, there for staff.
    Event.objects.filter(pk=town["event"].pk).update(visibility=Event.Visibility.STAFF)
    assert "Lakes summit" not in _html(client)
    login(client, staff)
    assert "Lakes summit, renamed" in _html(client)
    Event.objects.filter(pk=town["event"].pk).delete()
    assert "Lakes summit" not in _html(client)


@CACHE_ON
def test_events_created_and_edited_in_the_admin_show_at_once(client, member_a, staff):
    month = {"starts_at_0": "2030-06-10", "ends_at_0": "2030-06-10"}
    login(client, member_a)
    before = _html(client)
    assert "Prevention coordinators" not in before
    login(client, staff)
    response = client.post(reverse("admin:events_event_add"), _form(**month))
    assert response.status_code == 302
    event = Event.objects.get(slug="coordinators-workshop")
    login(client, member_a)
    assert "Prevention coordinators&#x27; workshop" in _html(client)
    assert "ورشة عمل منسقي الوقاية" in _html(client, "ar")
    login(client, staff)
    edited = _form(**month, title_ar="ورشة عمل الوقاية", visibility=Event.Visibility.STAFF)
    response = client.post(reverse("admin:events_event_change", args=[event.pk]), edited)
    assert response.status_code == 302
    assert "ورشة عمل الوقاية" in _html(client, "ar")
    login(client, member_a)
    assert _html(client) == before
    assert "ورشة عمل" not in _html(client, "ar")


@CACHE_ON
def test_the_taxonomy_renamed_shows_at_once_in_every_language(client, member_a, town):
    undated = EventFactory(starts_at=None, ends_at=None, year=YEAR, month=MONTH, title_en="Later")
    undated.venue_city = town["venue"]
    undated.save()
    login(client, member_a)
    assert "Lakes (1)" in _html(client)
    assert "Lacs (1)" in _html(client, "fr")
    assert "<bdi>Kestrel</bdi>" in _html(client)  # the place of the undated event
    Region.objects.filter(pk=town["region"].pk).update(name_en="Great lakes")
    assert "Great lakes (1)" in _html(client)
    assert "Lacs (1)" in _html(client, "fr")
    Region.objects.filter(pk=town["region"].pk).update(name_fr="Grands lacs")
    assert "Grands lacs (1)" in _html(client, "fr")
    Theme.objects.filter(pk=town["theme"].pk).update(name_ar="التوجيه")
    assert "التوجيه (1)" in _html(client, "ar")
    City.objects.filter(pk=town["venue"].pk).update(name_en="Kestrel Bay")
    html = _html(client)
    assert "<bdi>Kestrel Bay</bdi>" in html
    assert "Kestrel Bay (2)" in html
    # A chosen filter's chip follows its name too.
    query = f"?theme={town['theme'].slug}"
    assert "<bdi>Mentoring</bdi>" in _html(client, query=query)
    Theme.objects.filter(pk=town["theme"].pk).update(name_en="Mentorship")
    assert "<bdi>Mentorship</bdi>" in _html(client, query=query)


@CACHE_ON
def test_regions_themes_and_cities_of_an_event_show_at_once(client, member_a, town):
    event = town["event"]
    login(client, member_a)
    other = RegionFactory(name_en="Coast")
    assert "Coast (" not in _html(client)
    event.regions.add(other)
    assert "Coast (1)" in _html(client)
    event.regions.remove(other)
    assert "Coast (" not in _html(client)
    theme = ThemeFactory(name_en="Sport")
    event.themes.add(theme)
    assert "Sport (1)" in _html(client)
    event.themes.through.objects.filter(theme=theme).delete()
    assert "Sport (" not in _html(client)
    visitor = CityFactory(name_en="Osprey")
    EventCity.objects.create(event=event, city=visitor, role=EventCity.Role.VISITOR)
    assert "Osprey (1)" in _html(client)
    EventCity.objects.filter(city=visitor).update(city=CityFactory(name_en="Heron"))
    html = _html(client)
    assert "Heron (1)" in html
    assert "Osprey (" not in html


@CACHE_ON
def test_an_invitation_added_or_removed_shows_at_once_to_whom_it_concerns(
    client, member_a, member_b, city_a
):
    invited = EventFactory(
        slug="cal-invited",
        title_en="Invited cities' meeting",
        visibility=Event.Visibility.INVITED,
        starts_at=JUNE,
    )
    colleague = UserFactory(city=city_a)
    for reader in (member_a, member_b, colleague):
        login(client, reader)
        assert "/events/cal-invited/" not in _html(client)
    # A city invited: its members see the event, the other city's do not.
    invitation = Invitation.objects.create(event=invited, city=city_a)
    for reader, sees in ((member_a, True), (member_b, False), (colleague, True)):
        login(client, reader)
        assert ("/events/cal-invited/" in _html(client)) is sees, reader
        assert ("/events/cal-invited/" in _html(client, "fr")) is sees, reader
    Invitation.objects.filter(pk=invitation.pk).delete()
    for reader in (member_a, colleague):
        login(client, reader)
        assert "/events/cal-invited/" not in _html(client)
    # A person invited: they see it; their city's other members do not.
    Invitation.objects.create(event=invited, user=member_a)
    login(client, member_a)
    assert "/events/cal-invited/" in _html(client)
    login(client, colleague)
    assert "/events/cal-invited/" not in _html(client)
    Invitation.objects.filter(user=member_a).delete()
    login(client, member_a)
    assert "/events/cal-invited/" not in _html(client)


@CACHE_ON
def test_readers_who_may_see_different_events_never_share_an_entry(
    client, member_a, member_b, staff, city_a
):
    invited = EventFactory(
        title_en="For city A", visibility=Event.Visibility.INVITED, starts_at=JUNE
    )
    Invitation.objects.create(event=invited, city=city_a)
    EventFactory(title_en="For staff", visibility=Event.Visibility.STAFF, starts_at=JUNE)
    EventFactory(title_en="For everyone", starts_at=JUNE)
    cityless = UserFactory(translator=True)  # of no city
    Invitation.objects.create(
        event=EventFactory(title_en="Personal", visibility="invited", starts_at=JUNE),
        user=UserFactory(),
    )
    shown = {
        "staff": {"For city A", "For staff", "For everyone", "Personal"},
        "a": {"For city A", "For everyone"},
        "b": {"For everyone"},
        "cityless": {"For everyone"},
    }
    readers = {"staff": staff, "a": member_a, "b": member_b, "cityless": cityless}
    # Each reader twice, in turns: the second time from the cache, never another's entry.
    for _ in range(2):
        for name, reader in readers.items():
            login(client, reader)
            html = _html(client)
            titles = {
                t for t in ("For city A", "For staff", "For everyone", "Personal") if t in html
            }
            assert titles == shown[name], name
    # Moved to city B: at once the events city B sees.
    User.objects.filter(pk=member_a.pk).update(city=member_b.city)
    login(client, member_a)
    assert "For city A" not in _html(client)
    # No longer staff: at once a member's.
    User.objects.filter(pk=staff.pk).update(roles=["official"], city=city_a)
    login(client, staff)
    html = _html(client)
    assert "For staff" not in html
    assert "For city A" in html


@CACHE_ON
def test_a_registration_leaves_the_kept_grid_as_it_is(client, member_a, town):
    event = town["event"]
    login(client, member_a)
    kept = _html(client)
    generation = _generation()
    registration = registration_create(event=event, by=member_a)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.CANCELLED)
    # The confirmed count the registrations' trigger kept changed; nothing the grid shows did.
    assert Event.objects.get(pk=event.pk).confirmed_count == 0
    assert _generation() == generation
    assert _html(client) == kept
    with CACHE_OFF:
        assert _html(client) == kept


@CACHE_ON
def test_the_month_s_queries_are_the_same_at_1_and_50_rows_kept_or_not(client, member_a):
    """The query budget outside a transaction (tests/events/matrix_calendar.py pins it inside
    one, where nothing is kept): a miss is the rows' page and one query, a hit two queries."""
    login(client, member_a)
    counts = []
    for n in (1, 49):
        _month_rows(None, None, n)
        _page(client)  # the session's cache warm, the month kept
        with CACHE_OFF:
            uncached = _page(client)[1]
        Event.objects.filter(slug__startswith="event-").update(kind=Event.Kind.WEBINAR)
        missed = _page(client)[1]
        hit = _page(client)[1]
        counts.append((uncached, missed, hit))
    assert counts == [(3, 4, 2), (3, 4, 2)]


# --- The lists of upcoming and past events, kept the same way ---------------------------------


def _list(client, *, past: bool = False, language: str = "en", query: str = ""):
    with translation.override(language):
        url = reverse("events:calendar-past" if past else "events:calendar")
    return stable_page(client, url + query)


@CACHE_ON
def test_the_kept_lists_are_the_lists_without_the_cache_byte_for_byte(client, member_a, town):
    earlier = EventFactory(
        title_en="Earlier summit",
        starts_at=datetime(2019, 5, 2, 8, tzinfo=UTC),
        ends_at=datetime(2019, 5, 2, 16, tzinfo=UTC),
    )
    earlier.regions.add(town["region"])
    EventFactory(starts_at=None, ends_at=None, year=2017, title_en="Known by its year")
    login(client, member_a)
    queries = ["", f"?region={town['region'].slug}", "?kind=regional_workshop&page=2"]
    for language in ("en", "fr", "ar"):
        for past in (False, True):
            for query in queries:
                with CACHE_OFF:
                    _list(client, past=past, language=language, query=query)
                    rows, uncached = _list(client, past=past, language=language, query=query)
                first, missed = _list(client, past=past, language=language, query=query)
                kept, hit = _list(client, past=past, language=language, query=query)
                assert first == kept == rows, (language, past, query)
                # As the month's: a miss reads the key's query first, a hit only it.
                assert (missed, hit) == (uncached + 1, uncached - 1), (language, past, query)
    assert "Earlier summit" in _list(client, past=True)[0]
    assert "Earlier summit" not in _list(client)[0]


@CACHE_ON
def test_an_event_that_ends_leaves_the_upcoming_list_though_nothing_was_written(client, member_a):
    now = timezone.now()
    EventFactory(
        title_en="Ending now",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(seconds=2),
    )
    EventFactory(title_en="Next month", starts_at=now + timedelta(days=30))
    login(client, member_a)
    assert "Ending now" in _list(client)[0]
    assert "Ending now" not in _list(client, past=True)[0]
    generation = _generation()
    time.sleep(2.2)
    assert _generation() == generation
    upcoming, past = _list(client)[0], _list(client, past=True)[0]
    assert "Ending now" not in upcoming and "Next month" in upcoming
    assert "Ending now" in past


@CACHE_ON
def test_a_write_shows_at_once_in_the_lists_and_readers_never_share_them(
    client, member_a, member_b, city_a, town
):
    invited = EventFactory(
        title_en="For city A", visibility=Event.Visibility.INVITED, starts_at=JUNE
    )
    Invitation.objects.create(event=invited, city=city_a)
    for _ in range(2):
        login(client, member_a)
        assert "For city A" in _list(client)[0]
        login(client, member_b)
        assert "For city A" not in _list(client)[0]
    Event.objects.filter(pk=town["event"].pk).update(title_en="Lakes summit, moved")
    assert "Lakes summit, moved" in _list(client)[0]
    Event.objects.filter(pk=town["event"].pk).update(
        starts_at=datetime(2018, 1, 1, 9, tzinfo=UTC), ends_at=datetime(2018, 1, 1, 17, tzinfo=UTC)
    )
    assert "Lakes summit, moved" not in _list(client)[0]
    assert "Lakes summit, moved" in _list(client, past=True)[0]


@CACHE_ON
@pytest.mark.parametrize("past", [False, True])
def test_the_lists_queries_are_the_same_at_1_and_50_rows_kept_or_not(client, member_a, past):
    """As the month's (tests/events/matrix_calendar.py pins the lists inside a transaction,
    where nothing is kept): a miss is the rows' page and one query, a hit two queries."""
    login(client, member_a)
    counts = []
    for n in (1, 49):
        (_past_rows if past else _upcoming_rows)(None, None, n)
        _list(client, past=past)
        with CACHE_OFF:
            uncached = _list(client, past=past)[1]
        Event.objects.filter(slug__startswith="event-").update(kind=Event.Kind.WEBINAR)
        missed = _list(client, past=past)[1]
        hit = _list(client, past=past)[1]
        counts.append((uncached, missed, hit))
    assert counts == [(3, 4, 2), (3, 4, 2)]


@CACHE_ON
def test_a_page_no_person_asks_for_is_not_kept(client, member_a, town):
    login(client, member_a)
    with CACHE_OFF:
        _list(client, query="?page=501")
        uncached = _list(client, query="?page=501")[1]
    assert _list(client, query="?page=501")[1] == _list(client, query="?page=501")[1] == uncached
    # What is not a page number is the first page, read from the first page's entry.
    _list(client)
    assert _list(client, query="?page=abc")[1] == 2
