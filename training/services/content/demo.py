"""The demo training data of `make demo` (:func:`demo_training_seed`): demo working groups and
their toolkits, made through the toolkit services and filled with the demo library's documents
and the demo and programme practices on their themes, and the demo accounts' enrolments in the
hub's modules in several states, made through the learners' own services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from hub.models import Theme
from training.content import demo
from training.models import (
    Choice,
    Enrolment,
    Lesson,
    Module,
    Provenance,
    Question,
    Scenario,
    Toolkit,
    ToolkitItem,
    WorkingGroup,
)
from training.services.toolkits import toolkit_item_add, working_group_save

from .loader import texts_by_language

if TYPE_CHECKING:
    from hub.models import User

# The demo accounts of hub's seed_demo.
DEMO_DOMAIN = "demo.scn.invalid"


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
                **texts_by_language("name", spec["name"]),
                **texts_by_language("description", spec["description"]),
            }.items():
                setattr(group, name, value)
            group = working_group_save(
                group=group,
                themes=list(Theme.objects.filter(slug__in=spec["themes"])),
                lead_cities=list(City.objects.filter(slug__in=spec["lead_cities"])),
                by=None,
            )
            toolkit = group.toolkit
            for name, value in texts_by_language("introduction", spec["introduction"]).items():
                setattr(toolkit, name, value)
            toolkit.full_clean()
            toolkit.save(
                update_fields=list(texts_by_language("introduction", spec["introduction"]))
            )
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
