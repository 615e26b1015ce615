"""Forms of the introduction pages: input only; the services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cityprofiles.models import Introduction, Practice
from cityprofiles.services.introductions import MESSAGE_MAX_LENGTH, REASON_MAX_LENGTH

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from hub.models import User


class PracticeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class IntroductionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What would you like to learn from them?"),
        help_text=_(
            "Say what you are working on and what you hope to learn. SCN staff read it first; "
            "the person it is forwarded to sees it with your city and role, not your name, "
            "until they agree to be introduced."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please say what you would like to learn from them.")},
    )

    def __init__(
        self, *args: Any, practices: QuerySet[Practice] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if practices is not None:
            self.fields["practice"] = PracticeChoiceField(
                label=_("Which of the city's practices is it about?"),
                queryset=practices,
                to_field_name="key",
                empty_label=pgettext_lazy("practice", "Choose a practice"),
                error_messages={
                    "required": _("This city takes requests about its practices only: choose one."),
                    "invalid_choice": _("Choose one of the city's practices."),
                },
            )
            # The message comes after the practice it is about.
            self.order_fields(["practice", "message"])


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Your reason"),
        help_text=_("The person who asked reads it; it does not name you."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please give a reason.")},
    )


class ColleagueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        roles = ", ".join(obj.role_labels())
        return f"{obj.name} ({roles})" if roles else str(obj.name)


class DelegateForm(forms.Form):
    def __init__(self, *args: Any, colleagues: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleague"] = ColleagueChoiceField(
            label=_("Colleague"),
            queryset=colleagues,
            empty_label=_("Choose a colleague"),
            error_messages={
                "required": _("Choose the colleague to pass the request to."),
                "invalid_choice": _("Choose an active colleague of your city."),
            },
        )


class FollowUpForm(forms.Form):
    helped = forms.TypedChoiceField(
        label=_("Did the introduction help?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether it helped.")},
    )
    outcome = forms.ChoiceField(
        label=_("What came of it?"),
        choices=[("", _("Nothing to say yet")), *Introduction.Outcome.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the outcomes offered.")},
    )
