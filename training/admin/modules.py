"""Admin of modules, lessons and quizzes: language tabs; every save goes to
training.services.authoring.

A module's page lists its lessons in order (each opens its own page, where the fields of its
kind are edited), and links to "Enrol a city's users", which enrols every active account of a
city (training.services.progress). Quizzes list their questions; a question's page edits its
answers, checked so that a question always has a right answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from hub.admin_actions import apply_to_each, error_text
from hub.errors import HubError
from hub.http import authenticated_user
from training.admin.access import CuratorsOnly
from training.forms_admin import (
    EnrolCityForm,
    LessonAdminForm,
    LessonInlineFormSet,
    OptionInlineFormSet,
)
from training.models import Lesson, Module, Option, Question, Quiz
from training.services import authoring

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse
    from django.urls import URLPattern


class AuthoringAdminMixin(CuratorsOnly):
    """Staff curators build training; deletions go through the authoring service."""

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        authoring.content_delete(obj=obj, by=authenticated_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            authoring.content_delete(obj=obj, by=authenticated_user(request))


class InlineAuthoringMixin(CuratorsOnly):
    """An inline of training's content: staff curators only."""


def _save_parts(request: HttpRequest, formset: Any) -> None:
    """A formset of quiz parts: each saved or deleted by the authoring service."""
    by = authenticated_user(request)
    for obj in formset.save(commit=False):
        authoring.quiz_part_save(obj=obj, by=by)
    for obj in formset.deleted_objects:
        authoring.content_delete(obj=obj, by=by)


# --- Modules -------------------------------------------------------------------------------


class ModuleAdminForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = [
            "title",
            "slug",
            "summary",
            "estimated_minutes",
            "position",
            "working_group",
            "themes",
            "prerequisites",
            "provenance",
            "is_published",
        ]

    def clean_prerequisites(self) -> Any:
        chosen = self.cleaned_data.get("prerequisites")
        if chosen is not None and self.instance.pk and chosen.filter(pk=self.instance.pk).exists():
            raise ValidationError(
                _("A module cannot be its own prerequisite."), code="prerequisite_self"
            )
        return chosen


class LessonInline(InlineAuthoringMixin, TranslationTabularInline):
    model = Lesson
    formset = LessonInlineFormSet
    fields = ["position", "kind", "title", "is_required", "minutes"]
    readonly_fields = ["kind"]
    ordering = ["position", "pk"]
    show_change_link = True
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A lesson is added on its own page, where the fields of its kind are.
        return False


def _published(count: int) -> str:
    return ngettext("%(count)d module published.", "%(count)d modules published.", count) % {
        "count": count
    }


def _withdrawn(count: int) -> str:
    return ngettext("%(count)d module withdrawn.", "%(count)d modules withdrawn.", count) % {
        "count": count
    }


@admin.register(Module)
class ModuleAdmin(AuthoringAdminMixin, TabbedTranslationAdmin):
    form = ModuleAdminForm
    change_form_template = "admin/training/module/change_form.html"
    list_display = [
        "title",
        "working_group",
        "is_published",
        "lesson_count",
        "enrolment_count",
        "estimated_minutes",
        "position",
    ]
    list_filter = ["is_published", "working_group", "themes", "provenance"]
    list_select_related = ["working_group"]
    search_fields = ["title_en", "title_fr", "title_ar", "slug"]
    filter_horizontal = ["themes", "prerequisites"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [LessonInline]
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "estimated_minutes", "position"]}),
        (
            _("Place in the programme"),
            {"fields": ["working_group", "themes", "prerequisites", "provenance"]},
        ),
        (_("Publication"), {"fields": ["is_published"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Module]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_lessons=Count("lessons", distinct=True),
                n_enrolments=Count("enrolments", distinct=True),
            )
        )

    @admin.display(description=_("lessons"), ordering="n_lessons")
    def lesson_count(self, obj: Module) -> int:
        return int(getattr(obj, "n_lessons", 0))

    @admin.display(description=_("enrolled"), ordering="n_enrolments")
    def enrolment_count(self, obj: Module) -> int:
        return int(getattr(obj, "n_enrolments", 0))

    def save_model(self, request: HttpRequest, obj: Module, form: Any, change: bool) -> None:
        authoring.module_save(
            module=obj,
            by=authenticated_user(request),
            themes=form.cleaned_data.get("themes"),
            prerequisites=form.cleaned_data.get("prerequisites"),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Themes and prerequisites are saved by module_save; the lessons by lessons_save.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        by = authenticated_user(request)
        lessons = formset.save(commit=False)
        authoring.lessons_save(lessons=lessons, by=by)
        for obj in formset.deleted_objects:
            authoring.content_delete(obj=obj, by=by)

    @admin.action(description=_("Publish the selected modules"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Module]) -> None:
        by = authenticated_user(request)
        apply_to_each(
            self,
            request,
            queryset,
            lambda module: authoring.module_publish(module=module, by=by),
            done_message=_published,
        )

    @admin.action(description=_("Withdraw the selected modules"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Module]) -> None:
        by = authenticated_user(request)
        apply_to_each(
            self,
            request,
            queryset,
            lambda module: authoring.module_publish(module=module, by=by, published=False),
            done_message=_withdrawn,
        )

    # --- Enrol a city's users ---------------------------------------------------------------

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/enrol-city/",
                self.admin_site.admin_view(self.enrol_city_view),
                name="training_module_enrol_city",
            ),
            *super().get_urls(),
        ]

    def enrol_city_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        from training.services.progress import enrolment_create_for_city

        if not self.has_change_permission(request):
            raise PermissionDenied
        module = get_object_or_404(Module, pk=pk)
        form = EnrolCityForm(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                city = form.cleaned_data["city"]
                try:
                    count = enrolment_create_for_city(
                        city=city, module=module, by=authenticated_user(request)
                    )
                except (HubError, ValidationError) as exc:
                    self.message_user(request, error_text(exc), messages.ERROR)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d member of %(city)s is now enrolled in %(module)s.",
                            "%(count)d members of %(city)s are now enrolled in %(module)s.",
                            count,
                        )
                        % {"count": count, "city": city, "module": module},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:training_module_change", args=[module.pk])
                    )
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Enrol a city's users in %(module)s") % {"module": module},
            "opts": self.model._meta,
            "module": module,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/training/module/enrol_city.html", context, status=status
        )


# --- Lessons -------------------------------------------------------------------------------

KIND_FIELDS = {
    Lesson.Kind.READING: ["body"],
    Lesson.Kind.VIDEO: ["video_url", "transcript", "body"],
    Lesson.Kind.DOCUMENT: ["document", "body"],
    Lesson.Kind.QUIZ: ["body"],
    Lesson.Kind.SCENARIO: ["body"],
}


@admin.register(Lesson)
class LessonAdmin(AuthoringAdminMixin, TabbedTranslationAdmin):
    form = LessonAdminForm
    # The admin builds the form's fields itself: the video address taken as https here too.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "module", "position", "kind", "is_required", "minutes"]
    list_filter = ["kind", "is_required", "module"]
    list_select_related = ["module"]
    search_fields = ["title_en", "title_fr", "title_ar", "module__title_en"]
    autocomplete_fields = ["document"]
    ordering = ["module__position", "module__slug", "position"]

    def get_fieldsets(self, request: HttpRequest, obj: Lesson | None = None) -> Any:
        fieldsets: list[tuple[Any, dict[str, list[str]]]]
        common: tuple[Any, dict[str, list[str]]] = (
            None,
            {"fields": ["module", "position", "kind", "title", "is_required", "minutes"]},
        )
        if obj is None:
            fieldsets = [
                common,
                (_("Reading, or the introduction of other kinds"), {"fields": ["body"]}),
                (_("Video"), {"fields": ["video_url", "transcript"]}),
                (_("Document"), {"fields": ["document"]}),
            ]
        else:
            kind_fields = KIND_FIELDS[Lesson.Kind(obj.kind)]
            fieldsets = [common, (str(obj.get_kind_display()), {"fields": kind_fields})]
        # One field per language for the translated ones (modeltranslation).
        return self._patch_fieldsets(fieldsets)  # type: ignore[arg-type]  # its stub is narrower

    def get_readonly_fields(self, request: HttpRequest, obj: Lesson | None = None) -> Any:
        # A lesson's kind decides what it holds (its quiz, its scenario, the learners'
        # progress): it is chosen once.
        return ["kind"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Lesson, form: Any, change: bool) -> None:
        authoring.lesson_save(lesson=obj, by=authenticated_user(request))


# --- Quizzes -------------------------------------------------------------------------------


class QuizAdminForm(forms.ModelForm):
    class Meta:
        model = Quiz
        fields = ["lesson", "pass_mark", "max_attempts"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lesson = self.fields.get("lesson")
        if isinstance(lesson, forms.ModelChoiceField):
            lesson.queryset = Lesson.objects.filter(kind=Lesson.Kind.QUIZ).select_related("module")


class QuestionInline(InlineAuthoringMixin, TranslationStackedInline):
    model = Question
    fields = ["position", "kind", "text"]
    ordering = ["position", "pk"]
    show_change_link = True
    extra = 1


@admin.register(Quiz)
class QuizAdmin(AuthoringAdminMixin, admin.ModelAdmin):
    form = QuizAdminForm
    list_display = ["__str__", "module", "pass_mark", "max_attempts", "question_count"]
    list_select_related = ["lesson__module"]
    search_fields = ["lesson__title_en", "lesson__module__title_en"]
    inlines = [QuestionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quiz]:
        return super().get_queryset(request).annotate(n_questions=Count("questions"))

    @admin.display(description=_("module"), ordering="lesson__module")
    def module(self, obj: Quiz) -> Module:
        return obj.lesson.module

    @admin.display(description=_("questions"), ordering="n_questions")
    def question_count(self, obj: Quiz) -> int:
        return int(getattr(obj, "n_questions", 0))

    def save_model(self, request: HttpRequest, obj: Quiz, form: Any, change: bool) -> None:
        authoring.quiz_part_save(obj=obj, by=authenticated_user(request))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        _save_parts(request, formset)


class OptionInline(InlineAuthoringMixin, TranslationTabularInline):
    model = Option
    formset = OptionInlineFormSet
    fields = ["position", "text", "is_correct", "feedback"]
    ordering = ["position", "pk"]
    extra = 2


@admin.register(Question)
class QuestionAdmin(AuthoringAdminMixin, TabbedTranslationAdmin):
    list_display = ["__str__", "quiz", "position", "kind"]
    list_filter = ["kind"]
    list_select_related = ["quiz__lesson"]
    search_fields = ["text_en", "text_fr", "text_ar"]
    fields = ["quiz", "position", "kind", "text"]
    inlines = [OptionInline]

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        authoring.quiz_part_save(obj=obj, by=authenticated_user(request))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        _save_parts(request, formset)
