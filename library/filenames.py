"""Document file names: the contributor's name for a file, made safe, with the right extension;
the name a download gets (the document's title), and its RFC 6266 Content-Disposition."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

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


# Characters no file name may hold on the systems members use (Windows is the strictest).
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
# Long enough for any real title; short enough for every file system once the extension is on.
TITLE_NAME_MAX = 150


def title_filename(title: str, extension: str) -> str:
    """A download's file name from a document's title: "Plan d'action : 2024" + ".pdf" gives
    "Plan d'action - 2024.pdf"; Arabic and other scripts are kept as they are.

    Path separators, reserved and control characters become " - " or go, bidi controls go
    (they could make the name display another extension), and the stem is cut at a word.
    """
    name = unicodedata.normalize("NFC", title)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf"})
    name = _UNSAFE_IN_NAME.sub(" - ", name)
    name = _SPACES.sub(" ", name).strip(" .-")
    if len(name) > TITLE_NAME_MAX:
        cut = name[:TITLE_NAME_MAX]
        name = (cut.rsplit(" ", 1)[0] if " " in cut[TITLE_NAME_MAX // 2 :] else cut).strip(" .-")
    return f"{name or 'document'}{extension}"


def _ascii_fallback(filename: str) -> str:
    """The name for user agents that do not read filename*: its ASCII letters, or "document"."""
    path = PurePath(filename)
    stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii")
    stem = _SPACES.sub(" ", re.sub(r"[^\w .,'()&+-]", "", stem)).strip(" .-")
    if sum(ch.isalpha() for ch in stem) < 3:
        stem = "document"
    suffix = path.suffix if path.suffix.isascii() else ""
    return f"{stem}{suffix}"


def attachment_disposition(filename: str) -> str:
    """`Content-Disposition: attachment` for `filename` as RFC 6266 says: a quoted ASCII
    fallback, then the exact name as UTF-8 in `filename*` (RFC 8187)."""
    fallback = _ascii_fallback(filename).replace("\\", "").replace('"', "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
