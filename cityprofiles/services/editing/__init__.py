"""Editing a city's profile: the one write path to drafts, their review and publication.

Editors (the focal point and the users of the city they name) change a ProfileDraft one part at
a time — the profile, a challenge, the network, a practice — and send it for review; SCN staff
publish it (the published rows are written by cityprofiles.drafts.apply and a
ProfilePublication keeps who, when, what changed and what was published) or return it with a
comment. Every save names the version it was made from, and a save from an older version is
refused: two editors never silently overwrite each other.

One module per part: ``workflow`` (the drafts' reads and writes, the only ones), ``cleaning``
(the bounds on a profile and each part checked before it is stored) and ``errors`` (the domain
errors a page answers with, each with its code and message).
"""

from .cleaning import (
    LANGUAGE_CODES,
    MAX_CHALLENGES,
    MAX_NETWORK_DOCUMENTS,
    MAX_PRACTICES,
    MAX_SECTOR_MEMBERS,
    MAX_THEMES,
    MIN_YEAR,
    PARTS,
    TEXT_LIMITS,
)
from .errors import DraftWaiting, NothingToSubmit, NotSubmitted, StaleDraft, UnknownItem
from .workflow import (
    draft_discard,
    draft_editors,
    draft_for_editing,
    draft_peek,
    draft_publish,
    draft_return,
    draft_save,
    draft_submit,
    editors_set,
)

__all__ = [
    "LANGUAGE_CODES",
    "MAX_CHALLENGES",
    "MAX_NETWORK_DOCUMENTS",
    "MAX_PRACTICES",
    "MAX_SECTOR_MEMBERS",
    "MAX_THEMES",
    "MIN_YEAR",
    "PARTS",
    "TEXT_LIMITS",
    "DraftWaiting",
    "NotSubmitted",
    "NothingToSubmit",
    "StaleDraft",
    "UnknownItem",
    "draft_discard",
    "draft_editors",
    "draft_for_editing",
    "draft_peek",
    "draft_publish",
    "draft_return",
    "draft_save",
    "draft_submit",
    "editors_set",
]
