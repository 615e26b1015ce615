"""Vetting a file before any parser reads it.

Its kind comes from its bytes, never its name; a DOCX is checked from its central directory
(bombs, unsafe paths) and its XML parts (entity declarations) before python-docx opens it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from typing import IO, TYPE_CHECKING, Final

from library.extraction.errors import MAX_XML_PART_BYTES, READ_CHUNK, ExtractionError

if TYPE_CHECKING:
    from pathlib import Path

# --------------------------------------------------------------------------------------------
# Sniffing
# --------------------------------------------------------------------------------------------

_PDF_MAGIC: Final = b"%PDF-"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Formats that are never text even when their first bytes happen to decode; listed so the refusal
# does not depend on the control-character heuristic.
_BINARY_MAGICS: Final = (
    b"\x7fELF",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"PK\x05\x06",  # empty zip
    b"PK\x07\x08",  # spanned zip
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",  # gzip
    b"{\\rtf",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
)
UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_HTML_START: Final = re.compile(
    r"<(?:!doctype\s+html|(?:html|head|body|title|meta|p|div|span|h[1-6]|table|ul|ol|section"
    r"|article|main|header|nav|pre|br)(?=[\s>/]))",
    re.IGNORECASE,
)
_ALLOWED_CONTROLS: Final = frozenset("\t\n\r\f")


def _decode_head(head: bytes) -> str | None:
    """Decode the sniffed prefix as UTF-16 (with BOM) or UTF-8, or return None."""
    if head.startswith(UTF16_BOMS):
        # The prefix may end in the middle of a code unit or surrogate pair; the incremental
        # decoder keeps such a tail pending instead of failing.
        decoder: codecs.IncrementalDecoder = codecs.getincrementaldecoder("utf-16")()
    else:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    if not text or "\x00" in text:
        return False
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    return controls * 100 < len(text)


def sniff(head: bytes) -> str:
    """Return the kind of a file ("pdf", "docx", "html" or "txt") from its first bytes only.

    The name and the declared content type are ignored on purpose: both are chosen by the
    uploader. A ``"docx"`` answer only means "a zip"; :func:`check_zip` verifies the rest.

    Raises:
        ExtractionError: ``empty_file`` for no bytes, ``encrypted`` for a password-protected
            Office file, ``unsupported_type`` for anything else that is not one of the kinds.
    """
    if not head:
        raise ExtractionError("empty_file", "no bytes")
    if _PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        return "docx"
    if head.startswith(_OLE2_MAGIC):
        # Word saves a password-protected .docx as an OLE2 container with an EncryptedPackage
        # stream; telling the uploader "encrypted" beats "unsupported" when the name is visible.
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise ExtractionError("encrypted", "OLE2 EncryptedPackage")
        raise ExtractionError("unsupported_type", "OLE2 compound file")
    if head.startswith(_BINARY_MAGICS):
        raise ExtractionError("unsupported_type", "binary signature")
    text = _decode_head(head)
    if text is None:
        raise ExtractionError("unsupported_type", "neither UTF-8 nor UTF-16 with BOM")
    if not _looks_like_text(text):
        raise ExtractionError("unsupported_type", "binary content")
    if _HTML_START.match(text.lstrip()):
        return "html"
    return "txt"


# --------------------------------------------------------------------------------------------
# Zip checks
# --------------------------------------------------------------------------------------------

_DRIVE_LETTER: Final = re.compile(r"^[A-Za-z]:")
_RATIO_MIN_SIZE: Final = 2**20


def check_zip(
    path: Path | IO[bytes],
    *,
    max_total_uncompressed: int = 200 * 2**20,
    max_entries: int = 2000,
    max_ratio: int = 200,
) -> None:
    """Vet a DOCX candidate from its central directory alone; no entry is read or inflated.

    `path` is a file on disk or an open binary file (an upload's own bytes, never a file that
    merely has the upload's name).

    The declared sizes can lie; that is fine, because a reader that trusts them (zipfile does)
    stops at the declared size and fails the CRC check beyond it.

    Raises:
        ExtractionError: ``malformed`` when the central directory cannot be read;
            ``zip_bomb`` for too many entries, too much declared data or an extreme compression
            ratio; ``unsafe_archive`` for path traversal or duplicate names;
            ``unsupported_type`` for a zip that is not a Word document.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ExtractionError("malformed", f"unreadable zip: {type(exc).__name__}") from exc

    if len(infos) > max_entries:
        raise ExtractionError("zip_bomb", f"{len(infos)} entries > {max_entries}")
    total = 0
    names: set[str] = set()
    for info in infos:
        name = info.filename
        parts = name.split("/")
        if (
            name.startswith("/")
            or "\\" in name
            or _DRIVE_LETTER.match(name)
            or ".." in parts
            or "\x00" in name
        ):
            raise ExtractionError("unsafe_archive", "unsafe entry path")
        if name in names:
            raise ExtractionError("unsafe_archive", "duplicate entry name")
        names.add(name)
        total += info.file_size
        if total > max_total_uncompressed:
            raise ExtractionError(
                "zip_bomb", f"declared uncompressed size > {max_total_uncompressed}"
            )
        if info.file_size > _RATIO_MIN_SIZE and (
            info.compress_size <= 0 or info.file_size / info.compress_size > max_ratio
        ):
            raise ExtractionError("zip_bomb", f"compression ratio > {max_ratio}")
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ExtractionError("unsupported_type", "zip without a Word document part")


_DTD_MARKERS: Final = (b"<!doctype", b"<!entity")
_MARKER_OVERLAP: Final = max(len(m) for m in _DTD_MARKERS) - 1


def _part_has_dtd(stream: IO[bytes]) -> bool:
    """Stream one zip entry, looking for a DTD; at most MAX_XML_PART_BYTES are inflated."""
    head = stream.read(4)
    utf16 = head.startswith(UTF16_BOMS) or b"\x00" in head[:4]
    tail = b""
    read = len(head)
    chunk = head
    while chunk:
        if utf16:
            # An XML part may legally be UTF-16; drop the NUL bytes so the ASCII markers match.
            chunk = chunk.replace(b"\x00", b"")
        window = (tail + chunk).lower()
        if any(marker in window for marker in _DTD_MARKERS):
            return True
        tail = window[-_MARKER_OVERLAP:]
        chunk = stream.read(READ_CHUNK)
        read += len(chunk)
        if read > MAX_XML_PART_BYTES:
            raise ExtractionError("zip_bomb", f"XML part larger than {MAX_XML_PART_BYTES} bytes")
    return False


def _is_xml_part(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".xml", ".rels"))


def reject_dtds(path: Path) -> None:
    """Refuse a DOCX whose XML parts declare a DTD (XXE, billion laughs).

    python-docx parses with resolve_entities=False already; this is the second line, and it also
    makes the refusal explicit instead of silently dropping entity references.
    """
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir() or not _is_xml_part(info.filename):
                continue
            with archive.open(info) as stream:
                if _part_has_dtd(stream):
                    raise ExtractionError("xml_entities", "DTD in an XML part")
