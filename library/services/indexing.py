"""Extraction and indexing: the worker's job, and the sweeper that keeps it moving."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, router, transaction
from django.utils import timezone

from hub.queueing import enqueue
from hub.search.sql import CHUNK_VECTOR
from hub.search.words import words_add
from library import extraction
from library.models import Document, DocumentChunk
from library.search import body_chunks

logger = logging.getLogger(__name__)


def document_extract(*, document_id: int, task_id: str | None = None) -> str | None:
    """Extract, normalise and index one document's text, and draw the first page of a PDF as
    its preview (stored beside the file; a page that cannot be drawn just gives none); the
    worker's whole job.

    Idempotent: returns quietly if the document is gone, already indexed or failed, or being
    processed by another worker that is not stale. `task_id` is the id of the Celery message
    being run: a document already processing under that same id was left by a run that died
    with its worker (the message was redelivered at once, `task_reject_on_worker_lost`), so it
    is taken over without waiting to become stale. A document whose processing started
    `HUB_EXTRACTION_MAX_ATTEMPTS` times without finishing (it killed its workers) ends failed.
    Returns the final extraction state, or None when there was nothing to do.
    """
    stale_before = timezone.now() - timedelta(seconds=settings.HUB_EXTRACTION_STALE_SECONDS)
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.extraction_state in (
            Document.Extraction.INDEXED,
            Document.Extraction.FAILED,
        ):
            return None
        if (
            document.extraction_state == Document.Extraction.PROCESSING
            and document.extraction_started_at
            and document.extraction_started_at > stale_before
            and not (task_id and document.extraction_task_id == task_id)
        ):
            return None
        if document.extraction_attempts >= settings.HUB_EXTRACTION_MAX_ATTEMPTS:
            _mark_failed(document, "worker_crashed")
            return Document.Extraction.FAILED
        document.extraction_state = Document.Extraction.PROCESSING
        document.extraction_attempts += 1
        document.extraction_started_at = timezone.now()
        document.extraction_task_id = task_id or ""
        document.save(
            update_fields=[
                "extraction_state",
                "extraction_attempts",
                "extraction_started_at",
                "extraction_task_id",
            ]
        )

    # Outside any transaction: this is the slow part, in a child process with hard limits.
    try:
        if not document.file or not document.file.storage.exists(document.file.name):
            raise extraction.ExtractionError("file_missing", "no stored file")
        extracted = extraction.extract_file_limited(
            document.file.path,
            cpu_seconds=settings.HUB_EXTRACTION_CPU_SECONDS,
            memory_bytes=settings.HUB_EXTRACTION_MEMORY_MB * 2**20,
            wall_seconds=settings.HUB_EXTRACTION_WALL_SECONDS,
        )
    except extraction.ExtractionError as exc:
        logger.info("Extraction of document %s failed: %s", document_id, exc.code)
        with transaction.atomic():
            locked = Document.objects.select_for_update().filter(pk=document_id).first()
            if locked is not None and locked.extraction_state == Document.Extraction.PROCESSING:
                _mark_failed(locked, exc.code)
                _preview_clear(locked)
        return Document.Extraction.FAILED

    # Also outside any transaction, in a limited child of its own: a first page that cannot be
    # drawn leaves the document without a preview, never without its text.
    preview = _preview_store(document) if extracted.kind == "pdf" else None

    with transaction.atomic():
        locked = Document.objects.select_for_update().filter(pk=document_id).first()
        if locked is None or locked.extraction_state != Document.Extraction.PROCESSING:
            if preview is not None:
                _preview_discard(document, preview[0])
            return None
        document_index(document=locked, pages=extracted.pages)
        locked.page_count = extracted.page_count
        locked.extraction_state = Document.Extraction.INDEXED
        locked.extraction_error = ""
        locked.indexed_at = timezone.now()
        # The preview is always that of the file just extracted (which a resubmission may have
        # replaced), or none.
        replaced = locked.preview.name
        locked.preview.name, locked.preview_width, locked.preview_height = preview or (
            "",
            None,
            None,
        )
        if replaced and replaced != locked.preview.name:
            transaction.on_commit(lambda: _preview_discard(locked, replaced))
        locked.save(
            update_fields=[
                "page_count",
                "extraction_state",
                "extraction_error",
                "indexed_at",
                "preview",
                "preview_width",
                "preview_height",
            ]
        )
    return Document.Extraction.INDEXED


def _preview_store(document: Document) -> tuple[str, int, int] | None:
    """Render the first page of the document's PDF and store it beside the file.

    Returns (stored name, width, height), or None when there is no preview to show: the page
    could not be drawn within its limits, or the image could not be stored.
    """
    rendered = extraction.render_preview_limited(
        document.file.path,
        cpu_seconds=settings.HUB_PREVIEW_CPU_SECONDS,
        memory_bytes=settings.HUB_EXTRACTION_MEMORY_MB * 2**20,
        wall_seconds=settings.HUB_PREVIEW_WALL_SECONDS,
    )
    if rendered is None:
        logger.info("No preview for document %s: its first page could not be drawn", document.pk)
        return None
    try:
        name = document.file.storage.save(
            document.preview_storage_name(secrets.token_hex(4)), ContentFile(rendered.data)
        )
    except OSError:
        logger.warning("The preview of document %s could not be stored", document.pk, exc_info=True)
        return None
    return name, rendered.width, rendered.height


def _preview_clear(document: Document) -> None:
    """No preview for a file that could not be extracted (it may not be the one drawn before)."""
    replaced = document.preview.name
    if not replaced:
        return
    document.preview.name, document.preview_width, document.preview_height = "", None, None
    document.save(update_fields=["preview", "preview_width", "preview_height"])
    transaction.on_commit(lambda: _preview_discard(document, replaced))


def _preview_discard(document: Document, name: str) -> None:
    try:
        document.file.storage.delete(name)
    except OSError:
        logger.warning("Could not delete the preview %s", name, exc_info=True)


def _mark_failed(document: Document, code: str) -> None:
    document.extraction_state = Document.Extraction.FAILED
    document.extraction_error = code
    document.save(update_fields=["extraction_state", "extraction_error"])


@transaction.atomic
def document_index(*, document: Document, pages: list[str]) -> int:
    """(Re)build the body chunks of a document from its extracted pages.

    Its metadata chunks (titles, summaries, publisher) are the database's: derived from the
    document's columns by a trigger (migration 0005), whatever changes them. Vectors are
    computed once here, in SQL, with each chunk's configuration; the search row follows from
    the chunks' triggers. Returns the number of chunks written.
    """
    specs = body_chunks(document, pages)
    DocumentChunk.objects.filter(document=document, kind=DocumentChunk.Kind.BODY).delete()
    DocumentChunk.objects.bulk_create(
        [
            DocumentChunk(
                document=document,
                kind=s.kind,
                config=s.config,
                position=s.position,
                page=s.page,
                text=s.text,
            )
            for s in specs
        ],
        batch_size=500,
    )
    with connections[router.db_for_write(DocumentChunk)].cursor() as cursor:
        cursor.execute(
            f"UPDATE library_documentchunk SET vector = {CHUNK_VECTOR} "  # noqa: S608
            "WHERE document_id = %s AND vector IS NULL",
            [document.pk],
        )
    words_add(table=DocumentChunk._meta.db_table, key="document_id", ids=[document.pk])
    return len(specs)


def document_sweep() -> int:
    """Re-enqueue documents stuck waiting or in processing too long (beat, every few minutes).

    Returns how many were re-enqueued. The extraction service decides whether each is really
    stale, so enqueuing one too many is harmless.
    """
    from library.tasks import document_extract_task

    now = timezone.now()
    waiting = Document.objects.filter(
        extraction_state=Document.Extraction.PENDING,
        updated_at__lt=now - timedelta(seconds=settings.HUB_EXTRACTION_PENDING_GRACE_SECONDS),
    )
    stuck = Document.objects.filter(
        extraction_state=Document.Extraction.PROCESSING,
        extraction_started_at__lt=now - timedelta(seconds=settings.HUB_EXTRACTION_STALE_SECONDS),
    )
    ids = list(waiting.values_list("pk", flat=True)[:1000]) + list(
        stuck.values_list("pk", flat=True)[:1000]
    )
    for pk in ids:
        if not enqueue(document_extract_task, pk, when_broker_down="sweeper"):
            break  # the broker is away: the next sweep tries again
    return len(ids)
