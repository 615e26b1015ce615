"""Reads of a learner's own quiz attempts and scenario plays, as the lesson's forms post them
and the attempt's result page shows it: each is read only through the learner's own enrolment
(anybody else's is a 404), and a submitted attempt's answers with the feedback of the options
chosen (the right options are not shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.http import Http404

from training.models import Lesson, Option, Question, QuizAnswer, QuizAttempt, ScenarioRun
from training.selectors_lessons import number_or_404

if TYPE_CHECKING:
    from hub.models import User
    from training.lesson_content import QuizInfo


def attempt_for_user(*, user: User, pk: Any, lesson: Lesson | int) -> QuizAttempt:
    """`user`'s own attempt `pk` at the quiz of `lesson`; anybody else's is a 404."""
    try:
        attempt: QuizAttempt = QuizAttempt.objects.select_related("enrolment", "quiz").get(
            pk=number_or_404(pk), enrolment__user=user, quiz__lesson=lesson
        )
    except QuizAttempt.DoesNotExist as exc:
        raise Http404 from exc
    return attempt


@dataclass
class AnswerResult:
    question: Question
    is_correct: bool
    chosen: list[Option]


def attempt_results(*, attempt: QuizAttempt) -> list[AnswerResult]:
    """A submitted attempt's answers: for each question, whether the learner's answer was right
    and the options they chose with their feedback (the right options are not shown)."""
    if attempt.submitted_at is None:
        return []
    answers = {a.question_id: a for a in QuizAnswer.objects.filter(attempt=attempt)}
    questions = (
        Question.objects.filter(quiz_id=attempt.quiz_id)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position", "pk")))
    )
    results = []
    for question in questions:
        answer = answers.get(question.pk)
        chosen_ids = set(answer.option_ids) if answer else set()
        results.append(
            AnswerResult(
                question=question,
                is_correct=bool(answer and answer.is_correct),
                chosen=[option for option in question.options.all() if option.pk in chosen_ids],
            )
        )
    return results


def run_for_user(*, user: User, pk: Any, lesson: Lesson) -> ScenarioRun:
    """`user`'s own play `pk` of the scenario of `lesson`; anybody else's is a 404."""
    try:
        run: ScenarioRun = ScenarioRun.objects.select_related("enrolment", "scenario").get(
            pk=number_or_404(pk), enrolment__user=user, scenario__lesson=lesson
        )
    except ScenarioRun.DoesNotExist as exc:
        raise Http404 from exc
    return run


def question_exists(*, pk: Any, quiz: QuizInfo) -> None:
    """Http404 unless there is a question `pk`, of whichever quiz (one of another quiz is
    refused by the service, which knows the attempt's). A question of `quiz` (the cached
    content of the lesson posted to) needs no query."""
    number = number_or_404(pk)
    if any(known.pk == number for known in quiz.questions):
        return
    if not Question.objects.filter(pk=number).exists():
        raise Http404
