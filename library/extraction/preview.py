"""The first page of a PDF as a small WebP image: what a reader sees of a document before download.

Like the rest of the package this runs in the limited child (:mod:`.limited`), because PDFium
renders untrusted input; :func:`render_first_page` itself is unlimited.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from library.extraction.errors import SNIFF_BYTES, ExtractionError
from library.extraction.vetting import sniff

if TYPE_CHECKING:
    from pathlib import Path

#: Width of a preview in pixels (the document page shows it at this size; the results scale it).
PREVIEW_WIDTH: Final = 400
#: A page taller than twice its width (a receipt, a poster) is rendered no taller than this.
PREVIEW_MAX_HEIGHT: Final = 800
#: A preview bigger than this is not kept: a first page of text is 10-40 KB as WebP.
PREVIEW_MAX_BYTES: Final = 300 * 1024
WEBP_QUALITY: Final = 72
# Pages smaller than this (in points, 1/72 inch) are not pages; PDFium would divide by ~zero.
_MIN_PAGE_POINTS: Final = 1.0


@dataclass(frozen=True)
class Preview:
    """A rendered first page: WebP bytes and their size in pixels."""

    data: bytes
    width: int
    height: int


def is_webp(data: bytes) -> bool:
    """Whether `data` starts like a WebP file (RIFF container, WEBP form type)."""
    return len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def render_first_page(
    path: Path, *, width: int = PREVIEW_WIDTH, max_height: int = PREVIEW_MAX_HEIGHT
) -> Preview:
    """Render the first page of the PDF at `path` to at most `width` x `max_height` pixels.

    Raises:
        ExtractionError: ``unsupported_type`` when the file is not a PDF, ``encrypted``,
            ``malformed`` (PDFium cannot load or render it, an absurd page size), ``too_large``
            (the image would exceed :data:`PREVIEW_MAX_BYTES`).
        OSError: when `path` cannot be read.
    """
    import pypdfium2 as pdfium

    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if sniff(head) != "pdf":
        raise ExtractionError("unsupported_type", "previews are made of PDFs only")
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError("encrypted", "PDF needs a password") from exc
        raise ExtractionError("malformed", f"PDFium could not load the PDF: {exc}") from exc
    try:
        if len(document) < 1:
            raise ExtractionError("malformed", "no pages")
        page = document[0]
        try:
            page_width, page_height = page.get_size()
            if min(page_width, page_height) < _MIN_PAGE_POINTS:
                raise ExtractionError("malformed", "degenerate page size")
            # Both bounds hold whatever the page's proportions: a long strip is drawn narrower.
            scale = min(width / page_width, max_height / page_height)
            bitmap = page.render(scale=scale, may_draw_forms=False)
            try:
                image = bitmap.to_pil()
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise ExtractionError("malformed", f"PDFium could not render the page: {exc}") from exc
    finally:
        document.close()
    if image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    data = buffer.getvalue()
    if len(data) > PREVIEW_MAX_BYTES:
        raise ExtractionError("too_large", f"preview of {len(data)} bytes")
    return Preview(data=data, width=image.width, height=image.height)
