"""The content of a lesson page — the same for every learner — read once and kept in the cache.

What a lesson page shows of the module (its lessons, for the way on), of the lesson (its text
already sanitised, its transcript), of its quiz (questions and answers, never whether an answer
is right nor its feedback) and of its scenario (every step with its choices) is built here from
a few queries, in the active language, and cached under a key that holds the *content
generation*: a number the database keeps (``GENERATION``, in ``hub_search_generation``), which
the triggers of migration training 0005 bump in the same transaction as any write to the
modules, lessons, quizzes, questions, answers, scenarios, steps and choices — whatever makes the
write (the admin, a service, a queryset update(), the content loader, psql). A change therefore
makes every cached lesson a miss once it is committed; nothing is deleted, stale entries expire
(``TIMEOUT``).

The generation is read by the caller, in a statement it makes anyway where it can
(training.selectors_lessons), always before the content is built (which is then at least as
new as the generation it is kept under). Inside a larger transaction nothing is kept nor read
from the cache (hub.generations.cache_usable): that transaction may have bumped the generation
and may yet roll back, leaving its number to another transaction's rows.

The cache is derived state: while it is away every read is a miss and the page is built from
the database. The learner's own progress is never cached here (training.selectors_lessons reads
it on every request), nor whether they may see the module: the cached ``is_published`` is
checked against the reader on every request, and the generation changes when it does.

A quiz's *answer key* (each question's kind, its options and which of them are right) is cached
apart, under the same generation, for the grading service alone (``quiz_answer_key``): it is
never part of a lesson's content, so no page can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from django.core.cache import cache
from django.db import connections, router
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from hub.generations import cache_usable, generation_sql, release
from hub.richtext import render_html
from training.models import Choice, Lesson, Option, Question, Step

# The generation's name; its triggers are migration training 0005's.
GENERATION: Final = "training_content"
# The shape of what is cached: a change of the classes below changes it, and the keys with it.
SCHEMA = 2
# How long an entry no longer reachable (an older generation's) stays in the cache.
TIMEOUT = 15 * 60


@dataclass(frozen=True)
class ModuleInfo:
    pk: int
    slug: str
    title: str
    is_published: bool


@dataclass(frozen=True)
class LessonRef:
    """A lesson of the module as the way on shows it."""

    pk: int
    position: int
    kind: str
    title: str


@dataclass(frozen=True)
class OptionInfo:
    pk: int
    text: str


@dataclass(frozen=True)
class QuestionInfo:
    pk: int
    position: int
    kind: str
    text: str
    options: tuple[OptionInfo, ...]


@dataclass(frozen=True)
class QuizInfo:
    pk: int
    pass_mark: int
    max_attempts: int
    questions: tuple[QuestionInfo, ...]


@dataclass(frozen=True)
class ChoiceInfo:
    pk: int
    text: str
    feedback: str


@dataclass(frozen=True)
class StepInfo:
    pk: int
    key: str
    situation_html: SafeString
    is_ending: bool
    outcome: str
    outcome_display: str
    debrief_html: SafeString
    choices: tuple[ChoiceInfo, ...]


@dataclass(frozen=True)
class ScenarioInfo:
    pk: int
    start_id: int | None
    steps: dict[int, StepInfo] = field(default_factory=dict)
    choices: dict[int, ChoiceInfo] = field(default_factory=dict)


@dataclass(frozen=True)
class LessonInfo:
    pk: int
    module_id: int
    position: int
    kind: str
    kind_display: str
    title: str
    minutes: int
    body_html: SafeString
    video_url: str
    transcript_html: SafeString
    document_id: int | None
    quiz: QuizInfo | None = None
    scenario: ScenarioInfo | None = None


@dataclass(frozen=True)
class LessonContent:
    module: ModuleInfo
    lesson: LessonInfo
    lessons: tuple[LessonRef, ...]
    # The generation the content was read under (None: read from the rows, not cached), for
    # the quiz's answer key in the same request (quiz_answer_key).
    generation: int | None = None


def _alias() -> str:
    return router.db_for_read(Lesson)


def generation_column() -> str:
    """The SQL expression of the content generation, for a query a page makes anyway (NULL
    while the generation has no row: then nothing is cached)."""
    return generation_sql(GENERATION)


def content_generation() -> int | None:
    """The content generation (one query), or None when the cache is not to be used: inside a
    larger transaction (hub.generations.cache_usable), or while it has no row."""
    alias = _alias()
    if not cache_usable(alias):
        return None
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT {generation_column()}")  # noqa: S608  (a checked name)
        row = cursor.fetchone()
    return None if row[0] is None else int(row[0])


def _usable(generation: int | None) -> int | None:
    """`generation` if what is cached under it may be used here, else None."""
    return generation if generation is not None and cache_usable(_alias()) else None


def _key(generation: int, slug: str, position: int, language: str) -> str:
    return f"training:lesson:{SCHEMA}:{release()}:{generation}:{language}:{slug}:{position}"


def lesson_content(*, slug: str, position: int, generation: int | None) -> LessonContent | None:
    """The content of the lesson at `position` of the module at `slug`, in the active language,
    published or not (the caller checks the reader may see it); None when there is no such
    lesson. Cached under `generation` (the content generation the caller read before, in a
    statement of its own: ``content_generation`` or ``generation_column``), unless it is None
    or the read is inside a larger transaction; built from at most five queries on a miss."""
    generation = _usable(generation)
    if generation is None:
        return _build(slug, position, None)
    key = _key(generation, slug, position, get_language() or "")
    content: LessonContent | None = cache.get(key)
    if content is None:
        content = _build(slug, position, generation)
        if content is None:
            return None
        cache.set(key, content, TIMEOUT)
    return content


@dataclass(frozen=True)
class QuestionKey:
    """What grading needs of a question: its kind, its options, and the right ones."""

    kind: str
    options: frozenset[int]
    right: frozenset[int]


def quiz_answer_key(quiz_id: int, *, generation: int | None) -> dict[int, QuestionKey]:
    """The answer key of quiz `quiz_id`: each of its questions by id. For the grading service
    only (never given to a template); one query on a miss.

    Cached (language-free) under `generation`: the content generation read *outside any
    transaction* in the same request (``LessonContent.generation``), the grading service's own
    transaction, which writes no content, being opened after it. Read from the rows instead
    when `generation` is None, or when the transaction is deeper than the service's own block
    (a larger transaction, which may have written content and may yet roll back)."""
    if generation is None or len(connections[_alias()].atomic_blocks) > 1:
        return _answer_key(quiz_id)
    key = f"training:quiz-key:{SCHEMA}:{release()}:{generation}:{quiz_id}"
    answers: dict[int, QuestionKey] | None = cache.get(key)
    if answers is None:
        answers = _answer_key(quiz_id)
        cache.set(key, answers, TIMEOUT)
    return answers


def _answer_key(quiz_id: int) -> dict[int, QuestionKey]:
    kinds: dict[int, str] = {}
    options: dict[int, set[int]] = {}
    right: dict[int, set[int]] = {}
    rows = (
        Question.objects.filter(quiz_id=quiz_id)
        .order_by()
        .values_list("pk", "kind", "options__pk", "options__is_correct")
    )
    for question_id, kind, option_id, is_correct in rows:
        kinds[question_id] = kind
        options.setdefault(question_id, set())
        right.setdefault(question_id, set())
        if option_id is not None:
            options[question_id].add(option_id)
            if is_correct:
                right[question_id].add(option_id)
    return {
        pk: QuestionKey(kind=kind, options=frozenset(options[pk]), right=frozenset(right[pk]))
        for pk, kind in kinds.items()
    }


def _texts(value: str) -> SafeString:
    return mark_safe(linebreaks(value, autoescape=True)) if value else SafeString("")  # noqa: S308  (escaped by linebreaks)


def _build(slug: str, position: int, generation: int | None) -> LessonContent | None:
    lesson = (
        Lesson.objects.filter(module__slug=slug, position=position)
        .select_related("module", "quiz", "scenario")
        .first()
    )
    if lesson is None:
        return None
    module = lesson.module
    # Instances, not values: a translated field falls back to the source language as on
    # every other page (a miss only; a hit reads none of this).
    lessons = tuple(
        LessonRef(pk=row.pk, position=row.position, kind=row.kind, title=row.title)
        for row in Lesson.objects.filter(module=module).order_by("position", "pk")
    )
    quiz = _quiz(lesson) if lesson.kind == Lesson.Kind.QUIZ and hasattr(lesson, "quiz") else None
    scenario = (
        _scenario(lesson)
        if lesson.kind == Lesson.Kind.SCENARIO and hasattr(lesson, "scenario")
        else None
    )
    info = LessonInfo(
        pk=lesson.pk,
        module_id=module.pk,
        position=lesson.position,
        kind=lesson.kind,
        kind_display=str(lesson.get_kind_display()),
        title=lesson.title,
        minutes=lesson.minutes,
        body_html=render_html(lesson.body),
        video_url=lesson.video_url,
        transcript_html=_texts(lesson.transcript),
        document_id=lesson.document_id,
        quiz=quiz,
        scenario=scenario,
    )
    return LessonContent(
        module=ModuleInfo(
            pk=module.pk, slug=module.slug, title=module.title, is_published=module.is_published
        ),
        lesson=info,
        lessons=lessons,
        generation=generation,
    )


def _quiz(lesson: Lesson) -> QuizInfo:
    quiz = lesson.quiz
    options: dict[int, list[OptionInfo]] = {}
    # What a question page may show of an option: never whether it is right, nor its feedback.
    for option in Option.objects.filter(question__quiz=quiz).order_by("position", "pk"):
        options.setdefault(option.question_id, []).append(OptionInfo(option.pk, option.text))
    questions = tuple(
        QuestionInfo(
            pk=q.pk,
            position=q.position,
            kind=q.kind,
            text=q.text,
            options=tuple(options.get(q.pk, ())),
        )  # fmt: skip
        for q in Question.objects.filter(quiz=quiz).order_by("position", "pk")
    )
    return QuizInfo(
        pk=quiz.pk, pass_mark=quiz.pass_mark, max_attempts=quiz.max_attempts, questions=questions
    )


def _scenario(lesson: Lesson) -> ScenarioInfo:
    scenario = lesson.scenario
    choices: dict[int, list[ChoiceInfo]] = {}
    for choice in Choice.objects.filter(step__scenario=scenario).order_by("position", "pk"):
        choices.setdefault(choice.step_id, []).append(
            ChoiceInfo(pk=choice.pk, text=choice.text, feedback=choice.feedback)
        )
    outcomes = dict(Step.Outcome.choices)
    steps = {
        step.pk: StepInfo(
            pk=step.pk,
            key=step.key,
            situation_html=_texts(step.situation),
            is_ending=step.is_ending,
            outcome=step.outcome,
            outcome_display=str(outcomes.get(step.outcome, "")),
            debrief_html=_texts(step.debrief),
            choices=tuple(choices.get(step.pk, ())),
        )
        for step in Step.objects.filter(scenario=scenario).order_by("position", "pk")
    }
    by_pk = {choice.pk: choice for step in steps.values() for choice in step.choices}
    return ScenarioInfo(pk=scenario.pk, start_id=scenario.start_id, steps=steps, choices=by_pk)
