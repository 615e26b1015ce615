"""Helpers of the content files: one text in the hub's three languages."""

from __future__ import annotations

import re

LANGUAGES = ("en", "fr", "ar")

# French typography: a narrow no-break space before ; : ! ? %, inside « » and between groups of
# digits, so a line never starts with the sign. (A plain no-break space would come back from
# the sanitiser as &nbsp;.)
_NARROW = "\u202f"
_BEFORE_SIGN = re.compile(r" ([;:!?»])")
_AFTER_QUOTE = re.compile(r"« ")
_NUMBER = re.compile(r"(\d) (\d{3}\b|%)")


def french(text: str) -> str:
    text = _BEFORE_SIGN.sub(_NARROW + r"\1", text)
    return _NUMBER.sub(r"\1" + _NARROW + r"\2", _AFTER_QUOTE.sub("«" + _NARROW, text))


def t(en: str, fr: str, ar: str) -> dict[str, str]:
    """One text in English, French and Arabic."""
    return {"en": en.strip(), "fr": french(fr.strip()), "ar": ar.strip()}


def html(*blocks: str) -> str:
    """Simple HTML: one block per line, as the sanitiser writes it back."""
    return "\n".join(block.strip() for block in blocks)
