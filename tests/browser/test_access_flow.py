"""A person's whole way in: request access, approval by staff, password, Arabic, log out."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from hub.models import AccessRequest, City, User
from tests.browser.conftest import screenshot
from tests.hub.factories import PASSWORD, UserFactory, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, email: str, password: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_request_access_approve_set_password_log_in_arabic_log_out(page, scn_data):
    mombasa = City.objects.get(slug="mombasa")
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)

    # 1. A practitioner from Mombasa asks for access from the login page.
    page.goto("/en/accounts/login/")
    page.get_by_role("link", name="Request access").click()
    page.get_by_label("Full name").fill("Amina Yusuf")
    page.get_by_label("Work email address").fill("amina@mombasa.example")
    page.get_by_label("Member city").select_option(str(mombasa.pk))
    page.get_by_label("Your role").select_option("practitioner")
    page.get_by_label("Organisation").fill("County youth services")
    page.get_by_label("Why do you need access?").fill("I coordinate youth outreach.")
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/request-access/sent/")
    assert AccessRequest.objects.get().email == "amina@mombasa.example"

    # 2. SCN staff log in with their password and TOTP code, and approve on the site.
    _log_in(page, staff.email, PASSWORD)
    page.get_by_label("Code").fill(totp_code(staff))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/")
    page.goto("/en/access-requests/")
    page.get_by_role("link", name="Amina Yusuf").click()
    mail.outbox = []
    page.get_by_role("button", name="Approve and create the account").click()
    page.wait_for_url("**/access-requests/")
    assert "now has an account" in page.content()
    page.locator("details.account-menu summary").click()
    page.get_by_role("button", name="Log out").click()

    # 3. The new member follows the emailed link and chooses a password.
    (message,) = [m for m in mail.outbox if m.to == ["amina@mombasa.example"]]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    page.goto(link)
    new_password = "Mombasa-outreach-2026!"
    page.get_by_label("New Password", exact=False).first.fill(new_password)
    page.get_by_label("New Password (again)", exact=False).fill(new_password)
    page.get_by_role("button", name=re.compile("Change Password|Set Password", re.I)).click()
    page.wait_for_url("**/password/reset/key/done/")

    # 4. She logs in and lands on her home page.
    _log_in(page, "amina@mombasa.example", new_password)
    page.wait_for_url("**/en/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    assert "Mombasa" in page.locator("#home-city").locator("..").inner_text()

    # 5. She switches to Arabic: the same page, right to left, Arabic navigation.
    page.get_by_role("button", name=re.compile("^العربي")).click()
    page.wait_for_url("**/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    nav = page.get_by_role("navigation").first.inner_text()
    assert "الرئيسية" in nav
    assert "المدن" in nav
    screenshot(page, "home-ar-rtl")
    assert User.objects.get(email="amina@mombasa.example").language == "ar"

    # 6. She logs out; the hub is closed to her again.
    page.locator("details.account-menu summary").click()
    page.get_by_role("button", name="تسجيل الخروج").click()
    page.goto("/ar/")
    assert "/accounts/login/" in page.url
    assert page.csp_violations == []
