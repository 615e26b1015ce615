"""Staff build the modules: modules, lessons, quizzes and scenarios, saved from the admin.

Each write is checked (`full_clean`, the lesson kind's own rules, a scenario's graph) and
audited. A scenario's steps and choices are saved together, from plain data, so that a graph
that cannot be played is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from hub.errors import NotAllowed
from hub.richtext import sanitize_html
from hub.services import audit_record
from training import audit
from training.models import Choice, Lesson, Module, Option, Question, Quiz, Scenario, Step
from training.permissions import can_manage_training
from training.scenarios import validate_scenario

if TYPE_CHECKING:
    from django.db.models import Model

    from hub.models import User

# The hosts a video lesson may embed from (their privacy-enhanced players).
VIDEO_HOSTS = frozenset(
    {
        "www.youtube-nocookie.com",
        "youtube-nocookie.com",
        "www.youtube.com",
        "youtu.be",
        "player.vimeo.com",
        "vimeo.com",
    }
)


# Lessons being reordered step aside to here first (positions are small integers).
POSITION_SHIFT = 16000


def _languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def _check_staff(by: User) -> None:
    if not can_manage_training(by):
        raise NotAllowed()


def _any_language(obj: Model, name: str) -> bool:
    return any(getattr(obj, build_localized_fieldname(name, lang), "") for lang in _languages())


def lesson_problems(lesson: Lesson) -> dict[str, list[ValidationError]]:
    """What a lesson of its kind still needs, by field (empty when it is complete)."""
    problems: dict[str, list[ValidationError]] = {}

    def add(name: str, message: Any, code: str, params: dict[str, str] | None = None) -> None:
        problems.setdefault(name, []).append(ValidationError(message, code=code, params=params))

    if lesson.kind == Lesson.Kind.READING and not _any_language(lesson, "body"):
        add("body_en", _("A reading needs its text."), "reading_without_text")
    if lesson.kind == Lesson.Kind.VIDEO:
        host = (urlsplit(lesson.video_url).hostname or "").lower() if lesson.video_url else ""
        if not lesson.video_url:
            add("video_url", _("A video lesson needs the video's address."), "video_without_url")
        elif host not in VIDEO_HOSTS or urlsplit(lesson.video_url).scheme != "https":
            add(
                "video_url",
                _("Videos can be embedded from these sites only: %(hosts)s."),
                "video_host_not_allowed",
                {"hosts": ", ".join(sorted(VIDEO_HOSTS))},
            )
        if not _any_language(lesson, "transcript"):
            add(
                "transcript_en", _("A video lesson needs a transcript."), "video_without_transcript"
            )
    if lesson.kind == Lesson.Kind.DOCUMENT and lesson.document_id is None:
        add("document", _("A document lesson needs a library document."), "document_missing")
    return problems


def _record(action: str, by: User, target: Model, **details: Any) -> None:
    audit_record(action=action, actor=by, target=target, details=details)


@transaction.atomic
def module_save(
    *, module: Module, by: User, themes: Any = None, prerequisites: Any = None
) -> Module:
    """Create or change a module (and, when given, its themes and prerequisites).

    Side effects: audited. Raises: NotAllowed (not staff), ValidationError (a module among its
    own prerequisites: `prerequisite_self`).
    """
    _check_staff(by)
    creating = module.pk is None
    module.full_clean()
    if prerequisites is not None and module.pk is not None and module in prerequisites:
        raise ValidationError(
            {"prerequisites": _("A module cannot be its own prerequisite.")},
            code="prerequisite_self",
        )
    module.save()
    if themes is not None:
        module.themes.set(themes)
    if prerequisites is not None:
        module.prerequisites.set([m for m in prerequisites if m.pk != module.pk])
    _record(audit.MODULE_SAVED, by, module, created=creating, published=module.is_published)
    return module


@transaction.atomic
def module_publish(*, module: Module, by: User, published: bool = True) -> Module:
    """Publish (or withdraw) a module. Side effects: audited. Raises: NotAllowed,
    ValidationError (`module_empty`: a module without a lesson is not published)."""
    _check_staff(by)
    if published and not module.lessons.exists():
        raise ValidationError(
            _("A module needs a lesson before it is published."), code="module_empty"
        )
    module.is_published = published
    module.save(update_fields=["is_published", "updated_at"])
    _record(audit.MODULE_SAVED, by, module, created=False, published=published)
    return module


@transaction.atomic
def lesson_save(*, lesson: Lesson, by: User) -> Lesson:
    """Create or change a lesson; a reading's text is sanitised (nh3) in every language.

    Side effects: audited. Raises: NotAllowed, ValidationError (what the kind needs:
    `reading_without_text`, `video_without_url`, `video_host_not_allowed`,
    `video_without_transcript`, `document_missing`).
    """
    _check_staff(by)
    for lang in _languages():
        name = build_localized_fieldname("body", lang)
        setattr(lesson, name, sanitize_html(getattr(lesson, name)))
    problems = lesson_problems(lesson)
    if problems:
        raise ValidationError(problems)
    creating = lesson.pk is None
    lesson.full_clean()
    lesson.save()
    _record(audit.LESSON_SAVED, by, lesson, created=creating, kind=lesson.kind)
    return lesson


@transaction.atomic
def lessons_save(*, lessons: list[Lesson], by: User) -> list[Lesson]:
    """Save several lessons of a module at once (the module page's list): their places may be
    swapped among them. Side effects: audited per lesson. Raises: as lesson_save."""
    _check_staff(by)
    moved = [lesson.pk for lesson in lessons if lesson.pk]
    # The positions are unique per module, and two lessons may trade places in one save.
    Lesson.objects.filter(pk__in=moved).update(position=F("position") + POSITION_SHIFT)
    return [lesson_save(lesson=lesson, by=by) for lesson in lessons]


@transaction.atomic
def quiz_part_save(*, obj: Quiz | Question | Option, by: User) -> Quiz | Question | Option:
    """Create or change a quiz, a question or an answer. Side effects: audited.
    Raises: NotAllowed, ValidationError (`quiz_lesson_kind`: a quiz belongs to a quiz lesson)."""
    _check_staff(by)
    if isinstance(obj, Quiz) and obj.lesson_id and obj.lesson.kind != Lesson.Kind.QUIZ:
        raise ValidationError(
            {"lesson": _("A quiz belongs to a lesson of the kind “quiz”.")}, code="quiz_lesson_kind"
        )
    creating = obj.pk is None
    obj.full_clean()
    obj.save()
    _record(audit.QUIZ_SAVED, by, obj, created=creating, model=obj._meta.model_name)
    return obj


@transaction.atomic
def content_delete(*, obj: Module | Lesson | Quiz | Question | Option | Scenario, by: User) -> None:
    """Delete a module, lesson or part of one (with what it holds). Side effects: audited.
    Raises: NotAllowed, ProtectedError."""
    _check_staff(by)
    _record(audit.CONTENT_DELETED, by, obj, model=obj._meta.model_name, id=obj.pk)
    obj.delete()


@dataclass
class StepData:
    """One step as submitted: `pk` None for a new one; translated texts by column name."""

    key: str
    is_ending: bool
    outcome: str = ""
    position: int = 0
    pk: int | None = None
    texts: dict[str, str] = field(default_factory=dict)


@dataclass
class ChoiceData:
    """One choice as submitted, from and to steps named by key."""

    step_key: str
    leads_to_key: str
    score: int = 0
    position: int = 0
    pk: int | None = None
    texts: dict[str, str] = field(default_factory=dict)


@transaction.atomic
def scenario_graph_save(
    *,
    scenario: Scenario,
    start_key: str,
    steps: list[StepData],
    choices: list[ChoiceData],
    by: User,
) -> Scenario:
    """Save a scenario with all of its steps and choices: those not given are deleted.

    The admin checks the same data with training.scenarios.scenario_problems first; the saved
    graph is checked again here, so that a graph that cannot be played is never stored.
    Side effects: audited. Raises: NotAllowed, ValidationError (the lesson is not a scenario
    lesson: `scenario_lesson_kind`; the graph's codes, see training.scenarios).
    """
    _check_staff(by)
    if scenario.lesson_id and scenario.lesson.kind != Lesson.Kind.SCENARIO:
        raise ValidationError(
            {"lesson": _("A scenario belongs to a lesson of the kind “scenario”.")},
            code="scenario_lesson_kind",
        )
    creating = scenario.pk is None
    scenario.start = None
    scenario.full_clean(exclude=["start"])
    scenario.save()
    kept_steps = {s.pk for s in steps if s.pk}
    kept_choices = {c.pk for c in choices if c.pk}
    # Choices first: a step that is still a choice's target cannot go (PROTECT).
    Choice.objects.filter(step__scenario=scenario).exclude(pk__in=kept_choices).delete()
    existing = {s.pk: s for s in scenario.steps.all()}
    Choice.objects.filter(step__scenario=scenario).exclude(
        step_id__in=kept_steps, leads_to_id__in=kept_steps
    ).delete()
    scenario.steps.exclude(pk__in=kept_steps).delete()
    by_key: dict[str, Step] = {}
    # Keys may be swapped between steps in one save: free them first.
    for step in existing.values():
        if step.pk in kept_steps:
            step.key = f"~{step.pk}"
            step.save(update_fields=["key"])
    for data in steps:
        found = existing.get(data.pk) if data.pk else None
        step = found or Step(scenario=scenario)
        step.key, step.is_ending, step.position = data.key, data.is_ending, data.position
        step.outcome = data.outcome if data.is_ending else ""
        for name, value in data.texts.items():
            setattr(step, name, value)
        step.full_clean(exclude=["scenario"])
        step.save()
        by_key[step.key] = step
    existing_choices = {
        c.pk: c for c in Choice.objects.filter(pk__in=kept_choices).select_related("step")
    }
    for row in choices:
        if row.step_key not in by_key or row.leads_to_key not in by_key:
            raise ValidationError(
                _("A choice leads from or to a step that is not in this scenario."),
                code="choice_unknown_step",
            )
        choice = existing_choices.get(row.pk) if row.pk else None
        if choice is None or choice.step.scenario_id != scenario.pk:
            choice = Choice()
        choice.step = by_key[row.step_key]
        choice.leads_to = by_key[row.leads_to_key]
        choice.score, choice.position = row.score, row.position
        for name, value in row.texts.items():
            setattr(choice, name, value)
        choice.full_clean()
        choice.save()
    if start_key not in by_key:
        raise ValidationError(
            _("Choose the first step of the scenario among its steps."), code="no_start"
        )
    scenario.start = by_key[start_key]
    scenario.save(update_fields=["start"])
    validate_scenario(scenario)
    _record(
        audit.SCENARIO_SAVED,
        by,
        scenario,
        created=creating,
        steps=len(steps),
        choices=len(choices),
    )
    return scenario
