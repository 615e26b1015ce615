"""The registration form: one field per question of the event, in the reader's language.

The form only reads what the request says (a field per question, its length, a choice among
the options shown); which answers an event accepts is ``clean_answers``'s rule, in the
registration service, which the view calls with every answer the request carries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Question
from hub.translated import in_reader_language

if TYPE_CHECKING:
    from django.http import QueryDict

ANSWER_MAX_LENGTH = 2000
FIELD = re.compile(r"\Aq_(\d{1,12})\Z")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def option_choices(question: Question, language: str | None = None) -> list[tuple[str, str]]:
    """(stored value, label) of a choice question's options: the value is the English line,
    the label the line in the reader's language when it has as many lines (else English)."""
    english = _lines(getattr(question, "options_en", "") or "")
    shown = _lines(in_reader_language(question, "options", language).text)
    labels = shown if len(shown) == len(english) else english
    return list(zip(english, labels, strict=True))


def field_name(question: Question) -> str:
    return f"q_{question.pk}"


class RegistrationForm(forms.Form):
    """The event's questions as fields named ``q_<question id>``."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = in_reader_language(question, "text").text
            name = field_name(question)
            if question.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=question.is_required,
                    choices=option_choices(question),
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Choose one of the options.")},
                )
            elif question.kind == Question.Kind.YES_NO:
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    required=question.is_required,
                    choices=[
                        ("yes", pgettext_lazy("answer", "Yes")),
                        ("no", pgettext_lazy("answer", "No")),
                    ],
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Answer yes or no.")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=question.is_required,
                    max_length=ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.fields[name].error_messages["required"] = _("Answer this question.")

    def answers(self) -> dict[int, str]:
        """The answers by question id: the fields', and any other ``q_<id>`` the request
        carries (a question of another event), which the service refuses."""
        answers = {
            question.pk: self.cleaned_data.get(field_name(question)) or ""
            for question in self.questions
        }
        data: QueryDict = self.data  # type: ignore[assignment]
        for key in data:
            match = FIELD.match(key)
            if match and int(match.group(1)) not in answers:
                answers[int(match.group(1))] = str(data.get(key, ""))[:ANSWER_MAX_LENGTH]
        return answers
