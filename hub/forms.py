"""Forms of the core app: input translation only; the writing happens in hub.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.models import AccessRequest, City, User


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: City) -> str:
        return f"{obj.name} ({obj.country.name})"


class AccessRequestForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Work email address"), max_length=254)
    city = CityChoiceField(
        label=_("Member city"),
        queryset=City.objects.with_place().order_by("name_en"),
        empty_label=_("Choose your city"),
        error_messages={"invalid_choice": _("Choose a city from the list of member cities.")},
    )
    role = forms.ChoiceField(label=_("Your role"), choices=AccessRequest.ROLE_CHOICES)
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("For example: Mayor's Office, Department of Social Services."),
    )
    reason = forms.CharField(
        label=_("Why do you need access?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"


class AccessRequestRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant receives this reason by email."),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "organisation", "language"]
        labels = {"name": _("Full name")}


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)
