"""Builders of hostile uploads: bombs, traversal, XXE, spoofed types, broken files.

Each returns the bytes of one file. They are deterministic (seeded randomness, fixed content),
cheap to build (well under a few seconds and ~100 MB in total) and small on disk, so the tests can
write them to a temporary directory and feed them to the extractor like any upload.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from typing import TYPE_CHECKING

from library.samples import docx_bytes, pdf_bytes

if TYPE_CHECKING:
    from collections.abc import Callable

GIB = 2**30

# A content-stream operator that PDFium must parse and lay out: a full text object per repetition.
_BOMB_OPERATOR = b"BT /F1 12 Tf 72 712 Td (bomb) Tj ET\n"


def _pdf_document(objects: list[bytes]) -> bytes:
    """Serialise numbered objects (1..n, object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _nested_deflate(operator: bytes, *, total: int, layers: int) -> bytes:
    """``operator`` repeated to ``total`` bytes, deflated ``layers`` times, built as a stream.

    Each layer feeds the next chunk by chunk, so neither the GiB of plain text nor the ~1 MiB
    first layer is ever held in memory.
    """
    chunk = operator * ((2**20) // len(operator))
    repetitions = -(-total // len(chunk))
    # Level 1 for the big first layer is twice as fast as 9 and compresses repeats the same.
    compressors = [zlib.compressobj(1)] + [zlib.compressobj(9) for _ in range(layers - 1)]
    output: list[bytes] = []

    def push(level: int, data: bytes) -> None:
        if level == layers:
            output.append(data)
        elif data:
            push(level + 1, compressors[level].compress(data))

    for _ in range(repetitions):
        push(0, chunk)
    for level, compressor in enumerate(compressors):
        push(level + 1, compressor.flush())
    return b"".join(output)


def pdf_nested_flate_bomb(layers: int = 3, total: int = GIB) -> bytes:
    """A valid one-page PDF whose content stream inflates through ``layers`` Flate filters to
    ``total`` bytes (default 1 GiB) of text operators; the file itself is about 1 KiB."""
    stream = _nested_deflate(_BOMB_OPERATOR, total=total, layers=layers)
    filters = b" ".join([b"/FlateDecode"] * layers)
    return _pdf_document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(stream), filters)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def truncated_pdf() -> bytes:
    """The first 60% of a real three-page text PDF, as left by an interrupted upload."""
    data = pdf_bytes(
        [
            "Local prevention network: terms of reference.",
            "Membership and meetings of the network.",
            "Budget and reporting obligations.",
        ],
        title="Truncated",
    )
    return data[: len(data) * 6 // 10]


def garbage_pdf() -> bytes:
    """A PDF header followed by 64 KiB of random bytes."""
    return b"%PDF-1.7\n" + random.Random(1234).randbytes(64 * 1024)


def docx_with_entries(entries: list[tuple[str, bytes]], *, base: bytes | None = None) -> bytes:
    """A copy of the zip ``base`` (default: a valid docx) with ``entries`` appended."""
    buffer = io.BytesIO(base if base is not None else docx_bytes(["A valid document."]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def _patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size of entry ``name`` in its local header and central record."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
        local = info.header_offset
        central = archive.start_dir
        entry_count = len(archive.infolist())
    # Local file header: the uncompressed size is the 32-bit field at offset 22.
    assert patched[local : local + 4] == b"PK\x03\x04"
    struct.pack_into("<I", patched, local + 22, size)
    # Central directory records: walk them to find the one for `name`; its size is at offset 24.
    position = central
    for _ in range(entry_count):
        assert patched[position : position + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", patched, position + 28)
        entry_name = bytes(patched[position + 46 : position + 46 + name_len]).decode()
        if entry_name == name:
            struct.pack_into("<I", patched, position + 24, size)
            return bytes(patched)
        position += 46 + name_len + extra_len + comment_len
    raise LookupError(name)


def docx_huge_entry() -> bytes:
    """A docx whose word/document.xml declares 1 GiB uncompressed in both headers.

    The real entry is a small valid document; only the sizes lie. Patching is what an attacker
    does too, and it keeps the builder instant; anything that trusted the declared size (or
    inflated the entry to check it) would be the bug the test is looking for.
    """
    return _patch_declared_size(docx_bytes(["Huge entry."]), "word/document.xml", GIB - 1)


def docx_many_entries(n: int = 10_000) -> bytes:
    """A valid docx with ``n`` extra empty entries (a central-directory bomb)."""
    buffer = io.BytesIO(docx_bytes(["Many entries."]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_STORED) as archive:
        for index in range(n):
            archive.writestr(f"customXml/filler{index:05d}.xml", b"")
    return buffer.getvalue()


def docx_path_traversal() -> bytes:
    """A valid docx plus an entry named ``../../evil.txt``."""
    return docx_with_entries([("../../evil.txt", b"written outside the extraction directory\n")])


def docx_xxe() -> bytes:
    """A valid docx whose document.xml declares an external entity and uses it in a paragraph."""
    source = docx_bytes(["Before the entity.", "XXE_PLACEHOLDER"])
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as rebuilt,
    ):
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "word/document.xml":
                declaration_end = data.index(b"?>") + 2
                data = (
                    data[:declaration_end]
                    + b'\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    + data[declaration_end:].replace(b"XXE_PLACEHOLDER", b"&xxe;")
                )
            rebuilt.writestr(info, data)
    return output.getvalue()


def spoofed_exe_as_pdf() -> bytes:
    """A minimal PE executable; the tests upload it as ``plan.pdf`` with ``application/pdf``."""
    dos_header = bytearray(64)
    dos_header[0:2] = b"MZ"
    struct.pack_into("<H", dos_header, 2, 0x90)  # bytes on last page
    struct.pack_into("<H", dos_header, 4, 3)  # pages in file
    struct.pack_into("<I", dos_header, 0x3C, 0x80)  # e_lfanew: offset of the PE header
    stub = b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21"
    stub += b"This program cannot be run in DOS mode.\r\r\n$"
    stub = stub.ljust(0x80 - 64, b"\x00")
    coff = b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 0xF0, 0x22)
    return bytes(dos_header) + stub + coff + bytes(512)


def polyglot_pdf_zip() -> bytes:
    """A real text PDF with a zip archive appended: a PDF for PDF readers, a zip for unzip."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as appended:
        appended.writestr("payload/readme.txt", "hidden payload\n")
    return pdf_bytes(["Polyglot visible text about youth outreach."]) + archive.getvalue()


def html_with_script() -> bytes:
    """An HTML page with script, style and an inline handler around real body text."""
    return (
        b"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        b"<title>Plan</title><style>body { color: red }</style>"
        b"<script>alert(1); document.write('injected script text')</script></head>"
        b"<body onload='alert(2)'><h1>Overview</h1><p>Community resilience plan</p>"
        b"<script type='text/javascript'>var s = 'more script text';</script>"
        b"<p>Second&nbsp;paragraph &amp; more</p></body></html>\n"
    )


def text_with_bidi_controls() -> bytes:
    """UTF-8 text whose word "prevention" is wrapped in, and split by, bidi controls."""
    return (
        "Violence \u202eprevention\u202c strategy.\n"
        "Isolated \u2067prevention\u2069 and marked pre\u200fven\u061ction.\n"
    ).encode()


#: Every hostile builder, by name, for parametrised tests.
ALL_BUILDERS: dict[str, Callable[[], bytes]] = {
    "pdf_nested_flate_bomb": pdf_nested_flate_bomb,
    "truncated_pdf": truncated_pdf,
    "garbage_pdf": garbage_pdf,
    "docx_huge_entry": docx_huge_entry,
    "docx_many_entries": docx_many_entries,
    "docx_path_traversal": docx_path_traversal,
    "docx_xxe": docx_xxe,
    "spoofed_exe_as_pdf": spoofed_exe_as_pdf,
    "polyglot_pdf_zip": polyglot_pdf_zip,
    "html_with_script": html_with_script,
    "text_with_bidi_controls": text_with_bidi_controls,
}
