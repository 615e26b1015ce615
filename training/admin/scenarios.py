"""Admin of branching scenarios: the steps (language tabs) and the choices between them, on one
page, with the graph shown as a list (step → choices → the step each leads to).

Choices name their steps by key, so that a scenario can be built in one save. The steps'
formset checks the whole submitted graph (training.forms_admin.StepInlineFormSet): a scenario
that cannot be played is refused with the reason, and nothing is saved. What passes is saved by
training.services.authoring.scenario_graph_save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from hub.http import authenticated_user
from training.admin.modules import AuthoringAdminMixin, InlineAuthoringMixin
from training.forms_admin import ScenarioAdminForm, StepInlineFormSet, choice_formset
from training.models import Choice, Scenario, Step
from training.services import authoring

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

CHOICES_ATTRIBUTE = "_training_choice_formset"


class StepInline(InlineAuthoringMixin, TranslationStackedInline):
    model = Step
    formset = StepInlineFormSet
    fields = ["key", "position", "situation", "is_ending", "outcome", "debrief"]
    ordering = ["position", "pk"]
    extra = 2


@admin.register(Scenario)
class ScenarioAdmin(AuthoringAdminMixin, admin.ModelAdmin):
    form = ScenarioAdminForm
    change_form_template = "admin/training/scenario/change_form.html"
    list_display = ["__str__", "module", "start", "step_count"]
    list_select_related = ["lesson__module", "start"]
    search_fields = ["lesson__title_en", "lesson__module__title_en"]
    fields = ["lesson", "start_key", "graph"]
    readonly_fields = ["graph"]
    inlines = [StepInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Scenario]:
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_steps=Count("steps"))

    @admin.display(description=_("module"), ordering="lesson__module")
    def module(self, obj: Scenario) -> Any:
        return obj.lesson.module

    @admin.display(description=_("steps"), ordering="n_steps")
    def step_count(self, obj: Scenario) -> int:
        return int(getattr(obj, "n_steps", 0))

    @admin.display(description=_("the scenario as a list"))
    def graph(self, obj: Scenario) -> str:
        if obj.pk is None:
            return "-"
        steps = list(obj.steps.order_by("position", "pk"))
        choices: dict[int, list[Choice]] = {}
        for choice in Choice.objects.filter(step__scenario=obj).select_related("leads_to"):
            choices.setdefault(choice.step_id, []).append(choice)
        rows = [
            {"step": step, "choices": choices.get(step.pk, []), "is_start": step.pk == obj.start_id}
            for step in steps
        ]
        return render_to_string("admin/training/scenario/_graph.html", {"rows": rows})

    def _create_formsets(self, request: HttpRequest, obj: Any, change: bool) -> Any:
        formsets, inline_instances = super()._create_formsets(  # type: ignore[misc]
            request, obj, change
        )
        data = request.POST if request.method == "POST" else None
        choices = choice_formset(data, obj if change else None)
        setattr(request, CHOICES_ATTRIBUTE, choices)
        for formset in formsets:
            if isinstance(formset, StepInlineFormSet):
                formset.choices = choices
        return formsets, inline_instances

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        context["choice_formset"] = getattr(request, CHOICES_ATTRIBUTE, None) or choice_formset(
            None, obj
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request: HttpRequest, obj: Scenario, form: Any, change: bool) -> None:
        """Saved with its steps and choices, in save_related."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        steps_formset = next(f for f in formsets if isinstance(f, StepInlineFormSet))
        start, steps, choices = steps_formset.graph()
        authoring.scenario_graph_save(
            scenario=form.instance,
            start_key=start,
            steps=steps,
            choices=choices,
            by=authenticated_user(request),
        )
        # What the admin's history message reads from a saved formset.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
