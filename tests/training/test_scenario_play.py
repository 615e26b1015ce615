"""Playing a branching scenario through its page: the situation and its choices, feedback and
the next step, an ending with its outcome and debrief completes the lesson, replay starts a new
play, the path is recorded; stale and tampered posts are refused, never counted."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.training.factories import ModuleFactory, module_with_lessons, scenario_lesson
from training.models import Choice, Lesson, LessonCompletion, ScenarioMove, ScenarioRun, Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson():
    return module_with_lessons().lessons.get(kind=Lesson.Kind.SCENARIO)


@pytest.fixture
def client_a(member_a):
    client = Client()
    login(client, member_a)
    return client


def _url(name, lesson):
    return reverse(
        f"training:{name}", kwargs={"slug": lesson.module.slug, "position": lesson.position}
    )


def _step(lesson, key):
    return Step.objects.get(scenario=lesson.scenario, key=key)


def _choice(lesson, text):
    return Choice.objects.get(step__scenario=lesson.scenario, text_en=text)


def _choose(client, lesson, step, choice, **extra):
    data = {"step": step.pk, "choice": choice.pk, **extra}
    return client.post(_url("scenario-choose", lesson), data)


def test_the_page_shows_the_situation_and_its_choices(client_a, lesson):
    text = client_a.get(_url("lesson-detail", lesson)).content.decode()
    assert "A pupil repeats a slogan." in text
    assert "Ask him about it" in text and "Ignore it" in text
    assert 'type="radio"' in text
    assert "Talking kept him close." not in text  # no debrief before the ending


def test_an_ending_shows_its_outcome_and_debrief_and_completes_the_lesson(
    client_a, lesson, member_a
):
    response = _choose(
        client_a, lesson, _step(lesson, "start"), _choice(lesson, "Ask him about it")
    )
    assert response.status_code == 302
    run = ScenarioRun.objects.get(enrolment__user=member_a)
    assert (run.outcome, run.score, run.ended_at is not None) == ("good", 2, True)
    assert list(run.moves.values_list("choice__text_en", flat=True)) == ["Ask him about it"]
    assert LessonCompletion.objects.filter(lesson=lesson, enrolment__user=member_a).exists()
    text = client_a.get(_url("lesson-detail", lesson)).content.decode()
    assert "Good practice" in text and "Talking kept him close." in text
    assert "Play the scenario again" in text


def test_a_harmful_ending_completes_the_lesson_too_and_replay_starts_a_new_play(
    client_a, lesson, member_a
):
    _choose(client_a, lesson, _step(lesson, "start"), _choice(lesson, "Ignore it"))
    first = ScenarioRun.objects.get(enrolment__user=member_a)
    assert first.outcome == "harmful"
    assert client_a.post(_url("scenario-replay", lesson)).status_code == 302
    second = ScenarioRun.objects.filter(enrolment__user=member_a).latest("number")
    assert (second.number, second.current_step.key, second.ended_at) == (2, "start", None)
    text = client_a.get(_url("lesson-detail", lesson)).content.decode()
    assert "A pupil repeats a slogan." in text and "Silence pushed him away." not in text
    _choose(
        client_a, lesson, _step(lesson, "start"), _choice(lesson, "Ask him about it"), run=second.pk
    )
    second.refresh_from_db()
    assert second.outcome == "good"
    assert LessonCompletion.objects.filter(lesson=lesson).count() == 1


def test_a_choice_of_another_step_is_refused(client_a, lesson, member_a):
    other = scenario_lesson(ModuleFactory())
    foreign = Choice.objects.filter(step__scenario=other.scenario).first()
    response = _choose(client_a, lesson, _step(lesson, "start"), foreign)
    assert response.status_code == 400
    assert "not one of this step" in response.content.decode()
    assert not ScenarioMove.objects.exists()


def test_skipping_to_a_later_step_is_refused(client_a, lesson, member_a):
    # A step the play is not at (here an ending, as if the learner jumped there).
    good = _step(lesson, "good")
    response = _choose(client_a, lesson, good, _choice(lesson, "Ask him about it"))
    assert response.status_code == 409
    assert "no longer at" in response.content.decode()
    assert not ScenarioMove.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_replaying_a_passed_step_from_a_stale_form_is_refused(client_a, lesson, member_a):
    start, ask = _step(lesson, "start"), _choice(lesson, "Ask him about it")
    _choose(client_a, lesson, start, ask)
    run = ScenarioRun.objects.get(enrolment__user=member_a)
    # The same form again, with its play (now ended): refused.
    response = _choose(client_a, lesson, start, ask, run=run.pk)
    assert response.status_code == 409
    assert "ended" in response.content.decode()
    # A new play, then the old play's form again: refused too.
    client_a.post(_url("scenario-replay", lesson))
    new = ScenarioRun.objects.filter(enrolment__user=member_a).latest("number")
    _choose(client_a, lesson, start, ask, run=new.pk)
    assert _choose(client_a, lesson, start, ask, run=new.pk).status_code == 409
    assert ScenarioMove.objects.filter(run__enrolment__user=member_a).count() == 2


def test_a_forged_score_is_ignored(client_a, lesson, member_a):
    _choose(client_a, lesson, _step(lesson, "start"), _choice(lesson, "Ignore it"), score="99")
    run = ScenarioRun.objects.get(enrolment__user=member_a)
    assert run.score == 0


def test_bad_posts_are_refused_with_a_message(client_a, lesson):
    url = _url("scenario-choose", lesson)
    response = client_a.post(url, {"step": _step(lesson, "start").pk})
    assert response.status_code == 400
    assert "Choose one of the options." in response.content.decode()
    assert client_a.post(url, {"step": "x", "choice": "y"}).status_code == 400
    assert not ScenarioMove.objects.exists()


def test_another_learners_play_is_404(client_a, lesson, member_b):
    other = Client()
    login(other, member_b)
    _choose(other, lesson, _step(lesson, "start"), _choice(lesson, "Ignore it"))
    other.post(_url("scenario-replay", lesson))
    run = ScenarioRun.objects.filter(enrolment__user=member_b).latest("number")
    response = _choose(
        client_a, lesson, _step(lesson, "start"), _choice(lesson, "Ask him about it"), run=run.pk
    )
    assert response.status_code == 404
    assert not run.moves.exists()


def test_the_scenario_posts_to_another_lesson_are_refused(client_a, lesson):
    reading = lesson.module.lessons.get(kind=Lesson.Kind.READING)
    response = client_a.post(_url("scenario-replay", reading))
    assert response.status_code == 400
    assert client_a.post(_url("quiz-start", reading)).status_code == 400
