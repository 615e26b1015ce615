"""Introductions in Chromium: a member asks to be put in touch, staff forward the request in the
admin, the counterpart accepts, and both emails arrive, each in its recipient's language (the
member English, the counterpart Arabic). Every introduction page passes axe in English and
Arabic and fits a 390 px phone."""

from __future__ import annotations

import re

import pytest

from cityprofiles.models import Introduction
from tests.browser.conftest import open_page, screenshot
from tests.browser.kit import check_clean, log_in, no_sideways_scroll
from tests.cityprofiles.factories import PracticeFactory, profile_of
from tests.hub.factories import CityFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MESSAGE = "We are starting mentoring circles in schools: how did you train the mentors?"


def _page_checks(page, name: str) -> None:
    """axe and the CSP at the width of a laptop, then no sideways scroll on a phone."""
    page.set_viewport_size({"width": 1280, "height": 900})
    check_clean(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_sideways_scroll(page), name
    screenshot(page, f"introduction-{name}")


def _in_both_languages(page, path: str, name: str) -> None:
    for language in ("en", "ar"):
        page.goto(f"/{language}{path}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        _page_checks(page, f"{name}-{language}")


def test_member_asks_staff_forward_counterpart_accepts(browser, live_server, settings, mailoutbox):
    home = CityFactory(name_en="Saida Demo", name_ar="صيدا التجريبية")
    away = CityFactory(name_en="Tripoli Demo", name_ar="طرابلس التجريبية", name_fr="Tripoli démo")
    requester = UserFactory(
        city=home, name="Rana Haddad", email="rana@saida.example", language="en"
    )
    counterpart = UserFactory(
        city=away,
        focal_point=True,
        name="سامي الخوري",
        email="sami@tripoli.example",
        language="ar",
    )
    practice = PracticeFactory(
        profile=profile_of(away), title_en="Mentoring circles", title_ar="حلقات الإرشاد"
    )
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)

    # The member asks, from the practice's "Put me in touch".
    member_pages = open_page(browser, live_server, settings)
    page = next(member_pages)
    log_in(page, requester, "en")
    page.goto(f"/en/introductions/new/?practice={practice.key}")
    assert "Mentoring circles" in page.locator("main").inner_text()
    _page_checks(page, "form-en")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("What would you like to learn from them?").fill(MESSAGE)
    page.get_by_role("button", name="Send the request").click()
    page.wait_for_url("**/en/introductions/*/")
    introduction = Introduction.objects.get()
    assert (introduction.status, introduction.practice) == ("requested", practice)
    assert "Waiting for SCN staff" in page.locator("main").inner_text()
    _page_checks(page, "detail-en")
    _in_both_languages(page, f"/introductions/new/?practice={practice.key}", "form")
    _in_both_languages(page, f"/introductions/{introduction.pk}/", "detail")
    _in_both_languages(page, "/introductions/", "list")

    # Staff forward it from the request's change page in the admin.
    staff_pages = open_page(browser, live_server, settings)
    admin = next(staff_pages)
    admin.set_viewport_size({"width": 1280, "height": 900})
    log_in(admin, staff, "en", code=True)
    admin.goto("/en/admin/")
    admin.get_by_role("link", name="Introduction requests waiting").click()
    check_clean(admin)
    admin.locator("#result_list tbody a").first.click()
    change = re.compile(rf".*/admin/cityprofiles/introduction/{introduction.pk}/change/.*")
    admin.wait_for_url(change)
    assert "سامي الخوري" in admin.locator(".hub-review").inner_text()
    check_clean(admin)
    admin.goto(f"/ar/admin/cityprofiles/introduction/{introduction.pk}/change/")
    assert admin.locator(".hub-review form").count() == 2  # Forward, Decline
    check_clean(admin)
    admin.goto(f"/en/admin/cityprofiles/introduction/{introduction.pk}/change/")
    admin.get_by_label("Note for the counterpart (optional)").fill("They run it city-wide.")
    admin.get_by_role("button", name="Forward to the counterpart").click()
    admin.wait_for_url(change)
    admin.locator(".messagelist").wait_for()
    assert "forwarded" in admin.locator(".messagelist").inner_text()
    for language in ("en", "ar"):
        admin.goto(f"/{language}/admin/cityprofiles/introduction/pipeline/")
        assert admin.locator("#content-main table").count() == 3
        check_clean(admin)
        admin.goto(f"/{language}/admin/cityprofiles/introduction/{introduction.pk}/change/")
        check_clean(admin)
    introduction.refresh_from_db()
    assert (introduction.status, introduction.counterpart) == ("forwarded", counterpart)
    [forwarded] = mailoutbox
    assert forwarded.to == [counterpart.email]
    assert "حلقات الإرشاد" in forwarded.body  # in Arabic, the counterpart's language
    assert "Rana" not in forwarded.body and "rana@" not in forwarded.body

    # The counterpart, in Arabic, finds it among their introductions and accepts.
    counterpart_pages = open_page(browser, live_server, settings)
    offer = next(counterpart_pages)
    offer.set_viewport_size({"width": 1280, "height": 900})
    log_in(offer, counterpart, "ar")
    offer.goto("/ar/introductions/")
    offer.locator(f"a[href$='/introductions/offers/{introduction.pk}/']").click()
    offer.wait_for_url(f"**/ar/introductions/offers/{introduction.pk}/")
    text = offer.locator("main").inner_text()
    assert MESSAGE in text and "They run it city-wide." in text
    assert "Rana" not in offer.content() and "rana@" not in offer.content()
    _in_both_languages(offer, f"/introductions/offers/{introduction.pk}/", "offer")
    _in_both_languages(offer, "/introductions/", "offers-list")
    offer.set_viewport_size({"width": 1280, "height": 900})
    offer.goto(f"/ar/introductions/offers/{introduction.pk}/")
    offer.get_by_role("button", name="قبول التعارف").click()
    offer.wait_for_url(f"**/ar/introductions/offers/{introduction.pk}/")
    assert "rana@saida.example" in offer.locator("main").inner_text()
    _page_checks(offer, "offer-accepted-ar")

    introduction.refresh_from_db()
    assert introduction.status == "introduced"
    emails = {message.to[0]: message for message in mailoutbox[1:]}
    assert set(emails) == {requester.email, counterpart.email}
    to_member, to_counterpart = emails[requester.email], emails[counterpart.email]
    assert "What the request said:" in to_member.body  # English
    assert "سامي الخوري" in to_member.body and "sami@tripoli.example" in to_member.body
    assert "نص الطلب:" in to_counterpart.body  # Arabic
    assert "Rana Haddad" in to_counterpart.body and "rana@saida.example" in to_counterpart.body

    # The follow-up page, for each side, in both languages.
    _in_both_languages(page, f"/introductions/{introduction.pk}/follow-up/", "follow-up")
    for pages in (member_pages, staff_pages, counterpart_pages):
        next(pages, None)
