"""An event's time in its own zone and in the reader's (User.time_zone), across summer time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from events.selectors import event_when
from tests.conftest import login
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _page(client, user, event, language="en"):
    login(client, user)
    with translation.override(language):
        url = reverse("events:event-detail", kwargs={"slug": event.slug})
    return client.get(url).content.decode()


def _weekend_in_paris(**kwargs):
    # Europe changes to summer time on Sunday 28 March 2027 at 01:00 UTC: the event starts on
    # Saturday at 10:00 CET (UTC+1) and ends on Monday at 17:00 CEST (UTC+2).
    return EventFactory(
        starts_at=datetime(2027, 3, 27, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 29, 15, 0, tzinfo=UTC),
        time_zone="Europe/Paris",
        **kwargs,
    )


def test_event_across_a_summer_time_change_keeps_each_offset(member_a):
    when = event_when(_weekend_in_paris())
    assert when.local == "27 March 2027, 10:00 – 29 March 2027, 17:00"
    assert when.zone == "Paris time, CET"
    assert when.utc == "27 March 2027, 09:00 – 29 March 2027, 15:00"
    assert (when.reader, when.reader_zone) == ("", "")


def test_the_reader_sees_their_own_zone_at_its_offset_on_the_event_days(client, member_a):
    # New York is already on summer time (EDT, UTC-4) since 14 March 2027.
    member_a.time_zone = "America/New_York"
    member_a.save(update_fields=["time_zone"])
    event = _weekend_in_paris()
    when = event_when(event, reader_zone=member_a.time_zone)
    assert when.reader == "27 March 2027, 05:00 – 29 March 2027, 11:00"
    assert when.reader_zone == "New York time, EDT"
    assert when.utc == ""
    html = _page(client, member_a, event)
    assert "27 March 2027, 10:00 – 29 March 2027, 17:00" in html
    assert "Your time: 27 March 2027, 05:00 – 29 March 2027, 11:00 (New York time, EDT)" in html
    assert "(UTC)" not in html


def test_a_zone_whose_clock_differs_only_in_summer_is_shown_only_then(member_a):
    # Abidjan keeps UTC all year; London is on GMT in winter and on BST (UTC+1) in summer.
    winter = EventFactory(
        starts_at=datetime(2027, 1, 12, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 1, 12, 12, 0, tzinfo=UTC),
        time_zone="Africa/Abidjan",
    )
    summer = EventFactory(
        starts_at=datetime(2027, 7, 12, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 7, 12, 12, 0, tzinfo=UTC),
        time_zone="Africa/Abidjan",
    )
    assert event_when(winter, reader_zone="Europe/London").reader == ""
    when = event_when(summer, reader_zone="Europe/London")
    assert when.reader == "12 July 2027, 10:00–13:00"
    assert when.reader_zone == "London time, BST"


def test_a_reader_in_the_event_zone_or_without_one_sees_utc_as_before(client, member_a):
    event = _weekend_in_paris()
    assert event_when(event, reader_zone="Europe/Paris") == event_when(event)
    assert event_when(event, reader_zone="").utc
    html = _page(client, member_a, event)
    assert "27 March 2027, 09:00 – 29 March 2027, 15:00 (UTC)" in html
    assert "Your time" not in html


def test_an_unknown_stored_zone_is_ignored_never_an_error(client, member_a):
    event = _weekend_in_paris()
    assert event_when(event, reader_zone="Mars/Olympus") == event_when(event)


def test_the_reader_time_in_arabic_and_french(client, member_a):
    member_a.time_zone = "Asia/Amman"
    member_a.save(update_fields=["time_zone"])
    event = _weekend_in_paris()
    arabic = _page(client, member_a, event, "ar")
    # Amman is on UTC+3 all year: 12:00 on Saturday, 18:00 on Monday.
    assert "12:00" in arabic and "18:00" in arabic
    assert "March" not in arabic
    french = _page(client, member_a, event, "fr")
    assert "du 27 mars 2027, 12:00 au 29 mars 2027, 18:00" in french


def test_an_event_known_only_by_its_year_ignores_the_reader_zone(member_a):
    event = EventFactory(starts_at=None, ends_at=None, year=2017)
    assert event_when(event, reader_zone="Asia/Tokyo").approximate == "2017"
