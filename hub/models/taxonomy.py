"""The one taxonomy every object type points at: regions, countries, member cities, themes."""

from __future__ import annotations

from typing import Self, TypeVar

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hub.ordering import in_reader_order

_T = TypeVar("_T", bound=models.Model)


class TaxonomyQuerySet(models.QuerySet[_T]):
    def in_name_order(self) -> Self:
        """Ordered by the name the reader sees, in their language's alphabet (hub.ordering).
        Call it per request: it reads the active language."""
        return self.order_by(in_reader_order())


class Region(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)

    objects = TaxonomyQuerySet["Region"].as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    # ISO 3166-1 alpha-2; Kosovo uses the user-assigned XK, as the EU and CLDR do.
    iso_code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region")
    )

    objects = TaxonomyQuerySet["Country"].as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iso_code__regex=r"^[A-Z]{2}$"), name="country_iso_code_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CityQuerySet(TaxonomyQuerySet["City"]):
    def with_place(self) -> CityQuerySet:
        """Join the country and region, which every listing of cities shows."""
        return self.select_related("country__region")

    def steering_committee(self) -> CityQuerySet:
        return self.filter(is_steering_committee=True)


class City(models.Model):
    """A member of the Strong Cities Network (a city, municipality, county or state)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="cities", verbose_name=_("country")
    )
    is_steering_committee = models.BooleanField(
        _("International Steering Committee"), default=False
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(Lower("name_en"), name="city_unique_english_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        # The city page (cityprofiles), by its URL's name: hub imports no other app.
        return reverse("cityprofiles:city", kwargs={"slug": self.slug})

    @property
    def region(self) -> Region:
        return self.country.region


class ThemeQuerySet(TaxonomyQuerySet["Theme"]):
    def pillars(self) -> ThemeQuerySet:
        return self.filter(parent__isnull=True, is_pillar=True)


class Theme(models.Model):
    """A theme of P/CVE work; the five pillars are top-level themes, cross-cutting ones too."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("pillar"),
    )
    is_pillar = models.BooleanField(_("pillar"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_pillar=False) | models.Q(parent__isnull=True),
                name="theme_pillar_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name
