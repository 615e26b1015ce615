"""The city page keeps its challenges and practices, rendered, outside transactions
(cityprofiles.views.city.content_sections): every change to what they show shows at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cityprofiles.models import Challenge, Practice
from hub.models import Country, Theme, User
from library.models import Document
from library.services.review import document_archive
from tests.cityprofiles.factories import ChallengeFactory, PracticeFactory, profile_of
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.kit.pages import stable_page
from tests.library.factories import DocumentFactory

# The engine's and the page's caches are read outside a transaction only.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def town():
    city = CityFactory(name_en="Kestrel")
    profile = profile_of(city, overview_en="A port city.")
    theme = ThemeFactory(name_en="Mentoring", name_fr="Tutorat")
    contact = UserFactory(city=city, name="Amal Haddad")
    evaluation = DocumentFactory(title_en="Evaluation of the mentoring", cities=[city])
    ChallengeFactory(profile=profile, text_en="Young people leave school early.", themes=[theme])
    practice = PracticeFactory(
        profile=profile,
        title_en="Mentors in schools",
        themes=[theme],
        contact=contact,
        evaluation=evaluation,
    )
    reader = UserFactory(city=CityFactory())
    return {
        "city": city,
        "profile": profile,
        "theme": theme,
        "contact": contact,
        "evaluation": evaluation,
        "practice": practice,
        "reader": reader,
    }


def _get(client, city, language: str = "en") -> str:
    with translation.override(language):
        url = reverse("cityprofiles:city", kwargs={"slug": city.slug})
    html, _get.queries = stable_page(client, url)  # type: ignore[attr-defined]
    return html


def test_city_page_reads_its_sections_from_the_cache_the_second_time(client, town, settings):
    login(client, town["reader"])
    first = _get(client, town["city"])
    # The same page with the page's cache off, every other cache warm (the session's, the
    # cities like this one): the challenges, practices and their themes are read.
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 0
    assert _get(client, town["city"]) == first
    uncached = _get.queries  # type: ignore[attr-defined]
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 3600
    second = _get(client, town["city"])
    # And the documents from the library, kept too (test_city_page_documents_cache.py): four
    # fewer, and one for their key.
    assert _get.queries == uncached - 3 - 4 + 1  # type: ignore[attr-defined]
    assert second == first
    assert "Mentors in schools" in second
    assert "Young people leave school early." in second


def test_city_page_sections_are_rendered_again_when_the_profile_is_written(client, town):
    login(client, town["reader"])
    _get(client, town["city"])
    # A new practice, a practice retitled, a challenge rewritten, without any service: the
    # database's triggers bump the generation the sections are kept under.
    PracticeFactory(profile=town["profile"], title_en="Football against hate")
    html = _get(client, town["city"])
    assert "Football against hate" in html
    Practice.objects.filter(pk=town["practice"].pk).update(title_en="Mentors in every school")
    html = _get(client, town["city"])
    assert "Mentors in every school" in html
    assert "Mentors in schools<" not in html
    Challenge.objects.filter(profile=town["profile"]).update(text_en="Too few youth workers.")
    html = _get(client, town["city"])
    assert "Too few youth workers." in html
    Practice.objects.filter(pk=town["practice"].pk).update(
        evidence_level=Practice.Evidence.EVALUATED
    )
    assert "evidence--evaluated" in _get(client, town["city"])
    town["practice"].themes.clear()
    html = _get(client, town["city"])
    practice = html[html.index("Mentors in every school") :]
    assert "<bdi>Mentoring</bdi>" not in practice[: practice.index("</article>")]


def test_city_page_sections_follow_the_themes_and_the_language(client, town):
    login(client, town["reader"])
    assert "Mentoring" in _get(client, town["city"])
    assert "Tutorat" in _get(client, town["city"], "fr")
    Theme.objects.filter(pk=town["theme"].pk).update(name_en="Mentorship")
    html = _get(client, town["city"])
    assert "Mentorship" in html
    assert "Mentoring<" not in html
    assert "Tutorat" in _get(client, town["city"], "fr")


def test_city_page_sections_follow_the_evaluation_document(client, town):
    staff_user = UserFactory(staff=True, with_totp=True)
    login(client, town["reader"])
    assert "Evaluation of the mentoring" in _get(client, town["city"])
    Document.objects.filter(pk=town["evaluation"].pk).update(title_en="Mentoring: an evaluation")
    html = _get(client, town["city"])
    assert "Mentoring: an evaluation" in html
    assert "Evaluation of the mentoring" not in html
    # Re-classified for staff only: gone for a member, still there for staff.
    Document.objects.filter(pk=town["evaluation"].pk).update(visibility=Document.Visibility.STAFF)
    assert "Mentoring: an evaluation" not in _get(client, town["city"])
    login(client, staff_user)
    assert "Mentoring: an evaluation" in _get(client, town["city"])
    # Withdrawn from the library: gone for everyone.
    document_archive(document=Document.objects.get(pk=town["evaluation"].pk), by=staff_user)
    assert "Mentoring: an evaluation" not in _get(client, town["city"])


def test_city_page_sections_follow_the_person_to_ask(client, town):
    login(client, town["reader"])
    assert "Amal Haddad" in _get(client, town["city"])
    User.objects.filter(pk=town["contact"].pk).update(name="Amal Haddad-Khoury")
    assert "Amal Haddad-Khoury" in _get(client, town["city"])
    User.objects.filter(pk=town["contact"].pk).update(is_active=False)
    assert "Amal Haddad" not in _get(client, town["city"])


def test_city_page_sections_follow_who_may_ask(client, town):
    """A member of another city may ask about a practice; a member of the city itself is not
    offered to ask their own city: each gets their own sections."""
    ask = "Put me in touch about this practice"
    login(client, town["reader"])
    assert ask in _get(client, town["city"])
    login(client, UserFactory(city=town["city"]))
    assert ask not in _get(client, town["city"])
    login(client, town["reader"])
    assert ask in _get(client, town["city"])


def test_city_page_sections_are_not_kept_when_the_cache_is_off(client, town, settings):
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 0
    login(client, town["reader"])
    _get(client, town["city"])
    _get(client, town["city"])
    warm = _get.queries  # type: ignore[attr-defined]
    _get(client, town["city"])
    assert _get.queries == warm  # type: ignore[attr-defined]
    Practice.objects.filter(pk=town["practice"].pk).update(title_en="Mentors at work")
    assert "Mentors at work" in _get(client, town["city"])


def _similar(html: str) -> str:
    start = html.index('aria-labelledby="similar-heading"')
    return html[start : html.index("</section>", start)]


def test_city_page_keeps_the_cities_like_it_rendered_and_follows_their_changes(
    client, town, settings
):
    other = profile_of(CityFactory(name_en="Osprey"), overview_en="A river city.")
    ChallengeFactory(profile=other, text_en="Few youth workers.", themes=[town["theme"]])
    login(client, town["reader"])
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 0
    off = {language: _get(client, town["city"], language) for language in ("en", "fr", "ar")}
    settings.HUB_CITY_PAGE_CACHE_SECONDS = 3600
    for language, html in off.items():
        assert _get(client, town["city"], language) == html
        assert _get(client, town["city"], language) == html  # from the cache
    assert "Osprey" in _similar(off["en"])
    assert "Mentoring" in _similar(off["en"])
    assert "Tutorat" in _similar(off["fr"])
    # The shared theme renamed (the taxonomy), then no longer shared (a challenge's themes).
    Theme.objects.filter(pk=town["theme"].pk).update(name_en="Mentorship")
    assert "Mentorship" in _similar(_get(client, town["city"]))
    Challenge.objects.get(profile=other).themes.clear()
    assert "Mentorship" not in _similar(_get(client, town["city"]))


def test_city_page_follows_a_country_renamed(client, town):
    """A country's update bumps the directory's generation (cityprofiles 0002's row triggers),
    which the cities like this one are kept under: its new name shows at once."""
    other = profile_of(
        CityFactory(name_en="Osprey", country=town["city"].country), overview_en="A river city."
    )
    ChallengeFactory(profile=other, text_en="Few youth workers.", themes=[town["theme"]])
    login(client, town["reader"])
    country = town["city"].country
    _get(client, town["city"])
    assert country.name in _similar(_get(client, town["city"]))  # now from the cache
    Country.objects.filter(pk=country.pk).update(name="Republic of Kestrelia")
    html = _get(client, town["city"])
    assert "Republic of Kestrelia" in _similar(html)
    assert country.name not in html
    country.refresh_from_db()
    country.name = "Kestrelia"
    country.save()
    assert "Kestrelia</bdi>" in _similar(_get(client, town["city"]))
    assert "Republic of Kestrelia" not in _get(client, town["city"])


def test_a_write_to_another_city_keeps_this_citys_sections(client, town):
    """The sections are kept under their own city's search row: a practice written in another
    city renders that city's sections again, not this one's (which still follow their own)."""
    other = CityFactory(name_en="Osprey")
    other_practice = PracticeFactory(profile=profile_of(other), title_en="Street mediators")
    login(client, town["reader"])
    first = _get(client, town["city"])
    assert "Street mediators" in _get(client, other)
    Practice.objects.filter(pk=other_practice.pk).update(title_en="Mediators in the streets")
    with CaptureQueriesContext(connection) as captured:
        assert _get(client, town["city"]) == first
    # Neither its challenges nor its practices read again (the cities like it are: they
    # compare it with every city).
    read = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in read if sql.startswith('SELECT "cityprofiles_practice"')]
    assert not [sql for sql in read if sql.startswith('SELECT "cityprofiles_challenge"')]
    assert "Mediators in the streets" in _get(client, other)
    # This city's own practice rewritten: its sections follow at once.
    Practice.objects.filter(pk=town["practice"].pk).update(title_en="Mentors in the port")
    assert "Mentors in the port" in _get(client, town["city"])


def _rows_read(captured) -> list[str]:
    tables = ('"cityprofiles_practice"', '"cityprofiles_challenge"', '"hub_theme"')
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith(tuple(f"SELECT {table}." for table in tables))
    ]


def test_after_a_deploy_the_sections_are_rendered_again_from_the_kept_rows(
    client, town, monkeypatch
):
    """A deploy (a new release) finds none of the rendered sections, but the challenges',
    practices' and themes' values they were rendered from, kept under the models' columns
    (cityprofiles.selectors_content._rows_key): the same page, without reading those rows."""
    from hub import generations

    login(client, town["reader"])
    first = _get(client, town["city"])
    for language in ("fr", "ar"):
        _get(client, town["city"], language)
    monkeypatch.setattr(generations, "release", lambda: "the-next-deploy")
    with CaptureQueriesContext(connection) as captured:
        assert _get(client, town["city"]) == first
    assert _rows_read(captured) == []
    # The values hold every language: the French and Arabic pages need no rows either.
    with CaptureQueriesContext(connection) as captured:
        assert "Tutorat" in _get(client, town["city"], "fr")
        _get(client, town["city"], "ar")
    assert _rows_read(captured) == []


def test_after_a_deploy_the_kept_rows_follow_every_write(client, town, monkeypatch):
    """The values are kept under the version of the city's search row and the taxonomy's
    generation: a write to a practice, a challenge or a theme is read at once, and what is
    joined to them on each request (the evaluation, the person to ask) follows too."""
    from hub import generations

    login(client, town["reader"])
    _get(client, town["city"])
    monkeypatch.setattr(generations, "release", lambda: "the-next-deploy")
    Practice.objects.filter(pk=town["practice"].pk).update(title_en="Mentors after the deploy")
    Challenge.objects.filter(profile=town["profile"]).update(text_en="Fewer youth clubs.")
    html = _get(client, town["city"])
    assert "Mentors after the deploy" in html
    assert "Fewer youth clubs." in html
    Theme.objects.filter(pk=town["theme"].pk).update(name_en="Mentorship")
    monkeypatch.setattr(generations, "release", lambda: "and-the-one-after")
    assert "Mentorship" in _get(client, town["city"])
    User.objects.filter(pk=town["contact"].pk).update(name="Amal Haddad-Khoury")
    Document.objects.filter(pk=town["evaluation"].pk).update(visibility=Document.Visibility.STAFF)
    monkeypatch.setattr(generations, "release", lambda: "a-third-deploy")
    with CaptureQueriesContext(connection) as captured:
        html = _get(client, town["city"])
    assert _rows_read(captured) == []
    assert "Amal Haddad-Khoury" in html
    assert "Evaluation of the mentoring" not in html
