"""Working groups and their toolkits: curated links to library documents and city practices."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City, Theme


class Provenance(models.TextChoices):
    """Where a working group, toolkit or module came from."""

    HUB = "hub", pgettext_lazy("provenance", "Written for the hub")
    DEMO = "demo", pgettext_lazy("provenance", "Demo content")


class WorkingGroup(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="working_groups", verbose_name=_("themes")
    )
    lead_cities: models.ManyToManyField[City, Any] = models.ManyToManyField(
        City, blank=True, related_name="led_working_groups", verbose_name=_("lead cities")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    provenance = models.CharField(
        _("provenance"), max_length=20, choices=Provenance.choices, default=Provenance.HUB
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class Toolkit(models.Model):
    """The working group's toolkit. `version` grows with every change to it or its items: the
    cached ZIP archives are keyed by it, so a change makes the next download build anew."""

    working_group = models.OneToOneField(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="toolkit",
        verbose_name=_("working group"),
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=3000)
    version = models.PositiveIntegerField(_("version"), default=1)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")

    def __str__(self) -> str:
        return str(self.working_group)


class ToolkitItem(models.Model):
    """One link in a toolkit section: a library document or a city practice, never a copy."""

    class Section(models.TextChoices):
        BACKGROUND = "background", pgettext_lazy("toolkit section", "Background research")
        INTEREST = "interest", pgettext_lazy("toolkit section", "Interest pieces")
        CASE_STUDIES = (
            "case_studies",
            pgettext_lazy("toolkit section", "Case studies from around the world"),
        )
        MEMBER_CITIES = (
            "member_cities",
            pgettext_lazy("toolkit section", "Relevant work in member cities"),
        )

    toolkit = models.ForeignKey(
        Toolkit, on_delete=models.CASCADE, related_name="items", verbose_name=_("toolkit")
    )
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    document = models.ForeignKey(
        "library.Document",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toolkit_items",
        verbose_name=_("document"),
    )
    practice = models.ForeignKey(
        "cityprofiles.Practice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="toolkit_items",
        verbose_name=_("practice"),
    )
    note = models.TextField(_("curator's note"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("toolkit item")
        verbose_name_plural = _("toolkit items")
        ordering = ["toolkit", "section", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(document__isnull=False) & Q(practice__isnull=True))
                | (Q(document__isnull=True) & Q(practice__isnull=False)),
                name="toolkititem_one_target",
                violation_error_message=_("Choose either a document or a practice."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.document or self.practice)


class ToolkitArchive(models.Model):
    """A ZIP of a toolkit for one reader class: the documents they may see and an index page.

    Readers who may see the same documents, reading in the same language, share an archive
    (`access_key` is a digest of the visible document ids). The row is the truth of the build.
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("archive status", "Waiting")
        BUILDING = "building", pgettext_lazy("archive status", "Building")
        DONE = "done", pgettext_lazy("archive status", "Ready")
        FAILED = "failed", pgettext_lazy("archive status", "Failed")

    toolkit = models.ForeignKey(
        Toolkit, on_delete=models.CASCADE, related_name="archives", verbose_name=_("toolkit")
    )
    version = models.PositiveIntegerField(_("toolkit version"))
    language = models.CharField(_("language"), max_length=5)
    access_key = models.CharField(_("access key"), max_length=64)
    document_ids = models.JSONField(_("documents"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    done_count = models.PositiveIntegerField(_("documents added"), default=0)
    total_count = models.PositiveIntegerField(_("documents in all"), default=0)
    file = models.FileField(_("file"), upload_to="toolkits/", blank=True, max_length=300)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)

    class Meta:
        verbose_name = _("toolkit archive")
        verbose_name_plural = _("toolkit archives")
        constraints = [
            models.UniqueConstraint(
                fields=["toolkit", "version", "language", "access_key"],
                name="toolkitarchive_one_per_reader_class",
            )
        ]

    def __str__(self) -> str:
        return f"{self.toolkit} v{self.version} {self.language}"
