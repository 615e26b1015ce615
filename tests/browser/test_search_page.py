"""The library's results page as members use it, in English and Arabic: facets that combine
and come off one by one, Arabic snippets as written, "did you mean", a phone's first screen."""

from __future__ import annotations

import re

import pytest

from hub.models import City
from tests.browser.kit import log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    tripoli, mombasa = City.objects.get(slug="tripoli"), City.objects.get(slug="mombasa")
    DocumentFactory(title_en="Resilience in Tripoli", language="en", cities=[tripoli], year=2020)
    DocumentFactory(title_en="Mombasa youth study", language="en", cities=[mombasa], year=2021)
    DocumentFactory(
        title_en="", title_fr="Plan local de Tripoli", language="fr", cities=[tripoli], year=2022
    )
    DocumentFactory(
        title_en="",
        title_ar="دراسة تجريبية",
        language="ar",
        pages=["الشبكة تجمع القادة في المدينة من أجل الوقاية من التطرف العنيف"],
        year=2023,
    )
    return UserFactory(city=tripoli, email="m@tripoli.example")


def _titles(page) -> list[str]:
    return sorted(page.locator(".result__title a").all_inner_texts())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_facets_combine_and_each_chosen_value_comes_off_on_its_own(page, scn_data, language):
    log_in(page, _world())
    page.goto(f"/{language}/library/")
    assert page.locator(".result").count() == 4
    # Newest first without words; the type, size and pages are shown before opening.
    assert page.locator("#library-sort").input_value() == "newest"
    assert page.locator(".result__file").first.inner_text().strip() != ""

    page.locator("input[name=language][value=en]").check()
    page.locator(".facets__actions button").click()
    page.wait_for_url(re.compile(r".*language=en.*"))
    assert page.locator(".result").count() == 2
    # French and Arabic stay offered, with their counts, and so do the cities.
    french = page.locator("label[for=f-language-fr]")
    assert french.is_visible() and "(1)" in french.inner_text()
    assert page.locator("label[for=f-language-ar]").is_visible()
    assert page.locator("input[name=city]").count() >= 2
    assert serious_violations(page) == []

    # OR within a facet, AND across facets.
    page.locator("input[name=language][value=fr]").check()
    page.locator("input[name=city][value=tripoli]").check()
    page.locator(".facets__actions button").click()
    page.wait_for_url(re.compile(r".*city=tripoli.*"))
    assert _titles(page) == ["Plan local de Tripoli", "Resilience in Tripoli"]
    chips = page.locator(".chip")
    assert chips.count() == 3

    # Remove English alone: French and the city stay chosen.
    # (the chip whose link keeps everything but English)
    page.locator("a.chip:not([href*='language=en'])[href*='language=fr']").click()
    page.wait_for_load_state()
    assert "language=en" not in page.url and "language=fr" in page.url
    assert "city=tripoli" in page.url
    assert _titles(page) == ["Plan local de Tripoli"]
    assert page.locator(".chip").count() == 2
    assert serious_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_arabic_snippets_are_as_written_and_misspellings_get_a_suggestion(page, scn_data, language):
    log_in(page, _world())
    page.goto(f"/{language}/library/?q=الشبكه")
    snippet = page.locator(".result__snippet").first.inner_text()
    assert "الشبكة" in snippet and "القادة" in snippet and "أجل" in snippet
    assert "الشبكه" not in snippet
    assert page.locator(".result__snippet mark").first.inner_text() == "الشبكة"
    assert serious_violations(page) == []

    page.goto(f"/{language}/library/?q=resilence&city=tripoli")
    assert page.locator(".result").count() == 0
    assert page.locator("#library-q").input_value() == "resilence"
    page.locator(".no-results a", has_text="resilience").click()
    page.wait_for_url(re.compile(r".*q=resilience.*"))
    assert "city=tripoli" in page.url
    assert _titles(page) == ["Resilience in Tripoli"]
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_the_first_result_is_on_the_first_screen(
    browser, live_server, settings, scn_data, language
):
    member = _world()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        log_in(page, member)
        page.goto(f"/{language}/library/?language=en&language=fr")
        first = page.locator(".result").first.bounding_box()
        assert first is not None and first["y"] + 40 < 844
        assert page.locator(".filters-disclosure").get_attribute("open") is None
        assert "2" in page.locator(".filters-disclosure__summary").inner_text()
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        page.locator(".filters-disclosure__summary").click()
        assert page.locator("input[name=language][value=ar]").is_visible()
        assert serious_violations(page) == []
    finally:
        context.close()
