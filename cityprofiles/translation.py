"""Translated content fields of city profiles (modeltranslation): `_en`, `_fr`, `_ar` columns."""

from modeltranslation.translator import TranslationOptions, register

from .models import Challenge, CityExchange, CityProfile, PartnerCity, Practice, PreventionNetwork


@register(CityProfile)
class CityProfileTranslationOptions(TranslationOptions):
    fields = ("overview", "approach", "contact_note")


@register(Challenge)
class ChallengeTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(PreventionNetwork)
class PreventionNetworkTranslationOptions(TranslationOptions):
    fields = ("name", "terms_of_reference", "activities")


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "partners", "results")


@register(CityExchange)
class CityExchangeTranslationOptions(TranslationOptions):
    fields = ("summary",)


@register(PartnerCity)
class PartnerCityTranslationOptions(TranslationOptions):
    fields = ("name", "note")
