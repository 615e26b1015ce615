"""Contributing as a member does in Chromium, in English and Arabic: the multi-pickers with the
keyboard only, a rejected contribution changed and sent again, "My contributions" on a phone,
and the form without JavaScript."""

from __future__ import annotations

import re

import pytest

from hub.models import City, Theme
from library import samples
from library.models import Document
from tests.browser.conftest import screenshot
from tests.browser.kit import log_in, serious_violations
from tests.hub.factories import UserFactory
from tests.library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What a member types to find a city, and what the picker then shows, per language.
KRISTIANSAND = {"en": ("Kristi", "Kristiansand"), "ar": ("كريست", "كريستيانساند")}
AARHUS = {"en": ("Aarh", "Aarhus"), "ar": ("آرهو", "آرهوس")}
MENTORING = {"en": ("Mentor", "Mentoring"), "ar": ("الإرشا", "الإرشاد والتوجيه")}
NO_RESULTS = {"en": "No results", "ar": "لا توجد نتائج"}


def _choose(page, field: str, typed: str, shown: str) -> None:
    """Choose in a picker with the keyboard only: type the first letters, ArrowDown, Enter."""
    control = page.locator(f"#id_{field}-ts-control")
    control.focus()
    page.keyboard.type(typed)
    page.locator(f"#id_{field}-ts-dropdown .option.active").filter(has_text=shown).wait_for()
    page.keyboard.press("ArrowDown")  # the only match stays the active option
    page.keyboard.press("Enter")
    page.locator(f"#id_{field} + .ts-wrapper .item").filter(has_text=shown).wait_for()
    assert control.input_value() == ""  # ready for the next choice


def _chosen(page, field: str) -> list[str]:
    """What the form will post for a picker: the options chosen in its (hidden) <select>."""
    return page.locator(f"#id_{field}").evaluate("s => [...s.selectedOptions].map(o => o.value)")


def _pdf(text: str) -> dict:
    return {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": samples.pdf_bytes([text])}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_contribute_choosing_cities_and_themes_with_the_keyboard_only(page, scn_data, language):
    kristiansand = City.objects.get(slug="kristiansand")
    aarhus = City.objects.get(slug="aarhus")
    mentoring = Theme.objects.get(slug="mentoring")
    member = UserFactory(city=City.objects.get(slug="mombasa"), email="m@mombasa.example")
    log_in(page, member, language)
    page.goto(f"/{language}/library/contribute/")
    assert serious_violations(page) == []

    page.locator("input[type=file]").set_input_files(_pdf("Mombasa youth mentoring plan."))
    page.locator(f"[name=title_{language}]").fill("Mombasa mentoring plan")

    # A search without results says so, in the page's language.
    page.locator("#id_cities-ts-control").focus()
    page.keyboard.type("zzqx")
    no_results = page.locator("#id_cities-ts-dropdown .no-results")
    no_results.wait_for()
    assert no_results.inner_text() == NO_RESULTS[language]
    assert serious_violations(page) == []  # with the list open too
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")

    _choose(page, "cities", *KRISTIANSAND[language])
    assert _chosen(page, "cities") == [str(kristiansand.pk)]
    # Backspace in the empty search removes the last choice.
    page.keyboard.press("Backspace")
    page.locator("#id_cities + .ts-wrapper .item").first.wait_for(state="detached")
    assert _chosen(page, "cities") == []
    _choose(page, "cities", *AARHUS[language])
    _choose(page, "cities", *KRISTIANSAND[language])
    assert sorted(_chosen(page, "cities")) == sorted([str(aarhus.pk), str(kristiansand.pk)])
    _choose(page, "themes", *MENTORING[language])
    remove = page.locator("#id_themes + .ts-wrapper .item .remove")
    assert MENTORING[language][1] in remove.get_attribute("aria-label")
    page.keyboard.press("Escape")
    screenshot(page, f"contribute-pickers-{language}")
    assert serious_violations(page) == []

    # Sent without a language and a type: the form comes back (in place) with its errors, the
    # summary has the focus, and the pickers still hold what was chosen.
    page.locator("form[data-upload] button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert summary.evaluate("s => s === document.activeElement")
    assert summary.locator("a[href='#id_language']").is_visible()
    items = page.locator("#id_cities + .ts-wrapper .item")
    assert items.count() == 2
    assert Document.objects.count() == 0
    assert serious_violations(page) == []

    page.locator("input[type=file]").set_input_files(_pdf("Mombasa youth mentoring plan."))
    page.locator("select[name=language]").select_option(language)
    page.locator("select[name=kind]").select_option("local_action_plan")
    page.locator("form[data-upload] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/library/documents/\d+/sent/$"))
    document = Document.objects.get()
    assert set(document.cities.all()) == {aarhus, kristiansand}
    assert list(document.themes.all()) == [mentoring]
    assert document.status == Document.Status.SUBMITTED
    assert page.locator(f"a[href='/{language}/library/mine/']").first.is_visible()
    screenshot(page, f"contribution-sent-{language}")
    assert serious_violations(page) == []
    assert page.csp_violations == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_rejected_contribution_changed_and_sent_again(page, scn_data, language):
    city = City.objects.get(slug="mombasa")
    member = UserFactory(city=city, email="m@mombasa.example")
    mentoring = Theme.objects.get(slug="mentoring")
    rejected = DocumentFactory(
        rejected=True,
        contributed_by=member,
        contributing_city=city,
        title_en="Youth plan",
        themes=[mentoring],
        pages=["The youth plan."],
    )
    reason = rejected.rejection_reason
    for n in range(3):
        DocumentFactory(submitted=True, contributed_by=member, title_en=f"Pending plan {n}")
    log_in(page, member, language)
    page.goto(f"/{language}/library/mine/")
    assert page.get_by_text(reason).is_visible()
    screenshot(page, f"contributions-{language}")
    assert serious_violations(page) == []

    page.locator(f"a[href='/{language}/library/documents/{rejected.pk}/edit/']").click()
    page.wait_for_url(f"**/library/documents/{rejected.pk}/edit/")
    assert page.get_by_text(reason).is_visible()
    chosen = page.locator("#id_themes + .ts-wrapper .item")
    assert chosen.filter(has_text=MENTORING[language][1]).is_visible()  # what it had, chosen
    assert serious_violations(page) == []
    page.locator("[name=summary_en]").fill("The youth mentoring plan of Mombasa.")
    page.locator("#id_themes-ts-control").focus()
    page.keyboard.press("Backspace")
    chosen.first.wait_for(state="detached")
    _choose(page, "cities", *KRISTIANSAND[language])
    page.locator("form[data-upload] button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*/library/documents/{rejected.pk}/sent/$"))
    assert page.csp_violations == []

    rejected.refresh_from_db()
    assert rejected.status == Document.Status.SUBMITTED
    assert rejected.rejection_reason == ""
    assert rejected.summary_en == "The youth mentoring plan of Mombasa."
    assert list(rejected.themes.all()) == []
    assert [c.slug for c in rejected.cities.all()] == ["kristiansand"]

    # On a phone, the table scrolls in its own box and the page never sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/{language}/library/mine/?status=submitted")
    assert page.locator(".contributions tbody tr").count() == 4
    assert page.get_by_text(reason).count() == 0
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    screenshot(page, f"contributions-phone-{language}")
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_contribute_form_works_without_javascript(browser, live_server, scn_data, language):
    kristiansand = City.objects.get(slug="kristiansand")
    aarhus = City.objects.get(slug="aarhus")
    member = UserFactory(city=City.objects.get(slug="mombasa"), email="m@mombasa.example")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, member, language)
        page.goto(f"/{language}/library/contribute/")
        assert page.locator(".ts-wrapper").count() == 0  # plain lists
        page.locator("input[type=file]").set_input_files(_pdf("A plan sent without scripts."))
        page.locator(f"[name=title_{language}]").fill("Plan without scripts")
        page.locator("select[name=cities]").select_option([str(aarhus.pk), str(kristiansand.pk)])
        # Language and type left to choose: the form says so and keeps what was chosen.
        page.locator("form[data-upload] button[type=submit]").click()
        page.locator("#id_language_error").wait_for()
        assert page.locator("#id_kind_error").is_visible()
        assert sorted(_chosen(page, "cities")) == sorted([str(aarhus.pk), str(kristiansand.pk)])
        assert Document.objects.count() == 0
        page.locator("input[type=file]").set_input_files(_pdf("A plan sent without scripts."))
        page.locator("select[name=language]").select_option(language)
        page.locator("select[name=kind]").select_option("strategy")
        page.locator("form[data-upload] button[type=submit]").click()
        page.wait_for_url(re.compile(r".*/library/documents/\d+/sent/$"))
        document = Document.objects.get()
        assert set(document.cities.all()) == {aarhus, kristiansand}
        assert document.kind == "strategy"
    finally:
        context.close()
