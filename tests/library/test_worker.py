"""Extraction through a real Celery worker on Redis: hostile files, a worker killed mid-batch."""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from django.core.files.base import ContentFile

from library import samples
from library.models import Document
from library.services import document_extract, document_sweep
from library.tasks import document_extract_task
from tests.kit.worker import running
from tests.library import hostile
from tests.library.worker import ExtractionWorker

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@contextmanager
def running_worker(settings, tmp_path, **worker_settings: str) -> Iterator[ExtractionWorker]:
    """A worker on an empty extraction queue; tasks sent from the test go to it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with running(
        ExtractionWorker(settings.MEDIA_ROOT, tmp_path / "worker.log", **worker_settings)
    ) as w:
        yield w


@pytest.fixture
def worker(settings, tmp_path):
    with running_worker(settings, tmp_path) as w:
        yield w


def _document(content: bytes, name: str, kind: str) -> Document:
    return Document.objects.create(
        title_en=f"File {name}",
        language="en",
        kind=Document.Kind.REPORT,
        status=Document.Status.PUBLISHED,
        original_filename=name,
        file_kind=kind,
        file_size=len(content),
        sha256=hashlib.sha256(content + name.encode()).hexdigest(),
        file=ContentFile(content, name="upload"),
    )


def _wait_final(ids: list[int], seconds: float) -> dict[int, Document]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        docs = {d.pk: d for d in Document.objects.filter(pk__in=ids)}
        if all(d.extraction_state in ("indexed", "failed") for d in docs.values()):
            return docs
        time.sleep(0.25)
    return {d.pk: d for d in Document.objects.filter(pk__in=ids)}


# name -> (builder, stored kind, acceptable final (state, code) outcomes)
HOSTILE = {
    "bomb.pdf": (
        hostile.pdf_nested_flate_bomb,
        "pdf",
        {("failed", "resources"), ("failed", "timeout")},
    ),
    "truncated.pdf": (hostile.truncated_pdf, "pdf", {("failed", "malformed")}),
    "garbage.pdf": (hostile.garbage_pdf, "pdf", {("failed", "malformed")}),
    "locked.pdf": (samples.encrypted_pdf_bytes, "pdf", {("failed", "encrypted")}),
    "scan.pdf": (samples.image_only_pdf_bytes, "pdf", {("failed", "no_text")}),
    "huge.docx": (hostile.docx_huge_entry, "docx", {("failed", "zip_bomb")}),
    "many.docx": (hostile.docx_many_entries, "docx", {("failed", "zip_bomb")}),
    "escape.docx": (hostile.docx_path_traversal, "docx", {("failed", "unsafe_archive")}),
    "xxe.docx": (hostile.docx_xxe, "docx", {("failed", "xml_entities")}),
    "spoofed.pdf": (hostile.spoofed_exe_as_pdf, "pdf", {("failed", "unsupported_type")}),
    "polyglot.pdf": (hostile.polyglot_pdf_zip, "pdf", {("indexed", "")}),
    "script.html": (hostile.html_with_script, "html", {("indexed", "")}),
    "bidi.txt": (hostile.text_with_bidi_controls, "txt", {("indexed", "")}),
}


def test_hostile_files_end_in_a_clear_state_and_the_worker_survives(worker):
    ids = {}
    for name, (build, kind, _outcomes) in HOSTILE.items():
        document = _document(build(), name, kind)
        ids[document.pk] = name
        document_extract_task.delay(document.pk)
    normal = _document(
        samples.pdf_bytes(["After the storm, the ordinary report."]), "normal.pdf", "pdf"
    )
    document_extract_task.delay(normal.pk)

    docs = _wait_final([*ids, normal.pk], seconds=240)
    outcomes = {
        ids[pk]: (d.extraction_state, d.extraction_error) for pk, d in docs.items() if pk in ids
    }
    for name, (_build, _kind, expected) in HOSTILE.items():
        assert outcomes[name] in expected, (name, outcomes[name], worker.log.read_text()[-2000:])
    assert docs[normal.pk].extraction_state == "indexed"
    assert worker.alive()
    script = Document.objects.get(original_filename="script.html")
    assert not script.chunks.filter(text__contains="alert(").exists()
    bidi = Document.objects.get(original_filename="bidi.txt")
    assert not bidi.chunks.filter(text__regex="[\u202a-\u202e\u2066-\u2069]").exists()


def test_killing_the_worker_mid_batch_loses_no_document(worker, settings):
    pages = [f"Page {n}: community resilience and referral pathways. " * 30 for n in range(150)]
    content = samples.pdf_bytes(pages)  # one file, stored under eight names
    ids = []
    for n in range(8):
        document = _document(content, f"batch-{n}.pdf", "pdf")
        ids.append(document.pk)
        document_extract_task.delay(document.pk)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Document.objects.filter(pk__in=ids).exclude(extraction_state="pending").exists():
            break
        time.sleep(0.01)
    else:
        pytest.fail("the worker never started")
    worker.kill()
    assert Document.objects.filter(pk__in=ids).exclude(extraction_state="indexed").exists()

    # A new worker, and the beat's sweeper re-enqueues what was stuck or waiting.
    worker.start()
    settings.HUB_EXTRACTION_STALE_SECONDS = 3
    settings.HUB_EXTRACTION_PENDING_GRACE_SECONDS = 0
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if not Document.objects.filter(pk__in=ids).exclude(extraction_state="indexed").exists():
            break
        time.sleep(4)
        document_sweep()
    states = dict(Document.objects.filter(pk__in=ids).values_list("pk", "extraction_state"))
    assert set(states.values()) == {"indexed"}, states


def test_a_killed_pool_child_redelivers_its_document_at_once(settings, tmp_path):
    """SIGKILL of the pool child mid-extraction: the document is indexed within a minute, with
    the production stale threshold (no sweeper involved)."""
    with running_worker(settings, tmp_path, HUB_EXTRACTION_STALE_SECONDS="420") as worker:
        pages = [f"Page {n}: mentoring and community resilience. " * 30 for n in range(150)]
        content = samples.pdf_bytes(pages)
        ids = []
        for n in range(3):
            document = _document(content, f"child-{n}.pdf", "pdf")
            ids.append(document.pk)
            document_extract_task.delay(document.pk)
        deadline = time.monotonic() + 60
        while not Document.objects.filter(pk__in=ids, extraction_state="processing").exists():
            if time.monotonic() > deadline:
                pytest.fail("the worker never started: " + worker.log.read_text()[-2000:])
            time.sleep(0.01)
        (in_flight,) = Document.objects.filter(pk__in=ids, extraction_state="processing")
        assert worker.kill_pool_children()
        killed_at = time.monotonic()

        docs = _wait_final(ids, seconds=60)
        assert time.monotonic() - killed_at < 60
        states = {pk: (d.extraction_state, d.extraction_attempts) for pk, d in docs.items()}
        assert {state for state, _ in states.values()} == {"indexed"}, (
            states,
            worker.log.read_text()[-3000:],
        )
        assert states[in_flight.pk][1] == 2  # started twice: the lost run and the redelivery
        assert worker.alive()


def test_a_document_that_keeps_killing_workers_ends_failed(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = _document(samples.pdf_bytes(["Fine text."]), "poison.pdf", "pdf")
    Document.objects.filter(pk=document.pk).update(
        extraction_attempts=settings.HUB_EXTRACTION_MAX_ATTEMPTS
    )
    assert document_extract(document_id=document.pk) == "failed"
    document.refresh_from_db()
    assert (document.extraction_state, document.extraction_error) == ("failed", "worker_crashed")
    assert document_extract(document_id=document.pk) is None  # idempotent from here on


def test_extracting_a_deleted_document_is_a_quiet_no_op(db):
    assert document_extract(document_id=987654321) is None
