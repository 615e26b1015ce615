"""The participant list (with attendance) fits a phone and has
no serious accessibility violation, in English and Arabic."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Registration, RegistrationAnswer
from tests.browser.kit import check_fits_sideways, log_in, serious_violations
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    log_in(phone, staff, code=True)
    for language in ("en", "ar"):
        phone.goto(f"/{language}/events/{event.slug}/participants/")
        check_fits_sideways(phone, language)
        assert serious_violations(phone) == [], language
    phone.locator("input[name=attended]").first.check()
    phone.locator("form[action$='/attendance/'] button[type=submit]").click()
    phone.locator(".messages").wait_for()
    assert Registration.objects.filter(event=event, attended=True).count() == 1
    assert phone.csp_violations == []  # type: ignore[attr-defined]
