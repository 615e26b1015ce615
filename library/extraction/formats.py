"""The parsers, and :func:`extract_file`, which picks one from the file's first bytes.

PDF with pypdfium2 (Arabic in logical order), DOCX with python-docx, plain text and HTML.
"""

from __future__ import annotations

import os
import re
import zipfile
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Final

from library.extraction.errors import (
    MAX_PAGES,
    MAX_TEXT_BYTES,
    SNIFF_BYTES,
    Extracted,
    ExtractionError,
)
from library.extraction.text import normalise, pseudo_pages, require_text
from library.extraction.vetting import UTF16_BOMS, check_zip, reject_dtds, sniff

if TYPE_CHECKING:
    from pathlib import Path

# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


def _extract_pdf(path: Path, *, max_pages: int) -> Extracted:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if (
            getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD
            or "password" in str(exc).lower()
        ):
            raise ExtractionError("encrypted", "PDF needs a password") from exc
        raise ExtractionError("malformed", f"PDFium could not load the PDF: {exc}") from exc
    try:
        page_count = len(document)
        if page_count > max_pages:
            raise ExtractionError("too_many_pages", f"{page_count} pages > {max_pages}")
        pages: list[str] = []
        for index in range(page_count):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    # get_text_bounded (not get_text_range) returns right-to-left runs in logical
                    # order, so Arabic comes out searchable.
                    pages.append(normalise(textpage.get_text_bounded()))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise ExtractionError("malformed", f"PDFium failed on a page: {exc}") from exc
    finally:
        document.close()
    require_text(pages)
    return Extracted(kind="pdf", pages=pages, page_count=page_count)


def _docx_blocks(container: Any) -> list[str]:
    """Paragraph and table text of a python-docx block container, in document order."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    # A merged cell is returned once per grid column it spans.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(_docx_blocks(cell)).strip())
                if any(cells):
                    lines.append(" | ".join(cells))
        else:
            lines.append(block.text)
    return lines


def _extract_docx(path: Path, *, max_pages: int) -> Extracted:
    check_zip(path)
    try:
        reject_dtds(path)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        # CRC mismatches, declared sizes that lie, unknown compression methods, encrypted
        # entries (RuntimeError) all mean the same thing to the uploader.
        raise ExtractionError("malformed", f"unreadable zip entry: {type(exc).__name__}") from exc

    # Imported here so a parent that only calls extract_file_limited never loads lxml or PDFium.
    import docx

    try:
        document = docx.Document(str(path))
        text = "\n".join(_docx_blocks(document))
    except MemoryError:
        raise
    except ValueError as exc:
        if "not a Word file" in str(exc):
            # e.g. a macro-enabled .docm or a template: a Word zip, but not a document we take.
            raise ExtractionError("unsupported_type", "not a Word document") from exc
        raise ExtractionError("malformed", f"python-docx failed: {type(exc).__name__}") from exc
    except Exception as exc:
        # Hostile zips and XML surface as a wide range of exception types (KeyError for missing
        # parts, XMLSyntaxError, PackageNotFoundError, ...); all of them mean "broken file".
        raise ExtractionError("malformed", f"python-docx failed: {type(exc).__name__}") from exc
    pages = pseudo_pages(normalise(text), max_pages=max_pages)
    require_text(pages)
    return Extracted(kind="docx", pages=pages, page_count=len(pages))


# --------------------------------------------------------------------------------------------
# Plain text and HTML
# --------------------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    with path.open("rb") as handle:
        # Checked on the open handle, not before opening, so the file measured is the file read.
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_TEXT_BYTES:
            raise ExtractionError("too_large", f"text file larger than {MAX_TEXT_BYTES} bytes")
        # read(n) allocates n bytes up front, so ask for what is there (+1 to notice growth).
        data = handle.read(size + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise ExtractionError("too_large", f"text file larger than {MAX_TEXT_BYTES} bytes")
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


_SKIPPED_TAGS: Final = frozenset({"script", "style", "template", "noscript", "svg", "math"})
_BLOCK_TAGS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "title", "tr", "ul",
    }
)  # fmt: skip
_CELL_TAGS: Final = frozenset({"td", "th"})
_HTML_WHITESPACE: Final = re.compile(r"[ \t\n\r\f]+")


class _TextCollector(HTMLParser):
    """Collects the visible text of an HTML document; markup is never interpreted further."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._pre_depth = 0
        self._row_has_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            self._row_has_cell = False
        elif tag in _CELL_TAGS:
            # Same row layout as DOCX tables: "cell | cell".
            if self._row_has_cell:
                self.parts.append(" | ")
            self._row_has_cell = True
        if tag == "pre":
            self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <script/> or <br/>: nothing to skip, but a self-closed block still breaks the line.
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if not self._pre_depth:
            # Source line breaks are not text breaks in HTML, except inside <pre>.
            data = _HTML_WHITESPACE.sub(" ", data)
        self.parts.append(data)


def _html_to_text(markup: str) -> str:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "".join(collector.parts)


def _extract_text(path: Path, *, kind: str, max_pages: int) -> Extracted:
    text = _read_text(path)
    if kind == "html":
        text = _html_to_text(text)
    pages = pseudo_pages(normalise(text), max_pages=max_pages)
    require_text(pages)
    return Extracted(kind=kind, pages=pages, page_count=len(pages))


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def extract_file(path: Path, *, max_pages: int = MAX_PAGES) -> Extracted:
    """Extract the normalised text of the file at ``path``, in this process.

    The kind comes from the first bytes only, never from the name. Unlimited: a hostile file can
    exhaust memory or CPU here, so code handling uploads should use :func:`extract_file_limited`.

    Raises:
        ExtractionError: with any code of :data:`ERROR_CODES` except ``timeout`` and
            ``resources``.
        OSError: when ``path`` cannot be read.
    """
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    kind = sniff(head)
    if kind == "pdf":
        return _extract_pdf(path, max_pages=max_pages)
    if kind == "docx":
        return _extract_docx(path, max_pages=max_pages)
    return _extract_text(path, kind=kind, max_pages=max_pages)
