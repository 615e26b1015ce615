"""Forms of the profile editor: input translation only; writing is cityprofiles.services.editing.

Each form edits one part of the draft in one language: the text fields of that language (with
their `lang` and `dir`), the fields that have no language, and the draft's version it was made
from (hidden), which the service compares with the draft's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cityprofiles import drafts
from cityprofiles.models import (
    CONTENT_LANGUAGES,
    WORKING_LANGUAGES,
    Challenge,
    CityProfile,
    ContactPolicy,
    PopulationBand,
    Practice,
    PreventionNetwork,
    Sector,
    TargetGroup,
)
from cityprofiles.services.editing import MAX_SECTOR_MEMBERS, MIN_YEAR, TEXT_LIMITS
from hub.models import Theme, User
from hub.models.accounts import Role
from hub.ordering import in_reader_order
from hub.widgets import PickerSelectMultiple

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from hub.models import City

NONE = ("", _("Not given"))
LONG_TEXTS = {
    "overview",
    "approach",
    "contact_note",
    "text",
    "terms_of_reference",
    "activities",
    "summary",
    "partners",
    "results",
}


def language_name(code: str) -> str:
    return str(dict(CONTENT_LANGUAGES)[code])


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class DocumentMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


def document_choices(*, user: User, city: City, current: list[Any]) -> QuerySet[Any]:
    """The documents an editor may link: published ones they may see about or from their city,
    and those already linked that they may see."""
    from library.models import Document

    ids = [pk for pk in current if isinstance(pk, int)]
    return (
        Document.objects.visible_to(user)
        .published()
        .filter(Q(contributing_city=city) | Q(cities=city) | Q(pk__in=ids))
        .distinct()
        .only("pk", "title_en", "title_fr", "title_ar")
        .order_by("title_en", "pk")
    )


class DraftPartForm(forms.Form):
    """One part of the draft in one language; subclasses name their model and texts."""

    model: type[Model]
    texts: tuple[str, ...] = ()

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, data: Any = None, *, language: str, item: dict[str, Any], **kwargs: Any
    ) -> None:
        self.language = language
        self.item = item
        initial = {**self.initial_for(item), **kwargs.pop("initial", {})}
        super().__init__(data, initial=initial, **kwargs)
        direction = "rtl" if language == "ar" else "ltr"
        text_fields = {}
        for name in self.texts:
            label = getattr(self.model._meta.get_field(name), "verbose_name", name)
            attrs = {"lang": language, "dir": direction}
            widget: forms.Widget
            if name in LONG_TEXTS:
                widget = forms.Textarea(
                    attrs={**attrs, "rows": 5 if TEXT_LIMITS[name] > 1000 else 3}
                )
            else:
                widget = forms.TextInput(attrs=attrs)
            text_fields[f"{name}_{language}"] = forms.CharField(
                label=gettext("%(field)s (%(language)s)")
                % {"field": str(label).capitalize(), "language": language_name(language)},
                max_length=TEXT_LIMITS[name],
                required=False,
                widget=widget,
            )
        # The texts first, then what has no language.
        self.fields = {"version": self.fields.pop("version"), **text_fields, **self.fields}

    def initial_for(self, item: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in item.items() if name != "key"}

    def changes(self) -> dict[str, Any]:
        """What the cleaned form says, as the service takes it."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "version" and name in self.fields
        }
        return data


class ProfileForm(DraftPartForm):
    model = CityProfile
    texts = drafts.PROFILE_TEXTS

    source_language = forms.ChoiceField(
        label=_("Language the profile was first written in"), choices=CONTENT_LANGUAGES
    )
    population_band = forms.ChoiceField(
        label=_("Population"), choices=[NONE, *PopulationBand.choices], required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGES,
        required=False,
        widget=PickerSelectMultiple(),
    )
    contact_policy = forms.ChoiceField(label=_("Introductions"), choices=ContactPolicy.choices)
    local_action_plan = DocumentChoiceField(
        label=_("Local action plan"),
        help_text=_("A document of the library; contribute it there first if it is missing."),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: Any, user: User, city: City, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["local_action_plan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = document_choices(
            user=user, city=city, current=[self.item.get("local_action_plan")]
        )

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        plan = data.get("local_action_plan")
        data["local_action_plan"] = plan.pk if plan is not None else None
        return data


def _theme_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        widget=PickerSelectMultiple(),
    )


class ChallengeForm(DraftPartForm):
    model = Challenge
    texts = drafts.CHALLENGE_TEXTS

    themes = _theme_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.queryset = Theme.objects.order_by(in_reader_order())

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        data["themes"] = sorted(theme.slug for theme in data.get("themes") or [])
        return data


class NetworkForm(DraftPartForm):
    model = PreventionNetwork
    texts = drafts.NETWORK_TEXTS

    source_language = forms.ChoiceField(
        label=_("Language it was first written in"), choices=CONTENT_LANGUAGES
    )
    documents = DocumentMultipleChoiceField(
        label=_("Documents of the library"),
        queryset=None,
        required=False,
        widget=PickerSelectMultiple(),
    )

    def __init__(self, *args: Any, user: User, city: City, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in Sector.choices:
            self.fields[f"members_{code}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=MAX_SECTOR_MEMBERS,
                required=False,
                initial=(self.item.get("members_by_sector") or {}).get(code),
            )
        self.fields["documents"] = self.fields.pop("documents")
        documents = self.fields["documents"]
        assert isinstance(documents, forms.ModelMultipleChoiceField)
        documents.queryset = document_choices(
            user=user, city=city, current=list(self.item.get("documents") or [])
        )

    def sector_fields(self) -> list[forms.BoundField]:
        return [self[f"members_{code}"] for code in Sector.values]

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        data["members_by_sector"] = {
            code: data.pop(f"members_{code}") or 0 for code in Sector.values
        }
        data["members_by_sector"] = {k: v for k, v in data["members_by_sector"].items() if v}
        data["documents"] = sorted(doc.pk for doc in data.get("documents") or [])
        return data


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PracticeForm(DraftPartForm):
    model = Practice
    texts = drafts.PRACTICE_TEXTS

    source_language = forms.ChoiceField(
        label=_("Language it was first written in"), choices=CONTENT_LANGUAGES
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Practice.Kind.choices)
    themes = _theme_field()
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(label=_("Status"), choices=Practice.Status.choices)
    start_year = forms.IntegerField(label=_("Since (year)"), required=False, min_value=MIN_YEAR)
    end_year = forms.IntegerField(label=_("Until (year)"), required=False, min_value=MIN_YEAR)
    evidence_level = forms.ChoiceField(
        label=_("Evidence level"),
        choices=Practice.Evidence.choices,
        help_text=_(
            "Described: what was done. Monitored: its activity is measured. Evaluated: its "
            "results were assessed. Independently evaluated: by someone outside the project."
        ),
    )
    evaluation = DocumentChoiceField(label=_("Evaluation document"), queryset=None, required=False)
    contact = PersonChoiceField(
        label=_("Person to ask about it"),
        help_text=_("Someone of your city with an account on the hub."),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: Any, user: User, city: City, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.queryset = Theme.objects.order_by(in_reader_order())
        evaluation = self.fields["evaluation"]
        assert isinstance(evaluation, forms.ModelChoiceField)
        evaluation.queryset = document_choices(
            user=user, city=city, current=[self.item.get("evaluation")]
        )
        contact = self.fields["contact"]
        assert isinstance(contact, forms.ModelChoiceField)
        contact.queryset = User.objects.filter(city=city, is_active=True).only("pk", "name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year",
                forms.ValidationError(
                    _("The year it ended cannot be before the year it began."), code="years_order"
                ),
            )
        return data

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        data["themes"] = sorted(theme.slug for theme in data.get("themes") or [])
        for name in ("evaluation", "contact"):
            data[name] = data[name].pk if data.get(name) is not None else None
        return data


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class EditorsForm(forms.Form):
    editors = PersonMultipleChoiceField(
        label=_("Editors of the profile"),
        help_text=_("They can change the draft and send it for review, as you can."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, city: City, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editors = self.fields["editors"]
        assert isinstance(editors, forms.ModelMultipleChoiceField)
        # Focal points edit anyway: only the others are named.
        editors.queryset = (
            User.objects.filter(city=city, is_active=True)
            .exclude(roles__contains=[Role.FOCAL_POINT.value])
            .only("pk", "name")
            .order_by("name", "pk")
        )
