"""The directory keeps its search part (form, facets, results) rendered under the generation of
the cities' search rows (hub.search.page.SearchPageView.part_key): the same bytes as rendered
from the rows, read with one query, shared by the readers who may see the same cities, and
rendered again at once after any write to what it shows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from cityprofiles.models import Challenge, CityProfile, Practice
from cityprofiles.services import editing as services
from hub.models import City, Country, Region, Theme, User
from tests.cityprofiles.factories import (
    ChallengeFactory,
    NetworkFactory,
    PracticeFactory,
    cities_with_practices,
    profile_of,
)
from tests.conftest import login
from tests.hub.factories import (
    CityFactory,
    CountryFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)
from tests.kit.pages import stable_page

# The engine's and the page's caches are read outside a transaction only.
pytestmark = pytest.mark.django_db(transaction=True)

# The queries of a request whose part comes from the cache: the session's user, the generation.
HIT = 2


@pytest.fixture
def towns():
    europe = RegionFactory(name_en="Europe", name_fr="Europe", name_ar="أوروبا", slug="europe")
    france = CountryFactory(iso_code="FR", name_en="France", name_fr="France", region=europe)
    mentoring = ThemeFactory(slug="mentoring", name_en="Mentoring", name_fr="Tutorat")
    kestrel = CityFactory(name_en="Kestrel", name_fr="Crécerelle", name_ar="العوسق", country=france)
    osprey = CityFactory(name_en="Osprey", name_fr="Balbuzard", country=france)
    profile = profile_of(kestrel, overview_en="A port city.", overview_fr="Une ville portuaire.")
    profile_of(osprey, overview_en="A river city.")
    practice = PracticeFactory(
        profile=profile,
        title_en="Mentors in schools",
        title_fr="Des tuteurs dans les écoles",
        summary_fr="Le tutorat des jeunes avec les écoles.",
        title_ar="مرشدون في المدارس",
        summary_ar="الإرشاد للشباب في المدارس.",
        themes=[mentoring],
        evidence_level=Practice.Evidence.EVALUATED,
    )
    ChallengeFactory(profile=profile, text_en="Young people leave school early.")
    return {
        "europe": europe,
        "france": france,
        "mentoring": mentoring,
        "kestrel": kestrel,
        "osprey": osprey,
        "profile": profile,
        "practice": practice,
        "reader": UserFactory(city=CityFactory(), name="Zorba Quill"),
    }


def _get(client, language: str = "en", query: str = "") -> str:
    """The directory's page at `query` in `language`, its per-response tokens blanked; the
    number of its queries in _get.queries."""
    with translation.override(language):
        url = reverse("cityprofiles:directory") + query
    html, _get.queries = stable_page(client, url)  # type: ignore[attr-defined]
    return html


PAGES = [
    ("en", ""),
    ("fr", ""),
    ("ar", ""),
    ("en", "?sort=name"),
    ("en", "?q=mentoring"),
    ("fr", "?q=tutorat"),
    ("ar", "?q=%D8%A7%D9%84%D8%A5%D8%B1%D8%B4%D8%A7%D8%AF"),  # الإرشاد
    ("fr", "?theme=mentoring"),
    ("en", "?q=mentoring&theme=mentoring&country=FR"),
    ("en", "?q=city&sort=name"),
]


def test_the_kept_part_is_the_part_rendered_from_the_rows(client, towns, settings):
    login(client, towns["reader"])
    settings.HUB_SEARCH_CACHE_SECONDS = 0
    _get(client)  # the session's user in its cache
    rendered = {page: _get(client, *page) for page in PAGES}
    computed = {}
    for page in PAGES:
        _get(client, *page)
        computed[page] = _get.queries  # type: ignore[attr-defined]
    settings.HUB_SEARCH_CACHE_SECONDS = 600
    for page in PAGES:
        assert _get(client, *page) == rendered[page], page  # rendered, then kept
        assert _get(client, *page) == rendered[page], page  # read back
        assert _get.queries == HIT < computed[page], page  # type: ignore[attr-defined]
    assert "<mark>Mentors</mark> in schools" in rendered[("en", "?q=mentoring")]
    assert "Des tuteurs dans les écoles" in rendered[("fr", "?theme=mentoring")]
    assert "Crécerelle" in rendered[("fr", "")] and "العوسق" in rendered[("ar", "")]


@pytest.mark.parametrize(
    ("query", "computed"),
    # What the page costs with the cache in a transaction (test_directory.py) and the two
    # generations: the part's key, the engine's matches' key.
    [("", 9), ("?q=prevention", 10), ("?q=prevention&sort=name", 11)],
)
def test_the_directory_costs_the_same_at_1_and_50_cities_kept_or_not(
    client, towns, query, computed
):
    login(client, towns["reader"])
    _get(client, "en", "?q=warm-the-session")
    counts = []
    for n in (1, 49):
        cities_with_practices(n)  # a write: a new generation, nothing kept reads
        _get(client, "en", query)
        first = _get.queries  # type: ignore[attr-defined]
        _get(client, "en", query)
        counts.append((first, _get.queries))  # type: ignore[attr-defined]
    assert counts == [(computed, HIT), (computed, HIT)]


def _part(html: str) -> str:
    """The search part of a directory page: its form."""
    start = html.index('<form method="get" action="/en/cities/"')
    return html[start : html.index("</form>", start)]


def test_readers_who_see_the_same_cities_share_the_part_and_nothing_of_theirs_is_in_it(
    client, towns
):
    login(client, towns["reader"])
    first = _get(client, "en", "?q=mentoring")
    assert "Zorba" in first and "Zorba" not in _part(first)
    assert "<mark>Mentors</mark> in schools" in _part(first)
    other = UserFactory(city=towns["kestrel"], name="Yolanda Fig")
    staff_user = UserFactory(staff=True, with_totp=True, name="Xavier Staff")
    for user in (other, staff_user):
        login(client, user)
        _get(client, "en", "?q=kayaking")  # the session's first request writes it
        html = _get(client, "en", "?q=mentoring")
        assert _get.queries == HIT  # type: ignore[attr-defined]  # the part is kept
        assert user.get_short_name() in html and "Zorba" not in html
        assert _part(html) == _part(first)


def test_access_is_checked_on_every_request_whatever_is_kept(client, towns):
    login(client, towns["reader"])
    _get(client, "en", "?q=mentoring")
    _get(client, "en", "?q=mentoring")
    User.objects.filter(pk=towns["reader"].pk).update(is_active=False)
    with translation.override("en"):
        response = client.get(reverse("cityprofiles:directory") + "?q=mentoring")
    assert response.status_code == 302
    assert "Mentors in schools" not in response.content.decode()


def test_a_page_without_results_is_never_kept(client, towns):
    login(client, towns["reader"])
    _get(client, "en", "?q=kayaking")
    _get(client, "en", "?q=kayaking")
    assert _get.queries > HIT  # type: ignore[attr-defined]
    _get(client, "en", "?q=kayaking")
    assert _get.queries > HIT  # type: ignore[attr-defined]


def _shown(client, query: str = "", language: str = "en") -> str:
    """The page twice: what a reader sees once it is kept."""
    _get(client, language, query)
    return _get(client, language, query)


def test_every_write_to_what_the_part_shows_shows_at_once(client, towns, staff):
    login(client, towns["reader"])
    practice, profile = towns["practice"], towns["profile"]
    words = "?q=mentoring"
    assert "Mentors in schools" in _shown(client, words).replace("<mark>", "").replace(
        "</mark>", ""
    )

    def plain(query: str = "", language: str = "en") -> str:
        return _shown(client, query, language).replace("<mark>", "").replace("</mark>", "")

    # Practices: a queryset update of the title and the evidence, a new one, its themes.
    Practice.objects.filter(pk=practice.pk).update(title_en="Mentors in every school")
    assert "Mentors in every school" in plain(words)
    Practice.objects.filter(pk=practice.pk).update(evidence_level=Practice.Evidence.MONITORED)
    assert "badge--monitored" in plain(words)
    PracticeFactory(profile=profile, title_en="Football against hate", summary_en="Football.")
    assert "Football against hate" in plain("?q=football")
    assert "2 practices" in plain()
    osprey = CityProfile.objects.get(city=towns["osprey"])
    assert "Osprey" not in plain("?theme=mentoring")
    late = PracticeFactory(profile=osprey, title_en="Late mentors", summary_en="Tutoring.")
    late.themes.add(towns["mentoring"])
    assert "Osprey" in plain("?theme=mentoring")
    late.themes.remove(towns["mentoring"])
    assert "Osprey" not in plain("?theme=mentoring")
    late.delete()
    assert "Late mentors" not in plain("?q=tutoring")
    # Challenges and their themes.
    assert "Kestrel" not in plain("?q=polarisation")
    Challenge.objects.filter(profile=profile).update(text_en="Polarisation in schools.")
    assert "Kestrel" in plain("?q=polarisation")
    youth = ThemeFactory(slug="youth", name_en="Youth work")
    Challenge.objects.get(profile=profile).themes.add(youth)
    assert "Youth work" in plain()
    # A network, then none.
    listed = " · Local prevention network</p>"
    assert listed not in plain("?q=kestrel")
    network = NetworkFactory(profile=profile)
    assert listed in plain("?q=kestrel")
    network.delete()
    assert listed not in plain("?q=kestrel")
    # The profile, its city, country, region and the themes' names.
    CityProfile.objects.filter(pk=osprey.pk).update(overview_en="A city on the estuary.")
    assert "A city on the estuary." in plain()
    City.objects.filter(pk=towns["osprey"].pk).update(name_en="Fish Hawk")
    assert "Fish Hawk" in plain() and "Osprey" not in plain()
    Country.objects.filter(pk=towns["france"].pk).update(name_en="French Republic")
    assert "French Republic" in plain()
    Region.objects.filter(pk=towns["europe"].pk).update(name_en="European Union area")
    assert "European Union area" in plain()
    Theme.objects.filter(pk=towns["mentoring"].pk).update(name_en="Mentorship")
    assert "Mentorship" in plain("?theme=mentoring")
    assert "Tutorat" in plain("?theme=mentoring", "fr")
    # A publication, as staff make it.
    focal_point = UserFactory(city=towns["kestrel"], focal_point=True)
    draft = services.draft_for_editing(city=towns["kestrel"], by=focal_point)
    draft = services.draft_save(
        draft=draft,
        by=focal_point,
        part="profile",
        data={"overview_en": "The estuary's port."},
        version=draft.version,
    )
    draft = services.draft_submit(draft=draft, by=focal_point, version=draft.version)
    services.draft_publish(draft=draft, by=staff)
    assert "The estuary&#x27;s port." in plain()


def test_nothing_is_kept_when_the_cache_is_off(client, towns, settings):
    settings.HUB_SEARCH_CACHE_SECONDS = 0
    login(client, towns["reader"])
    _get(client, "en", "?q=mentoring")
    _get(client, "en", "?q=mentoring")
    computed = _get.queries  # type: ignore[attr-defined]
    assert computed > HIT
    _get(client, "en", "?q=mentoring")
    assert _get.queries == computed  # type: ignore[attr-defined]
