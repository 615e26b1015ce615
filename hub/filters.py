"""Filters of the core app (django-filter)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import django_filters
from django.utils.translation import gettext_lazy as _

from hub.models import City, Country, Region

if TYPE_CHECKING:
    from django.db.models import QuerySet


class CityFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        field_name="country__region",
        to_field_name="slug",
        queryset=Region.objects.all(),
        empty_label=_("All regions"),
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        to_field_name="iso_code",
        queryset=Country.objects.all(),
        empty_label=_("All countries"),
    )
    steering_committee = django_filters.BooleanFilter(
        label=_("International Steering Committee only"),
        field_name="is_steering_committee",
        method="filter_steering",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    class Meta:
        model = City
        fields = ["region", "country", "steering_committee"]

    def filter_steering(self, queryset: QuerySet[City], name: str, value: bool) -> QuerySet[City]:
        return queryset.filter(is_steering_committee=True) if value else queryset
