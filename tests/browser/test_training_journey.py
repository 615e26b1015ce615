"""One practitioner's whole training journey in Chromium, in Arabic, on one page: the module,
the reading, the quiz failed then passed, the scenario played to its ending, the module
complete, the certificate asked for, downloaded (a PDF) and its code verified by anyone on the
public page — with axe-core on the Arabic pages on the way (no serious or critical violation).

The certificate is made by its Celery task, eagerly here (the test settings' default), so the
page after the request already offers the download.
"""

from __future__ import annotations

import re

import pytest

from hub.models import City
from tests.browser.kit import log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.training.factories import module_with_lessons
from training.models import Certificate, Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_NAME = "ليلى حداد"


def _axe(page, name: str) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl", name
    assert serious_violations(page) == [], name


def _answer_quiz(page, *, right: bool) -> str:
    """One attempt: Q1 (one answer, the first is right), Q2 (several, the first two are)."""
    page.locator("form[action$='/quiz/start/'] button").click()
    page.wait_for_selector("input[name=option][type=radio]")
    page.locator("input[name=option]").nth(0 if right else 1).check()
    page.locator("form[action*='/answer/'] button").click()
    page.wait_for_selector("input[name=option][type=checkbox]")
    options = page.locator("input[name=option]")
    for n in (0, 1) if right else (2,):
        options.nth(n).check()
    page.locator("form[action*='/answer/'] button").click()
    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_selector(".training-result")
    return page.locator(".training-result__score").inner_text()


def test_a_practitioner_in_arabic_goes_from_the_module_to_a_verified_certificate(page, scn_data):
    learner = UserFactory(
        city=City.objects.get(slug="tripoli"),
        practitioner=True,
        email="learner@tripoli.example",
        name=ARABIC_NAME,
    )
    module = module_with_lessons(
        slug="talking-with-pupils",
        title_en="Talking with pupils",
        title_fr="Parler avec les élèves",
        title_ar="الحديث مع التلاميذ",
    )
    log_in(page, learner, "ar", prefer=True)

    # The module list, then the module: enrol and start.
    page.goto("/ar/training/")
    _axe(page, "module list")
    page.get_by_role("link", name=module.title_ar).click()
    page.wait_for_url(re.compile(rf".*/ar/training/modules/{module.slug}/$"))
    _axe(page, "module")
    page.locator("form[action$='/enrol/'] button").click()
    page.locator(".training-status a.button").click()

    # The reading.
    page.wait_for_selector(".training-lesson--reading")
    _axe(page, "reading")
    page.locator("form[action$='/done/'] button").click()

    # The quiz: a wrong attempt, then (the quiz allows three) a right one.
    page.wait_for_selector(".training-lesson--quiz")
    score = _answer_quiz(page, right=False)
    assert "100" not in score, score
    _axe(page, "quiz result, not passed")
    page.locator("a.button[href$='/lessons/2/']").click()
    page.wait_for_selector(".training-lesson--quiz")
    assert "100" in _answer_quiz(page, right=True)
    page.locator("a[href$='/lessons/3/']").first.click()

    # The scenario, to its good ending.
    page.wait_for_selector(".training-lesson--scenario")
    _axe(page, "scenario step")
    page.locator("input[name=choice]").first.check()
    page.locator("form[action$='/scenario/choose/'] button").click()
    page.wait_for_selector(".training-outcome--good")

    # The module is complete; its certificate is asked for, made and downloaded.
    page.goto(f"/ar/training/modules/{module.slug}/")
    assert "اكتملت الوحدة" in page.locator(".training-complete").inner_text()
    page.locator("#certificate-panel button[type=submit]").click()
    download_link = page.locator("#certificate-panel a[href$='/download/']")
    download_link.wait_for()
    _axe(page, "certificate")
    code = page.locator(".certificate-code").inner_text().strip()
    with page.expect_download() as downloaded:
        download_link.click()
    download = downloaded.value
    assert download.suggested_filename.endswith(".pdf")
    assert download.path().read_bytes().startswith(b"%PDF-")
    certificate = Certificate.objects.get(enrolment__user=learner, enrolment__module=module)
    assert (certificate.code, certificate.status) == (code, Certificate.Status.DONE)
    enrolment = Enrolment.objects.get(user=learner, module=module)
    assert enrolment.completed_at is not None and enrolment.completed_count == 3

    # Anyone holding the code checks it on the public page, logged out.
    page.context.clear_cookies()
    page.goto("/ar/training/verify/")
    _axe(page, "verification page")
    page.locator("input[name=code]").fill(code.lower().replace("-", " "))
    page.locator("form.stacked-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/ar/training/verify/.+"))
    main = page.locator("main").inner_text()
    assert "هذه الشهادة صالحة." in main
    assert ARABIC_NAME in main and module.title_ar in main
    assert learner.email not in page.content()
    _axe(page, "verification result")
    assert page.csp_violations == []
