"""Downloads, recorded for staff statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from library.models import DocumentDownload

if TYPE_CHECKING:
    from hub.models import User
    from library.models import Document


def download_record(*, document: Document, user: User) -> DocumentDownload:
    """Remember one download (document, member, city, time) for staff statistics."""
    return DocumentDownload.objects.create(document=document, user=user, city_id=user.city_id)
