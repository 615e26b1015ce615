"""Factories for training. `module_with_lessons()` builds a whole module (a reading, a quiz of
two questions and a small valid scenario) translated into the three languages."""

from __future__ import annotations

import factory

from tests.hub.factories import UserFactory
from training.models import (
    Choice,
    Enrolment,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
    Scenario,
    Step,
    Toolkit,
    WorkingGroup,
)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_en = factory.Sequence(lambda n: f"Working group {n}")
    name_fr = factory.Sequence(lambda n: f"Groupe de travail {n}")
    name_ar = factory.Sequence(lambda n: f"فريق العمل {n}")
    description_en = "Practitioners who share what works."


class ToolkitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toolkit

    working_group = factory.SubFactory(WorkingGroupFactory)
    introduction_en = "What the group has gathered."


class ModuleFactory(factory.django.DjangoModelFactory):
    """A published module, with no lessons (see `module_with_lessons`)."""

    class Meta:
        model = Module

    slug = factory.Sequence(lambda n: f"module-{n}")
    title_en = factory.Sequence(lambda n: f"Module {n}")
    title_fr = factory.Sequence(lambda n: f"Module {n} (fr)")
    title_ar = factory.Sequence(lambda n: f"الوحدة {n}")
    summary_en = "What a practitioner learns here."
    summary_fr = "Ce qu'un praticien apprend ici."
    summary_ar = "ما يتعلمه الممارس هنا."
    is_published = True
    estimated_minutes = 30


class LessonFactory(factory.django.DjangoModelFactory):
    """A reading lesson, in the three languages, at the next position of its module."""

    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    position = factory.LazyAttribute(lambda o: o.module.lessons.count() + 1)
    kind = Lesson.Kind.READING
    title_en = factory.Sequence(lambda n: f"Lesson {n}")
    title_fr = factory.Sequence(lambda n: f"Leçon {n}")
    title_ar = factory.Sequence(lambda n: f"الدرس {n}")
    body_en = "<p>Listen first, then act.</p>"
    body_fr = "<p>Écouter d'abord, puis agir.</p>"
    body_ar = "<p>استمع أولاً، ثم تصرّف.</p>"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    module = factory.SubFactory(ModuleFactory)
    city = factory.LazyAttribute(lambda o: o.user.city)


def _tr(en: str, fr: str, ar: str, name: str) -> dict[str, str]:
    return {f"{name}_en": en, f"{name}_fr": fr, f"{name}_ar": ar}


def quiz_lesson(module: Module, *, pass_mark: int = 50, max_attempts: int = 3) -> Lesson:
    """A quiz of two questions: Q1 single choice (right: "Listen"), Q2 multiple choice (right:
    "Schools" and "Families")."""
    lesson = LessonFactory(module=module, kind=Lesson.Kind.QUIZ, body_en="", body_fr="", body_ar="")
    quiz = Quiz.objects.create(lesson=lesson, pass_mark=pass_mark, max_attempts=max_attempts)
    q1 = Question.objects.create(
        quiz=quiz,
        position=1,
        kind=Question.Kind.SINGLE,
        **_tr("What comes first?", "Qu'est-ce qui vient d'abord ?", "ما الذي يأتي أولاً؟", "text"),
    )
    Option.objects.create(
        question=q1,
        position=1,
        is_correct=True,
        **_tr("Listen", "Écouter", "الاستماع", "text"),
        **_tr("Yes: listening builds trust.", "Oui.", "نعم.", "feedback"),
    )
    Option.objects.create(
        question=q1,
        position=2,
        **_tr("Report", "Signaler", "الإبلاغ", "text"),
        **_tr("Not yet.", "Pas encore.", "ليس بعد.", "feedback"),
    )
    q2 = Question.objects.create(
        quiz=quiz,
        position=2,
        kind=Question.Kind.MULTIPLE,
        **_tr("Who are partners?", "Qui sont les partenaires ?", "من هم الشركاء؟", "text"),
    )
    for position, (en, fr, ar, right) in enumerate(
        [
            ("Schools", "Écoles", "المدارس", True),
            ("Families", "Familles", "الأسر", True),
            ("Nobody", "Personne", "لا أحد", False),
        ],
        start=1,
    ):
        Option.objects.create(
            question=q2, position=position, is_correct=right, **_tr(en, fr, ar, "text")
        )
    return lesson


def scenario_lesson(module: Module) -> Lesson:
    """A valid scenario: start → (talk → good ending) | (ignore → harmful ending)."""
    lesson = LessonFactory(
        module=module, kind=Lesson.Kind.SCENARIO, body_en="", body_fr="", body_ar=""
    )
    scenario = Scenario.objects.create(lesson=lesson)
    start = Step.objects.create(
        scenario=scenario,
        key="start",
        position=1,
        **_tr(
            "A pupil repeats a slogan.",
            "Un élève répète un slogan.",
            "تلميذ يردد شعاراً.",
            "situation",
        ),
    )
    good = Step.objects.create(
        scenario=scenario,
        key="good",
        position=2,
        is_ending=True,
        outcome=Step.Outcome.GOOD,
        **_tr("He talks.", "Il parle.", "يتحدث.", "situation"),
        **_tr(
            "Talking kept him close.",
            "Le dialogue l'a gardé proche.",
            "الحوار أبقاه قريباً.",
            "debrief",
        ),
    )
    harmful = Step.objects.create(
        scenario=scenario,
        key="harmful",
        position=3,
        is_ending=True,
        outcome=Step.Outcome.HARMFUL,
        **_tr("He withdraws.", "Il se retire.", "ينسحب.", "situation"),
        **_tr("Silence pushed him away.", "Le silence l'a éloigné.", "الصمت أبعده.", "debrief"),
    )
    Choice.objects.create(
        step=start,
        position=1,
        leads_to=good,
        score=2,
        **_tr("Ask him about it", "Lui en parler", "اسأله عن ذلك", "text"),
    )
    Choice.objects.create(
        step=start,
        position=2,
        leads_to=harmful,
        score=0,
        **_tr("Ignore it", "L'ignorer", "تجاهل الأمر", "text"),
    )
    scenario.start = start
    scenario.save(update_fields=["start"])
    return lesson


def module_with_lessons(**fields) -> Module:
    """A published module of three lessons: a reading, a quiz and a scenario."""
    module = ModuleFactory(**fields)
    LessonFactory(module=module)
    quiz_lesson(module)
    scenario_lesson(module)
    return module
