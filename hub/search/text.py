"""Text as search sees it: one configuration per language, Arabic folding, chunks, queries.

Every source indexes and queries through these, so that a word is folded the same way on both
sides: Arabic text and queries go through :func:`arabic_normalise` (its SQL twin,
``hub_arabic_normalise``, is created by migration ``hub 0002`` and tested to agree).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from django.utils import translation

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The text-search configuration of each language with one of its own (migration hub 0002).
CONFIGS: Final = {"en": "hub_en", "fr": "hub_fr", "ar": "hub_ar"}
#: Every other language: accent-insensitive, without stemming.
DEFAULT_CONFIG: Final = "hub_simple"
ALL_CONFIGS: Final = (*CONFIGS.values(), DEFAULT_CONFIG)
#: The column of a source's row table holding a row's words in each configuration.
LEX_COLUMNS: Final = {
    "hub_en": "lex_en",
    "hub_fr": "lex_fr",
    "hub_ar": "lex_ar",
    "hub_simple": "lex_simple",
}

CHUNK_CHARS: Final = 8000  # text per chunk: a few pages, ~1,500 words, far below vector limits
MAX_QUERY_CHARS: Final = 300
# Private-use sentinels that mark highlights; removed from indexed text so text cannot fake one.
MARK_START: Final = "\ue000"
MARK_END: Final = "\ue001"

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
# The characters folding removes (tashkeel, tatweel): every other one is kept, maybe replaced.
_REMOVED: Final = frozenset(chr(c) for c in range(0x0600, 0x0700) if _TASHKEEL.match(chr(c))) | {
    "ـ"
}
_QUOTES = str.maketrans(dict.fromkeys("“”„«»‟〝〞", '"'))


def arabic_normalise(text: str) -> str:
    """Fold Arabic spelling variants: strip tashkeel and tatweel, unify alef forms, ى→ي, ة→ه."""
    return _TASHKEEL.sub("", text).translate(_ALEF)


def config_for(language: str) -> str:
    """The text-search configuration for text written in `language`."""
    return CONFIGS.get(language, DEFAULT_CONFIG)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`arabic_normalise(text)`, and for each of its characters the index in `text` of the
    character it comes from: folding only replaces or removes single characters."""
    folded = arabic_normalise(text)
    if len(folded) == len(text):  # nothing removed: every character stays where it was
        return folded, list(range(len(text)))
    return folded, [index for index, ch in enumerate(text) if ch not in _REMOVED]


def strip_marks(text: str) -> str:
    """`text` as it is stored in a chunk: as written, without highlight sentinels.

    Arabic chunks keep their own spelling (snippets show it); only their vectors are folded
    (:data:`hub.search.sql.CHUNK_VECTOR`).
    """
    return text.replace(MARK_START, "").replace(MARK_END, "")


def query_for(config: str, query: str) -> str:
    """The query as it is parsed in `config` (folded like the text for Arabic)."""
    return arabic_normalise(query) if config == CONFIGS["ar"] else query


@dataclass(frozen=True)
class ChunkSpec:
    """One chunk to index: its kind ("meta" or "body"), configuration, position and text."""

    kind: str
    config: str
    position: int
    text: str
    page: int | None = None


def chunk_pages(
    pages: Iterable[str], *, config: str, kind: str = "body", size: int = CHUNK_CHARS
) -> list[ChunkSpec]:
    """Pages of text as chunks of at most `size` characters, each knowing its first page.

    Chunks keep every vector far below Postgres's limits (1 MB, positions up to 16,383) and
    keep text deep inside a long report findable and highlightable.
    """
    specs: list[ChunkSpec] = []
    buffer: list[str] = []
    length, first_page, position = 0, 1, 0
    for number, page in enumerate(pages, start=1):
        for piece in _split(page, size - 1):
            if buffer and length + len(piece) + 1 > size:
                text = strip_marks("\n".join(buffer))
                specs.append(ChunkSpec(kind, config, position, text, first_page))
                position += 1
                buffer, length = [], 0
            if not buffer:
                first_page = number
            buffer.append(piece)
            length += len(piece) + 1
    if buffer:
        text = strip_marks("\n".join(buffer))
        specs.append(ChunkSpec(kind, config, position, text, first_page))
    return specs


def _split(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text] if text.strip() else []
    parts, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind(" ", start + limit // 2, end)
            end = cut if cut > start else end
        parts.append(text[start:end])
        start = end
    return [p for p in parts if p.strip()]


def clean_query(raw: str, *, limit: int = MAX_QUERY_CHARS) -> str:
    """A search query as the database can take it: NFKC, printable, single-spaced, bounded.

    websearch syntax knows only the ASCII quote; people type the quotes of their language.
    """
    text = unicodedata.normalize("NFKC", raw[: limit * 4])
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = text.translate(_QUOTES)
    return " ".join(text.split())[:limit]


def has_searchable_words(query: str) -> bool:
    return any(ch.isalnum() for ch in query)


def reader_language() -> str:
    """The active language if it is one of the hub's three, else English."""
    language = translation.get_language() or "en"
    return language if language in CONFIGS else "en"
