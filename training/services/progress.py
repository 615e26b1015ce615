"""A learner's progress: enrolment, lessons done, quiz attempts and scenario plays, and the
completion of a module. The one write path of these rows.

Every write that counts towards completion locks the learner's enrolment first
(``select_for_update``), then the attempt or play it changes, always in that order (a quiz's
answer and submission lock the attempt and its enrolment together, in one statement); the
unique constraints of the models stop what a lock cannot (two first enrolments, two open
attempts).
Repeating a step changes nothing; two requests racing count once. Anything a browser posts is
checked against the server's state: an answer to a question of another quiz, an option of
another question, a choice of another step, a step that is not the current one, an attempt
already submitted — refused, never counted. Scores and grades are worked out here, never read
from a request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.errors import HubError, NotAllowed
from hub.models import User
from hub.services import audit_record
from training import audit
from training.lesson_content import quiz_answer_key
from training.models import (
    Choice,
    Enrolment,
    Lesson,
    LessonCompletion,
    Question,
    Quiz,
    QuizAnswer,
    QuizAttempt,
    ScenarioMove,
    ScenarioRun,
    Step,
)
from training.permissions import can_learn, can_manage_training

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hub.models import City
    from training.models import Module, Scenario

# Lessons a learner marks done themselves; a quiz is done when passed, a scenario at an ending.
MARKABLE_KINDS = frozenset({Lesson.Kind.READING, Lesson.Kind.VIDEO, Lesson.Kind.DOCUMENT})


# --- Domain errors (each with the HTTP status a page answers it with) ------------------------


class Conflict(HubError):
    """The request no longer matches the state of things (a stale form): 409."""

    status = 409


class NotEnrolled(Conflict):
    code = "not_enrolled"
    message = _("Enrol in this module first.")


class ModuleUnavailable(HubError):
    code = "module_unavailable"
    message = _("This module is not open for enrolment.")
    status = 404


class NotMarkable(HubError):
    code = "not_markable"
    message = _("This lesson is completed by taking it, not by marking it.")
    status = 400


class NoAttemptsLeft(Conflict):
    code = "no_attempts_left"
    message = _("You have used every attempt this quiz allows.")


class AttemptSubmitted(Conflict):
    code = "attempt_submitted"
    message = _("This attempt has already been submitted: its answers can no longer change.")


class RunEnded(Conflict):
    code = "run_ended"
    message = _("This play of the scenario has ended. Play it again to choose differently.")


class StaleStep(Conflict):
    code = "stale_step"
    message = _(
        "This choice is for a step you are no longer at (the page was out of date). "
        "Here is where you are now."
    )


# --- Enrolment ------------------------------------------------------------------------------


@transaction.atomic
def enrolment_create(*, user: User, module: Module, by: User) -> Enrolment:
    """`user`'s enrolment in `module`, made if it is not there yet (then audited). A learner
    enrols themselves; staff may enrol anyone. A draft module takes no enrolment but staff's."""
    if not can_learn(user) or (by.pk != user.pk and not can_manage_training(by)):
        raise NotAllowed
    if not module.is_published and not can_manage_training(user):
        raise ModuleUnavailable
    try:
        with transaction.atomic():
            enrolment, created = Enrolment.objects.get_or_create(
                user=user,
                module=module,
                defaults={"city_id": user.city_id, "enrolled_by": by},
            )
    except IntegrityError:  # the same enrolment made at the same moment by another request
        enrolment, created = Enrolment.objects.get(user=user, module=module), False
    if created:
        audit_record(
            action=audit.ENROLLED,
            actor=by,
            subject=user,
            target=module,
            details={"enrolment": enrolment.pk, "by_staff": by.pk != user.pk},
        )
    return enrolment


@transaction.atomic
def enrolment_create_for_city(*, city: City, module: Module, by: User) -> int:
    """Enrol every active account of `city` not yet enrolled in `module` (staff only); returns
    how many were enrolled. One audit event for the city."""
    if not can_manage_training(by):
        raise NotAllowed
    users = list(
        User.objects.filter(city=city, is_active=True)
        .exclude(enrolments__module=module)
        .values_list("pk", flat=True)
    )
    before = Enrolment.objects.filter(module=module).count()
    Enrolment.objects.bulk_create(
        [Enrolment(user_id=pk, module=module, city=city, enrolled_by=by) for pk in users],
        ignore_conflicts=True,  # a learner who enrolled themselves meanwhile
    )
    count = Enrolment.objects.filter(module=module).count() - before
    audit_record(
        action=audit.CITY_ENROLLED,
        actor=by,
        target=module,
        details={"city": city.pk, "enrolled": count},
    )
    return count


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def _opened(locked: Enrolment, lesson: Lesson) -> None:
    """Remember `lesson` as where the learner left off (resume)."""
    if locked.last_lesson_id != lesson.pk:
        locked.last_lesson = lesson
        Enrolment.objects.filter(pk=locked.pk).update(last_lesson=lesson)


# --- Completion -----------------------------------------------------------------------------


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: Lesson) -> bool:
    """Record `lesson` as complete for `enrolment`; True when it was not yet.

    Idempotent: a lesson completes once (the enrolment is locked, and a unique constraint
    backs it). The enrolment's count is recomputed from its completions; the module completes
    (its date set, audited) when every required lesson is complete, and stays complete
    whatever is later added to the module.
    """
    if lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This lesson is not part of the module."), code="wrong_module")
    locked = _locked(enrolment)
    created = _complete_locked(locked, lesson.pk)
    _refresh(enrolment, locked)
    return created


# The completion, unless the lesson is already complete (one statement; the enrolment is locked).
_COMPLETION_INSERT = f"""
    INSERT INTO {LessonCompletion._meta.db_table} (enrolment_id, lesson_id, completed_at)
    VALUES (%(enrolment)s, %(lesson)s, %(now)s)
    ON CONFLICT (enrolment_id, lesson_id) DO NOTHING
    RETURNING id
"""  # noqa: S608  (table names of the models; every value a parameter)

# The enrolment's count of completed lessons of its module, and its completion date when every
# required lesson is complete and it had none yet (kept once set), in one statement.
_ENROLMENT_COUNT = f"""
    UPDATE {Enrolment._meta.db_table} e
       SET completed_count = (
               SELECT count(*) FROM {LessonCompletion._meta.db_table} c
                 JOIN {Lesson._meta.db_table} l ON l.id = c.lesson_id
                WHERE c.enrolment_id = e.id AND l.module_id = e.module_id),
           completed_at = CASE
               WHEN e.completed_at IS NULL AND NOT EXISTS (
                   SELECT 1 FROM {Lesson._meta.db_table} l
                    WHERE l.module_id = e.module_id AND l.is_required
                      AND NOT EXISTS (
                          SELECT 1 FROM {LessonCompletion._meta.db_table} c
                           WHERE c.enrolment_id = e.id AND c.lesson_id = l.id))
               THEN %(now)s ELSE e.completed_at END
     WHERE e.id = %(enrolment)s
    RETURNING e.completed_count, e.completed_at
"""  # noqa: S608


def _complete_locked(locked: Enrolment, lesson_id: int) -> bool:
    """`lesson_complete` on an enrolment already locked by the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            _COMPLETION_INSERT,
            {"enrolment": locked.pk, "lesson": lesson_id, "now": timezone.now()},
        )
        created = cursor.fetchone() is not None
    if created:
        _count_completions(locked)
    return created


def _count_completions(locked: Enrolment) -> None:
    """A lesson of the locked enrolment was just completed: its count again, and the module's
    completion (audited) when that was the last required lesson."""
    was_complete = locked.completed_at is not None
    with connection.cursor() as cursor:
        cursor.execute(_ENROLMENT_COUNT, {"enrolment": locked.pk, "now": timezone.now()})
        locked.completed_count, locked.completed_at = cursor.fetchone()
    if not was_complete and locked.completed_at is not None:
        audit_record(
            action=audit.MODULE_COMPLETED,
            actor=locked.user,
            subject=locked.user,
            target=locked.module,
            details={"enrolment": locked.pk},
        )


def _refresh(enrolment: Enrolment, locked: Enrolment) -> None:
    enrolment.completed_count = locked.completed_count
    enrolment.completed_at = locked.completed_at
    enrolment.last_lesson_id = locked.last_lesson_id


@transaction.atomic
def lesson_mark_done(*, enrolment: Enrolment, lesson: Lesson, by: User) -> bool:
    """A reading seen, a video watched, a document read: marked by the learner. A quiz or a
    scenario is refused (NotMarkable)."""
    if enrolment.user_id != by.pk:
        raise NotAllowed
    if lesson.kind not in MARKABLE_KINDS:
        raise NotMarkable
    if lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This lesson is not part of the module."), code="wrong_module")
    locked = _locked(enrolment)
    _opened(locked, lesson)
    created = _complete_locked(locked, lesson.pk)
    _refresh(enrolment, locked)
    return created


# --- Quizzes --------------------------------------------------------------------------------


@transaction.atomic
def quiz_attempt_start(*, enrolment: Enrolment, quiz: Quiz, by: User) -> QuizAttempt:
    """The learner's attempt in progress at `quiz`, or a new one while attempts are left."""
    if enrolment.user_id != by.pk:
        raise NotAllowed
    if quiz.lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This quiz is not part of the module."), code="wrong_module")
    locked = _locked(enrolment)
    _opened(locked, quiz.lesson)
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
        _count_completions(locked.enrolment)
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
    _refresh(enrolment, graded.enrolment)
    return graded


@transaction.atomic
def quiz_attempt_submit_own(*, attempt_id: int, quiz_id: int, by: User) -> QuizAttempt | None:
    """`quiz_attempt_submit` for the learner's page: their attempt `attempt_id` at quiz
    `quiz_id`, read and locked in one statement; None when it is not theirs or not of that
    quiz (a 404)."""
    locked = _locked_attempt(pk=attempt_id, user=by, quiz_id=quiz_id)
    return _grade(locked) if locked is not None else None


# --- Scenarios ------------------------------------------------------------------------------


@transaction.atomic
def scenario_run_start(
    *, enrolment: Enrolment, scenario: Scenario, by: User, again: bool = False
) -> ScenarioRun:
    """The learner's play of `scenario` in progress, or a new one from its first step. With
    `again`, a play in progress is left (ended without an outcome) and a new one starts."""
    if enrolment.user_id != by.pk:
        raise NotAllowed
    if scenario.lesson.module_id != enrolment.module_id:
        raise ValidationError(_("This scenario is not part of the module."), code="wrong_module")
    if scenario.start_id is None:
        raise ValidationError(_("This scenario has no first step yet."), code="no_start")
    locked = _locked(enrolment)
    _opened(locked, scenario.lesson)
    runs = ScenarioRun.objects.filter(enrolment=locked, scenario=scenario)
    current = runs.filter(ended_at__isnull=True).first()
    if current is not None:
        if not again:
            return current
        current.ended_at = timezone.now()
        current.save(update_fields=["ended_at"])
    number = (runs.aggregate(n=Max("number"))["n"] or 0) + 1
    return ScenarioRun.objects.create(
        enrolment=locked, scenario=scenario, number=number, current_step_id=scenario.start_id
    )


@transaction.atomic
def scenario_choose(
    *, run: ScenarioRun, step_id: object, choice_id: object, by: User
) -> ScenarioMove:
    """The learner takes `choice_id` at `step_id`, which must be the play's current step
    (a form of an earlier or later step is stale: StaleStep) and the choice one of that step's
    (else ValidationError). The move is recorded, its score added, the play moves on; at an
    ending the play ends with its outcome and the lesson is complete."""
    enrolment = run.enrolment
    if enrolment.user_id != by.pk:
        raise NotAllowed
    locked_enrolment = _locked(enrolment)
    locked = ScenarioRun.objects.select_for_update().get(pk=run.pk)
    if locked.ended_at is not None:
        raise RunEnded
    try:
        step_pk, choice_pk = int(str(step_id)), int(str(choice_id))
    except ValueError as exc:
        raise ValidationError(_("Choose one of the options."), code="bad_choice") from exc
    if step_pk != locked.current_step_id:
        raise StaleStep
    choice = Choice.objects.select_related("leads_to").filter(pk=choice_pk, step_id=step_pk).first()
    if choice is None:
        raise ValidationError(
            _("That choice is not one of this step's choices."), code="foreign_choice"
        )
    position = locked.moves.count() + 1
    move = ScenarioMove.objects.create(
        run=locked, position=position, step_id=step_pk, choice=choice
    )
    target: Step = choice.leads_to
    locked.score += choice.score
    locked.current_step = target
    fields = ["score", "current_step"]
    if target.is_ending:
        locked.ended_at = timezone.now()
        locked.outcome = target.outcome
        fields += ["ended_at", "outcome"]
    locked.save(update_fields=fields)
    if target.is_ending:
        lesson_complete(enrolment=locked_enrolment, lesson=locked.scenario.lesson)
    _refresh(enrolment, locked_enrolment)
    run.refresh_from_db()
    return move
