"""Contributions and the bulk import: a file is vetted, stored and queued for extraction."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.errors import HubError, NotAllowed
from hub.queueing import enqueue_on_commit
from library import extraction
from library.filenames import KIND_EXTENSIONS, clean_filename, named_for_kind
from library.models import Document
from library.permissions import can_contribute, can_review

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from hub.models import User

HEAD_BYTES = 8192


class DuplicateDocument(HubError):
    code = "duplicate_file"
    message = _("This file is already in the library.")

    def __init__(self, existing: Document) -> None:
        super().__init__()
        self.existing = existing


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
        # The uploaded bytes themselves: a name chosen by the client never opens a server file.
        uploaded_file.seek(0)
        try:
            extraction.check_zip(uploaded_file)
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
    if not can_contribute(by) or (publish and not can_review(by)):
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
    require_a_title([data.get(f"title_{code}") for code, _name in settings.LANGUAGES])
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
        original_filename=named_for_kind(clean_filename(uploaded_file.name or ""), kind),
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
    document.file.save(f"upload{KIND_EXTENSIONS[kind]}", uploaded_file, save=False)
    document.full_clean(exclude=["file"])
    document.save()
    for name in ("themes", "cities", "regions", "shared_with"):
        getattr(document, name).set(data.get(name) or [])
    enqueue_extraction(document)
    return document


def require_a_title(titles: list[str | None]) -> None:
    """A document has a title in at least one language. Raises ValidationError."""
    if not any(titles):
        raise ValidationError(
            {
                "title_en": ValidationError(
                    _("Give a title in at least one language."), code="title_required"
                )
            }
        )


def enqueue_extraction(document: Document) -> None:
    """Queue the extraction of `document` for after the current transaction commits."""
    from library.tasks import document_extract_task

    # Broker away: the document waits in `pending`, and the sweeper sends it later.
    enqueue_on_commit(document_extract_task, document.pk, when_broker_down="sweeper")
