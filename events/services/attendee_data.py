"""Attendee data removed on schedule: a number of days after an event (HUB_EVENT_ATTENDEE_DATA_DAYS,
default 180) its registrations lose their answers and the link to the person, keeping only the
counts by city and role (and the status and attendance) that reports need. Staff may do it
earlier for one event. Idempotent: a second run finds nothing left to remove."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events import audit
from events.models import Event, Registration, RegistrationAnswer
from hub.services.audit import audit_record

if TYPE_CHECKING:
    from datetime import datetime

    from hub.models import User


@transaction.atomic
def attendee_data_remove(*, event: Event, by: User | None = None) -> int:
    """Anonymise the registrations of `event` (staff, or the schedule when `by` is None).
    Returns how many registrations were anonymised now."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    now = timezone.now()
    registrations = Registration.objects.filter(event=event, anonymised_at__isnull=True)
    RegistrationAnswer.objects.filter(registration__in=registrations).delete()
    removed = registrations.update(user=None, refusal_reason="", anonymised_at=now)
    if event.attendee_data_removed_at is None:
        event.attendee_data_removed_at = now
        event.save(update_fields=["attendee_data_removed_at", "updated_at"])
    audit_record(
        action=audit.ATTENDEE_DATA_REMOVED,
        actor=by,
        target=event,
        details={"registrations": removed, "on_schedule": by is None},
    )
    return removed


def events_due_for_removal(*, now: datetime | None = None) -> list[int]:
    """The events whose attendee data is due: ended (or, when they have no end, started) more
    than the configured number of days ago, with registrations not yet anonymised."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.HUB_EVENT_ATTENDEE_DATA_DAYS)
    ended = Q(ends_at__lt=cutoff) | Q(ends_at__isnull=True, starts_at__lt=cutoff)
    return list(
        Event.objects.filter(ended)
        .filter(registrations__anonymised_at__isnull=True)
        .values_list("pk", flat=True)
        .distinct()
    )


def attendee_data_sweep(*, now: datetime | None = None) -> int:
    """Anonymise every event that is due (the beat task). Returns the registrations removed."""
    removed = 0
    for pk in events_due_for_removal(now=now):
        removed += attendee_data_remove(event=Event.objects.get(pk=pk))
    return removed
