"""The participants' emails: one at each change of their registration, in their language, with
the event as an .ics file (its online link for confirmed participants only)."""

from __future__ import annotations

import email
import email.policy
import zoneinfo
from datetime import timedelta

import icalendar
import pytest
from django.db import transaction
from django.utils import timezone

from events.models import Event, Registration
from events.services import registrations as services
from tests.events.factories import EventFactory
from tests.hub.factories import UserFactory
from tests.kit.worker import Worker, running, wait_until

pytestmark = pytest.mark.django_db

Status = Registration.Status
ONLINE_URL = "https://meet.example.org/scn-room-42"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _event(**fields) -> Event:
    defaults = {
        "title_en": "Youth & prevention workshop",
        "title_fr": "Atelier jeunesse & prévention",
        "title_ar": "ورشة عمل الشباب والوقاية",
        "is_online": True,
        "online_url": ONLINE_URL,
        "time_zone": "Africa/Casablanca",
    }
    return EventFactory(**(defaults | fields))


def _calendar(message) -> icalendar.Calendar:
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename.endswith(".ics")
    assert mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(content)


def _vevent(message) -> icalendar.Event:
    (vevent,) = _calendar(message).walk("VEVENT")
    return vevent


def _assert_event_file(message, event: Event, *, title: str, online: bool) -> None:
    calendar = _calendar(message)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == title
    start = vevent.decoded("dtstart")
    assert str(start.tzinfo) == event.time_zone
    assert start == event.starts_at.replace(microsecond=0)
    assert (
        start.utcoffset()
        == event.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone)).utcoffset()
    )
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == [event.time_zone]
    description = str(vevent.get("description", ""))
    assert (ONLINE_URL in description) is online
    assert (ONLINE_URL in message.body) is online


def _of(outbox, user) -> list:
    return [message for message in outbox if message.to == [user.email]]


def test_a_confirmed_participant_is_emailed_in_french_with_the_online_link(commit, mailoutbox):
    event = _event()
    member = UserFactory(language="fr")
    with commit():
        services.registration_create(event=event, by=member)
    (message,) = mailoutbox
    assert message.to == [member.email]
    assert "Atelier jeunesse & prévention" in message.subject
    assert "confirmée" in message.subject
    assert message.body.startswith(f"Bonjour {member.name},")
    # Plain text: nothing escaped; the event's page in French.
    assert "&amp;" not in message.body and "Atelier jeunesse & prévention" in message.body
    assert f"http://testserver/fr/events/{event.slug}/" in message.body
    _assert_event_file(message, event, title="Atelier jeunesse & prévention", online=True)


def test_a_waitlisted_member_is_emailed_in_arabic_without_the_online_link(commit, mailoutbox):
    event = _event(capacity=1)
    services.registration_create(event=event, by=UserFactory())
    member = UserFactory(language="ar")
    with commit():
        services.registration_create(event=event, by=member)
    (message,) = _of(mailoutbox, member)
    assert "ورشة عمل الشباب والوقاية" in message.subject
    assert "قائمة الانتظار" in message.subject
    assert f"http://testserver/ar/events/{event.slug}/" in message.body
    _assert_event_file(message, event, title="ورشة عمل الشباب والوقاية", online=False)


def test_a_registration_awaiting_approval_is_acknowledged_in_english(commit, mailoutbox):
    event = _event(registration=Event.Registration.APPROVAL)
    member = UserFactory(language="en")
    with commit():
        services.registration_create(event=event, by=member)
    (message,) = mailoutbox
    assert message.subject == (
        "[SCN Online Hub] Your registration for “\u2068Youth & prevention workshop\u2069”"
        " is awaiting approval"
    )
    assert "SCN staff will review it" in message.body
    _assert_event_file(message, event, title="Youth & prevention workshop", online=False)


def test_approval_confirms_then_the_next_is_waitlisted_each_told(commit, mailoutbox):
    staff = UserFactory(staff=True)
    event = _event(registration=Event.Registration.APPROVAL, capacity=1)
    first, second = UserFactory(language="fr"), UserFactory(language="en")
    one = services.registration_create(event=event, by=first)
    two = services.registration_create(event=event, by=second)
    mailoutbox.clear()
    with commit():
        services.registration_approve(registration=one, by=staff)
        services.registration_approve(registration=two, by=staff)
    (confirmed,) = _of(mailoutbox, first)
    (waitlisted,) = _of(mailoutbox, second)
    assert "confirmée" in confirmed.subject
    _assert_event_file(confirmed, event, title="Atelier jeunesse & prévention", online=True)
    assert "waiting list" in waitlisted.subject
    _assert_event_file(waitlisted, event, title="Youth & prevention workshop", online=False)


def test_the_first_on_the_waiting_list_is_emailed_when_another_cancels(commit, mailoutbox):
    event = _event(capacity=1)
    holder, waiting, later = (
        UserFactory(language="en"),
        UserFactory(language="fr"),
        UserFactory(language="ar"),
    )
    held = services.registration_create(event=event, by=holder)
    services.registration_create(event=event, by=waiting)
    services.registration_create(event=event, by=later)
    with commit():
        services.registration_cancel(registration=held, by=holder)
    (cancelled,) = _of(mailoutbox, holder)
    (promoted,) = _of(mailoutbox, waiting)
    assert not _of(mailoutbox, later)  # still waiting: nothing new to say
    assert "is cancelled" in cancelled.subject
    assert "as you asked" in cancelled.body
    _assert_event_file(cancelled, event, title="Youth & prevention workshop", online=False)
    assert "Atelier jeunesse & prévention" in promoted.subject
    assert "liste d’attente" in promoted.body or "liste d'attente" in promoted.body
    _assert_event_file(promoted, event, title="Atelier jeunesse & prévention", online=True)


def test_a_refusal_gives_the_reason_and_promotes_the_next(commit, mailoutbox):
    staff = UserFactory(staff=True)
    event = _event(capacity=1)
    holder, waiting = UserFactory(language="ar"), UserFactory(language="en")
    held = services.registration_create(event=event, by=holder)
    services.registration_create(event=event, by=waiting)
    with commit():
        services.registration_refuse(
            registration=held, by=staff, reason="Places are kept for city officials."
        )
    (refused,) = _of(mailoutbox, holder)
    (promoted,) = _of(mailoutbox, waiting)
    assert "ورشة عمل الشباب والوقاية" in refused.subject
    assert "Places are kept for city officials." in refused.body
    _assert_event_file(refused, event, title="ورشة عمل الشباب والوقاية", online=False)
    assert "A place has freed up" in promoted.subject
    _assert_event_file(promoted, event, title="Youth & prevention workshop", online=True)


def test_more_places_promote_the_waiting_list_and_tell_them(commit, mailoutbox):
    staff = UserFactory(staff=True)
    event = _event(capacity=1)
    services.registration_create(event=event, by=UserFactory())
    waiting = UserFactory(language="en")
    services.registration_create(event=event, by=waiting)
    mailoutbox.clear()
    with commit():
        services.event_capacity_set(event=event, capacity=2, by=staff)
    (promoted,) = mailoutbox
    assert promoted.to == [waiting.email]
    assert "A place has freed up" in promoted.subject


def test_a_cancellation_by_staff_says_so(commit, mailoutbox):
    staff = UserFactory(staff=True)
    event = _event()
    member = UserFactory(language="en")
    registration = services.registration_create(event=event, by=member)
    with commit():
        services.registration_cancel(registration=registration, by=staff)
    (message,) = mailoutbox
    assert "SCN staff have cancelled your registration" in message.body


def test_the_reader_time_zone_is_given_when_it_differs(commit, mailoutbox):
    event = _event(online_url="", is_online=False)
    member = UserFactory(language="en", time_zone="America/Toronto")
    with commit():
        services.registration_create(event=event, by=member)
    (message,) = mailoutbox
    start = timezone.localtime(event.starts_at, zoneinfo.ZoneInfo("America/Toronto"))
    assert "In your time zone:" in message.body
    assert start.strftime("%H:%M") in message.body


def test_no_email_when_the_change_is_rolled_back(commit, mailoutbox):
    event = _event()

    class Undo(Exception):
        pass

    with commit():
        try:
            with transaction.atomic():
                services.registration_create(event=event, by=UserFactory())
                raise Undo
        except Undo:
            pass
    assert mailoutbox == []
    assert not Registration.objects.filter(event=event).exists()


def test_no_email_to_an_inactive_account(commit, mailoutbox):
    staff = UserFactory(staff=True)
    event = _event()
    member = UserFactory()
    registration = services.registration_create(event=event, by=member)
    member.is_active = False
    member.save(update_fields=["is_active"])
    registration.refresh_from_db()
    with commit():
        services.registration_cancel(registration=registration, by=staff)
    assert mailoutbox == []


def test_the_email_waits_for_the_commit(mailoutbox, django_capture_on_commit_callbacks):
    event = _event(starts_at=timezone.now() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.registration_create(event=event, by=UserFactory())
    assert mailoutbox == []
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # the commit
    assert len(mailoutbox) == 1


class EmailFileWorker(Worker):
    """A worker on the default queue (emails go there), writing the emails it sends to files:
    it is another process, whose locmem outbox the test cannot read."""

    settings_module = "tests.cityprofiles.worker_settings"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_email_with_its_calendar_file(tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    event = _event()
    member = UserFactory(language="ar")
    worker = EmailFileWorker(
        tmp_path / "media", tmp_path / "worker.log", HUB_TEST_EMAIL_DIR=str(mail_dir)
    )
    with running(worker):
        services.registration_create(event=event, by=member)

        def files() -> list:
            return list(mail_dir.glob("*.log"))

        assert wait_until(lambda: files(), 60), worker.log.read_text()[-3000:]
        (path,) = files()
    # The file backend writes each message as it would go out, then a line of dashes.
    raw = path.read_bytes().rsplit(b"\n" + b"-" * 79, 1)[0]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == member.email
    assert "ورشة عمل الشباب والوقاية" in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == f"{event.slug}.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "ورشة عمل الشباب والوقاية"
    assert str(vevent.decoded("dtstart").tzinfo) == "Africa/Casablanca"
    assert ONLINE_URL in str(vevent["description"])
