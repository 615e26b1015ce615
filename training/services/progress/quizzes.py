"""Quiz attempts: starting one while attempts are left, keeping the learner's answers (checked
against the quiz's answer key, training.lesson_content) and grading the attempt in one
statement on the locked attempt and its enrolment; a pass completes the quiz's lesson.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.errors import NotAllowed
from training.lesson_content import quiz_answer_key
from training.models import LessonCompletion, Question, Quiz, QuizAnswer, QuizAttempt

from .enrolment import (
    enrolment_count_completions,
    enrolment_locked,
    enrolment_opened,
    enrolment_refresh,
)
from .errors import AttemptSubmitted, NoAttemptsLeft

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hub.models import User
    from training.models import Enrolment


@transaction.atomic
def quiz_attempt_start(*, enrolment: Enrolment, quiz: Quiz, by: User) -> QuizAttempt:
    """The learner's attempt in progress at `quiz`, or a new one while attempts are left."""
    if enrolment.user_id != by.pk:
        raise NotAllowed
    if quiz.lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This quiz is not part of the module."), code="wrong_module")
    locked = enrolment_locked(enrolment)
    enrolment_opened(locked, quiz.lesson)
    attempts = QuizAttempt.objects.filter(enrolment=locked, quiz=quiz)
    current = attempts.filter(submitted_at__isnull=True).first()
    if current is not None:
        return current
    used = attempts.count()
    if used >= quiz.max_attempts:
        raise NoAttemptsLeft
    number = (attempts.aggregate(n=Max("number"))["n"] or 0) + 1
    return QuizAttempt.objects.create(enrolment=locked, quiz=quiz, number=number)


def _chosen_ids(option_ids: Iterable[object]) -> list[int]:
    chosen = []
    for value in option_ids:
        try:
            chosen.append(int(str(value)))
        except ValueError as exc:
            raise ValidationError(_("Choose one of the answers."), code="bad_option") from exc
    return sorted(set(chosen))


def _locked_attempt(
    *, pk: int, user: User | None = None, quiz_id: int | None = None
) -> QuizAttempt | None:
    """Attempt `pk` with its enrolment, both locked in one statement (the learner's attempt at
    `quiz_id` when they are given: anybody else's is None)."""
    rows = QuizAttempt.objects.select_for_update().select_related("enrolment").filter(pk=pk)
    if user is not None:
        rows = rows.filter(enrolment__user=user)
    if quiz_id is not None:
        rows = rows.filter(quiz_id=quiz_id)
    return rows.first()


def _keep_answer(
    locked: QuizAttempt,
    question_id: int,
    option_ids: Iterable[object],
    generation: int | None = None,
) -> QuizAnswer:
    """The checks and the write of `quiz_answer`, on the locked attempt of the learner; the
    answer key read under `generation` (training.lesson_content.quiz_answer_key)."""
    if locked.submitted_at is not None:
        raise AttemptSubmitted
    key = quiz_answer_key(locked.quiz_id, generation=generation).get(question_id)
    if key is None:
        raise ValidationError(_("This question is not part of this quiz."), code="foreign_question")
    chosen = _chosen_ids(option_ids)
    if any(pk not in key.options for pk in chosen):
        raise ValidationError(
            _("That answer is not one of this question's answers."), code="foreign_option"
        )
    if not chosen:
        raise ValidationError(_("Choose an answer."), code="no_option")
    if key.kind == Question.Kind.SINGLE and len(chosen) > 1:
        raise ValidationError(_("Choose only one answer."), code="one_option")
    # One statement: the answer, or a change of it (the attempt is locked).
    (answer,) = QuizAnswer.objects.bulk_create(
        [
            QuizAnswer(
                attempt=locked,
                question_id=question_id,
                option_ids=chosen,
                is_correct=set(chosen) == key.right,
                answered_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["attempt", "question"],
        update_fields=["option_ids", "is_correct", "answered_at"],
    )
    return answer


@transaction.atomic
def quiz_answer(
    *, attempt: QuizAttempt, question: Question, option_ids: Iterable[object], by: User
) -> QuizAnswer:
    """Keep the learner's answer to `question` (a change replaces it) while the attempt is
    open. Options must be the question's own; one for a single-choice question, at least one
    for a multiple-choice one. Whether it is right is worked out here (from the quiz's answer
    key, training.lesson_content, read from the rows) and kept for grading."""
    locked = _locked_attempt(pk=attempt.pk)
    if locked is None or locked.enrolment.user_id != by.pk:
        raise NotAllowed
    return _keep_answer(locked, question.pk, option_ids)


@transaction.atomic
def quiz_answer_own(
    *,
    attempt_id: int,
    quiz_id: int,
    question_id: int,
    option_ids: Iterable[object],
    by: User,
    generation: int | None = None,
) -> QuizAnswer | None:
    """`quiz_answer` for the learner's page: their attempt `attempt_id` at quiz `quiz_id`, read
    and locked in one statement; None when it is not theirs or not of that quiz (a 404). The
    answer key is the one cached under `generation`, the content generation the page read
    outside any transaction (``LessonContent.generation``; None: read from the rows)."""
    locked = _locked_attempt(pk=attempt_id, user=by, quiz_id=quiz_id)
    if locked is None:
        return None
    return _keep_answer(locked, question_id, option_ids, generation)


# The score in whole per cent of `right` answers out of `total` questions, rounded half to even
# as Python's round() does (62.5 is 62, 87.5 is 88); 0 for a quiz without questions.
_SCORE = """
    CASE WHEN total = 0 THEN 0
         WHEN 2 * ((100 * right_) %% total) > total THEN (100 * right_) / total + 1
         WHEN 2 * ((100 * right_) %% total) < total THEN (100 * right_) / total
         ELSE (100 * right_) / total + ((100 * right_) / total) %% 2
    END
"""

# Grading, in one statement on the locked attempt, from its kept answers (an unanswered
# question counts as wrong): its score, whether it passed and when it was submitted; and when
# it passed, the quiz's lesson completed (unless it already was).
_GRADE = f"""
    WITH counts AS (
        SELECT (SELECT count(*) FROM {Question._meta.db_table} WHERE quiz_id = %(quiz)s) AS total,
               (SELECT count(*) FROM {QuizAnswer._meta.db_table} a
                  JOIN {Question._meta.db_table} q ON q.id = a.question_id
                 WHERE a.attempt_id = %(attempt)s AND a.is_correct AND q.quiz_id = %(quiz)s)
                   AS right_
    ), score AS (
        SELECT {_SCORE} AS score FROM counts
    ), graded AS (
        UPDATE {QuizAttempt._meta.db_table} t
           SET score = score.score, passed = score.score >= z.pass_mark,
               submitted_at = %(now)s
          FROM score, {Quiz._meta.db_table} z
         WHERE t.id = %(attempt)s AND z.id = t.quiz_id
        RETURNING t.score, t.passed, z.lesson_id
    ), done AS (
        INSERT INTO {LessonCompletion._meta.db_table} (enrolment_id, lesson_id, completed_at)
        SELECT %(enrolment)s, lesson_id, %(now)s FROM graded WHERE passed
        ON CONFLICT (enrolment_id, lesson_id) DO NOTHING
        RETURNING id
    )
    SELECT score, passed, EXISTS (SELECT 1 FROM done) FROM graded
"""  # noqa: S608  (table names of the models; every value a parameter)


def _grade(locked: QuizAttempt) -> QuizAttempt:
    """The submission of the locked attempt (its enrolment locked with it)."""
    if locked.submitted_at is not None:
        return locked
    now = timezone.now()
    params: dict[str, Any] = {
        "attempt": locked.pk,
        "quiz": locked.quiz_id,
        "enrolment": locked.enrolment_id,
        "now": now,
    }
    with connection.cursor() as cursor:
        cursor.execute(_GRADE, params)
        locked.score, locked.passed, completed = cursor.fetchone()
    locked.submitted_at = now
    if completed:
        enrolment_count_completions(locked.enrolment)
    return locked


@transaction.atomic
def quiz_attempt_submit(*, attempt: QuizAttempt, by: User) -> QuizAttempt:
    """Grade the attempt from its kept answers (an unanswered question counts as wrong);
    passing completes the lesson. Submitting again returns the graded attempt unchanged."""
    enrolment = attempt.enrolment
    if enrolment.user_id != by.pk:
        raise NotAllowed
    locked = _locked_attempt(pk=attempt.pk)
    if locked is None:
        raise NotAllowed
    graded = _grade(locked)
    enrolment_refresh(enrolment, graded.enrolment)
    return graded


@transaction.atomic
def quiz_attempt_submit_own(*, attempt_id: int, quiz_id: int, by: User) -> QuizAttempt | None:
    """`quiz_attempt_submit` for the learner's page: their attempt `attempt_id` at quiz
    `quiz_id`, read and locked in one statement; None when it is not theirs or not of that
    quiz (a 404)."""
    locked = _locked_attempt(pk=attempt_id, user=by, quiz_id=quiz_id)
    return _grade(locked) if locked is not None else None
