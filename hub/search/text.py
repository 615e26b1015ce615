"""Text as search sees it: one configuration per language, Arabic folding, chunks, queries.

Every source indexes and queries through these, so that a word is folded the same way on both
sides: Arabic text and queries go through :func:`arabic_normalise` (its SQL twin,
``hub_arabic_normalise``, is created by migration ``hub 0002`` and tested to agree).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Final, overload

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

# What folding removes (tashkeel, tatweel), and the letters it replaces (alef forms, ى, ة). The
# SQL twin, hub_arabic_normalise, strips and replaces the same characters.
_REMOVED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_REPLACED: Final = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_QUOTES = str.maketrans(dict.fromkeys("“”„«»‟〝〞", '"'))


def arabic_normalise(text: str) -> str:
    """Fold Arabic spelling variants: strip tashkeel and tatweel, unify alef forms, ى→ي, ة→ه."""
    return _replace_letters(_REMOVED.sub("", text))


def _replace_letters(text: str) -> str:
    # One scan a letter, and none for a letter absent: a small part of str.translate's time
    # (which looks every character of a non-ASCII string up in its table: 1.6 ms for twenty
    # snippets of 1,200 characters, against 0.03).
    for letter, replacement in _REPLACED:
        if letter in text:
            text = text.replace(letter, replacement)
    return text


def config_for(language: str) -> str:
    """The text-search configuration for text written in `language`."""
    return CONFIGS.get(language, DEFAULT_CONFIG)


class FoldOffsets(Sequence[int]):
    """For each character of a folded text, the index in the text as written of the character
    it comes from, worked out when asked for (by bisecting the removals) rather than listed:
    a snippet asks for a few of them, of a text of a thousand characters."""

    __slots__ = ("_length", "_removals")

    def __init__(self, length: int, removals: list[int]) -> None:
        self._length = length
        # For each removed character, how many characters are kept before it, in order.
        self._removals = removals

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return index + bisect_right(self._removals, index)


def fold_with_offsets(text: str) -> tuple[str, FoldOffsets]:
    """`arabic_normalise(text)`, and for each of its characters the index in `text` of the
    character it comes from: folding only replaces or removes single characters."""
    kept = _REMOVED.split(text)
    folded = _replace_letters("".join(kept))
    # The removed characters are the boundaries between the kept runs.
    return folded, FoldOffsets(len(folded), list(accumulate(map(len, kept[:-1]))))


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
