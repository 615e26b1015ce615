"""Staff attach a library document to a past event in the admin (search-as-you-type chooser),
and it shows on the event's page; the participant list (with attendance) fits a phone and has
no serious accessibility violation, in English and Arabic."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration, RegistrationAnswer
from tests.browser.test_accessibility import _serious_violations
from tests.browser.test_phone import _overflowing
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import PASSWORD, CityFactory, UserFactory, totp_code
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in_staff(page, staff) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code(staff))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/")


def test_staff_attach_a_document_as_an_output_and_it_shows_on_the_event_page(page):
    held = timezone.now() - timedelta(days=10)
    event = EventFactory(
        title_en="Youth lab on online hate",
        starts_at=held,
        ends_at=held + timedelta(hours=6),
        registration=Event.Registration.CLOSED,
    )
    DocumentFactory(title_en="Communiqué of the youth lab")
    DocumentFactory(title_en="An unrelated evaluation")
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    _log_in_staff(page, staff)

    page.goto(reverse("admin:events_event_change", args=[event.pk]))
    page.locator("#outputs-group").get_by_role("button", name="Add another Event output").click()
    page.locator("#outputs-0 .select2-selection").click()
    page.locator(".select2-search__field").fill("youth lab")
    page.locator(".select2-results__option", has_text="Communiqué of the youth lab").click()
    page.locator("#outputs-0 select[name$='-kind']").select_option("communique")
    page.locator("input[name='_continue']").click()
    page.locator(".messagelist .success").wait_for()

    page.goto(reverse("events:event-detail", kwargs={"slug": event.slug}))
    outputs = page.locator("section[aria-labelledby='event-outputs']")
    assert outputs.get_by_role("link", name="Communiqué of the youth lab").is_visible()
    assert "An unrelated evaluation" not in outputs.inner_text()
    assert page.csp_violations == []  # type: ignore[attr-defined]


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
