"""Reads of the learner's pages: modules, lessons and the learner's own progress.

A module is read through ``Module.objects.visible_to(user)`` (drafts only for staff curators;
any other module is a 404), and a learner's attempts and plays only through their own
enrolment (anyone else's is a 404). Each page reads a bounded number of queries, whatever the
number of modules, lessons, questions, steps or learners.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.aggregates import BoolOr
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections, router
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from training.languages import ModuleLanguages, module_languages
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
    Option,
    Question,
    QuizAnswer,
    QuizAttempt,
    ScenarioMove,
    ScenarioRun,
)

if TYPE_CHECKING:
    from hub.models import User
    from library.models import Document


def _int(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise Http404 from exc
    if not 0 < number < 2**63:
        raise Http404
    return number


def _modules(user: User) -> Any:
    return (
        Module.objects.visible_to(user)
        .select_related("working_group")
        .prefetch_related("themes")
        .annotate(lesson_count=Count("lessons", distinct=True))
    )


@dataclass
class ModuleRow:
    module: Module
    enrolment: Enrolment | None
    languages: ModuleLanguages


def module_list(*, user: User) -> list[ModuleRow]:
    """The modules `user` may take, in order, with their progress and languages. Four queries."""
    modules = list(_modules(user))
    ids = [module.pk for module in modules]
    enrolments = {
        enrolment.module_id: enrolment
        for enrolment in Enrolment.objects.filter(user=user, module_id__in=ids)
    }
    languages = module_languages(ids)
    empty = ModuleLanguages(complete=(), missing=())
    return [
        ModuleRow(module, enrolments.get(module.pk), languages.get(module.pk, empty))
        for module in modules
    ]


def module_get(*, user: User, slug: str) -> Module:
    """The module `user` may see at `slug` (with its working group), or Http404. One query."""
    try:
        module: Module = (
            Module.objects.visible_to(user).select_related("working_group").get(slug=slug)
        )
    except Module.DoesNotExist as exc:
        raise Http404 from exc
    return module


def enrolment_of(*, user: User, module: Module) -> Enrolment | None:
    """`user`'s enrolment in `module` (with its certificate, if any, and the ids of the lessons
    it completed as `completed_ids`), or None. One query."""
    enrolment = (
        Enrolment.objects.filter(user=user, module=module)
        .select_related("certificate")
        .annotate(
            completed_ids=ArraySubquery(
                LessonCompletion.objects.filter(enrolment=OuterRef("pk")).values("lesson_id")
            )
        )
        .first()
    )
    if enrolment is not None:
        enrolment.module = module
    return enrolment


@dataclass
class LessonRow:
    lesson: Lesson
    is_complete: bool


@dataclass
class Prerequisite:
    module: Module
    is_met: bool


@dataclass
class ModulePage:
    module: Module
    lessons: list[LessonRow]
    enrolment: Enrolment | None
    prerequisites: list[Prerequisite]
    languages: ModuleLanguages
    resume: Lesson | None
    themes: list[Any] = field(default_factory=list)

    @property
    def prerequisites_unmet(self) -> bool:
        return any(not prerequisite.is_met for prerequisite in self.prerequisites)


def _resume(lessons: list[LessonRow], enrolment: Enrolment | None) -> Lesson | None:
    """Where the learner picks up: the lesson they last worked on while it is not complete,
    else the first incomplete lesson after it (then from the start); None when all are done."""
    if enrolment is None or not lessons:
        return None
    start = 0
    for index, row in enumerate(lessons):
        if row.lesson.pk == enrolment.last_lesson_id:
            start = index
            break
    for row in lessons[start:] + lessons[:start]:
        if not row.is_complete:
            return row.lesson
    return None


def _completed_ids(enrolment: Enrolment | None) -> set[int]:
    return set(getattr(enrolment, "completed_ids", None) or ())


def module_page(*, user: User, slug: str) -> ModulePage:
    """The module page: its lessons in order with the learner's completion, its prerequisites
    (met when the learner completed them), languages and where to resume. Seven queries."""
    module = module_get(user=user, slug=slug)
    themes = list(module.themes.all())
    lessons = list(
        module.lessons.order_by("position", "pk").only(
            "pk", "module_id", "position", "kind", "title", "title_en", "title_fr", "title_ar",
            "is_required", "minutes",
        )
    )  # fmt: skip
    module.lesson_count = len(lessons)  # type: ignore[attr-defined]  # as module_list has it
    enrolment = enrolment_of(user=user, module=module)
    done = _completed_ids(enrolment)
    rows = [LessonRow(lesson, lesson.pk in done) for lesson in lessons]
    completed = Enrolment.objects.filter(
        user=user, module=OuterRef("pk"), completed_at__isnull=False
    )
    prerequisites = [
        Prerequisite(prerequisite, prerequisite.met)
        for prerequisite in Module.objects.visible_to(user)
        .filter(required_by=module)
        .annotate(met=Exists(completed))
        .order_by("position", "slug")
    ]
    languages = module_languages([module.pk]).get(
        module.pk, ModuleLanguages(complete=(), missing=())
    )
    return ModulePage(
        module=module,
        lessons=rows,
        enrolment=enrolment,
        prerequisites=prerequisites,
        languages=languages,
        resume=_resume(rows, enrolment),
        themes=themes,
    )


# --- Lesson pages ---------------------------------------------------------------------------


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
            module__in=Module.objects.visible_to(user), module__slug=slug, position=_int(position)
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
    return _int(value)


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
    content = lesson_content(slug=slug, position=_int(position), generation=generation)
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


# --- A learner's own attempts and plays -----------------------------------------------------


def attempt_for_user(*, user: User, pk: Any, lesson: Lesson | int) -> QuizAttempt:
    """`user`'s own attempt `pk` at the quiz of `lesson`; anybody else's is a 404."""
    try:
        attempt: QuizAttempt = QuizAttempt.objects.select_related("enrolment", "quiz").get(
            pk=_int(pk), enrolment__user=user, quiz__lesson=lesson
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
            pk=_int(pk), enrolment__user=user, scenario__lesson=lesson
        )
    except ScenarioRun.DoesNotExist as exc:
        raise Http404 from exc
    return run


def question_exists(*, pk: Any, quiz: QuizInfo) -> None:
    """Http404 unless there is a question `pk`, of whichever quiz (one of another quiz is
    refused by the service, which knows the attempt's). A question of `quiz` (the cached
    content of the lesson posted to) needs no query."""
    number = _int(pk)
    if any(known.pk == number for known in quiz.questions):
        return
    if not Question.objects.filter(pk=number).exists():
        raise Http404


# --- The home page --------------------------------------------------------------------------


def modules_in_progress(*, user: User, limit: int = 5) -> list[Enrolment]:
    """The learner's enrolments not yet complete, the most recently enrolled first, with their
    module's lesson count and the lesson to resume. One query."""
    return list(
        Enrolment.objects.filter(user=user, completed_at__isnull=True, module__is_published=True)
        .select_related("module", "last_lesson")
        .annotate(lesson_count=Count("module__lessons", distinct=True))
        .order_by("-enrolled_at", "-pk")[:limit]
    )
