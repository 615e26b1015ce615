"""The event page and its calendar file: what it shows, to whom, in which language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, EventCity, EventOutput, Invitation, Registration
from tests.conftest import login
from tests.events.factories import EventFactory
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _page(client, user, event, language="en"):
    login(client, user)
    with translation.override(language):
        url = reverse("events:event-detail", kwargs={"slug": event.slug})
    return client.get(url)


def _paris_event(**kwargs):
    # 6 April 2027, 09:30–17:00 in Paris (CEST, UTC+2).
    return EventFactory(
        starts_at=datetime(2027, 4, 6, 7, 30, tzinfo=UTC),
        ends_at=datetime(2027, 4, 6, 15, 0, tzinfo=UTC),
        time_zone="Europe/Paris",
        **kwargs,
    )


def test_dates_in_the_event_zone_and_utc(client, member_a):
    event = _paris_event()
    html = _page(client, member_a, event).content.decode()
    assert "6 April 2027, 09:30–17:00" in html
    assert "Paris time, CEST" in html
    assert "07:30–15:00 (UTC)" in html


def test_dates_localised_in_arabic_and_french(client, member_a):
    event = _paris_event()
    arabic = _page(client, member_a, event, "ar").content.decode()
    assert "6 أبريل 2027" in arabic or "6 إبريل 2027" in arabic
    assert "April" not in arabic
    french = _page(client, member_a, event, "fr").content.decode()
    assert "6 avril 2027, 09:30–17:00" in french


def test_an_event_in_utc_is_not_shown_twice(client, member_a):
    event = EventFactory(
        time_zone="UTC",
        starts_at=datetime(2027, 5, 1, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 5, 2, 12, 0, tzinfo=UTC),
    )
    html = _page(client, member_a, event).content.decode()
    assert "1 May 2027, 09:00 – 2 May 2027, 12:00" in html
    assert "(UTC)" in html and "Paris" not in html


def test_an_event_known_by_its_year_shows_only_the_year(client, member_a):
    year_only = EventFactory(starts_at=None, ends_at=None, year=2017, slug="summit-2017")
    with_month = EventFactory(starts_at=None, ends_at=None, year=2018, month=3, slug="ws-2018")
    html = _page(client, member_a, year_only).content.decode()
    assert ">\n          2017\n" in html or "2017" in html
    assert "January" not in html and "UTC" not in html
    assert "Add to my calendar" not in html
    html = _page(client, member_a, with_month).content.decode()
    assert "March 2018" in html
    assert "1 March" not in html
    ics = client.get(reverse("events:event-ics", kwargs={"slug": year_only.slug}))
    assert ics.status_code == 404


def test_translated_title_and_fallback_marked(client, member_a):
    event = _paris_event(title_fr="", description_en="What the workshop is about.")
    html = _page(client, member_a, event, "fr").content.decode()
    assert event.title_en in html
    assert "pas encore traduit" in html or "not yet translated" in html
    assert 'lang="en"' in html
    html = _page(client, member_a, event, "ar").content.decode()
    assert event.title_ar in html


def test_cities_themes_and_venue(client, member_a, city_a):
    host = CityFactory(name_en="Dakar Test")
    visitor = CityFactory(name_en="Montréal Test")
    event = _paris_event(kind=Event.Kind.CITY_EXCHANGE, venue_city=host, venue="City Hall")
    EventCity.objects.create(event=event, city=host, role=EventCity.Role.HOST)
    EventCity.objects.create(event=event, city=visitor, role=EventCity.Role.VISITOR)
    event.themes.add(ThemeFactory(name_en="Youth engagement"))
    html = _page(client, member_a, event).content.decode()
    assert "City exchange" in html
    city_url = reverse("cityprofiles:city", kwargs={"slug": host.slug})
    assert f'<a href="{city_url}"><bdi>Dakar Test</bdi></a>' in html
    assert "<bdi>Montréal Test</bdi>" in html
    assert "Visiting cities" in html and "Host city" in html
    assert "Youth engagement" in html and "City Hall" in html


def test_places_and_waiting_list(client, member_a):
    event = _paris_event(capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), status=Status.CONFIRMED)
    Registration.objects.create(event=event, user=UserFactory(), status=Status.WAITLISTED)
    html = _page(client, member_a, event).content.decode()
    assert "Full" in html
    assert "1 person on the waiting list" in html
    event2 = _paris_event(capacity=5)
    assert "5 places left" in _page(client, member_a, event2).content.decode()


def test_invited_cities_event_is_not_found_by_others(client, member_a, member_b, city_a):
    event = _paris_event(visibility=Event.Visibility.INVITED)
    Invitation.objects.create(event=event, city=city_a)
    assert _page(client, member_a, event).status_code == 200
    assert _page(client, member_b, event).status_code == 404
    # A person invited by name sees it too.
    Invitation.objects.create(event=event, user=member_b)
    assert _page(client, member_b, event).status_code == 200


def test_staff_event_is_not_found_by_members(client, member_a, staff):
    event = _paris_event(visibility=Event.Visibility.STAFF)
    assert _page(client, member_a, event).status_code == 404
    assert _page(client, staff, event).status_code == 200


ONLINE = "https://meet.example/secret-room"


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.CONFIRMED, True),
        (Status.WAITLISTED, False),
        (Status.PENDING, False),
        (Status.CANCELLED, False),
        (None, False),
    ],
)
def test_online_link_only_for_confirmed_participants(client, member_a, status, shown):
    event = _paris_event(is_online=True, online_url=ONLINE)
    if status:
        Registration.objects.create(event=event, user=member_a, status=status)
    html = _page(client, member_a, event).content.decode()
    assert (ONLINE in html) is shown
    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert (ONLINE in response.content.decode()) is shown


def test_registration_status_and_cancel_button_until_the_event_starts(client, member_a):
    event = _paris_event()
    Registration.objects.create(event=event, user=member_a, status=Status.WAITLISTED)
    html = _page(client, member_a, event).content.decode()
    assert "On the waiting list" in html
    assert reverse("events:registration-cancel", kwargs={"slug": event.slug}) in html
    started = EventFactory(starts_at=timezone.now() - timedelta(hours=1))
    Registration.objects.create(event=started, user=member_a, status=Status.CONFIRMED)
    html = _page(client, member_a, started).content.decode()
    assert "Confirmed" in html
    assert reverse("events:registration-cancel", kwargs={"slug": started.slug}) not in html


def test_register_link_only_when_open_to_the_reader(client, member_a):
    event = _paris_event()
    register = reverse("events:registration-create", kwargs={"slug": event.slug})
    assert register in _page(client, member_a, event).content.decode()
    closed = _paris_event(registration=Event.Registration.CLOSED)
    html = _page(client, member_a, closed).content.decode()
    assert "Registration for this event is closed." in html
    invitation = _paris_event(registration=Event.Registration.INVITATION)
    html = _page(client, member_a, invitation).content.decode()
    assert "This event is by invitation only." in html
    late = _paris_event(registration_deadline=timezone.now() - timedelta(days=1))
    assert "The registration deadline has passed." in _page(client, member_a, late).content.decode()


def test_outputs_only_what_the_reader_may_see(client, member_a, staff):
    event = EventFactory(starts_at=None, ends_at=None, year=2017, report_en="It went well.")
    shown = DocumentFactory(title_en="Summit communiqué")
    hidden = DocumentFactory(title_en="Internal debrief", staff_only=True)
    EventOutput.objects.create(event=event, document=shown, kind=EventOutput.Kind.COMMUNIQUE)
    EventOutput.objects.create(event=event, document=hidden)
    html = _page(client, member_a, event).content.decode()
    assert "<bdi>Summit communiqué</bdi>" in html and "Communiqué" in html
    assert "Internal debrief" not in html
    assert "It went well." in html
    assert "Internal debrief" in _page(client, staff, event).content.decode()


def test_ics_download(client, member_a):
    event = _paris_event(slug="paris-workshop", venue="Hôtel de Ville")
    login(client, member_a)
    response = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="paris-workshop.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == event.title_en
    start = vevent.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Paris"
    assert start.hour == 9 and start.minute == 30
    assert calendar.walk("VTIMEZONE")
    page = reverse("events:event-detail", kwargs={"slug": event.slug})
    assert str(vevent["url"]).endswith(page)


def test_ics_in_the_reader_language(client, member_a):
    event = _paris_event()
    login(client, member_a)
    with translation.override("ar"):
        url = reverse("events:event-ics", kwargs={"slug": event.slug})
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == event.title_ar
