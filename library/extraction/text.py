"""The one form extracted text is stored and indexed in; pseudo-pages for files without pages."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from library.extraction.errors import PSEUDO_PAGE_CHARS, ExtractionError

# --------------------------------------------------------------------------------------------
# Normalisation and pseudo-pages
# --------------------------------------------------------------------------------------------

# Bidi embeddings/overrides/isolates and invisible marks: they let a file display words other than
# the ones indexed, and a mark inside a word would stop it from matching a search. Also C0/C1
# controls except \t and \n, and lone surrogates, which cannot be encoded as UTF-8 and would
# break the index write.
_DROPPED: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\ud800-\udfff]"
)
_LINE_BREAKS: Final = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")
# Only runs that actually change: replacing every single space would build one piece per word,
# several times the memory of the text itself.
_HSPACE_RUN: Final = re.compile(r"\t[ \t]*| [ \t]+")
_TRAILING_SPACE: Final = re.compile(r" +\n")
_MANY_NEWLINES: Final = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Return ``text`` in the one form that is stored and indexed.

    NFKC (so Arabic presentation forms from PDF text layers become base letters and ligatures
    such as "\ufb01" become "fi"), without bidi controls or other control characters, with Unix
    line breaks, single spaces, at most one blank line in a row, and no surrounding whitespace.
    """
    # Line breaks first, so \r and \f become \n instead of being dropped as control characters.
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFKC", text)
    text = _DROPPED.sub("", text)
    text = _HSPACE_RUN.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def pseudo_pages(text: str, *, max_pages: int) -> list[str]:
    """Cut normalised ``text`` into pieces of about PSEUDO_PAGE_CHARS at whitespace."""
    pages: list[str] = []
    start = 0
    length = len(text)
    while start < length:
        end = start + PSEUDO_PAGE_CHARS
        if end < length:
            window = text[start:end]
            # Prefer a paragraph break, then a line break, then a space, as long as it does not
            # leave a page less than half full; a single endless "word" is cut hard.
            for sep in ("\n\n", "\n", " "):
                cut = window.rfind(sep)
                if cut >= PSEUDO_PAGE_CHARS // 2:
                    end = start + cut
                    break
        page = text[start:end].strip()
        if page:
            pages.append(page)
            if len(pages) > max_pages:
                raise ExtractionError("too_many_pages", f"more than {max_pages} pseudo-pages")
        start = end
    return pages


def require_text(pages: list[str]) -> None:
    if not any(page.strip() for page in pages):
        raise ExtractionError("no_text", "no extractable text")
