"""Editing a city profile in Chromium: a focal point edits the profile in Arabic on a phone and
sends it for review; SCN staff publish it in the admin; the editor's pages pass axe in English
and Arabic and fit a 390 px screen."""

from __future__ import annotations

import pytest

from cityprofiles.models import CityProfile, Practice, ProfileDraft, ProfilePublication
from hub.models import City
from tests.browser.conftest import open_page, screenshot
from tests.browser.kit import check_clean, log_in, no_sideways_scroll
from tests.cityprofiles.factories import PracticeFactory, profile_of
from tests.hub.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
OVERVIEW_AR = "طرابلس مدينة تراهن على شبابها وعلى حوار الأحياء."


def _editor_paths(city: City) -> list[str]:
    practice = Practice.objects.filter(profile__city=city).first()
    base = f"cities/{city.slug}/edit/"
    paths = [
        base,
        f"{base}profile/",
        f"{base}challenges/new/",
        f"{base}network/",
        f"{base}practices/new/",
        f"{base}editors/",
    ]
    if practice is not None:
        paths.append(f"{base}practices/{practice.key}/")
    return paths


@pytest.mark.parametrize("language", ["en", "ar"])
def test_editor_pages_pass_axe_and_fit_a_phone(page, scn_data, language):
    tripoli = City.objects.get(slug="tripoli")
    focal_point = UserFactory(city=tripoli, focal_point=True, email="fp@tripoli.example")
    UserFactory(city=tripoli, email="colleague@tripoli.example", name="Colleague")
    PracticeFactory(profile=profile_of(tripoli), title_en="Farha Tayshe", title_ar="فرحة طيشة")
    page.set_viewport_size(PHONE)
    log_in(page, focal_point, language)
    for path in _editor_paths(tripoli):
        page.goto(f"/{language}/{path}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator("h1").count() == 1, path
        assert no_sideways_scroll(page), path
        check_clean(page)
    page.goto(f"/{language}/cities/tripoli/edit/profile/")
    screenshot(page, f"profile-editor-{language}")


def test_focal_point_edits_in_arabic_submits_and_staff_publish(
    page, browser, live_server, settings, scn_data, mailoutbox
):
    tripoli = City.objects.get(slug="tripoli")
    focal_point = UserFactory(
        city=tripoli, focal_point=True, email="fp@tripoli.example", language="ar", name="Rania"
    )
    curator = UserFactory(staff=True, with_totp=True, email="curator@scn.example", city=None)

    # The focal point, on a phone, in Arabic.
    editor_page = page
    editor_page.set_viewport_size(PHONE)
    log_in(editor_page, focal_point, "ar")
    editor_page.goto("/ar/cities/tripoli/edit/")
    editor_page.get_by_role("link", name="تعديل النظرة العامة والنهج والمعلومات الأساسية").click()
    overview = editor_page.locator("textarea[name=overview_ar]")
    assert overview.get_attribute("lang") == "ar"
    assert overview.get_attribute("dir") == "rtl"
    assert editor_page.locator("textarea[name=overview_en]").count() == 0
    overview.fill(OVERVIEW_AR)
    editor_page.get_by_role("button", name="الحفظ في المسودة").click()
    editor_page.wait_for_url("**/ar/cities/tripoli/edit/")
    assert "حُفظ في المسودة" in editor_page.locator(".messages").inner_text()
    assert OVERVIEW_AR in editor_page.locator("table").inner_text()

    editor_page.get_by_role("link", name="إضافة ممارسة").click()
    editor_page.locator("input[name=title_ar]").fill("وشوشة")
    editor_page.locator("textarea[name=summary_ar]").fill("حملة توعية يقودها الشباب في الأحياء.")
    editor_page.get_by_role("button", name="الحفظ في المسودة").click()
    editor_page.wait_for_url("**/ar/cities/tripoli/edit/")
    assert no_sideways_scroll(editor_page)
    check_clean(editor_page)
    screenshot(editor_page, "profile-draft-ar")
    editor_page.get_by_role("button", name="الإرسال للمراجعة").click()
    editor_page.wait_for_url("**/ar/cities/tripoli/edit/")
    assert (
        "أُرسل إلى فريق شبكة المدن القوية للمراجعة" in editor_page.locator(".messages").inner_text()
    )
    draft = ProfileDraft.objects.get(city=tripoli)
    assert draft.state == ProfileDraft.State.SUBMITTED
    # Members still read the published profile.
    assert not CityProfile.objects.get(city=tripoli).overview_ar

    # SCN staff, in the admin, see what changed and publish it.
    staff_context = open_page(browser, live_server, settings)
    staff_page = next(staff_context)
    staff_page.set_viewport_size({"width": 1280, "height": 900})
    log_in(staff_page, curator, "en", code=True)
    staff_page.goto("/en/admin/")
    staff_page.get_by_role("link", name="Profile drafts waiting for review").click()
    staff_page.locator("#result_list a", has_text="Tripoli").first.click()
    changes = staff_page.locator(".field-changes").inner_text()
    assert OVERVIEW_AR in changes and "Overview (Arabic)" in changes
    assert "وشوشة" in changes
    check_clean(staff_page)
    staff_page.get_by_role("button", name="Publish", exact=True).click()
    staff_page.wait_for_url(f"**/en/admin/cityprofiles/profiledraft/{draft.pk}/change/")
    assert "is published" in staff_page.locator(".messagelist").inner_text()

    profile = CityProfile.objects.get(city=tripoli)
    assert profile.overview_ar == OVERVIEW_AR
    assert Practice.objects.get(profile=profile, title_ar="وشوشة")
    publication = ProfilePublication.objects.get(city=tripoli)
    assert (publication.published_by, publication.submitted_by) == (curator, focal_point)
    [email] = [m for m in mailoutbox if m.to == [focal_point.email]]
    assert "نُشر ملف" in email.subject
    assert editor_page.csp_violations == [] and staff_page.csp_violations == []
    staff_context.close()
