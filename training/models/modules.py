"""Modules and their lessons: readings, videos, documents, quizzes and branching scenarios.

Text fields are translated with modeltranslation (``_en``, ``_fr``, ``_ar``). A module is offered
in a language when every one of its lessons is translated into it (``Module.complete_languages``,
worked out by :mod:`training.languages`).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import Theme

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User

from .toolkits import Provenance, WorkingGroup


class ModuleQuerySet(models.QuerySet["Module"]):
    def published(self) -> ModuleQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: User | AnonymousUser) -> ModuleQuerySet:
        """Every active account sees published modules; staff curators see drafts as well."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from hub.permissions import is_staff_curator

        if is_staff_curator(user):
            return self
        return self.published()


class Module(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="training_modules", verbose_name=_("themes")
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name=_("working group"),
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=30)
    prerequisites: models.ManyToManyField[Module, Any] = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    provenance = models.CharField(
        _("provenance"), max_length=20, choices=Provenance.choices, default=Provenance.HUB
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ModuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    class Kind(models.TextChoices):
        READING = "reading", pgettext_lazy("lesson kind", "Reading")
        VIDEO = "video", pgettext_lazy("lesson kind", "Video")
        DOCUMENT = "document", pgettext_lazy("lesson kind", "Document")
        QUIZ = "quiz", pgettext_lazy("lesson kind", "Quiz")
        SCENARIO = "scenario", pgettext_lazy("lesson kind", "Scenario")

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("module")
    )
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    # Reading: the text (sanitised rich text); other kinds: an introduction.
    body = models.TextField(_("text"), blank=True, max_length=50000)
    video_url = models.URLField(_("video address"), blank=True, max_length=500)
    transcript = models.TextField(_("transcript"), blank=True, max_length=50000)
    document = models.ForeignKey(
        "library.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("document"),
    )
    is_required = models.BooleanField(_("required for completion"), default=True)
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=5)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="lesson_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class Quiz(models.Model):
    lesson = models.OneToOneField(
        Lesson, on_delete=models.CASCADE, related_name="quiz", verbose_name=_("lesson")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("The share of questions answered right.")
    )
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1) & Q(pass_mark__lte=100), name="quiz_pass_mark_range"
            ),
            models.CheckConstraint(condition=Q(max_attempts__gte=1), name="quiz_attempts_positive"),
        ]

    def __str__(self) -> str:
        return str(self.lesson)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", pgettext_lazy("question kind", "One answer")
        MULTIPLE = "multiple", pgettext_lazy("question kind", "Several answers")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"), max_length=2000)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["quiz", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Scenario(models.Model):
    """A branching scenario: a graph of steps; `start` is where the learner begins.

    Saving one is checked by :mod:`training.scenarios` (every step reachable, every non-ending
    step has a choice, an ending reachable, no cycle without a way out).
    """

    lesson = models.OneToOneField(
        Lesson, on_delete=models.CASCADE, related_name="scenario", verbose_name=_("lesson")
    )
    start = models.ForeignKey(
        "Step",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first step"),
    )

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return str(self.lesson)


class Step(models.Model):
    class Outcome(models.TextChoices):
        GOOD = "good", pgettext_lazy("scenario outcome", "Good practice")
        PARTIAL = "partial", pgettext_lazy("scenario outcome", "Partly good practice")
        HARMFUL = "harmful", pgettext_lazy("scenario outcome", "Harmful practice")

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="steps", verbose_name=_("scenario")
    )
    key = models.SlugField(_("key"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    situation = models.TextField(_("situation"), max_length=5000)
    is_ending = models.BooleanField(_("ending"), default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    debrief = models.TextField(_("debrief"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["scenario", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="step_key_unique"),
            models.CheckConstraint(
                condition=Q(is_ending=False, outcome="") | (Q(is_ending=True) & ~Q(outcome="")),
                name="step_ending_has_outcome",
                violation_error_message=_(
                    "An ending needs an outcome, and only an ending has one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.key


class Choice(models.Model):
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="choices", verbose_name=_("step")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("choice"), max_length=500)
    # RESTRICT: a step others lead to cannot be deleted on its own, but the whole scenario
    # (its steps and choices together) can.
    leads_to = models.ForeignKey(
        Step,
        on_delete=models.RESTRICT,
        related_name="reached_by",
        verbose_name=_("leads to"),
    )
    feedback = models.TextField(_("feedback"), blank=True, max_length=2000)
    score = models.SmallIntegerField(_("score"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["step", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
