"""Text extraction from uploaded PDF, DOCX, plain text and HTML files, hardened for hostile ones.

Pure Python on purpose: importing this package loads no Django module, because the same code
runs as a throw-away child process (``python -m library.extraction``) under CPU, memory and
wall-clock limits. Uploads come from member cities, but one compromised account or a forwarded
attachment is enough for a decompression bomb or a parser crash, and neither may take down a web
or Celery worker.

- :mod:`.errors`: :class:`ExtractionError` (a stable ``code``) and :class:`Extracted`;
- :mod:`.vetting`: the kind of a file from its bytes, ZIP and XML checks before parsing;
- :mod:`.text`: the normal form of stored text, pseudo-pages;
- :mod:`.formats`: the parsers and :func:`extract_file` (in this process, unlimited);
- :mod:`.preview`: :func:`render_first_page`, a PDF's first page as a small WebP image;
- :mod:`.limited`: :func:`extract_file_limited` and :func:`render_preview_limited`, what
  services call: the limited child.
"""

from library.extraction.errors import (
    ERROR_CODES,
    KINDS,
    MAX_PAGES,
    PSEUDO_PAGE_CHARS,
    Extracted,
    ExtractionError,
)
from library.extraction.formats import extract_file
from library.extraction.limited import extract_file_limited, render_preview_limited
from library.extraction.preview import PREVIEW_WIDTH, Preview, render_first_page
from library.extraction.text import normalise
from library.extraction.vetting import check_zip, sniff

__all__ = [
    "ERROR_CODES",
    "KINDS",
    "MAX_PAGES",
    "PREVIEW_WIDTH",
    "PSEUDO_PAGE_CHARS",
    "Extracted",
    "ExtractionError",
    "Preview",
    "check_zip",
    "extract_file",
    "extract_file_limited",
    "normalise",
    "render_first_page",
    "render_preview_limited",
    "sniff",
]
