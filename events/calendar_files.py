"""iCalendar (RFC 5545) files of events: one event's ``.ics`` and a member's feed.

Times are written in the event's own time zone (with its VTIMEZONE, so a reader's calendar
shows them right across daylight-saving changes); text in the reader's language. Events known
only by their year have no time to write and are left out.
"""

from __future__ import annotations

import zoneinfo
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone, translation

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from events.models import Event

PRODID = "-//Strong Cities Network//Online Hub//EN"


def _host() -> str:
    return urlsplit(settings.HUB_SITE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    """Stable across languages and edits: calendars update the event instead of adding one."""
    return f"event-{event.pk}@{_host()}"


def _local(moment: datetime, zone: str) -> datetime:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone))


def _vevent(event: Event, *, link: str, online_url: str = "") -> icalendar.Event:
    assert event.starts_at is not None
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at or timezone.now())
    # Raised by the database at each change of time or place: a calendar that holds the event
    # replaces it with this one.
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", _local(event.starts_at, event.time_zone))
    vevent.add("dtend", _local(event.ends_at or event.starts_at, event.time_zone))
    vevent.add("summary", event.title)
    description = event.description
    if online_url:
        description = f"{description}\n\n{online_url}".strip()
    if description:
        vevent.add("description", description)
    place = ", ".join(
        part for part in (event.venue, str(event.venue_city or ""), event.location_note) if part
    )
    if place:
        vevent.add("location", place)
    vevent.add("url", link)
    return vevent


def calendar_bytes(
    events: Iterable[Event],
    *,
    language: str,
    link: Callable[[Event], str],
    name: str = "",
    online_urls: dict[int, str] | None = None,
) -> bytes:
    """A VCALENDAR of `events` (those with a start), in `language`; `link(event)` gives the
    absolute address of the event's page.

    `online_urls` maps event ids to their online link, for readers allowed to see it (confirmed
    participants): nobody else's file carries it.
    """
    online_urls = online_urls or {}
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    dated = [event for event in events if event.starts_at is not None]
    with translation.override(language):
        for event in dated:
            calendar.add_component(
                _vevent(event, link=link(event), online_url=online_urls.get(event.pk, ""))
            )
    if dated:
        # The time zones' rules for the years the events span (a year either side): short
        # VTIMEZONEs that every reader parses, rather than every change since 1970.
        first = min(event.starts_at for event in dated if event.starts_at)
        last = max((event.ends_at or event.starts_at) for event in dated if event.starts_at)
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 1, 12, 31)
        )
    return calendar.to_ical()
