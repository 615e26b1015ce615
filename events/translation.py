"""Translated content fields of events (modeltranslation): `_en`, `_fr`, `_ar` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Question


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "report", "participants_note", "location_note")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "options")
