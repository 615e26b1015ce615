"""The library's generation (what its lists are kept under) follows what the lists show and the
search rows do not hold (migration 0013): a document's preview and work; the worker's own
bookkeeping bumps nothing."""

from __future__ import annotations

import uuid

import pytest

from library.models import Document
from library.selectors import document_generation
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "changes",
    [
        {"preview": "documents/preview.webp"},
        {"preview_width": 400},
        {"preview_height": 566},
        {"work": uuid.UUID(int=7)},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_a_change_to_what_lists_show_bumps_the_generation(changes):
    document = DocumentFactory()
    before = document_generation()
    Document.objects.filter(pk=document.pk).update(**changes)
    assert document_generation() == before + 1
    # The same values again: nothing changed, nothing bumped.
    Document.objects.filter(pk=document.pk).update(**changes)
    assert document_generation() == before + 1


def test_a_save_of_the_same_preview_or_the_workers_bookkeeping_bumps_nothing():
    document = DocumentFactory(preview=True)
    before = document_generation()
    document.extraction_attempts += 1
    document.save()
    Document.objects.filter(pk=document.pk).update(extraction_task_id="task-2")
    assert document_generation() == before
