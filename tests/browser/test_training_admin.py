"""The training report and the scenario admin in a browser: axe-core finds no serious or
critical violation on the report in English and Arabic (staff and a focal point), the report
fits a phone, and a refused scenario says why, under the site's CSP."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, screenshot
from tests.browser.kit import log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.training.factories import EnrolmentFactory, LessonFactory, module_with_lessons
from training.models import Lesson, Scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _figures():
    from hub.models import City

    module = module_with_lessons(slug="report-module")
    cities = list(City.objects.order_by("pk")[:3])
    for n, city in enumerate(cities):
        for k in range(n + 1):
            EnrolmentFactory(
                user=UserFactory(city=city),
                module=module,
                completed_count=k,
                completed_at=timezone.now() if k == 2 else None,
            )
    return cities


@pytest.mark.parametrize("language", ["en", "ar"])
def test_report_has_no_serious_accessibility_violation(page, scn_data, language):
    cities = _figures()
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    log_in(page, staff, language, code=True)
    for query in ("", "?by=region", "?module=nope"):
        page.goto(f"/{language}/training/reports/{query}")
        assert page.locator("h1").count() == 1
        assert serious_violations(page) == [], query
    screenshot(page, f"training-report-{language}")
    page.context.clear_cookies()
    focal = UserFactory(city=cities[2], focal_point=True, email="focal@city.example")
    log_in(page, focal, language)
    page.goto(f"/{language}/training/reports/")
    assert page.locator("tbody tr").count() == 1
    assert serious_violations(page) == []
    assert page.csp_violations == []  # type: ignore[attr-defined]


def test_report_fits_a_phone(browser, live_server, settings, scn_data):
    from tests.browser.conftest import open_page

    cities = _figures()
    focal = UserFactory(city=cities[1], focal_point=True, email="focal@city.example")
    for phone in open_page(browser, live_server, settings, viewport=PHONE, is_mobile=True):
        log_in(phone, focal, "ar")
        phone.goto("/ar/training/reports/")
        overflow = phone.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        screenshot(phone, "phone-training-report-ar")


def test_scenario_admin_refuses_a_trapped_cycle_with_its_reason(page, scn_data):
    lesson = LessonFactory(kind=Lesson.Kind.SCENARIO, body_en="", body_fr="", body_ar="")
    staff = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)
    log_in(page, staff, "en", code=True)
    page.goto("/en/admin/training/scenario/add/")
    page.locator("#id_lesson").select_option(str(lesson.pk))
    page.locator("#id_start_key").fill("start")
    page.locator("#id_steps-0-key").fill("start")
    page.locator("#id_steps-0-situation_en").fill("A pupil repeats a slogan.")
    page.locator("#id_steps-1-key").fill("loop")
    page.locator("#id_steps-1-situation_en").fill("He repeats it again.")
    for n, (origin, target) in enumerate([("start", "loop"), ("loop", "start")]):
        page.locator(f"#id_choices-{n}-step_key").fill(origin)
        page.locator(f"#id_choices-{n}-leads_to_key").fill(target)
        page.locator(f"#id_choices-{n}-text_en").fill("Wait and see")
    page.locator("input[name=_save]").click()
    # The refusal comes back with the form: wait for that page, not the one clicked on.
    expect(page.get_by_text("No ending can be reached from the first step.")).to_be_visible(
        timeout=15_000
    )
    assert not Scenario.objects.exists()
    screenshot(page, "training-scenario-refused")
