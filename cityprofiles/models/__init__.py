"""City profiles: what each member city faces and does, its practices, and introductions.

The profile, its challenges, its local prevention network and its practices hold the **published**
version: what members read and search. Editors work on a :class:`ProfileDraft` (the whole profile
and its practices as data), which SCN staff publish (:mod:`cityprofiles.services`): the only
write path to the published rows, which also keeps every :class:`ProfilePublication`.

Text fields are translated with modeltranslation (``_en``, ``_fr``, ``_ar``); each translated
object records the language it was written in (`source_language`), so a reader whose language is
missing sees that version, marked as such.
"""

from .choices import (
    CONTENT_LANGUAGES,
    WORKING_LANGUAGES,
    ContactPolicy,
    PopulationBand,
    Provenance,
    Sector,
    TargetGroup,
)
from .drafts import ProfileDraft, ProfilePublication
from .introductions import Introduction, IntroductionQuerySet
from .profiles import (
    Challenge,
    CityExchange,
    CityProfile,
    CityProfileQuerySet,
    PartnerCity,
    Practice,
    PracticeQuerySet,
    PreventionNetwork,
)
from .search import CityChunk, CitySearch

__all__ = [
    "CONTENT_LANGUAGES",
    "WORKING_LANGUAGES",
    "Challenge",
    "CityChunk",
    "CityExchange",
    "CityProfile",
    "CityProfileQuerySet",
    "CitySearch",
    "ContactPolicy",
    "Introduction",
    "IntroductionQuerySet",
    "PartnerCity",
    "PopulationBand",
    "Practice",
    "PracticeQuerySet",
    "PreventionNetwork",
    "ProfileDraft",
    "ProfilePublication",
    "Provenance",
    "Sector",
    "TargetGroup",
]
