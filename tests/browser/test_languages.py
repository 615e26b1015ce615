"""The hub in a browser, in English and Arabic: the language chosen on the login page is kept,
form errors take the focus and lead to their fields, flash messages are valid markup."""

from __future__ import annotations

import re
import time

import pytest

from hub.models import User
from tests.browser.conftest import screenshot
from tests.browser.kit import serious_violations
from tests.hub.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORGOT = {"en": "Forgot your password?", "ar": "نسيت كلمة المرور؟"}
LOG_IN = {"en": "Log in", "ar": "تسجيل الدخول"}
BRAND = "rgb(11, 79, 138)"  # --brand in hub.css: what a primary button is filled with


def _background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


@pytest.mark.parametrize(("language", "profile"), [("en", "ar"), ("ar", "en")])
def test_login_from_a_login_page_lands_in_its_language(page, scn_data, language, profile):
    from hub.models import City

    member = UserFactory(
        city=City.objects.get(slug="tripoli"), email="m@tripoli.example", language=profile
    )
    page.goto(f"/{language}/accounts/login/")
    # One way to reset the password, a primary "Log in", "Remember me" beside its box.
    assert page.get_by_role("link", name=FORGOT[language]).count() == 1
    assert page.get_by_text(FORGOT[language]).count() == 1
    log_in = page.get_by_role("button", name=LOG_IN[language])
    assert _background(log_in) == BRAND
    remember = page.locator("#id_remember").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()
    assert abs(remember["y"] - label["y"]) < 20
    assert abs(remember["x"] - label["x"]) < 300
    assert serious_violations(page) == []
    screenshot(page, f"login-{language}")

    page.locator("input[name=login]").fill(member.email)
    page.locator("input[name=password]").fill(PASSWORD)
    log_in.click()
    page.wait_for_url(f"**/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    # The page shows allauth's "signed in" message: the flash message markup passes axe.
    assert page.locator(".messages-region[role=status] > ul.messages > li").count() == 1
    assert serious_violations(page) == []
    screenshot(page, f"home-after-login-{language}")
    member.refresh_from_db()
    assert member.language == language
    # The next visit to the bare address goes to the same language (the cookie).
    page.goto("/")
    page.wait_for_url(f"**/{language}/")
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_form_errors_take_the_focus_and_lead_to_their_fields(page, scn_data, language):
    page.goto(f"/{language}/request-access/")
    page.get_by_label({"en": "Full name", "ar": "الاسم الكامل"}[language]).fill("Amina Yusuf")
    page.locator("form.stacked-form button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.locator("a")
    targets = [href.removeprefix("#") for href in links.evaluate_all("as => as.map(a => a.hash)")]
    assert targets == ["id_email", "id_city", "id_organisation", "id_reason"]
    for field_id in targets:
        assert page.locator(f"#{field_id}").count() == 1
    # Each link names its field and the problem.
    label = page.locator("label[for=id_email]").inner_text().rstrip(":： ")
    assert links.first.inner_text().startswith(label)
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_city"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert serious_violations(page) == []
    screenshot(page, f"error-summary-{language}")
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_set_up_two_factor_in_the_login_pages_language(page, scn_data, language):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    curator = UserFactory(staff=True, email="curator@scn.example", city=None, language="fr")
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(curator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=LOG_IN[language]).click()
    # allauth asks for the password again before two-factor is set up.
    page.wait_for_url(re.compile(rf".*/{language}/accounts/reauthenticate/.*"))
    assert page.locator("html").get_attribute("lang") == language
    assert serious_violations(page) == []
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/accounts/2fa/totp/activate/")
    activate = page.locator("main form button[type=submit]")
    assert _background(activate) == BRAND
    assert serious_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(
        format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    )
    activate.click()
    page.wait_for_url(f"**/{language}/accounts/2fa/recovery-codes/")
    assert page.locator(".messages-region li").count() >= 1
    assert serious_violations(page) == []
    screenshot(page, f"recovery-codes-{language}")
    page.get_by_role("link", name={"en": "Continue", "ar": "متابعة"}[language]).click()
    page.wait_for_url(f"**/{language}/")
    assert User.objects.get(pk=curator.pk).language == language
    assert page.csp_violations == []
