"""An event's time or place changed: each participant (confirmed, waitlisted, awaiting approval)
is told once, in their language, with the calendar file that replaces the event (its SEQUENCE
raised by the database, whatever writes the event); nobody when staff untick "email the
participants", when nothing of the time or place changed, or when the event is over."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events.calendar_files import event_uid
from events.models import TIME_AND_PLACE, Event, Registration
from events.services import registrations as services
from events.services import staff as staff_services
from events.services.notifications import changes_send
from hub.models import AuditEvent
from tests.conftest import login
from tests.events.factories import EventFactory
from tests.events.test_admin_events import _errors, _form
from tests.events.test_notifications import EmailFileWorker
from tests.hub.factories import CityFactory, UserFactory
from tests.kit.worker import running, wait_until

pytestmark = pytest.mark.django_db

Status = Registration.Status
ONLINE_URL = "https://meet.example.org/scn-room-7"
# _form's event is on 10 March 2027, 10:00–17:00 in Paris; moved a week later.
MOVED = {
    "starts_at_0": "2027-03-17",
    "ends_at_0": "2027-03-17",
    "tell_participants": "on",
}


@pytest.fixture
def staff_client(client, staff):
    login(client, staff)
    return client


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _online(**fields) -> dict[str, str]:
    """The admin's form of an open online event of one place."""
    return _form(
        registration=Event.Registration.OPEN,
        capacity="1",
        is_online="on",
        online_url=ONLINE_URL,
        **fields,
    )


@pytest.fixture
def people(staff_client) -> dict[str, Registration]:
    """An event made in the admin, and its participants in every state."""
    response = staff_client.post(reverse("admin:events_event_add"), _online())
    assert response.status_code == 302, _errors(response)
    event = Event.objects.get(slug="coordinators-workshop")
    registrations = {
        "confirmed": services.registration_create(event=event, by=UserFactory(language="fr")),
        "waitlisted": services.registration_create(event=event, by=UserFactory(language="ar")),
    }
    for status, language in (
        (Status.PENDING, "en"),
        (Status.CANCELLED, "en"),
        (Status.REFUSED, "fr"),
    ):
        registrations[status] = Registration.objects.create(
            event=event, user=UserFactory(language=language), status=status
        )
    assert registrations["waitlisted"].status == Status.WAITLISTED
    return registrations


def _change(staff_client, event: Event, **fields):
    url = reverse("admin:events_event_change", args=[event.pk])
    return staff_client.post(url, _online(slug=event.slug, **fields))


def _of(outbox, registration: Registration):
    return [message for message in outbox if message.to == [registration.user.email]]


def _vevent(message) -> icalendar.Event:
    ((filename, content, mimetype),) = message.attachments
    assert (filename.endswith(".ics"), mimetype) == (True, "text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return vevent


def test_a_move_tells_each_participant_once_in_their_language_with_the_new_file(
    staff_client, people, commit, mailoutbox
):
    event = people["confirmed"].event
    with commit():
        response = _change(staff_client, event, **MOVED)
    assert response.status_code == 302, _errors(response)
    assert (
        "3 participants will be emailed the new details"
        in staff_client.get(response.url).content.decode()
    )
    assert len(mailoutbox) == 3
    assert not _of(mailoutbox, people[Status.CANCELLED]) and not _of(mailoutbox, people["refused"])

    new_start = datetime(2027, 3, 17, 9, 0, tzinfo=UTC)  # 10:00 in Paris
    (confirmed,) = _of(mailoutbox, people["confirmed"])
    assert "Nouvel horaire ou nouveau lieu" in confirmed.subject
    assert "Atelier des coordinateurs de prévention" in confirmed.subject
    assert "Votre place reste confirmée." in confirmed.body
    assert "17 mars 2027" in confirmed.body
    assert ONLINE_URL in confirmed.body
    vevent = _vevent(confirmed)
    assert vevent.decoded("dtstart") == new_start
    assert str(vevent.decoded("dtstart").tzinfo) == "Europe/Paris"
    # The same event, a later revision: the reader's calendar replaces the one it holds.
    assert (str(vevent["uid"]), vevent.decoded("sequence")) == (event_uid(event), 1)
    assert ONLINE_URL in str(vevent["description"])

    (waitlisted,) = _of(mailoutbox, people["waitlisted"])
    assert "موعد أو مكان جديد" in waitlisted.subject
    assert "لا تزال على قائمة الانتظار" in waitlisted.body
    assert ONLINE_URL not in waitlisted.body
    assert ONLINE_URL not in str(_vevent(waitlisted).get("description", ""))

    (pending,) = _of(mailoutbox, people[Status.PENDING])
    assert "New time or place:" in pending.subject
    assert "still awaits approval" in pending.body

    audit = AuditEvent.objects.get(action="events.time_or_place_changed")
    assert audit.details == {"changed": ["starts_at", "ends_at"], "told": True}
    # Once: the task again, or the beat's sweep, sends nothing more.
    with commit():
        assert changes_send(event_id=event.pk) == 0
        assert changes_send() == 0
    assert len(mailoutbox) == 3


def test_saving_the_same_time_and_place_tells_nobody(staff_client, people, commit, mailoutbox):
    event = people["confirmed"].event
    with commit():
        response = _change(
            staff_client,
            event,
            title_en="Prevention coordinators' workshop (agenda online)",
            description_en="The agenda is online.",
            tell_participants="on",
        )
    assert response.status_code == 302, _errors(response)
    event.refresh_from_db()
    assert event.title_en.endswith("(agenda online)")
    assert event.sequence == 0
    assert mailoutbox == []
    assert not AuditEvent.objects.filter(action="events.time_or_place_changed").exists()


def test_unticked_nobody_is_emailed_and_the_calendar_file_still_replaces_the_event(
    client, staff_client, people, commit, mailoutbox
):
    event = people["confirmed"].event
    with commit():
        response = _change(staff_client, event, **(MOVED | {"tell_participants": None}))
    assert response.status_code == 302, _errors(response)
    assert "3 participants were not emailed" in staff_client.get(response.url).content.decode()
    assert mailoutbox == []
    event.refresh_from_db()
    assert event.sequence == 1
    audit = AuditEvent.objects.get(action="events.time_or_place_changed")
    assert audit.details["told"] is False
    # Nobody is owed an email (the beat sends none); the file a member downloads is the new one.
    with commit():
        assert changes_send() == 0
    assert mailoutbox == []
    login(client, people["confirmed"].user)
    ics = client.get(reverse("events:event-ics", kwargs={"slug": event.slug}))
    (vevent,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert vevent.decoded("sequence") == 1


def test_an_unannounced_change_still_owed_is_told_with_the_next(
    staff_client, people, commit, mailoutbox
):
    """A change made outside the admin (an import, a queryset update) raises the revision too:
    whoever has not been told is, with the details as they are when the email goes."""
    event = people["confirmed"].event
    later = event.starts_at + timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(starts_at=later, ends_at=later + timedelta(hours=7))
    Event.objects.filter(pk=event.pk).update(venue="Hôtel de ville, salle 2")
    event.refresh_from_db()
    assert event.sequence == 2
    # Staff then correct the venue's spelling without telling: the earlier change stays owed.
    with commit():
        response = _change(
            staff_client,
            event,
            starts_at_0="2027-03-11",
            ends_at_0="2027-03-11",
            venue="Hôtel de Ville, salle 2",
        )
    assert response.status_code == 302, _errors(response)
    assert mailoutbox == []
    with commit():
        assert changes_send() == 3
    (confirmed,) = _of(mailoutbox, people["confirmed"])
    assert "Hôtel de Ville, salle 2" in confirmed.body
    assert _vevent(confirmed).decoded("sequence") == 3
    with commit():
        assert changes_send() == 0
    assert len(mailoutbox) == 3


@pytest.mark.parametrize("field", TIME_AND_PLACE)
def test_every_change_of_time_or_place_raises_the_revision_whatever_writes_it(field):
    event = EventFactory(is_online=True, online_url="https://meet.example.org/a")
    values = {
        "starts_at": event.starts_at + timedelta(hours=1),
        "ends_at": event.ends_at + timedelta(hours=1),
        "time_zone": "Africa/Nairobi",
        "venue_city_id": CityFactory().pk,
        "venue": "Town hall",
        "location_note_en": "Room 4",
        "location_note_fr": "Salle 4",
        "location_note_ar": "القاعة 4",
        "is_online": False,
        "online_url": "https://meet.example.org/b",
    }
    Event.objects.filter(pk=event.pk).update(**{field: values[field]})
    event.refresh_from_db()
    assert event.sequence == 1
    # What is written to the revision itself is ignored, and so are the other fields.
    Event.objects.filter(pk=event.pk).update(sequence=40, title_en="Renamed", capacity=3)
    event.refresh_from_db()
    assert event.sequence == 1
    # Whoever registers now knows this revision: no email about the change before.
    registration = services.registration_create(event=event, by=UserFactory())
    registration.refresh_from_db()
    assert registration.told_sequence == 1


def test_nobody_is_told_of_a_change_to_an_event_that_is_over_or_at_an_inactive_account(
    commit, mailoutbox
):
    past = EventFactory(starts_at=timezone.now() - timedelta(days=3))
    upcoming = EventFactory()
    Registration.objects.create(event=past, user=UserFactory(), status=Status.CONFIRMED)
    Registration.objects.create(
        event=upcoming, user=UserFactory(is_active=False), status=Status.CONFIRMED
    )
    for event in (past, upcoming):
        Event.objects.filter(pk=event.pk).update(venue="Elsewhere")
    with commit():
        assert changes_send() == 0
    assert mailoutbox == []


def test_the_service_is_for_staff_only(people):
    from hub.errors import NotAllowed

    event = people["confirmed"].event
    with pytest.raises(NotAllowed):
        staff_services.event_time_or_place_changed(
            event=event, before={}, by=people["confirmed"].user, tell=True
        )


def test_the_beat_and_the_task_are_registered(settings):
    from events.tasks import changes_send_task, reminders_send_task
    from hub.celery import app

    assert (changes_send_task.name, reminders_send_task.name) == (
        "events.changes_send",
        "events.reminders_send",
    )
    assert {"events.changes_send", "events.reminders_send"} <= set(app.tasks)
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    # The reminders' beat also sweeps the changes a lost task did not tell.
    assert "events.reminders_send" in scheduled


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_tells_the_participant_of_the_move(tmp_path, staff):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    event = EventFactory(time_zone="Africa/Nairobi")
    member = UserFactory(language="ar")
    services.registration_create(event=event, by=member)
    worker = EmailFileWorker(
        tmp_path / "media", tmp_path / "worker.log", HUB_TEST_EMAIL_DIR=str(mail_dir)
    )
    with running(worker):
        before = staff_services.time_and_place(event)
        Event.objects.filter(pk=event.pk).update(
            starts_at=event.starts_at + timedelta(days=2), ends_at=event.ends_at + timedelta(days=2)
        )
        staff_services.event_time_or_place_changed(event=event, before=before, by=staff, tell=True)

        def messages() -> list:
            # The file backend writes each message as it would go out, then a line of dashes.
            return [
                email.message_from_bytes(
                    path.read_bytes().rsplit(b"\n" + b"-" * 79, 1)[0], policy=email.policy.default
                )
                for path in mail_dir.glob("*.log")
            ]

        assert wait_until(messages, 60), worker.log.read_text()[-3000:]
        (message,) = messages()
    assert "موعد أو مكان جديد" in message["Subject"]
    assert message["To"] == member.email
    (attachment,) = list(message.iter_attachments())
    (vevent,) = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert vevent.decoded("sequence") == 1
    assert vevent.decoded("dtstart") == event.starts_at.replace(microsecond=0) + timedelta(days=2)


def test_the_choice_is_on_the_change_page_ticked_and_not_on_the_add_page(staff_client):
    event = EventFactory()
    change = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert change.context["adminform"].form["tell_participants"].value() is True
    add = staff_client.get(reverse("admin:events_event_add"))
    assert 'name="tell_participants"' not in add.content.decode()
