"""Forms of the core app: input translation only; the writing happens in hub.services."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hub.models import AccessRequest, City, User
from hub.timezones import time_zone_choices


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: City) -> str:
        return f"{obj.name} ({obj.country.name})"


class LanguageSelect(forms.Select):
    """Each language named in itself ("English", "français", "العربية"), marked with its
    `lang` so screen readers pronounce it and browsers pick the right font."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


def language_choices() -> list[tuple[str, str]]:
    return [
        (code, translation.get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
    ]


def _typed_in_any_direction(form: forms.BaseForm, *names: str) -> None:
    # A Latin name typed on an Arabic page (or the reverse) is laid out in its own direction.
    for name in names:
        form.fields[name].widget.attrs["dir"] = "auto"


class AccessRequestForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Work email address"), max_length=254)
    city = CityChoiceField(
        label=_("Member city"),
        queryset=City.objects.with_place(),
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
        _typed_in_any_direction(self, "name", "organisation", "reason")
        # In the reader's alphabet, so typing the first letters finds the city.
        city = self.fields["city"]
        assert isinstance(city, forms.ModelChoiceField)
        city.queryset = City.objects.with_place().in_name_order()


class AccessRequestRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("The applicant receives this reason by email."),
    )


class ProfileForm(forms.ModelForm):
    # Grouped by area, each place with its offset (hub.timezones): a select that works without
    # JavaScript, and the browser's type-to-find reaches a place by its name.
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        required=False,
        help_text=_(
            "Event pages show each event's time in its own time zone and, when it is another, "
            "in yours (in UTC while you have not chosen one)."
        ),
        error_messages={
            "invalid_choice": _("%(value)s is not a time zone. Choose one from the list.")
        },
    )

    class Meta:
        model = User
        fields = ["name", "organisation", "language", "time_zone"]
        labels = {"name": _("Full name")}
        widgets = {"language": LanguageSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _typed_in_any_direction(self, "name", "organisation")
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = language_choices()
        time_zone = self.fields["time_zone"]
        assert isinstance(time_zone, forms.ChoiceField)
        current = self.instance.time_zone if self.instance else ""
        time_zone.choices = [("", _("Not chosen (times in UTC)")), *time_zone_choices(current)]


class LoginForm(AllauthLoginForm):
    """allauth's login form without the "Forgot your password?" help text on the password
    field: the login page has that link once, after the fields (templates/account/login.html),
    where it does not come between the label and the box in the tab order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)
