"""Contributing, reviewing and downloading documents through the site and the admin."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse

from library import samples
from library.models import Document, DocumentDownload
from library.search import params_from, search
from tests.conftest import login
from tests.hub.factories import ThemeFactory, UserFactory
from tests.library import hostile
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _form(
    file_bytes: bytes, name: str = "plan.pdf", content_type: str = "application/pdf", **extra
):
    data = {
        "file": SimpleUploadedFile(name, file_bytes, content_type=content_type),
        "title_en": "Local action plan of Aarhus",
        "summary_en": "How the city prevents polarisation.",
        "language": "en",
        "kind": "local_action_plan",
        "year": "2018",
        "visibility": "members",
    }
    data.update(extra)
    return data


def _post(client, data, capture):
    with capture(execute=True):
        return client.post(reverse("library:document-create"), data)


def test_member_contributes_a_pdf_that_is_extracted_reviewed_and_found(
    client, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    pdf = samples.pdf_bytes(["Introduction to the plan.", "The quokkaville referral pathway."])
    login(client, member_a)
    response = _post(client, _form(pdf), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.status == Document.Status.SUBMITTED
    assert document.extraction_state == Document.Extraction.INDEXED
    assert document.page_count == 2
    assert document.contributing_city == member_a.city
    assert document.original_filename == "plan.pdf"
    assert not document.file.name.endswith("plan.pdf")  # stored under a generated name
    # Not in search until published, but its contributor sees its page and state.
    params = params_from(QueryDict("q=quokkaville"))
    assert search(user=member_a, params=params).items == []
    page = client.get(document.get_absolute_url())
    assert page.status_code == 200
    assert b"extraction--indexed" in page.content

    staff = UserFactory(staff=True)
    from library.services import document_publish

    with django_capture_on_commit_callbacks(execute=True):
        document_publish(document=document, by=staff)
    assert [d.pk for d in search(user=member_a, params=params).items] == [document.pk]
    (message,) = mailoutbox
    assert message.to == [member_a.email]
    assert document.get_absolute_url() in message.body


def test_status_fragment_shows_the_state_to_the_contributor_only(client, member_a, city_a):
    document = DocumentFactory(submitted=True, contributed_by=member_a, contributing_city=city_a)
    login(client, member_a)
    url = reverse("library:document-status", kwargs={"pk": document.pk})
    assert b"extraction--indexed" in client.get(url).content
    login(client, UserFactory(city=city_a, email="colleague@a.example"))
    assert client.get(url).status_code == 404


def test_duplicate_upload_is_refused_with_a_link_to_the_existing_document(
    client, member_a, django_capture_on_commit_callbacks
):
    pdf = samples.pdf_bytes(["Same file twice."])
    login(client, member_a)
    _post(client, _form(pdf), django_capture_on_commit_callbacks)
    existing = Document.objects.get()
    response = _post(client, _form(pdf, title_en="Again"), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["file"][0].code == "duplicate_file"
    assert existing.get_absolute_url().encode() in response.content
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "name", "code"),
    [
        (hostile.spoofed_exe_as_pdf(), "plan.pdf", "unsupported_type"),
        (b"", "empty.pdf", None),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "scan.pdf", "unsupported_type"),
        (hostile.docx_huge_entry(), "plan.docx", "zip_bomb"),
        (hostile.docx_many_entries(), "plan.docx", "zip_bomb"),
        (hostile.docx_path_traversal(), "plan.docx", "unsafe_archive"),
    ],
)
def test_hostile_uploads_are_refused_and_nothing_is_stored(
    client, member_a, payload, name, code, django_capture_on_commit_callbacks, settings
):
    login(client, member_a)
    response = _post(client, _form(payload, name=name), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert "file" in errors
    if code:
        assert errors["file"][0].code == code
    assert Document.objects.count() == 0
    media = settings.MEDIA_ROOT / "library"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_upload_larger_than_the_limit_is_refused(
    client, member_a, settings, django_capture_on_commit_callbacks
):
    settings.HUB_UPLOAD_MAX_BYTES = 1000
    login(client, member_a)
    response = _post(
        client, _form(samples.pdf_bytes(["x" * 2000])), django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["file"][0].code == "too_large"
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"title_en": ""},
        {"year": "3000"},
        {"language": "xx"},
        {"kind": "novel"},
        {"themes": ["999999"]},
        {"visibility": "staff"},  # members cannot file staff-only documents
        {"title_en": "x" * 10_000},
    ],
)
def test_bad_metadata_is_a_400_and_stores_nothing(
    client, member_a, overrides, django_capture_on_commit_callbacks
):
    login(client, member_a)
    data = _form(samples.pdf_bytes(["Valid file."]), **overrides)
    response = _post(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert Document.objects.count() == 0


def test_encrypted_and_image_only_pdfs_end_failed_with_a_clear_reason(
    client, member_a, django_capture_on_commit_callbacks
):
    login(client, member_a)
    _post(
        client,
        _form(samples.encrypted_pdf_bytes(), name="locked.pdf"),
        django_capture_on_commit_callbacks,
    )
    _post(
        client,
        _form(samples.image_only_pdf_bytes(), name="scan.pdf", title_en="Scan"),
        django_capture_on_commit_callbacks,
    )
    states = {
        d.original_filename: (d.extraction_state, d.extraction_error)
        for d in Document.objects.all()
    }
    assert states == {
        "locked.pdf": ("failed", "encrypted"),
        "scan.pdf": ("failed", "no_text"),
    }
    document = Document.objects.get(original_filename="locked.pdf")
    page = client.get("/fr" + document.get_absolute_url()[3:])
    assert b"mot de passe" in page.content


def test_download_rechecks_access_and_sends_a_safe_attachment(client, member_a, city_a, city_b):
    document = DocumentFactory(original_filename='خطة "عمل"\r\nX-Evil: 1.pdf', file_kind="pdf")
    hidden = DocumentFactory(for_cities=True, shared_with=[city_b])
    staff_only = DocumentFactory(staff_only=True)
    login(client, member_a)
    response = client.get(reverse("library:document-download", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\n" not in disposition and "\r" not in disposition
    assert "filename*=utf-8''" in disposition
    assert "X-Evil" not in response.headers
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"plain text"
    download = DocumentDownload.objects.get()
    assert (download.document, download.user, download.city) == (document, member_a, city_a)
    for other in (hidden, staff_only):
        for name in ("library:document-download", "library:document-detail"):
            assert client.get(reverse(name, kwargs={"pk": other.pk})).status_code == 404
    assert DocumentDownload.objects.count() == 1


def test_download_can_be_handed_to_nginx(client, member_a, settings):
    settings.HUB_X_ACCEL_REDIRECT_PREFIX = "/protected/"
    document = DocumentFactory(original_filename="plan.pdf")
    login(client, member_a)
    response = client.get(reverse("library:document-download", kwargs={"pk": document.pk}))
    assert response["X-Accel-Redirect"] == "/protected/" + document.file.name
    assert response.content == b""


def test_document_page_offers_language_versions_and_related_documents(client, member_a):
    theme = ThemeFactory()
    english = DocumentFactory(title_en="Plan", language="en", themes=[theme])
    DocumentFactory(title_en=None, title_fr="Plan (FR)", language="fr", work=english.work)
    DocumentFactory(
        title_en=None, title_ar="الخطة", language="ar", work=english.work, staff_only=True
    )
    DocumentFactory(title_en="Neighbour", themes=[theme])
    login(client, member_a)
    context = client.get(english.get_absolute_url()).context
    assert [v.language for v in context["versions"]] == ["fr"]
    assert [d.title_en for d in context["related"]] == ["Neighbour"]


def test_admin_review_actions_call_the_services(
    client, staff, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    submitted = DocumentFactory(submitted=True, contributed_by=member_a)
    rejected = DocumentFactory(submitted=True, contributed_by=member_a)
    login(client, staff)
    url = reverse("admin:library_document_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish", "_selected_action": [submitted.pk]})
        client.post(
            url,
            {
                "action": "reject",
                "_selected_action": [rejected.pk],
                "apply": "1",
                "reason": "Out of scope.",
            },
        )
    submitted.refresh_from_db()
    rejected.refresh_from_db()
    assert submitted.status == Document.Status.PUBLISHED
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "Out of scope.")
    assert len(mailoutbox) == 2
    index = client.get(reverse("admin:index"))
    labels = {str(i["label"]): i["count"] for i in index.context["pending_items"]}
    assert labels["documents waiting for review"] == 0
