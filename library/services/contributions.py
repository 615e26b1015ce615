"""Contributions and the bulk import: a file is vetted, stored and queued for extraction."""

from __future__ import annotations

import hashlib
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.changes import refuse_unknown_fields
from hub.errors import HubError, NotAllowed
from hub.queueing import enqueue_on_commit
from hub.services import audit_record
from library import extraction
from library.audit import DOCUMENT_RESUBMITTED
from library.filenames import KIND_EXTENSIONS, clean_filename, named_for_kind
from library.models import Document
from library.permissions import can_contribute, can_edit_contribution, can_review

if TYPE_CHECKING:
    from datetime import datetime

    from django.core.files.uploadedfile import UploadedFile

    from hub.models import User

HEAD_BYTES = 8192


class DuplicateDocument(HubError):
    code = "duplicate_file"
    message = _("This file is already in the library.")

    def __init__(self, existing: Document) -> None:
        super().__init__()
        self.existing = existing


class NotEditable(HubError):
    code = "not_editable"
    message = _(
        "This document is waiting for review or already published, so it cannot be changed "
        "here. Write to SCN staff if something in it is wrong."
    )


#: A document's description, as its contributor gives it (staff may also change its `work`).
DESCRIPTION_FIELDS = frozenset(
    {
        *(f"{name}_{code}" for name in ("title", "summary") for code in ("en", "fr", "ar")),
        "language",
        "kind",
        "year",
        "publisher",
        "visibility",
    }
)
DESCRIPTION_RELATIONS = frozenset({"themes", "cities", "regions", "shared_with"})


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
def document_import(
    *, uploaded_file: Any, data: dict[str, Any], added_at: datetime | None = None
) -> Document:
    """Staff's bulk import of the existing library: published at once, queued for extraction.

    `data` as for document_contribute, and `work` (a UUID) to make the document a language
    version of documents already imported with it. `added_at`: when the document entered the
    library (an existing library keeps its dates); now by default.
    Raises like document_contribute; DuplicateDocument when the same file (sha256) is present.
    """
    return _document_create(
        uploaded_file=uploaded_file,
        data=data,
        contributed_by=None,
        published_by=None,
        publish=True,
        added_at=added_at,
    )


def _document_create(
    *,
    uploaded_file: Any,
    data: dict[str, Any],
    contributed_by: User | None,
    published_by: User | None,
    publish: bool,
    added_at: datetime | None = None,
) -> Document:
    require_a_title([data.get(f"title_{code}") for code, _name in settings.LANGUAGES])
    kind, sha256 = _inspect_upload(uploaded_file)
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        raise DuplicateDocument(existing)

    now = added_at or timezone.now()
    document = Document(
        work=data.get("work") or uuid.uuid4(),
        created_at=now,
        language=data["language"],
        kind=data["kind"],
        year=data.get("year"),
        publisher=data.get("publisher", "").strip(),
        visibility=data.get("visibility") or Document.Visibility.MEMBERS,
        contributing_city_id=getattr(contributed_by, "city_id", None),
        contributed_by=contributed_by,
        status=Document.Status.PUBLISHED if publish else Document.Status.SUBMITTED,
    )
    for code, _name in settings.LANGUAGES:
        setattr(document, f"title_{code}", (data.get(f"title_{code}") or "").strip() or None)
        setattr(document, f"summary_{code}", (data.get(f"summary_{code}") or "").strip() or None)
    if publish:
        document.published_at = now
        document.reviewed_at = now
        document.reviewed_by = published_by
    _file_set(document, uploaded_file, kind=kind, sha256=sha256)
    document.full_clean(exclude=["file"])
    document.save()
    for name in ("themes", "cities", "regions", "shared_with"):
        getattr(document, name).set(data.get(name) or [])
    enqueue_extraction(document)
    return document


def description_apply(document: Document, changes: dict[str, Any]) -> list[str]:
    """Set the description `changes` (of DESCRIPTION_FIELDS and `work`) on `document`, tidied
    as every write path stores them, without saving. Returns the names set, sorted.

    Raises ValidationError (`title_required`) when no title is left.
    """
    fields = sorted(name for name in changes if name not in DESCRIPTION_RELATIONS)
    for name in fields:
        value = changes[name]
        if name == "publisher":
            value = (value or "").strip()
        elif name.startswith(("title_", "summary_")):
            value = (value or "").strip() or None  # an empty translation is no translation
        setattr(document, name, value)
    require_a_title([getattr(document, f"title_{code}") for code, _name in settings.LANGUAGES])
    return fields


#: The review states in which a contributor may still change their document and send it again.
EDITABLE_STATUSES = frozenset({Document.Status.DRAFT, Document.Status.REJECTED})


@transaction.atomic
def document_resubmit(
    *,
    document: Document,
    by: User,
    changes: dict[str, Any],
    uploaded_file: UploadedFile | None = None,
) -> Document:
    """The contributor (or staff) corrects a draft or rejected contribution and sends it back
    for review: it waits for staff again, without the reason it was rejected for.

    `changes` maps DESCRIPTION_FIELDS to their new value and DESCRIPTION_RELATIONS to the new
    list of objects; `uploaded_file`, if given, replaces the document's file (vetted like a new
    contribution) and its text is extracted again.
    Side effects: audited with the names of what changed; with a new file, extraction is
    enqueued and the old file deleted once the transaction has committed.
    Raises: NotAllowed, NotEditable, ValidationError (`unknown_field`, `title_required`, a bad
    file's code, a field's own), DuplicateDocument (the new file is another document's).
    """
    if not can_edit_contribution(by, document):
        raise NotAllowed()
    refuse_unknown_fields(changes, DESCRIPTION_FIELDS, DESCRIPTION_RELATIONS)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise NotEditable()
    previous_status = locked.status
    before = {name: getattr(locked, name) for name in changes if name in DESCRIPTION_FIELDS}
    description_apply(locked, {k: v for k, v in changes.items() if k in DESCRIPTION_FIELDS})
    fields = sorted(name for name, old in before.items() if getattr(locked, name) != old)
    relations = [
        name
        for name in sorted(DESCRIPTION_RELATIONS & set(changes))
        if set(getattr(locked, name).values_list("pk", flat=True))
        != {item.pk for item in changes[name] or []}
    ]
    locked.status = Document.Status.SUBMITTED
    locked.rejection_reason = ""
    locked.reviewed_at = locked.reviewed_by = None
    locked.full_clean(exclude=["file"])  # before a new file is stored, so none is left over
    update_fields = [*fields, "status", "rejection_reason", "reviewed_at", "reviewed_by"]
    old_file = None
    if uploaded_file is not None:
        kind, sha256 = _inspect_upload(uploaded_file)
        if sha256 != locked.sha256:  # the same file again is no change
            existing = Document.objects.filter(sha256=sha256).exclude(pk=locked.pk).first()
            if existing is not None:
                raise DuplicateDocument(existing)
            old_file = (locked.file.storage, locked.file.name)
            _file_set(locked, uploaded_file, kind=kind, sha256=sha256)
            update_fields += [*FILE_FIELDS, *EXTRACTION_RESET]

    locked.save(update_fields=[*update_fields, "updated_at"])
    for name in relations:
        getattr(locked, name).set(changes[name] or [])
    changed = [*fields, *relations, *(["file"] if old_file else [])]
    audit_record(
        action=DOCUMENT_RESUBMITTED,
        actor=by,
        subject=locked.contributed_by,
        target=locked,
        details={"fields": changed, "previous_status": previous_status},
    )
    if old_file is not None:
        enqueue_extraction(locked)
        storage, name = old_file
        if name:
            transaction.on_commit(lambda: storage.delete(name))
    return locked


# What a document knows of its file, and the extraction state a new file starts from.
FILE_FIELDS = ("file", "original_filename", "file_kind", "file_size", "sha256", "page_count")
EXTRACTION_RESET = (
    "extraction_state",
    "extraction_error",
    "extraction_attempts",
    "extraction_started_at",
    "indexed_at",
)


def _file_set(document: Document, uploaded_file: Any, *, kind: str, sha256: str) -> None:
    """Store a vetted upload as `document`'s file (under a generated name), not saving the row;
    the extraction starts again from nothing."""
    document.original_filename = named_for_kind(clean_filename(uploaded_file.name or ""), kind)
    document.file_kind = kind
    document.file_size = uploaded_file.size or 0
    document.sha256 = sha256
    document.page_count = None
    document.extraction_state = Document.Extraction.PENDING
    document.extraction_error = ""
    document.extraction_attempts = 0
    document.extraction_started_at = None
    document.indexed_at = None
    uploaded_file.seek(0)
    document.file.save(f"upload{KIND_EXTENSIONS[kind]}", uploaded_file, save=False)


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
