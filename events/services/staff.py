"""Staff's decisions on registrations and places, as the admin and staff pages make them: the
registration services (events.services.registrations, the one write path), each with its entry
in the audit log, in the same transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from events import audit
from events.models import TIME_AND_PLACE
from events.services.notifications import changes_not_told
from events.services.registrations import (
    event_capacity_set,
    registration_approve,
    registration_refuse,
)
from hub.errors import NotAllowed
from hub.permissions import is_staff_curator
from hub.queueing import enqueue_on_commit
from hub.services.audit import audit_record

if TYPE_CHECKING:
    from typing import Any

    from events.models import Event, Registration
    from hub.models import User


def _check(by: User) -> None:
    if not is_staff_curator(by):
        raise NotAllowed


@transaction.atomic
def registration_approve_by_staff(*, registration: Registration, by: User) -> Registration:
    """Approve a pending registration (confirmed, or waitlisted when full) and audit it.
    Raises NotAllowed for non-staff and the service's NotPending."""
    _check(by)
    registration = registration_approve(registration=registration, by=by)
    audit_record(
        action=audit.REGISTRATION_APPROVED,
        actor=by,
        subject=registration.user,
        target=registration.event,
        details={"registration": registration.pk, "status": registration.status},
    )
    return registration


@transaction.atomic
def registration_refuse_by_staff(
    *, registration: Registration, by: User, reason: str
) -> list[Registration]:
    """Refuse a registration with a reason and audit it (the reason stays out of the log: it
    is attendee data, removed on schedule). Returns those promoted from the waiting list.
    Raises NotAllowed, ValidationError (code "reason_required") and NotPending."""
    _check(by)
    promoted = registration_refuse(registration=registration, by=by, reason=reason)
    audit_record(
        action=audit.REGISTRATION_REFUSED,
        actor=by,
        subject=registration.user,
        target=registration.event,
        details={"registration": registration.pk, "promoted": [r.pk for r in promoted]},
    )
    return promoted


@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int | None, by: User) -> list[Registration]:
    """Set the event's places through ``event_capacity_set`` (more places promote the waiting
    list; fewer than confirmed is refused with ValidationError "capacity_below_confirmed") and
    audit the change. Returns those promoted."""
    _check(by)
    before = type(event).objects.filter(pk=event.pk).values_list("capacity", flat=True).first()
    promoted = event_capacity_set(event=event, capacity=capacity, by=by)
    audit_record(
        action=audit.CAPACITY_CHANGED,
        actor=by,
        target=event,
        details={"from": before, "to": capacity, "promoted": [r.pk for r in promoted]},
    )
    return promoted


def time_and_place(event: Event) -> dict[str, Any]:
    """The event's time and place as stored (call it before a change, to compare after)."""
    row = type(event).objects.filter(pk=event.pk).values(*TIME_AND_PLACE).first()
    return row or {}


@transaction.atomic
def event_time_or_place_changed(
    *, event: Event, before: dict[str, Any], by: User, tell: bool
) -> list[str]:
    """After staff saved `event` (`before`: its `time_and_place` until then): when its time or
    place changed, audit it and, with `tell`, email its participants the new details with the
    calendar file once this commits (events.changes_send, one email each, whatever the worker
    does); without, the participants are taken as knowing this change. Returns the fields that
    changed (none: nothing done). Raises NotAllowed for non-staff."""
    _check(by)
    after = time_and_place(event)
    changed = [name for name in TIME_AND_PLACE if before.get(name) != after.get(name)]
    if not changed:
        return []
    if tell:
        from events.tasks import changes_send_task

        # The sweeper: the beat's changes_send finds whoever this task did not reach.
        enqueue_on_commit(changes_send_task, event.pk, when_broker_down="sweeper")
    else:
        changes_not_told(event=event)
    audit_record(
        action=audit.TIME_OR_PLACE_CHANGED,
        actor=by,
        target=event,
        details={"changed": changed, "told": tell},
    )
    return changed


__all__ = [
    "event_capacity_change",
    "event_time_or_place_changed",
    "registration_approve_by_staff",
    "registration_refuse_by_staff",
    "time_and_place",
]
