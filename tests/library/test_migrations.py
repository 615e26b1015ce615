"""A database made before the engine moved to hub migrates without losing its index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from hub.search import arabic_normalise
from library.models import DocumentChunk as CurrentChunk
from tests.kit.search import found
from tests.library.factories import search_querydict

BEFORE = [("hub", "0001_initial"), ("library", "0004_document_search_titles")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_an_existing_library_keeps_its_chunks_and_is_found_after_the_migration(member_a):
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_proc WHERE proname = 'hub_arabic_normalise'")
            assert cursor.fetchone()[0] == 0
        # As the library wrote documents before: metadata chunks from Python, with the
        # document (no trigger derived them); the models as they were then.
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        Document, DocumentChunk = (  # noqa: N806
            old.get_model("library", "Document"),
            old.get_model("library", "DocumentChunk"),
        )
        document = Document.objects.create(
            title_en="Mediation handbook",
            title_ar="دليلُ الوساطة",
            language="en",
            kind="report",
            status="published",
            visibility="members",
            file="f",
            original_filename="f.txt",
            file_kind="txt",
            file_size=1,
            sha256="a" * 64,
        )
        chunks = [
            DocumentChunk(
                document=document, kind="meta", config="hub_en", text="Mediation handbook"
            ),
            DocumentChunk(
                document=document,
                kind="meta",
                config="hub_ar",
                text=arabic_normalise("دليلُ الوساطة"),  # folded, as then
            ),
            DocumentChunk(document=document, kind="body", config="hub_en", text="conflict work"),
        ]
        DocumentChunk.objects.bulk_create(chunks)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE library_documentchunk SET vector = to_tsvector(config::regconfig, text)"
            )
        before = set(DocumentChunk.objects.values_list("pk", "text"))

        _migrate(leaves)

        after = set(CurrentChunk.objects.values_list("pk", "text"))
        # The English chunks are untouched; the Arabic metadata chunk now holds the title as
        # written (migration library 0009), and is still found by a folded query.
        assert {row for row in before if row[1] != arabic_normalise("دليلُ الوساطة")} < after
        assert {text for _pk, text in after} == {
            "Mediation handbook",
            "دليلُ الوساطة",
            "conflict work",
        }
        assert found_ids(member_a, "mediation") == {document.pk}
        assert found_ids(member_a, "الوساطه") == {document.pk}
        assert found_ids(member_a, "conflict") == {document.pk}
    finally:
        _migrate(leaves)


def found_ids(user, words):
    from library.search import DOCUMENTS

    return found(DOCUMENTS, user, search_querydict(words))
