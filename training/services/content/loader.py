"""The loader of the hub's modules (:func:`module_content_load`): each module of the content
files (``training.content``) with its lessons, quizzes and scenarios, created or brought up to
date row by row (written only when a value changed), the rows the file no longer has removed,
and the checks the models cannot make (a right answer per question, choices that lead to a step
of their scenario) made before anything is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from hub.models import Theme
from hub.richtext import sanitize_html
from training.content import MODULES
from training.content._text import LANGUAGES
from training.models import (
    Choice,
    Lesson,
    Module,
    Option,
    Provenance,
    Question,
    Quiz,
    Scenario,
    Step,
)

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

# Lessons are moved this far out of the way while a module's lessons are put in a new order
# (their positions are unique in the module).
_SHUFFLE = 1000


@dataclass
class ContentReport:
    modules: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    deleted: int = 0


def texts_by_language(name: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{code}": texts.get(code, "") for code in LANGUAGES}


def _rich(name: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{code}": sanitize_html(texts.get(code, "")) for code in LANGUAGES}


def _upsert(
    model: type[Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: ContentReport,
    *,
    on_create: dict[str, Any] | None = None,
) -> Any:
    """The row matched by `lookup`, created (with `on_create` as well) or brought up to
    `values`; written only if something changed."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values, **(on_create or {}))
        row.full_clean()
        row.save()
        report.created += 1
        return row
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.full_clean()
        extra = ["updated_at"] if any(f.name == "updated_at" for f in model._meta.fields) else []
        row.save(update_fields=[_field_name(model, name) for name in changed] + extra)
        report.updated += 1
    return row


def _field_name(model: type[Model], name: str) -> str:
    # `leads_to_id` is saved as the field `leads_to`.
    for model_field in model._meta.concrete_fields:
        if name in (model_field.name, model_field.attname):
            return model_field.name
    return name


def _delete(queryset: QuerySet[Any], report: ContentReport) -> None:
    count = queryset.count()
    if count:
        queryset.delete()
        report.deleted += count


def _check(spec: dict[str, Any]) -> None:
    """What the models cannot say: a quiz has a right answer per question, choices lead to a
    step of their scenario."""
    slug = spec["slug"]
    for lesson in spec["lessons"]:
        if lesson["kind"] == Lesson.Kind.QUIZ:
            for number, question in enumerate(lesson["quiz"]["questions"], start=1):
                right = sum(1 for option in question["options"] if option["correct"])
                single = question["kind"] == Question.Kind.SINGLE
                if right == 0 or (single and right != 1):
                    raise ValidationError(
                        _("Question %(number)s of module %(module)s needs one right answer.")
                        if single
                        else _(
                            "Question %(number)s of module %(module)s needs at least one right "
                            "answer."
                        ),
                        code="question_without_right_answer",
                        params={"number": number, "module": slug},
                    )
        if lesson["kind"] == Lesson.Kind.SCENARIO:
            keys = {step["key"] for step in lesson["scenario"]["steps"]}
            targets = {
                choice["to"]
                for step in lesson["scenario"]["steps"]
                for choice in step.get("choices", [])
            } | {lesson["scenario"]["start"]}
            if not targets <= keys:
                raise ValidationError(
                    _("A choice of module %(module)s leads to a step that does not exist."),
                    code="choice_to_unknown_step",
                    params={"module": slug},
                )


def _validate_scenario(scenario: Scenario) -> None:
    from training import scenarios

    scenarios.validate_scenario(scenario)


def _load_quiz(lesson: Lesson, spec: dict[str, Any], report: ContentReport) -> None:
    quiz = _upsert(
        Quiz,
        {"lesson": lesson},
        {"pass_mark": spec["pass_mark"], "max_attempts": spec["max_attempts"]},
        report,
    )
    for position, question_spec in enumerate(spec["questions"], start=1):
        question = _upsert(
            Question,
            {"quiz": quiz, "position": position},
            {"kind": question_spec["kind"], **texts_by_language("text", question_spec["text"])},
            report,
        )
        for option_position, option in enumerate(question_spec["options"], start=1):
            _upsert(
                Option,
                {"question": question, "position": option_position},
                {
                    "is_correct": bool(option["correct"]),
                    **texts_by_language("text", option["text"]),
                    **texts_by_language("feedback", option["feedback"]),
                },
                report,
            )
        _delete(question.options.filter(position__gt=len(question_spec["options"])), report)
    _delete(quiz.questions.filter(position__gt=len(spec["questions"])), report)


def _load_scenario(lesson: Lesson, spec: dict[str, Any], report: ContentReport) -> None:
    scenario = _upsert(Scenario, {"lesson": lesson}, {}, report)
    steps: dict[str, Step] = {}
    for position, step_spec in enumerate(spec["steps"], start=1):
        ending = step_spec.get("ending", "")
        steps[step_spec["key"]] = _upsert(
            Step,
            {"scenario": scenario, "key": step_spec["key"]},
            {
                "position": position,
                "is_ending": bool(ending),
                "outcome": ending,
                **texts_by_language("situation", step_spec["situation"]),
                **texts_by_language("debrief", step_spec.get("debrief", {})),
            },
            report,
        )
    for step_spec in spec["steps"]:
        step = steps[step_spec["key"]]
        choices = step_spec.get("choices", [])
        for position, choice in enumerate(choices, start=1):
            _upsert(
                Choice,
                {"step": step, "position": position},
                {
                    "leads_to_id": steps[choice["to"]].pk,
                    "score": choice["score"],
                    **texts_by_language("text", choice["text"]),
                    **texts_by_language("feedback", choice["feedback"]),
                },
                report,
            )
        _delete(step.choices.filter(position__gt=len(choices)), report)
    stale = scenario.steps.exclude(key__in=steps)
    _delete(Choice.objects.filter(step__in=stale), report)
    _delete(stale, report)
    start = steps[spec["start"]]
    if scenario.start_id != start.pk:
        scenario.start = start
        scenario.save(update_fields=["start"])
        report.updated += 1
    _validate_scenario(scenario)


def _load_module(spec: dict[str, Any], report: ContentReport) -> Module:
    _check(spec)
    module = _upsert(
        Module,
        {"slug": spec["slug"]},
        {
            "estimated_minutes": spec["estimated_minutes"],
            "position": spec["position"],
            "provenance": Provenance.HUB,
            **texts_by_language("title", spec["title"]),
            **texts_by_language("summary", spec["summary"]),
        },
        report,
        # Published when first loaded; staff may take it down in the admin, and it stays down.
        on_create={"is_published": True},
    )
    themes = set(Theme.objects.filter(slug__in=spec["themes"]).values_list("pk", flat=True))
    if len(themes) != len(set(spec["themes"])):
        raise ValidationError(
            _("Module %(module)s names a theme the taxonomy does not have."),
            code="unknown_theme",
            params={"module": spec["slug"]},
        )
    if set(module.themes.values_list("pk", flat=True)) != themes:
        module.themes.set(themes)
        report.updated += 1

    keys = [lesson["key"] for lesson in spec["lessons"]]
    stale = module.lessons.exclude(key__in=keys)
    # A choice protects the step it leads to: a scenario's choices go before its steps.
    Choice.objects.filter(step__scenario__lesson__in=stale).delete()
    _delete(stale, report)
    wanted = {key: position for position, key in enumerate(keys, start=1)}
    # The lessons kept are at their places: new ones take free places. Otherwise move them all
    # aside first.
    placed = module.lessons.values_list("key", "position")
    if any(wanted[str(key)] != position for key, position in placed):
        module.lessons.update(position=F("position") + _SHUFFLE)
    for position, lesson_spec in enumerate(spec["lessons"], start=1):
        lesson = _upsert(
            Lesson,
            {"key": lesson_spec["key"]},
            {
                "module": module,
                "position": position,
                "kind": lesson_spec["kind"],
                "minutes": lesson_spec["minutes"],
                "is_required": lesson_spec.get("required", True),
                **texts_by_language("title", lesson_spec["title"]),
                **_rich("body", lesson_spec.get("body", {})),
            },
            report,
        )
        if lesson_spec["kind"] == Lesson.Kind.QUIZ:
            _load_quiz(lesson, lesson_spec["quiz"], report)
        elif lesson_spec["kind"] == Lesson.Kind.SCENARIO:
            _load_scenario(lesson, lesson_spec["scenario"], report)
    report.modules.append(module.slug)
    return module


@transaction.atomic
def module_content_load(*, modules: list[dict[str, Any]] | None = None) -> ContentReport:
    """Create or bring up to date the hub's modules from their content files (idempotent).

    `modules` defaults to every module of :mod:`training.content`. Needs the taxonomy (hub's
    scn_data_load) first. Raises ValidationError (nothing written) when a file is not valid:
    a question without a right answer, an unknown theme, a scenario refused by
    ``validate_scenario``, or a row that does not pass ``full_clean``.
    """
    report = ContentReport()
    for spec in MODULES if modules is None else modules:
        _load_module(spec, report)
    return report
