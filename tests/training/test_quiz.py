"""Quizzes through their pages: one question per page, each answer kept as given, graded on the
server, the right answers never in a page before submission, the best score counts, and every
tampered post refused or ignored — never counted."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.training.factories import ModuleFactory, module_with_lessons, quiz_lesson
from training.models import Lesson, LessonCompletion, Option, Question, QuizAnswer, QuizAttempt
from training.services import progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return module_with_lessons()


@pytest.fixture
def lesson(module):
    return module.lessons.get(kind=Lesson.Kind.QUIZ)


@pytest.fixture
def client_a(member_a):
    client = Client()
    login(client, member_a)
    return client


def _urls(lesson):
    kwargs = {"slug": lesson.module.slug, "position": lesson.position}
    return {
        "page": reverse("training:lesson-detail", kwargs=kwargs),
        "start": reverse("training:quiz-start", kwargs=kwargs),
    }


def _attempt_url(name, lesson, attempt):
    kwargs = {"slug": lesson.module.slug, "position": lesson.position, "attempt": attempt.pk}
    return reverse(f"training:{name}", kwargs=kwargs)


def _questions(lesson):
    q1, q2 = Question.objects.filter(quiz=lesson.quiz).order_by("position")
    return q1, q2


def _right(question):
    return [o.pk for o in question.options.filter(is_correct=True)]


def _wrong(question):
    return [question.options.filter(is_correct=False).first().pk]


def _start(client, lesson):
    response = client.post(_urls(lesson)["start"])
    assert response.status_code == 302
    return QuizAttempt.objects.filter(quiz=lesson.quiz, submitted_at__isnull=True).latest("pk")


def _answer(client, lesson, attempt, question, options):
    return client.post(
        _attempt_url("quiz-answer", lesson, attempt),
        {"question": question.pk, "option": options},
    )


def _submit(client, lesson, attempt, **extra):
    return client.post(_attempt_url("quiz-submit", lesson, attempt), extra)


def test_the_pages_never_show_the_right_answers_before_submission(client_a, lesson):
    page = client_a.get(_urls(lesson)["page"])
    assert page.status_code == 200
    attempt = _start(client_a, lesson)
    q1, q2 = _questions(lesson)
    first = client_a.get(_urls(lesson)["page"]).content.decode()
    assert "What comes first?" in first and "Listen" in first
    assert "Who are partners?" not in first  # one question per page
    assert "Yes: listening builds trust." not in first  # no feedback
    assert "is_correct" not in first and "correct" not in first.lower().replace("incorrect", "")
    _answer(client_a, lesson, attempt, q1, _right(q1))
    second = client_a.get(_urls(lesson)["page"]).content.decode()
    assert "Who are partners?" in second
    assert "Yes: listening builds trust." not in second


def test_each_answer_is_kept_as_given_and_graded_on_submission(client_a, lesson, member_a):
    attempt = _start(client_a, lesson)
    q1, q2 = _questions(lesson)
    assert _answer(client_a, lesson, attempt, q1, _wrong(q1)).status_code == 302
    # Kept at once: a lost connection now loses nothing already answered.
    assert QuizAnswer.objects.get(attempt=attempt, question=q1).option_ids == _wrong(q1)
    _answer(client_a, lesson, attempt, q1, _right(q1))  # a change replaces it
    _answer(client_a, lesson, attempt, q2, _right(q2))
    response = _submit(client_a, lesson, attempt)
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    assert LessonCompletion.objects.filter(lesson=lesson, enrolment__user=member_a).exists()
    result = client_a.get(response["Location"])
    assert result.status_code == 200
    text = result.content.decode()
    assert "100%" in text and "Yes: listening builds trust." in text  # the chosen one's feedback
    assert "Not yet." not in text  # not the feedback of an option not chosen


def test_failing_then_passing_and_the_best_score_counts(client_a, lesson, member_a):
    q1, q2 = _questions(lesson)
    attempt = _start(client_a, lesson)
    _answer(client_a, lesson, attempt, q1, _wrong(q1))
    _answer(client_a, lesson, attempt, q2, _wrong(q2))
    _submit(client_a, lesson, attempt)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (0, False)
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()
    second = _start(client_a, lesson)
    assert second.number == 2
    _answer(client_a, lesson, second, q1, _right(q1))
    _answer(client_a, lesson, second, q2, _right(q2))
    _submit(client_a, lesson, second)
    third = _start(client_a, lesson)
    _submit(client_a, lesson, third)  # nothing answered: 0
    page = client_a.get(_urls(lesson)["page"]).content.decode()
    assert "Your best score: 100%" in page
    assert LessonCompletion.objects.filter(lesson=lesson).count() == 1


def test_attempts_are_limited(client_a, lesson):
    for _ in range(lesson.quiz.max_attempts):
        _submit(client_a, lesson, _start(client_a, lesson))
    response = client_a.post(_urls(lesson)["start"])
    assert response.status_code == 409
    assert "every attempt" in response.content.decode()
    assert QuizAttempt.objects.filter(quiz=lesson.quiz).count() == lesson.quiz.max_attempts


def test_an_answer_to_another_quizs_question_is_refused(client_a, lesson):
    attempt = _start(client_a, lesson)
    other = quiz_lesson(ModuleFactory())
    foreign = other.quiz.questions.first()
    response = _answer(client_a, lesson, attempt, foreign, _right(foreign))
    assert response.status_code == 400
    assert "not part of this quiz" in response.content.decode()
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()


def test_an_option_of_another_question_is_refused(client_a, lesson):
    attempt = _start(client_a, lesson)
    q1, q2 = _questions(lesson)
    response = _answer(client_a, lesson, attempt, q1, _right(q2)[:1])
    assert response.status_code == 400
    assert "not one of this question" in response.content.decode()
    other = Option.objects.exclude(question__quiz=lesson.quiz).first()
    assert other is None or _answer(client_a, lesson, attempt, q1, [other.pk]).status_code == 400
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()


def test_bad_answers_are_refused_with_a_message(client_a, lesson):
    attempt = _start(client_a, lesson)
    q1, _q2 = _questions(lesson)
    url = _attempt_url("quiz-answer", lesson, attempt)
    assert client_a.post(url, {"question": q1.pk}).status_code == 400  # nothing chosen
    assert client_a.post(url, {"question": q1.pk, "option": "x"}).status_code == 400
    two = [o.pk for o in q1.options.all()]
    response = client_a.post(url, {"question": q1.pk, "option": two})
    assert response.status_code == 400  # two answers to a one-answer question
    assert "only one" in response.content.decode()
    assert client_a.post(url, {"question": 999999, "option": two[:1]}).status_code == 404
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()


def test_answering_after_submission_is_refused(client_a, lesson):
    attempt = _start(client_a, lesson)
    q1, _q2 = _questions(lesson)
    _answer(client_a, lesson, attempt, q1, _wrong(q1))
    _submit(client_a, lesson, attempt)
    response = _answer(client_a, lesson, attempt, q1, _right(q1))
    assert response.status_code == 409
    assert QuizAnswer.objects.get(attempt=attempt).option_ids == _wrong(q1)
    attempt.refresh_from_db()
    assert attempt.score == 0


def test_a_forged_score_is_ignored(client_a, lesson):
    attempt = _start(client_a, lesson)
    response = _submit(client_a, lesson, attempt, score="100", passed="1")
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (0, False)
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()


def test_submitting_twice_counts_once(client_a, lesson):
    attempt = _start(client_a, lesson)
    q1, q2 = _questions(lesson)
    _answer(client_a, lesson, attempt, q1, _right(q1))
    _answer(client_a, lesson, attempt, q2, _right(q2))
    _submit(client_a, lesson, attempt)
    attempt.refresh_from_db()
    submitted_at = attempt.submitted_at
    assert _submit(client_a, lesson, attempt).status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at
    assert QuizAttempt.objects.filter(quiz=lesson.quiz).count() == 1


def test_another_learners_attempt_is_404(client_a, lesson, member_b):
    other = Client()
    login(other, member_b)
    attempt = _start(other, lesson)
    q1, _q2 = _questions(lesson)
    assert _answer(client_a, lesson, attempt, q1, _right(q1)).status_code == 404
    assert _submit(client_a, lesson, attempt).status_code == 404
    assert client_a.get(_attempt_url("attempt-detail", lesson, attempt)).status_code == 404
    assert not QuizAnswer.objects.filter(attempt=attempt).exists()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_an_attempt_posted_to_another_quiz_lesson_is_404(client_a, module, member_a):
    lesson = module.lessons.get(kind=Lesson.Kind.QUIZ)
    attempt = _start(client_a, lesson)
    reading = module.lessons.get(kind=Lesson.Kind.READING)
    kwargs = {"slug": module.slug, "position": reading.position, "attempt": attempt.pk}
    assert client_a.post(reverse("training:quiz-submit", kwargs=kwargs)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_count_once(member_a):
    lesson = quiz_lesson(ModuleFactory())
    enrolment = progress.enrolment_create(user=member_a, module=lesson.module, by=member_a)
    attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=lesson.quiz, by=member_a)
    for question in lesson.quiz.questions.all():
        progress.quiz_answer(
            attempt=attempt, question=question, option_ids=_right(question), by=member_a
        )
    barrier = threading.Barrier(2)
    errors = []

    def submit():
        try:
            barrier.wait()
            progress.quiz_attempt_submit(
                attempt=QuizAttempt.objects.select_related("enrolment").get(pk=attempt.pk),
                by=member_a,
            )
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    enrolment.refresh_from_db()
    assert enrolment.completed_count == 1
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1
    assert QuizAttempt.objects.get(pk=attempt.pk).score == 100
