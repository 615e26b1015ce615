"""Curating in Chromium, in English and Arabic: a curator reviews documents from their change
page; the admin list fits a 1280 px screen; a document's page shows its preview on a phone."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from hub.models import City
from library import samples
from library.models import Document
from library.services import document_extract
from tests.browser.conftest import screenshot
from tests.browser.kit import check_clean, log_in, no_sideways_scroll
from tests.hub.factories import UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the page says, per language: the labels and buttons the curator uses.
TEXTS = {
    "en": {
        "reason": "Reason for rejection (sent to the contributor)",
        "reject": "Reject with this reason",
        "publish": "Publish",
        "choose_all": "Choose all themes",
        "rejected": "is rejected",
        "published": "is published",
        "back": "Back to results",
        "first_page": "The first page of the document",
    },
    "ar": {
        "reason": "سبب الرفض (يُرسل إلى صاحب المساهمة)",
        "reject": "الرفض لهذا السبب",
        "publish": "نشر",
        "choose_all": "اختيار كل المواضيع",
        "rejected": "رُفض",
        "published": "نُشر",
        "back": "العودة إلى النتائج",
        "first_page": "الصفحة الأولى من المستند",
    },
}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_curator_rejects_and_publishes_from_the_change_page(page, scn_data, language, mailoutbox):
    texts = TEXTS[language]
    curator = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    contributor = UserFactory(city=City.objects.get(slug="tripoli"), email="c@tripoli.example")
    to_reject, to_publish = (
        DocumentFactory(
            submitted=True,
            contributed_by=contributor,
            contributing_city=contributor.city,
            title_en=title,
            summary_en="What the city learned.",
            pages=["The mentoring circles of the city meet every week."],
            preview=True,
        )
        for title in ("Draft youth plan", "Mentoring toolkit")
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, curator, language, code=True)

    page.goto(f"/{language}/admin/library/document/{to_reject.pk}/change/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    # Title and summary in language tabs; the choosers' texts in the page's language.
    tabs = page.locator(".ui-tabs-nav").first
    tabs.wait_for()
    assert tabs.locator('[role="tab"]').count() == 3
    # An English document opens on its English title, whatever the admin's language.
    assert page.locator("#id_title_en").is_visible()
    assert page.locator("#id_title_en").input_value() == "Draft youth plan"
    tabs.locator('[role="tab"]').nth(1).click()  # French
    assert page.locator("#id_title_fr").is_visible()
    assert not page.locator("#id_title_en").is_visible()
    tabs.locator('[role="tab"]').nth(1).press("ArrowRight")  # Arabic, with the keyboard
    page.locator("#id_title_ar").wait_for(state="visible")  # jQuery UI waits a moment
    page.locator("#id_themes_add_all").wait_for()
    assert page.locator("#id_themes_add_all").inner_text().strip() == texts["choose_all"]
    assert page.locator(".field-preview_image img").evaluate("i => i.naturalWidth") == 400
    # The language version is chosen by searching for a title.
    page.locator(".field-same_work_as .select2-selection").click()
    page.locator(".select2-search__field").fill("Mentoring")
    page.locator(".select2-results__option", has_text="Mentoring toolkit").wait_for()
    page.keyboard.press("Escape")
    check_clean(page)
    screenshot(page, f"admin-document-change-{language}")

    page.get_by_label(texts["reason"]).fill("Please add the annexes.")
    page.get_by_role("button", name=texts["reject"]).click()
    page.wait_for_url(f"**/{language}/admin/library/document/{to_reject.pk}/change/")
    assert texts["rejected"] in page.locator(".messagelist").inner_text()
    check_clean(page)  # with the flash message shown
    to_reject.refresh_from_db()
    assert (to_reject.status, to_reject.rejection_reason) == ("rejected", "Please add the annexes.")

    page.goto(f"/{language}/admin/library/document/{to_publish.pk}/change/")
    page.get_by_role("button", name=texts["publish"], exact=True).click()
    page.wait_for_url(f"**/{language}/admin/library/document/{to_publish.pk}/change/")
    assert texts["published"] in page.locator(".messagelist").inner_text()
    to_publish.refresh_from_db()
    assert to_publish.status == Document.Status.PUBLISHED
    assert sorted(m.to[0] for m in mailoutbox) == [contributor.email, contributor.email]
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_documents_list_is_readable_at_1280_px(page, scn_data, language):
    curator = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    tripoli = City.objects.get(slug="tripoli")
    for n in range(12):
        DocumentFactory(
            title_en=f"Local action plan for the prevention of violent extremism, part {n}",
            title_ar=f"خطة العمل المحلية للوقاية من التطرف العنيف، الجزء {n}",
            contributing_city=tripoli,
            submitted=n % 2 == 0,
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, curator, language, code=True)
    page.goto(f"/{language}/admin/library/document/")
    assert page.locator("#result_list tbody tr").count() == 12
    assert no_sideways_scroll(page)
    # Every column is in view: the list does not scroll inside its box, nor run under the
    # filters, and no header is drawn over another.
    results = page.locator("#changelist .results")
    assert results.evaluate("r => r.scrollWidth <= r.clientWidth"), results.evaluate(
        "r => [r.scrollWidth, r.clientWidth]"
    )
    table = page.locator("#result_list").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    assert table["x"] >= 0 and table["x"] + table["width"] <= 1280
    overlap = min(table["x"] + table["width"], filters["x"] + filters["width"]) - max(
        table["x"], filters["x"]
    )
    assert overlap <= 0, (table, filters)
    boxes = page.locator("#result_list thead th").evaluate_all(
        "cells => cells.map(c => { const r = c.getBoundingClientRect();"
        " return [r.left, r.right]; })"
    )
    ordered = sorted(boxes)
    assert all(a[1] <= b[0] + 1 for a, b in zip(ordered, ordered[1:], strict=False)), ordered
    # No word is cut inside: each type fits on its line.
    kinds = page.locator("#result_list td.field-kind").evaluate_all(
        "cells => cells.map(c => c.getClientRects().length && c.scrollWidth <= c.clientWidth)"
    )
    assert all(kinds)
    check_clean(page)
    screenshot(page, f"admin-document-list-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_document_page_shows_its_preview_and_the_way_back_on_a_phone(page, scn_data, language):
    texts = TEXTS[language]
    member = UserFactory(city=City.objects.get(slug="tripoli"), email="m@tripoli.example")
    content = samples.pdf_bytes(["Tripoli youth resilience plan, first page.", "Second page."])
    document = DocumentFactory(
        title_en="Youth resilience plan",
        title_ar="خطة صمود الشباب",
        publisher="Municipality of Tripoli",
        file=ContentFile(content, name="plan.pdf"),
        file_kind="pdf",
        file_size=len(content),
        extraction_state=Document.Extraction.PENDING,
    )
    assert document_extract(document_id=document.pk) == "indexed"  # the worker's own path
    document.refresh_from_db()
    assert document.has_preview

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, member, language)
    page.goto(f"/{language}/library/documents/{document.pk}/?from=q%3Dresilience")
    preview = page.get_by_role("img", name=texts["first_page"])
    preview.scroll_into_view_if_needed()
    assert preview.evaluate("i => i.complete && i.naturalWidth") == 400
    assert preview.bounding_box()["width"] <= 390
    back = page.get_by_role("link", name=texts["back"])
    assert back.get_attribute("href") == f"/{language}/library/?q=resilience"
    assert no_sideways_scroll(page)
    check_clean(page)
    screenshot(page, f"document-phone-{language}")
    assert page.csp_violations == []
