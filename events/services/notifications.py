"""The participants' emails: one at each change of their registration (received, confirmed,
waitlisted, promoted, refused, cancelled), one when the event's time or place changes, and the
reminders a week and a day before the event.

Each is written in the participant's language and carries the event as an ``.ics`` file in
that language; the online meeting address, in the body and in the file, only for confirmed
participants. Emails about a change are rendered once the change is committed (never under the
event's row lock, never for a change rolled back) and sent by the hub's email task.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.calendar_files import calendar_bytes
from events.models import Registration, not_over
from events.selectors import event_when
from hub.bidi import isolate
from hub.services.email import email_user, site_url

if TYPE_CHECKING:
    from datetime import datetime

    from events.models import Event

Status = Registration.Status

# The emails, by their template under templates/emails/events/.
RECEIVED = "registration_received"
CONFIRMED = "registration_confirmed"
WAITLISTED = "registration_waitlisted"
PROMOTED = "registration_promoted"
REFUSED = "registration_refused"
CANCELLED = "registration_cancelled"
REMINDER_WEEK = "reminder_week"
REMINDER_DAY = "reminder_day"
CHANGED = "event_changed"

_BY_STATUS = {
    Status.PENDING: RECEIVED,
    Status.CONFIRMED: CONFIRMED,
    Status.WAITLISTED: WAITLISTED,
    Status.REFUSED: REFUSED,
    Status.CANCELLED: CANCELLED,
}


def _link(event: Event) -> str:
    return site_url("events:event-detail", slug=event.slug)


def _place(event: Event) -> str:
    if event.is_online and not (event.venue or event.venue_city_id):
        return _("Online")
    parts = [event.venue, str(event.venue_city or ""), event.location_note]
    return ", ".join(part for part in parts if part)


def _ics(event: Event, *, language: str, online_url: str) -> list[tuple[str, str, str]]:
    if event.starts_at is None:
        return []
    body = calendar_bytes(
        [event],
        language=language,
        link=_link,
        online_urls={event.pk: online_url} if online_url else None,
    )
    return [(f"{slugify(event.slug)[:80] or 'event'}.ics", body.decode(), "text/calendar")]


def _send(registration: Registration, event: Event, template: str, **context: Any) -> None:
    """Email `registration`'s participant (in their language, none at an inactive account)."""
    user = registration.user
    if user is None or not user.is_active:
        return
    confirmed = registration.status == Status.CONFIRMED
    online_url = event.online_url if confirmed else ""

    def in_language() -> dict[str, Any]:
        return {
            # A Latin title inside an Arabic sentence (or the reverse) keeps its own direction.
            "event_title": isolate(event.title),
            "event_url": _link(event),
            "when": event_when(event, reader_zone=user.time_zone),
            "place": _place(event),
        }

    email_user(
        user,
        f"events/{template}",
        in_language=in_language,
        attachments=_ics(event, language=user.language, online_url=online_url),
        online_url=online_url,
        **context,
    )


def registration_notify(
    *, registration: Registration, event: Event, promoted: bool = False, by_staff: bool = False
) -> None:
    """Email the participant of `registration` about its status as it is now (call it after
    the change, inside the service's transaction): received when it awaits approval, confirmed,
    waitlisted, promoted from the waiting list (`promoted`), refused with the reason, or
    cancelled (`by_staff` when it was not them).

    Side effects: after commit, the email is rendered and a `hub.email_send` task enqueued;
    nothing when the transaction rolls back. A failure to render is logged, never undoes the
    change.
    """
    template = PROMOTED if promoted else _BY_STATUS[Status(registration.status)]
    context: dict[str, Any] = {"by_staff": by_staff}
    if template == REFUSED:
        context["reason"] = registration.refusal_reason
    transaction.on_commit(
        partial(_send, registration, event, template, **context),
        robust=True,
    )


# Reminders -----------------------------------------------------------------------------------

WEEK = timedelta(days=7)
DAY = timedelta(days=1)

# (marker column, template, how long before the start it is due, until how long before)
_REMINDERS = (
    ("reminded_week_at", REMINDER_WEEK, WEEK, DAY),
    ("reminded_day_at", REMINDER_DAY, DAY, timedelta(0)),
)


def _due(*, marker: str, lead: timedelta, until: timedelta, now: datetime) -> list[int]:
    """Confirmed participants whose reminder is due: the event starts within `lead` (and not
    within `until`, where the next reminder takes over), and they were confirmed before the
    reminder's time came (who registers three days before gets only the day's reminder)."""
    return list(
        Registration.objects.filter(
            status=Status.CONFIRMED,
            user__is_active=True,
            event__starts_at__gt=now + until,
            event__starts_at__lte=now + lead,
            **{f"{marker}__isnull": True},
        )
        .alias(confirmed_at=Coalesce("decided_at", "requested_at"))
        .filter(confirmed_at__lte=F("event__starts_at") - lead)
        .order_by("event__starts_at", "pk")
        .values_list("pk", flat=True)
    )


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind confirmed participants a week and a day before their event (the beat task), once
    each: the marker (`reminded_week_at`, `reminded_day_at`) is set by a conditional UPDATE in
    the same transaction as the email is enqueued (after commit), so a second run, or two at
    once, send nothing more; a registration cancelled meanwhile is not reminded. Returns how
    many reminders were sent."""
    now = now or timezone.now()
    sent = 0
    for marker, template, lead, until in _REMINDERS:
        for pk in _due(marker=marker, lead=lead, until=until, now=now):
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=pk, status=Status.CONFIRMED, **{f"{marker}__isnull": True}
                ).update(**{marker: now})
                if not claimed:
                    continue
                registration = Registration.objects.select_related("user", "event__venue_city").get(
                    pk=pk
                )
                _send(registration, registration.event, template)
                sent += 1
    return sent


# The event's time or place changed ---------------------------------------------------------


def _owed(*, event_id: int | None, now: datetime) -> list[int]:
    """Active registrations of an event not over yet that know an older time and place than the
    event's (`told_sequence` below its `sequence`), at active accounts; of one event or all."""
    owed = Registration.objects.filter(
        not_over(now, prefix="event__"),
        status__in=Registration.ACTIVE_STATUSES,
        user__is_active=True,
        told_sequence__lt=F("event__sequence"),
    )
    if event_id is not None:
        owed = owed.filter(event=event_id)
    return list(owed.order_by("event_id", "pk").values_list("pk", flat=True))


def changes_send(*, event_id: int | None = None, now: datetime | None = None) -> int:
    """Tell each participant (confirmed, waitlisted or awaiting approval) of an event that is not
    over of its time and place as they are now, once per change: under the registration's row
    lock, its `told_sequence` is raised to the event's `sequence` in the same transaction as
    the email is enqueued (after commit), so a second run, two at once, or several changes
    before the run send one email with the latest. `event_id`: that event's
    participants only (the task staff's change enqueues); none: every event's (the beat's
    sweep, for a task lost while the broker was away). Returns how many were told."""
    now = now or timezone.now()
    sent = 0
    for pk in _owed(event_id=event_id, now=now):
        with transaction.atomic():
            registration = (
                Registration.objects.select_related("user", "event__venue_city")
                .select_for_update(of=("self",))
                .get(pk=pk)
            )
            event = registration.event
            if (
                registration.status not in Registration.ACTIVE_STATUSES
                or registration.told_sequence >= event.sequence
            ):
                continue
            Registration.objects.filter(pk=pk).update(told_sequence=event.sequence)
            _send(registration, event, CHANGED, status=registration.status)
            sent += 1
    return sent


def changes_not_told(*, event: Event) -> int:
    """Staff chose not to email this change of time or place: the participants who knew the
    revision before it count as knowing this one (the calendar files still carry it). Those still
    owed an earlier change keep it owed, and are told the latest. Returns how many."""
    return Registration.objects.filter(
        event=event,
        status__in=Registration.ACTIVE_STATUSES,
        told_sequence=F("event__sequence") - 1,
    ).update(told_sequence=F("told_sequence") + 1)


__all__ = ["changes_not_told", "changes_send", "registration_notify", "reminders_send"]
