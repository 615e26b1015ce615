"""Forms of the library: input translation only; writing happens in library.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.models import City, Region, Theme
from library.models import DOCUMENT_LANGUAGES, Document


class CityMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: City) -> str:
        return f"{obj.name} ({obj.country.name})"


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), plain text or HTML, up to 50 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.txt,.html,.htm,application/pdf"}
        ),
    )
    title_en = forms.CharField(label=_("Title in English"), max_length=300, required=False)
    title_fr = forms.CharField(label=_("Title in French"), max_length=300, required=False)
    title_ar = forms.CharField(label=_("Title in Arabic"), max_length=300, required=False)
    summary_en = forms.CharField(
        label=_("Summary in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary_fr = forms.CharField(
        label=_("Summary in French"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    summary_ar = forms.CharField(
        label=_("Summary in Arabic"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(label=_("Language of the document"), choices=DOCUMENT_LANGUAGES)
    kind = forms.ChoiceField(label=_("Type"), choices=Document.Kind.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    publisher = forms.CharField(label=_("Author or publisher"), max_length=300, required=False)
    themes: forms.ModelMultipleChoiceField[Theme] = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    cities = CityMultipleChoiceField(
        label=_("Cities it is about"),
        queryset=City.objects.with_place().order_by("name_en"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    regions: forms.ModelMultipleChoiceField[Region] = forms.ModelMultipleChoiceField(
        label=_("Regions it is about"),
        queryset=Region.objects.all(),
        required=False,
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=Document.Visibility.choices,
        initial=Document.Visibility.MEMBERS,
    )
    shared_with = CityMultipleChoiceField(
        label=_("Shared with the cities"),
        help_text=_(
            "Only for “named cities only”: members of these cities (and yours) can see it."
        ),
        queryset=City.objects.with_place().order_by("name_en"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    publish = forms.BooleanField(
        label=_("Publish now (SCN staff only)"),
        required=False,
    )

    def __init__(self, *args: Any, can_publish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]
            # Staff-only documents are for SCN staff to file.
            visibility = self.fields["visibility"]
            assert isinstance(visibility, forms.ChoiceField)
            visibility.choices = [
                c for c in Document.Visibility.choices if c[0] != Document.Visibility.STAFF
            ]
        self.fields["year"].widget.attrs["max"] = timezone.now().year + 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(f"title_{code}") for code in ("en", "fr", "ar")):
            self.add_error(
                "title_en",
                forms.ValidationError(
                    _("Give a title in at least one language."), code="title_required"
                ),
            )
        return data
