"""Certificates in Chromium: the learner watches theirs being made and downloads the PDF; the
public page verifies its code; axe finds nothing serious on the verification page, EN and AR."""

from __future__ import annotations

import pypdfium2
import pytest

from tests.browser.conftest import PHONE, open_page, screenshot
from tests.browser.kit import log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.training.factories import ModuleFactory
from tests.training.matrix_certificates import issued_certificate
from training.models import Certificate
from training.services.certificates import certificate_render

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_NAME = "ليلى حداد"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_verification_page_has_no_serious_accessibility_violation(page, language):
    learner = UserFactory(name=ARABIC_NAME, language="ar")
    valid = issued_certificate(learner, module=ModuleFactory(title_en="Safeguarding"))
    revoked = issued_certificate(learner, revoked=True)
    for path, status in [
        ("verify/", 200),
        (f"verify/{valid.code}/", 200),
        (f"verify/{revoked.code}/", 200),
        ("verify/2345-6789-ABCD-EFGH/", 404),
        ("verify/?code=nonsense", 400),
    ]:
        response = page.goto(f"/{language}/training/{path}")
        assert response.status == status, path
        assert serious_violations(page) == [], path
    page.goto(f"/{language}/training/verify/{valid.code}/")
    screenshot(page, f"certificate-verify-{language}")
    assert page.csp_violations == []


def test_learner_in_arabic_watches_the_certificate_made_downloads_it_and_verifies_it(
    page, live_server
):
    learner = UserFactory(name=ARABIC_NAME, language="ar", email="layla@city.example")
    # Asked for, not made yet (no worker here): the page says so and follows it.
    certificate = issued_certificate(learner, done=False)
    log_in(page, learner, "ar")
    page.goto(f"/ar/training/certificates/{certificate.pk}/")
    panel = page.locator("#certificate-panel")
    assert panel.locator("[role=status]").inner_text().strip() != ""
    assert panel.locator("a[href$='/download/']").count() == 0
    certificate_render(certificate_id=certificate.pk)  # what the worker does
    # The panel's script asks again and shows the download, without reloading the page.
    download_link = panel.locator("a[href$='/download/']")
    download_link.wait_for()
    with page.expect_download() as downloaded:
        download_link.click()
    download = downloaded.value
    assert download.suggested_filename.endswith(".pdf")
    pdf = pypdfium2.PdfDocument(download.path().read_bytes())
    text = pdf[0].get_textpage().get_text_range()
    certificate.refresh_from_db()
    assert ARABIC_NAME in text and certificate.code in text
    # Anyone with the code checks it on the public page, logged in or not.
    visitor = page.context.browser.new_context(base_url=live_server.url)
    public = visitor.new_page()
    public.goto("/ar/training/verify/")
    public.locator("input[name=code]").fill(certificate.code.lower().replace("-", " "))
    public.locator("form.stacked-form button[type=submit]").click()
    public.wait_for_load_state()
    assert ARABIC_NAME in public.locator("main").inner_text()
    assert learner.email not in public.content()
    assert page.csp_violations == []
    visitor.close()


def test_verification_page_fits_a_phone_in_english(browser, live_server, settings):
    learner = UserFactory(name="Amina Okafor")
    certificate = issued_certificate(
        learner, module=ModuleFactory(title_en="Counter-narrative campaigns: design and test")
    )
    for phone in open_page(browser, live_server, settings, viewport=PHONE, is_mobile=True):
        phone.goto(f"/en/training/verify/{certificate.code}/")
        assert "This certificate is valid." in phone.locator("main").inner_text()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        screenshot(phone, "certificate-verify-phone-en")
    assert Certificate.objects.get().status == Certificate.Status.DONE
