"""The city page in Chromium: accessible in English and Arabic, fits a phone, and keeps text of
the other direction in its own direction."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cityprofiles.models import Practice, Provenance
from hub.models import City, Theme
from tests.browser.conftest import screenshot
from tests.browser.kit import check_fits_the_phone, log_in, serious_violations
from tests.cityprofiles.factories import (
    ChallengeFactory,
    ExchangeFactory,
    NetworkFactory,
    PracticeFactory,
    profile_of,
)
from tests.hub.factories import UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_OVERVIEW = "تعمل طرابلس مع الشباب والعائلات والمدارس للوقاية من التطرف العنيف."


@pytest.fixture
def tripoli(scn_data):
    """Tripoli's profile written in Arabic (no English overview), an English approach, a
    challenge and two practices (one only in Arabic), its network, documents and an
    exchange; Saida alike enough to be listed among the cities like it."""
    tripoli, saida = City.objects.get(slug="tripoli"), City.objects.get(slug="saida")
    themes = list(Theme.objects.order_by("position")[:3])
    focal = UserFactory(city=tripoli, focal_point=True, name="Rania Haddad")
    UserFactory(city=tripoli, practitioner=True, name="Omar Khalil")
    plan = DocumentFactory(title_en="Tripoli local action plan", cities=[tripoli])
    profile = profile_of(
        tripoli,
        source_language="ar",
        overview_ar=ARABIC_OVERVIEW,
        approach_en="Working through a local prevention network of many sectors.",
        population_band="250k_1m",
        languages=["ar", "fr", "en"],
        local_action_plan=plan,
        published_at=timezone.now(),
    )
    ChallengeFactory(
        profile=profile, text_en="Young people recruited online by violent groups", themes=themes
    )
    PracticeFactory(
        profile=profile,
        title_en="",
        title_ar="فرحة تايشة",
        summary_en="",
        summary_ar="حملة شبابية للفرح والأمل في طرابلس.",
        source_language="ar",
        kind=Practice.Kind.CAMPAIGN,
        themes=themes[:1],
        provenance=Provenance.PROGRAMME_2019,
        contact=focal,
    )
    PracticeFactory(
        profile=profile,
        title_en="Mentors in secondary schools with an exceptionally long programme name",
        themes=themes[1:],
        evidence_level=Practice.Evidence.EVALUATED,
        evaluation=DocumentFactory(title_en="Evaluation of the mentoring", cities=[tripoli]),
        status=Practice.Status.ENDED,
        start_year=2016,
        end_year=2019,
    )
    NetworkFactory(
        profile=profile,
        name_en="Tripoli local prevention network",
        members_by_sector={"municipality": 5, "religious": 3, "youth": 6},
        activities_ar="لقاءات شهرية مع الشباب.",
        provenance=Provenance.PROGRAMME_2019,
    )
    for i in range(3):
        DocumentFactory(title_en=f"Study of Tripoli, part {i}", cities=[tripoli], preview=True)
    ExchangeFactory(host=tripoli, visitor=saida, year=2019, month=5)
    ChallengeFactory(profile=profile_of(saida, languages=["ar"]), themes=themes[:2])
    return tripoli


@pytest.fixture
def reader(tripoli):
    return UserFactory(city=City.objects.get(slug="saida"), email="reader@saida.example")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_city_page_has_no_serious_accessibility_violation(page, tripoli, reader, language):
    log_in(page, reader, language, prefer=True)
    page.goto(f"/{language}/cities/tripoli/")
    assert page.locator("h1").inner_text().strip()
    assert serious_violations(page) == []
    assert page.csp_violations == []
    screenshot(page, f"city-page-{language}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_empty_city_page_has_no_serious_accessibility_violation(page, tripoli, reader, language):
    log_in(page, reader, language, prefer=True)
    page.goto(f"/{language}/cities/dakar/")
    assert page.locator("#empty-heading").is_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_city_page_fits_a_phone(phone, tripoli, reader, language):
    log_in(phone, reader, language, prefer=True)
    phone.goto(f"/{language}/cities/tripoli/")
    check_fits_the_phone(phone, f"city page {language}")
    screenshot(phone, f"phone-city-page-{language}")
    assert phone.csp_violations == []


def test_arabic_content_keeps_its_direction_on_an_english_page(page, tripoli, reader):
    log_in(page, reader, "en", prefer=True)
    page.goto("/en/cities/tripoli/")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
    overview = page.locator("section[aria-labelledby='overview-heading'] [lang='ar']")
    assert overview.inner_text() == ARABIC_OVERVIEW
    assert overview.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # Marked as a fallback, in the page's language.
    assert page.get_by_text("In Arabic — not yet translated.").first.is_visible()
    title = page.locator(".city-practice h3 [lang='ar']")
    assert title.inner_text() == "فرحة تايشة"
    assert title.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # An English city name inside the Arabic page stays isolated the other way round.
    page.goto("/ar/cities/tripoli/")
    approach = page.locator("section[aria-labelledby='approach-heading'] [lang='en']")
    assert approach.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
