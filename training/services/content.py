"""The hub's own training modules, loaded from the content files (``training.content``).

This is an import (like the programme data on the city profiles): it writes the modules, their
lessons, quizzes and scenarios directly, idempotently, in one transaction. A module is matched
by its slug, a lesson by its key, a question or an answer by its position, a step by its key
and a choice by its position in its step; a row whose values have not changed is not written
again, so loading twice changes nothing. Rows the content file no longer has are removed
(a learner's completion of the module stays: it is kept on the enrolment).

The demo (:func:`demo_training_seed`, `make demo`) adds demo working groups and toolkits
through the toolkit services and demo learners' progress through the learners' own services.

Reading text is sanitised with nh3 (hub.richtext; the content files hold clean HTML already),
every row is ``full_clean``-ed, and every scenario is checked by
:func:`training.scenarios.validate_scenario` before the transaction commits, so a broken file
changes nothing.
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
from training.content import MODULES, demo
from training.content._text import LANGUAGES
from training.models import (
    Choice,
    Enrolment,
    Lesson,
    Module,
    Option,
    Provenance,
    Question,
    Quiz,
    Scenario,
    Step,
    Toolkit,
    ToolkitItem,
    WorkingGroup,
)
from training.services.toolkits import toolkit_item_add, working_group_save

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from hub.models import User

# The demo accounts of hub's seed_demo.
DEMO_DOMAIN = "demo.scn.invalid"
# Lessons are moved this far out of the way while a module's lessons are put in a new order
# (their positions are unique in the module).
_SHUFFLE = 1000


@dataclass
class ContentReport:
    modules: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    deleted: int = 0


def _texts(name: str, texts: dict[str, str]) -> dict[str, str]:
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
            {"kind": question_spec["kind"], **_texts("text", question_spec["text"])},
            report,
        )
        for option_position, option in enumerate(question_spec["options"], start=1):
            _upsert(
                Option,
                {"question": question, "position": option_position},
                {
                    "is_correct": bool(option["correct"]),
                    **_texts("text", option["text"]),
                    **_texts("feedback", option["feedback"]),
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
                **_texts("situation", step_spec["situation"]),
                **_texts("debrief", step_spec.get("debrief", {})),
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
                    **_texts("text", choice["text"]),
                    **_texts("feedback", choice["feedback"]),
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
            **_texts("title", spec["title"]),
            **_texts("summary", spec["summary"]),
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
                **_texts("title", lesson_spec["title"]),
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


# --- Demo (make demo) -----------------------------------------------------------------------


@dataclass
class DemoReport:
    working_groups: int = 0
    toolkit_items: int = 0
    enrolments: int = 0


def _demo_toolkit_items(toolkit: Toolkit, spec: dict[str, Any], report: DemoReport) -> None:
    """Link demo library documents and city practices on the group's themes, once."""
    from cityprofiles.models import Practice
    from cityprofiles.models import Provenance as PracticeProvenance
    from library.demo_library import FILENAME_PREFIX
    from library.models import Document

    if toolkit.items.exists():
        return
    themes = list(Theme.objects.filter(slug__in=spec["themes"]))
    documents = Document.objects.filter(
        status=Document.Status.PUBLISHED,
        original_filename__startswith=FILENAME_PREFIX,
        themes__in=themes,
    ).distinct()
    for section, kinds in demo.SECTION_KINDS.items():
        chosen = list(documents.filter(kind__in=kinds).order_by("pk")[: demo.PER_SECTION])
        for document in chosen:
            toolkit_item_add(
                toolkit=toolkit,
                section=section,
                document=document,
                note=demo.NOTES[section],
                by=None,
            )
            report.toolkit_items += 1
    practices = (
        Practice.objects.filter(
            provenance__in=[PracticeProvenance.DEMO, PracticeProvenance.PROGRAMME_2019],
            themes__in=themes,
        )
        .distinct()
        .order_by("pk")[: demo.PER_SECTION]
    )
    for practice in practices:
        toolkit_item_add(
            toolkit=toolkit,
            section=ToolkitItem.Section.MEMBER_CITIES,
            practice=practice,
            note=demo.NOTES["member_cities"],
            by=None,
        )
        report.toolkit_items += 1


def _demo_working_groups(report: DemoReport) -> None:
    from hub.models import City

    for spec in demo.WORKING_GROUPS:
        group = WorkingGroup.objects.filter(slug=spec["slug"]).first()
        if group is None:
            group = WorkingGroup(slug=spec["slug"])
            for name, value in {
                "position": spec["position"],
                "provenance": Provenance.DEMO,
                **_texts("name", spec["name"]),
                **_texts("description", spec["description"]),
            }.items():
                setattr(group, name, value)
            group = working_group_save(
                group=group,
                themes=list(Theme.objects.filter(slug__in=spec["themes"])),
                lead_cities=list(City.objects.filter(slug__in=spec["lead_cities"])),
                by=None,
            )
            toolkit = group.toolkit
            for name, value in _texts("introduction", spec["introduction"]).items():
                setattr(toolkit, name, value)
            toolkit.full_clean()
            toolkit.save(update_fields=list(_texts("introduction", spec["introduction"])))
            report.working_groups += 1
        _demo_toolkit_items(group.toolkit, spec, report)
        if spec["module"]:
            # The hub's module shows the demo group it belongs to (only while it has none).
            Module.objects.filter(slug=spec["module"], working_group__isnull=True).update(
                working_group=group
            )


def _path_to(scenario: Scenario, outcome: str) -> list[Choice]:
    """The shortest run of choices from the first step to an ending with `outcome`."""
    choices: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(step__scenario=scenario).select_related("leads_to"):
        choices.setdefault(choice.step_id, []).append(choice)
    if scenario.start_id is None:
        raise ValueError(f"{scenario} has no first step")
    paths: dict[int, list[Choice]] = {scenario.start_id: []}
    queue = [scenario.start_id]
    while queue:
        step_id = queue.pop(0)
        for choice in sorted(choices.get(step_id, []), key=lambda c: c.position):
            target = choice.leads_to
            if target.pk in paths:
                continue
            paths[target.pk] = [*paths[step_id], choice]
            if target.is_ending and target.outcome == outcome:
                return paths[target.pk]
            if not target.is_ending:
                queue.append(target.pk)
    raise ValueError(f"no {outcome} ending in {scenario}")


def _demo_progress(enrolment: Enrolment, state: str, learner: User) -> None:
    from training.services import progress

    lessons = list(enrolment.module.lessons.order_by("position"))
    readings = [lesson for lesson in lessons if lesson.kind == Lesson.Kind.READING]
    if state in ("enrolled", "staff_enrolled"):
        return
    if state == "started":
        for lesson in readings[:2]:
            progress.lesson_mark_done(enrolment=enrolment, lesson=lesson, by=learner)
        return
    if state == "failed_quiz":
        progress.lesson_mark_done(enrolment=enrolment, lesson=readings[0], by=learner)
    else:
        for lesson in readings:
            progress.lesson_mark_done(enrolment=enrolment, lesson=lesson, by=learner)
    for lesson in lessons:
        if lesson.kind == Lesson.Kind.QUIZ:
            quiz = lesson.quiz
            attempt = progress.quiz_attempt_start(enrolment=enrolment, quiz=quiz, by=learner)
            for number, question in enumerate(quiz.questions.prefetch_related("options")):
                options = list(question.options.all())
                # A failed attempt: the first four right (57 % of seven), the others wrong.
                pass_it = state != "failed_quiz" or number < 4
                chosen = [o.pk for o in options if o.is_correct == pass_it]
                if question.kind == Question.Kind.SINGLE or not pass_it:
                    chosen = chosen[:1]
                progress.quiz_answer(
                    attempt=attempt, question=question, option_ids=chosen, by=learner
                )
            progress.quiz_attempt_submit(attempt=attempt, by=learner)
        elif lesson.kind == Lesson.Kind.SCENARIO and state.startswith("complete_"):
            scenario = lesson.scenario
            run = progress.scenario_run_start(enrolment=enrolment, scenario=scenario, by=learner)
            for choice in _path_to(scenario, state.removeprefix("complete_")):
                progress.scenario_choose(
                    run=run, step_id=choice.step_id, choice_id=choice.pk, by=learner
                )


def _demo_enrolments(report: DemoReport, accounts: dict[str, User]) -> None:
    from training.services import progress

    curator = accounts["curator"]
    modules = {module.slug: module for module in Module.objects.all()}
    for local, slug, state in demo.ENROLMENTS:
        learner, module = accounts.get(local), modules.get(slug)
        if learner is None or module is None:
            continue
        if Enrolment.objects.filter(user=learner, module=module).exists():
            continue  # seeded before: left as the learner has it now
        enrolment = progress.enrolment_create(
            user=learner, module=module, by=curator if state == "staff_enrolled" else learner
        )
        _demo_progress(enrolment, state, learner)
        report.enrolments += 1


@transaction.atomic
def demo_training_seed() -> DemoReport:
    """The demo training data of `make demo` (idempotent): demo working groups with their
    toolkits, linking the demo library's documents and the demo and programme practices on
    their themes (each toolkit filled once), and the demo accounts' enrolments in the hub's
    modules in several states, made through the learners' own services.

    Needs the hub's modules (module_content_load) and the demo accounts (seed_demo) first;
    the demo library and profiles are used when they are there. Raises LookupError without
    the demo accounts."""
    from hub.models import User

    accounts = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    }
    if "curator" not in accounts:
        raise LookupError("the demo accounts (seed_demo) are missing")
    report = DemoReport()
    _demo_working_groups(report)
    _demo_enrolments(report, accounts)
    return report


__all__ = ["ContentReport", "DemoReport", "demo_training_seed", "module_content_load"]
