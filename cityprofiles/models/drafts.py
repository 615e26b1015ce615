"""The draft a city's editors work on and every publication of it (cityprofiles.drafts describes
the draft's content; cityprofiles.services publishes it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City


class ProfileDraft(models.Model):
    """The version of a city's profile and practices its editors are working on.

    `content` holds the whole profile as data (cityprofiles.drafts describes its shape);
    `version` grows with every save, and a save made from an older version is refused.
    """

    class State(models.TextChoices):
        EDITING = "editing", pgettext_lazy("draft state", "Being edited")
        SUBMITTED = "submitted", pgettext_lazy("draft state", "Waiting for review")
        RETURNED = "returned", pgettext_lazy("draft state", "Returned with a comment")

    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="profile_draft", verbose_name=_("city")
    )
    content = models.JSONField(_("content"), default=dict)
    version = models.PositiveIntegerField(_("version"), default=1)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.EDITING
    )
    # The publication the draft started from: changes are shown against it.
    based_on = models.ForeignKey(
        "ProfilePublication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
    )
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    return_comment = models.TextField(_("comment from SCN staff"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("profile draft")
        verbose_name_plural = _("profile drafts")
        ordering = ["-submitted_at", "city__name"]

    def __str__(self) -> str:
        return str(self.city)


class ProfilePublication(models.Model):
    """One publication of a city's profile: who, when, what changed, and what was published."""

    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="profile_publications", verbose_name=_("city")
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # [{"object": ..., "field": ..., "before": ..., "after": ...}], as cityprofiles.drafts_diff.diff
    changes = models.JSONField(_("changes"), default=list)
    snapshot = models.JSONField(_("content published"), default=dict)

    class Meta:
        verbose_name = _("profile publication")
        verbose_name_plural = _("profile publications")
        ordering = ["city", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="cityprofiles_publication_no")
        ]

    def __str__(self) -> str:
        return f"{self.city} #{self.number}"
