"""The directory of member cities in a browser: a member searches in French and finds a city
through its practice, highlighted; no serious accessibility violation in English and Arabic;
nothing sticks out sideways on a 390 px phone."""

from __future__ import annotations

import re

import pytest

from cityprofiles.models import CityProfile
from hub.models import City, Theme
from tests.browser.conftest import open_page, screenshot
from tests.browser.kit import check_fits_sideways, log_in, serious_violations
from tests.browser.test_phone import PHONE
from tests.cityprofiles.factories import NetworkFactory, PracticeFactory
from tests.hub.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(scn_data):
    """Saida with a mentoring practice written in English and translated into French; Tripoli
    with a youth campaign; a member of Dakar."""
    saida = CityProfile.objects.get(city__slug="saida")
    theme = Theme.objects.order_by("slug").first()
    PracticeFactory(
        profile=saida,
        source_language="en",
        title_en="Youth mentoring with schools",
        summary_en="Mentoring young people at risk, with teachers and youth workers.",
        title_fr="Mentorat des jeunes avec les écoles",
        summary_fr="Le mentorat des jeunes à risque, avec les enseignants et les animateurs.",
        title_ar="إرشاد الشباب مع المدارس",
        summary_ar="إرشاد الشباب المعرّضين للخطر مع المعلّمين والعاملين مع الشباب.",
        evidence_level="evaluated",
        themes=[theme],
    )
    NetworkFactory(profile=saida, name_en="Saida local prevention network")
    PracticeFactory(
        profile=CityProfile.objects.get(city__slug="tripoli"),
        title_en="Farha Tayshe",
        summary_en="A youth campaign against hate speech.",
        themes=[theme],
    )
    return UserFactory(city=City.objects.get(slug="dakar"), email="m@dakar.example")


def test_a_member_searches_mentorat_in_french_and_finds_the_practice_highlighted(page, world):
    log_in(page, world, "fr")
    page.locator("nav a[href='/fr/cities/']").first.click()
    page.wait_for_url("**/fr/cities/")
    page.locator("#directory-q").fill("mentorat")
    page.locator(".library-search__bar button[type=submit]").click()
    page.wait_for_url(re.compile(r".*q=mentorat.*"))
    results = page.locator(".directory-result")
    assert results.count() == 1
    assert "Saïda" in results.first.locator(".result__title").inner_text() or "Saida" in (
        results.first.locator(".result__title").inner_text()
    )
    practice = results.first.locator(".why__practice").first
    assert practice.locator(".why__name mark").first.inner_text().lower() == "mentorat"
    assert "Mentorat des jeunes" in practice.locator(".why__name").inner_text()
    assert practice.locator(".why__name").get_attribute("lang") == "fr"
    assert "Évaluée" in practice.inner_text()
    # The result links to the city's page.
    results.first.locator(".result__title a").click()
    page.wait_for_url("**/fr/cities/saida/")
    assert page.csp_violations == []


def test_choosing_a_theme_ranks_the_cities_and_the_url_holds_it(page, world):
    theme = Theme.objects.order_by("slug").first()
    log_in(page, world, "en")
    page.goto("/en/cities/")
    page.locator(f"input[name=theme][value={theme.slug}]").check()
    page.locator(".facets__actions button").click()
    page.wait_for_url(re.compile(rf".*theme={theme.slug}.*"))
    names = page.locator(".directory-result .result__title a").all_inner_texts()
    # Saida's evaluated practice (3) outweighs Tripoli's described one (1).
    assert [name.strip() for name in names] == ["Saida", "Tripoli"]
    sort = page.locator("#directory-sort option:checked")
    assert sort.inner_text() == "Strength of their work"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_directory_has_no_serious_accessibility_violation(page, world, language):
    log_in(page, world, language)
    for query in ("", "?q=mentoring", "?q=zzzzqqq"):
        page.goto(f"/{language}/cities/{query}")
        assert serious_violations(page) == [], query
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_directory_fits_a_phone(browser, live_server, settings, world, language):
    for phone in open_page(browser, live_server, settings, viewport=PHONE, is_mobile=True):
        log_in(phone, world, language)
        for query in ("", "?q=mentoring"):
            phone.goto(f"/{language}/cities/{query}")
            check_fits_sideways(phone, query)
        screenshot(phone, f"directory-phone-{language}")
