"""The directory of member cities (cityprofiles:directory): search by name in any language,
facets that apply on a button, cities grouped by region, everything in the reader's alphabet.

Moved from tests/hub/test_directory.py when the directory became the search over the cities'
profiles; what that page proved still holds here."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.cityprofiles.factories import PracticeFactory, cities_with_practices, profile_of
from tests.conftest import login
from tests.hub.factories import CityFactory, CountryFactory, RegionFactory
from tests.kit.queries import assert_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(member_a):
    europe = RegionFactory(name_en="Europe", name_fr="Europe", name_ar="أوروبا", slug="europe")
    mena = RegionFactory(
        name_en="Middle East and North Africa",
        name_fr="Moyen-Orient et Afrique du Nord",
        name_ar="الشرق الأوسط وشمال أفريقيا",
        slug="mena",
    )
    france = CountryFactory(iso_code="FR", name_en="France", name_fr="France", region=europe)
    lebanon = CountryFactory(iso_code="LB", name_en="Lebanon", name_fr="Liban", region=mena)
    egypt = CountryFactory(iso_code="EG", name_en="Egypt", name_fr="Égypte", region=mena)
    return {
        "europe": europe,
        "mena": mena,
        "france": france,
        "lebanon": lebanon,
        "egypt": egypt,
        "montreuil": CityFactory(
            name_en="Montreuil", name_fr="Montreuil", name_ar="مونتروي", country=france
        ),
        "saint_etienne": CityFactory(
            name_en="Saint-Etienne", name_fr="Saint-Étienne", name_ar="سانت إتيان", country=france
        ),
        "tripoli": CityFactory(
            name_en="Tripoli", name_fr="Tripoli", name_ar="طرابلس", country=lebanon
        ),
        "alexandria": CityFactory(
            name_en="Alexandria", name_fr="Alexandrie", name_ar="الإسكندرية", country=egypt
        ),
    }


def _get(client, member, language="en", **params):
    login(client, member)
    with translation.override(language):
        url = reverse("cityprofiles:directory")
    return client.get(url, params)


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [profile.city.name_en for profile in response.context["result"].items]


def _facet(response, name: str) -> list[tuple[str, str, int]]:
    return [(v.key, v.label, v.count) for v in response.context["result"].facets[name]]


def test_the_directory_replaces_the_hubs_and_is_in_the_menu(client, member_a, places):
    response = _get(client, member_a)
    assert reverse("cityprofiles:directory") == "/en/cities/"
    html = response.content.decode()
    assert 'href="/en/cities/" aria-current="page"' in html
    assert sorted(_names(response)) == sorted(
        ["Aarhus Test", "Alexandria", "Montreuil", "Saint-Etienne", "Tripoli"]
    )
    # Each city links to its page.
    assert f'href="{reverse("cityprofiles:city", kwargs={"slug": "tripoli"})}"' in html


def test_search_finds_french_names_whatever_the_accents(client, member_a, places):
    for query in ["étienne", "ETIENNE", "Saint-Étienne", "alexandrie", "ALEXANDRÌE"]:
        assert _names(_get(client, member_a, "fr", q=query)) in (
            ["Saint-Etienne"],
            ["Alexandria"],
        ), query
    assert _names(_get(client, member_a, "fr", q="étienne")) == ["Saint-Etienne"]


def test_search_finds_arabic_names_whatever_the_hamza_and_vowels(client, member_a, places):
    # الإسكندرية written without the hamza, with a final ه for ة, and with a short vowel.
    for query in ["الإسكندرية", "الاسكندريه", "الإسْكندرية", "طرابلس"]:
        expected = ["Tripoli"] if query == "طرابلس" else ["Alexandria"]
        assert _names(_get(client, member_a, "ar", q=query)) == expected, query


def test_search_finds_english_names_in_any_reader_language(client, member_a, places):
    assert _names(_get(client, member_a, "ar", q="tripoli")) == ["Tripoli"]
    # And a city by its country's name.
    assert _names(_get(client, member_a, "fr", q="liban")) == ["Tripoli"]


def test_search_survives_garbage_and_matches_wildcards_literally(client, member_a, places):
    for query in ["%", "_", "' OR 1=1 --", "\x00", "x" * 10_000, "   "]:
        assert _get(client, member_a, q=query).status_code == 200, query
    assert _names(_get(client, member_a, q="tripoli")) == ["Tripoli"]
    assert _names(_get(client, member_a, q="tri%")) == []
    assert _names(_get(client, member_a, q="tr_p")) == []


def test_region_country_and_committee_filters_apply_together(client, member_a, places):
    places["tripoli"].is_steering_committee = True
    places["tripoli"].save()
    assert _names(_get(client, member_a, region="mena", country="EG")) == ["Alexandria"]
    assert _names(_get(client, member_a, steering="yes")) == ["Tripoli"]
    assert _names(_get(client, member_a, country="FR", q="montreuil")) == ["Montreuil"]


def test_country_choices_narrow_to_the_applied_region_in_the_readers_alphabet(
    client, member_a, places
):
    response = _get(client, member_a, "fr", region="mena")
    # Égypte before Liban in French; no country of another region.
    assert _facet(response, "country") == [("EG", "Égypte", 1), ("LB", "Liban", 1)]


def test_unknown_filter_values_are_shown_chosen_and_find_nothing(client, member_a, places):
    response = _get(client, member_a, country="ZZ", q="tripoli")
    assert response.status_code == 200
    assert _names(response) == []
    assert response.context["chips"] == []  # no such country: nothing to name
    assert _names(_get(client, member_a, steering="perhaps")) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Europe", "Moyen-Orient et Afrique du Nord"]),
        # Alef forms weigh the same, so ل decides before و: the English order (Europe first)
        # and the code-point order (أ U+0623 before ا U+0627) both get this wrong.
        ("ar", ["الشرق الأوسط وشمال أفريقيا", "أوروبا"]),
    ],
)
def test_regions_are_in_the_readers_alphabet(client, member_a, places, language, expected):
    response = _get(client, member_a, language)
    labels = [label for _key, label, count in _facet(response, "region")]
    assert [label for label in labels if label in expected] == expected
    groups = [str(region.name) for region, _profiles in response.context["by_region"]]
    assert [name for name in groups if name in expected] == expected


def test_countries_with_accents_are_ordered_as_french_readers_expect(client, member_a, places):
    estonia = CountryFactory(iso_code="EE", name_en="Estonia", name_fr="Estonie")
    zimbabwe = CountryFactory(iso_code="ZW", name_en="Zimbabwe", name_fr="Zimbabwe")
    CityFactory(country=estonia)
    CityFactory(country=zimbabwe)
    labels = [label for _key, label, count in _facet(_get(client, member_a, "fr"), "country")]
    # A byte order would put Égypte after Zimbabwe.
    assert labels.index("Égypte") < labels.index("Estonie") < labels.index("Zimbabwe")


def test_cities_are_grouped_by_region_in_the_readers_alphabet(client, member_a, places):
    response = _get(client, member_a, "fr", region="mena")
    groups = [
        (str(region.name), [str(profile.city.name) for profile in profiles])
        for region, profiles in response.context["by_region"]
    ]
    assert groups == [("Moyen-Orient et Afrique du Nord", ["Alexandrie", "Tripoli"])]
    html = response.content.decode()
    assert "Moyen-Orient et Afrique du Nord</bdi></h3>" in html


def test_a_search_with_words_is_ranked_not_grouped(client, member_a, places):
    PracticeFactory(profile=profile_of(places["tripoli"]), summary_en="Mentoring youth.")
    response = _get(client, member_a, q="mentoring")
    assert response.context["result"].sort == "strength"
    assert response.context["by_region"] is None
    # Relevance-like orders are offered only when they apply.
    # The order in force by default is sent back empty: choosing a theme then ranks too.
    assert [key for key, _l, _s in response.context["sorts"]] == ["", "region", "name"]
    assert [key for key, _l, _s in _get(client, member_a).context["sorts"]] == ["", "name"]
    chosen = _get(client, member_a, q="mentoring", sort="region").context["sorts"]
    assert [(key, selected) for key, _l, selected in chosen] == [
        ("strength", False),
        ("region", True),
        ("name", False),
    ]


def test_filters_apply_only_on_the_button(client, member_a, places):
    html = _get(client, member_a).content.decode()
    assert "data-autosubmit" not in html
    script = (settings.BASE_DIR / "static" / "js" / "hub.js").read_text(encoding="utf-8")
    assert "requestSubmit" not in script
    assert ".submit(" not in script
    form = html.split('<form method="get" action="/en/cities/"')[1].split("</form>")[0]
    assert 'type="submit"' in form
    assert 'name="theme"' not in form or 'type="checkbox"' in form


@pytest.mark.parametrize("query", ["", "?q=prevention", "?q=prevention&sort=name"])
def test_the_directory_costs_the_same_at_1_and_50_cities(client, member_a, query):
    # Without words: the session's user, the transaction (2), work_mem, the matches (total,
    # facets, window), the page's ids in the reader's order, the page's profiles with their
    # place. With words: the parse instead of work_mem, and the rank of the window (strength)
    # or the page's ids (by name), the highlights, the matching practices. Ranked by strength,
    # no profile snippet is cut for cities whose matching practices are shown instead (here,
    # every city of the page): no highlights.
    login(client, member_a)
    budget = {"": 7, "?q=prevention": 8, "?q=prevention&sort=name": 9}[query]
    assert_budget(
        client,
        lambda: reverse("cityprofiles:directory") + query,
        rows=cities_with_practices,
        queries=budget,
    )


@pytest.mark.django_db(databases=[])
@pytest.mark.parametrize(
    "value",
    [
        "<script>alert('x')</script> & \"quoted\"",
        "Montréal · الشرق الأوسط",
        "",
        30,
        "<mark>safe</mark>",
    ],
)
def test_the_results_escape_each_value_as_django_does(value):
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from cityprofiles.templatetags.directory_tags import esc

    assert esc(value) == conditional_escape(value)
    safe = mark_safe(str(value))  # noqa: S308  (what a caller marked safe stays as it is)
    assert esc(safe) == conditional_escape(safe)
    with translation.override("fr"):
        assert esc(gettext_lazy("Member cities")) == conditional_escape(
            gettext_lazy("Member cities")
        )
        assert esc(gettext_lazy("Member cities")) == "Villes membres"
