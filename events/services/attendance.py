"""Attendance: who of the confirmed participants came, marked by SCN staff once the event has
started. The one write path of ``Registration.attended``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import audit
from events.models import Event, Registration
from hub.errors import HubError, NotAllowed
from hub.permissions import is_staff_curator
from hub.services.audit import audit_record

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hub.models import User


class EventNotStarted(HubError):
    code = "event_not_started"
    message = _("Attendance can be marked only once the event has started.")


@transaction.atomic
def attendance_set(*, event: Event, attended: Iterable[int], by: User) -> int:
    """Mark the confirmed participants of `event` whose registration ids are in `attended` as
    present and the other confirmed ones as absent. Only staff, only once the event has
    started. Returns how many were marked present.

    Raises NotAllowed, EventNotStarted, and ValidationError (code "unknown_registration") when an
    id is not a confirmed registration of this event: nothing is changed then.
    """
    if not is_staff_curator(by):
        raise NotAllowed
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.starts_at is None or event.starts_at > timezone.now():
        raise EventNotStarted
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    chosen = set(attended)
    known = set(confirmed.filter(pk__in=chosen).values_list("pk", flat=True))
    if chosen - known:
        raise ValidationError(
            _("Some of the people marked are not confirmed participants of this event."),
            code="unknown_registration",
        )
    present = confirmed.filter(pk__in=known).update(attended=True)
    absent = confirmed.exclude(pk__in=known).update(attended=False)
    audit_record(
        action=audit.ATTENDANCE_MARKED,
        actor=by,
        target=event,
        details={"present": present, "absent": absent},
    )
    return present


__all__ = ["EventNotStarted", "attendance_set"]
