"""The library as a member uses it in Chromium: contribute, watch, find, filter, download."""

from __future__ import annotations

import base64
import re

import pytest

from hub.models import City, Theme
from library import samples
from library.models import Document
from library.services import document_publish
from tests.browser.conftest import screenshot
from tests.browser.kit import log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.kit.worker import running
from tests.library.factories import DocumentFactory
from tests.library.worker import ExtractionWorker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings, tmp_path):
    with running(ExtractionWorker(settings.MEDIA_ROOT, tmp_path / "worker.log")) as w:
        yield w


def test_contribute_by_drag_and_drop_watch_it_index_then_find_it(page, scn_data, worker):
    member = UserFactory(city=City.objects.get(slug="mombasa"), email="m@mombasa.example")
    log_in(page, member)
    page.goto("/en/library/contribute/")
    pdf = samples.pdf_bytes(
        ["Mombasa local action plan.", "Page two.", "The kilindini mentoring circle meets weekly."]
    )
    page.evaluate(
        """([data, name]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: "application/pdf"}));
            const zone = document.querySelector("[data-dropzone]");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [base64.b64encode(pdf).decode(), "Mombasa plan.pdf"],
    )
    assert page.locator("input[type=file]").evaluate("i => i.files[0].name") == "Mombasa plan.pdf"
    page.get_by_label("Title in English").fill("Mombasa mentoring plan")
    page.get_by_label("Language of the document").select_option("en")
    page.get_by_label("Type").select_option("local_action_plan")
    page.get_by_role("button", name="Send the document").click()
    # It lands on the page that says what happens next, which follows the extraction too.
    page.wait_for_url(re.compile(r".*/library/documents/\d+/sent/$"))
    page.evaluate("window.sameDocument = true")
    # The state changes in place, without reloading, until the worker has indexed it.
    page.locator(".extraction--indexed").wait_for(timeout=60_000)
    assert "indexed" in page.locator("#extraction-status").inner_text().lower()
    assert page.evaluate("window.sameDocument") is True
    document = Document.objects.get()
    assert document.page_count == 3

    document_publish(document=document, by=UserFactory(staff=True))
    page.goto("/en/library/")
    page.locator("#library-q").fill("kilindini")
    page.get_by_role("button", name="Search", exact=True).last.click()
    results = page.locator(".result")
    assert results.count() == 1
    assert "Mombasa mentoring plan" in results.first.inner_text()
    assert results.first.locator("mark").first.inner_text().lower() == "kilindini"
    assert page.csp_violations == []


def _library(member) -> dict[str, Document]:
    youth = Theme.objects.get(slug="youth-engagement")
    schools = Theme.objects.get(slug="pve-in-schools")
    return {
        "english": DocumentFactory(
            title_en="Youth radicalisation in secondary schools",
            title_fr="La radicalisation des jeunes dans les lycées",
            pages=["A study of pupils and teachers."],
            themes=[youth, schools],
            year=2017,
        ),
        "arabic": DocumentFactory(
            title_en=None,
            title_ar="دليل الوقاية المجتمعية",
            language="ar",
            kind="toolkit",
            pages=["تعزيز الوقاية من التطرف العنيف في الأحياء"],
            themes=[youth],
            year=2018,
        ),
    }


def test_search_across_languages_facets_and_download(page, scn_data):
    member = UserFactory(city=City.objects.get(slug="tripoli"), email="t@tripoli.example")
    docs = _library(member)
    log_in(page, member)

    # French words find the English study through its French title.
    page.goto("/fr/library/?q=radicalisation+des+jeunes")
    assert page.locator(".result").count() == 1
    assert "lycées" in page.locator(".result__title").inner_text()

    # Arabic with and without diacritics.
    for query in ["الوقاية", "الوِقَايَة"]:
        page.goto("/ar/library/")
        page.locator("#library-q").fill(query)
        with page.expect_navigation():
            page.locator("#library-q").press("Enter")
        assert page.locator(".result").count() == 1, query
        assert "دليل الوقاية المجتمعية" in page.locator(".result__title").inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "library-search-ar")

    # Facets: tick a theme, apply, and the URL holds the state.
    page.goto("/en/library/")
    assert page.locator(".result").count() == 2
    page.get_by_label(
        re.compile(r"^Preventing violent extremism in schools|PVE in schools|schools", re.I)
    ).first.check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r".*theme=pve-in-schools.*"))
    assert page.locator(".result").count() == 1

    # Download from the document page.
    page.goto(docs["english"].get_absolute_url())
    with page.expect_download() as info:
        page.get_by_role("link", name="Download").click()
    download = info.value
    # Named after its title in the reader's language, with the extension of what it is.
    assert download.suggested_filename == "Youth radicalisation in secondary schools.txt"
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_library_pages_have_no_serious_accessibility_violation(page, scn_data, language):
    member = UserFactory(city=City.objects.get(slug="tripoli"), email="a@tripoli.example")
    docs = _library(member)
    log_in(page, member)
    for path in [
        "library/?q=prevention",
        "library/",
        "library/contribute/",
        docs["english"].get_absolute_url()[4:],
    ]:
        page.goto(f"/{language}/{path}")
        assert serious_violations(page) == [], path
