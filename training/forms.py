"""The learner's forms: plain forms that work without JavaScript. They only read what a
request says; whether it fits the learner's attempt or play is the service's to decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class IdListField(forms.Field):
    """Every value of a repeated field (the options ticked), as whole numbers."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        ids = []
        for item in value:
            try:
                ids.append(int(str(item)))
            except ValueError as exc:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return ids


class AnswerForm(forms.Form):
    """One question's answer: the question and the option(s) chosen."""

    question = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    option = IdListField(
        required=True,
        error_messages={
            "required": _("Choose an answer."),
            "invalid": _("Choose one of the answers."),
        },
    )


class ChoiceForm(forms.Form):
    """A choice at a step of a scenario: the play (absent for the first choice), the step the
    page showed and the choice taken."""

    run = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    step = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    choice = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": _("Choose one of the options."),
            "invalid": _("Choose one of the options."),
            "min_value": _("Choose one of the options."),
        },
    )


def first_error(form: forms.Form) -> str:
    """The first error of an invalid form, to show on its own."""
    for errors in form.errors.values():
        for error in errors:
            return str(error)
    return str(_("Please check what you sent."))
