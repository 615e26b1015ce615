"""The forms of training's admin: lessons checked for their kind, quizzes' answers, and a
scenario's steps and choices checked as a graph before anything is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from hub.models import City
from hub.richtext import sanitize_html
from training.models import Lesson, Question, Scenario
from training.scenarios import scenario_problems
from training.services.authoring import ChoiceData, StepData, lesson_problems


def _languages() -> tuple[str, ...]:
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def _add_problems(form: forms.BaseForm, problems: dict[str, list[ValidationError]]) -> None:
    for name, errors in problems.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


def https_urlfield(db_field: Any, **kwargs: Any) -> Any:
    """A model field's form field, a URL field taking an address typed without a scheme as
    https (what a video host needs, and Django 6's default)."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class LessonAdminForm(forms.ModelForm):
    """A lesson, with what its kind needs (training.services.authoring.lesson_problems)
    checked on the text as it will be saved: a reading's text sanitised."""

    class Meta:
        model = Lesson
        formfield_callback = https_urlfield
        fields = [
            "module",
            "position",
            "kind",
            "title",
            "is_required",
            "minutes",
            "body",
            "video_url",
            "transcript",
            "document",
        ]

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # ModelForm's, untyped in the stubs
        for lang in _languages():
            name = build_localized_fieldname("body", lang)
            setattr(self.instance, name, sanitize_html(getattr(self.instance, name)))
        _add_problems(self, lesson_problems(self.instance))


class LessonInlineFormSet(BaseInlineFormSet):
    """A module's lessons, in order: two lessons cannot share a place."""

    def clean(self) -> None:
        super().clean()
        positions: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):  # type: ignore[attr-defined]
                continue
            position = form.cleaned_data.get("position")
            if position in positions:
                raise ValidationError(
                    _("Two lessons cannot have the same position (%(position)s)."),
                    code="lesson_position_taken",
                    params={"position": position},
                )
            positions.add(position)


class OptionInlineFormSet(BaseInlineFormSet):
    """A question's answers: at least one right one; exactly one for a one-answer question."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)  # type: ignore[attr-defined]
        ]
        right = sum(1 for data in kept if data.get("is_correct"))
        if len(kept) < 2:
            raise ValidationError(
                _("A question needs at least two answers."), code="too_few_options"
            )
        if right == 0:
            raise ValidationError(
                _("Mark at least one answer as correct."), code="question_without_correct"
            )
        if self.instance.kind == Question.Kind.SINGLE and right > 1:
            raise ValidationError(
                _("A question with one answer has exactly one correct answer."),
                code="single_with_many_correct",
            )


class ScenarioAdminForm(forms.ModelForm):
    """A scenario; its first step is named by key, so that it can be a step added in the same
    save."""

    start_key = forms.SlugField(
        label=_("first step (key)"),
        max_length=50,
        help_text=_("The key of the step the learner begins with."),
    )

    class Meta:
        model = Scenario
        fields = ["lesson"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.start_id:
            self.fields["start_key"].initial = self.instance.start.key
        lesson = self.fields.get("lesson")
        if isinstance(lesson, forms.ModelChoiceField):
            lesson.queryset = Lesson.objects.filter(kind=Lesson.Kind.SCENARIO).select_related(
                "module"
            )


class ChoiceRowForm(forms.Form):
    """One choice of a scenario: from a step to a step, both named by key."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    step_key = forms.SlugField(label=_("from step (key)"), max_length=50)
    leads_to_key = forms.SlugField(label=_("leads to step (key)"), max_length=50)
    position = forms.IntegerField(label=_("position"), min_value=0, max_value=32767, initial=0)
    score = forms.IntegerField(label=_("score"), min_value=-100, max_value=100, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for lang in _languages():
            self.fields[f"text_{lang}"] = forms.CharField(
                label=_("choice (%(language)s)") % {"language": lang},
                max_length=500,
                required=lang == settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
            )
        for lang in _languages():
            self.fields[f"feedback_{lang}"] = forms.CharField(
                label=_("feedback (%(language)s)") % {"language": lang},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def data_of(self) -> ChoiceData:
        data = self.cleaned_data
        return ChoiceData(
            step_key=data["step_key"],
            leads_to_key=data["leads_to_key"],
            score=data["score"],
            position=data["position"],
            pk=data.get("id"),
            texts={
                f"{name}_{lang}": data.get(f"{name}_{lang}") or ""
                for name in ("text", "feedback")
                for lang in _languages()
            },
        )


ChoiceFormSet = forms.formset_factory(ChoiceRowForm, extra=3, can_delete=True, max_num=200)
CHOICES_PREFIX = "choices"


def choice_formset(data: Any, scenario: Scenario | None) -> Any:
    """The choices of `scenario` (bound to `data` when the page was posted)."""
    initial = []
    if scenario is not None and scenario.pk:
        from training.models import Choice

        for choice in Choice.objects.filter(step__scenario=scenario).select_related(
            "step", "leads_to"
        ):
            row: dict[str, Any] = {
                "id": choice.pk,
                "step_key": choice.step.key,
                "leads_to_key": choice.leads_to.key,
                "position": choice.position,
                "score": choice.score,
            }
            for name in ("text", "feedback"):
                for lang in _languages():
                    row[f"{name}_{lang}"] = getattr(choice, f"{name}_{lang}")
            initial.append(row)
        initial.sort(key=lambda r: (r["step_key"], r["position"], r["id"]))
    return ChoiceFormSet(data, initial=initial, prefix=CHOICES_PREFIX)


def _kept(formset: Any) -> list[Any]:
    return [
        form
        for form in formset.forms
        if form.has_changed() and form.is_valid() and not form.cleaned_data.get("DELETE")
    ]


class StepInlineFormSet(BaseInlineFormSet):
    """A scenario's steps. Their `clean` checks the whole graph (these steps, the choices
    posted with them and the first step) with training.scenarios.scenario_problems, so that
    the admin refuses a scenario that cannot be played before it saves anything."""

    choices: Any = None

    def graph(self) -> tuple[str, list[StepData], list[ChoiceData]]:
        """The submitted first step, steps and choices (after a valid clean)."""
        steps = []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if self._should_delete_form(form):  # type: ignore[attr-defined]
                continue
            data = form.cleaned_data
            steps.append(
                StepData(
                    key=data["key"],
                    is_ending=bool(data.get("is_ending")),
                    outcome=data.get("outcome") or "",
                    position=data.get("position") or 0,
                    pk=form.instance.pk,
                    texts={
                        f"{name}_{lang}": data.get(f"{name}_{lang}") or ""
                        for name in ("situation", "debrief")
                        for lang in _languages()
                    },
                )
            )
        choices = [form.data_of() for form in _kept(self.choices)] if self.choices else []
        start = (self.data.get("start_key") or "").strip()
        return start, steps, choices

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if self.choices is not None and not self.choices.is_valid():
            raise ValidationError(_("Correct the choices below."), code="choices_invalid")
        start, steps, choices = self.graph()
        keys = [step.key for step in steps]
        doubles = sorted({key for key in keys if keys.count(key) > 1})
        if doubles:
            raise ValidationError(
                _("Two steps cannot have the same key: %(steps)s."),
                code="duplicate_step_key",
                params={"steps": ", ".join(doubles)},
            )
        unknown = sorted(
            {key for c in choices for key in (c.step_key, c.leads_to_key) if key not in keys}
        )
        if unknown:
            raise ValidationError(
                _("Choices name steps that are not in this scenario: %(steps)s."),
                code="choice_unknown_step",
                params={"steps": ", ".join(unknown)},
            )
        endings = {step.key: step.is_ending for step in steps}
        problems = scenario_problems(
            endings.items(), [(c.step_key, c.leads_to_key) for c in choices], start
        )
        if problems:
            raise ValidationError(problems)


class EnrolCityForm(forms.Form):
    city: forms.ModelChoiceField[City] = forms.ModelChoiceField(
        label=_("City"), queryset=City.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.in_name_order()  # type: ignore[attr-defined]
