"""Staff's pages of an event: the participant list with answers (and its CSV, safe to open in
a spreadsheet), attendance marked after the event through the service, and removing the
attendee data early. Members never see any of it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration, RegistrationAnswer
from events.services.attendance import EventNotStarted, attendance_set
from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.conftest import login
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def staff_client(client, staff):
    login(client, staff)
    return client


def _event(
    *, started: bool, city_name: str = "Kristiansand Test", **fields
) -> tuple[Event, list[Registration]]:
    """An event with a question, two confirmed participants (one whose answer would be a
    spreadsheet formula), one waiting and one refused."""
    when = timezone.now() + (timedelta(days=-1) if started else timedelta(days=5))
    event = EventFactory(starts_at=when, ends_at=when + timedelta(hours=4), capacity=2, **fields)
    question = QuestionFactory(event=event, text_en="Your organisation?", text_ar="مؤسستك؟")
    city = CityFactory(name_en=city_name, name_ar="كريستيانساند")
    people = [
        UserFactory(city=city, name="Amina Diallo", email=f"amina@{city.slug}.example"),
        UserFactory(city=city, name='=HYPERLINK("http://x")', email=f"f@{city.slug}.example"),
        UserFactory(city=city, name="Waiting Person"),
        UserFactory(city=city, name="Refused Person"),
    ]
    statuses = [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED, Status.REFUSED]
    registrations = []
    for person, status in zip(people, statuses, strict=True):
        registration = Registration.objects.create(
            event=event, user=person, city=city, roles=list(person.roles), status=status
        )
        RegistrationAnswer.objects.create(
            registration=registration, question=question, value=f"+{person.pk} Youth services"
        )
        registrations.append(registration)
    return event, registrations


@pytest.mark.parametrize("language", ["en", "ar"])
def test_participant_list_shows_people_answers_status_city_and_role(staff_client, language):
    event, _regs = _event(started=False)
    response = staff_client.get(f"/{language}/events/{event.slug}/participants/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'lang="{language}"' in body
    for text in (
        "Amina Diallo",
        "amina@kristiansand-test.example",
        "Youth services",
        "Waiting Person",
    ):
        assert text in body
    rows = response.context["rows"]
    # Confirmed first, then the waiting list, then the refused.
    assert [item["row"].registration.status for item in rows] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.REFUSED,
    ]
    # Before the event: no attendance boxes.
    assert 'name="attended"' not in body


def test_participant_list_is_404_for_members_and_focal_points(client, member_a, focal_point_a):
    event, _regs = _event(started=True)
    for person in (member_a, focal_point_a):
        login(client, person)
        for name in (
            "events:participants",
            "events:participants-csv",
            "events:attendee-data-remove",
        ):
            assert client.get(reverse(name, kwargs={"slug": event.slug})).status_code == 404
        response = client.post(reverse("events:attendance-set", kwargs={"slug": event.slug}))
        assert response.status_code == 404
    assert not Registration.objects.filter(event=event, attended__isnull=False).exists()


def test_the_csv_holds_every_participant_and_never_a_formula(staff_client):
    event, _regs = _event(started=False)
    response = staff_client.get(reverse("events:participants-csv", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-1] == "Your organisation?"
    assert len(rows) == 5
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://x")' in cells
    assert any(cell.startswith("'+") and cell.endswith("Youth services") for cell in cells)


def test_attendance_is_marked_after_the_event_through_the_service(staff_client):
    event, regs = _event(started=True)
    page = staff_client.get(reverse("events:participants", kwargs={"slug": event.slug}))
    assert page.content.decode().count('name="attended"') == 2  # the confirmed two
    url = reverse("events:attendance-set", kwargs={"slug": event.slug})
    response = staff_client.post(url, {"attended": [regs[0].pk]})
    assert response.status_code == 302
    attended = dict(Registration.objects.filter(event=event).values_list("pk", "attended"))
    assert attended == {regs[0].pk: True, regs[1].pk: False, regs[2].pk: None, regs[3].pk: None}
    audit = AuditEvent.objects.get(action="events.attendance_marked")
    assert audit.details == {"present": 1, "absent": 1}


def test_attendance_before_the_event_starts_is_refused(staff_client):
    event, regs = _event(started=False)
    url = reverse("events:attendance-set", kwargs={"slug": event.slug})
    response = staff_client.post(url, {"attended": [regs[0].pk]})
    assert response.status_code == 409
    assert response.context["error"]
    assert not Registration.objects.filter(event=event, attended__isnull=False).exists()


@pytest.mark.parametrize(
    "tampered",
    ["not-a-number", "-1", "1e3", "９", "99999999999999999999"],
)
def test_attendance_with_tampered_ids_is_400_and_changes_nothing(staff_client, tampered):
    event, regs = _event(started=True)
    url = reverse("events:attendance-set", kwargs={"slug": event.slug})
    response = staff_client.post(url, {"attended": [regs[0].pk, tampered]})
    assert response.status_code == 400
    assert not Registration.objects.filter(event=event, attended__isnull=False).exists()


def test_attendance_refuses_people_not_confirmed_for_this_event(staff_client):
    event, regs = _event(started=True)
    _other, other_regs = _event(started=True, city_name="Other City Test")
    url = reverse("events:attendance-set", kwargs={"slug": event.slug})
    # Someone waiting, and a participant of another event.
    for pk in (regs[2].pk, other_regs[0].pk):
        response = staff_client.post(url, {"attended": [regs[0].pk, pk]})
        assert response.status_code == 400
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_attendance_service_is_staff_only_and_after_the_start(member_a, staff):
    event, regs = _event(started=False)
    with pytest.raises(EventNotStarted):
        attendance_set(event=event, attended=[regs[0].pk], by=staff)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(NotAllowed):
        attendance_set(event=event, attended=[regs[0].pk], by=member_a)
    assert attendance_set(event=event, attended=[regs[0].pk, regs[1].pk], by=staff) == 2


def test_staff_remove_the_attendee_data_now_after_confirming(staff_client):
    event, regs = _event(started=True)
    url = reverse("events:attendee-data-remove", kwargs={"slug": event.slug})
    confirm = staff_client.get(url)
    assert confirm.status_code == 200
    assert f'action="{url}"' in confirm.content.decode()
    # Nothing is removed by looking at the confirmation page.
    assert Registration.objects.filter(event=event, user__isnull=False).count() == 4
    response = staff_client.post(url)
    assert response.status_code == 302
    assert not Registration.objects.filter(event=event, user__isnull=False).exists()
    assert not RegistrationAnswer.objects.filter(registration__event=event).exists()
    assert AuditEvent.objects.filter(action="events.attendee_data_removed").count() == 1
    page = staff_client.get(reverse("events:participants", kwargs={"slug": event.slug}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Amina Diallo" not in body
    assert "Kristiansand Test" in body  # the city stays for the counts


def test_unknown_event_is_404_for_staff(staff_client):
    for name in ("events:participants", "events:participants-csv", "events:attendee-data-remove"):
        assert staff_client.get(reverse(name, kwargs={"slug": "nope"})).status_code == 404
    assert (
        staff_client.post(reverse("events:attendance-set", kwargs={"slug": "nope"})).status_code
        == 404
    )


def test_the_event_page_leads_staff_and_only_staff_to_the_participants(client, staff, member_a):
    event, _regs = _event(started=False)
    url = reverse("events:participants", kwargs={"slug": event.slug})
    login(client, member_a)
    page = client.get(reverse("events:event-detail", kwargs={"slug": event.slug}))
    assert page.status_code == 200
    assert url not in page.content.decode()
    login(client, staff)
    page = client.get(reverse("events:event-detail", kwargs={"slug": event.slug}))
    assert url in page.content.decode()
