"""The participant list (with attendance) fits a phone and has
no serious accessibility violation, in English and Arabic."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Registration, RegistrationAnswer
from tests.browser.test_accessibility import _serious_violations
from tests.browser.test_phone import _overflowing
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import PASSWORD, CityFactory, UserFactory, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in_staff(page, staff) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code(staff))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/")


# Staff attaching an output in the admin, seen on the city page: test_events_journey.py.


def test_participant_list_fits_a_phone_and_marks_attendance_in_english_and_arabic(phone):
    held = timezone.now() - timedelta(days=1)
    event = EventFactory(starts_at=held, ends_at=held + timedelta(hours=6), capacity=None)
    question = QuestionFactory(event=event, text_ar="ماذا تودّ أن تتعلم؟")
    city = CityFactory(name_en="Mombasa Test", name_ar="مومباسا")
    for i in range(3):
        registration = Registration.objects.create(
            event=event,
            user=UserFactory(city=city, name=f"Participant {i}"),
            city=city,
            roles=["practitioner"],
            status=Registration.Status.CONFIRMED,
        )
        RegistrationAnswer.objects.create(
            registration=registration, question=question, value="Working with schools"
        )
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    _log_in_staff(phone, staff)
    for language in ("en", "ar"):
        phone.goto(f"/{language}/events/{event.slug}/participants/")
        width = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width[0] <= width[1], (language, width, _overflowing(phone))
        assert _serious_violations(phone) == [], language
    phone.locator("input[name=attended]").first.check()
    phone.locator("form[action$='/attendance/'] button[type=submit]").click()
    phone.locator(".messages").wait_for()
    assert Registration.objects.filter(event=event, attended=True).count() == 1
    assert phone.csp_violations == []  # type: ignore[attr-defined]
