"""Forms of the library: input translation only; writing happens in library.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hub.models import City, Region, Theme
from hub.ordering import in_reader_order
from hub.widgets import PickerSelectMultiple
from library.models import DOCUMENT_LANGUAGES, Document

# No silent default: a contributor who skips the field is asked, not filed under English.
CHOOSE = ("", _("Choose…"))


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
    language = forms.ChoiceField(
        label=_("Language of the document"), choices=[CHOOSE, *DOCUMENT_LANGUAGES]
    )
    kind = forms.ChoiceField(label=_("Type"), choices=[CHOOSE, *Document.Kind.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    publisher = forms.CharField(label=_("Author or publisher"), max_length=300, required=False)
    # The querysets are ordered in the reader's language when the form is made (__init__).
    themes: forms.ModelMultipleChoiceField[Theme] = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=PickerSelectMultiple(),
    )
    cities = CityMultipleChoiceField(
        label=_("Cities it is about"),
        queryset=City.objects.with_place(),
        required=False,
        widget=PickerSelectMultiple(),
    )
    regions: forms.ModelMultipleChoiceField[Region] = forms.ModelMultipleChoiceField(
        label=_("Regions it is about"),
        queryset=Region.objects.all(),
        required=False,
        widget=PickerSelectMultiple(),
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
        queryset=City.objects.with_place(),
        required=False,
        widget=PickerSelectMultiple(),
    )
    publish = forms.BooleanField(
        label=_("Publish now (SCN staff only)"),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        can_publish: bool = False,
        document: Document | None = None,
        **kwargs: Any,
    ) -> None:
        if document is not None:
            kwargs["initial"] = {**self.initial_for(document), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        for name in ("themes", "cities", "regions", "shared_with"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            assert field.queryset is not None
            field.queryset = field.queryset.order_by(in_reader_order())
        if document is not None:
            # Changing a contribution: the file it has stays unless another one is chosen.
            file = self.fields["file"]
            file.required = False
            file.label = _("Replace the file (optional)")
            can_publish = False
        if not can_publish:
            del self.fields["publish"]
            # Staff-only documents are for SCN staff to file.
            visibility = self.fields["visibility"]
            assert isinstance(visibility, forms.ChoiceField)
            visibility.choices = [
                c for c in Document.Visibility.choices if c[0] != Document.Visibility.STAFF
            ]
        self.fields["year"].widget.attrs["max"] = timezone.now().year + 1

    @staticmethod
    def initial_for(document: Document) -> dict[str, Any]:
        """The form's values for an existing document (from selectors.document_get_to_edit,
        which annotates the ids of its themes, cities, regions and shared cities)."""
        initial: dict[str, Any] = {
            name: getattr(document, name)
            for name in ("language", "kind", "year", "publisher", "visibility")
        }
        for code in ("en", "fr", "ar"):
            initial[f"title_{code}"] = getattr(document, f"title_{code}") or ""
            initial[f"summary_{code}"] = getattr(document, f"summary_{code}") or ""
        for name in ("themes", "cities", "regions", "shared_with"):
            initial[name] = list(getattr(document, f"{name}_ids", None) or [])
        return initial

    def description(self) -> dict[str, Any]:
        """What the cleaned form says of the document, as the library's services take it."""
        names = (
            *(f"{name}_{code}" for name in ("title", "summary") for code in ("en", "fr", "ar")),
            "language",
            "kind",
            "year",
            "publisher",
            "visibility",
            "themes",
            "cities",
            "regions",
            "shared_with",
        )
        return {name: self.cleaned_data.get(name) for name in names}

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


class ContributionFilterForm(forms.Form):
    """The filter of "My contributions": one review state, or all of them."""

    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", pgettext_lazy("contributions in every state", "All")),
            *(
                (status.value, status.label)
                for status in (
                    Document.Status.DRAFT,
                    Document.Status.SUBMITTED,
                    Document.Status.PUBLISHED,
                    Document.Status.REJECTED,
                )
            ),
        ],
    )
