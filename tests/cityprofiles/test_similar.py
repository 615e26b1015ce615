"""Cities like mine: the ordering on a small, fixed set of cities, its reasons, its weights."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cityprofiles.home_similar import similar_cities_panel
from cityprofiles.models import CityProfile, Practice
from cityprofiles.similar import DEFAULT_WEIGHTS, similar_cities, weights
from hub.models import Country
from tests.cityprofiles.factories import (
    ChallengeFactory,
    NetworkFactory,
    PracticeFactory,
    profile_of,
)
from tests.conftest import login
from tests.hub.factories import CityFactory, CountryFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    """Six cities around Home (MENA, Arabic and French, a network, 250k-1m people).

    - Twin: two shared themes (one from a challenge, one from a practice), another region.
    - Neighbour: same region, shares Arabic, has a network, the same population band.
    - Cousin: one shared theme, same region.
    - Distant: one shared theme, another region, a population band two away.
    - Alike-in-size: only the next population band up.
    - Stranger: nothing in common (left out).
    """
    mena, europe = RegionFactory(name_en="MENA"), RegionFactory(name_en="Europe")
    lebanon, france = CountryFactory(region=mena), CountryFactory(region=europe)
    mentoring, youth, schools, sport = (
        ThemeFactory(name_en=n) for n in ("Mentoring", "Youth", "Schools", "Sport")
    )

    def city(name, country, **profile):
        c = CityFactory(name_en=name, country=country)
        return c, profile_of(c, **profile)

    home, home_profile = city("Home", lebanon, languages=["ar", "fr"], population_band="250k_1m")
    ChallengeFactory(profile=home_profile, themes=[mentoring, youth])
    PracticeFactory(profile=home_profile, themes=[schools])
    NetworkFactory(profile=home_profile)

    twin, twin_profile = city("Twin", france)
    ChallengeFactory(profile=twin_profile, themes=[mentoring])
    PracticeFactory(profile=twin_profile, themes=[schools, sport])

    neighbour, neighbour_profile = city(
        "Neighbour", lebanon, languages=["ar"], population_band="250k_1m"
    )
    NetworkFactory(profile=neighbour_profile)

    cousin, cousin_profile = city("Cousin", lebanon)
    PracticeFactory(profile=cousin_profile, themes=[youth])

    distant, distant_profile = city("Distant", france, population_band="over_5m")
    PracticeFactory(profile=distant_profile, themes=[youth])

    size, _ = city("Alike-in-size", france, population_band="1m_5m")
    stranger, _ = city("Stranger", france, languages=["de"], population_band="under_50k")
    return {
        "home": home,
        "twin": twin,
        "neighbour": neighbour,
        "cousin": cousin,
        "distant": distant,
        "size": size,
        "stranger": stranger,
        "themes": {"mentoring": mentoring, "youth": youth, "schools": schools},
    }


def names(found):
    return [item.city.name for item in found]


def test_similar_cities_in_the_expected_order_with_scores(towns):
    # Default weights: theme 3, region 2, language 1, network 1, population 1 (half next band).
    # Twin 2 themes = 6; Cousin 3 + 2 = 5 and Neighbour 2 + 1 + 1 + 1 = 5 (a tie goes to more
    # shared themes); Distant 3 (two bands away counts nothing); Alike-in-size half of 1.
    found = similar_cities(city_id=towns["home"].pk)
    assert names(found) == ["Twin", "Cousin", "Neighbour", "Distant", "Alike-in-size"]
    assert [item.score for item in found] == [6.0, 5.0, 5.0, 3.0, 0.5]


def test_similar_cities_give_their_reasons(towns):
    found = {item.city.name: item for item in similar_cities(city_id=towns["home"].pk)}
    twin = found["Twin"]
    assert [t.name for t in twin.themes] == ["Mentoring", "Schools"]
    assert not twin.same_region
    assert twin.languages == []
    neighbour = found["Neighbour"]
    assert neighbour.themes == []
    assert neighbour.same_region
    assert neighbour.languages == ["ar"]
    assert neighbour.language_names == ["Arabic"]
    assert neighbour.both_networks
    assert neighbour.same_size
    assert found["Cousin"].same_region and [t.name for t in found["Cousin"].themes] == ["Youth"]
    size = found["Alike-in-size"]
    assert size.similar_size and not size.same_size
    assert not found["Distant"].similar_size
    assert "Stranger" not in found
    assert "Home" not in found


def test_weights_from_the_settings_change_the_order(towns, settings):
    settings.HUB_CITY_SIMILARITY_WEIGHTS = {"theme": 1, "region": 5}
    assert weights() == {**DEFAULT_WEIGHTS, "theme": 1.0, "region": 5.0}
    found = similar_cities(city_id=towns["home"].pk)
    # Neighbour 5+1+1+1 = 8, Cousin 1+5 = 6, Twin 2, Distant 1, Alike-in-size 0.5.
    assert names(found) == ["Neighbour", "Cousin", "Twin", "Distant", "Alike-in-size"]


def test_a_reason_weighed_zero_no_longer_counts(towns, settings):
    settings.HUB_CITY_SIMILARITY_WEIGHTS = {"population": 0}
    found = similar_cities(city_id=towns["home"].pk)
    assert "Alike-in-size" not in names(found)


def test_similar_cities_are_at_most_five(towns):
    for _ in range(4):
        c = CityFactory(country=towns["neighbour"].country)
        profile_of(c, languages=["ar"])
    assert len(similar_cities(city_id=towns["home"].pk)) == 5


def test_similar_cities_see_a_publication_at_once(towns):
    """Computed from the published rows: what a publication writes counts at once."""
    stranger = towns["stranger"]
    assert "Stranger" not in names(similar_cities(city_id=towns["home"].pk))
    PracticeFactory(
        profile=CityProfile.objects.get(city=stranger), themes=list(towns["themes"].values())
    )
    assert names(similar_cities(city_id=towns["home"].pk))[0] == "Stranger"


@pytest.mark.django_db(transaction=True)
def test_similar_cities_are_cached_until_anything_writes_the_published_rows(
    towns, django_assert_num_queries
):
    """Outside a transaction the answer is cached under the search rows' generation, which the
    database's triggers bump on any write (here the factories' and a queryset update's, no
    service): the next read computes it again."""
    home, stranger = towns["home"].pk, towns["stranger"]
    first = similar_cities(city_id=home)
    with django_assert_num_queries(1):  # the generation; the rest from the cache
        assert names(similar_cities(city_id=home)) == names(first)
    PracticeFactory(
        profile=CityProfile.objects.get(city=stranger), themes=list(towns["themes"].values())
    )
    assert names(similar_cities(city_id=home))[0] == "Stranger"
    CityProfile.objects.filter(city=towns["neighbour"]).update(population_band="under_50k")
    neighbour = {i.city.name: i for i in similar_cities(city_id=home)}["Neighbour"]
    assert not neighbour.similar_size
    ThemeFactory._meta.model.objects.filter(pk=towns["themes"]["mentoring"].pk).update(
        name_en="Mentorship"
    )
    twin = {i.city.name: i for i in similar_cities(city_id=home)}["Twin"]
    assert [t.name for t in twin.themes] == ["Mentorship", "Schools"]


@pytest.mark.django_db(transaction=True)
def test_similar_cities_stay_cached_through_writes_that_change_nothing_they_compare(
    towns, django_assert_num_queries
):
    """A practice's text, a profile's overview: nothing the comparison reads. The answer stays
    cached (no statement); a practice's themes, a network, a country's name are read again."""
    home = towns["home"].pk
    twin_profile = CityProfile.objects.get(city=towns["twin"])
    first = names(similar_cities(city_id=home))
    Practice.objects.filter(profile=twin_profile).update(
        title_en="A new title", summary_en="A new summary."
    )
    CityProfile.objects.filter(pk=twin_profile.pk).update(overview_en="A new overview.")
    ChallengeFactory(profile=twin_profile, text_en="A challenge without a theme")
    with django_assert_num_queries(1):  # the generation; the rest from the cache
        assert names(similar_cities(city_id=home)) == first
    # The stranger takes the home city's themes through a practice: read again, first now.
    stranger_profile = CityProfile.objects.get(city=towns["stranger"])
    practice = PracticeFactory(profile=stranger_profile)
    assert "Stranger" not in names(similar_cities(city_id=home))
    practice.themes.set(list(towns["themes"].values()))
    assert names(similar_cities(city_id=home))[0] == "Stranger"
    NetworkFactory(profile=CityProfile.objects.get(city=towns["cousin"]))
    cousin = {i.city.name: i for i in similar_cities(city_id=home)}["Cousin"]
    assert cousin.both_networks
    Country.objects.filter(pk=towns["twin"].country_id).update(name_en="Frankreich")
    twin = {i.city.name: i for i in similar_cities(city_id=home)}["Twin"]
    assert twin.city.country.name == "Frankreich"


@pytest.mark.django_db(transaction=True)
def test_cached_similar_cities_follow_the_weights_and_the_language(towns, settings):
    from django.utils import translation

    home = towns["home"].pk
    assert names(similar_cities(city_id=home))[0] == "Twin"
    settings.HUB_CITY_SIMILARITY_WEIGHTS = {"theme": 1, "region": 5}
    assert names(similar_cities(city_id=home))[0] == "Neighbour"
    ThemeFactory._meta.model.objects.filter(pk=towns["themes"]["schools"].pk).update(
        name_fr="Écoles", name_en="Schools"
    )
    ThemeFactory._meta.model.objects.filter(pk=towns["themes"]["mentoring"].pk).update(
        name_fr="Tutorat"
    )
    twin_pk = towns["twin"].pk
    with translation.override("fr"):
        twin = {i.city.pk: i for i in similar_cities(city_id=home)}[twin_pk]
        assert [t.name for t in twin.themes] == ["Écoles", "Tutorat"]
    with translation.override("en"):
        twin = {i.city.pk: i for i in similar_cities(city_id=home)}[twin_pk]
        assert [t.name for t in twin.themes] == ["Mentoring", "Schools"]


@pytest.mark.django_db(transaction=True)
def test_city_page_reads_cities_like_it_from_the_cache(client, towns, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.hub.factories import UserFactory

    login(client, UserFactory(city=towns["twin"]))
    url = towns["home"].get_absolute_url()
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    # The statement is left out, and no query takes its place: the generation comes with the
    # city's query.
    statement = [q for q in cold.captured_queries if "WITH profiles AS" in q["sql"]]
    assert len(statement) == 1
    assert not any("WITH profiles AS" in q["sql"] for q in warm.captured_queries)
    assert not any(
        "hub_search_generation" in q["sql"] and "hub_city" not in q["sql"]
        for q in warm.captured_queries
    )
    assert "Cousin" in second.content.decode()


def test_similar_cities_of_a_city_with_nothing_published_use_only_its_place(towns):
    lonely = CityFactory(country=towns["neighbour"].country)
    found = similar_cities(city_id=lonely.pk)
    assert set(names(found)) == {"Home", "Neighbour", "Cousin"}
    assert all(item.same_region and not item.themes for item in found)


def test_similar_cities_is_one_query(towns, django_assert_num_queries):
    with django_assert_num_queries(1):
        similar_cities(city_id=towns["home"].pk)


def test_home_panel_shows_cities_like_yours_to_members(client, towns):
    from tests.hub.factories import UserFactory

    member = UserFactory(city=towns["home"])
    login(client, member)
    response = client.get(reverse("hub:home"))
    html = response.content.decode()
    assert 'aria-labelledby="home-similar-cities"' in html
    assert "Cities like yours" in html
    assert "Twin" in html
    assert reverse("cityprofiles:city", kwargs={"slug": towns["twin"].slug}) in html


def test_home_panel_is_not_for_staff(staff, rf):
    assert similar_cities_panel(staff, rf.get("/")) is None


def test_own_city_page_says_cities_like_yours(client, towns):
    from tests.hub.factories import UserFactory

    member = UserFactory(city=towns["home"])
    login(client, member)
    own = client.get(reverse("cityprofiles:city", kwargs={"slug": towns["home"].slug}))
    assert b"Cities like yours" in own.content
    other = client.get(reverse("cityprofiles:city", kwargs={"slug": towns["twin"].slug}))
    assert b"Cities like this one" in other.content
    assert b"Cities like yours" not in other.content


def test_similar_cities_name_the_first_shared_themes_and_count_the_others(towns):
    home, twin = towns["home"], towns["twin"]
    extra = [ThemeFactory() for _ in range(6)]
    PracticeFactory(profile=CityProfile.objects.get(city=home), themes=extra)
    PracticeFactory(profile=CityProfile.objects.get(city=twin), themes=extra)
    found = {item.city.name: item for item in similar_cities(city_id=home.pk)}
    twin_item = found["Twin"]
    assert twin_item.theme_count == 8
    assert len(twin_item.themes) == 5
    assert twin_item.more_themes == 3
    assert twin_item.score == 8 * DEFAULT_WEIGHTS["theme"]
