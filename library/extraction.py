"""Text extraction from uploaded PDF, DOCX, plain text and HTML files, hardened for hostile ones.

Pure Python on purpose: no Django import, because the same module runs as a throw-away child
process (``python -m library.extraction PATH``) under CPU, memory and wall-clock limits. Uploads
come from member cities, but one compromised account or a forwarded attachment is enough for a
decompression bomb or a parser crash, and neither may take down a web or Celery worker.

The in-process entry point is :func:`extract_file`; services should call
:func:`extract_file_limited`, which runs it in the limited child and turns every way the child
can die into an :class:`ExtractionError` with a stable ``code``.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import re
import resource
import select
import signal
import subprocess
import sys
import threading
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, Final

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
_READ_CHUNK: Final = 2**20

_PROJECT_ROOT: Final = Path(__file__).resolve().parents[1]


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
_UTF16_BOMS: Final = (b"\xff\xfe", b"\xfe\xff")
_HTML_START: Final = re.compile(
    r"<(?:!doctype\s+html|(?:html|head|body|title|meta|p|div|span|h[1-6]|table|ul|ol|section"
    r"|article|main|header|nav|pre|br)(?=[\s>/]))",
    re.IGNORECASE,
)
_ALLOWED_CONTROLS: Final = frozenset("\t\n\r\f")


def _decode_head(head: bytes) -> str | None:
    """Decode the sniffed prefix as UTF-16 (with BOM) or UTF-8, or return None."""
    if head.startswith(_UTF16_BOMS):
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
    path: Path,
    *,
    max_total_uncompressed: int = 200 * 2**20,
    max_entries: int = 2000,
    max_ratio: int = 200,
) -> None:
    """Vet a DOCX candidate from its central directory alone; no entry is read or inflated.

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


# --------------------------------------------------------------------------------------------
# Normalisation and pseudo-pages
# --------------------------------------------------------------------------------------------

# Bidi embeddings/overrides/isolates and invisible marks: they let a file display words other than
# the ones indexed, and a mark inside a word would stop it from matching a search. Also C0/C1
# controls except \t and \n, and lone surrogates, which cannot be encoded as UTF-8 and would
# break the index write.
_DROPPED: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\ud800-\udfff]"
)
_LINE_BREAKS: Final = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")
# Only runs that actually change: replacing every single space would build one piece per word,
# several times the memory of the text itself.
_HSPACE_RUN: Final = re.compile(r"\t[ \t]*| [ \t]+")
_TRAILING_SPACE: Final = re.compile(r" +\n")
_MANY_NEWLINES: Final = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Return ``text`` in the one form that is stored and indexed.

    NFKC (so Arabic presentation forms from PDF text layers become base letters and ligatures
    such as "\ufb01" become "fi"), without bidi controls or other control characters, with Unix
    line breaks, single spaces, at most one blank line in a row, and no surrounding whitespace.
    """
    # Line breaks first, so \r and \f become \n instead of being dropped as control characters.
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFKC", text)
    text = _DROPPED.sub("", text)
    text = _HSPACE_RUN.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def _pseudo_pages(text: str, *, max_pages: int) -> list[str]:
    """Cut normalised ``text`` into pieces of about PSEUDO_PAGE_CHARS at whitespace."""
    pages: list[str] = []
    start = 0
    length = len(text)
    while start < length:
        end = start + PSEUDO_PAGE_CHARS
        if end < length:
            window = text[start:end]
            # Prefer a paragraph break, then a line break, then a space, as long as it does not
            # leave a page less than half full; a single endless "word" is cut hard.
            for sep in ("\n\n", "\n", " "):
                cut = window.rfind(sep)
                if cut >= PSEUDO_PAGE_CHARS // 2:
                    end = start + cut
                    break
        page = text[start:end].strip()
        if page:
            pages.append(page)
            if len(pages) > max_pages:
                raise ExtractionError("too_many_pages", f"more than {max_pages} pseudo-pages")
        start = end
    return pages


def _require_text(pages: list[str]) -> None:
    if not any(page.strip() for page in pages):
        raise ExtractionError("no_text", "no extractable text")


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
    _require_text(pages)
    return Extracted(kind="pdf", pages=pages, page_count=page_count)


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------

_DTD_MARKERS: Final = (b"<!doctype", b"<!entity")
_MARKER_OVERLAP: Final = max(len(m) for m in _DTD_MARKERS) - 1


def _part_has_dtd(stream: IO[bytes]) -> bool:
    """Stream one zip entry, looking for a DTD; at most MAX_XML_PART_BYTES are inflated."""
    head = stream.read(4)
    utf16 = head.startswith(_UTF16_BOMS) or b"\x00" in head[:4]
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
        chunk = stream.read(_READ_CHUNK)
        read += len(chunk)
        if read > MAX_XML_PART_BYTES:
            raise ExtractionError("zip_bomb", f"XML part larger than {MAX_XML_PART_BYTES} bytes")
    return False


def _is_xml_part(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".xml", ".rels"))


def _reject_dtds(path: Path) -> None:
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
        _reject_dtds(path)
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
    pages = _pseudo_pages(normalise(text), max_pages=max_pages)
    _require_text(pages)
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
    if data.startswith(_UTF16_BOMS):
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
    pages = _pseudo_pages(normalise(text), max_pages=max_pages)
    _require_text(pages)
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


def _child_env() -> dict[str, str]:
    # Nothing from the parent's environment beyond what Python needs: the worker's environment
    # holds the database URL and secret key, and the child parses untrusted input.
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(_PROJECT_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
    }


def _protocol_result(stdout: bytes) -> Extracted | ExtractionError | None:
    """Parse the child's single JSON line; None when it is missing or not the protocol."""
    lines = stdout.strip().splitlines()
    if not lines:
        return None
    try:
        payload = json.loads(lines[-1])
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict):
        return None
    if payload.get("ok") is True:
        kind = payload.get("kind")
        pages = payload.get("pages")
        page_count = payload.get("page_count")
        if (
            kind in KINDS
            and isinstance(pages, list)
            and all(isinstance(page, str) for page in pages)
            and isinstance(page_count, int)
        ):
            return Extracted(kind=kind, pages=pages, page_count=page_count)
        return None
    if payload.get("ok") is False:
        code, detail = payload.get("code"), payload.get("detail", "")
        if code in ERROR_CODES and isinstance(detail, str):
            return ExtractionError(code, detail)
    return None


class _Server:
    """A long-lived extraction process that forks one limited child per file.

    Starting a fresh interpreter per file costs more than extracting a typical report (importing
    pypdfium2 and python-docx takes ~0.3 s), so the server is started once (clean environment,
    no inherited file descriptors, libraries preloaded) and forks a child per job; the child sets
    its CPU and memory limits before it reads the file. The caller enforces the wall clock by
    killing the whole server, which is started again for the next job.
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.buffer = b""

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed argv
                [sys.executable, "-m", "library.extraction", "--serve"],
                cwd=_PROJECT_ROOT,
                env=_child_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self.buffer = b""
        return self.process

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        self.buffer = b""

    def run(self, request: dict[str, Any], wall_seconds: float) -> bytes | None:
        """Send one job and return its result line, or None if the server died or timed out."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None  # noqa: S101
        try:
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            return None
        deadline = time.monotonic() + wall_seconds
        fd = process.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise ExtractionError("timeout", f"no result after {wall_seconds} s")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                self.stop()
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line


_server = _Server()
_server_lock = threading.Lock()


def extract_file_limited(
    path: Path,
    *,
    cpu_seconds: int = 60,
    memory_bytes: int = 1024 * 2**20,
    wall_seconds: int = 120,
    max_pages: int = MAX_PAGES,
) -> Extracted:
    """Run :func:`extract_file` in a child process under CPU, address-space and time limits.

    Side effects: talks to this process's extraction server (started on first use, restarted
    after a timeout or a crash). Jobs of one process run one at a time.

    Raises:
        ExtractionError: every failure, including ``timeout`` (wall clock) and ``resources``
            (CPU or memory limit, a crash). Nothing else.
    """
    request = {
        "path": str(Path(path).resolve()),
        "max_pages": max_pages,
        "cpu_seconds": cpu_seconds,
        "memory_bytes": memory_bytes,
    }
    with _server_lock:
        try:
            line = _server.run(request, wall_seconds)
        except ExtractionError:
            raise
        except BaseException:
            # Interrupted (a task's soft time limit, a signal): the job's reply would arrive
            # later and be read as the answer to the next one. Start afresh next time.
            _server.stop()
            raise
    result = _protocol_result(line or b"")
    if isinstance(result, Extracted):
        return result
    if isinstance(result, ExtractionError):
        raise result
    raise ExtractionError("resources", "the extraction server ended without a result")


def _job_payload(path: Path, max_pages: int) -> dict[str, Any]:
    """Extract one file and describe the outcome as a protocol object; never raises."""
    try:
        result = extract_file(path, max_pages=max_pages)
        return {
            "ok": True,
            "kind": result.kind,
            "pages": result.pages,
            "page_count": result.page_count,
        }
    except ExtractionError as exc:
        return _error_payload(exc.code, exc.detail)
    except MemoryError:
        return _error_payload("resources", "MemoryError")
    except RecursionError:
        return _error_payload("malformed", "RecursionError")
    except OSError as exc:
        return _error_payload("malformed", f"cannot read file: {type(exc).__name__}")
    except Exception as exc:
        # An unexpected parser exception is still a property of this file; the type is logged,
        # never the message, which may quote file content.
        return _error_payload("malformed", f"unexpected {type(exc).__name__}")


def _encode(payload: dict[str, Any]) -> bytes:
    # ensure_ascii keeps the line independent of locale and encoding.
    return json.dumps(payload, ensure_ascii=True).encode("ascii") + b"\n"


def _serve_one(request: dict[str, Any]) -> bytes:
    """Fork a limited child for one job, relay its result, and always reap it."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits first, then the untrusted file
        status = 0
        try:
            os.close(read_fd)
            cpu, memory = int(request["cpu_seconds"]), int(request["memory_bytes"])
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            payload = _job_payload(Path(request["path"]), int(request["max_pages"]))
            try:
                data = _encode(payload)
            except MemoryError:
                data = _encode(_error_payload("resources", "MemoryError while reporting"))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:  # noqa: BLE001 - the child must always reach _exit
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    chunks = []
    with os.fdopen(read_fd, "rb") as reader:
        while chunk := reader.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    if data.endswith(b"\n") and _protocol_result(data) is not None:
        return data
    if os.WIFSIGNALED(status):
        try:
            reason = signal.Signals(os.WTERMSIG(status)).name
        except ValueError:
            reason = f"signal {os.WTERMSIG(status)}"
    else:
        reason = f"exit code {os.WEXITSTATUS(status)}"
    return _encode(_error_payload("resources", f"child ended without a result ({reason})"))


def serve() -> int:
    """Server side of :func:`extract_file_limited`: one JSON job per line in, one result out."""
    try:
        # Preloaded once, so each forked job starts with the libraries in memory.
        import docx  # noqa: F401
        import pypdfium2  # noqa: F401
    except (ImportError, OSError):
        return 1
    for raw in sys.stdin.buffer:
        try:
            request = json.loads(raw)
            reply = _serve_one(request)
        except (ValueError, KeyError, TypeError):
            reply = _encode(_error_payload("resources", "bad request"))
        sys.stdout.buffer.write(reply)
        sys.stdout.buffer.flush()
    return 0


def _error_payload(code: str, detail: str) -> dict[str, Any]:
    return {"ok": False, "code": code, "detail": detail}


def main(argv: list[str] | None = None) -> int:
    """`--serve`: the extraction server; `PATH`: extract one file and print the result."""
    parser = argparse.ArgumentParser(prog="python -m library.extraction")
    parser.add_argument("path", type=Path, nargs="?")
    parser.add_argument("--max-pages", type=int, default=MAX_PAGES)
    parser.add_argument("--serve", action="store_true", help="run the extraction server")
    args = parser.parse_args(argv)
    if args.serve:
        return serve()
    if args.path is None:
        parser.error("a path is required")
    # One file, no limits: for looking at what the extraction of a file gives.
    sys.stdout.buffer.write(_encode(_job_payload(args.path, args.max_pages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
