"""The hub on a 390×844 phone, in English and Arabic: a short header whose sections fold into a
menu, no page wider than the screen, tap targets of 24 px, and directory filters that wait for
their button."""

from __future__ import annotations

import re

import pytest

from hub.models import City
from library.models import Document
from tests.browser.conftest import PHONE, screenshot
from tests.browser.kit import check_fits_the_phone, log_in, serious_violations
from tests.hub.factories import PASSWORD, AccessRequestFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def focal_point(scn_data):
    tripoli = City.objects.get(slug="tripoli")
    user = UserFactory(
        city=tripoli, focal_point=True, email="focal@tripoli.example", name="Rania Haddad"
    )
    UserFactory(city=tripoli, practitioner=True, name="Omar Khalil")
    AccessRequestFactory(city=tripoli, name="Youssef Applicant-With-A-Long-Name")
    long_word = "Deradicalisationandcommunityresilienceprogrammeevaluation"
    for i in range(3):
        DocumentFactory(
            title_en=f"Community resilience and prevention networks in Tripoli, part {i}",
            title_ar=f"شبكات الصمود المجتمعي والوقاية في طرابلس، الجزء {i}",
            contributing_city=tripoli,
            contributed_by=user,
            pages=["Prevention networks meet weekly in Tripoli."],
        )
    DocumentFactory(
        title_en=f"{long_word} report", contributed_by=user, submitted=True, pages=["Text."]
    )
    DocumentFactory(
        title_en="Rejected plan",
        contributed_by=user,
        status=Document.Status.REJECTED,
        rejection_reason="Please add the annex with the budget of the programme.",
        published_at=None,
    )
    return user


@pytest.mark.parametrize("language", ["en", "ar"])
def test_phone_pages_fit_the_screen_under_a_short_header(phone, focal_point, language):
    log_in(phone, focal_point, language, prefer=True)
    document = Document.objects.filter(status=Document.Status.PUBLISHED).first()
    pages = {
        "home": f"/{language}/",
        "library": f"/{language}/library/",
        "document": f"/{language}/library/documents/{document.pk}/",
        "contributions": f"/{language}/library/mine/",
        "directory": f"/{language}/cities/",
        "access-requests": f"/{language}/access-requests/",
    }
    for name, path in pages.items():
        phone.goto(path)
        check_fits_the_phone(phone, f"{name} {language}")
        screenshot(phone, f"phone-{name}-{language}")
    assert phone.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_phone_menu_button_opens_the_sections(phone, focal_point, language):
    log_in(phone, focal_point, language, prefer=True)
    library = phone.locator(".main-nav a[href$='/library/']")
    assert not library.is_visible()
    button = phone.locator(".nav-menu__button")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    button.click()
    assert library.is_visible()
    # The open menu drops over the page: the header keeps its height.
    assert phone.locator(".site-header").bounding_box()["height"] <= 0.2 * PHONE["height"]
    assert serious_violations(phone) == []
    screenshot(phone, f"phone-menu-open-{language}")
    phone.keyboard.press("Escape")
    assert not library.is_visible()
    button.click()
    library.click()
    phone.wait_for_url(f"**/{language}/library/")
    # The library page has its own search box: the header's is not there (item 5).
    assert phone.locator("#library-q").count() == 1


def test_phone_menu_works_without_javascript(browser, live_server, focal_point):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    try:
        focal_point.language = "en"
        focal_point.save(update_fields=["language"])
        page.goto("/en/accounts/login/")
        page.locator("input[name=login]").fill(focal_point.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
        page.wait_for_url("**/en/")
        page.locator(".nav-menu__button").click()
        page.locator(".main-nav a[href$='/cities/']").click()
        page.wait_for_url("**/en/cities/")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_wide_screen_shows_the_sections_without_a_menu_button(phone, focal_point, language):
    log_in(phone, focal_point, language, prefer=True)
    phone.set_viewport_size({"width": 1280, "height": 800})
    assert not phone.locator(".nav-menu__button").is_visible()
    library = phone.locator(".main-nav a[href$='/library/']")
    assert library.is_visible()
    # Reached with the keyboard, as any link of the page.
    phone.locator(".brand").focus()
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('href')").endswith(f"/{language}/")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('href')").endswith("/library/")
    assert phone.locator("#site-search-q").is_visible()
    assert phone.locator(".site-header").bounding_box()["height"] <= 120
    assert serious_violations(phone) == []
    screenshot(phone, f"wide-home-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_phone_directory_region_filter_applies_only_on_the_button(phone, focal_point, language):
    log_in(phone, focal_point, language, prefer=True)
    phone.goto(f"/{language}/cities/")
    url = phone.url
    phone.locator(".filters-disclosure__summary").click()  # folded on a phone
    region = phone.locator("input[name=region]").first
    chosen = region.get_attribute("value")
    region.check()
    phone.wait_for_timeout(300)  # time enough for a navigation to start, were there one
    assert phone.url == url
    # Applying the filters is a button press; the countries then are the region's only.
    phone.locator(".facets__actions button").click()
    phone.wait_for_url(re.compile(rf".*region={chosen}.*"))
    from hub.models import Country

    expected = set(Country.objects.filter(region__slug=chosen).values_list("iso_code", flat=True))
    shown = set(
        phone.locator("input[name=country]").evaluate_all("inputs => inputs.map(i => i.value)")
    )
    assert shown and shown <= expected
    check_fits_the_phone(phone, f"directory filtered {language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_phone_directory_search_by_city_name(phone, focal_point, language):
    log_in(phone, focal_point, language, prefer=True)
    phone.goto(f"/{language}/cities/")
    phone.locator("#directory-q").fill("طرابلس" if language == "ar" else "tripoli")
    phone.locator(".library-search__bar button[type=submit]").click()
    phone.wait_for_url(re.compile(r".*q=.*"))
    names = phone.locator(".directory-result .result__title a").all_inner_texts()
    assert names
    assert all(("طرابلس" if language == "ar" else "Tripoli") in name for name in names), names
