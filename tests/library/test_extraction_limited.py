"""library.extraction.limited: hostile files and the limits of the child process.

Hostile files go through extract_file_limited only, so a regression that makes one of them blow
up takes down a child process, not the test run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zlib
from typing import TYPE_CHECKING

import pytest

from library.extraction import (
    Extracted,
    ExtractionError,
    extract_file,
    extract_file_limited,
    limited,
)
from library.samples import encrypted_pdf_bytes, image_only_pdf_bytes
from tests.library import hostile

if TYPE_CHECKING:
    from pathlib import Path
from tests.library.extraction_helpers import (
    HOSTILE_LIMITS,
    assert_normal_pdf_extracts,
    built,
    error_code,
    make_normal_pdf,
    write,
)


@pytest.fixture(scope="module")
def normal_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_normal_pdf(tmp_path_factory)


# --------------------------------------------------------------------------------------------
# Hostile files through the limited child
# --------------------------------------------------------------------------------------------

# Each hostile file and the codes it may end in. Single codes are deterministic. The bomb has two
# because which limit fires first depends on the machine: PDFium aborts (SIGABRT) when an
# allocation fails under RLIMIT_AS, which is what happens here in well under a second; a very slow
# machine could reach the wall clock first. Success for it would be a bug.
HOSTILE_ERRORS: dict[str, set[str]] = {
    "pdf_nested_flate_bomb": {"resources", "timeout"},
    # fpdf2 writes fonts, the catalog and the xref table after the pages; the first 60% lack the
    # catalog, so PDFium cannot rebuild the document. We do not try to salvage partial text from
    # a broken upload: "malformed" asks the uploader for an intact file.
    "truncated_pdf": {"malformed"},
    "garbage_pdf": {"malformed"},
    "docx_huge_entry": {"zip_bomb"},
    "docx_many_entries": {"zip_bomb"},
    "docx_path_traversal": {"unsafe_archive"},
    "docx_xxe": {"xml_entities"},
    "spoofed_exe_as_pdf": {"unsupported_type"},
}


def test_every_hostile_builder_has_an_expected_outcome() -> None:
    assert set(hostile.ALL_BUILDERS) == set(HOSTILE_ERRORS) | {
        "polyglot_pdf_zip",
        "html_with_script",
        "text_with_bidi_controls",
    }


@pytest.mark.parametrize("builder", sorted(HOSTILE_ERRORS))
def test_extract_file_limited_refuses_hostile_file_and_keeps_working(
    tmp_path: Path, normal_pdf: Path, builder: str
) -> None:
    # Uploaded under a name that claims PDF: the name must play no part.
    path = write(tmp_path, "plan.pdf", built(builder))
    code = error_code(lambda: extract_file_limited(path, **HOSTILE_LIMITS))
    assert code in HOSTILE_ERRORS[builder]
    assert_normal_pdf_extracts(normal_pdf)


def test_extract_file_limited_reads_polyglot_as_its_pdf_only(
    tmp_path: Path, normal_pdf: Path
) -> None:
    # A PDF with trailing data is still a PDF to every reader; the appended zip is never opened,
    # and downloads are served as attachments with nosniff, so accepting it is safe.
    path = write(tmp_path, "plan.pdf", hostile.polyglot_pdf_zip())
    assert extract_file_limited(path, **HOSTILE_LIMITS) == Extracted(
        kind="pdf", pages=["Polyglot visible text about youth outreach."], page_count=1
    )
    assert_normal_pdf_extracts(normal_pdf)


def test_extract_file_limited_drops_script_from_html(tmp_path: Path, normal_pdf: Path) -> None:
    path = write(tmp_path, "page.pdf", hostile.html_with_script())
    result = extract_file_limited(path, **HOSTILE_LIMITS)
    text = "\n".join(result.pages)
    assert result.kind == "html"
    assert "Community resilience plan" in text
    assert "alert" not in text
    assert "script text" not in text
    assert "color" not in text
    assert_normal_pdf_extracts(normal_pdf)


def test_extract_file_limited_strips_bidi_controls(tmp_path: Path, normal_pdf: Path) -> None:
    path = write(tmp_path, "notes.txt", hostile.text_with_bidi_controls())
    result = extract_file_limited(path, **HOSTILE_LIMITS)
    assert result.pages == [
        "Violence prevention strategy.\nIsolated prevention and marked prevention."
    ]
    assert_normal_pdf_extracts(normal_pdf)


def test_pdf_nested_flate_bomb_is_small_and_inflates_to_a_gib(tmp_path: Path) -> None:
    # Guards the builder: a bomb that does not inflate would make the tests above meaningless.
    data = built("pdf_nested_flate_bomb")
    assert data.startswith(b"%PDF-")
    assert len(data) < 2**20
    assert b"/Filter [/FlateDecode /FlateDecode /FlateDecode]" in data
    stream = data[data.index(b"stream\n") + 7 : data.rindex(b"\nendstream")]
    inner = zlib.decompress(zlib.decompress(stream))
    # The last layer is counted in bounded slices, never held whole.
    inflater = zlib.decompressobj()
    first = inflater.decompress(inner, 64)
    total = len(first)
    pending = inflater.unconsumed_tail
    while pending:
        total += len(inflater.decompress(pending, 16 * 2**20))
        pending = inflater.unconsumed_tail
    assert first.startswith(b"BT /F1 12 Tf")
    assert total >= hostile.GIB
    small = hostile.pdf_nested_flate_bomb(total=2**20)
    path = write(tmp_path, "small-bomb.pdf", small)
    # The same construction at 1 MiB is a working PDF whose page is full of the operator's text.
    assert extract_file(path).pages[0].startswith("bomb")


# --------------------------------------------------------------------------------------------
# extract_file_limited: limits and the child protocol
# --------------------------------------------------------------------------------------------


def test_extract_file_limited_returns_what_extract_file_returns(normal_pdf: Path) -> None:
    assert extract_file_limited(normal_pdf) == extract_file(normal_pdf)


def test_extract_file_limited_passes_the_page_cap(normal_pdf: Path) -> None:
    code = error_code(lambda: extract_file_limited(normal_pdf, max_pages=1))
    assert code == "too_many_pages"


def test_extract_file_limited_refuses_encrypted_and_image_only_pdf(tmp_path: Path) -> None:
    encrypted = write(tmp_path, "secret.pdf", encrypted_pdf_bytes())
    scanned = write(tmp_path, "scan.pdf", image_only_pdf_bytes())
    assert error_code(lambda: extract_file_limited(encrypted, **HOSTILE_LIMITS)) == "encrypted"
    assert error_code(lambda: extract_file_limited(scanned, **HOSTILE_LIMITS)) == "no_text"


def test_extract_file_limited_times_out_on_a_blocking_file(tmp_path: Path) -> None:
    # Opening a FIFO without a writer blocks forever: a child that never answers.
    fifo = tmp_path / "upload.pdf"
    os.mkfifo(fifo)
    assert error_code(lambda: extract_file_limited(fifo, wall_seconds=1)) == "timeout"


def test_extract_file_limited_reports_memory_exhaustion_as_resources(tmp_path: Path) -> None:
    # 48 MiB of text needs 48 MiB to read plus as much again to decode: more than 96 MiB of
    # address space together with the interpreter, so the child hits MemoryError.
    path = write(tmp_path, "big.txt", b"word " * (48 * 2**20 // 5))
    limited = {"memory_bytes": 96 * 2**20, "max_pages": 100_000}
    assert error_code(lambda: extract_file_limited(path, **limited)) == "resources"


def test_extract_file_limited_stops_a_cpu_bound_child_as_resources(tmp_path: Path) -> None:
    # With room for the GiB, PDFium spends its time inflating and parsing instead of aborting,
    # so it is the CPU limit (SIGXCPU at the soft limit, SIGKILL at the hard one) that ends it.
    path = write(tmp_path, "bomb.pdf", built("pdf_nested_flate_bomb"))
    with pytest.raises(ExtractionError) as caught:
        extract_file_limited(path, cpu_seconds=1, memory_bytes=4 * 2**30, wall_seconds=30)
    assert caught.value.code == "resources"
    assert "SIGKILL" in caught.value.detail or "SIGXCPU" in caught.value.detail


def test_extraction_server_is_started_again_after_it_died(normal_pdf: Path) -> None:
    extract_file_limited(normal_pdf)
    server = limited._server.process
    assert server is not None
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    # The first job after the death may find the pipe closed; it reports, never hangs or crashes.
    try:
        first = extract_file_limited(normal_pdf)
    except ExtractionError as exc:
        assert exc.code == "resources"
        first = extract_file_limited(normal_pdf)
    assert first.page_count >= 1
    assert limited._server.process.pid != server.pid


def test_child_main_prints_one_json_object_for_success(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "notes.txt", "Résumé\n".encode())
    assert limited.main([str(path), "--max-pages", "5"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload == {"ok": True, "kind": "txt", "pages": ["Résumé"], "page_count": 1}


def test_child_main_reports_memory_error_as_resources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(path: Path, *, max_pages: int) -> Extracted:
        raise MemoryError

    monkeypatch.setattr(limited, "extract_file", exhausted)
    assert limited.main([str(tmp_path / "any.pdf")]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    assert payload["code"] == "resources"


def test_child_main_reports_extraction_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "exe.pdf", hostile.spoofed_exe_as_pdf())
    assert limited.main([str(path)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["ok"], payload["code"]) == (False, "unsupported_type")


def test_child_environment_leaves_out_the_parent_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://user:secret@db/hub")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "secret")
    environment = limited._child_env()
    assert "DATABASE_URL" not in environment
    assert "DJANGO_SECRET_KEY" not in environment
    assert "secret" not in json.dumps(environment)


def test_importing_the_extraction_package_loads_no_django_module() -> None:
    # The limited child imports this package to parse untrusted files; it must stay free of the
    # web application (settings, database connections, secrets).
    code = (
        "import sys, library.extraction, library.extraction.limited; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'hub', 'celery'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=limited._PROJECT_ROOT,
        env=limited._child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
