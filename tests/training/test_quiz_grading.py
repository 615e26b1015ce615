"""Grading a quiz in the database (training.services.progress): the score rounded as Python
rounds it, the pass mark at its edge, the lesson and the module completed by a pass (audited
once), the answer key following a change of the quiz, and the number of statements of an
answer and of a submission, whatever the size of the quiz."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.models import AuditEvent
from tests.conftest import login
from tests.training.factories import LessonFactory, ModuleFactory, quiz_lesson
from training import audit
from training.lesson_content import content_generation
from training.models import Lesson, LessonCompletion, Option, Question, Quiz, QuizAttempt
from training.services import progress
from training.services.progress.quizzes import _SCORE

pytestmark = pytest.mark.django_db


def _quiz(questions: int, *, pass_mark: int = 50, module=None) -> Lesson:
    """A quiz lesson of `questions` single-choice questions, the first option right."""
    lesson = LessonFactory(module=module or ModuleFactory(), kind=Lesson.Kind.QUIZ)
    quiz = Quiz.objects.create(lesson=lesson, pass_mark=pass_mark, max_attempts=50)
    for n in range(questions):
        question = Question.objects.create(quiz=quiz, position=n + 1, text_en=f"Question {n}?")
        for o in range(3):
            Option.objects.create(
                question=question, position=o + 1, is_correct=o == 0, text_en=f"Answer {o}"
            )
    return lesson


def _take(member, lesson, right: int):
    """An attempt with its first `right` questions answered right and the others wrong,
    submitted."""
    enrolment = progress.enrolment_create(user=member, module=lesson.module, by=member)
    attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=lesson.quiz, by=member)
    for n, question in enumerate(lesson.quiz.questions.order_by("position")):
        options = list(question.options.order_by("position"))
        chosen = options[0] if n < right else options[1]
        progress.quiz_answer(attempt=attempt, question=question, option_ids=[chosen.pk], by=member)
    return progress.quiz_attempt_submit(
        attempt=QuizAttempt.objects.select_related("enrolment").get(pk=attempt.pk), by=member
    )


def test_the_score_is_rounded_as_python_rounds_it():
    cases = [(right, total) for total in range(1, 41) for right in range(total + 1)]
    cases.append((0, 0))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT right_, total, {_SCORE} FROM unnest(%(r)s::int[], %(t)s::int[]) "  # noqa: S608
            "AS v(right_, total)",
            {"r": [r for r, _t in cases], "t": [t for _r, t in cases]},
        )
        scores = {(r, t): score for r, t, score in cursor.fetchall()}
    assert scores == {(r, t): round(100 * r / t) if t else 0 for r, t in cases}


@pytest.mark.parametrize(("right", "score", "passed"), [(5, 62, False), (7, 88, True)])
def test_a_half_score_is_rounded_to_even_at_the_pass_mark(member_a, right, score, passed):
    """5 of 8 is 62.5: 62, under a pass mark of 63 (rounding half up would pass it)."""
    lesson = _quiz(8, pass_mark=63)
    graded = _take(member_a, lesson, right)
    graded.refresh_from_db()
    assert (graded.score, graded.passed) == (score, passed)
    assert LessonCompletion.objects.filter(lesson=lesson).exists() is passed


def test_passing_the_last_required_lesson_completes_the_module_once(member_a):
    lesson = _quiz(2)
    LessonFactory(module=lesson.module, kind=Lesson.Kind.READING, position=9, is_required=False)
    failed = _take(member_a, lesson, 0)
    assert not failed.passed
    enrolment = failed.enrolment
    enrolment.refresh_from_db()
    assert (enrolment.completed_count, enrolment.completed_at) == (0, None)
    first = _take(member_a, lesson, 2)
    assert first.passed and first.enrolment.completed_at is not None
    enrolment.refresh_from_db()
    assert enrolment.completed_count == 1
    assert enrolment.completed_at == first.enrolment.completed_at
    _take(member_a, lesson, 2)  # passed again: nothing changes
    enrolment.refresh_from_db()
    assert (enrolment.completed_count, enrolment.completed_at) == (1, first.enrolment.completed_at)
    events = AuditEvent.objects.filter(action=audit.MODULE_COMPLETED, subject=member_a)
    assert events.count() == 1


def test_grading_follows_a_change_of_the_right_answer(member_a):
    """The service called directly (no content generation read outside a transaction given)
    grades by the answer key of the rows: a change of an option is graded at once. Through the
    pages, with the key cached: the tests at the end."""
    lesson = _quiz(1)
    assert _take(member_a, lesson, 1).score == 100
    question = lesson.quiz.questions.get()
    first, second = question.options.order_by("position")[:2]
    first.is_correct, second.is_correct = False, True
    first.save()
    second.save()
    assert _take(member_a, lesson, 1).score == 0  # the first option is wrong now
    assert _take(member_a, lesson, 0).score == 100


def test_an_unanswered_question_counts_as_wrong_and_an_empty_quiz_scores_0(member_a):
    lesson = _quiz(4)
    enrolment = progress.enrolment_create(user=member_a, module=lesson.module, by=member_a)
    attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=lesson.quiz, by=member_a)
    question = lesson.quiz.questions.order_by("position").first()
    right = question.options.get(is_correct=True)
    progress.quiz_answer(attempt=attempt, question=question, option_ids=[right.pk], by=member_a)
    graded = progress.quiz_attempt_submit(attempt=attempt, by=member_a)
    assert (graded.score, graded.passed) == (25, False)
    empty = _quiz(0)
    assert (_take(member_a, empty, 0).score, _take(member_a, empty, 0).passed) == (0, False)


def _post_queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data or {})
    assert response.status_code == 302, response.status_code
    # The transaction's own statements (a savepoint in a test) are not round trips of ours.
    return sum(
        1
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))
    )


@pytest.mark.django_db(transaction=True)  # the cache is read outside a transaction only
@pytest.mark.parametrize("questions", [2, 50])
def test_an_answer_and_a_submission_cost_the_same_few_statements_at_2_and_50_questions(
    member_a, questions
):
    """Answer: the user (the session comes from Redis), the content generation, the attempt
    with its enrolment read and locked, the answer written (the lesson and the quiz's answer
    key come from the cache, kept under the generation). Submission: the user, the content
    generation, the attempt with its enrolment read and locked, the grading with the lesson's
    completion (one statement); then, for a first completion only, the enrolment's count."""
    lesson = _quiz(questions, pass_mark=100)
    client = Client()
    login(client, member_a)
    kwargs = {"slug": lesson.module.slug, "position": lesson.position}
    client.get(reverse("training:lesson-detail", kwargs=kwargs))  # the content is cached
    assert client.post(reverse("training:quiz-start", kwargs=kwargs)).status_code == 302
    attempt = QuizAttempt.objects.get(quiz=lesson.quiz)
    answer_url = reverse("training:quiz-answer", kwargs={**kwargs, "attempt": attempt.pk})
    question = lesson.quiz.questions.order_by("position").first()
    right = question.options.get(is_correct=True)
    data = {"question": question.pk, "option": [right.pk]}
    client.post(answer_url, data)  # the answer key is cached
    assert _post_queries(client, answer_url, data) == 4
    submit_url = reverse("training:quiz-submit", kwargs={**kwargs, "attempt": attempt.pk})
    assert _post_queries(client, submit_url) == 4  # failed (1 right): nothing completed
    assert client.post(reverse("training:quiz-start", kwargs=kwargs)).status_code == 302
    second = QuizAttempt.objects.get(quiz=lesson.quiz, submitted_at__isnull=True)
    for q in lesson.quiz.questions.all():
        good = q.options.get(is_correct=True)
        progress.quiz_answer(attempt=second, question=q, option_ids=[good.pk], by=member_a)
    submit_url = reverse("training:quiz-submit", kwargs={**kwargs, "attempt": second.pk})
    # Passed, the lesson completed for the first time: its enrolment's count, the module's
    # completion (its only lesson) and its audit event (with the learner and the module).
    passed = _post_queries(client, submit_url)
    assert passed == 4 + 1 + 3, passed
    assert LessonCompletion.objects.filter(lesson=lesson).count() == 1


def test_a_submission_of_a_quiz_lesson_posted_to_another_lesson_is_404(member_a):
    module = ModuleFactory()
    first, second = quiz_lesson(module), _quiz(1, module=module)
    client = Client()
    login(client, member_a)
    start = {"slug": module.slug, "position": first.position}
    assert client.post(reverse("training:quiz-start", kwargs=start)).status_code == 302
    attempt = QuizAttempt.objects.get(quiz=first.quiz)
    other = {"slug": module.slug, "position": second.position, "attempt": attempt.pk}
    assert client.post(reverse("training:quiz-submit", kwargs=other)).status_code == 404
    question = first.quiz.questions.first()
    data = {"question": question.pk, "option": [question.options.first().pk]}
    assert client.post(reverse("training:quiz-answer", kwargs=other), data).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not attempt.answers.exists()


# Through the learner's pages, outside a transaction: the answer key comes from the cache, kept
# under the content generation the database bumps on any write to the quizzes.


def _urls(lesson: Lesson, attempt: int | None = None) -> dict[str, str]:
    kwargs = {"slug": lesson.module.slug, "position": lesson.position}
    urls = {"start": reverse("training:quiz-start", kwargs=kwargs)}
    if attempt is not None:
        for name in ("answer", "submit"):
            urls[name] = reverse(f"training:quiz-{name}", kwargs={**kwargs, "attempt": attempt})
    return urls


def _take_on_the_page(client, lesson: Lesson, chosen_position: int) -> QuizAttempt:
    """An attempt at `lesson`'s quiz through its pages, the option at `chosen_position` of
    every question chosen, submitted."""
    assert client.post(_urls(lesson)["start"]).status_code == 302
    attempt = QuizAttempt.objects.get(quiz__lesson=lesson, submitted_at__isnull=True)
    urls = _urls(lesson, attempt.pk)
    for question in Question.objects.filter(quiz__lesson=lesson).order_by("position"):
        option = question.options.get(position=chosen_position)
        data = {"question": question.pk, "option": [option.pk]}
        assert client.post(urls["answer"], data).status_code == 302
    assert client.post(urls["submit"]).status_code == 302
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def learner_client(member_a):
    client = Client()
    login(client, member_a)
    return client


@pytest.mark.django_db(transaction=True)
def test_a_right_answer_changed_by_update_or_sql_is_graded_so_at_once(learner_client):
    lesson = _quiz(2)
    assert _take_on_the_page(learner_client, lesson, 1).score == 100  # the key is cached
    assert _take_on_the_page(learner_client, lesson, 1).score == 100  # read from the cache
    # A queryset update() sends no signal: the next answer is graded by the new key.
    Option.objects.filter(question__quiz__lesson=lesson).update(is_correct=False)
    Option.objects.filter(question__quiz__lesson=lesson, position=2).update(is_correct=True)
    assert _take_on_the_page(learner_client, lesson, 1).score == 0
    assert _take_on_the_page(learner_client, lesson, 2).score == 100
    # Nor does psql, or any raw SQL.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE training_option SET is_correct = (position = 3) WHERE question_id IN "
            "(SELECT id FROM training_question WHERE quiz_id = %s)",
            [lesson.quiz.pk],
        )
    assert _take_on_the_page(learner_client, lesson, 2).score == 0
    assert _take_on_the_page(learner_client, lesson, 3).score == 100


@pytest.mark.django_db(transaction=True)
def test_a_question_of_another_kind_by_update_is_checked_so_at_once(learner_client):
    lesson = _quiz(1)
    question = lesson.quiz.questions.get()
    first, second = question.options.order_by("position")[:2]
    urls = _urls(lesson)
    assert learner_client.post(urls["start"]).status_code == 302
    attempt = QuizAttempt.objects.get(quiz=lesson.quiz, submitted_at__isnull=True)
    urls = _urls(lesson, attempt.pk)
    both = {"question": question.pk, "option": [first.pk, second.pk]}
    assert learner_client.post(urls["answer"], both).status_code == 400  # single choice
    Question.objects.filter(pk=question.pk).update(kind=Question.Kind.MULTIPLE)
    assert learner_client.post(urls["answer"], both).status_code == 302
    assert set(attempt.answers.get().option_ids) == {first.pk, second.pk}


@pytest.mark.django_db(transaction=True)
def test_a_question_deleted_by_a_queryset_delete_is_out_of_the_quiz_at_once(learner_client):
    lesson = _quiz(2)
    assert _take_on_the_page(learner_client, lesson, 1).score == 100  # the key is cached
    gone = lesson.quiz.questions.get(position=2)
    Question.objects.filter(pk=gone.pk).delete()
    assert _take_on_the_page(learner_client, lesson, 1).score == 100  # 1 of 1
    assert learner_client.post(_urls(lesson)["start"]).status_code == 302
    attempt = QuizAttempt.objects.get(quiz=lesson.quiz, submitted_at__isnull=True)
    data = {"question": gone.pk, "option": [1]}
    assert learner_client.post(_urls(lesson, attempt.pk)["answer"], data).status_code == 404
    # An option deleted the same way is no answer of its question any more.
    kept = lesson.quiz.questions.get()
    right = kept.options.get(position=1)
    Option.objects.filter(pk=right.pk).delete()
    data = {"question": kept.pk, "option": [right.pk]}
    assert learner_client.post(_urls(lesson, attempt.pk)["answer"], data).status_code == 400
    assert not attempt.answers.exists()


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_leaves_the_cached_answer_key_as_it_was(member_a, learner_client):
    lesson = _quiz(1)
    assert _take_on_the_page(learner_client, lesson, 1).score == 100  # the key is cached
    question = lesson.quiz.questions.get()
    second = question.options.get(position=2)
    generation = content_generation()  # read outside a transaction, as a page reads it
    assert generation is not None
    with transaction.atomic():
        Option.objects.filter(question=question).update(is_correct=models.Q(position=2))
        enrolment = QuizAttempt.objects.filter(quiz=lesson.quiz).first().enrolment
        attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=lesson.quiz, by=member_a)
        # Inside a larger transaction (which wrote content), the service grades by the rows,
        # and keeps nothing under the generation given: neither the directly called service
        # nor the page's, given the generation read before the transaction.
        answer = progress.quiz_answer(
            attempt=attempt, question=question, option_ids=[second.pk], by=member_a
        )
        assert answer.is_correct
        cache.clear()  # the key under `generation` is gone: a miss here would keep it
        answer = progress.quiz_answer_own(
            attempt_id=attempt.pk,
            quiz_id=lesson.quiz.pk,
            question_id=question.pk,
            option_ids=[second.pk],
            by=member_a,
            generation=generation,
        )
        assert answer is not None
        assert answer.is_correct
        transaction.set_rollback(True)
    assert content_generation() == generation
    login(learner_client, member_a)  # the session went with the cache
    assert _take_on_the_page(learner_client, lesson, 1).score == 100
    assert _take_on_the_page(learner_client, lesson, 2).score == 0
