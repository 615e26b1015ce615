"""The directory's search: rows kept by the database whatever writes the published tables, the
access rule, the three languages, facets, the ranking by strength and why each city matched."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cityprofiles.models import CityChunk, CityProfile, CitySearch, Practice
from cityprofiles.search import CITIES, params_from, search
from hub.models import City, Country
from hub.search import SearchParams
from tests.cityprofiles.factories import (
    ChallengeFactory,
    NetworkFactory,
    PracticeFactory,
    profile_of,
)
from tests.conftest import login
from tests.hub.factories import CityFactory, CountryFactory, RegionFactory, ThemeFactory
from tests.kit.search import assert_search_is_the_access_rule, found
from tests.kit.search import readers as kit_readers

pytestmark = pytest.mark.django_db


def _query(query: str = "", **filters) -> QueryDict:
    data = QueryDict(mutable=True)
    if query:
        data["q"] = query
    for name, values in filters.items():
        data.setlist(name, list(values))
    return data


def _found(user, query: str = "", **filters) -> set[int]:
    """The profile ids the directory finds for `user`, over all its pages."""
    return found(CITIES, user, _query(query, **filters), page_size=7)


def _search(user, query: str = "", **filters):
    """The directory's first page for `user`."""
    return search(user=user, params=params_from(_query(query, **filters)))


def _cities(user, query: str = "", **filters) -> list[str]:
    """The English names of the first page's cities, in the page's order."""
    return [profile.city.name_en for profile in _search(user, query, **filters).items]


def _directory(client, user, data):
    """The directory's page, asked with `data` by `user` logged in."""
    login(client, user)
    return client.get(reverse("cityprofiles:directory"), data)


def _practice(city, **fields) -> Practice:
    fields.setdefault("summary_en", "A programme of the municipality.")
    return PracticeFactory(profile=profile_of(city), **fields)


# --- Access -----------------------------------------------------------------------------------


def test_search_shows_exactly_what_the_access_rule_allows_for_every_reader(city_a, city_b):
    city_c = CityFactory()
    for city in (city_a, city_b, city_c, CityFactory(steering=True)):
        _practice(city, summary_en="Prevention work with schools.")
    seen = assert_search_is_the_access_rule(
        CITIES,
        readers=kit_readers(city_a=city_a, city_b=city_b, city_c=city_c),
        allowed=lambda user: CityProfile.objects.visible_to(user),
        queries=(_query("prevention"), _query("", evidence=["described"]), _query("schools")),
    )
    everything = set(CityProfile.objects.values_list("pk", flat=True))
    assert len(everything) == 4
    assert seen["anonymous"] == seen["suspended"] == set()
    assert seen["member of A"] == seen["member of B"] == seen["staff"] == everything


def test_the_source_is_registered_from_the_app_config():
    from hub import search as engine

    assert engine.get("cityprofiles.cities") is CITIES


# --- Every write path keeps the rows right ---------------------------------------------------


def test_every_city_has_one_row_from_the_moment_it_exists(member_a):
    city = CityFactory(name_en="Zanzibar Town", name_fr="Ville de Zanzibar")
    profile = CityProfile.objects.get(city=city)
    row = CitySearch.objects.get(profile=profile)
    assert (row.city_id, row.country_id, row.region_id) == (
        city.pk,
        city.country_id,
        city.country.region_id,
    )
    assert _found(member_a, "zanzibar") == {profile.pk}
    # Deleting the city deletes its profile, its row and its chunks.
    city.delete()
    assert not CitySearch.objects.filter(profile_id=profile.pk).exists()
    assert not CityChunk.objects.filter(profile_id=profile.pk).exists()


def test_admin_like_saves_and_queryset_updates_of_the_profile_reach_search(member_a):
    city = CityFactory()
    profile = profile_of(city, overview_en="Polarisation in the harbour districts.")
    assert _found(member_a, "harbour") == {profile.pk}
    CityProfile.objects.filter(pk=profile.pk).update(overview_en="Bus lanes and parks.")
    assert _found(member_a, "harbour") == set()
    assert _found(member_a, "parks") == {profile.pk}
    # A translation added later is searched in its own language.
    CityProfile.objects.filter(pk=profile.pk).update(overview_fr="Les quartiers du port.")
    assert _found(member_a, "quartiers") == {profile.pk}
    assert _found(member_a, "", language=["fr"]) == {profile.pk}


def test_practices_challenges_networks_and_their_themes_reach_search_whatever_writes_them(
    member_a,
):
    city = CityFactory()
    profile = profile_of(city)
    youth, schools = ThemeFactory(slug="youth"), ThemeFactory(slug="schools")
    practice = _practice(city, title_en="Sports league", summary_en="Football on Sundays.")
    assert _found(member_a, "football") == {profile.pk}
    assert _found(member_a, "", evidence=["described"]) == {profile.pk}

    # A queryset update of a practice (no save(), no signal).
    Practice.objects.filter(pk=practice.pk).update(
        summary_en="Basketball on Sundays.", evidence_level=Practice.Evidence.INDEPENDENT
    )
    assert _found(member_a, "football") == set()
    assert _found(member_a, "basketball") == {profile.pk}
    assert _found(member_a, "", evidence=["described"]) == set()
    assert _found(member_a, "", evidence=["independent"]) == {profile.pk}

    # Many-to-many changes of practices and challenges move it between themes.
    practice.themes.add(youth)
    assert _found(member_a, "", theme=["youth"]) == {profile.pk}
    practice.themes.remove(youth)
    assert _found(member_a, "", theme=["youth"]) == set()
    challenge = ChallengeFactory(profile=profile, text_en="Hate speech online.")
    assert _found(member_a, "hate speech") == {profile.pk}
    challenge.themes.add(schools)
    assert _found(member_a, "", theme=["schools"]) == {profile.pk}
    challenge.themes.clear()
    assert _found(member_a, "", theme=["schools"]) == set()

    # A network, then none.
    assert _found(member_a, "", network=["yes"]) == set()
    network = NetworkFactory(profile=profile, activities_en="Monthly roundtables.")
    assert _found(member_a, "", network=["yes"]) == {profile.pk}
    assert _found(member_a, "roundtables") == {profile.pk}
    network.delete()
    assert _found(member_a, "", network=["no"]) >= {profile.pk}
    assert _found(member_a, "roundtables") == set()

    # Deleting a practice takes its words and its count with it.
    practice_id = practice.pk
    assert CityChunk.objects.filter(practice_id=practice_id).exists()
    practice.delete()
    assert _found(member_a, "basketball") == set()
    assert CitySearch.objects.get(profile=profile).practice_count == 0
    assert not CityChunk.objects.filter(practice_id=practice_id).exists()


def test_a_publication_like_rewrite_of_the_practices_reaches_search_in_its_transaction(
    member_a,
):
    city = CityFactory()
    profile = profile_of(city)
    youth = ThemeFactory(slug="youth")
    old = [_practice(city, summary_en="Old football scheme.") for _ in range(2)]
    with transaction.atomic():
        # As a publication writes the published rows: delete, bulk-create, set the themes.
        Practice.objects.filter(profile=profile).delete()
        new = Practice.objects.bulk_create(
            [
                Practice(
                    profile=profile,
                    key=uuid.uuid4(),
                    title_en=f"Mentoring circle {n}",
                    summary_en="Mentoring young people.",
                    evidence_level=Practice.Evidence.EVALUATED,
                    target_groups=["families"],
                )
                for n in range(3)
            ]
        )
        Practice.themes.through.objects.bulk_create(
            [Practice.themes.through(practice_id=p.pk, theme_id=youth.pk) for p in new]
        )
        # Seen inside the transaction already.
        assert _found(member_a, "mentoring") == {profile.pk}
    assert _found(member_a, "football") == set()
    assert _found(member_a, "", theme=["youth"], target=["families"]) == {profile.pk}
    row = CitySearch.objects.get(profile=profile)
    assert row.practice_count == 3 and row.evidence == ["evaluated"]
    assert not CityChunk.objects.filter(practice_id__in=[p.pk for p in old]).exists()


def test_the_city_and_its_country_reach_search_when_they_change(member_a):
    europe = RegionFactory(slug="europe", name_en="Europe")
    city = CityFactory(name_en="Old Name")
    profile = CityProfile.objects.get(city=city)
    City.objects.filter(pk=city.pk).update(name_en="Newtown", is_steering_committee=True)
    assert _found(member_a, "newtown") == {profile.pk}
    assert _found(member_a, "", steering=["yes"]) == {profile.pk}
    Country.objects.filter(pk=city.country_id).update(region=europe)
    assert _found(member_a, "", region=["europe"]) == {profile.pk}
    assert _found(member_a, "", country=[city.country.iso_code]) == {profile.pk}


def test_writes_make_cached_searches_unreachable(member_a, settings):
    settings.HUB_SEARCH_CACHE_SECONDS = 600
    city = CityFactory()
    profile = profile_of(city)
    assert _found(member_a, "kayaking") == set()
    _practice(city, summary_en="Kayaking with young people.")
    assert _found(member_a, "kayaking") == {profile.pk}


def test_new_words_join_the_vocabulary_of_did_you_mean(client, member_a):
    city = CityFactory()
    _practice(city, summary_en="Storytelling workshops in libraries.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM hub_search_word WHERE word = 'storytelling'")
        assert cursor.fetchone()[0] == 1
    result = _search(member_a, "storytellin")
    assert result.total == 0
    assert result.suggestions == ["storytelling"]


# --- Languages --------------------------------------------------------------------------------


def test_a_french_query_finds_an_english_practice_through_its_french_translation(member_a):
    translated = CityFactory(name_en="Translated City")
    _practice(
        translated,
        source_language="en",
        title_en="Youth mentoring scheme",
        summary_en="Mentoring young people with schools.",
        title_fr="Programme de mentorat des jeunes",
        summary_fr="Le mentorat des jeunes avec les écoles.",
    )
    english_only = CityFactory(name_en="English Only City")
    _practice(english_only, title_en="Mentoring", summary_en="Mentoring young people.")
    assert _cities(member_a, "mentorat") == ["Translated City"]
    # In English, both.
    assert sorted(_cities(member_a, "mentoring")) == ["English Only City", "Translated City"]


def test_arabic_matches_with_or_without_diacritics_and_shows_the_written_letters(member_a):
    city = CityFactory(name_en="Saida Test")
    _practice(
        city,
        source_language="ar",
        title_en="",
        summary_en="",
        title_ar="برنامج الإرشادِ للشباب",
        summary_ar="حملة توعية في المدارس حول الوقايةِ من التطرف العنيف.",
    )
    for query in ("الإرشاد", "الارشاد", "الإِرْشَاد", "الوقايه"):
        assert _cities(member_a, query) == ["Saida Test"], query
    with translation.override("ar"):
        result = _search(member_a, "الارشاد")
    (practice,) = result.items[0].matching_practices
    assert "<mark>الإرشادِ</mark>" in str(practice.title)
    assert practice.language == "ar"


# --- Facets -----------------------------------------------------------------------------------


def test_facets_count_the_cities_of_the_current_results(member_a):
    europe = RegionFactory(slug="europe", name_en="Europe")
    france = CountryFactory(iso_code="FR", name_en="France", region=europe)
    youth, schools = ThemeFactory(slug="youth"), ThemeFactory(slug="schools")
    a = CityFactory(country=france, steering=True)
    b = CityFactory(country=france)
    c = CityFactory()
    _practice(
        a,
        summary_en="Prevention with families.",
        evidence_level="independent",
        target_groups=["families", "schools"],
        themes=[youth],
    )
    _practice(a, summary_en="Prevention online.", evidence_level="described", themes=[youth])
    ChallengeFactory(profile=profile_of(b), text_en="Prevention in schools.", themes=[schools])
    _practice(b, summary_en="Prevention in sport.", title_fr="Prévention par le sport")
    NetworkFactory(profile=profile_of(b))
    _practice(c, summary_en="Unrelated bus lanes.")

    result = _search(member_a, "prevention")
    facets = {name: {v.key: v.count for v in values} for name, values in result.facets.items()}
    assert result.total == 2
    assert facets["theme"] == {"youth": 1, "schools": 1}
    assert facets["region"] == {"europe": 2}
    assert facets["country"] == {"FR": 2}
    assert facets["steering"] == {"yes": 1, "no": 1}
    assert facets["evidence"] == {"independent": 1, "described": 2}
    assert facets["target"] == {"families": 1, "schools": 1, "young_people": 2}
    assert facets["network"] == {"yes": 1, "no": 1}
    assert facets["language"] == {"en": 2, "fr": 1}
    # Choosing a value counts the other facets over it, and keeps its own facet's other values.
    chosen = _search(member_a, "prevention", theme=["youth"])
    assert [p.pk for p in chosen.items] == [profile_of(a).pk]
    counts = {v.key: v.count for v in chosen.facets["theme"]}
    assert counts == {"youth": 1, "schools": 1}
    assert {v.key: v.count for v in chosen.facets["network"]} == {"no": 1}


# --- Ranking by strength, and why --------------------------------------------------------------


@pytest.fixture
def mentoring(db):
    """Four cities and their mentoring work: one independently evaluated practice; two
    described ones; one evaluated; and a city whose overview only mentions mentoring."""
    theme = ThemeFactory(slug="mentoring", name_en="Mentoring")
    strong = CityFactory(name_en="Delta")
    _practice(
        strong,
        title_en="Mentoring for young people at risk",
        summary_en="Trained mentors meet young people weekly.",
        evidence_level="independent",
        themes=[theme],
    )
    _practice(strong, title_en="Street lighting", summary_en="Lamps in parks.")
    many = CityFactory(name_en="Alpha")
    for n in range(2):
        _practice(
            many,
            title_en=f"Peer mentoring {n}",
            summary_en="Older pupils mentor younger ones.",
            evidence_level="described",
            themes=[theme],
        )
    middle = CityFactory(name_en="Bravo")
    _practice(
        middle,
        title_en="Mentoring families",
        summary_en="Mentors for parents.",
        evidence_level="evaluated",
        themes=[theme],
    )
    mention = CityFactory(name_en="Charlie")
    profile_of(mention, overview_en="We would like to start mentoring one day.")
    return theme


def test_mentoring_brings_up_the_cities_by_the_strength_of_their_work(member_a, mentoring):
    # Independently evaluated (5) > evaluated (3) > two described (1 + 1) > a mention only.
    assert _cities(member_a, "mentoring") == ["Delta", "Bravo", "Alpha", "Charlie"]
    # Choosing the theme, without words, ranks the same way (no mention: no theme).
    assert _cities(member_a, "", theme=["mentoring"]) == ["Delta", "Bravo", "Alpha"]
    # The other orders are still there.
    assert _cities(member_a, "mentoring", sort=["name"]) == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_the_weights_of_evidence_are_a_setting(member_a, mentoring, settings):
    settings.HUB_CITY_EVIDENCE_WEIGHTS = {
        "described": 4.0,
        "monitored": 1.0,
        "evaluated": 1.0,
        "independent": 1.0,
    }
    assert _cities(member_a, "mentoring")[:3] == ["Alpha", "Bravo", "Delta"]


def test_a_queryset_update_of_evidence_or_position_reorders_the_ranking(member_a, mentoring):
    # The rank reads its practices' evidence level and position from the matching chunks
    # (migration 0003): an update() that leaves the texts as they were must still reach them.
    assert _cities(member_a, "mentoring") == ["Delta", "Bravo", "Alpha", "Charlie"]
    Practice.objects.filter(title_en="Mentoring for young people at risk").update(
        evidence_level="described"
    )
    Practice.objects.filter(title_en__startswith="Peer mentoring").update(
        evidence_level="evaluated"
    )
    assert set(
        CityChunk.objects.filter(
            kind="practice", practice_id__in=Practice.objects.filter(evidence_level="evaluated")
        ).values_list("evidence_level", flat=True)
    ) == {"evaluated"}
    # Two evaluated (3 + 3) > evaluated (3) > described (1) > a mention only.
    assert _cities(member_a, "mentoring") == ["Alpha", "Bravo", "Delta", "Charlie"]
    # The position orders a city's strongest practices (the why-list), equal evidence apart.
    alpha = _search(member_a, "mentoring").items[0]
    assert [str(w.title) for w in alpha.matching_practices] == [
        "Peer <mark>mentoring</mark> 0",
        "Peer <mark>mentoring</mark> 1",
    ]
    Practice.objects.filter(title_en="Peer mentoring 0").update(position=9)
    assert set(
        CityChunk.objects.filter(
            kind="practice", practice_id__in=Practice.objects.filter(position=9)
        ).values_list("position", flat=True)
    ) == {9}
    alpha = _search(member_a, "mentoring").items[0]
    assert [str(w.title) for w in alpha.matching_practices] == [
        "Peer <mark>mentoring</mark> 1",
        "Peer <mark>mentoring</mark> 0",
    ]


@pytest.mark.django_db(transaction=True)  # the engine reads its cache outside transactions only
def test_the_cached_rank_and_why_are_those_computed_and_follow_writes(
    member_a, mentoring, settings
):
    # The engine's cache on, as on the site: the rank of the window and the strongest
    # practices of each city are kept with the matches, under the rows' generation.
    settings.HUB_SEARCH_CACHE_SECONDS = 600
    cache.clear()
    computed = _search(member_a, "mentoring")
    with CaptureQueriesContext(connection) as queries:
        cached = _search(member_a, "mentoring")
    assert not [q for q in queries if "sum(" in q["sql"]]  # no rank statement
    assert [p.city.name for p in cached.items] == ["Delta", "Bravo", "Alpha", "Charlie"]
    assert [
        ([str(w.title) for w in p.matching_practices], p.matching_count) for p in cached.items
    ] == [([str(w.title) for w in p.matching_practices], p.matching_count) for p in computed.items]
    assert cached.highlights == computed.highlights and set(cached.highlights) == {
        cached.items[3].pk  # the city that only mentions it: its profile's snippet
    }
    # A practice's evidence changes (a write the search row does not show): a new ranking.
    Practice.objects.filter(title_en="Mentoring families").update(evidence_level="described")
    Practice.objects.filter(title_en="Peer mentoring 0").update(evidence_level="independent")
    assert _cities(member_a, "mentoring") == ["Alpha", "Delta", "Bravo", "Charlie"]
    assert [str(w.title) for w in _search(member_a, "mentoring").items[0].matching_practices] == [
        "Peer <mark>mentoring</mark> 0",
        "Peer <mark>mentoring</mark> 1",
    ]


def test_each_result_shows_its_matching_practices_with_the_words_marked(
    client, member_a, mentoring
):
    result = _search(member_a, "mentoring")
    delta = result.items[0]
    assert delta.matching_count == 1
    (practice,) = delta.matching_practices
    assert str(practice.title) == "<mark>Mentoring</mark> for young people at risk"
    assert practice.evidence == "independent"
    alpha = result.items[2]
    assert alpha.matching_count == 2
    assert [str(p.title) for p in alpha.matching_practices] == [
        "Peer <mark>mentoring</mark> 0",
        "Peer <mark>mentoring</mark> 1",
    ]
    # On the page: the city, the practice marked, its evidence; not the practice that does
    # not match.
    html = _directory(client, member_a, {"q": "mentoring"}).content.decode()
    assert "<mark>Mentoring</mark> for young people at risk" in html
    assert "Independently evaluated" in html
    assert "Street lighting" not in html
    # Chosen by theme: the practices are listed, unmarked.
    by_theme = _search(member_a, "", theme=["mentoring"])
    assert [str(p.title) for p in by_theme.items[0].matching_practices] == [
        "Mentoring for young people at risk"
    ]


def test_the_snippet_is_cut_around_the_words_even_deep_in_a_long_summary(member_a):
    """The strongest practice's snippet comes from around the first query word after its title,
    however far into the summary it is, and shows Arabic as written."""
    filler_en = " ".join(f"Neighbourhood meeting number {n} on street lighting." for n in range(60))
    city = CityFactory(name_en="Long Summary City")
    _practice(
        city,
        title_en="Community programme",
        summary_en=f"{filler_en} Volunteers offer mentoring to young people. {filler_en}",
    )
    (practice,) = _search(member_a, "mentoring").items[0].matching_practices
    assert "<mark>mentoring</mark> to young people" in str(practice.snippet)
    assert "Community programme" in str(practice.title)

    filler_ar = " ".join(f"اجتماعُ الحيِّ رقم {n} حول إنارةِ الشوارع." for n in range(50))
    arabic = CityFactory(name_en="Arabic Summary City")
    _practice(
        arabic,
        source_language="ar",
        title_en="",
        summary_en="",
        title_ar="برنامج مجتمعي",
        summary_ar=f"{filler_ar} يقدّم المتطوعون الإرشادَ للشباب في المدارس. {filler_ar}",
    )
    with translation.override("ar"):
        (practice,) = _search(member_a, "الارشاد").items[0].matching_practices
    assert "<mark>الإرشادَ</mark> للشباب" in str(practice.snippet)


def test_practice_text_cannot_inject_markup_into_the_why(client, member_a):
    city = CityFactory()
    _practice(
        city,
        title_en="<script>alert(1)</script> mentoring \ue000 fake",
        summary_en="<b>mentoring</b>",
    )
    html = _directory(client, member_a, {"q": "mentoring"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>mentoring</mark>" in html


# --- Hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"q": "x" * 10_000},
        {"q": "<script>alert(1)</script>"},
        {"q": "mentoring\x00"},
        {"q": "' OR 1=1 --"},
        {"q": '"unbalanced'},
        {"q": "!!! ((( &&&"},
        {"q": "-"},
        {"theme": "\x00"},
        {"theme": "x" * 10_000},
        {"country": "ZZZZ", "region": "<b>", "evidence": "nope", "steering": "maybe"},
        {"page": "-3", "sort": "sideways"},
        {"page": "99999999999999999999"},
    ],
)
def test_hostile_queries_get_a_page_never_an_error(client, member_a, mentoring, data):
    response = _directory(client, member_a, data)
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_a_query_with_no_words_shows_every_city_and_says_so(client, member_a, mentoring):
    response = _directory(client, member_a, {"q": "!!!"})
    assert response.context["result"].query_is_empty_of_words
    assert response.context["result"].total == CityProfile.objects.count()


def test_search_params_are_understood_leniently():
    params = params_from(QueryDict("q=mentoring&theme=youth&theme=&sort=strength&page=2"))
    assert params == SearchParams(
        query="mentoring", filters={"theme": ("youth",)}, sort="strength", page=2
    )
