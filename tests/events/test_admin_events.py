"""Events in the admin as SCN staff: the event's form (its times in its own time zone, its
places through the registration service), and the approval queue (approve, refuse with a
reason), in English and Arabic; bad input refused with a clear message, never a 500."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventOutput, Registration
from hub.models import AuditEvent
from tests.conftest import login
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
INLINES = ("cities", "questions", "invitations", "outputs")


@pytest.fixture
def staff_client(client, staff):
    login(client, staff)
    return client


def _management() -> dict[str, str]:
    data = {}
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def _form(**fields) -> dict[str, str]:
    """The event's change form as posted: an approval event in Paris, 10:00–17:00."""
    data = {
        "title_en": "Prevention coordinators' workshop",
        "title_fr": "Atelier des coordinateurs de prévention",
        "title_ar": "ورشة عمل منسقي الوقاية",
        "slug": "coordinators-workshop",
        "kind": Event.Kind.REGIONAL_WORKSHOP,
        "time_zone": "Europe/Paris",
        "starts_at_0": "2027-03-10",
        "starts_at_1": "10:00",
        "ends_at_0": "2027-03-10",
        "ends_at_1": "17:00",
        "registration": Event.Registration.APPROVAL,
        "visibility": Event.Visibility.MEMBERS,
        "provenance": "hub",
        "capacity": "20",
        **_management(),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def _errors(response) -> list[str]:
    form = response.context["adminform"].form
    return [error.code for errors in form.errors.as_data().values() for error in errors]


def _full(capacity=2, waiting=1) -> Event:
    event = EventFactory(capacity=capacity)
    for _ in range(capacity):
        Registration.objects.create(event=event, user=UserFactory(), status=Status.CONFIRMED)
    for i in range(waiting):
        Registration.objects.create(
            event=event,
            user=UserFactory(),
            status=Status.WAITLISTED,
            requested_at=timezone.now() - timedelta(minutes=10 - i),
        )
    return event


# --- The pages load, in English and in Arabic -------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_admin_pages_of_events_load_for_staff(staff_client, language):
    event = EventFactory(registration=Event.Registration.APPROVAL)
    QuestionFactory(event=event)
    registration = Registration.objects.create(
        event=event, user=UserFactory(city=CityFactory()), status=Status.PENDING
    )
    prefix = f"/{language}/admin/events"
    pages = [
        f"{prefix}/event/",
        f"{prefix}/event/add/",
        f"{prefix}/event/{event.pk}/change/",
        f"{prefix}/registration/",
        f"{prefix}/registration/?status__exact=pending",
        f"{prefix}/registration/{registration.pk}/change/",
    ]
    for url in pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


def test_admin_index_shows_the_registrations_awaiting_approval(staff_client):
    event = EventFactory(registration=Event.Registration.APPROVAL)
    for _ in range(3):
        Registration.objects.create(event=event, user=UserFactory(), status=Status.PENDING)
    Registration.objects.create(event=event, user=UserFactory(), status=Status.CONFIRMED)
    response = staff_client.get(reverse("admin:index"))
    items = {str(item["label"]): item for item in response.context["pending_items"]}
    item = items["registrations for events awaiting approval"]
    assert item["count"] == 3
    assert item["url"].endswith("/admin/events/registration/?status__exact=pending")


def test_admin_of_events_is_not_for_members(client, member_a):
    login(client, member_a)
    response = client.get(reverse("admin:events_registration_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- The event's form -------------------------------------------------------------------------


def test_staff_create_an_event_its_times_in_its_own_zone(staff_client):
    response = staff_client.post(reverse("admin:events_event_add"), _form())
    assert response.status_code == 302, _errors(response)
    event = Event.objects.get(slug="coordinators-workshop")
    # 10:00 in Paris in March (winter time, UTC+1) is 09:00 UTC.
    assert event.starts_at == datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
    assert event.capacity == 20
    # The page shows it back as the clock in Paris reads it.
    page = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    shown = page.context["adminform"].form.initial["starts_at"]
    assert (shown.tzinfo, shown.hour, shown.minute) == (None, 10, 0)
    assert AuditEvent.objects.filter(action="events.capacity_changed").count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"ends_at_0": "2027-03-09"}, "ends_before_start"),
        ({"time_zone": "Mars/Olympus"}, "invalid_choice"),
        # The clocks go from 02:00 to 03:00 in Paris on 28 March 2027.
        (
            {"starts_at_0": "2027-03-28", "starts_at_1": "02:30", "ends_at_0": "2027-03-28"},
            "time_skipped",
        ),
        (
            {"registration_deadline_0": "2027-03-11", "registration_deadline_1": "09:00"},
            "deadline_after_start",
        ),
        (
            {"starts_at_0": None, "starts_at_1": None, "ends_at_0": None, "ends_at_1": None},
            "registration_needs_start",
        ),
        ({"starts_at_1": None}, "invalid_date"),
        ({"capacity": "-3"}, "min_value"),
        ({"online_url": "https://meet.example/x"}, "url_not_online"),
    ],
)
def test_the_event_form_refuses_bad_times_and_places_with_a_clear_message(
    staff_client, fields, code
):
    response = staff_client.post(reverse("admin:events_event_add"), _form(**fields))
    assert response.status_code == 200
    assert code in _errors(response)
    assert not Event.objects.filter(slug="coordinators-workshop").exists()


def test_more_places_go_through_the_service_and_promote_the_waiting_list(staff_client):
    event = _full(capacity=2, waiting=2)
    first_waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).order_by(
        "requested_at"
    )[0]
    url = reverse("admin:events_event_change", args=[event.pk])
    form = staff_client.get(url).context["adminform"].form
    data = _form(slug=event.slug, capacity="3")
    data.update({"starts_at_0": "", "starts_at_1": ""})
    initial = form.initial["starts_at"]
    data["starts_at_0"], data["starts_at_1"] = (
        initial.strftime("%Y-%m-%d"),
        initial.strftime("%H:%M"),
    )
    end = timezone.localtime(event.ends_at, zoneinfo.ZoneInfo("Europe/Paris"))
    data["ends_at_0"], data["ends_at_1"] = end.strftime("%Y-%m-%d"), end.strftime("%H:%M")
    data["registration"] = Event.Registration.OPEN
    response = staff_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    event.refresh_from_db()
    first_waiting.refresh_from_db()
    assert (event.capacity, event.confirmed_count) == (3, 3)
    assert first_waiting.status == Status.CONFIRMED
    assert Registration.objects.filter(event=event, status=Status.WAITLISTED).count() == 1
    audit = AuditEvent.objects.get(action="events.capacity_changed")
    assert audit.details["from"] == 2
    assert audit.details["to"] == 3


def test_fewer_places_than_confirmed_is_refused_and_nothing_changes(staff_client):
    event = _full(capacity=3, waiting=0)
    url = reverse("admin:events_event_change", args=[event.pk])
    start = timezone.localtime(event.starts_at, zoneinfo.ZoneInfo("Europe/Paris"))
    end = timezone.localtime(event.ends_at, zoneinfo.ZoneInfo("Europe/Paris"))
    data = _form(
        slug=event.slug,
        capacity="2",
        title_en="A new title",
        starts_at_0=start.strftime("%Y-%m-%d"),
        starts_at_1=start.strftime("%H:%M"),
        ends_at_0=end.strftime("%Y-%m-%d"),
        ends_at_1=end.strftime("%H:%M"),
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "capacity_below_confirmed" in _errors(response)
    event.refresh_from_db()
    assert (event.capacity, event.confirmed_count) == (3, 3)
    assert event.title_en != "A new title"


def test_an_output_document_is_attached_in_the_admin(staff_client):
    event = EventFactory(starts_at=timezone.now() - timedelta(days=3), registration="closed")
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    document = DocumentFactory()
    start = timezone.localtime(event.starts_at, zoneinfo.ZoneInfo("Europe/Paris"))
    end = timezone.localtime(event.ends_at, zoneinfo.ZoneInfo("Europe/Paris"))
    data = _form(
        slug=event.slug,
        registration="closed",
        capacity="10",
        starts_at_0=start.strftime("%Y-%m-%d"),
        starts_at_1=start.strftime("%H:%M"),
        ends_at_0=end.strftime("%Y-%m-%d"),
        ends_at_1=end.strftime("%H:%M"),
        **{
            "outputs-TOTAL_FORMS": "1",
            "outputs-0-document": str(document.pk),
            "outputs-0-kind": EventOutput.Kind.SUMMARY,
            "outputs-0-position": "0",
        },
    )
    response = staff_client.post(reverse("admin:events_event_change", args=[event.pk]), data)
    assert response.status_code == 302, _errors(response)
    assert list(event.outputs.values_list("document_id", flat=True)) == [document.pk]


# --- The approval queue -----------------------------------------------------------------------


@pytest.fixture
def pending():
    event = EventFactory(registration=Event.Registration.APPROVAL, capacity=1)
    return Registration.objects.create(
        event=event, user=UserFactory(city=CityFactory()), status=Status.PENDING
    )


def test_approve_on_the_change_page_confirms_through_the_service_and_is_audited(
    staff_client, pending
):
    response = staff_client.post(reverse("admin:events_registration_approve", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.CONFIRMED
    assert pending.event.__class__.objects.get(pk=pending.event_id).confirmed_count == 1
    audit = AuditEvent.objects.get(action="events.registration_approved")
    assert audit.subject_id == pending.user_id


def test_approve_when_full_puts_on_the_waiting_list(staff_client, pending):
    Registration.objects.create(event=pending.event, user=UserFactory(), status=Status.CONFIRMED)
    staff_client.post(reverse("admin:events_registration_approve", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.status == Status.WAITLISTED


def test_refuse_needs_a_reason_and_nothing_changes_without_one(staff_client, pending):
    url = reverse("admin:events_registration_refuse", args=[pending.pk])
    for reason in ("", "   "):
        response = staff_client.post(url, {"reason": reason})
        assert response.status_code == 400
        assert [e.code for e in response.context["form"].errors.as_data()["reason"]] == ["required"]
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    response = staff_client.post(url, {"reason": "For prevention coordinators only."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.refusal_reason) == (
        Status.REFUSED,
        "For prevention coordinators only.",
    )
    audit = AuditEvent.objects.get(action="events.registration_refused")
    # The reason is attendee data: it is not copied into the log.
    assert "coordinators" not in str(audit.details)


def test_list_actions_approve_and_refuse_with_a_reason(staff_client):
    event = EventFactory(registration=Event.Registration.APPROVAL, capacity=None)
    regs = [
        Registration.objects.create(event=event, user=UserFactory(), status=Status.PENDING)
        for _ in range(3)
    ]
    url = reverse("admin:events_registration_changelist")
    response = staff_client.post(
        url, {"action": "approve_selected", "_selected_action": [regs[0].pk, regs[1].pk]}
    )
    assert response.status_code == 302
    # Refusing asks for the reason first; sent without one, it is asked again (400).
    selected = {"action": "refuse_selected", "_selected_action": [regs[1].pk, regs[2].pk]}
    assert staff_client.post(url, selected).status_code == 200
    assert staff_client.post(url, {**selected, "apply": "1", "reason": ""}).status_code == 400
    response = staff_client.post(url, {**selected, "apply": "1", "reason": "No places left."})
    assert response.status_code == 302
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == [Status.CONFIRMED, Status.REFUSED, Status.REFUSED]
    assert AuditEvent.objects.filter(action="events.registration_refused").count() == 2


def test_approving_what_is_not_pending_says_so(staff_client, pending):
    Registration.objects.filter(pk=pending.pk).update(status=Status.CANCELLED)
    response = staff_client.post(
        reverse("admin:events_registration_approve", args=[pending.pk]), follow=True
    )
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    pending.refresh_from_db()
    assert pending.status == Status.CANCELLED


def test_registrations_are_never_edited_in_the_admin(staff_client, pending):
    question = QuestionFactory(event=pending.event, text_en="Your organisation?")
    pending.answers.create(question=question, value="<b>Youth services</b>")
    url = reverse("admin:events_registration_change", args=[pending.pk])
    page = staff_client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    # The answers are shown to decide on, escaped.
    assert "&lt;b&gt;Youth services&lt;/b&gt;" in page.content.decode()
    response = staff_client.post(url, {"status": Status.CONFIRMED})
    assert response.status_code in (200, 302)
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert staff_client.get(reverse("admin:events_registration_add")).status_code == 403


@pytest.mark.parametrize("pk", [999_999_999])
def test_tampered_registration_ids_are_404_never_500(staff_client, pk):
    for name in ("admin:events_registration_approve", "admin:events_registration_refuse"):
        assert staff_client.post(reverse(name, args=[pk]), {"reason": "x"}).status_code == 404
    assert staff_client.get(f"/en/admin/events/registration/{pk}/change/").status_code == 302
    assert staff_client.get("/en/admin/events/registration/not-a-number/change/").status_code in (
        302,
        404,
    )


def test_an_event_people_registered_for_cannot_be_deleted_in_the_admin(staff_client, member_a):
    kept = EventFactory()
    Registration.objects.create(event=kept, user=member_a, city=member_a.city)
    empty = EventFactory()
    assert staff_client.get(reverse("admin:events_event_delete", args=[kept.pk])).status_code == 403
    response = staff_client.post(
        reverse("admin:events_event_delete", args=[kept.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Event.objects.filter(pk=kept.pk).exists()
    assert kept.registrations.count() == 1
    # An event nobody registered for can go; there is no bulk delete of events at all.
    assert (
        staff_client.get(reverse("admin:events_event_delete", args=[empty.pk])).status_code == 200
    )
    listing = staff_client.get(reverse("admin:events_event_changelist"))
    assert "delete_selected" not in listing.content.decode()
    assert str(kept.registrations.get()).startswith(str(kept))
