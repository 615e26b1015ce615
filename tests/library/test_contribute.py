"""Contributing, reviewing and downloading documents through the site and the admin."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse

from library import samples
from library.models import Document, DocumentDownload
from library.search import params_from, search
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
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
    assert response["Location"] == reverse("library:document-sent", kwargs={"pk": document.pk})
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
    # The download is named after the title: a hostile one cannot add headers.
    document = DocumentFactory(
        title_en='خطة "عمل"\r\nX-Evil: 1', original_filename="x\r\nX-Evil: 2.pdf", file_kind="pdf"
    )
    hidden = DocumentFactory(for_cities=True, shared_with=[city_b])
    staff_only = DocumentFactory(staff_only=True)
    login(client, member_a)
    response = client.get(reverse("library:document-download", kwargs={"pk": document.pk}))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\n" not in disposition and "\r" not in disposition
    assert "filename*=UTF-8''" in disposition
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


class _Tags(HTMLParser):
    """The start tags of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(content: bytes, tag: str, **attrs: str) -> list[dict[str, str | None]]:
    parser = _Tags()
    parser.feed(content.decode())
    return [a for t, a in parser.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def test_contribute_form_without_language_or_type_is_refused_with_a_clear_error(
    client, member_a, django_capture_on_commit_callbacks
):
    login(client, member_a)
    page = client.get(reverse("library:document-create"))
    # Nothing is chosen for the contributor: the first choice is the empty "Choose…".
    for name in ("language", "kind"):
        (select,) = _tags(page.content, "select", name=name)
        assert "required" in select
        (first, *_rest) = page.context["form"][name].field.choices
        assert first[0] == ""
        assert not page.context["form"][name].value()
    data = _form(samples.pdf_bytes(["No language chosen."]), language="", kind="")
    response = _post(client, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    errors = response.context["form"].errors.as_data()
    assert errors["language"][0].code == "required"
    assert errors["kind"][0].code == "required"
    assert Document.objects.count() == 0


def test_contribute_form_marks_required_fields_and_explains_the_mark(client, member_a):
    login(client, member_a)
    page = client.get("/fr/library/contribute/")
    content = page.content.decode()
    assert "Les champs marqués d’un * sont obligatoires." in content
    for name, tag in (("file", "input"), ("language", "select"), ("kind", "select")):
        (widget,) = _tags(page.content, tag, name=name)
        assert "required" in widget, name
    # The mark follows the label of each field to fill in, and of no optional one ("who can
    # see it" always has a choice made); the titles' group is marked: one title is required.
    marked = re.findall(r'<label for="id_(\w+)">[^<]*<span class="required-mark"', content)
    assert sorted(marked) == ["file", "kind", "language"]
    assert re.search(r'<legend>Titre<span class="required-mark"', content)
    for name in ("title_en", "title_fr", "visibility", "year"):
        (widget,) = _tags(page.content, "select" if name == "visibility" else "input", name=name)
        assert "required" not in widget, name


def test_contribute_form_pickers_are_plain_selects_with_translated_texts(client, member_a):
    login(client, member_a)
    page = client.get("/ar/library/contribute/")
    for name in ("themes", "cities", "regions", "shared_with"):
        (select,) = _tags(page.content, "select", name=name)
        assert "multiple" in select and "data-picker" in select
        assert select["data-picker-no-results"] == "لا توجد نتائج"
        assert "%(item)s" in select["data-picker-remove"]
    assert b"vendor/tom-select/js/tom-select.popular.min.js" in page.content
    assert b"js/pickers.js" in page.content


def test_contribute_form_lists_cities_in_the_readers_alphabet(client, member_a):
    CityFactory(name_en="Zagreb", name_fr="Zagreb", name_ar="زغرب")
    CityFactory(name_en="Amman", name_fr="Amman", name_ar="عمّان")
    CityFactory(name_en="Beirut", name_fr="Beyrouth", name_ar="بيروت")
    login(client, member_a)
    for language, expected in (
        ("en", ["Amman", "Beirut", "Zagreb"]),
        ("ar", ["بيروت", "زغرب", "عمّان"]),
    ):
        page = client.get(f"/{language}/library/contribute/")
        field = page.context["form"].fields["cities"]
        names = [str(city.name) for city in field.queryset]
        assert [n for n in names if n in expected] == expected, language


def test_contribute_lands_on_a_page_that_says_what_happens_next(
    client, member_a, django_capture_on_commit_callbacks
):
    member_a.language = "fr"
    member_a.save(update_fields=["language"])
    login(client, member_a)
    response = _post(
        client, _form(samples.pdf_bytes(["What next?"])), django_capture_on_commit_callbacks
    )
    document = Document.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    content = page.content.decode()
    assert "SCN staff review it" in content
    assert member_a.email in content
    assert "Language of your emails: French" in content
    assert reverse("library:document-mine") in content
    assert document.get_absolute_url() in content
    # Once decided, the page sends the contributor to the document's own page.
    from library.services import document_publish

    document_publish(document=document, by=UserFactory(staff=True))
    again = client.get(response["Location"])
    assert again.status_code == 302
    assert again["Location"] == document.get_absolute_url()


def test_duplicate_of_a_document_the_uploader_may_not_see_says_so_without_its_title(
    client, member_a, city_b, django_capture_on_commit_callbacks
):
    pdf = samples.pdf_bytes(["A confidential plan."])
    hidden = DocumentFactory(
        title_en="Confidential plan of B",
        for_cities=True,
        shared_with=[city_b],
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    login(client, member_a)
    response = _post(client, _form(pdf), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["file"][0].code == "duplicate_file"
    assert b"Confidential plan of B" not in response.content
    assert hidden.get_absolute_url().encode() not in response.content
    assert Document.objects.count() == 1


def test_duplicate_of_ones_own_rejected_contribution_links_to_changing_it(
    client, member_a, django_capture_on_commit_callbacks
):
    pdf = samples.pdf_bytes(["Sent before, rejected."])
    mine = DocumentFactory(
        rejected=True, contributed_by=member_a, sha256=hashlib.sha256(pdf).hexdigest()
    )
    login(client, member_a)
    response = _post(client, _form(pdf), django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["file"][0].code == "duplicate_file"
    assert reverse("library:document-update", kwargs={"pk": mine.pk}).encode() in response.content
