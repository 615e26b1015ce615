"""Registering and cancelling through the pages, a member's events, and their calendar feed."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, Question, Registration, RegistrationAnswer
from events.services.feeds import feed_token_of, feed_token_regenerate
from tests.conftest import login
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def _url(name, event, language="en"):
    with translation.override(language):
        return reverse(f"events:{name}", kwargs={"slug": event.slug})


@pytest.fixture
def event():
    event = EventFactory(slug="lab", capacity=2)
    QuestionFactory(event=event, position=0, is_required=True)  # text
    QuestionFactory(
        event=event,
        position=1,
        kind=Question.Kind.CHOICE,
        text_en="Which session?",
        text_fr="Quelle séance ?",
        text_ar="أي جلسة؟",
        options_en="Morning\nAfternoon",
        options_fr="Matin\nAprès-midi",
        options_ar="صباحًا\nبعد الظهر",
        is_required=True,
    )
    QuestionFactory(
        event=event,
        position=2,
        kind=Question.Kind.YES_NO,
        text_en="Do you need a visa letter?",
        text_fr="Avez-vous besoin d’une lettre pour le visa ?",
        text_ar="هل تحتاج إلى رسالة للتأشيرة؟",
    )
    return event


def _answers(event, **overrides):
    text, choice, yes_no = event.questions.order_by("position")
    data = {f"q_{text.pk}": "Prevention", f"q_{choice.pk}": "Morning", f"q_{yes_no.pk}": "no"}
    data.update(overrides)
    return data


def test_form_shows_questions_in_the_reader_language(client, member_a, event):
    login(client, member_a)
    html = client.get(_url("registration-create", event, "fr")).content.decode()
    assert "Quelle séance ?" in html
    assert "Matin" in html and "Après-midi" in html
    assert 'value="Morning"' in html  # the stored value is the English line
    assert "<textarea" in html and 'type="radio"' in html
    assert "required-mark" in html
    html = client.get(_url("registration-create", event, "ar")).content.decode()
    assert "بعد الظهر" in html


def test_options_fall_back_to_english_when_lines_do_not_match(client, member_a, event):
    choice = event.questions.get(kind=Question.Kind.CHOICE)
    choice.options_fr = "Matin seulement"
    choice.save()
    login(client, member_a)
    html = client.get(_url("registration-create", event, "fr")).content.decode()
    assert "Afternoon" in html and "Matin seulement" not in html


def test_register_confirmed_then_waitlisted(client, member_a, member_b, event):
    login(client, member_a)
    response = client.post(_url("registration-create", event), _answers(event))
    assert response.status_code == 302
    assert response["Location"] == _url("event-detail", event)
    registration = Registration.objects.get(event=event, user=member_a)
    assert registration.status == Status.CONFIRMED
    values = set(
        RegistrationAnswer.objects.filter(registration=registration).values_list("value", flat=True)
    )
    assert values == {"Prevention", "Morning", "no"}
    page = client.get(response["Location"]).content.decode()
    assert "your place is confirmed" in page
    # One place left, then full: the next one waits.
    other = UserFactory()
    Registration.objects.create(event=event, user=other, status=Status.CONFIRMED)
    login(client, member_b)
    response = client.post(_url("registration-create", event), _answers(event), follow=True)
    assert "you are on the waiting list" in response.content.decode()
    assert Registration.objects.get(event=event, user=member_b).status == Status.WAITLISTED


def test_register_on_approval(client, member_a):
    event = EventFactory(registration=Event.Registration.APPROVAL)
    login(client, member_a)
    response = client.post(_url("registration-create", event), {}, follow=True)
    assert "awaiting approval by SCN staff" in response.content.decode()
    assert Registration.objects.get(event=event, user=member_a).status == Status.PENDING


def _bad(client, member, event, data):
    login(client, member)
    response = client.post(_url("registration-create", event), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and "data-error-summary" in html
    assert not Registration.objects.filter(event=event, user=member).exists()
    return html


def test_missing_required_answer(client, member_a, event):
    text = event.questions.get(kind=Question.Kind.TEXT)
    html = _bad(client, member_a, event, _answers(event, **{f"q_{text.pk}": "  "}))
    assert "Answer this question." in html


def test_tampered_choice(client, member_a, event):
    choice = event.questions.get(kind=Question.Kind.CHOICE)
    html = _bad(client, member_a, event, _answers(event, **{f"q_{choice.pk}": "Midnight"}))
    assert "Choose one of the options." in html


def test_tampered_yes_no(client, member_a, event):
    yes_no = event.questions.get(kind=Question.Kind.YES_NO)
    html = _bad(client, member_a, event, _answers(event, **{f"q_{yes_no.pk}": "maybe"}))
    assert "Answer yes or no." in html


def test_question_of_another_event(client, member_a, event):
    foreign = QuestionFactory(event=EventFactory())
    html = _bad(client, member_a, event, _answers(event, **{f"q_{foreign.pk}": "hello"}))
    assert "Some answers are to questions this event does not ask." in html
    # Also a question id too large for the database.
    html = _bad(client, member_a, event, _answers(event, **{"q_999999999999": "x"}))
    assert "Some answers are to questions this event does not ask." in html


def test_huge_text(client, member_a, event):
    text = event.questions.get(kind=Question.Kind.TEXT)
    html = _bad(client, member_a, event, _answers(event, **{f"q_{text.pk}": "x" * 100_000}))
    assert "at most 2000 characters" in html


def test_bad_input_message_in_arabic(client, member_a, event):
    choice = event.questions.get(kind=Question.Kind.CHOICE)
    login(client, member_a)
    with translation.override("ar"):
        response = client.post(
            _url("registration-create", event, "ar"), _answers(event, **{f"q_{choice.pk}": "?"})
        )
    assert response.status_code == 400
    assert 'lang="ar"' in response.content.decode()


def test_already_registered_and_closed_are_conflicts(client, member_a, event):
    Registration.objects.create(event=event, user=member_a, status=Status.CONFIRMED)
    login(client, member_a)
    response = client.post(_url("registration-create", event), _answers(event))
    assert response.status_code == 409
    assert "You are already registered for this event." in response.content.decode()
    closed = EventFactory(registration=Event.Registration.CLOSED)
    response = client.post(_url("registration-create", closed), {})
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.content.decode()
    invitation = EventFactory(registration=Event.Registration.INVITATION)
    response = client.post(_url("registration-create", invitation), {})
    assert response.status_code == 409
    assert "by invitation only" in response.content.decode()


def test_not_visible_is_not_found(client, member_a):
    event = EventFactory(visibility=Event.Visibility.STAFF)
    login(client, member_a)
    assert client.get(_url("registration-create", event)).status_code == 404
    assert client.post(_url("registration-create", event), {}).status_code == 404
    assert not Registration.objects.exists()


def test_cancel_promotes_the_waiting_list(client, member_a, member_b):
    event = EventFactory(capacity=1)
    Registration.objects.create(event=event, user=member_a, status=Status.CONFIRMED)
    waiting = Registration.objects.create(event=event, user=member_b, status=Status.WAITLISTED)
    login(client, member_a)
    response = client.post(_url("registration-cancel", event), follow=True)
    assert "is cancelled" in response.content.decode()
    assert Registration.objects.get(event=event, user=member_a).status == Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    # Nothing left to cancel: said so, no error.
    response = client.post(_url("registration-cancel", event), follow=True)
    assert "no registration to cancel" in response.content.decode()


def test_cancel_refused_once_the_event_started(client, member_a):
    event = EventFactory(starts_at=timezone.now() - timedelta(hours=1))
    Registration.objects.create(event=event, user=member_a, status=Status.CONFIRMED)
    login(client, member_a)
    response = client.post(_url("registration-cancel", event), follow=True)
    assert "This event has started" in response.content.decode()
    assert Registration.objects.get(event=event, user=member_a).status == Status.CONFIRMED


# My events and the feed ----------------------------------------------------------------------


def test_my_events_upcoming_then_past(client, member_a):
    soon = EventFactory(title_en="Soon", starts_at=timezone.now() + timedelta(days=2))
    later = EventFactory(title_en="Later", starts_at=timezone.now() + timedelta(days=20))
    past = EventFactory(title_en="Long ago", starts_at=None, ends_at=None, year=2017)
    hidden = EventFactory(title_en="Hidden", visibility=Event.Visibility.STAFF)
    for item, status in (
        (later, Status.PENDING),
        (soon, Status.CONFIRMED),
        (past, Status.CONFIRMED),
        (hidden, Status.CONFIRMED),
    ):
        Registration.objects.create(event=item, user=member_a, status=status)
    Registration.objects.create(
        event=EventFactory(title_en="Dropped"), user=member_a, status=Status.CANCELLED
    )
    login(client, member_a)
    html = client.get(reverse("events:my-events")).content.decode()
    assert html.index("Soon") < html.index("Later") < html.index("Long ago")
    assert "Awaiting approval" in html and "2017" in html
    assert "Hidden" not in html and "Dropped" not in html
    assert "Create my feed" in html


def test_feed_create_regenerate_revoke(client, member_a):
    login(client, member_a)
    response = client.post(reverse("events:feed-token-regenerate"), follow=True)
    token = feed_token_of(user=member_a)
    feed = reverse("events:feed", kwargs={"token": token})
    assert feed in response.content.decode()
    assert client.get(feed).status_code == 200
    client.post(reverse("events:feed-token-regenerate"))
    assert client.get(feed).status_code == 404
    new = reverse("events:feed", kwargs={"token": feed_token_of(user=member_a)})
    assert client.get(new).status_code == 200
    response = client.post(reverse("events:feed-token-revoke"), follow=True)
    assert "Create my feed" in response.content.decode()
    assert client.get(new).status_code == 404


@pytest.mark.parametrize("token", ["0" * 64, "A" * 64, "f" * 65, "x", "../etc"])
def test_bad_feed_tokens_say_nothing(client, member_a, token):
    feed_token_regenerate(user=member_a)
    response = client.get(f"/en/events/feed/{token}.ics")
    assert response.status_code == 404
    body = response.content.decode().lower()
    # The site's plain "not found" page: nothing about the token or why it failed.
    assert response.templates[0].name == "404.html"
    assert not any(word in body for word in ("revoked", "expired", "invalid", "wrong"))


def test_feed_of_an_inactive_member_is_not_found(client):
    user = UserFactory()
    token = feed_token_regenerate(user=user)
    user.is_active = False
    user.save()
    assert client.get(reverse("events:feed", kwargs={"token": token})).status_code == 404


def test_feed_holds_the_member_events_in_their_language(client, member_a):
    member_a.language = "fr"
    member_a.save()
    confirmed = EventFactory(is_online=True, online_url="https://meet.example/ok")
    waiting = EventFactory(is_online=True, online_url="https://meet.example/wait")
    cancelled = EventFactory()
    year_only = EventFactory(starts_at=None, ends_at=None, year=2017)
    Registration.objects.create(event=confirmed, user=member_a, status=Status.CONFIRMED)
    Registration.objects.create(event=waiting, user=member_a, status=Status.WAITLISTED)
    Registration.objects.create(event=cancelled, user=member_a, status=Status.CANCELLED)
    Registration.objects.create(event=year_only, user=member_a, status=Status.CONFIRMED)
    token = feed_token_regenerate(user=member_a)
    response = client.get(reverse("events:feed", kwargs={"token": token}))  # no login
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(vevent["summary"]): vevent for vevent in calendar.walk("VEVENT")}
    with translation.override("fr"):
        waiting_label = str(Status.WAITLISTED.label)
    assert set(summaries) == {confirmed.title_fr, f"{waiting.title_fr} ({waiting_label})"}
    assert waiting_label != "On the waiting list"
    body = response.content.decode()
    assert "https://meet.example/ok" in body
    assert "https://meet.example/wait" not in body
    assert "/fr/events/" in body
