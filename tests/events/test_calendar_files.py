"""Calendar files: valid RFC 5545 read back by two independent parsers, in the event's time
zone across a daylight-saving change, in the reader's language; and the feed token."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from events.calendar_files import calendar_bytes, event_uid
from events.services import feeds
from tests.events.factories import EventFactory
from tests.hub.factories import UserFactory

PARIS = ZoneInfo("Europe/Paris")


def _link(event) -> str:
    return f"https://hub.example/events/{event.slug}/"


@pytest.fixture
def summer_event(db):
    # Registered for in winter (UTC+1); held after the change to summer time (UTC+2).
    return EventFactory(
        starts_at=datetime(2027, 4, 6, 9, 30, tzinfo=PARIS),
        ends_at=datetime(2027, 4, 6, 17, 0, tzinfo=PARIS),
        time_zone="Europe/Paris",
        description_en="Referral mechanisms in practice.",
        description_ar="آليات الإحالة في الممارسة.",
        venue="Town hall",
    )


def test_an_event_reads_back_in_both_parsers_at_the_same_instant(summer_event):
    data = calendar_bytes([summer_event], language="en", link=_link)
    parsed = icalendar.Calendar.from_ical(data)
    [vevent] = parsed.walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert start.utcoffset().total_seconds() == 2 * 3600  # summer time, not the winter offset
    assert start == datetime(2027, 4, 6, 7, 30, tzinfo=ZoneInfo("UTC"))
    assert str(vevent["uid"]) == event_uid(summer_event)
    assert [tz["tzid"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert str(vevent["dtstart"].params["TZID"]) == "Europe/Paris"

    other = vobject.readOne(data.decode())
    other_start = other.vevent.dtstart.value
    assert other_start == datetime(2027, 4, 6, 7, 30, tzinfo=ZoneInfo("UTC"))
    assert other.vevent.summary.value == summer_event.title_en
    assert other.vevent.url.value == _link(summer_event)


def test_the_file_is_written_in_the_readers_language(summer_event):
    data = calendar_bytes([summer_event], language="ar", link=_link)
    [vevent] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(vevent["summary"]) == summer_event.title_ar
    assert str(vevent["description"]) == "آليات الإحالة في الممارسة."


def test_the_online_link_is_only_in_files_made_for_those_who_may_see_it(summer_event):
    address = "https://meet.example/room-7"
    without = calendar_bytes([summer_event], language="en", link=_link)
    with_link = calendar_bytes(
        [summer_event], language="en", link=_link, online_urls={summer_event.pk: address}
    )
    assert address.encode() not in without
    assert address in str(icalendar.Calendar.from_ical(with_link).walk("VEVENT")[0]["description"])


@pytest.mark.django_db
def test_an_event_known_only_by_its_year_is_left_out():
    past = EventFactory(starts_at=None, ends_at=None, year=2017)
    parsed = icalendar.Calendar.from_ical(calendar_bytes([past], language="en", link=_link))
    assert parsed.walk("VEVENT") == []


@pytest.mark.django_db
def test_a_feed_token_opens_its_members_feed_until_regenerated_or_revoked():
    member = UserFactory()
    token = feeds.feed_token_regenerate(user=member)
    assert feeds.feed_token_of(user=member) == token
    assert feeds.feed_user_for_token(token) == member
    assert token not in str(list(member.event_feed.__dict__.values()))  # only salt and digest
    renewed = feeds.feed_token_regenerate(user=member)
    assert renewed != token
    assert feeds.feed_user_for_token(token) is None
    assert feeds.feed_user_for_token(renewed) == member
    feeds.feed_token_revoke(user=member)
    assert feeds.feed_user_for_token(renewed) is None
    assert feeds.feed_token_of(user=member) is None


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "x" * 65, "ZZ" * 32, "0" * 64, "'; drop table --"])
def test_wrong_or_malformed_tokens_open_nothing(token):
    feeds.feed_token_regenerate(user=UserFactory())
    assert feeds.feed_user_for_token(token) is None


@pytest.mark.django_db
def test_an_inactive_members_feed_is_closed():
    member = UserFactory()
    token = feeds.feed_token_regenerate(user=member)
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert feeds.feed_user_for_token(token) is None
