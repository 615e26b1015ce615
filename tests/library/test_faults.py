"""Faults found by probing the library from outside: each is a normal answer, never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library import samples
from library.filenames import named_for_kind
from library.models import Document
from library.services import document_extract
from tests.conftest import login
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

LIST = reverse("library:document-list")


@pytest.mark.parametrize("query", ['"<b>', '"><script>', '"</x>', "<b>", '"<p></p>"'])
def test_a_query_of_only_markup_is_a_normal_page(client, member_a, query):
    DocumentFactory(title_en="Youth mentoring", pages=["Mentoring in schools."])
    login(client, member_a)
    for sort in ("", "relevance", "title"):
        response = client.get(LIST, {"q": query, "sort": sort})
        assert response.status_code == 200, (query, sort)
        assert response.context["result"].total == 0


@pytest.mark.parametrize("facet", ["theme", "city", "region", "language", "kind", "year"])
def test_a_nul_byte_in_a_facet_value_is_ignored(client, member_a, facet):
    DocumentFactory(title_en="Youth mentoring")
    login(client, member_a)
    for query_string in ("=%00", "=youth%00", "=%00%27%20OR%201%3D1", "=%00&{facet}=%00"):
        response = client.get(f"{LIST}?q=mentoring&{facet}{query_string.format(facet=facet)}")
        assert response.status_code == 200, (facet, query_string)
        assert response.context["result"].total == 1  # the value is dropped, not matched


def _upload(client, content: bytes, name: str):
    return client.post(
        reverse("library:document-create"),
        {
            "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
            "title_en": "Referral pathway",
            "language": "en",
            "kind": "report",
            "visibility": "members",
        },
    )


def test_upload_checks_its_own_bytes_not_a_server_file_of_the_same_name(
    client, member_a, tmp_path, monkeypatch
):
    """A file named like one in the working directory is checked by its bytes (no path)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Makefile").write_text("not a zip at all")
    docx = samples.docx_bytes(["The referral pathway of the city."])
    login(client, member_a)
    response = _upload(client, docx, "Makefile")
    assert response.status_code == 302, response.content[:500]
    document = Document.objects.get()
    assert document.file_kind == "docx"
    assert document.original_filename == "Makefile.docx"


def test_a_damaged_docx_is_refused_whatever_its_name(client, member_a, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    good = samples.docx_bytes(["Fine."])
    (tmp_path / "plan.docx").write_bytes(good)  # a valid server file of the same name
    damaged = good[:200]  # a zip signature with no central directory
    login(client, member_a)
    response = _upload(client, damaged, "plan.docx")
    assert response.status_code == 400
    assert Document.objects.count() == 0


def test_html_named_pdf_is_stored_and_downloaded_as_html(client, member_a):
    html = b"<!DOCTYPE html><html><body><p>The youth council of the city.</p></body></html>"
    login(client, member_a)
    assert _upload(client, html, "plan.pdf").status_code == 302
    document = Document.objects.get()
    assert document.file_kind == "html"
    assert document.original_filename == "plan.html"
    assert document.file.name.endswith(".html")
    response = client.get(reverse("library:document-download", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    assert 'filename="Referral pathway.html"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/octet-stream"  # never rendered


def test_a_download_is_named_for_what_the_file_is():
    assert named_for_kind("plan.pdf", "html") == "plan.html"
    assert named_for_kind("plan.htm", "html") == "plan.htm"
    assert named_for_kind("notes", "txt") == "notes.txt"
    assert named_for_kind("strategy.v2", "pdf") == "strategy.v2.pdf"
    assert named_for_kind("Report.PDF", "pdf") == "Report.PDF"
    assert named_for_kind("x" * 300 + ".pdf", "docx").endswith("x.docx")
    assert len(named_for_kind("x" * 300, "docx")) == 255


def test_a_document_whose_file_is_gone_fails_with_its_own_reason(db):
    document = DocumentFactory(extraction_state=Document.Extraction.PENDING)
    Path(document.file.path).unlink()
    assert document_extract(document_id=document.pk) == Document.Extraction.FAILED
    document.refresh_from_db()
    assert (document.extraction_state, document.extraction_error) == ("failed", "file_missing")
    assert "missing" in document.extraction_error_message
