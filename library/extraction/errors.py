"""The outcome of an extraction: the text of a file, or a refusal with a stable code."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MAX_PAGES = 2000
PSEUDO_PAGE_CHARS = 3000

#: The stable error codes; callers map them onto user-facing messages.
ERROR_CODES: Final = frozenset(
    {
        "unsupported_type",
        "empty_file",
        "too_large",
        "encrypted",
        "no_text",
        "malformed",
        "zip_bomb",
        "unsafe_archive",
        "xml_entities",
        "too_many_pages",
        "timeout",
        "resources",
        "file_missing",
    }
)
KINDS: Final = frozenset({"pdf", "docx", "txt", "html"})

SNIFF_BYTES: Final = 8 * 1024
# Plain text and HTML are decoded whole in memory; a real text file of this size would already
# be far beyond MAX_PAGES pseudo-pages, so anything bigger is refused before it is read.
MAX_TEXT_BYTES: Final = 50 * 2**20
# Upper bound for one XML part inside a DOCX, read while looking for DTDs. python-docx holds each
# part in memory, so this also caps what a part that slipped past check_zip can cost.
MAX_XML_PART_BYTES: Final = 50 * 2**20
READ_CHUNK: Final = 2**20


class ExtractionError(Exception):
    """Extraction refused or failed; ``code`` is one of :data:`ERROR_CODES`.

    ``detail`` is for logs only: English, and never any content of the file.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Extracted:
    """The normalised text of one file.

    For PDF ``pages`` has one entry per real page (empty for a page without text); for the other
    kinds the text is cut into pseudo-pages of about :data:`PSEUDO_PAGE_CHARS` characters.
    """

    kind: str
    pages: list[str]
    page_count: int
