"""Everything in the library that writes: contributions, review, extraction and indexing."""

from __future__ import annotations

import hashlib
import logging
import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hub.errors import HubError, NotAllowed
from hub.permissions import is_staff_curator
from hub.services import email_send
from library import extraction
from library.models import Document, DocumentChunk, DocumentDownload
from library.search import document_chunks

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from hub.models import User

logger = logging.getLogger(__name__)

HEAD_BYTES = 8192


class DuplicateDocument(HubError):
    code = "duplicate_file"
    message = _("This file is already in the library.")

    def __init__(self, existing: Document) -> None:
        super().__init__()
        self.existing = existing


def clean_filename(name: str) -> str:
    """The contributor's file name as safe data: no path, no control characters, bounded."""
    name = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"\r\n')
    return name.strip(" .")[:255] or "document"


def _inspect_upload(uploaded_file: UploadedFile) -> tuple[str, str]:
    """Sniff the type from the bytes and hash the file. Returns (kind, sha256).

    Raises ValidationError with the codes `too_large`, `empty_file`, `unsupported_type`,
    `zip_bomb`, `unsafe_archive`, `malformed`.
    """
    if uploaded_file.size and uploaded_file.size > settings.HUB_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.")
            % {"limit": settings.HUB_UPLOAD_MAX_BYTES // 2**20},
            code="too_large",
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    try:
        kind = extraction.sniff(head)
    except extraction.ExtractionError as exc:
        raise ValidationError(Document.FAILURE_MESSAGES[exc.code], code=exc.code) from exc
    digest = hashlib.sha256(head)
    size = len(head)
    for chunk in iter(lambda: uploaded_file.read(1 << 20), b""):
        digest.update(chunk)
        size += len(chunk)
        if size > settings.HUB_UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(limit)d MB.")
                % {"limit": settings.HUB_UPLOAD_MAX_BYTES // 2**20},
                code="too_large",
            )
    if kind == "docx":
        try:
            if hasattr(uploaded_file, "temporary_file_path"):
                extraction.check_zip(Path(uploaded_file.temporary_file_path()))
            elif getattr(uploaded_file, "name", None) and Path(uploaded_file.name).is_file():
                extraction.check_zip(Path(uploaded_file.name))
            else:
                # Small uploads stay in memory: give check_zip a real file to read.
                with tempfile.NamedTemporaryFile(suffix=".zip") as tmp:
                    uploaded_file.seek(0)
                    for chunk in iter(lambda: uploaded_file.read(1 << 20), b""):
                        tmp.write(chunk)
                    tmp.flush()
                    extraction.check_zip(Path(tmp.name))
        except extraction.ExtractionError as exc:
            raise ValidationError(Document.FAILURE_MESSAGES[exc.code], code=exc.code) from exc
    uploaded_file.seek(0)
    return kind, digest.hexdigest()


@transaction.atomic
def document_contribute(
    *,
    by: User,
    uploaded_file: UploadedFile,
    data: dict[str, Any],
    publish: bool = False,
) -> Document:
    """A member (or staff) adds a document; it waits for review unless staff publish it.

    `data` holds the metadata fields: title_en/fr/ar, summary_en/fr/ar, language, kind, year,
    publisher, visibility, and the lists themes, cities, regions, shared_with.
    Side effects: the file is stored under a generated name; extraction is enqueued after
    commit. Raises: ValidationError (bad file or metadata), DuplicateDocument, NotAllowed.
    """
    if not by.is_authenticated or not by.is_active or not (by.city_id or is_staff_curator(by)):
        raise NotAllowed()
    if publish and not is_staff_curator(by):
        raise NotAllowed()
    return _document_create(
        uploaded_file=uploaded_file,
        data=data,
        contributed_by=by,
        published_by=by if publish else None,
        publish=publish,
    )


@transaction.atomic
def document_import(*, uploaded_file: Any, data: dict[str, Any]) -> Document:
    """Staff's bulk import of the existing library: published at once, queued for extraction.

    Raises like document_contribute; DuplicateDocument when the same file (sha256) is present.
    """
    return _document_create(
        uploaded_file=uploaded_file, data=data, contributed_by=None, published_by=None, publish=True
    )


def _document_create(
    *,
    uploaded_file: Any,
    data: dict[str, Any],
    contributed_by: User | None,
    published_by: User | None,
    publish: bool,
) -> Document:
    if not any(data.get(f"title_{code}") for code, _name in settings.LANGUAGES):
        raise ValidationError(
            {
                "title_en": ValidationError(
                    _("Give a title in at least one language."), code="title_required"
                )
            }
        )
    kind, sha256 = _inspect_upload(uploaded_file)
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        raise DuplicateDocument(existing)

    now = timezone.now()
    document = Document(
        language=data["language"],
        kind=data["kind"],
        year=data.get("year"),
        publisher=data.get("publisher", "").strip(),
        visibility=data.get("visibility") or Document.Visibility.MEMBERS,
        contributing_city_id=getattr(contributed_by, "city_id", None),
        contributed_by=contributed_by,
        original_filename=clean_filename(uploaded_file.name or ""),
        file_kind=kind,
        file_size=uploaded_file.size or 0,
        sha256=sha256,
        status=Document.Status.PUBLISHED if publish else Document.Status.SUBMITTED,
    )
    for code, _name in settings.LANGUAGES:
        setattr(document, f"title_{code}", (data.get(f"title_{code}") or "").strip() or None)
        setattr(document, f"summary_{code}", (data.get(f"summary_{code}") or "").strip() or None)
    if publish:
        document.published_at = now
        document.reviewed_at = now
        document.reviewed_by = published_by
    uploaded_file.seek(0)
    document.file.save("upload", uploaded_file, save=False)
    document.full_clean(exclude=["file"])
    document.save()
    for name in ("themes", "cities", "regions", "shared_with"):
        getattr(document, name).set(data.get(name) or [])
    _enqueue_extraction(document)
    return document


def _enqueue_extraction(document: Document) -> None:
    from library.tasks import document_extract_task

    document_extract_task.delay_on_commit(document.pk)


def _notify_contributor(document: Document, template: str, **context: Any) -> None:
    user = document.contributed_by
    if user is None or not user.is_active:
        return
    with translation.override(user.language):
        url = settings.HUB_SITE_URL + reverse("library:document-detail", kwargs={"pk": document.pk})
        title = str(document.title)
    email_send(
        to=user.email,
        template=template,
        context={"name": user.name, "title": title, "url": url, **context},
        language=user.language,
    )


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


@transaction.atomic
def document_publish(*, document: Document, by: User) -> Document:
    """Staff publish a document; the contributor is told by email. Raises: NotAllowed."""
    if not is_staff_curator(by):
        raise NotAllowed()
    locked = _locked(document)
    if locked.status == Document.Status.PUBLISHED:
        return locked
    now = timezone.now()
    locked.status = Document.Status.PUBLISHED
    locked.published_at = locked.published_at or now
    locked.reviewed_at, locked.reviewed_by = now, by
    locked.rejection_reason = ""
    locked.save(
        update_fields=["status", "published_at", "reviewed_at", "reviewed_by", "rejection_reason"]
    )
    _notify_contributor(locked, "library/document_published")
    return locked


@transaction.atomic
def document_reject(*, document: Document, by: User, reason: str) -> Document:
    """Staff reject a contribution with a reason the contributor receives.

    Raises: NotAllowed, ValidationError (`reason_required`).
    """
    if not is_staff_curator(by):
        raise NotAllowed()
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Please give a reason for the rejection."), code="reason_required")
    locked = _locked(document)
    locked.status = Document.Status.REJECTED
    locked.rejection_reason = reason[:2000]
    locked.reviewed_at, locked.reviewed_by = timezone.now(), by
    locked.save(update_fields=["status", "rejection_reason", "reviewed_at", "reviewed_by"])
    _notify_contributor(locked, "library/document_rejected", reason=locked.rejection_reason)
    return locked


@transaction.atomic
def document_archive(*, document: Document, by: User) -> Document:
    """Take a document out of the library without deleting it. Raises: NotAllowed."""
    if not is_staff_curator(by):
        raise NotAllowed()
    locked = _locked(document)
    locked.status = Document.Status.ARCHIVED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def document_reextract(*, document: Document, by: User | None) -> Document:
    """Start extraction again from scratch (staff action, or the import of a known file)."""
    if by is not None and not is_staff_curator(by):
        raise NotAllowed()
    locked = _locked(document)
    locked.extraction_state = Document.Extraction.PENDING
    locked.extraction_error = ""
    locked.extraction_attempts = 0
    locked.extraction_started_at = None
    locked.save(
        update_fields=[
            "extraction_state",
            "extraction_error",
            "extraction_attempts",
            "extraction_started_at",
            "updated_at",
        ]
    )
    _enqueue_extraction(locked)
    return locked


def document_extract(*, document_id: int) -> str | None:
    """Extract, normalise and index one document's text; the worker's whole job.

    Idempotent: returns quietly if the document is gone, already indexed or failed, or being
    processed by another worker that is not stale. A document whose processing started
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
        ):
            return None
        if document.extraction_attempts >= settings.HUB_EXTRACTION_MAX_ATTEMPTS:
            _mark_failed(document, "worker_crashed")
            return Document.Extraction.FAILED
        document.extraction_state = Document.Extraction.PROCESSING
        document.extraction_attempts += 1
        document.extraction_started_at = timezone.now()
        document.save(
            update_fields=["extraction_state", "extraction_attempts", "extraction_started_at"]
        )

    # Outside any transaction: this is the slow part, in a child process with hard limits.
    try:
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
        return Document.Extraction.FAILED
    except FileNotFoundError:
        with transaction.atomic():
            locked = Document.objects.select_for_update().filter(pk=document_id).first()
            if locked is not None:
                _mark_failed(locked, "malformed")
        return Document.Extraction.FAILED

    with transaction.atomic():
        locked = Document.objects.select_for_update().filter(pk=document_id).first()
        if locked is None or locked.extraction_state != Document.Extraction.PROCESSING:
            return None
        document_index(document=locked, pages=extracted.pages)
        locked.page_count = extracted.page_count
        locked.extraction_state = Document.Extraction.INDEXED
        locked.extraction_error = ""
        locked.indexed_at = timezone.now()
        locked.save(
            update_fields=["page_count", "extraction_state", "extraction_error", "indexed_at"]
        )
    return Document.Extraction.INDEXED


def _mark_failed(document: Document, code: str) -> None:
    document.extraction_state = Document.Extraction.FAILED
    document.extraction_error = code
    document.save(update_fields=["extraction_state", "extraction_error"])


@transaction.atomic
def document_index(*, document: Document, pages: list[str] | None = None) -> int:
    """(Re)build the search chunks of a document; with `pages=None` only its metadata.

    Vectors are computed once here, in SQL, with each chunk's configuration.
    Returns the number of chunks written.
    """
    specs = document_chunks(document, pages or [])
    kinds = (
        [DocumentChunk.Kind.META]
        if pages is None
        else [DocumentChunk.Kind.META, DocumentChunk.Kind.BODY]
    )
    if pages is None:
        specs = [s for s in specs if s.kind == DocumentChunk.Kind.META]
    DocumentChunk.objects.filter(document=document, kind__in=kinds).delete()
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
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE library_documentchunk SET vector = to_tsvector(config::regconfig, text) "
            "WHERE document_id = %s AND vector IS NULL",
            [document.pk],
        )
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
        document_extract_task.delay(pk)
    return len(ids)


def download_record(*, document: Document, user: User) -> DocumentDownload:
    """Remember one download (document, member, city, time) for staff statistics."""
    return DocumentDownload.objects.create(document=document, user=user, city_id=user.city_id)
