"""Helpers shared by the extraction tests: built hostile files, small zips, limits."""

from __future__ import annotations

import functools
import io
import zipfile
from typing import TYPE_CHECKING

import pytest

from library.extraction import (
    Extracted,
    ExtractionError,
    extract_file_limited,
)
from library.samples import pdf_bytes
from tests.library import hostile

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# Small limits for hostile files: plenty for a real document (it needs ~50 MiB and well under a
# second), small enough that a bomb is stopped quickly.
HOSTILE_LIMITS = {"cpu_seconds": 10, "memory_bytes": 512 * 2**20, "wall_seconds": 30}

ARABIC_TITLE = "بسم الله الرحمن الرحيم — خطة العمل المحلية"


@functools.cache
def built(builder: str) -> bytes:
    """Each hostile file is built once per run (the bomb takes about a second)."""
    return hostile.ALL_BUILDERS[builder]()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zip_of(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


def docx_with_part_replaced(source: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as rebuilt,
    ):
        for info in original.infolist():
            data = original.read(info)
            rebuilt.writestr(info, edit(data) if info.filename == name else data)
    return output.getvalue()


def error_code(call: Callable[[], object]) -> str:
    with pytest.raises(ExtractionError) as caught:
        call()
    return caught.value.code


def make_normal_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("normal") / "normal.pdf"
    path.write_bytes(pdf_bytes(["Municipal prevention network, page one.", "Page two."]))
    return path


def assert_normal_pdf_extracts(path: Path) -> None:
    result = extract_file_limited(path, **HOSTILE_LIMITS)
    assert result == Extracted(
        kind="pdf",
        pages=["Municipal prevention network, page one.", "Page two."],
        page_count=2,
    )
