"""Reads of the learner's modules: the list of the modules they may take, a module's page
(its lessons with the learner's completion, its prerequisites, languages and where to resume)
and the home page's modules in progress. A module is read through
``Module.objects.visible_to(user)`` (drafts only for staff curators; any other module is a 404);
each page reads a bounded number of queries, whatever the number of modules or lessons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, OuterRef
from django.http import Http404

from training.languages import ModuleLanguages, module_languages
from training.models import Enrolment, Lesson, LessonCompletion, Module

if TYPE_CHECKING:
    from hub.models import User


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
