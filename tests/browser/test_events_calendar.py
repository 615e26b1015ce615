"""The calendar in Chromium, in English and Arabic: the month grid and the list have no serious
or critical axe-core violation, fit a 390×844 phone without sideways scrolling (the month as a
list of days), and the Arabic grid runs right to left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from events.models import Event, EventCity
from tests.browser.conftest import screenshot
from tests.browser.kit import check_fits_the_phone, log_in, serious_violations
from tests.events.factories import EventFactory
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def month_of_events():
    """This month's events: a summit of three days with a long title, a city exchange, an
    event known only by its month; and past ones known only by their year."""
    today = timezone.localdate()
    first = datetime(today.year, today.month, 1, 7, tzinfo=UTC)
    host, visitor = CityFactory(name_en="Dakar Test"), CityFactory(name_en="Montréal Test")
    theme = ThemeFactory(name_en="Youth engagement", name_ar="إشراك الشباب")
    summit = EventFactory(
        slug="summit",
        kind=Event.Kind.GLOBAL_SUMMIT,
        title_en="Global Summit of the Strong Cities Network on prevention with young people",
        title_ar="القمة العالمية لشبكة المدن القوية حول الوقاية مع الشباب",
        starts_at=first + timedelta(days=9),
        ends_at=first + timedelta(days=11, hours=8),
        venue_city=host,
    )
    summit.themes.add(theme)
    exchange = EventFactory(
        slug="exchange",
        kind=Event.Kind.CITY_EXCHANGE,
        title_en="City exchange Dakar – Montréal",
        title_ar="",  # shown in English, marked as such
        starts_at=first + timedelta(days=14),
        ends_at=first + timedelta(days=14, hours=6),
        time_zone="Africa/Dakar",
    )
    EventCity.objects.create(event=exchange, city=host, role=EventCity.Role.HOST)
    EventCity.objects.create(event=exchange, city=visitor, role=EventCity.Role.VISITOR)
    EventFactory(
        slug="month-only", starts_at=None, ends_at=None, year=today.year, month=today.month
    )
    EventFactory(slug="aarhus-2017", starts_at=None, ends_at=None, year=2017)
    return today


@pytest.mark.parametrize("language", ["en", "ar"])
def test_calendar_is_accessible_and_fits_a_phone(phone, month_of_events, language):
    member = UserFactory(city=CityFactory(), email=f"cal-{language}@city.example")
    today = month_of_events
    month = f"/{language}/events/{today.year}/{today.month}/"
    log_in(phone, member, language, prefer=True)

    # On the phone: the month as a list of its days with events, then the past list.
    phone.goto(month)
    assert phone.locator(".month-day__label:visible").count() == 4  # summit ×3, exchange
    check_fits_the_phone(phone, f"calendar month {language}")
    screenshot(phone, f"calendar-month-phone-{language}")
    phone.goto(f"/{language}/events/past/?kind=regional_workshop")
    # Under their years, latest first; the one known only by its year has no other date.
    years = phone.locator(".calendar-year__title").all_inner_texts()
    assert years == [str(today.year), "2017"]
    check_fits_the_phone(phone, f"calendar past {language}")

    # On a wide screen: the grid of seven columns, right to left in Arabic; the list.
    phone.set_viewport_size({"width": 1280, "height": 900})
    phone.goto(month)
    headers = phone.locator(".month-grid thead th")
    assert headers.count() == 7
    first_x, last_x = headers.nth(0).bounding_box()["x"], headers.nth(6).bounding_box()["x"]
    assert (first_x > last_x) if language == "ar" else (first_x < last_x)
    assert serious_violations(phone) == []
    screenshot(phone, f"calendar-month-{language}")
    phone.goto(f"/{language}/events/")
    assert phone.locator(".calendar-event").count() == 2
    assert serious_violations(phone) == []
    assert phone.csp_violations == []
