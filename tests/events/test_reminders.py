"""Reminders a week and a day before: confirmed participants only, once each (whatever the beat
does, also two runs at once), none for those who registered after the reminder's time."""

from __future__ import annotations

import threading
from datetime import timedelta

import icalendar
import pytest
from django.db import connection
from django.utils import timezone

from events.models import Event, Registration
from events.services import registrations as services
from events.services.notifications import reminders_send
from tests.events.factories import EventFactory
from tests.hub.factories import UserFactory

Status = Registration.Status
WEEK, DAY, HOUR = timedelta(days=7), timedelta(days=1), timedelta(hours=1)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _registered(event: Event, *, before: timedelta, **user) -> Registration:
    """A confirmed registration made `before` the event's start."""
    registration = services.registration_create(event=event, by=UserFactory(**user))
    moment = event.starts_at - before
    Registration.objects.filter(pk=registration.pk).update(requested_at=moment, decided_at=moment)
    registration.refresh_from_db()
    return registration


@pytest.mark.django_db
def test_the_week_then_the_day_reminder_each_once(commit, mailoutbox):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20))
    registration = _registered(event, before=timedelta(days=15), language="fr")
    mailoutbox.clear()
    start = event.starts_at
    with commit():
        assert reminders_send(now=start - WEEK - HOUR) == 0  # not yet
        assert reminders_send(now=start - WEEK + HOUR) == 1
        assert reminders_send(now=start - WEEK + 2 * HOUR) == 0  # a later beat: already sent
    (week,) = mailoutbox
    assert week.to == [registration.user.email]
    assert week.subject.startswith("[SCN Online Hub] Rappel")
    assert "une semaine" in week.subject
    (vevent,) = icalendar.Calendar.from_ical(week.attachments[0][1]).walk("VEVENT")
    assert str(vevent["summary"]) == event.title_fr
    registration.refresh_from_db()
    assert registration.reminded_week_at == start - WEEK + HOUR
    assert registration.reminded_day_at is None
    with commit():
        assert reminders_send(now=start - DAY + HOUR) == 1
        assert reminders_send(now=start - DAY + 2 * HOUR) == 0
    assert len(mailoutbox) == 2
    assert "moins d’un jour" in mailoutbox[1].subject
    registration.refresh_from_db()
    assert registration.reminded_day_at == start - DAY + HOUR
    with commit():
        assert reminders_send(now=start + HOUR) == 0  # started: nothing more


@pytest.mark.django_db
def test_who_registers_three_days_before_gets_only_the_day_reminder(commit, mailoutbox):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20))
    registration = _registered(event, before=timedelta(days=3))
    mailoutbox.clear()
    start = event.starts_at
    with commit():
        assert reminders_send(now=start - timedelta(days=3) + HOUR) == 0
        assert reminders_send(now=start - DAY + HOUR) == 1
    registration.refresh_from_db()
    assert registration.reminded_week_at is None
    assert registration.reminded_day_at is not None
    assert "within a day" in mailoutbox[0].subject


@pytest.mark.django_db
def test_no_reminder_when_the_beat_catches_up_after_the_start(commit, mailoutbox):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20))
    registration = _registered(event, before=timedelta(days=15))
    mailoutbox.clear()
    with commit():
        assert reminders_send(now=event.starts_at + timedelta(minutes=1)) == 0
    assert mailoutbox == []
    registration.refresh_from_db()
    assert registration.reminded_week_at is None and registration.reminded_day_at is None


@pytest.mark.django_db
def test_only_confirmed_participants_are_reminded(commit, mailoutbox):
    staff = UserFactory(staff=True)
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20), capacity=2)
    confirmed = _registered(event, before=timedelta(days=15))
    cancelled = _registered(event, before=timedelta(days=15))
    services.registration_cancel(registration=cancelled, by=cancelled.user)
    refused = _registered(event, before=timedelta(days=15))
    services.registration_refuse(registration=refused, by=staff, reason="Not eligible.")
    _registered(event, before=timedelta(days=15))  # takes the second place
    waitlisted = services.registration_create(event=event, by=UserFactory())
    assert waitlisted.status == Status.WAITLISTED
    approval = EventFactory(
        starts_at=event.starts_at, registration=Event.Registration.APPROVAL, capacity=5
    )
    pending = services.registration_create(event=approval, by=UserFactory())
    Registration.objects.filter(pk__in=[waitlisted.pk, pending.pk]).update(
        requested_at=event.starts_at - timedelta(days=15)
    )
    mailoutbox.clear()
    with commit():
        assert reminders_send(now=event.starts_at - WEEK + HOUR) == 2
    reminded = set(
        Registration.objects.filter(reminded_week_at__isnull=False).values_list("pk", flat=True)
    )
    assert confirmed.pk in reminded and len(reminded) == 2
    assert {m.to[0] for m in mailoutbox} == set(
        Registration.objects.filter(pk__in=reminded).values_list("user__email", flat=True)
    )


@pytest.mark.django_db
def test_the_reminder_carries_the_online_link_for_the_confirmed(commit, mailoutbox):
    event = EventFactory(
        starts_at=timezone.now() + timedelta(days=20),
        is_online=True,
        online_url="https://meet.example.org/room-7",
    )
    _registered(event, before=timedelta(days=15))
    mailoutbox.clear()
    with commit():
        assert reminders_send(now=event.starts_at - DAY + HOUR) == 1
    (message,) = mailoutbox
    assert "https://meet.example.org/room-7" in message.body
    (vevent,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert "https://meet.example.org/room-7" in str(vevent["description"])


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_reminder_per_person(mailoutbox):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20), capacity=None)
    due = [_registered(event, before=timedelta(days=15)) for _ in range(12)]
    mailoutbox.clear()
    now = event.starts_at - WEEK + HOUR
    barrier = threading.Barrier(3)
    results: list[int] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(reminders_send(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == len(due)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.user.email for r in due)
    assert not Registration.objects.filter(event=event, reminded_week_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_beat_runs_the_reminders_and_the_attendee_data_sweep(settings, commit, mailoutbox):
    from events.tasks import attendee_data_sweep_task, reminders_send_task
    from hub.celery import app

    scheduled = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert scheduled["events.reminders_send"] <= 15 * 60
    assert "events.attendee_data_sweep" in scheduled
    assert {"events.reminders_send", "events.attendee_data_sweep"} <= set(app.tasks)
    event = EventFactory(starts_at=timezone.now() + DAY - HOUR)
    _registered(event, before=timedelta(days=3))
    mailoutbox.clear()
    with commit():
        reminders_send_task.delay()
        attendee_data_sweep_task.delay()
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_an_event_moved_weeks_later_is_reminded_again_and_a_few_hours_later_is_not(
    commit, mailoutbox
):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20))
    registration = _registered(event, before=timedelta(days=15))
    start = event.starts_at
    with commit():
        assert reminders_send(now=start - WEEK + HOUR) == 1
        assert reminders_send(now=start - DAY + HOUR) == 1
    # Put off by three hours (a queryset update, as an import would): nothing is sent again.
    Event.objects.filter(pk=event.pk).update(starts_at=start + 3 * HOUR)
    registration.refresh_from_db()
    assert registration.reminded_week_at == start - WEEK + HOUR
    assert registration.reminded_day_at == start - DAY + HOUR
    with commit():
        assert reminders_send(now=start - DAY + 3 * HOUR) == 0
    # Put off by three weeks in the admin's way (a save): both reminders come again.
    event.refresh_from_db()
    event.starts_at = start + 3 * WEEK
    event.ends_at = event.starts_at + 2 * HOUR
    event.save()
    registration.refresh_from_db()
    assert (registration.reminded_week_at, registration.reminded_day_at) == (None, None)
    new_start = event.starts_at
    with commit():
        assert reminders_send(now=new_start - WEEK + HOUR) == 1
        assert reminders_send(now=new_start - DAY + HOUR) == 1
        assert reminders_send(now=new_start - DAY + 2 * HOUR) == 0
    assert len(mailoutbox) == 4
    # Brought forward: the reminders already sent stay sent.
    Event.objects.filter(pk=event.pk).update(starts_at=new_start - 2 * DAY)
    registration.refresh_from_db()
    assert registration.reminded_week_at == new_start - WEEK + HOUR
    assert registration.reminded_day_at == new_start - DAY + HOUR


@pytest.mark.django_db
def test_moving_an_event_three_days_later_sends_the_day_reminder_again_only(commit, mailoutbox):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=20))
    registration = _registered(event, before=timedelta(days=15))
    start = event.starts_at
    with commit():
        reminders_send(now=start - WEEK + HOUR)
        reminders_send(now=start - DAY + HOUR)
    Event.objects.filter(pk=event.pk).update(
        starts_at=start + 3 * DAY, ends_at=start + 3 * DAY + HOUR
    )
    registration.refresh_from_db()
    # The week's was sent ten days before the new start: it still stands. The day's, four
    # days before, no longer reminds of it.
    assert registration.reminded_week_at == start - WEEK + HOUR
    assert registration.reminded_day_at is None
