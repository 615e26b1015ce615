"""Staff's review and curation of documents: publish, reject, archive, extract again, edit.

Every decision is audited and the contributor is told by email of the ones that concern them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.changes import refuse_unknown_fields
from hub.errors import NotAllowed
from hub.services import audit_record, email_user, site_url
from library.audit import (
    DOCUMENT_ARCHIVED,
    DOCUMENT_DELETED,
    DOCUMENT_PUBLISHED,
    DOCUMENT_REEXTRACTED,
    DOCUMENT_REJECTED,
    DOCUMENT_UPDATED,
)
from library.models import Document
from library.permissions import can_review
from library.services.contributions import (
    DESCRIPTION_FIELDS,
    DESCRIPTION_RELATIONS,
    description_apply,
    enqueue_extraction,
)

if TYPE_CHECKING:
    from hub.models import User


def _notify_contributor(document: Document, template: str, **context: Any) -> None:
    email_user(
        document.contributed_by,
        template,
        lambda: {
            "title": str(document.title),
            "url": site_url("library:document-detail", pk=document.pk),
            # Where a rejected contribution is corrected and sent again.
            "edit_url": site_url("library:document-update", pk=document.pk),
        },
        **context,
    )


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update().get(pk=document.pk)


@transaction.atomic
def document_publish(*, document: Document, by: User) -> Document:
    """Staff publish a document; the contributor is told by email. Raises: NotAllowed."""
    if not can_review(by):
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
    audit_record(action=DOCUMENT_PUBLISHED, actor=by, subject=locked.contributed_by, target=locked)
    _notify_contributor(locked, "library/document_published")
    return locked


@transaction.atomic
def document_reject(*, document: Document, by: User, reason: str) -> Document:
    """Staff reject a contribution with a reason the contributor receives.

    Raises: NotAllowed, ValidationError (`reason_required`).
    """
    if not can_review(by):
        raise NotAllowed()
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Please give a reason for the rejection."), code="reason_required")
    locked = _locked(document)
    locked.status = Document.Status.REJECTED
    locked.rejection_reason = reason[:2000]
    locked.reviewed_at, locked.reviewed_by = timezone.now(), by
    locked.save(update_fields=["status", "rejection_reason", "reviewed_at", "reviewed_by"])
    audit_record(
        action=DOCUMENT_REJECTED,
        actor=by,
        subject=locked.contributed_by,
        target=locked,
        details={"reason": locked.rejection_reason},
    )
    _notify_contributor(locked, "library/document_rejected", reason=locked.rejection_reason)
    return locked


@transaction.atomic
def document_archive(*, document: Document, by: User) -> Document:
    """Take a document out of the library without deleting it. Raises: NotAllowed."""
    if not can_review(by):
        raise NotAllowed()
    locked = _locked(document)
    if locked.status == Document.Status.ARCHIVED:
        return locked
    previous = locked.status
    locked.status = Document.Status.ARCHIVED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        action=DOCUMENT_ARCHIVED, actor=by, target=locked, details={"previous_status": previous}
    )
    return locked


@transaction.atomic
def document_reextract(*, document: Document, by: User | None) -> Document:
    """Start extraction again from scratch (staff action, or the import of a known file).

    Side effects: audited when staff ask for it; extraction enqueued after commit.
    Raises: NotAllowed.
    """
    if by is not None and not can_review(by):
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
    if by is not None:
        audit_record(action=DOCUMENT_REEXTRACTED, actor=by, target=locked)
    enqueue_extraction(locked)
    return locked


#: What staff may change of a document's description (the admin's form): what its contributor
#: describes, and the work (the group of language versions) it belongs to.
EDITABLE_FIELDS = DESCRIPTION_FIELDS | {"work"}
EDITABLE_RELATIONS = DESCRIPTION_RELATIONS


@transaction.atomic
def document_update(*, document: Document, by: User, changes: dict[str, Any]) -> Document:
    """Staff change a document's description: titles, summaries, type, themes, sharing, ...

    `changes` maps fields of EDITABLE_FIELDS to their new value and relations of
    EDITABLE_RELATIONS to the new list of objects. The search words of the titles and
    summaries follow in the same transaction (the database derives them from the columns).
    Side effects: audited with the names of the changed fields.
    Raises: NotAllowed, ValidationError (`unknown_field`, `title_required`, a field's own).
    """
    if not can_review(by):
        raise NotAllowed()
    refuse_unknown_fields(changes, EDITABLE_FIELDS, EDITABLE_RELATIONS)
    locked = _locked(document)
    fields = description_apply(
        locked, {name: value for name, value in changes.items() if name in EDITABLE_FIELDS}
    )
    locked.full_clean(exclude=["file"])
    if fields:
        locked.save(update_fields=[*fields, "updated_at"])
    relations = sorted(name for name in changes if name in EDITABLE_RELATIONS)
    for name in relations:
        getattr(locked, name).set(changes[name] or [])
    if fields or relations:
        audit_record(
            action=DOCUMENT_UPDATED,
            actor=by,
            target=locked,
            details={"fields": [*fields, *relations]},
        )
    return locked


@transaction.atomic
def document_delete(*, document: Document, by: User) -> None:
    """Delete a document for good (archiving keeps it): its chunks, search row and download
    records go with it, and its stored file and preview once the transaction has committed.

    Side effects: audited, with its title and SHA-256 (the record outlives the document).
    Raises: NotAllowed.
    """
    if not can_review(by):
        raise NotAllowed()
    locked = _locked(document)
    audit_record(
        action=DOCUMENT_DELETED,
        actor=by,
        subject=locked.contributed_by,
        target=locked,
        details={"sha256": locked.sha256, "status": locked.status},
    )
    storage = locked.file.storage
    names = [name for name in (locked.file.name, locked.preview.name) if name]
    locked.delete()
    for name in names:
        transaction.on_commit(partial(storage.delete, name))
