"""The admin in a browser: the language tabs of translated fields, under the site's CSP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hub.models import Theme
from tests.hub.factories import PASSWORD, UserFactory, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_translated_fields_show_as_language_tabs_without_csp_violations(page, scn_data):
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    theme = Theme.objects.order_by("pk").first()
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code(staff))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/")

    page.goto(reverse("admin:hub_theme_change", args=[theme.pk]))
    tabs = page.locator(".ui-tabs-nav").first
    tabs.wait_for()
    labels = [t.strip() for t in tabs.locator("li").all_inner_texts()]
    assert len(labels) == 3, labels
    french = tabs.locator("li").nth(1)
    french.click()
    assert page.locator("#id_name_fr").is_visible()
    assert not page.locator("#id_name_en").is_visible()
    assert page.csp_violations == []  # type: ignore[attr-defined]
