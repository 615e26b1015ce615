"""Reads of a lesson's page: the lesson of a module the learner may see (a 404 otherwise), its
content as every learner gets it (training.lesson_content, cached) and, read on every request,
what is the learner's own: their enrolment and completions, their attempts at its quiz, their
last play of its scenario. One query for the enrolment (with the content generation), then a
bounded number for what the lesson's kind needs, whatever the number of questions or steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.aggregates import BoolOr
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from training.lesson_content import (
    ChoiceInfo,
    LessonContent,
    LessonInfo,
    LessonRef,
    ModuleInfo,
    OptionInfo,
    QuestionInfo,
    QuizInfo,
    ScenarioInfo,
    StepInfo,
    content_generation,
    generation_column,
    lesson_content,
)
from training.models import (
    Enrolment,
    Lesson,
    LessonCompletion,
    Module,
    Question,
    QuizAnswer,
    QuizAttempt,
    ScenarioMove,
    ScenarioRun,
)

if TYPE_CHECKING:
    from hub.models import User
    from library.models import Document


def number_or_404(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
    if not 0 < number < 2**63:
        raise Http404
    return number


@dataclass
class QuestionView:
    """A question as the page shows it: its options' ids and texts only (never is_correct or
    feedback before the attempt is submitted), and the learner's kept answer."""

    question: QuestionInfo
    options: list[OptionInfo]
    chosen: list[int]


@dataclass
class QuizView:
    """The learner's attempts at a quiz, in figures (one query), and the attempt in progress
    with its questions, one of which is asked."""

    question_count: int
    used: int = 0
    best_score: int | None = None
    passed: bool = False
    last_submitted_id: int | None = None
    open_attempt_id: int | None = None
    questions: list[QuestionView] = field(default_factory=list)
    current: QuestionView | None = None
    answered: int = 0


@dataclass(frozen=True)
class RunView:
    pk: int
    number: int
    ended_at: Any
    current_step_id: int | None


@dataclass(frozen=True)
class MoveView:
    choice: ChoiceInfo | None


@dataclass
class ScenarioView:
    run: RunView | None
    step: StepInfo | None
    choices: list[ChoiceInfo]
    last_move: MoveView | None
    moves: list[MoveView]
    plays: int


@dataclass(frozen=True)
class EnrolmentRef:
    """The learner's enrolment as a lesson page needs it: its id and completed lessons."""

    pk: int
    completed_ids: tuple[int, ...]


@dataclass
class LessonPage:
    module: ModuleInfo
    lesson: LessonInfo
    lessons: tuple[LessonRef, ...]
    enrolment: EnrolmentRef | None
    completed: set[int]
    quiz: QuizView | None = None
    scenario: ScenarioView | None = None
    document: Document | None = None
    document_hidden: bool = False

    @property
    def is_complete(self) -> bool:
        return self.lesson.pk in self.completed

    @property
    def previous(self) -> LessonRef | None:
        index = self._index()
        return self.lessons[index - 1] if index > 0 else None

    @property
    def next(self) -> LessonRef | None:
        index = self._index()
        return self.lessons[index + 1] if index + 1 < len(self.lessons) else None

    @property
    def number(self) -> int:
        return self._index() + 1

    def _index(self) -> int:
        for index, lesson in enumerate(self.lessons):
            if lesson.pk == self.lesson.pk:
                return index
        return 0


def lesson_get(*, user: User, slug: str, position: int) -> tuple[Module, Lesson]:
    """The lesson at `position` of the module at `slug` that `user` may see (with its module,
    its quiz or scenario, and its number of quiz questions as `question_count`), or Http404.
    One query."""
    questions = (
        Question.objects.filter(quiz__lesson_id=OuterRef("pk"))
        .order_by()
        .values("quiz_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    lesson = (
        Lesson.objects.filter(
            module__in=Module.objects.visible_to(user),
            module__slug=slug,
            position=number_or_404(position),
        )
        .select_related("module", "quiz", "scenario")
        .annotate(question_count=Coalesce(Subquery(questions), 0))
        .first()
    )
    if lesson is None:
        raise Http404
    return lesson.module, lesson


def id_of(value: Any) -> int:
    """`value` as the id of a row, or Http404 (not a whole number, or out of range)."""
    return number_or_404(value)


def _may_see(user: User, module: ModuleInfo) -> bool:
    """What ``Module.objects.visible_to(user)`` says, of a module read from the cache."""
    if not user.is_authenticated or not user.is_active:
        return False
    from hub.permissions import is_staff_curator

    return module.is_published or is_staff_curator(user)


def _enrolment_and_generation(user: User, slug: str) -> tuple[EnrolmentRef | None, int | None]:
    """The learner's enrolment in the module at `slug` (with the lessons it completed) and the
    content generation (training.lesson_content), in one statement: the lesson page's content
    is then read under it, with no query of its own when it is cached."""
    rows = (
        Enrolment.objects.filter(user=user, module__slug=slug)
        .annotate(
            done=ArraySubquery(
                LessonCompletion.objects.filter(enrolment=OuterRef("pk")).values("lesson_id")
            )
        )
        .order_by()
        .values_list("pk", "done")
    )
    rows_sql, params = rows.query.sql_with_params()
    # At most one enrolment per learner and module (unique): one row, the generation's.
    sql = (
        f"SELECT {generation_column()}, e.* FROM (SELECT 1) AS one "  # noqa: S608
        f"LEFT JOIN ({rows_sql}) AS e ON true"
    )
    with connections[router.db_for_read(Enrolment)].cursor() as cursor:
        cursor.execute(sql, params)
        generation, pk, done = cursor.fetchone()
    enrolment = EnrolmentRef(pk=pk, completed_ids=tuple(done or ())) if pk is not None else None
    return enrolment, generation


def _content_for(user: User, slug: str, position: Any, generation: int | None) -> LessonContent:
    content = lesson_content(slug=slug, position=number_or_404(position), generation=generation)
    if content is None or not _may_see(user, content.module):
        raise Http404
    return content


def lesson_content_for_user(*, user: User, slug: str, position: Any) -> LessonContent:
    """The (cached) content of the lesson at `position` of the module at `slug`, if `user` may
    see the module; else Http404. One query (the content generation) when it is cached."""
    return _content_for(user, slug, position, content_generation())


def lesson_page(*, user: User, slug: str, position: int, question: Any = None) -> LessonPage:
    """Everything one lesson's page shows, for `user`: the lesson, the module's lessons (for
    the way on), the learner's enrolment and completions, and what the lesson's kind needs.
    `question` is the position of the quiz question asked for (else the first unanswered).

    The content is the same for every learner (training.lesson_content, cached); what is the
    learner's is read here: one query for the enrolment (with the content generation), then
    one for a document, two for a quiz (the attempts in figures, the answers of the attempt in
    progress), one for a scenario (the last play with its moves). Http404 when `user` may not
    see the module."""
    enrolment, generation = _enrolment_and_generation(user, slug)
    content = _content_for(user, slug, position, generation)
    lesson = content.lesson
    page = LessonPage(
        module=content.module,
        lesson=lesson,
        lessons=content.lessons,
        enrolment=enrolment,
        completed=set(enrolment.completed_ids) if enrolment else set(),
    )
    if lesson.kind == Lesson.Kind.DOCUMENT and lesson.document_id:
        page.document = _document(user=user, pk=lesson.document_id)
        page.document_hidden = page.document is None
    elif lesson.kind == Lesson.Kind.QUIZ and lesson.quiz is not None:
        page.quiz = _quiz_view(lesson.quiz, enrolment, question)
    elif lesson.kind == Lesson.Kind.SCENARIO and lesson.scenario is not None:
        page.scenario = _scenario_view(lesson.scenario, enrolment)
    return page


def _document(*, user: User, pk: int) -> Document | None:
    """The lesson's library document if `user` may see it (one query)."""
    from library.selectors import document_list_visible_among

    return document_list_visible_among(user=user, ids=[pk]).get(pk)


def _quiz_view(quiz: QuizInfo, enrolment: EnrolmentRef | None, question: Any) -> QuizView:
    view = QuizView(question_count=len(quiz.questions))
    if enrolment is None:
        return view
    submitted = Q(submitted_at__isnull=False)
    figures = QuizAttempt.objects.filter(enrolment_id=enrolment.pk, quiz_id=quiz.pk).aggregate(
        used=Count("pk", filter=submitted),
        best=Max("score", filter=submitted),
        passed=BoolOr("passed", filter=submitted),
        last=Max("pk", filter=submitted),
        open=Max("pk", filter=Q(submitted_at__isnull=True)),
    )
    view.used, view.best_score = figures["used"], figures["best"]
    view.passed, view.last_submitted_id = bool(figures["passed"]), figures["last"]
    view.open_attempt_id = figures["open"]
    if view.open_attempt_id is None:
        return view
    chosen = dict(
        QuizAnswer.objects.filter(attempt_id=view.open_attempt_id).values_list(
            "question_id", "option_ids"
        )
    )
    view.questions = [
        QuestionView(q, list(q.options), list(chosen.get(q.pk) or [])) for q in quiz.questions
    ]
    view.question_count = len(view.questions)
    view.answered = sum(1 for q in view.questions if q.chosen)
    wanted = None
    if question not in (None, ""):
        try:
            wanted = int(question)
        except (TypeError, ValueError):
            wanted = None
    if wanted is not None and 1 <= wanted <= len(view.questions):
        view.current = view.questions[wanted - 1]
    else:
        view.current = next((q for q in view.questions if not q.chosen), None)
    return view


def _scenario_view(scenario: ScenarioInfo, enrolment: EnrolmentRef | None) -> ScenarioView:
    run = None
    moved: list[int] = []
    if enrolment is not None:
        row = (
            ScenarioRun.objects.filter(enrolment_id=enrolment.pk, scenario_id=scenario.pk)
            .annotate(
                moved=ArraySubquery(
                    ScenarioMove.objects.filter(run=OuterRef("pk"))
                    .order_by("position")
                    .values("choice_id")
                )
            )
            .order_by("-number")
            .values_list("pk", "number", "ended_at", "current_step_id", "moved")
            .first()
        )
        if row is not None:
            run = RunView(pk=row[0], number=row[1], ended_at=row[2], current_step_id=row[3])
            moved = list(row[4] or ())
    step_id = run.current_step_id if run is not None else scenario.start_id
    step = scenario.steps.get(step_id) if step_id is not None else None
    moves = [MoveView(choice=scenario.choices.get(pk)) for pk in moved]
    return ScenarioView(
        run=run,
        step=step,
        choices=list(step.choices) if step is not None and not step.is_ending else [],
        last_move=moves[-1] if moves else None,
        moves=moves,
        plays=run.number if run is not None else 0,
    )
