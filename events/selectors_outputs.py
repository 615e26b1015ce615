"""What events left behind, as other apps' pages show it (events.panels): the events a document
came from, on its library page; the events a member city hosted, took part in, and its
exchanges, with their outputs, on its city page.

Every read starts from Event.objects.visible_to(user), and the documents from the library's
own rule (library.selectors.document_ids_visible_subquery): an event the reader may not see, a
document they may not see, is absent, as if it did not exist. Each read is one query.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Q
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, JSONObject
from django.utils import formats, timezone

from events.models import Event, EventCity, EventOutput
from hub.translated import Shown, in_reader_language
from library.selectors import document_ids_visible_subquery

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User

Role = EventCity.Role

# The city page lists at most this many events (newest first); more link to the calendar.
CITY_EVENTS_SHOWN = 30


def _newest_first(prefix: str = "") -> tuple[Any, ...]:
    # Dated events and those known by their year (and month) interleave by year.
    return (
        Coalesce(ExtractYear(f"{prefix}starts_at"), f"{prefix}year").desc(nulls_last=True),
        Coalesce(ExtractMonth(f"{prefix}starts_at"), f"{prefix}month").desc(nulls_last=True),
        F(f"{prefix}starts_at").desc(nulls_last=True),
        f"{prefix}slug",
    )


def event_year(event: Event) -> int | None:
    """The year the event took place, in its own time zone (or the year it is known by)."""
    if event.starts_at is not None:
        return timezone.localtime(event.starts_at, zoneinfo.ZoneInfo(event.time_zone)).year
    return event.year


def _event_date(event: Event) -> str:
    """When, in a list: the day it started (in its zone), or the month or year it is known by;
    "" when it is known by neither."""
    if event.starts_at is not None:
        local = timezone.localtime(event.starts_at, zoneinfo.ZoneInfo(event.time_zone))
        return formats.date_format(local, "j F Y")
    if event.year and event.month:
        return formats.date_format(date(event.year, event.month, 1), "F Y")
    return str(event.year) if event.year else ""


# A document's page: the events it came from --------------------------------------------------


@dataclass(frozen=True)
class EventOrigin:
    """An event a document is an output of: "From: SCN Global Summit 2017 (2017)"."""

    slug: str
    title: Shown
    year: int | None
    kind_label: str


def events_of_document(*, user: User | AnonymousUser, document_id: int) -> list[EventOrigin]:
    """The events `user` may see that document `document_id` is an output of, newest first.
    One query (none is asked about a document the reader reached: its page checked it)."""
    outputs = (
        EventOutput.objects.filter(
            document_id=document_id, event__in=Event.objects.visible_to(user)
        )
        .select_related("event")
        .only(
            "kind",
            "event__slug",
            "event__title_en",
            "event__title_fr",
            "event__title_ar",
            "event__starts_at",
            "event__time_zone",
            "event__year",
        )
        .order_by(*_newest_first("event__"))
    )
    return [
        EventOrigin(
            slug=output.event.slug,
            title=in_reader_language(output.event, "title"),
            year=event_year(output.event),
            kind_label=str(output.get_kind_display()),
        )
        for output in outputs
    ]


# A city's page: the events it hosted, took part in, and its exchanges -----------------------


@dataclass(frozen=True)
class OutputLink:
    document_id: int
    title: Shown
    kind_label: str


@dataclass(frozen=True)
class CityEventRow:
    event: Event
    title: Shown
    when: str
    role_label: str
    outputs: list[OutputLink]


@dataclass(frozen=True)
class CityEvents:
    hosted: list[CityEventRow]
    attended: list[CityEventRow]
    exchanges: list[CityEventRow]
    more: bool  # the city has more events than the page lists

    def __bool__(self) -> bool:
        return bool(self.hosted or self.attended or self.exchanges)


class _Document:
    """A document's translated title, as hub.translated reads it (the language it is written in
    first after the reader's)."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.source_language = row.get("language") or "en"
        for code in ("en", "fr", "ar"):
            setattr(self, f"title_{code}", row.get(f"title_{code}") or "")


def _outputs_json(user: User | AnonymousUser) -> ArraySubquery:
    # The outputs' documents in the same query as their events: each a small JSON object.
    return ArraySubquery(
        EventOutput.objects.filter(
            event_id=OuterRef("pk"), document__in=document_ids_visible_subquery(user=user)
        )
        .order_by("position", "pk")
        .values(
            json=JSONObject(
                id="document_id",
                kind="kind",
                language="document__language",
                title_en="document__title_en",
                title_fr="document__title_fr",
                title_ar="document__title_ar",
            )
        )
    )


def city_events(*, user: User | AnonymousUser, city_id: int) -> CityEvents:
    """The events `user` may see that city `city_id` hosted (its venue, or a host), took part
    in (taking part or visiting), and its city exchanges (hosting or visiting), newest first,
    each with the outputs `user` may see; at most CITY_EVENTS_SHOWN of them. One query."""
    involved = EventCity.objects.filter(city_id=city_id)
    events = list(
        Event.objects.visible_to(user)
        .filter(Q(venue_city_id=city_id) | Q(pk__in=involved.values("event_id")))
        .annotate(
            city_roles=ArraySubquery(
                involved.filter(event_id=OuterRef("pk")).order_by("role").values("role")
            ),
            output_rows=_outputs_json(user),
        )
        .only(
            "slug",
            "kind",
            "title_en",
            "title_fr",
            "title_ar",
            "starts_at",
            "time_zone",
            "year",
            "month",
            "venue_city_id",
        )
        .order_by(*_newest_first())[: CITY_EVENTS_SHOWN + 1]
    )
    kinds = dict(EventOutput.Kind.choices)
    roles = dict(Role.choices)
    hosted, attended, exchanges = [], [], []
    for event in events[:CITY_EVENTS_SHOWN]:
        city_roles = list(getattr(event, "city_roles", None) or [])
        is_host = event.venue_city_id == city_id or Role.HOST in city_roles
        if is_host:
            role_label = str(roles[Role.HOST])
        elif Role.VISITOR in city_roles:
            role_label = str(roles[Role.VISITOR])
        else:
            role_label = str(roles[Role.PARTICIPANT])
        row = CityEventRow(
            event=event,
            title=in_reader_language(event, "title"),
            when=_event_date(event),
            role_label=role_label,
            outputs=[
                OutputLink(
                    document_id=output["id"],
                    title=in_reader_language(_Document(output), "title"),
                    kind_label=str(kinds.get(output["kind"], "")),
                )
                for output in getattr(event, "output_rows", None) or []
            ],
        )
        if event.kind == Event.Kind.CITY_EXCHANGE:
            exchanges.append(row)
        elif is_host:
            hosted.append(row)
        else:
            attended.append(row)
    return CityEvents(
        hosted=hosted,
        attended=attended,
        exchanges=exchanges,
        more=len(events) > CITY_EVENTS_SHOWN,
    )


__all__ = [
    "CITY_EVENTS_SHOWN",
    "CityEventRow",
    "CityEvents",
    "EventOrigin",
    "OutputLink",
    "city_events",
    "event_year",
    "events_of_document",
]
