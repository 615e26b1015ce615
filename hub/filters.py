"""Filters of the core app (django-filter)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.db.models import CharField, F, Func, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from hub.models import City, Country, Region
from hub.ordering import in_reader_order
from hub.search import arabic_normalise, clean_query, has_searchable_words

if TYPE_CHECKING:
    from django.db.models import QuerySet

MAX_NAME_QUERY = 100


class CityFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        # Without JavaScript nothing narrows the country list before "Apply": a country left
        # over from the previous region is dropped, and the region chosen last wins.
        if "country" in self.errors and cleaned.get("region") is not None:
            del self.errors["country"]
            data = QueryDict(mutable=True)
            data.update(self.data)
            data["country"] = ""
            self.data = data
        return cleaned


class CityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("City name"),
        method="filter_name",
        widget=forms.SearchInput(attrs={"maxlength": MAX_NAME_QUERY, "autocomplete": "off"}),
    )
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
        fields = ["q", "region", "country", "steering_committee"]
        form = CityFilterForm

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        self.region_slug = str(data.get("region") or "") if data is not None else ""
        self.filters["region"].queryset = Region.objects.in_name_order()
        if self.region_slug:
            # Only a country of the chosen region is a valid choice.
            self.filters["country"].queryset = Country.objects.filter(region__slug=self.region_slug)

    @property
    def form(self) -> forms.Form:
        form = super().form
        if not hasattr(self, "country_options"):
            self._narrow_countries(form)
        return form

    def _narrow_countries(self, form: forms.Form) -> None:
        """The country choices, in the reader's alphabet: only the chosen region's, once one is
        applied. All of them, with their region, go to the page for the script that narrows the
        list as soon as the region changes (static/js/hub.js)."""
        countries = Country.objects.select_related("region").order_by(in_reader_order())
        self.country_options = [
            {"value": c.iso_code, "label": str(c.name), "region": c.region.slug} for c in countries
        ]
        regions = {option["region"] for option in self.country_options}
        shown = [
            (option["value"], option["label"])
            for option in self.country_options
            if self.region_slug not in regions or option["region"] == self.region_slug
        ]
        # The widget's choices only: the field still validates against its queryset.
        field = form.fields["country"]
        field.widget.choices = [("", field.empty_label), *shown]  # type: ignore[attr-defined]

    def filter_name(self, queryset: QuerySet[City], name: str, value: str) -> QuerySet[City]:
        """Cities whose name in any of the three languages contains `value`, ignoring accents
        (and, in Arabic, short vowels and the spelling variants search folds)."""
        query = clean_query(value, limit=MAX_NAME_QUERY)
        if not has_searchable_words(query):
            return queryset
        arabic = Func(F("name_ar"), function="hub_arabic_normalise", output_field=CharField())
        return queryset.alias(name_ar_folded=arabic).filter(
            Q(name_en__unaccent__icontains=query)
            | Q(name_fr__unaccent__icontains=query)
            | Q(name_ar_folded__icontains=arabic_normalise(query))
        )

    def filter_steering(self, queryset: QuerySet[City], name: str, value: bool) -> QuerySet[City]:
        return queryset.filter(is_steering_committee=True) if value else queryset
