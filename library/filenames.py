"""Document file names: the contributor's name for a file, made safe, with the right extension."""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

# The extension a stored or downloaded file gets for each kind sniffed from its bytes.
KIND_EXTENSIONS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "txt": ".txt"}
DOCUMENT_SUFFIXES = frozenset(
    {".pdf", ".docx", ".doc", ".html", ".htm", ".txt", ".text", ".odt", ".rtf", ".md"}
)


def clean_filename(name: str) -> str:
    """The contributor's file name as safe data: no path, no control characters, bounded."""
    name = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"\r\n')
    return name.strip(" .")[:255] or "document"


def named_for_kind(name: str, kind: str) -> str:
    """`name` with the extension of what the file really is (its bytes decide, not its name).

    "plan.pdf" whose bytes are HTML becomes "plan.html"; a name without a known document
    extension keeps it and gets the right one added ("notes" -> "notes.txt").
    """
    wanted = KIND_EXTENSIONS.get(kind)
    if wanted is None:
        return name
    path = PurePath(name)
    suffix = path.suffix.lower()
    if suffix == wanted or (kind == "html" and suffix == ".htm"):
        return name
    stem = path.stem if suffix in DOCUMENT_SUFFIXES else name
    return f"{(stem or 'document')[: 255 - len(wanted)]}{wanted}"
