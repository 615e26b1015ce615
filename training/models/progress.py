"""A learner's progress: enrolments, completed lessons, quiz attempts, scenario runs and
certificates. Rows are written only by :mod:`training.services`, under unique constraints so that
repeating or racing a step counts once."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .modules import Choice, Lesson, Module, Question, Quiz, Scenario, Step


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("module")
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    # The city the learner belonged to when they enrolled: reports count by it.
    city = models.ForeignKey(
        "hub.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("city"),
    )
    last_lesson = models.ForeignKey(
        Lesson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last lesson opened"),
    )
    completed_count = models.PositiveSmallIntegerField(_("lessons completed"), default=0)
    completed_at = models.DateTimeField(_("module completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="enrolment_once"),
        ]
        indexes = [
            models.Index(fields=["module", "city"], name="enrolment_module_city"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.module}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="completions", verbose_name=_("enrolment")
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="completions", verbose_name=_("lesson")
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lessoncompletion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("enrolment"),
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="quizattempt_number_unique"
            ),
            # At most one attempt in progress per learner and quiz.
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="quizattempt_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id} #{self.number}"


class QuizAnswer(models.Model):
    """The learner's answer to one question of an attempt, kept as soon as it is given."""

    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    option_ids = ArrayField(models.BigIntegerField(), verbose_name=_("answers chosen"))
    is_correct = models.BooleanField(_("correct"), default=False)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="quizanswer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.question_id}"


class ScenarioRun(models.Model):
    """One play of a scenario: its path is its moves, in order."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="scenario_runs",
        verbose_name=_("enrolment"),
    )
    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="runs", verbose_name=_("scenario")
    )
    number = models.PositiveSmallIntegerField(_("play"))
    current_step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("current step")
    )
    score = models.SmallIntegerField(_("score"), default=0)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Step.Outcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("scenario play")
        verbose_name_plural = _("scenario plays")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "scenario", "number"], name="scenariorun_number_unique"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "scenario"],
                condition=Q(ended_at__isnull=True),
                name="scenariorun_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario_id} #{self.number}"


class ScenarioMove(models.Model):
    run = models.ForeignKey(
        ScenarioRun, on_delete=models.CASCADE, related_name="moves", verbose_name=_("play")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="+", verbose_name=_("step")
    )
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, related_name="+", verbose_name=_("choice")
    )
    moved_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        verbose_name = _("scenario move")
        verbose_name_plural = _("scenario moves")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "position"], name="scenariomove_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}.{self.position}"


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """Proof that a learner completed a module. The name, title and date are kept as issued,
    so the verification page says what the certificate says."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("certificate status", "Being made")
        DONE = "done", pgettext_lazy("certificate status", "Ready")
        FAILED = "failed", pgettext_lazy("certificate status", "Failed")

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("enrolment")
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    learner_name = models.CharField(_("learner's name"), max_length=150)
    module_title = models.CharField(_("module title"), max_length=200)
    language = models.CharField(_("language"), max_length=5)
    completed_on = models.DateField(_("completed on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="certificates/", blank=True, max_length=300)
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True, max_length=1000)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class CompletionSummary(models.Model):
    """The completion report's figures for one module and city, kept by the database.

    Derived from ``Enrolment`` (its module, city, completed_count and completed_at) by the
    triggers of migration 0004, whoever writes the enrolments (the services, the admin, a
    queryset update(), a bulk load, a cascade): never written by the application.
    ``manage.py training_completion_summary`` recounts it from the enrolments (and checks it).
    An enrolment without a city counts nowhere, as in the report; a row whose enrolments are
    all gone stays, with zeros, and the report skips it.
    """

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="+", verbose_name=_("module")
    )
    city = models.ForeignKey(
        "hub.City", on_delete=models.CASCADE, related_name="+", verbose_name=_("city")
    )
    enrolled = models.IntegerField(_("enrolled"), default=0)
    in_progress = models.IntegerField(_("in progress"), default=0)
    completed = models.IntegerField(_("completed"), default=0)

    class Meta:
        verbose_name = _("completion summary")
        verbose_name_plural = _("completion summaries")
        constraints = [
            models.UniqueConstraint(fields=["module", "city"], name="completionsummary_once"),
        ]

    def __str__(self) -> str:
        return f"{self.module_id} × {self.city_id}"
