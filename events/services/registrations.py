"""Registration: the one write path of registrations (and of an event's places).

Every change of a registration's status takes the event's row lock first, so registering,
cancelling, approving and refusing for one event happen one at a time: the event never holds
more confirmed participants than its places, and the waiting list is promoted strictly in the
order people asked. ``Event.confirmed_count`` is kept by the database (a trigger on the
registrations, migration 0002) and checked against the capacity by a constraint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Invitation, Question, Registration, RegistrationAnswer
from events.services.notifications import registration_notify
from hub.errors import HubError
from hub.permissions import is_staff_curator

if TYPE_CHECKING:
    from hub.models import User

Status = Registration.Status


class RegistrationClosed(HubError):
    code = "registration_closed"
    message = _("Registration for this event is closed.")


class AlreadyRegistered(HubError):
    code = "already_registered"
    message = _("You are already registered for this event.")


class NotInvited(HubError):
    code = "not_invited"
    message = _("This event is by invitation only, and you are not invited.")


class EventStarted(HubError):
    code = "event_started"
    message = _("This event has started: registrations can no longer change.")


class NotPending(HubError):
    code = "not_pending"
    message = _("This registration is not awaiting a decision.")


def _locked_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _has_started(event: Event) -> bool:
    return event.starts_at is None or event.starts_at <= timezone.now()


def is_invited(*, event: Event, user: User) -> bool:
    return Invitation.objects.filter(event=event).filter(user=user.pk).exists() or bool(
        user.city_id and Invitation.objects.filter(event=event, city=user.city_id).exists()
    )


def _free_places(event: Event) -> int | None:
    """Places left, or None when the event has no limit. Read under the event's lock."""
    if event.capacity is None:
        return None
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    return max(event.capacity - confirmed, 0)


def clean_answers(*, event: Event, answers: dict[int, str]) -> dict[int, str]:
    """The answers to the event's questions, checked: required ones given, choices among the
    options, yes/no as "yes" or "no". Answers to questions of other events are refused."""
    questions = {question.pk: question for question in Question.objects.filter(event=event)}
    errors: list[ValidationError] = []
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(
            _("Some answers are to questions this event does not ask."), code="unknown_question"
        )
    cleaned: dict[int, str] = {}
    for pk, question in questions.items():
        value = (answers.get(pk) or "").strip()
        if not value:
            if question.is_required:
                errors.append(
                    ValidationError(
                        _("Answer the question “%(question)s”."),
                        code="required",
                        params={"question": question.text},
                    )
                )
            continue
        if question.kind == Question.Kind.YES_NO and value not in ("yes", "no"):
            errors.append(ValidationError(_("Answer yes or no."), code="invalid_yes_no"))
            continue
        if question.kind == Question.Kind.CHOICE:
            english = getattr(question, "options_en", "") or ""  # the stored value is English
            options = [line.strip() for line in english.splitlines() if line.strip()]
            if value not in options:
                errors.append(
                    ValidationError(_("Choose one of the options."), code="invalid_choice")
                )
                continue
        cleaned[pk] = value[:2000]
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def registration_create(
    *, event: Event, by: User, answers: dict[int, str] | None = None
) -> Registration:
    """Register `by` for `event`: confirmed while places remain, waitlisted when full, pending
    when the event registers on approval. Raises a HubError when registration is not open to
    them, ValidationError for bad answers."""
    event = _locked_event(event.pk)
    now = timezone.now()
    if event.registration == Event.Registration.CLOSED or _has_started(event):
        raise RegistrationClosed
    if event.registration_deadline and event.registration_deadline < now:
        raise RegistrationClosed
    if event.registration == Event.Registration.INVITATION and not is_invited(event=event, user=by):
        raise NotInvited
    cleaned = clean_answers(event=event, answers=answers or {})
    if Registration.objects.filter(
        event=event, user=by, status__in=Registration.ACTIVE_STATUSES
    ).exists():
        raise AlreadyRegistered
    if event.registration == Event.Registration.APPROVAL:
        status = Status.PENDING
    else:
        free = _free_places(event)
        status = Status.CONFIRMED if free is None or free > 0 else Status.WAITLISTED
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=by,
                city_id=by.city_id,
                roles=list(by.roles),
                status=status,
                requested_at=now,
                decided_at=now if status == Status.CONFIRMED else None,
            )
    except IntegrityError as error:  # the one-active-registration constraint
        raise AlreadyRegistered from error
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(registration=registration, question_id=pk, value=value)
        for pk, value in cleaned.items()
    )
    registration_notify(registration=registration, event=event)
    return registration


def _promote(event: Event) -> list[Registration]:
    """Confirm the waiting list in order while places remain (under the event's lock)."""
    free = _free_places(event)
    if free is not None and free <= 0:
        return []
    waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.decided_at = now
        registration.save(update_fields=["status", "decided_at"])
        registration_notify(registration=registration, event=event, promoted=True)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User) -> list[Registration]:
    """Cancel a registration (its participant, until the event starts; or staff). Returns the
    registrations promoted from the waiting list into the freed place."""
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.user_id != by.pk and not is_staff_curator(by):
        raise HubError(_("You are not allowed to do this."))
    if registration.status not in Registration.ACTIVE_STATUSES:
        return []
    if _has_started(event) and not is_staff_curator(by):
        raise EventStarted
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    registration_notify(
        registration=registration, event=event, by_staff=registration.user_id != by.pk
    )
    return _promote(event)


@transaction.atomic
def registration_approve(*, registration: Registration, by: User) -> Registration:
    """Staff accept a pending registration: confirmed if a place is free, else waitlisted."""
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.PENDING:
        raise NotPending
    free = _free_places(event)
    registration.status = Status.CONFIRMED if free is None or free > 0 else Status.WAITLISTED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    registration_notify(registration=registration, event=event)
    return registration


@transaction.atomic
def registration_refuse(*, registration: Registration, by: User, reason: str) -> list[Registration]:
    """Staff refuse a registration (pending, waitlisted or confirmed), with a reason; a freed
    place goes to the waiting list in order."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for the refusal."), code="reason_required")
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE_STATUSES:
        raise NotPending
    registration.status = Status.REFUSED
    registration.refusal_reason = reason.strip()[:2000]
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "refusal_reason", "decided_at"])
    registration_notify(registration=registration, event=event)
    return _promote(event)


@transaction.atomic
def event_capacity_set(*, event: Event, capacity: int | None, by: User) -> list[Registration]:
    """Change the number of places; more places promote the waiting list. Fewer places than
    confirmed participants is refused (nobody confirmed is dropped silently)."""
    event = _locked_event(event.pk)
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    if capacity is not None and capacity < confirmed:
        raise ValidationError(
            _("%(confirmed)s participants are confirmed: the event cannot have fewer places."),
            code="capacity_below_confirmed",
            params={"confirmed": confirmed},
        )
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    return _promote(event)


__all__: list[Any] = [
    "AlreadyRegistered",
    "EventStarted",
    "NotInvited",
    "NotPending",
    "RegistrationClosed",
    "clean_answers",
    "event_capacity_set",
    "is_invited",
    "registration_approve",
    "registration_cancel",
    "registration_create",
    "registration_refuse",
]
