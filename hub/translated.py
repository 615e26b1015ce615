"""A translated field as the reader gets it: their language, or another marked as such.

Content (profiles, practices, modules, events) is written in one language and translated into
the others over time. A reader whose language is missing sees the version it was written in
(`source_language`) or the first other language that has text, and the page says so:

    shown = in_reader_language(practice, "summary")
    shown.text, shown.language, shown.is_fallback

Templates use ``{% translated practice "summary" as summary %}`` and the partial
``hub/partials/_translated.html`` (the text with its ``lang``/``dir`` and, for a fallback, a
note "In French — not yet translated").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Shown:
    text: str
    language: str
    is_fallback: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def in_reader_language(obj: Any, field: str, language: str | None = None) -> Shown:
    """`obj`'s `field` in `language` (default: the active one), else in the object's source
    language, else in the first of the hub's languages that has it; "" when none has."""
    wanted = (language or translation.get_language() or "en").split("-")[0]
    source = getattr(obj, "source_language", None) or "en"
    order = [wanted, source, *LANGUAGE_CODES]
    for code in dict.fromkeys(order):
        value = getattr(obj, f"{field}_{code}", None)
        if value:
            return Shown(str(value), code, code != wanted)
    return Shown("", wanted, False)


def languages_present(obj: Any, fields: tuple[str, ...]) -> list[str]:
    """The hub's languages in which `obj` has every one of `fields` that it has in any."""
    filled = [f for f in fields if any(getattr(obj, f"{f}_{c}", "") for c in LANGUAGE_CODES)]
    return [c for c in LANGUAGE_CODES if all(getattr(obj, f"{f}_{c}", "") for f in filled)]
