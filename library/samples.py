"""Builders of realistic sample documents for demo content, tests and the extraction benchmark.

No Django: the builders return the bytes of a file, and callers decide where they go. PDFs are
made with fpdf2 and real embedded Noto fonts, so their text layer is what a word processor would
produce, including shaped Arabic; DOCX files are made with python-docx.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Final

from docx import Document
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_DIR: Final = "/usr/share/fonts/truetype/noto"
LATIN_FONT: Final = f"{FONT_DIR}/NotoSans-Regular.ttf"
ARABIC_FONT: Final = f"{FONT_DIR}/NotoNaskhArabic-Regular.ttf"

# A fixed date keeps the output byte-for-byte reproducible (fpdf2 otherwise stamps "now").
_CREATED: Final = datetime(2025, 1, 1, tzinfo=UTC)
_MARGIN_MM: Final = 15.0
# Tried from the top until a page's text fits one A4 page; at the last size it is truncated.
_FONT_SIZES: Final = (11.0, 9.5, 8.0, 7.0, 6.0)
_LINE_HEIGHT_FACTOR: Final = 1.3
_PT_TO_MM: Final = 25.4 / 72
_TITLE_SIZE: Final = 16.0


def _new_pdf(*, language: str = "en") -> tuple[FPDF, str]:
    """An A4 document with the font for ``language`` registered and selected; returns the align."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(_CREATED)
    pdf.set_creator("SCN Online Hub samples")
    pdf.set_lang(language)
    pdf.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    # Every page is laid out to fit, so an automatic break would only hide a sizing bug.
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("NotoSans", fname=LATIN_FONT)
    if language == "ar":
        pdf.add_font("NotoNaskhArabic", fname=ARABIC_FONT)
        pdf.set_font("NotoNaskhArabic", size=_FONT_SIZES[0])
        # Digits, dashes and Latin words in Arabic text are missing from Naskh.
        pdf.set_fallback_fonts(["NotoSans"])
        # "liga" off: with it, HarfBuzz turns "الله" into one ligature glyph whose ToUnicode entry
        # fpdf2 writes in visual order, so PDFium would extract "اهلل". The required Arabic
        # joining ("rlig", lam-alef) stays on and extracts correctly.
        pdf.set_text_shaping(
            use_shaping_engine=True,
            direction="rtl",
            script="arab",
            language="ara",
            features={"liga": False},
        )
        return pdf, "R"
    pdf.set_font("NotoSans", size=_FONT_SIZES[0])
    return pdf, "L"


def _fit_page(pdf: FPDF, text: str, *, height: float, align: str) -> None:
    """Write ``text`` at the cursor in the largest font size whose lines fit ``height`` mm."""
    family = pdf.font_family
    for size in _FONT_SIZES:
        pdf.set_font(family, size=size)
        line_height = size * _PT_TO_MM * _LINE_HEIGHT_FACTOR
        lines: list[str] = pdf.multi_cell(  # type: ignore[assignment]  # output="LINES"
            0, line_height, text, align=align, dry_run=True, output="LINES"
        )
        max_lines = int(height // line_height)
        if len(lines) <= max_lines:
            break
    else:
        # Still too long at the smallest size: keep what fits rather than spill to a new page,
        # because callers rely on one PDF page per item.
        text = "\n".join(lines[:max_lines])
    pdf.multi_cell(
        0,
        line_height,
        text,
        align=align,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def pdf_bytes(pages: list[str], *, title: str = "", language: str = "en") -> bytes:
    """A text PDF with exactly one A4 page per item of ``pages``.

    Long items are set in a smaller font, and truncated if even the smallest does not fit.
    ``title`` goes into the metadata and as a heading on the first page. ``language="ar"`` uses
    Noto Naskh Arabic with HarfBuzz shaping, right-aligned, so the text layer is real Arabic.

    Raises:
        ValueError: for an empty ``pages`` list.
    """
    if not pages:
        raise ValueError("A PDF needs at least one page.")
    pdf, align = _new_pdf(language=language)
    if title:
        pdf.set_title(title)
    body_family = pdf.font_family
    page_height = pdf.h - 2 * _MARGIN_MM
    for index, text in enumerate(pages):
        pdf.add_page()
        height = page_height
        if index == 0 and title:
            pdf.set_font(body_family, size=_TITLE_SIZE)
            title_line = _TITLE_SIZE * _PT_TO_MM * _LINE_HEIGHT_FACTOR
            pdf.multi_cell(0, title_line, title, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(title_line / 2)
            height = pdf.h - _MARGIN_MM - pdf.get_y()
        _fit_page(pdf, text, height=height, align=align)
    return bytes(pdf.output())


def image_only_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF whose pages hold only vector drawings, like a scan without OCR: no text at all."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(_CREATED)
    pdf.set_auto_page_break(auto=False)
    for index in range(pages):
        pdf.add_page()
        pdf.set_line_width(0.5)
        pdf.rect(20, 20, 170, 60)
        pdf.set_fill_color(200, 200 - 20 * (index % 5), 220)
        pdf.rect(30, 100, 80, 40, style="F")
        for offset in range(0, 100, 10):
            pdf.line(20, 160 + offset, 190, 160 + offset)
    return bytes(pdf.output())


def encrypted_pdf_bytes(text: str = "Secret plan") -> bytes:
    """A text PDF that cannot be opened without its user password (RC4, no extra packages)."""
    pdf, align = _new_pdf()
    pdf.set_encryption(owner_password="sample-owner", user_password="sample-user")  # noqa: S106
    pdf.add_page()
    _fit_page(pdf, text, height=pdf.h - 2 * _MARGIN_MM, align=align)
    return bytes(pdf.output())


def docx_bytes(paragraphs: list[str], *, table: list[list[str]] | None = None) -> bytes:
    """A Word document with one paragraph per item, then ``table`` (rows of cells) if given."""
    document = Document()
    core = document.core_properties
    core.created = core.modified = _CREATED
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        columns = max(len(row) for row in table)
        grid = document.add_table(rows=len(table), cols=columns)
        grid.style = "Table Grid"
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
