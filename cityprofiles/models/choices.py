"""The choices the profiles and practices share: where content came from, population bands, working
languages, contact policies, target groups and sectors."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CONTENT_LANGUAGES = settings.LANGUAGES  # the languages a profile's text may be written in


class Provenance(models.TextChoices):
    """Where a profile's or practice's content came from."""

    CITY = "city", pgettext_lazy("provenance", "Written by the city")
    PROGRAMME_2019 = (
        "programme_2019",
        pgettext_lazy("provenance", "From the SCN Programme Summary (2019)"),
    )
    DEMO = "demo", pgettext_lazy("provenance", "Demo content")


class PopulationBand(models.TextChoices):
    UNDER_50K = "under_50k", pgettext_lazy("population", "Under 50,000")
    FROM_50K = "50k_250k", pgettext_lazy("population", "50,000 – 250,000")
    FROM_250K = "250k_1m", pgettext_lazy("population", "250,000 – 1 million")
    FROM_1M = "1m_5m", pgettext_lazy("population", "1 – 5 million")
    OVER_5M = "over_5m", pgettext_lazy("population", "Over 5 million")


# The working languages a city may list (ISO 639-1), beyond the hub's three.
WORKING_LANGUAGES = (
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("da", _("Danish")),
    ("no", _("Norwegian")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("it", _("Italian")),
    ("sq", _("Albanian")),
    ("mk", _("Macedonian")),
    ("bs", _("Bosnian")),
    ("sr", _("Serbian")),
    ("tr", _("Turkish")),
    ("ur", _("Urdu")),
    ("ps", _("Pashto")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("sw", _("Swahili")),
    ("so", _("Somali")),
    ("ha", _("Hausa")),
    ("wo", _("Wolof")),
    ("am", _("Amharic")),
)


class ContactPolicy(models.TextChoices):
    OPEN = "open", pgettext_lazy("contact policy", "Welcomes introduction requests")
    PRACTICES = (
        "practices",
        pgettext_lazy("contact policy", "Introductions about its listed practices only"),
    )
    PAUSED = "paused", pgettext_lazy("contact policy", "Not taking introductions at present")


class TargetGroup(models.TextChoices):
    YOUNG_PEOPLE = "young_people", pgettext_lazy("target group", "Young people (15–30)")
    CHILDREN = "children", pgettext_lazy("target group", "Children")
    FAMILIES = "families", pgettext_lazy("target group", "Families")
    WOMEN = "women", pgettext_lazy("target group", "Women")
    SCHOOLS = "schools", pgettext_lazy("target group", "Schools and teachers")
    RELIGIOUS = "religious", pgettext_lazy("target group", "Religious communities")
    REFUGEES = "refugees", pgettext_lazy("target group", "Refugees and migrants")
    PRISONS = "prisons", pgettext_lazy("target group", "Prisons and probation")
    PRACTITIONERS = "practitioners", pgettext_lazy("target group", "Frontline practitioners")
    POLICE = "police", pgettext_lazy("target group", "Police")
    ONLINE = "online", pgettext_lazy("target group", "Online audiences")
    GENERAL_PUBLIC = "general_public", pgettext_lazy("target group", "The general public")


class Sector(models.TextChoices):
    """The sectors a local prevention network's members come from."""

    MUNICIPALITY = "municipality", pgettext_lazy("sector", "Municipality")
    RELIGIOUS = "religious", pgettext_lazy("sector", "Religious leaders")
    EDUCATION = "education", pgettext_lazy("sector", "Education")
    YOUTH = "youth", pgettext_lazy("sector", "Young people")
    HEALTH = "health", pgettext_lazy("sector", "Health and psycho-social support")
    CIVIL_SOCIETY = "civil_society", pgettext_lazy("sector", "Civil society")
    POLICE = "police", pgettext_lazy("sector", "Police and security")
    OTHER = "other", pgettext_lazy("sector", "Other")
