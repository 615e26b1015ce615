"""Registrations, their answers, and the members' calendar feed tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .events import Event


class Question(models.Model):
    """A registration question set for one event, in the three languages."""

    class Kind(models.TextChoices):
        TEXT = "text", pgettext_lazy("question kind", "Text")
        CHOICE = "choice", pgettext_lazy("question kind", "Choice")
        YES_NO = "yes_no", pgettext_lazy("question kind", "Yes or no")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    text = models.CharField(_("question"), max_length=500)
    # Choice questions: one option per line (translated like the question).
    options = models.TextField(_("options"), blank=True, max_length=3000)
    is_required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("registration status", "Awaiting approval")
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
        REFUSED = "refused", pgettext_lazy("registration status", "Refused")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    # Null once the attendee data is removed; the city and role stay for the counts.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("participant"),
    )
    city = models.ForeignKey(
        "hub.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    roles = ArrayField(models.CharField(max_length=20), verbose_name=_("roles"), default=list)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # The order of the waiting list: who asked first is promoted first.
    requested_at = models.DateTimeField(_("registered at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, max_length=2000)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_week_at = models.DateTimeField(_("week reminder sent at"), null=True, blank=True)
    reminded_day_at = models.DateTimeField(_("day reminder sent at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # The event's revision of its time and place the participant knows: set by the database to
    # the event's at registration (events 0007); raised when they are told of a change, or
    # when staff choose not to tell them (events.services.notifications).
    told_sequence = models.PositiveIntegerField(_("revision of the time and place told"), default=0)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "requested_at", "pk"]
        constraints = [
            # One active registration per person and event (a cancelled one may be renewed).
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="registration_one_active",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "requested_at"], name="registration_queue"),
            models.Index(fields=["user", "status"], name="registration_of_user"),
        ]

    def __str__(self) -> str:
        who = self.user.name if self.user is not None else str(self.city or "—")
        return f"{self.event} — {who} ({self.get_status_display()})"


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("registration"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.TextField(_("answer"), max_length=2000)

    class Meta:
        verbose_name = _("registration answer")
        verbose_name_plural = _("registration answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.question_id}"


class FeedToken(models.Model):
    """The secret of a member's personal calendar feed URL. The URL's token is an HMAC of
    `salt` under the site's secret key, so the database alone never holds a usable URL;
    `digest` (its SHA-256) finds the member. Regenerating draws a new salt; revoking deletes
    the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_feed",
        verbose_name=_("member"),
    )
    salt = models.CharField(_("salt"), max_length=64)
    digest = models.CharField(_("token digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
