"""Reads of events, always through Event.objects.visible_to(user): the event page, the
registration form's questions, a member's events and their calendar feed."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import Event, EventCity, EventOutput, Invitation, Question, Registration
from hub.timezones import time_zone_names
from hub.translated import in_reader_language
from library.selectors import document_list_visible_among

if TYPE_CHECKING:
    from datetime import datetime

    from hub.models import User
    from library.models import Document

Status = Registration.Status
OPEN_MODES = (Event.Registration.OPEN, Event.Registration.APPROVAL, Event.Registration.INVITATION)


def event_get_for_user(*, user: User, slug: str) -> Event:
    """One event `user` may see, with its venue city. Http404 otherwise (an event for invited
    cities is not found by others, a staff event by members)."""
    try:
        return Event.objects.visible_to(user).select_related("venue_city").get(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc


def active_registration(*, event: Event, user: User) -> Registration | None:
    """The member's registration that still counts (pending, confirmed, waitlisted)."""
    return (
        Registration.objects.filter(event=event, user=user, status__in=Registration.ACTIVE_STATUSES)
        .order_by("-requested_at")
        .first()
    )


def has_started(event: Event) -> bool:
    return event.starts_at is None or event.starts_at <= timezone.now()


def has_ended(event: Event) -> bool:
    """Over, or known only by its year (the opposite of events.models.not_over): nothing left to
    tell its participants."""
    if event.starts_at is None:
        return True
    return (event.ends_at or event.starts_at) < timezone.now()


# When the event takes place, in words -------------------------------------------------------


def _zone_label(zone: str, moment: datetime) -> str:
    """ "Paris time, CEST": the zone's place and its abbreviation at that moment."""
    place = zone.rsplit("/", 1)[-1].replace("_", " ")
    abbreviation = moment.strftime("%Z")
    label = _("%(place)s time") % {"place": place}
    if abbreviation and not abbreviation.startswith(("+", "-")) and abbreviation != place:
        return f"{label}, {abbreviation}"
    return label


def _span(start: datetime, end: datetime) -> str:
    day = formats.date_format(start, "j F Y")
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s") % {
            "day": day,
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
        }
    return _("%(start_day)s, %(start)s – %(end_day)s, %(end)s") % {
        "start_day": day,
        "start": formats.time_format(start, "H:i"),
        "end_day": formats.date_format(end, "j F Y"),
        "end": formats.time_format(end, "H:i"),
    }


@dataclass(frozen=True)
class When:
    """The event's time as its page says it: in its own zone, and in the reader's zone when they
    chose one whose clock differs (`reader`, `reader_zone`), else in UTC when that differs
    (`utc`); or only its year (and month) for an event known no better."""

    local: str = ""
    zone: str = ""
    utc: str = ""
    approximate: str = ""
    reader: str = ""
    reader_zone: str = ""


def _zone_name(zone: str, moment: datetime) -> str:
    return "UTC" if zone in ("UTC", "Etc/UTC") else _zone_label(zone, moment)


def event_when(event: Event, *, reader_zone: str = "") -> When:
    """When `event` takes place, worded in the active language: in the event's own time zone,
    and in `reader_zone` (the reader's User.time_zone) when it is set and its clock differs
    from the event's at the start or the end; otherwise in UTC when that differs. Each zone's
    offset is the one in force on the event's days, so a change to or from summer time between
    today and the event is accounted for. No query."""
    if event.starts_at is None:
        if event.year and event.month:
            return When(approximate=formats.date_format(date(event.year, event.month, 1), "F Y"))
        if event.year:
            return When(approximate=str(event.year))
        return When(approximate=_("Date not known"))
    end_at = event.ends_at or event.starts_at
    zone = zoneinfo.ZoneInfo(event.time_zone)
    start, end = timezone.localtime(event.starts_at, zone), timezone.localtime(end_at, zone)
    local = _span(start, end)
    zone_label = _zone_name(event.time_zone, start)
    if reader_zone and reader_zone in time_zone_names():
        theirs = zoneinfo.ZoneInfo(reader_zone)
        their_start = timezone.localtime(event.starts_at, theirs)
        their_end = timezone.localtime(end_at, theirs)
        if (their_start.utcoffset(), their_end.utcoffset()) != (start.utcoffset(), end.utcoffset()):
            return When(
                local=local,
                zone=zone_label,
                reader=_span(their_start, their_end),
                reader_zone=_zone_name(reader_zone, their_start),
            )
    utc = ""
    if start.utcoffset() or end.utcoffset():
        utc_zone = zoneinfo.ZoneInfo("UTC")
        utc = _span(
            timezone.localtime(event.starts_at, utc_zone), timezone.localtime(end_at, utc_zone)
        )
    return When(local=local, zone=zone_label, utc=utc)


# The event page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutputRow:
    output: EventOutput
    document: Document


@dataclass(frozen=True)
class RegistrationState:
    """What the reader may do about registering."""

    registration: Registration | None
    can_register: bool
    can_cancel: bool
    closed_reason: str
    places_left: int | None
    waiting: int
    is_full: bool
    deadline: str = ""


@dataclass(frozen=True)
class EventPage:
    event: Event
    when: When
    hosts: list[EventCity]
    visitors: list[EventCity]
    participants: list[EventCity]
    themes: list[Any]
    outputs: list[OutputRow]
    state: RegistrationState
    online_url: str
    title: Any = field(default=None)
    description: Any = field(default=None)
    report: Any = field(default=None)


def registration_state(*, event: Event, user: User) -> RegistrationState:
    """Places, the waiting list, and whether `user` may register or cancel. Three queries."""
    registration = active_registration(event=event, user=user)
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).count()
    places_left = None if event.capacity is None else max(event.capacity - event.confirmed_count, 0)
    started = has_started(event)
    reason = ""
    if event.registration not in OPEN_MODES:
        reason = _("Registration for this event is closed.")
    elif started:
        reason = _("This event has started.")
    elif event.registration_deadline and event.registration_deadline < timezone.now():
        reason = _("The registration deadline has passed.")
    elif event.registration == Event.Registration.INVITATION and not _is_invited(event, user):
        reason = _("This event is by invitation only.")
    return RegistrationState(
        registration=registration,
        can_register=not reason and registration is None,
        can_cancel=registration is not None and not started,
        closed_reason=reason,
        places_left=places_left,
        waiting=waiting,
        is_full=places_left == 0,
        deadline=_deadline(event),
    )


def _deadline(event: Event) -> str:
    """The registration deadline in the event's own time zone."""
    if event.registration_deadline is None:
        return ""
    local = timezone.localtime(event.registration_deadline, zoneinfo.ZoneInfo(event.time_zone))
    return _("%(day)s, %(time)s (%(zone)s)") % {
        "day": formats.date_format(local, "j F Y"),
        "time": formats.time_format(local, "H:i"),
        "zone": "UTC"
        if event.time_zone in ("UTC", "Etc/UTC")
        else _zone_label(event.time_zone, local),
    }


def _is_invited(event: Event, user: User) -> bool:
    from django.db.models import Q

    invited = Q(user=user.pk)
    if user.city_id:
        invited |= Q(city=user.city_id)
    return Invitation.objects.filter(event=event).filter(invited).exists()


def event_page(*, user: User, slug: str) -> EventPage:
    """Everything the event's page shows `user`; Http404 when they may not see it. A fixed
    number of queries whatever the number of cities, themes and outputs."""
    event = event_get_for_user(user=user, slug=slug)
    cities = list(
        EventCity.objects.filter(event=event)
        .select_related("city")
        .order_by("role", "city__name_en")
    )
    themes = list(event.themes.order_by("name_en"))
    outputs = list(EventOutput.objects.filter(event=event).order_by("position", "pk"))
    documents = document_list_visible_among(
        user=user, ids=[output.document_id for output in outputs]
    )
    state = registration_state(event=event, user=user)
    confirmed = bool(state.registration and state.registration.status == Status.CONFIRMED)
    return EventPage(
        event=event,
        when=event_when(event, reader_zone=user.time_zone),
        hosts=[row for row in cities if row.role == EventCity.Role.HOST],
        visitors=[row for row in cities if row.role == EventCity.Role.VISITOR],
        participants=[row for row in cities if row.role == EventCity.Role.PARTICIPANT],
        themes=themes,
        outputs=[
            OutputRow(output, documents[output.document_id])
            for output in outputs
            if output.document_id in documents
        ],
        state=state,
        online_url=event.online_url if confirmed else "",
        title=in_reader_language(event, "title"),
        description=in_reader_language(event, "description"),
        report=in_reader_language(event, "report"),
    )


def event_questions(*, event: Event) -> list[Question]:
    return list(Question.objects.filter(event=event).order_by("position", "pk"))


# A member's events and feed ------------------------------------------------------------------


@dataclass(frozen=True)
class MyEvents:
    upcoming: list[Registration]
    past: list[Registration]


def my_events(*, user: User) -> MyEvents:
    """The member's registrations that count (and those refused), of events they may still
    see: upcoming first (soonest first), then past (latest first). One query."""
    registrations = list(
        Registration.objects.filter(
            user=user,
            event__in=Event.objects.visible_to(user),
            status__in=(*Registration.ACTIVE_STATUSES, Status.REFUSED),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    for registration in registrations:
        registration.when = event_when(  # type: ignore[attr-defined]
            registration.event, reader_zone=user.time_zone
        )
    now = timezone.now()
    upcoming = [r for r in registrations if r.event.starts_at and r.event.starts_at > now]
    past = [r for r in registrations if r not in upcoming]
    past.reverse()
    return MyEvents(upcoming=upcoming, past=past)


FEED_STATUSES = (Status.CONFIRMED, Status.WAITLISTED, Status.PENDING)


def feed_registrations(*, user: User) -> list[Registration]:
    """What a member's feed holds: their confirmed, waitlisted and pending registrations of
    dated events they may see. One query."""
    return list(
        Registration.objects.filter(
            user=user,
            status__in=FEED_STATUSES,
            event__starts_at__isnull=False,
            event__in=Event.objects.visible_to(user),
        )
        .select_related("event", "event__venue_city")
        .order_by("event__starts_at", "pk")
    )


__all__ = [
    "EventPage",
    "MyEvents",
    "When",
    "active_registration",
    "event_get_for_user",
    "event_page",
    "event_questions",
    "event_when",
    "feed_registrations",
    "my_events",
    "registration_state",
]
