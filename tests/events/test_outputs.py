"""What events leave behind, on other apps' pages: "From: <event> (<year>)" on a document's page,
and a member city's events (hosted, taken part in, exchanges) with their outputs on its page.
What the reader may not see (an event for invited cities, a staff event, a document of another
city or for staff) is absent; the pages' query budgets stay the same at 1 and 50 rows."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventCity, EventOutput, Invitation
from events.panels import CITY_KEY, DOCUMENT_KEY
from events.selectors_outputs import CITY_EVENTS_SHOWN, city_events, events_of_document
from hub.object_panels import (
    CITY_PAGE,
    DOCUMENT_PAGE,
    register_object_panel,
    registered_object_panels,
    unregister_object_panel,
)
from tests.conftest import login
from tests.events.factories import EventFactory
from tests.kit.queries import page_queries
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db
Role = EventCity.Role


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _document_page(client, user, document, language="en"):
    login(client, user)
    return client.get(_url("library:document-detail", language, pk=document.pk))


def _city_page(client, user, city, language="en"):
    login(client, user)
    return client.get(_url("cityprofiles:city", language, slug=city.slug))


def _summit(**kwargs):
    # 31 December 2026, 23:30 UTC is already 1 January 2027 in Tokyo: the summit's year is 2027.
    values = {
        "slug": "summit",
        "kind": Event.Kind.GLOBAL_SUMMIT,
        "title_en": "SCN Global Summit",
        "title_fr": "Sommet mondial du SCN",
        "title_ar": "القمة العالمية لشبكة المدن القوية",
        "starts_at": datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
        "ends_at": datetime(2027, 1, 1, 8, 0, tzinfo=UTC),
        "time_zone": "Asia/Tokyo",
    }
    return EventFactory(**(values | kwargs))


def test_events_register_one_panel_on_each_page():
    assert DOCUMENT_KEY in [panel.key for panel in registered_object_panels(DOCUMENT_PAGE)]
    assert CITY_KEY in [panel.key for panel in registered_object_panels(CITY_PAGE)]


# A document's page ---------------------------------------------------------------------------


def test_a_document_page_says_which_event_it_came_from_with_a_link(client, member_a):
    document = DocumentFactory(title_en="Summit communiqué")
    summit = _summit()
    EventOutput.objects.create(event=summit, document=document, kind=EventOutput.Kind.COMMUNIQUE)
    html = _document_page(client, member_a, document).content.decode()
    link = _url("events:event-detail", slug=summit.slug)
    assert f'From: <a href="{link}"><bdi>SCN Global Summit</bdi></a> (2027)' in html
    assert "Communiqué" in html


def test_an_event_known_by_its_year_and_one_known_by_no_year(client, member_a):
    document = DocumentFactory()
    EventOutput.objects.create(
        event=EventFactory(
            slug="old", title_en="Old workshop", starts_at=None, ends_at=None, year=2016
        ),
        document=document,
    )
    EventOutput.objects.create(
        event=EventFactory(
            slug="undated",
            title_en="Undated workshop",
            starts_at=None,
            ends_at=None,
            year=None,
            provenance="programme_2019",
        ),
        document=document,
    )
    html = _document_page(client, member_a, document).content.decode()
    assert "<bdi>Old workshop</bdi></a> (2016)" in html
    assert "<bdi>Undated workshop</bdi></a>\n" in html or "<bdi>Undated workshop</bdi></a>" in html
    assert "Undated workshop</bdi></a> (" not in html
    assert [o.slug for o in events_of_document(user=member_a, document_id=document.pk)] == [
        "old",
        "undated",
    ]


def test_events_the_reader_may_not_see_never_show_on_the_document(
    client, member_a, member_b, staff
):
    document = DocumentFactory()
    invited = _summit(
        slug="invited", title_en="Invited meeting", visibility=Event.Visibility.INVITED
    )
    Invitation.objects.create(event=invited, city=member_a.city)
    staff_event = _summit(
        slug="staff-event", title_en="Staff retreat", visibility=Event.Visibility.STAFF
    )
    for event in (invited, staff_event):
        EventOutput.objects.create(event=event, document=document)
    for_a = _document_page(client, member_a, document).content.decode()
    assert "Invited meeting" in for_a and "Staff retreat" not in for_a
    for_b = _document_page(client, member_b, document).content.decode()
    assert "Invited meeting" not in for_b and "Staff retreat" not in for_b
    assert "From:" not in for_b and "document-origins" not in for_b
    for_staff = _document_page(client, staff, document).content.decode()
    assert "Invited meeting" in for_staff and "Staff retreat" in for_staff


def test_the_document_line_in_arabic_and_french(client, member_a):
    document = DocumentFactory()
    EventOutput.objects.create(event=_summit(), document=document)
    arabic = _document_page(client, member_a, document, "ar").content.decode()
    assert "القمة العالمية لشبكة المدن القوية" in arabic
    assert "من: " in arabic and "(2027)" in arabic
    french = _document_page(client, member_a, document, "fr").content.decode()
    assert "<bdi>Sommet mondial du SCN</bdi></a> (2027)" in french
    assert "Issu de" in french


def test_the_document_page_budget_holds_at_1_and_50_events_one_query_for_the_panel(
    client, member_a
):
    document = DocumentFactory()

    def rows(n):
        for _ in range(n):
            EventOutput.objects.create(event=EventFactory(), document=document)
            hidden = EventFactory(visibility=Event.Visibility.STAFF)
            EventOutput.objects.create(event=hidden, document=document)

    login(client, member_a)
    _assert_one_query_at_1_and_50(
        client, _url("library:document-detail", pk=document.pk), rows, DOCUMENT_PAGE
    )


def _assert_one_query_at_1_and_50(client, url, rows, page):
    """The page costs as many queries at 1 row as at 50, and the events' panel one of them
    (the page's budget counts one per registered panel)."""
    rows(1)
    one, _response = page_queries(client, url)
    rows(49)
    fifty, response = page_queries(client, url)
    key = DOCUMENT_KEY if page == DOCUMENT_PAGE else CITY_KEY
    panels_before = registered_object_panels(page)
    panel = next(p for p in registered_object_panels(page) if p.key == key)
    unregister_object_panel(page, key)
    try:
        without, _response = page_queries(client, url)
    finally:
        # Put back as it was registered, its presence expression too: without it, every later
        # city page would ask for the panel (tests/test_matrix.py's budget for the city page).
        register_object_panel(
            page,
            key,
            order=panel.order,
            context=panel.context,
            template_name=panel.template_name,
            present=panel.present,
        )
    assert registered_object_panels(page) == panels_before
    assert (one, fifty, without) == (one, one, one - 1)
    return response


# A city's page -------------------------------------------------------------------------------


@pytest.fixture
def city_events_of_a(city_a, city_b, member_a):
    """City A hosted a summit (its venue), took part in a workshop, visited city B on an
    exchange; each with outputs, some the readers may not see."""
    summit = _summit(venue_city=city_a)
    workshop = EventFactory(
        slug="workshop",
        title_en="Practitioners workshop",
        starts_at=None,
        ends_at=None,
        year=2018,
        month=3,
    )
    EventCity.objects.create(event=workshop, city=city_a, role=Role.PARTICIPANT)
    exchange = EventFactory(
        slug="exchange",
        kind=Event.Kind.CITY_EXCHANGE,
        title_en="Exchange to Mombasa",
        title_ar="",
        starts_at=None,
        ends_at=None,
        year=2019,
    )
    EventCity.objects.create(event=exchange, city=city_b, role=Role.HOST)
    EventCity.objects.create(event=exchange, city=city_a, role=Role.VISITOR)
    invited = EventFactory(
        slug="invited", title_en="Closed consultation", visibility=Event.Visibility.INVITED
    )
    EventCity.objects.create(event=invited, city=city_a, role=Role.PARTICIPANT)
    Invitation.objects.create(event=invited, city=city_a)
    EventCity.objects.create(
        event=EventFactory(
            slug="staff-event", title_en="Staff retreat", visibility=Event.Visibility.STAFF
        ),
        city=city_a,
        role=Role.HOST,
    )
    EventOutput.objects.create(
        event=summit, document=DocumentFactory(title_en="Summit report", title_ar="تقرير القمة")
    )
    EventOutput.objects.create(
        event=summit, document=DocumentFactory(title_en="Staff notes", staff_only=True)
    )
    EventOutput.objects.create(
        event=workshop,
        document=DocumentFactory(title_en="For city B only", for_cities=True, shared_with=[city_b]),
    )
    EventOutput.objects.create(
        event=exchange,
        document=DocumentFactory(title_en="Exchange draft", draft=True, contributed_by=member_a),
    )
    return {"summit": summit, "workshop": workshop, "exchange": exchange}


def test_a_city_page_lists_the_events_it_hosted_took_part_in_and_its_exchanges(
    client, city_a, member_b, city_events_of_a
):
    html = _city_page(client, member_b, city_a).content.decode()
    hosted = html.index("Events the city hosted")
    attended = html.index("Events the city took part in")
    exchanges = html.index("City exchanges on the calendar")
    assert hosted < html.index("SCN Global Summit") < attended
    assert attended < html.index("Practitioners workshop") < exchanges
    assert exchanges < html.index("Exchange to Mombasa")
    assert "(1 January 2027)" in html and "(March 2018)" in html and "(2019)" in html
    assert "Visiting city" in html
    summit_link = _url("events:event-detail", slug="summit")
    assert f'href="{summit_link}"' in html
    assert "Summit report" in html
    # City B's member sees the document shared with city B.
    assert "For city B only" in html


def test_what_the_reader_may_not_see_never_shows_on_the_city_page(
    client, city_a, member_a, member_b, staff, city_events_of_a
):
    for_b = _city_page(client, member_b, city_a).content.decode()
    for hidden in ("Closed consultation", "Staff retreat", "Staff notes", "Exchange draft"):
        assert hidden not in for_b, hidden
    for_a = _city_page(client, member_a, city_a).content.decode()
    assert "Closed consultation" in for_a
    # A restricted document of another city, a staff document, an unpublished document.
    for hidden in ("For city B only", "Staff notes", "Staff retreat", "Exchange draft"):
        assert hidden not in for_a, hidden
    for_staff = _city_page(client, staff, city_a).content.decode()
    assert "Staff retreat" in for_staff and "Staff notes" in for_staff


def test_a_city_without_events_the_reader_may_see_has_no_events_section(
    client, city_b, member_a, city_events_of_a
):
    html = _city_page(client, member_a, city_b).content.decode()
    # City B hosted the exchange: that is listed; nothing else of city A's is.
    assert "Exchange to Mombasa" in html
    assert "SCN Global Summit" not in html
    assert city_events(user=member_a, city_id=member_a.city_id + 10_000).hosted == []


def test_the_city_events_in_arabic_with_the_fallback_marked(
    client, city_a, member_b, city_events_of_a
):
    html = _city_page(client, member_b, city_a, "ar").content.decode()
    assert "القمة العالمية لشبكة المدن القوية" in html
    assert "تقرير القمة" in html
    assert "Events the city hosted" not in html
    # The exchange has no Arabic title: its English one is marked as English, left to right.
    assert re.search(r'lang="en"\s+dir="ltr">Exchange to Mombasa</a>', html)
    assert "2027" in html and "January" not in html


def test_the_city_page_budget_holds_at_1_and_50_events(client, city_a, member_b):
    def rows(n):
        for i in range(n):
            event = EventFactory(venue_city=city_a if i % 2 else None)
            EventCity.objects.create(event=event, city=city_a, role=Role.PARTICIPANT)
            EventOutput.objects.create(event=event, document=DocumentFactory())
            EventOutput.objects.create(event=event, document=DocumentFactory(staff_only=True))

    login(client, member_b)
    response = _assert_one_query_at_1_and_50(
        client, _url("cityprofiles:city", slug=city_a.slug), rows, CITY_PAGE
    )
    assert response.content.decode().count('class="plain-list event-outputs"') == 30
    assert (
        len(city_events(user=member_b, city_id=city_a.pk).attended)
        + len(city_events(user=member_b, city_id=city_a.pk).hosted)
        == CITY_EVENTS_SHOWN
    )
