"""Builders of realistic sample documents for demo content, tests and the extraction benchmark.

No Django: the builders return the bytes of a file, and callers decide where they go. PDFs are
made with fpdf2 and real embedded Noto fonts, so their text layer is what a word processor would
produce, including shaped Arabic; DOCX files are made with python-docx.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Final

from docx import Document
from docx.enum.table import WD_TABLE_DIRECTION
from docx.oxml import OxmlElement
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


# Widths of words at _FONT_SIZES[0] by font family, shared by every PDF made in this process:
# the fonts are fixed files, and measuring a word (bidi, shaping) costs more than laying it out.
_WIDTHS: dict[tuple[str, str], float] = {}
_WIDTHS_MAX: Final = 50_000


def _wrap(paragraphs: list[list[tuple[str, float]]], space: float, available: float) -> list[str]:
    """Greedy line breaking of measured words; a word wider than a line is cut by characters.

    Word widths are summed rather than each line measured as it grows (which fpdf2's
    multi_cell does, shaping the whole line again for every character: quadratic, and slow
    for Arabic). Arabic letters join within a word, never across a space, so the sum is the
    shaped line's width.
    """
    lines: list[str] = []
    for words in paragraphs:
        line: list[str] = []
        width = 0.0
        for word, word_width in words:
            needed = word_width if not line else width + space + word_width
            if needed <= available:
                line.append(word)
                width = needed
                continue
            if line:
                lines.append(" ".join(line))
            line, width = [word], word_width
            if word_width > available:
                # Cut into pieces of the same share of characters as of width: no font
                # metrics needed, and only for tokens no real text has.
                step = max(1, int(len(word) * available / word_width))
                pieces = [word[i : i + step] for i in range(0, len(word), step)]
                lines.extend(pieces[:-1])
                line, width = [pieces[-1]], word_width * len(pieces[-1]) / len(word)
        lines.append(" ".join(line))
    return lines


def _fit_page(pdf: FPDF, text: str, *, height: float, align: str) -> None:
    """Write ``text`` at the cursor in the largest font size whose lines fit ``height`` mm."""
    family = pdf.font_family
    reference = _FONT_SIZES[0]
    pdf.set_font(family, size=reference)

    def measured(word: str) -> tuple[str, float]:
        key = (family, word)
        if key not in _WIDTHS:
            if len(_WIDTHS) >= _WIDTHS_MAX:
                _WIDTHS.clear()
            _WIDTHS[key] = pdf.get_string_width(word)
        return word, _WIDTHS[key]

    space = measured(" ")[1]
    paragraphs = [[measured(word) for word in line.split()] for line in text.split("\n")]
    # A little slack: fallback glyphs and kerning make a shaped line differ by a hair.
    text_width = (pdf.epw - 2 * pdf.c_margin) * 0.98
    for size in _FONT_SIZES:
        line_height = size * _PT_TO_MM * _LINE_HEIGHT_FACTOR
        # Widths scale with the size: measure once at the first size, compare scaled.
        lines = _wrap(paragraphs, space, text_width * reference / size)
        max_lines = int(height // line_height)
        if len(lines) <= max_lines:
            break
    else:
        # Still too long at the smallest size: keep what fits rather than spill to a new page,
        # because callers rely on one PDF page per item.
        lines = lines[:max_lines]
    pdf.set_font(family, size=size)
    for line in lines:
        pdf.cell(0, line_height, line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


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


def docx_bytes(
    paragraphs: list[str], *, table: list[list[str]] | None = None, language: str = "en"
) -> bytes:
    """A Word document with one paragraph per item, then ``table`` (rows of cells) if given.

    ``language="ar"``: paragraphs and the table are right-to-left, as Word writes Arabic.
    """
    document = Document()
    core = document.core_properties
    core.created = core.modified = _CREATED
    added = [document.add_paragraph(text) for text in paragraphs]
    if table:
        columns = max(len(row) for row in table)
        grid = document.add_table(rows=len(table), cols=columns)
        grid.style = "Table Grid"
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
                added.extend(cell.paragraphs)
        if language == "ar":
            grid.table_direction = WD_TABLE_DIRECTION.RTL
    if language == "ar":
        for paragraph in added:
            # python-docx has no setting for a paragraph's direction; these paragraphs have no
            # other properties, so <w:bidi/> alone is in schema order.
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
            for run in paragraph.runs:
                run.font.rtl = True
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


def _fixed_zip_dates(data: bytes) -> bytes:
    """The same archive with every entry dated _CREATED, so equal content gives equal bytes
    (python-docx stamps each part with the current time)."""
    out = io.BytesIO()
    stamp = _CREATED.timetuple()[:6]
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=stamp),
                source.read(info),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()
