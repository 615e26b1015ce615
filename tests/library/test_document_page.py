"""The document page: the way back to its results, what it says before download, its preview,
and the name a download gets."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from library.filenames import attachment_disposition, title_filename
from library.links import results_query
from tests.conftest import login
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "خطة العمل المحلية لمدينة طرابلس"


def _back_link(client, document, **query) -> tuple[str, str]:
    """(text, href) of the page's way back."""
    url = document.get_absolute_url() + (f"?{urlencode(query)}" if query else "")
    response = client.get(url)
    assert response.status_code == 200
    context = response.context
    return str(context["back_to_results"]), context["back_url"]


# --------------------------------------------------------------------------------------------
# Back to results
# --------------------------------------------------------------------------------------------


def test_document_page_links_back_to_the_results_it_was_opened_from(client, member_a):
    document = DocumentFactory()
    login(client, member_a)
    search = "q=youth+plan&theme=youth-engagement&language=ar&sort=newest&page=2"
    response = client.get(document.get_absolute_url() + "?" + urlencode({"from": search}))
    html = response.content.decode()
    back = reverse("library:document-list") + "?" + search
    assert response.context["back_url"] == back
    assert f'href="{back.replace("&", "&amp;")}">Back to results</a>' in html


def test_document_page_links_back_to_the_library_without_from(client, member_a):
    document = DocumentFactory()
    login(client, member_a)
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{reverse("library:document-list")}">Back to the library</a>' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "//evil.example",
        "https://evil",
        "https://evil.example/library/?q=x",
        "/en/accounts/logout/",
        "javascript:alert(1)",
        "\\\\evil.example",
        "q=" + "x" * 3000,  # longer than any search
        "next=https://evil.example&redirect=//evil",
    ],
)
def test_a_hostile_from_is_dropped(client, member_a, hostile):
    document = DocumentFactory()
    login(client, member_a)
    back_to_results, back_url = _back_link(client, document, **{"from": hostile})
    assert (back_to_results, back_url) == ("False", reverse("library:document-list"))


def test_from_keeps_only_the_searchs_own_parameters_encoded_again():
    assert results_query("?q=plan&evil=//x&theme=a&theme=b") == "q=plan&theme=a&theme=b"
    assert results_query("q=<script>&sort=title") == "q=%3Cscript%3E&sort=title"
    # Whatever it holds, what comes back is a query string: no scheme, host or path.
    for raw in ["q=//evil.example", "q=https://evil", "q=%2F%2Fevil"]:
        kept = results_query(raw)
        assert kept.startswith("q=")
        assert "/" not in kept and ":" not in kept
    assert results_query("") == ""


def test_links_to_other_documents_carry_the_way_back(client, member_a):
    document = DocumentFactory(title_en="Plan")
    DocumentFactory(title_en=None, title_fr="Plan (FR)", language="fr", work=document.work)
    login(client, member_a)
    url = document.get_absolute_url() + "?" + urlencode({"from": "q=plan"})
    html = client.get(url).content.decode()
    assert "?" + urlencode({"from": "q=plan"}) in html.split("Also available in")[1]


# --------------------------------------------------------------------------------------------
# What the page says before download
# --------------------------------------------------------------------------------------------


def test_document_page_shows_publisher_date_pages_size_type_and_preview(client, member_a):
    document = DocumentFactory(
        publisher="Ville de Tunis",
        file_kind="pdf",
        file_size=1_250_000,
        page_count=12,
        preview=True,
    )
    login(client, member_a)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "<bdi>Ville de Tunis</bdi>" in html
    with translation.override("en"):
        from django.template.defaultfilters import date, filesizeformat

        assert date(document.created_at) in html
        assert filesizeformat(1_250_000) in html  # "1.2 MB"
    assert "<dt>Pages</dt><dd>12</dd>" in html
    assert "<dt>File type</dt><dd>PDF</dd>" in html
    assert f'src="{document.preview_url}" width="400" height="566"' in html


def test_document_page_in_french_localises_size_and_date(client, member_a):
    document = DocumentFactory(file_kind="docx", file_size=1_250_000, page_count=3)
    login(client, member_a)
    html = client.get("/fr" + document.get_absolute_url()[3:]).content.decode()
    assert "1,2\xa0Mio" in html  # Django's French units (1024-based)
    assert "<dd>Document Word (DOCX)</dd>" in html
    assert "<dt>Pages</dt>" not in html  # a DOCX has no pages, only pseudo-pages


# --------------------------------------------------------------------------------------------
# The name of a download
# --------------------------------------------------------------------------------------------


def test_download_is_named_after_the_arabic_title_with_the_files_extension(client, member_a):
    document = DocumentFactory(
        title_en="Local action plan of Tripoli",
        title_ar=ARABIC_TITLE,
        original_filename="demo.pdf",
        file_kind="pdf",
        file=ContentFile(b"%PDF-1.7 not really", name="stored.pdf"),
    )
    login(client, member_a)
    url = reverse("library:document-download", kwargs={"pk": document.pk})
    arabic = client.get("/ar" + url[3:])
    assert arabic.status_code == 200
    disposition = arabic["Content-Disposition"]
    assert disposition == (
        "attachment; filename=\"document.pdf\"; filename*=UTF-8''"
        + quote(f"{ARABIC_TITLE}.pdf", safe="")
    )
    english = client.get(url)["Content-Disposition"]
    assert english.startswith('attachment; filename="Local action plan of Tripoli.pdf";')


def test_download_name_falls_back_to_the_title_there_is(client, member_a):
    document = DocumentFactory(title_en=None, title_ar=ARABIC_TITLE, file_kind="txt")
    login(client, member_a)
    url = reverse("library:document-download", kwargs={"pk": document.pk})
    disposition = client.get("/fr" + url[3:])["Content-Disposition"]
    assert disposition.endswith("''" + quote(f"{ARABIC_TITLE}.txt", safe=""))


def test_download_extension_is_what_the_file_is_not_what_it_was_called(db):
    document = DocumentFactory(title_en="Plan.pdf", original_filename="plan.pdf", file_kind="html")
    assert document.download_name == "Plan.pdf.html"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Plan d'action : 2024/25", "Plan d'action - 2024 - 25.pdf"),
        ("a\u202egpj.exe", "agpj.exe.pdf"),  # no bidi override to fake the extension
        ('Report "final"\r\nX-Evil: 1', "Report - final - X-Evil - 1.pdf"),
        ("   ", "document.pdf"),
        ("..", "document.pdf"),
    ],
)
def test_title_filename_is_safe_on_every_system(title, name):
    assert title_filename(title, ".pdf") == name


def test_title_filename_is_bounded_at_a_word():
    name = title_filename("word " * 100, ".docx")
    assert len(name) <= 155
    assert name.endswith("word.docx")


def test_attachment_disposition_has_an_ascii_fallback_and_the_exact_utf8_name():
    header = attachment_disposition("Plan d’action « prévention ».pdf")
    assert header == (
        'attachment; filename="Plan daction prevention.pdf"; '
        "filename*=UTF-8''" + quote("Plan d’action « prévention ».pdf", safe="")
    )
