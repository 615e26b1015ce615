"""axe-core finds no serious or critical violation on the main pages, in English and Arabic."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.kit import serious_violations
from tests.hub.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_login_page_has_no_serious_accessibility_violation(page, language):
    page.goto(f"/{language}/accounts/login/")
    assert serious_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_member_pages_have_no_serious_accessibility_violation(page, scn_data, language):
    from hub.models import City

    member = UserFactory(city=City.objects.get(slug="tripoli"), email="m@tripoli.example")
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(member.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action$='/accounts/login/'] button[type=submit]").click()
    page.wait_for_url(f"**/{language}/")  # the login page's language
    for path in ["", "cities/", "request-access/sent/"]:
        page.goto(f"/{language}/{path}")
        assert serious_violations(page) == [], path
    page.goto(f"/{language}/cities/")
    screenshot(page, f"cities-{language}")
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_request_access_page_has_no_serious_accessibility_violation(page, scn_data, language):
    page.goto(f"/{language}/request-access/")
    page.locator("form.stacked-form button[type=submit]").click()  # errors shown too
    assert serious_violations(page) == []


def test_the_checker_reports_a_known_violation(page):
    """Guards the guard: a page with an unlabelled image must fail the check above."""
    page.goto("/en/accounts/login/")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt") for v in serious_violations(page))
