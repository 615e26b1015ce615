"""Working groups, their toolkits, and the toolkit's ZIP for a reader class.

Curating: :func:`working_group_save`, :func:`toolkit_item_add`, :func:`toolkit_item_remove`
(the admin, the hub's content and imports). Toolkit.version is derived in the database
(migration 0002's triggers): nothing here writes it.

Downloading: :func:`toolkit_archive_request` finds or makes the archive row of (version,
language, access key) and enqueues :func:`toolkit_archive_build`, which writes the ZIP with its
progress on the row. Older versions' archives (files and rows) are removed once a newer one is
built, and by :func:`toolkit_archive_sweep` (beat, every 5 minutes), which also re-enqueues
archives left waiting.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import uuid
import zipfile
from contextlib import contextmanager, suppress
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from hub.errors import NotAllowed
from hub.queueing import enqueue, enqueue_on_commit
from hub.services.audit import audit_record
from hub.translated import LANGUAGE_CODES, in_reader_language
from training import audit
from training import selectors_toolkits as selectors
from training.models import Toolkit, ToolkitArchive, ToolkitItem, WorkingGroup
from training.permissions import can_learn, can_manage_training
from training.toolkits import (
    INDEX_NAME,
    STORED_KINDS,
    access_key,
    index_html,
    unique_member_name,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cityprofiles.models import Practice
    from hub.models import City, Theme, User
    from library.models import Document

logger = logging.getLogger(__name__)

# A build that a worker started this many times without finishing is set aside (a poison file).
MAX_BUILD_ATTEMPTS = 3
# An archive still waiting this long after it was asked for is sent to a worker again.
SWEEP_AFTER = timedelta(minutes=5)
# The first key of the advisory locks of archive builds (the second is the archive's id).
_LOCK_CLASS = 0x544B  # "TK"
_CHUNK = 1024 * 1024


# --- Curating ------------------------------------------------------------------------------


def _check_curator(by: User | None) -> None:
    # `by=None`: the hub's own content and imports, run by the project's commands.
    if by is not None and not can_manage_training(by):
        raise NotAllowed


@transaction.atomic
def working_group_save(
    *,
    group: WorkingGroup,
    themes: list[Theme] | None = None,
    lead_cities: list[City] | None = None,
    by: User | None,
) -> WorkingGroup:
    """Create or change a working group (its fields as set on `group`), and its themes and
    lead cities when given; the group gets its toolkit if it has none. Audited.

    Raises NotAllowed for someone who is not SCN staff, ValidationError for invalid fields."""
    _check_curator(by)
    created = group.pk is None
    group.full_clean()
    group.save()
    if themes is not None:
        group.themes.set(themes)
    if lead_cities is not None:
        group.lead_cities.set(lead_cities)
    Toolkit.objects.get_or_create(working_group=group)
    audit_record(
        action=audit.WORKING_GROUP_CREATED if created else audit.WORKING_GROUP_CHANGED,
        actor=by,
        target=group,
        details={"slug": group.slug},
    )
    return group


@transaction.atomic
def toolkit_item_add(
    *,
    toolkit: Toolkit,
    section: str,
    document: Document | None = None,
    practice: Practice | None = None,
    note: dict[str, str] | None = None,
    position: int | None = None,
    by: User | None,
) -> ToolkitItem:
    """Add a link to a library document or to a city practice in a section of `toolkit`, with
    the curator's note by language ({"en": ..., "fr": ...}); at the end of the section unless
    `position` is given. The toolkit's version grows (database trigger). Audited.

    Raises NotAllowed for someone who is not SCN staff; ValidationError (code
    "one_target", "unknown_section", ...) for an item that is not exactly one link."""
    _check_curator(by)
    if (document is None) == (practice is None):
        raise ValidationError(_("Choose either a document or a practice."), code="one_target")
    if position is None:
        last = (
            ToolkitItem.objects.filter(toolkit=toolkit, section=section)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        position = (last or 0) + 1
    item = ToolkitItem(
        toolkit=toolkit,
        section=section,
        document=document,
        practice=practice,
        position=position,
        **{f"note_{code}": text for code, text in (note or {}).items() if code in LANGUAGE_CODES},
    )
    item.full_clean()
    item.save()
    audit_record(
        action=audit.TOOLKIT_ITEM_ADDED,
        actor=by,
        target=toolkit,
        details={
            "item": item.pk,
            "section": section,
            "document": item.document_id,
            "practice": item.practice_id,
        },
    )
    return item


@transaction.atomic
def toolkit_item_remove(*, item: ToolkitItem, by: User | None) -> Toolkit:
    """Take an item out of its toolkit (the document or practice itself stays). Audited."""
    _check_curator(by)
    toolkit = item.toolkit
    details = {"item": item.pk, "document": item.document_id, "practice": item.practice_id}
    item.delete()
    audit_record(action=audit.TOOLKIT_ITEM_REMOVED, actor=by, target=toolkit, details=details)
    return toolkit


def toolkit_curated(*, toolkit: Toolkit, by: User | None) -> None:
    """Record that staff changed a toolkit in the admin (its items, order, notes)."""
    toolkit.refresh_from_db(fields=["version", "changed_at"])
    audit_record(
        action=audit.TOOLKIT_CURATED, actor=by, target=toolkit, details={"version": toolkit.version}
    )


# --- Asking for the ZIP --------------------------------------------------------------------


@transaction.atomic
def toolkit_archive_request(*, toolkit: Toolkit, user: User, language: str) -> ToolkitArchive:
    """The archive of `toolkit` for `user`'s reader class in `language`: the one of the
    toolkit's current version and the documents `user` may see now, made if there is none
    (under the unique constraint: two readers asking at once get the same row). A new, or a
    failed one, is (re)sent to a worker after commit; a built one is returned as it is.

    Raises NotAllowed for someone who may not read toolkits, ValidationError
    (code "unknown_language") for a language the hub does not offer."""
    if not can_learn(user):
        raise NotAllowed
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Choose one of the hub's languages."), code="unknown_language")
    # The version as the database has it now (the triggers write it), not as `toolkit` was read.
    version = Toolkit.objects.values_list("version", flat=True).get(pk=toolkit.pk)
    ids = sorted(selectors.toolkit_visible_documents(user=user, toolkit=toolkit))
    key = access_key(ids)
    lookup = {"toolkit": toolkit, "version": version, "language": language, "access_key": key}
    ToolkitArchive.objects.bulk_create(
        [ToolkitArchive(**lookup, document_ids=ids, total_count=len(ids))], ignore_conflicts=True
    )
    archive = ToolkitArchive.objects.select_for_update().get(**lookup)
    if archive.status == ToolkitArchive.Status.FAILED:
        archive.status = ToolkitArchive.Status.PENDING
        archive.failure_reason = ""
        archive.attempts = 0
        archive.done_count = 0
        archive.save(update_fields=["status", "failure_reason", "attempts", "done_count"])
    if archive.status == ToolkitArchive.Status.PENDING:
        from training.tasks.toolkits import toolkit_archive_build_task

        enqueue_on_commit(toolkit_archive_build_task, archive.pk, when_broker_down="sweeper")
    return archive


def toolkit_archive_sweep() -> int:
    """Send again to a worker the archives waiting or building for longer than SWEEP_AFTER
    (the broker was away when they were asked for, or their worker died), and remove the
    archives of older versions of toolkits nobody downloaded since they changed. Returns how
    many were sent again. Harmless when one is in fact being built: its build holds a lock the
    other cannot take."""
    from training.tasks.toolkits import toolkit_archive_build_task

    outdated = (
        ToolkitArchive.objects.filter(version__lt=F("toolkit__version"))
        .values_list("toolkit_id", "toolkit__version")
        .distinct()
    )
    for toolkit_id, version in list(outdated):
        _clean_older(toolkit_id, version)

    ids = list(
        ToolkitArchive.objects.filter(
            status__in=[ToolkitArchive.Status.PENDING, ToolkitArchive.Status.BUILDING],
            created_at__lt=timezone.now() - SWEEP_AFTER,
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        if not enqueue(toolkit_archive_build_task, pk, when_broker_down="sweeper"):
            break
    return len(ids)


# --- Building it ---------------------------------------------------------------------------


@contextmanager
def _build_lock(archive_id: int) -> Iterator[bool]:
    """Whether this process may build the archive: a session advisory lock, so two deliveries
    of the task never build it at once, and a worker that dies releases it with its
    connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [_LOCK_CLASS, archive_id])
        got = bool(cursor.fetchone()[0])
    try:
        yield got
    finally:
        if got:
            with suppress(OperationalError), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [_LOCK_CLASS, archive_id])


@transaction.atomic
def _claim(archive_id: int) -> ToolkitArchive | None:
    archive = (
        ToolkitArchive.objects.select_for_update(of=("self",))
        .select_related("toolkit__working_group")
        .filter(pk=archive_id)
        .first()
    )
    if archive is None or archive.status == ToolkitArchive.Status.DONE:
        return None
    if archive.status == ToolkitArchive.Status.FAILED:
        return None
    if archive.version != archive.toolkit.version:
        _mark_failed(archive, "outdated")
        return None
    if archive.attempts >= MAX_BUILD_ATTEMPTS:
        _mark_failed(archive, "worker_crashed")
        return None
    archive.status = ToolkitArchive.Status.BUILDING
    archive.attempts += 1
    archive.done_count = 0
    archive.total_count = len(archive.document_ids)
    archive.save(update_fields=["status", "attempts", "done_count", "total_count"])
    return archive


def _mark_failed(archive: ToolkitArchive, code: str) -> None:
    archive.status = ToolkitArchive.Status.FAILED
    archive.failure_reason = code
    archive.save(update_fields=["status", "failure_reason"])


class _TemporaryZip(File):
    """A finished ZIP on local disk: file system storage moves it into place, not copies it."""

    def __init__(self, file: Any, *, name: str, path: str) -> None:
        super().__init__(file, name=name)
        self.path = path

    def temporary_file_path(self) -> str:
        return self.path


def toolkit_archive_build(*, archive_id: int) -> ToolkitArchive | None:
    """Write the ZIP of archive `archive_id`: its documents' files (still published; a missing
    file is left out and named in the index) and the index page in the archive's language.
    Progress (done_count of total_count) is committed after each document. Older versions'
    archives of the toolkit are then removed, files and rows.

    Idempotent: returns None without doing anything when the archive is gone, built, failed,
    or being built by another process. A failure is recorded on the row with a reason code
    (training.toolkits.FAILURE_MESSAGES) and never raised, except the database being away
    (OperationalError: the task retries)."""
    with _build_lock(archive_id) as got:
        if not got:
            return None
        archive = _claim(archive_id)
        if archive is None:
            return None
        handle, path = tempfile.mkstemp(suffix=".zip", dir=settings.FILE_UPLOAD_TEMP_DIR)
        os.close(handle)
        try:
            _write_zip(archive, path)
            size = Path(path).stat().st_size
            name = f"{archive.toolkit_id}/{uuid.uuid4().hex}.zip"
            with Path(path).open("rb") as stored:
                archive.file.save(name, _TemporaryZip(stored, name=name, path=path), save=False)
        except OperationalError:
            raise
        except SoftTimeLimitExceeded:
            _record_failure(archive_id, "timeout")
            return None
        except Exception:
            logger.exception("Toolkit archive %s could not be built.", archive_id)
            _record_failure(archive_id, "storage")
            return None
        finally:
            Path(path).unlink(missing_ok=True)
        archive = _finish(archive, size)
    _clean_older(archive.toolkit_id, archive.version)
    return archive


@transaction.atomic
def _finish(archive: ToolkitArchive, size: int) -> ToolkitArchive:
    ToolkitArchive.objects.filter(pk=archive.pk).update(
        status=ToolkitArchive.Status.DONE,
        file=archive.file.name,
        size=size,
        done_count=archive.total_count,
        built_at=timezone.now(),
        failure_reason="",
    )
    archive.refresh_from_db()
    return archive


def _record_failure(archive_id: int, code: str) -> None:
    ToolkitArchive.objects.filter(pk=archive_id).exclude(status=ToolkitArchive.Status.DONE).update(
        status=ToolkitArchive.Status.FAILED, failure_reason=code
    )


def _clean_older(toolkit_id: int, version: int) -> int:
    """Remove the archives of versions before `version` (their files, then their rows)."""
    older = list(ToolkitArchive.objects.filter(toolkit_id=toolkit_id, version__lt=version))
    for old in older:
        if old.file:
            with suppress(OSError):
                old.file.storage.delete(old.file.name)
    ToolkitArchive.objects.filter(pk__in=[old.pk for old in older]).delete()
    return len(older)


def _absolute(path: str) -> str:
    return f"{settings.HUB_SITE_URL}{path}"


def _write_zip(archive: ToolkitArchive, path: str) -> None:
    language = archive.language
    toolkit = archive.toolkit
    group = toolkit.working_group
    items = list(ToolkitItem.objects.filter(toolkit=toolkit).order_by("section", "position", "pk"))
    documents = {d.pk: d for d in selectors.archive_documents(list(archive.document_ids))}
    practices = selectors.archive_practices([i.practice_id for i in items if i.practice_id])
    members: dict[int, str] = {}
    missing: set[int] = set()
    taken: set[str] = {INDEX_NAME}
    done = 0
    with zipfile.ZipFile(path, "w", allowZip64=True) as zf, translation.override(language):
        # Documents in the order of the index, each once even when listed in two sections.
        for item in items:
            document = documents.get(item.document_id) if item.document_id else None
            if document is None or document.pk in members or document.pk in missing:
                continue
            member = unique_member_name(str(document.title), document.file_extension, taken)
            try:
                source = document.file.open("rb")
            except (FileNotFoundError, ValueError):
                missing.add(document.pk)
            else:
                info = zipfile.ZipInfo(member, _now_tuple())
                stored = document.file_kind in STORED_KINDS
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                with source, zf.open(info, "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target, _CHUNK)
                members[document.pk] = member
            done += 1
            ToolkitArchive.objects.filter(pk=archive.pk).update(done_count=done)
        context = _index_context(
            group=group,
            toolkit=toolkit,
            items=items,
            documents=documents,
            practices=practices,
            members=members,
            missing=missing,
            language=language,
        )
        zf.writestr(
            INDEX_NAME, index_html(language=language, context=context), zipfile.ZIP_DEFLATED
        )


def _now_tuple() -> tuple[int, int, int, int, int, int]:
    now = timezone.localtime()
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def _index_context(
    *,
    group: WorkingGroup,
    toolkit: Toolkit,
    items: list[ToolkitItem],
    documents: dict[int, Document],
    practices: dict[int, Practice],
    members: dict[int, str],
    missing: set[int],
    language: str,
) -> dict[str, Any]:
    sections: dict[str, list[dict[str, Any]]] = {
        code: [] for code, _l in ToolkitItem.Section.choices
    }
    for item in items:
        note = in_reader_language(item, "note", language)
        if item.document_id in documents:
            document = documents[item.document_id]
            row: dict[str, Any] = {
                "kind": "document",
                "title": in_reader_language(document, "title", language) or str(document.title),
                "file": members.get(document.pk, ""),
                "missing": document.pk in missing,
                "url": _absolute(reverse("library:document-detail", kwargs={"pk": document.pk})),
                "note": note,
            }
        elif item.practice_id in practices:
            practice = practices[item.practice_id]
            city = practice.profile.city
            city_url = reverse("cityprofiles:city", kwargs={"slug": city.slug})
            row = {
                "kind": "practice",
                "title": in_reader_language(practice, "title", language),
                "city": city,
                "url": _absolute(f"{city_url}#practice-{practice.key}"),
                "note": note,
            }
        else:
            continue  # a document this reader class may not see: not even its title
        sections[item.section].append(row)
    return {
        "group_name": in_reader_language(group, "name", language),
        "description": in_reader_language(group, "description", language),
        "introduction": in_reader_language(toolkit, "introduction", language),
        "sections": [
            {"code": code, "label": label, "rows": sections[code]}
            for code, label in ToolkitItem.Section.choices
        ],
        "group_url": _absolute(reverse("training:toolkit-detail", kwargs={"slug": group.slug})),
        "built_at": timezone.now(),
        "missing_count": len(missing),
    }
