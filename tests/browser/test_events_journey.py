"""One journey through events in Chromium, in Arabic: a member finds an event in the month grid,
registers with answers and is put on the waiting list; another participant cancels and the
member is promoted (each told by email in their own language, with the event's calendar file);
the member downloads the `.ics`; after the event, staff attach a library document as an output
in the admin, and it shows on the host city's page. axe-core checks the Arabic pages on the way
(the grid, the list, the event page and the registration form; English: test_events_calendar.py
and test_accessibility.py)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import Event, EventCity, Registration
from events.services.registrations import registration_cancel, registration_create
from tests.browser.conftest import open_page
from tests.browser.kit import log_in, serious_violations
from tests.events.factories import EventFactory, QuestionFactory
from tests.hub.factories import CityFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAIROBI = zoneinfo.ZoneInfo("Africa/Nairobi")


def _subject(language: str, msgid: str, title: str) -> str:
    with translation.override(language):
        # The title is isolated (FSI … PDI) inside the text of the other direction.
        return gettext(msgid) % {"event_title": f"\u2068{title}\u2069"}


def _mail_to(email: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if email in message.to]


def _axe_clean(page, where: str) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl", where
    assert serious_violations(page) == [], where


def test_a_member_in_arabic_is_waitlisted_promoted_and_sees_the_output_on_the_city_page(
    browser, live_server, settings
):
    mombasa = CityFactory(name_en="Mombasa Test", name_ar="ممباسا", slug="mombasa-test")
    member = UserFactory(city=CityFactory(name_en="Amman Test"), email="member@city.example")
    other = UserFactory(city=CityFactory(), email="other@city.example", language="fr")
    day = (timezone.now() + timedelta(days=20)).astimezone(NAIROBI).date()
    starts = datetime(day.year, day.month, day.day, 9, 30, tzinfo=NAIROBI)
    event = EventFactory(
        slug="mombasa-workshop",
        kind=Event.Kind.REGIONAL_WORKSHOP,
        title_en="Mombasa practitioners' workshop",
        title_fr="Atelier des praticiens à Mombasa",
        title_ar="ورشة عمل الممارسين في ممباسا",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        time_zone="Africa/Nairobi",
        venue_city=mombasa,
        capacity=1,
    )
    EventCity.objects.create(event=event, city=mombasa, role=EventCity.Role.HOST)
    field_of_work = QuestionFactory(
        event=event,
        kind="choice",
        text_en="What is your field of work?",
        text_ar="ما مجال عملك؟",
        options_en="Schools\nPolice\nSocial work",
        options_ar="المدارس\nالشرطة\nالعمل الاجتماعي",
        is_required=True,
    )
    QuestionFactory(event=event, text_ar="ماذا تودّ أن تتعلم؟", is_required=False)
    # The only place is taken: the French participant registered first.
    registration_create(event=event, by=other, answers={field_of_work.pk: "Schools"})

    for context_page in open_page(browser, live_server, settings):
        page = context_page
        log_in(page, member, "ar", prefer=True)

        # The month grid of the event's month, then the event.
        page.goto(f"/ar/events/{day.year}/{day.month}/")
        _axe_clean(page, "month grid")
        page.get_by_role("link", name="ورشة عمل الممارسين في ممباسا").first.click()
        page.wait_for_url("**/ar/events/mombasa-workshop/")
        assert "09:30" in page.locator("main").inner_text()  # in the event's own zone
        _axe_clean(page, "event page")

        # Registration with answers; the event is full, so the waiting list.
        page.locator("a.button[href$='/mombasa-workshop/register/']").click()
        _axe_clean(page, "registration form")
        page.get_by_label("الشرطة").check()
        page.locator("textarea, input[type=text]").first.fill("الإحالة بين الشرطة والبلدية")
        page.locator("form[action$='/register/'] button[type=submit]").click()
        page.wait_for_url("**/ar/events/mombasa-workshop/")
        registration = Registration.objects.get(event=event, user=member)
        assert registration.status == Registration.Status.WAITLISTED
        assert {answer.value for answer in registration.answers.all()} == {
            "Police",
            "الإحالة بين الشرطة والبلدية",
        }
        waitlisted = _mail_to(member.email)
        assert len(waitlisted) == 1
        assert (
            _subject("ar", "You are on the waiting list for “%(event_title)s”", event.title_ar)
            in waitlisted[0].subject
        )

        # The other participant cancels: the member is promoted, both are told.
        registration_cancel(registration=other.event_registrations.get(), by=other)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED
        cancelled = _mail_to(other.email)[-1]
        assert (
            _subject("fr", "Your registration for “%(event_title)s” is cancelled", event.title_fr)
            in cancelled.subject
        )
        promoted = _mail_to(member.email)[-1]
        assert (
            _subject(
                "ar",
                "A place has freed up: your place at “%(event_title)s” is confirmed",
                event.title_ar,
            )
            in promoted.subject
        )
        for message, title in ((promoted, event.title_ar), (cancelled, event.title_fr)):
            (name, content, mimetype) = message.attachments[0]
            assert mimetype == "text/calendar" and name.endswith(".ics")
            read = icalendar.Calendar.from_ical(content)
            assert str(read.walk("VEVENT")[0]["SUMMARY"]) == title

        # The event page says so, and gives the calendar file.
        page.reload()
        assert page.locator("form[action$='/cancel/']").is_visible()
        with page.expect_download() as download:
            page.locator("a[href$='/mombasa-workshop/event.ics']").click()
        calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
        vevent = calendar.walk("VEVENT")[0]
        assert str(vevent["SUMMARY"]) == event.title_ar
        assert vevent.decoded("DTSTART") == starts
        assert vevent["DTSTART"].params["TZID"] == "Africa/Nairobi"

        # The list of upcoming events.
        page.goto("/ar/events/")
        assert page.get_by_role("link", name="ورشة عمل الممارسين في ممباسا").count() >= 1
        _axe_clean(page, "list")
        assert page.csp_violations == []

    # After the event, staff attach its communiqué in the admin.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=7),
    )
    DocumentFactory(title_en="Communiqué of the Mombasa workshop", title_ar="بيان ورشة ممباسا")
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    for staff_page in open_page(browser, live_server, settings):
        log_in(staff_page, staff, code=True)
        staff_page.goto(f"/en/admin/events/event/{event.pk}/change/")
        group = staff_page.locator("#outputs-group")
        group.get_by_role("button", name="Add another Event output").click()
        staff_page.locator("#outputs-0 .select2-selection").click()
        staff_page.locator(".select2-search__field").fill("Mombasa workshop")
        staff_page.locator(".select2-results__option", has_text="Communiqué of the Mombasa").click()
        staff_page.locator("#outputs-0 select[name$='-kind']").select_option("communique")
        staff_page.locator("input[name='_continue']").click()
        staff_page.locator(".messagelist .success").wait_for()
    assert event.outputs.count() == 1

    # The member sees it on the host city's page, in Arabic.
    for context_page in open_page(browser, live_server, settings):
        log_in(context_page, member, "ar", prefer=True)
        context_page.goto(f"/ar/cities/{mombasa.slug}/")
        events = context_page.locator("#city-events-heading").locator("xpath=..")
        assert events.get_by_role("link", name="بيان ورشة ممباسا").is_visible()
        assert events.get_by_role("link", name="ورشة عمل الممارسين في ممباسا").is_visible()
        assert context_page.csp_violations == []
