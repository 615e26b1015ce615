"""The published profile of a city and what hangs from it: its challenges, its local prevention
network, its practices and its city exchanges, and the partner cities that are not members."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self, TypeVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City, Country, Theme

from .choices import (
    CONTENT_LANGUAGES,
    WORKING_LANGUAGES,
    ContactPolicy,
    PopulationBand,
    Provenance,
    TargetGroup,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User


_M = TypeVar("_M", bound=models.Model)


class _SeenByEveryAccount(models.QuerySet[_M]):
    """Published profile content: every active account sees all of it; nobody else."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self


class CityProfileQuerySet(_SeenByEveryAccount["CityProfile"]):
    pass


class CityProfile(models.Model):
    """The published profile of one member city (one per hub.City)."""

    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="profile", verbose_name=_("city")
    )
    overview = models.TextField(_("overview"), blank=True, max_length=5000)
    approach = models.TextField(_("the city's approach"), blank=True, max_length=5000)
    contact_note = models.TextField(_("about contacting the city"), blank=True, max_length=1000)
    source_language = models.CharField(
        _("written in"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    population_band = models.CharField(
        _("population"), max_length=20, choices=PopulationBand.choices, blank=True
    )
    languages = ArrayField(
        models.CharField(max_length=5, choices=WORKING_LANGUAGES),
        verbose_name=_("working languages"),
        default=list,
        blank=True,
    )
    contact_policy = models.CharField(
        _("contact policy"),
        max_length=20,
        choices=ContactPolicy.choices,
        default=ContactPolicy.OPEN,
    )
    local_action_plan = models.ForeignKey(
        "library.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local action plan"),
    )
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )
    # Users of the city the focal point names to edit the profile with them.
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="edited_profiles",
        verbose_name=_("editors"),
    )
    published_at = models.DateTimeField(_("last published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects: ClassVar[CityProfileQuerySet] = CityProfileQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("city profile")
        verbose_name_plural = _("city profiles")
        ordering = ["city__name"]

    def __str__(self) -> str:
        return str(self.city)


class Challenge(models.Model):
    """One of the core challenges a city names, linked to themes."""

    profile = models.ForeignKey(
        CityProfile, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("profile")
    )
    text = models.TextField(_("challenge"), max_length=1000)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PartnerCity(models.Model):
    """A city the SCN works with that is not a member (for instance Irbid): shown as a partner
    city, never as a member, and with no profile of its own."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    note = models.TextField(_("note"), blank=True)
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )

    class Meta:
        verbose_name = _("partner city (not a member)")
        verbose_name_plural = _("partner cities (not members)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PreventionNetwork(models.Model):
    """A local prevention network: of a member city's profile, or of a partner city."""

    profile = models.OneToOneField(
        CityProfile,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("profile"),
    )
    partner_city = models.OneToOneField(
        PartnerCity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("partner city"),
    )
    name = models.CharField(_("name"), max_length=200)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True, max_length=5000)
    activities = models.TextField(_("activities"), blank=True, max_length=5000)
    source_language = models.CharField(
        _("written in"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    # {sector code: number of members}; codes of Sector.
    members_by_sector = models.JSONField(_("members by sector"), default=dict, blank=True)
    documents = models.ManyToManyField(
        "library.Document", blank=True, related_name="+", verbose_name=_("documents")
    )
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )

    class Meta:
        verbose_name = _("local prevention network")
        verbose_name_plural = _("local prevention networks")
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=False, partner_city__isnull=True)
                | Q(profile__isnull=True, partner_city__isnull=False),
                name="cityprofiles_network_of_one_city",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def member_count(self) -> int:
        return sum(int(n) for n in self.members_by_sector.values() if isinstance(n, int))


class PracticeQuerySet(_SeenByEveryAccount["Practice"]):
    pass


class Practice(models.Model):
    """A city's programme, campaign or intervention, as published."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", pgettext_lazy("practice kind", "Programme")
        CAMPAIGN = "campaign", pgettext_lazy("practice kind", "Campaign")
        INTERVENTION = "intervention", pgettext_lazy("practice kind", "Intervention")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("practice status", "Planned")
        RUNNING = "running", pgettext_lazy("practice status", "Running")
        ENDED = "ended", pgettext_lazy("practice status", "Ended")

    class Evidence(models.TextChoices):
        # In increasing strength; EVIDENCE_WEIGHT gives the weight of each in the ranking.
        DESCRIBED = "described", pgettext_lazy("evidence level", "Described")
        MONITORED = "monitored", pgettext_lazy("evidence level", "Monitored")
        EVALUATED = "evaluated", pgettext_lazy("evidence level", "Evaluated")
        INDEPENDENT = "independent", pgettext_lazy("evidence level", "Independently evaluated")

    profile = models.ForeignKey(
        CityProfile, on_delete=models.CASCADE, related_name="practices", verbose_name=_("profile")
    )
    # Stable across drafts: the draft refers to a practice by this key before it has an id.
    key = models.UUIDField(_("key"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=3000)
    partners = models.TextField(_("partners"), blank=True, max_length=1000)
    results = models.TextField(_("results"), blank=True, max_length=3000)
    source_language = models.CharField(
        _("written in"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROGRAMME)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="practices", verbose_name=_("themes")
    )
    target_groups = ArrayField(
        models.CharField(max_length=20, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    start_year = models.PositiveSmallIntegerField(_("since"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("until"), null=True, blank=True)
    evidence_level = models.CharField(
        _("evidence level"), max_length=20, choices=Evidence.choices, default=Evidence.DESCRIBED
    )
    evaluation = models.ForeignKey(
        "library.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluation document"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices_to_ask_about",
        verbose_name=_("person to ask"),
    )
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects: ClassVar[PracticeQuerySet] = PracticeQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="cityprofiles_practice_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CityExchange(models.Model):
    """A bilateral city exchange: a delegation of the visiting city went to the host city."""

    host = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="exchanges_hosted", verbose_name=_("host city")
    )
    visitor = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        related_name="exchanges_visited",
        verbose_name=_("visiting city"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    provenance = models.CharField(
        _("source"), max_length=20, choices=Provenance.choices, default=Provenance.CITY
    )

    class Meta:
        verbose_name = _("city exchange")
        verbose_name_plural = _("city exchanges")
        ordering = ["year", "month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(host=models.F("visitor")), name="cityprofiles_exchange_two_cities"
            ),
            models.UniqueConstraint(
                fields=["host", "visitor", "year"], name="cityprofiles_exchange_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visitor} → {self.host}"
