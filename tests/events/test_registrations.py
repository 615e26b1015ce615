"""Registration: places, the waiting list in order, approval, invitations and answers, also
when many people register and cancel at once."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from events.models import Event, Invitation, Question, Registration
from events.services import registrations as services
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory

Status = Registration.Status


def _statuses(event: Event) -> list[str]:
    return list(
        Registration.objects.filter(event=event)
        .order_by("requested_at", "pk")
        .values_list("status", flat=True)
    )


@pytest.mark.django_db
def test_registrations_are_confirmed_while_places_remain_then_waitlisted():
    event = EventFactory(capacity=2)
    for _ in range(3):
        services.registration_create(event=event, by=UserFactory())
    assert _statuses(event) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    event.refresh_from_db()
    assert event.confirmed_count == 2


@pytest.mark.django_db
def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list():
    event = EventFactory(capacity=1)
    first, second, third = (UserFactory() for _ in range(3))
    held = services.registration_create(event=event, by=first)
    services.registration_create(event=event, by=second)
    services.registration_create(event=event, by=third)
    promoted = services.registration_cancel(registration=held, by=first)
    assert [r.user for r in promoted] == [second]
    assert Registration.objects.get(event=event, user=third).status == Status.WAITLISTED
    event.refresh_from_db()
    assert event.confirmed_count == 1


@pytest.mark.django_db
def test_a_refused_participant_frees_the_place_for_the_waiting_list():
    staff = UserFactory(staff=True)
    event = EventFactory(capacity=1)
    held = services.registration_create(event=event, by=UserFactory())
    waiting = services.registration_create(event=event, by=UserFactory())
    with pytest.raises(ValidationError) as error:
        services.registration_refuse(registration=held, by=staff, reason="  ")
    assert error.value.code == "reason_required"
    services.registration_refuse(registration=held, by=staff, reason="Duplicate registration.")
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


@pytest.mark.django_db
def test_approval_mode_waits_for_staff_and_an_approval_when_full_waitlists():
    staff = UserFactory(staff=True)
    event = EventFactory(capacity=1, registration=Event.Registration.APPROVAL)
    one = services.registration_create(event=event, by=UserFactory())
    two = services.registration_create(event=event, by=UserFactory())
    assert one.status == two.status == Status.PENDING
    assert services.registration_approve(registration=one, by=staff).status == Status.CONFIRMED
    assert services.registration_approve(registration=two, by=staff).status == Status.WAITLISTED
    with pytest.raises(services.NotPending):
        services.registration_approve(registration=two, by=staff)


@pytest.mark.django_db
def test_invitation_mode_admits_invited_people_and_cities_only():
    event = EventFactory(registration=Event.Registration.INVITATION)
    invited_city = CityFactory()
    person = UserFactory()
    Invitation.objects.create(event=event, city=invited_city)
    Invitation.objects.create(event=event, user=person)
    with pytest.raises(services.NotInvited):
        services.registration_create(event=event, by=UserFactory())
    assert services.registration_create(event=event, by=UserFactory(city=invited_city))
    assert services.registration_create(event=event, by=person)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"registration": Event.Registration.CLOSED},
        {"registration_deadline": timezone.now() - timedelta(minutes=1)},
        {"starts_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["closed", "after the deadline", "started"],
)
def test_registration_is_refused_when_closed(changes):
    event = EventFactory(**changes)
    with pytest.raises(services.RegistrationClosed):
        services.registration_create(event=event, by=UserFactory())
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_registering_twice_is_refused_but_a_cancelled_registration_may_be_renewed():
    event = EventFactory()
    member = UserFactory()
    first = services.registration_create(event=event, by=member)
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(event=event, by=member)
    services.registration_cancel(registration=first, by=member)
    assert services.registration_create(event=event, by=member).status == Status.CONFIRMED


@pytest.mark.django_db
def test_a_participant_cannot_cancel_once_the_event_has_started():
    event = EventFactory()
    member = UserFactory()
    registration = services.registration_create(event=event, by=member)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(services.EventStarted):
        services.registration_cancel(registration=registration, by=member)
    with pytest.raises(services.HubError):
        services.registration_cancel(registration=registration, by=UserFactory())


@pytest.mark.django_db
def test_answers_are_checked_against_the_events_questions():
    event = EventFactory()
    required = QuestionFactory(event=event, is_required=True)
    choice = QuestionFactory(
        event=event, kind=Question.Kind.CHOICE, options_en="Arabic\nEnglish\nFrench"
    )
    yes_no = QuestionFactory(event=event, kind=Question.Kind.YES_NO)
    other = QuestionFactory()
    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, by=UserFactory(), answers={choice.pk: "Latin"})
    assert {e.code for e in error.value.error_list} == {"required", "invalid_choice"}
    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, by=UserFactory(), answers={other.pk: "x"})
    assert error.value.code == "unknown_question"
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            event=event, by=UserFactory(), answers={required.pk: "x", yes_no.pk: "maybe"}
        )
    assert error.value.error_list[0].code == "invalid_yes_no"
    assert not Registration.objects.filter(event=event).exists()
    registration = services.registration_create(
        event=event,
        by=UserFactory(),
        answers={required.pk: " Referral pathways ", choice.pk: "French", yes_no.pk: "yes"},
    )
    assert dict(registration.answers.values_list("question_id", "value")) == {
        required.pk: "Referral pathways",
        choice.pk: "French",
        yes_no.pk: "yes",
    }


@pytest.mark.django_db
def test_the_database_keeps_the_count_and_refuses_overfilling_whatever_writes():
    event = EventFactory(capacity=1)
    services.registration_create(event=event, by=UserFactory())
    waiting = services.registration_create(event=event, by=UserFactory())
    # A write that bypasses the services still cannot overfill the event.
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=waiting.pk).update(status=Status.CONFIRMED)
    Registration.objects.filter(event=event).update(status=Status.CANCELLED)
    event.refresh_from_db()
    assert event.confirmed_count == 0


@pytest.mark.django_db
def test_more_places_promote_the_waiting_list_and_fewer_than_confirmed_is_refused():
    staff = UserFactory(staff=True)
    event = EventFactory(capacity=1)
    for _ in range(3):
        services.registration_create(event=event, by=UserFactory())
    promoted = services.event_capacity_set(event=event, capacity=2, by=staff)
    assert len(promoted) == 1
    with pytest.raises(ValidationError) as error:
        services.event_capacity_set(event=event, capacity=1, by=staff)
    assert error.value.code == "capacity_below_confirmed"
    assert _statuses(event) == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


@pytest.mark.django_db(transaction=True)
def test_many_people_registering_and_cancelling_at_once_never_overfill_and_keep_the_order():
    capacity = 5
    event = EventFactory(capacity=capacity)
    early = [UserFactory() for _ in range(capacity)]
    held = [services.registration_create(event=event, by=user) for user in early]
    newcomers = [UserFactory() for _ in range(12)]
    barrier = threading.Barrier(len(newcomers) + 3)
    errors: list[BaseException] = []

    def register(user) -> None:
        try:
            barrier.wait()
            services.registration_create(event=event, by=user)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    def cancel(registration, user) -> None:
        try:
            barrier.wait()
            services.registration_cancel(registration=registration, by=user)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in newcomers]
    threads += [
        threading.Thread(target=cancel, args=(registration, registration.user))
        for registration in random.sample(held, 3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    event.refresh_from_db()
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED)
    assert confirmed.count() == event.confirmed_count == capacity
    # No one skipped: every waitlisted person asked after every newcomer who was confirmed.
    newcomer_rows = Registration.objects.filter(event=event, user__in=newcomers)
    confirmed_late = [r.requested_at for r in newcomer_rows if r.status == Status.CONFIRMED]
    waiting = [r.requested_at for r in newcomer_rows if r.status == Status.WAITLISTED]
    assert len(confirmed_late) + len(waiting) == len(newcomers)
    assert not confirmed_late or not waiting or max(confirmed_late) <= min(waiting)
