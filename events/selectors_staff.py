"""Reads for SCN staff: an event's participants with their answers. Staff only: anyone else is
told the page does not exist (Http404), as for an event they may not see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.utils import timezone

from events.models import Event, Question, Registration, RegistrationAnswer
from hub.permissions import is_staff_curator

if TYPE_CHECKING:
    from hub.models import User

Status = Registration.Status
# Those who come first, then those who wait, then those who will not.
STATUS_ORDER = (
    Status.CONFIRMED,
    Status.WAITLISTED,
    Status.PENDING,
    Status.REFUSED,
    Status.CANCELLED,
)


@dataclass(frozen=True)
class ParticipantRow:
    registration: Registration
    answers: list[str]  # one per question of the event, in its order ("" when not answered)


@dataclass(frozen=True)
class ParticipantList:
    event: Event
    questions: list[Question]
    rows: list[ParticipantRow]
    started: bool  # attendance is marked once it has

    @property
    def confirmed(self) -> list[ParticipantRow]:
        return [row for row in self.rows if row.registration.status == Status.CONFIRMED]


def staff_event_get(*, user: User, slug: str) -> Event:
    """The event, for staff; Http404 for anyone else and for an unknown event."""
    if not is_staff_curator(user):
        raise Http404
    try:
        return Event.objects.visible_to(user).get(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404 from exc


def participant_list(*, user: User, slug: str) -> ParticipantList:
    """Every registration of the event (confirmed first, each group in the order people
    asked) with its person, city and answers. Four queries, whatever the number of rows."""
    event = staff_event_get(user=user, slug=slug)
    questions = list(Question.objects.filter(event=event).order_by("position", "pk"))
    order = Case(
        *(When(status=status, then=Value(i)) for i, status in enumerate(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    registrations = list(
        Registration.objects.filter(event=event)
        .select_related("user", "city")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=RegistrationAnswer.objects.only("registration", "question", "value"),
            )
        )
        .order_by(order, "requested_at", "pk")
    )
    rows = []
    for registration in registrations:
        by_question = {answer.question_id: answer.value for answer in registration.answers.all()}
        rows.append(
            ParticipantRow(
                registration=registration,
                answers=[by_question.get(question.pk, "") for question in questions],
            )
        )
    return ParticipantList(
        event=event,
        questions=questions,
        rows=rows,
        started=bool(event.starts_at and event.starts_at <= timezone.now()),
    )


__all__ = ["ParticipantList", "ParticipantRow", "participant_list", "staff_event_get"]
