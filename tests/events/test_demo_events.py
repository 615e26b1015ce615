"""The demo events of `make demo`: every registration mode, one online, one full with a waiting
list, marked as demo, and the same after a second run."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import Event, Provenance, Question, Registration
from hub.services import scn_data_load

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    scn_data_load()
    call_command("seed_demo")
    call_command("seed_demo_events")


def _state() -> list[tuple]:
    return list(
        Registration.objects.order_by("event__slug", "requested_at", "pk").values_list(
            "event__slug", "user__email", "status"
        )
    )


def test_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo_events")


def test_refused_without_the_demo_accounts(settings):
    settings.DEBUG = True
    scn_data_load()
    with pytest.raises(CommandError):
        call_command("seed_demo_events")


def test_every_mode_upcoming_and_marked(demo):
    events = Event.objects.filter(provenance=Provenance.DEMO)
    assert set(events.values_list("registration", flat=True)) == set(Event.Registration.values)
    now = timezone.now()
    for event in events:
        assert event.starts_at > now
        assert event.registration_deadline is None or event.registration_deadline > now
        for code in ("en", "fr", "ar"):
            assert getattr(event, f"title_{code}").startswith("DEMO — ")
    assert events.filter(is_online=True).exclude(online_url="").exists()
    online = events.get(is_online=True)
    assert online.online_url.endswith(".invalid/webinar")
    invited = events.get(registration=Event.Registration.INVITATION)
    assert invited.visibility == Event.Visibility.INVITED
    assert invited.invitations.filter(city__slug="montreal").exists()
    # Questions in three languages for every event one can register for.
    for event in events.exclude(registration=Event.Registration.CLOSED):
        questions = Question.objects.filter(event=event)
        assert set(questions.values_list("kind", flat=True)) == set(Question.Kind.values)
        assert all(q.text_en and q.text_fr and q.text_ar for q in questions)
    # Nobody real: every participant is a demo account.
    assert all(
        email.endswith("@demo.scn.invalid")
        for email in Registration.objects.values_list("user__email", flat=True)
    )


def test_one_event_is_full_with_a_waiting_list_in_order(demo):
    full = Event.objects.get(slug="demo-webinar-full")
    assert full.confirmed_count == full.capacity == 3
    statuses = list(
        Registration.objects.filter(event=full)
        .order_by("requested_at", "pk")
        .values_list("status", flat=True)
    )
    assert statuses == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    approval = Event.objects.get(registration=Event.Registration.APPROVAL, provenance="demo")
    assert set(approval.registrations.values_list("status", flat=True)) == {Status.PENDING}


def test_a_second_run_changes_nothing(demo):
    before = _state()
    events = list(Event.objects.order_by("slug").values_list("slug", "starts_at", "capacity"))
    call_command("seed_demo_events")
    assert _state() == before
    assert list(Event.objects.order_by("slug").values_list("slug", "starts_at", "capacity")) == (
        events
    )
