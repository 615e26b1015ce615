"""In Chromium on a phone, in English and Arabic: a city page listing its events and their
outputs, a document page saying which event it came from, and the profile's time zone select —
each fits the screen, has no serious accessibility violation and breaks no CSP rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventCity, EventOutput
from tests.browser.conftest import screenshot
from tests.browser.kit import check_fits_the_phone, log_in
from tests.events.factories import EventFactory
from tests.hub.factories import CityFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_event_outputs_and_the_time_zone_fit_a_phone(phone, language):
    city = CityFactory(name_en="Aarhus Test", name_ar="آرهوس", slug="aarhus-test")
    reader = UserFactory(city=CityFactory(), time_zone="America/New_York")
    summit = EventFactory(
        slug="summit",
        kind=Event.Kind.GLOBAL_SUMMIT,
        title_en="SCN Global Summit with a rather long title for a narrow phone screen",
        title_ar="القمة العالمية لشبكة المدن القوية",
        starts_at=datetime(2027, 3, 27, 9, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 29, 15, 0, tzinfo=UTC),
        venue_city=city,
    )
    exchange = EventFactory(
        slug="exchange", kind=Event.Kind.CITY_EXCHANGE, starts_at=None, ends_at=None, year=2019
    )
    EventCity.objects.create(event=exchange, city=city, role=EventCity.Role.VISITOR)
    report = DocumentFactory(title_en="Summit report", title_ar="تقرير القمة", cities=[city])
    EventOutput.objects.create(event=summit, document=report)
    EventOutput.objects.create(event=exchange, document=DocumentFactory(title_en="Exchange notes"))

    log_in(phone, reader, language, prefer=True)
    phone.goto(f"/{language}/cities/{city.slug}/")
    assert phone.locator("#city-events-heading").is_visible()
    check_fits_the_phone(phone, f"city page with events {language}")
    screenshot(phone, f"phone-city-events-{language}")
    with translation.override(language):
        phone.goto(reverse("library:document-detail", kwargs={"pk": report.pk}))
    assert phone.locator(".document-origins a").count() == 1
    check_fits_the_phone(phone, f"document from an event {language}")
    phone.goto(f"/{language}/events/summit/")
    assert "05:00" in phone.locator(".details").inner_text()  # the reader's New York time
    check_fits_the_phone(phone, f"event page in the reader's zone {language}")
    phone.goto(f"/{language}/profile/")
    phone.locator("select[name=time_zone]").select_option("Asia/Amman")
    phone.locator("form.stacked-form button[type=submit]").click()
    phone.wait_for_load_state()
    reader.refresh_from_db()
    assert reader.time_zone == "Asia/Amman"
    check_fits_the_phone(phone, f"profile {language}")
    assert phone.csp_violations == []
