"""Attendee data is removed on schedule (and by staff earlier), keeping the counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, Registration, RegistrationAnswer
from events.services import attendee_data, registrations
from hub.models import AuditEvent
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _held(days_ago: int, **fields) -> Event:
    """An event people registered for (with answers), held `days_ago` days ago."""
    event = EventFactory(**fields)
    question = QuestionFactory(event=event)
    city = CityFactory()
    for _ in range(3):
        registrations.registration_create(
            event=event, by=UserFactory(city=city), answers={question.pk: "My phone: +1 555 0100"}
        )
    ended = timezone.now() - timedelta(days=days_ago)
    Event.objects.filter(pk=event.pk).update(starts_at=ended - timedelta(hours=8), ends_at=ended)
    return event


def test_the_schedule_removes_answers_and_people_after_the_set_days_and_keeps_counts(settings):
    settings.HUB_EVENT_ATTENDEE_DATA_DAYS = 180
    due, recent = _held(181), _held(179)
    by_city_before = list(
        Registration.objects.filter(event=due).values_list("city_id", "roles", "status")
    )
    assert attendee_data.attendee_data_sweep() == 3
    assert not RegistrationAnswer.objects.filter(registration__event=due).exists()
    assert not Registration.objects.filter(event=due, user__isnull=False).exists()
    assert (
        list(Registration.objects.filter(event=due).values_list("city_id", "roles", "status"))
        == by_city_before
    )
    # The recent event keeps its data; a second sweep changes nothing.
    assert Registration.objects.filter(event=recent, user__isnull=False).count() == 3
    assert attendee_data.attendee_data_sweep() == 0
    due.refresh_from_db()
    assert due.attendee_data_removed_at is not None
    assert AuditEvent.objects.filter(action="events.attendee_data_removed").count() == 1


def test_the_number_of_days_is_a_setting(settings):
    event = _held(31)
    settings.HUB_EVENT_ATTENDEE_DATA_DAYS = 30
    assert attendee_data.events_due_for_removal() == [event.pk]


def test_staff_can_remove_one_events_data_earlier_and_it_is_audited():
    staff = UserFactory(staff=True)
    event, other = _held(2), _held(2)
    assert attendee_data.attendee_data_remove(event=event, by=staff) == 3
    assert attendee_data.attendee_data_remove(event=event, by=staff) == 0
    assert Registration.objects.filter(event=other, user__isnull=False).count() == 3
    assert (
        AuditEvent.objects.filter(action="events.attendee_data_removed", actor=staff).count() == 2
    )
