"""Lists written the way each language writes them (CLDR list patterns of en, fr and ar).

    format_list(["Tunis", "Paris", "Rabat"])               # "Tunis, Paris, Rabat"
    format_list([...], style="and")                         # "Tunis, Paris, and Rabat"
    with translation.override("ar"): format_list([...])     # "Tunis، Paris، Rabat"

Templates use the `join_list` filter (hub.templatetags.hub_tags), which also isolates each
item's direction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation

if TYPE_CHECKING:
    from collections.abc import Sequence

# (two items, start, middle, end), as in CLDR's listPatterns ("standard" for "and"; a plain
# comma list, with Arabic's own comma, for "comma"). Arabic joins with "و" prefixed to the
# next item, no comma: "أ وب وج".
_PATTERNS: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "comma": {
        "en": ("{0}, {1}", "{0}, {1}", "{0}, {1}", "{0}, {1}"),
        "fr": ("{0}, {1}", "{0}, {1}", "{0}, {1}", "{0}, {1}"),
        "ar": ("{0}، {1}", "{0}، {1}", "{0}، {1}", "{0}، {1}"),
    },
    "and": {
        "en": ("{0} and {1}", "{0}, {1}", "{0}, {1}", "{0}, and {1}"),
        "fr": ("{0} et {1}", "{0}, {1}", "{0}, {1}", "{0} et {1}"),
        "ar": ("{0} و{1}", "{0} و{1}", "{0} و{1}", "{0} و{1}"),
    },
}
STYLES = tuple(_PATTERNS)


def format_list(items: Sequence[str], *, style: str = "comma", language: str | None = None) -> str:
    """`items` joined with the separators of `language` (default: the active one).

    Raises ValueError for an unknown style. The result is plain text: templates use the
    `join_list` filter, which escapes the items first.
    """
    if style not in _PATTERNS:
        raise ValueError(f"Unknown list style {style!r}; use one of {STYLES}.")
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    patterns = _PATTERNS[style]
    two, start, middle, end = patterns.get(code, patterns["en"])
    values = list(items)
    if not values:
        return ""
    if len(values) == 1:
        return values[0]
    if len(values) == 2:
        return two.format(values[0], values[1])
    # CLDR builds from the end: the last pair, then middle patterns, then the start pattern.
    result = end.format(values[-2], values[-1])
    for value in reversed(values[1:-2]):
        result = middle.format(value, result)
    return start.format(values[0], result)
