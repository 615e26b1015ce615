"""Working groups and their toolkits in Chromium: axe-core in English and Arabic on the list,
the toolkit page and the ZIP's status page, a 390 px phone, and the status page following the
build without a reload."""

from __future__ import annotations

import re

import pytest

from cityprofiles.models import CityProfile
from tests.browser.conftest import screenshot
from tests.browser.kit import check_fits_the_phone, log_in, serious_violations
from tests.cityprofiles.factories import PracticeFactory
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory
from tests.training.factories import ModuleFactory, ToolkitFactory, WorkingGroupFactory
from training.models import ToolkitArchive, ToolkitItem
from training.selectors_toolkits import toolkit_access_key
from training.services.toolkits import toolkit_archive_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

S = ToolkitItem.Section


@pytest.fixture
def member():
    city = CityFactory(name_en="Tripoli Test", name_ar="طرابلس", slug="tripoli-test")
    CityProfile.objects.get_or_create(city=city)
    return UserFactory(city=city, practitioner=True, email="p@tripoli.example", name="Omar")


@pytest.fixture
def toolkit(member):
    group = WorkingGroupFactory(
        slug="youth",
        name_en="Youth engagement and prevention through schools and youth work",
        name_ar="إشراك الشباب والوقاية عبر المدارس والعمل الشبابي",
        description_en="Cities that work with young people share what they learnt.",
        description_ar="مدن تعمل مع الشباب تتبادل ما تعلّمته.",
    )
    group.themes.set([ThemeFactory(name_en="Youth", name_ar="الشباب")])
    group.lead_cities.set([member.city, CityFactory()])
    toolkit = ToolkitFactory(working_group=group, introduction_ar="ما جمعه الفريق.")
    long_word = "Deradicalisationandcommunityresilienceprogrammeevaluation"
    for section, title_en, title_ar in [
        (S.BACKGROUND, "Why young people are drawn in", "لماذا ينجذب الشباب"),
        (S.INTEREST, f"{long_word} in three cities", "تقييم برامج الصمود في ثلاث مدن"),
        (S.CASE_STUDIES, "Mentoring in secondary schools", "الإرشاد في المدارس الثانوية"),
    ]:
        ToolkitItem.objects.create(
            toolkit=toolkit,
            section=section,
            document=DocumentFactory(title_en=title_en, title_ar=title_ar),
            note_en="A careful read for teachers and youth workers.",
            note_ar="قراءة متأنية للمعلمين والعاملين مع الشباب.",
        )
    ToolkitItem.objects.create(
        toolkit=toolkit,
        section=S.MEMBER_CITIES,
        practice=PracticeFactory(
            profile=CityProfile.objects.get(city=member.city),
            title_en="Youth councils",
            title_ar="مجالس الشباب",
        ),
        note_en="Run with the city's schools.",
    )
    ModuleFactory(working_group=group, title_en="Counter-narrative campaigns")
    toolkit.refresh_from_db()
    return toolkit


@pytest.mark.parametrize("language", ["en", "ar"])
def test_working_groups_and_toolkit_pages_pass_axe_and_fit_a_phone(
    phone, member, toolkit, language
):
    log_in(phone, member, language, prefer=True)
    pages = {
        "groups": f"/{language}/training/groups/",
        "toolkit": f"/{language}/training/groups/youth/",
    }
    for name, path in pages.items():
        phone.goto(path)
        check_fits_the_phone(phone, f"{name} {language}")
        screenshot(phone, f"phone-toolkit-{name}-{language}")
    assert phone.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert phone.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_asking_for_the_zip_and_its_status_page(page, member, toolkit, language):
    log_in(page, member, language, prefer=True)
    page.goto(f"/{language}/training/groups/youth/")
    assert serious_violations(page) == []
    # Built at once (eager tasks in tests): the status page offers the download.
    page.locator("form[action$='/archive/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/toolkit-archives/\d+/$"))
    download = page.locator("a[href$='/download/']")
    assert download.is_visible()
    assert serious_violations(page) == []
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".zip")
    assert page.csp_violations == []


def test_status_page_follows_the_build_without_a_reload(page, member, toolkit):
    log_in(page, member, "en", prefer=True)
    # Asked for and waiting for a worker (the row as the request leaves it; tasks run eagerly in
    # tests, so it is made here): the page waits, then shows the download.
    key, ids = toolkit_access_key(user=member, toolkit=toolkit)
    archive = ToolkitArchive.objects.create(
        toolkit=toolkit,
        version=toolkit.version,
        language="ar",
        access_key=key,
        document_ids=ids,
        total_count=len(ids),
    )
    page.goto(f"/en/training/toolkit-archives/{archive.pk}/")
    assert page.locator("progress").is_visible()
    assert page.locator("a[data-refresh]").is_visible()
    assert serious_violations(page) == []
    page.evaluate("window.notReloaded = true")
    toolkit_archive_build(archive_id=archive.pk)
    page.locator("a[href$='/download/']").wait_for(timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
    assert ToolkitArchive.objects.get(pk=archive.pk).status == "done"
    assert page.csp_violations == []
