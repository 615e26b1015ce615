"""Training in Chromium: axe-core finds no serious or critical violation on the module list, a
module and every kind of lesson, in English and Arabic; a practitioner's journey in English on a
390×844 phone with no sideways scrolling (enrol, read, fail then pass the quiz, play the scenario
to an ending, module complete, the certificate downloaded and verified). The Arabic journey is
test_training_journey.py."""

from __future__ import annotations

import re

import pytest

from hub.models import City
from tests.browser.conftest import PHONE, screenshot
from tests.browser.kit import check_fits_sideways, log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.library.factories import DocumentFactory
from tests.training.factories import LessonFactory, module_with_lessons
from training.models import Certificate, Enrolment, Lesson

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def learner(scn_data):
    return UserFactory(
        city=City.objects.get(slug="tripoli"),
        practitioner=True,
        email="learner@tripoli.example",
        name="ليلى حداد",
    )


@pytest.fixture
def module():
    module = module_with_lessons(
        slug="talking-with-pupils",
        title_en="Talking with pupils",
        title_fr="Parler avec les élèves",
        title_ar="الحديث مع التلاميذ",
    )
    return module


def _extra_lessons(module):
    """A video and a document lesson after the module's own three."""
    video = LessonFactory(
        module=module,
        kind=Lesson.Kind.VIDEO,
        video_url="https://www.youtube-nocookie.com/embed/abc123",
        transcript_en="What the trainer says.",
        transcript_fr="Ce que dit la formatrice.",
        transcript_ar="ما تقوله المدرّبة.",
    )
    document = LessonFactory(
        module=module, kind=Lesson.Kind.DOCUMENT, document=DocumentFactory(title_en="A guide")
    )
    return video, document


@pytest.mark.parametrize("language", ["en", "ar"])
def test_training_pages_have_no_serious_accessibility_violation(page, learner, module, language):
    video, document = _extra_lessons(module)
    log_in(page, learner, language, prefer=True)
    base = f"/{language}/training/"
    paths = {"list": base, "module": f"{base}modules/{module.slug}/"}
    for lesson in module.lessons.order_by("position"):
        paths[lesson.kind] = f"{base}modules/{module.slug}/lessons/{lesson.position}/"
    for name, path in paths.items():
        page.goto(path)
        assert serious_violations(page) == [], name
    # The quiz with a question on the page, and the scenario at an ending.
    page.goto(paths["quiz"])
    page.locator("form[action$='/quiz/start/'] button").click()
    page.wait_for_selector("fieldset legend")
    assert serious_violations(page) == [], "quiz question"
    page.goto(paths["scenario"])
    page.locator("input[name=choice]").first.check()
    page.locator("form[action$='/scenario/choose/'] button").click()
    page.wait_for_selector(".training-outcome")
    assert serious_violations(page) == [], "scenario ending"
    screenshot(page, f"training-scenario-{language}")
    assert page.csp_violations == []


def _journey(page, learner, module, language, *, phone=False):
    """Enrol, read, fail then pass the quiz, play the scenario to an ending: module complete."""
    log_in(page, learner, language, prefer=True)
    page.goto(f"/{language}/training/")
    page.get_by_role("link", name=module.title_ar if language == "ar" else module.title_en).click()
    page.wait_for_url(re.compile(rf".*/{language}/training/modules/{module.slug}/$"))
    if phone:
        check_fits_sideways(page, "module")
    page.locator("form[action$='/enrol/'] button").click()
    page.locator(".training-status a.button").click()  # start the first lesson

    # The reading.
    page.wait_for_selector(".training-lesson--reading")
    if phone:
        check_fits_sideways(page, "reading")
    page.locator("form[action$='/done/'] button").click()

    # The quiz: a wrong first attempt, then a right one.
    page.wait_for_selector(".training-lesson--quiz")
    for right in (False, True):
        page.locator("form[action$='/quiz/start/'] button").click()
        # Q1 (one answer): the right one is the first; Q2 (several): the first two.
        page.wait_for_selector("input[name=option][type=radio]")
        if phone:
            check_fits_sideways(page, "quiz question")
        page.locator("input[name=option]").nth(0 if right else 1).check()
        page.locator("form[action*='/answer/'] button").click()
        page.wait_for_selector("input[name=option][type=checkbox]")
        options = page.locator("input[name=option]")
        if right:
            options.nth(0).check()
            options.nth(1).check()
        else:
            options.nth(2).check()
        page.locator("form[action*='/answer/'] button").click()
        page.locator("form[action$='/submit/'] button").click()
        page.wait_for_selector(".training-result")
        if phone:
            check_fits_sideways(page, "quiz result")
        score = page.locator(".training-result__score").inner_text()
        assert ("100" in score) if right else ("0" in score and "100" not in score), score
        if not right:
            page.locator("a.button[href$='/lessons/2/']").click()  # back to the quiz
            page.wait_for_selector(".training-lesson--quiz")
    page.locator("a[href$='/lessons/3/']").first.click()

    # The scenario: to the good ending.
    page.wait_for_selector(".training-lesson--scenario")
    if phone:
        check_fits_sideways(page, "scenario")
    page.locator("input[name=choice]").first.check()
    page.locator("form[action$='/scenario/choose/'] button").click()
    page.wait_for_selector(".training-outcome--good")
    if phone:
        check_fits_sideways(page, "scenario ending")

    page.goto(f"/{language}/training/modules/{module.slug}/")
    complete = page.locator(".training-complete").inner_text()
    assert re.search(r"\d{4}|[٠-٩]{4}", complete), complete
    enrolment = Enrolment.objects.get(user=learner, module=module)
    assert enrolment.completed_at is not None and enrolment.completed_count == 3
    assert page.csp_violations == []
    return complete


# The Arabic journey, to the certificate and its verification: test_training_journey.py.


def test_the_same_journey_in_english_on_a_phone(phone, learner, module):
    """To the certificate too: asked for, downloaded and verified on the public page."""
    complete = _journey(phone, learner, module, "en", phone=True)
    assert "Module complete" in complete
    check_fits_sideways(phone, "module complete")
    assert phone.viewport_size == PHONE
    screenshot(phone, "training-complete-phone-en")

    # The certificate (made by its task, eagerly here), on the phone.
    phone.locator("#certificate-panel button[type=submit]").click()
    download_link = phone.locator("#certificate-panel a[href$='/download/']")
    download_link.wait_for()
    check_fits_sideways(phone, "certificate")
    code = phone.locator(".certificate-code").inner_text().strip()
    with phone.expect_download() as downloaded:
        download_link.click()
    assert downloaded.value.suggested_filename.endswith(".pdf")
    assert downloaded.value.path().read_bytes().startswith(b"%PDF-")
    certificate = Certificate.objects.get(enrolment__user=learner, enrolment__module=module)
    assert (certificate.code, certificate.status) == (code, Certificate.Status.DONE)

    # Anyone holding the code checks it, logged out, on a phone.
    phone.context.clear_cookies()
    phone.goto("/en/training/verify/")
    phone.locator("input[name=code]").fill(code)
    phone.locator("form.stacked-form button[type=submit]").click()
    phone.wait_for_url(re.compile(r".*/en/training/verify/.+"))
    main = phone.locator("main").inner_text()
    assert "This certificate is valid." in main
    assert learner.name in main and module.title_en in main
    assert learner.email not in phone.content()
    check_fits_sideways(phone, "verification result")
    assert serious_violations(phone) == []
    assert phone.csp_violations == []
