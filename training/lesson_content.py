"""The content of a lesson page — the same for every learner — read once and kept in the cache.

What a lesson page shows of the module (its lessons, for the way on), of the lesson (its text
already sanitised, its transcript), of its quiz (questions and answers, never whether an answer
is right nor its feedback) and of its scenario (every step with its choices) is built here from
a few queries, in the active language, and cached under a key that holds the *content
generation*: a token that every change to training's content replaces (``content_changed``,
called by the receivers of ``training.signals`` on any save or delete of a module, lesson, quiz,
question, answer, scenario, step or choice, and by the content loader). A change therefore makes
every cached lesson a miss at once; nothing is deleted, stale entries expire (``TIMEOUT``).

The cache is derived state: while it is away every read is a miss and the page is built from
the database. The learner's own progress is never cached here (training.selectors reads it on
every request), nor whether they may see the module: the cached ``is_published`` is checked
against the reader on every request, and the token changes when it does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from hub.richtext import render_html
from training.models import Choice, Lesson, Option, Question, Step

GENERATION_KEY = "training:content-generation"
# The shape of what is cached: a change of the classes below changes it, and the keys with it.
SCHEMA = 1
# A missed invalidation (the cache away during a write) is outlived by at most this long.
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


def content_generation() -> str:
    """The current content generation (made when there is none yet, or the cache lost it)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or "none"
    return str(generation)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def content_changed() -> None:
    """Training's content changed: every cached lesson is out of date. Replaced at once (a read
    later in the same transaction sees the change) and again after the commit (a page built by
    another request from the rows as they were before the commit is not kept past it)."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _key(slug: str, position: int, language: str) -> str:
    return f"training:lesson:{SCHEMA}:{content_generation()}:{language}:{slug}:{position}"


def lesson_content(*, slug: str, position: int) -> LessonContent | None:
    """The content of the lesson at `position` of the module at `slug`, in the active language,
    published or not (the caller checks the reader may see it); None when there is no such
    lesson. Cached; built from at most five queries on a miss."""
    key = _key(slug, position, get_language() or "")
    content: LessonContent | None = cache.get(key)
    if content is None:
        content = _build(slug, position)
        if content is None:
            return None
        cache.set(key, content, TIMEOUT)
    return content


def _texts(value: str) -> SafeString:
    return mark_safe(linebreaks(value, autoescape=True)) if value else SafeString("")  # noqa: S308  (escaped by linebreaks)


def _build(slug: str, position: int) -> LessonContent | None:
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
