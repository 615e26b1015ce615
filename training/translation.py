"""Translated content fields of training (modeltranslation): `_en`, `_fr`, `_ar` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Choice,
    Lesson,
    Module,
    Option,
    Question,
    Step,
    Toolkit,
    ToolkitItem,
    WorkingGroup,
)


@register(WorkingGroup)
class WorkingGroupTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Toolkit)
class ToolkitTranslationOptions(TranslationOptions):
    fields = ("introduction",)


@register(ToolkitItem)
class ToolkitItemTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Module)
class ModuleTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


@register(Lesson)
class LessonTranslationOptions(TranslationOptions):
    fields = ("title", "body", "transcript")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Option)
class OptionTranslationOptions(TranslationOptions):
    fields = ("text", "feedback")


@register(Step)
class StepTranslationOptions(TranslationOptions):
    fields = ("situation", "debrief")


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("text", "feedback")
