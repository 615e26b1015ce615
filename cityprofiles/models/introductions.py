"""Introduction requests: a member asks to be put in touch with a counterpart in another city
(cityprofiles.services.introductions moves them from state to state)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City

from .profiles import Practice


class IntroductionQuerySet(models.QuerySet["Introduction"]):
    def open(self) -> IntroductionQuerySet:
        return self.filter(status__in=Introduction.OPEN_STATUSES)


class Introduction(models.Model):
    """A member's request to be put in touch with a counterpart in another city.

    Requested → (declined by staff) | forwarded → accepted (= introduced) | declined | expired;
    then followed up. Neither side learns the other's name or email before the counterpart
    accepts.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("introduction", "Waiting for SCN staff")
        STAFF_DECLINED = "staff_declined", pgettext_lazy("introduction", "Declined by SCN staff")
        FORWARDED = "forwarded", pgettext_lazy("introduction", "Forwarded to the counterpart")
        DECLINED = "declined", pgettext_lazy("introduction", "Declined by the counterpart")
        EXPIRED = "expired", pgettext_lazy("introduction", "Expired without an answer")
        INTRODUCED = "introduced", pgettext_lazy("introduction", "Introduced")
        WITHDRAWN = "withdrawn", pgettext_lazy("introduction", "Withdrawn by the requester")

    class Outcome(models.TextChoices):
        EXCHANGE = "exchange", pgettext_lazy("introduction outcome", "Led to a city exchange")
        DOCUMENTS = "documents", pgettext_lazy("introduction outcome", "Shared documents")
        ONGOING = "ongoing", pgettext_lazy("introduction outcome", "We keep in touch")
        NO_FOLLOW_UP = "no_follow_up", pgettext_lazy("introduction outcome", "No follow-up")

    OPEN_STATUSES: ClassVar[tuple[str, ...]] = (Status.REQUESTED, Status.FORWARDED)

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="introductions_asked",
        verbose_name=_("requester"),
    )
    requester_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="introductions_asked",
        verbose_name=_("requester's city"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="introductions_offered",
        verbose_name=_("city asked"),
    )
    practice = models.ForeignKey(
        Practice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("practice"),
    )
    message = models.TextField(_("what they want to learn"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires"))
    counterpart = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions_received",
        verbose_name=_("counterpart"),
    )
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded by"),
    )
    staff_note = models.TextField(_("note from SCN staff"), blank=True, max_length=2000)
    decline_reason = models.TextField(_("reason given"), blank=True, max_length=2000)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    introduced_at = models.DateTimeField(_("introduced"), null=True, blank=True)
    # Set when the follow-up question is sent: at most once, whatever the beat does.
    follow_up_sent_at = models.DateTimeField(_("follow-up asked"), null=True, blank=True)
    requester_helped = models.BooleanField(_("helped the requester"), null=True, blank=True)
    requester_outcome = models.CharField(
        _("requester's outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    counterpart_helped = models.BooleanField(_("helped the counterpart"), null=True, blank=True)
    counterpart_outcome = models.CharField(
        _("counterpart's outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    followed_up_at = models.DateTimeField(_("follow-up answered"), null=True, blank=True)

    objects: ClassVar[IntroductionQuerySet] = IntroductionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"], name="cityprofiles_intro_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester_city=models.F("city")),
                name="cityprofiles_intro_other_city",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester_city} → {self.city} ({self.get_status_display()})"
