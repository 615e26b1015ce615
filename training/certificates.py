"""Certificates as things of their own, without the database: verification codes (made,
read back from what a person types) and the PDF, drawn by WeasyPrint in the learner's language.

The PDF's fonts are the Noto families the project's set-up installs (``scripts/system-deps.sh``,
the Dockerfile: Debian's ``fonts-noto-core``): found on disk and named by ``@font-face``, never
downloaded and never assumed. When they are missing the PDF is not made (``FontsMissing``): a
certificate in a fallback font without Arabic shaping would be worse than none. WeasyPrint may
read nothing but those font files: every other URL in the document is refused.
"""

from __future__ import annotations

import functools
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

# --- Verification codes -----------------------------------------------------------------------

#: Letters and digits nobody confuses when reading a code aloud or off paper: no 0/O, 1/I/L,
#: no U (and no vowel-heavy words). 30 symbols, 16 of them: about 78 bits, never guessed.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_SYMBOLS = 16
CODE_GROUP = 4
#: The most a person could type for one code (groups, spaces, a stray prefix); past this the
#: input is refused before it is even read.
CODE_INPUT_MAX = 64


def code_new() -> str:
    """A new random code, grouped for reading: "7KQF-2MXR-HD9C-TWPA"."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_SYMBOLS))
    return code_grouped(symbols)


def code_grouped(symbols: str) -> str:
    return "-".join(symbols[i : i + CODE_GROUP] for i in range(0, len(symbols), CODE_GROUP))


def code_parse(text: str) -> str | None:
    """The stored form of a code a person typed, or None when it cannot be one.

    Case, spaces and dashes do not matter; digits typed in another script (Arabic-Indic ٣)
    count as the digits they are. Anything longer than `CODE_INPUT_MAX` is refused unread.
    """
    if len(text) > CODE_INPUT_MAX:
        return None
    symbols = []
    for char in unicodedata.normalize("NFKC", text):
        if char.isspace() or char in "-‐‑‒–—_.":
            continue
        if char.isdigit() and not char.isascii():
            try:
                char = str(unicodedata.digit(char))
            except ValueError:
                return None
        symbols.append(char.upper())
    code = "".join(symbols)
    if len(code) != CODE_SYMBOLS or any(char not in CODE_ALPHABET for char in code):
        return None
    return code_grouped(code)


# --- Fonts ----------------------------------------------------------------------------------

#: Where Debian's font packages put their files (fontconfig's own search path starts here).
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    filename: str


#: Noto Naskh Arabic for Arabic (a book face: what a certificate is printed in), Noto Sans for
#: Latin (English, French, and Latin names or titles inside Arabic).
FACES = (
    Face("Noto Naskh Arabic", 400, "NotoNaskhArabic-Regular.ttf"),
    Face("Noto Naskh Arabic", 700, "NotoNaskhArabic-Bold.ttf"),
    Face("Noto Sans", 400, "NotoSans-Regular.ttf"),
    Face("Noto Sans", 700, "NotoSans-Bold.ttf"),
)


class FontsMissing(RuntimeError):
    """The certificate fonts are not installed here (see scripts/system-deps.sh)."""


@functools.cache
def _font_files(roots: tuple[Path, ...] = FONT_ROOTS) -> dict[str, Path]:
    wanted = {face.filename for face in FACES}
    found: dict[str, Path] = {}
    for root in roots:
        if not root.is_dir():
            continue
        for path in root.rglob("*.ttf"):
            if path.name in wanted and path.name not in found:
                found[path.name] = path
    return found


def font_faces() -> list[dict[str, Any]]:
    """Each face with the file it is drawn from; raises FontsMissing naming what is missing."""
    files = _font_files()
    missing = sorted({face.filename for face in FACES} - set(files))
    if missing:
        _font_files.cache_clear()  # installed later, found at the next certificate
        raise FontsMissing(f"certificate fonts not installed: {', '.join(missing)}")
    return [
        {"family": face.family, "weight": face.weight, "url": files[face.filename].as_uri()}
        for face in FACES
    ]


# --- The PDF ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateText:
    """What a certificate says, as it was issued."""

    learner_name: str
    module_title: str
    completed_on: date
    language: str
    code: str
    verify_url: str


def _fetcher(allowed: Iterable[str]) -> Any:
    """A WeasyPrint URL fetcher that reads the font files and nothing else."""
    from weasyprint.urls import URLFetcher

    allowed_urls = frozenset(allowed)

    class FontFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in allowed_urls:
                raise ValueError(f"certificate documents load no other resource: {url[:80]}")
            return super().fetch(url, headers)

    return FontFilesOnly(allowed_protocols={"file"}, allow_redirects=False)


def certificate_pdf(text: CertificateText) -> bytes:
    """The certificate as PDF bytes, laid out in its language (Arabic shaped, right to left).

    Raises FontsMissing when the fonts are not installed.
    """
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    faces = font_faces()
    with translation.override(text.language):
        context = {
            "certificate": text,
            "faces": faces,
            "LANGUAGE_CODE": text.language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        html = render_to_string("training/certificate_pdf.html", context)
        css = render_to_string("training/certificate_pdf.css", context)
    fonts = FontConfiguration()
    fetcher = _fetcher(face["url"] for face in faces)
    stylesheet = weasyprint.CSS(string=css, font_config=fonts, url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None)
    pdf = document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
    assert pdf is not None  # noqa: S101  (no target given: WeasyPrint returns the bytes)
    return bytes(pdf)
