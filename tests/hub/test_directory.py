"""The city directory: search by name, filters that apply on a button, countries by region."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.hub.factories import CityFactory, CountryFactory, RegionFactory

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


def _names(response) -> list[str]:
    return [city.name_en for city in response.context["cities"]]


def _options(response, name: str) -> list[tuple[str, str]]:
    """The (value, label) of the options of the select `name`, as the page shows them."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return [
        (value, unescape(label))
        for value, _selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select[1]
        )
    ]


def _selected(response, name: str) -> list[str]:
    html = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)" selected>', select[1])


def _get(client, member, language="en", **params):
    login(client, member)
    with translation.override(language):
        url = reverse("hub:city-list")
    return client.get(url, params)


def test_city_directory_search_finds_french_names_whatever_the_accents(client, member_a, places):
    for query in ["étienne", "ETIENNE", "Saint-Étienne", "alexandrie", "ALEXANDRÌE"]:
        response = _get(client, member_a, "fr", q=query)
        assert response.status_code == 200
        assert _names(response) in (["Saint-Etienne"], ["Alexandria"]), query
    assert _names(_get(client, member_a, "fr", q="étienne")) == ["Saint-Etienne"]


def test_city_directory_search_finds_arabic_names_whatever_the_hamza_and_vowels(
    client, member_a, places
):
    # الإسكندرية written without the hamza, with a final ه for ة, and with a short vowel.
    for query in ["الإسكندرية", "الاسكندريه", "الإسْكندرية", "طرابلس"]:
        response = _get(client, member_a, "ar", q=query)
        expected = ["Tripoli"] if query == "طرابلس" else ["Alexandria"]
        assert _names(response) == expected, query


def test_city_directory_search_finds_english_names_in_any_reader_language(client, member_a, places):
    assert _names(_get(client, member_a, "ar", q="tripo")) == ["Tripoli"]


def test_city_directory_search_survives_garbage(client, member_a, places):
    for query in ["%", "_", "' OR 1=1 --", "\x00", "x" * 10_000, "   "]:
        response = _get(client, member_a, q=query)
        assert response.status_code == 200, query
    # Wildcards are matched literally: no city name contains "tri%" or "tr_p".
    assert _names(_get(client, member_a, q="tripoli")) == ["Tripoli"]
    assert _names(_get(client, member_a, q="tri%")) == []
    assert _names(_get(client, member_a, q="tr_p")) == []


def test_city_directory_country_choices_narrow_to_the_applied_region(client, member_a, places):
    response = _get(client, member_a, "fr", region="mena")
    # The choices are in the reader's alphabet: Égypte before Liban in French.
    assert [value for value, _label in _options(response, "country")] == ["", "EG", "LB"]
    # Every country, with its region, is on the page for the script that narrows at once.
    options = response.context["filter"].country_options
    assert {"value": "FR", "label": "France", "region": "europe"} in options


def test_city_directory_country_choices_are_all_countries_without_a_region(
    client, member_a, places
):
    response = _get(client, member_a, "fr")
    assert {"EG", "LB", "FR"} <= {value for value, _label in _options(response, "country")}


def test_city_directory_drops_a_country_of_another_region(client, member_a, places):
    response = _get(client, member_a, region="europe", country="LB")
    assert response.context["filter"].form.errors == {}
    assert sorted(_names(response)) == ["Montreuil", "Saint-Etienne"]
    assert "LB" not in [value for value, _label in _options(response, "country")]
    assert _selected(response, "country") == [""]
    assert _selected(response, "region") == ["europe"]


def test_city_directory_applies_region_and_country_together(client, member_a, places):
    response = _get(client, member_a, region="mena", country="EG")
    assert _names(response) == ["Alexandria"]


def test_city_directory_ignores_filters_it_does_not_understand(client, member_a, places):
    response = _get(client, member_a, country="ZZ", q="tripoli")
    assert response.status_code == 200
    assert _names(response) == ["Tripoli"]
    assert response.context["filter"].form.errors


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Europe", "Moyen-Orient et Afrique du Nord"]),
        # Alef forms weigh the same, so ل decides before و: the English order (Europe first)
        # and the code-point order (أ U+0623 before ا U+0627) both get this wrong.
        ("ar", ["الشرق الأوسط وشمال أفريقيا", "أوروبا"]),
    ],
)
def test_city_directory_regions_are_in_the_readers_alphabet(
    client, member_a, places, language, expected
):
    response = _get(client, member_a, language)
    labels = [label for _value, label in _options(response, "region")]
    assert [label for label in labels if label in expected] == expected


def test_city_directory_orders_countries_with_accents_as_french_readers_expect(
    client, member_a, places
):
    CountryFactory(iso_code="EE", name_en="Estonia", name_fr="Estonie", region=places["europe"])
    CountryFactory(iso_code="ZW", name_en="Zimbabwe", name_fr="Zimbabwe", region=places["mena"])
    labels = [label for _value, label in _options(_get(client, member_a, "fr"), "country")]
    # A byte order would put Égypte after Zimbabwe.
    assert labels.index("Égypte") < labels.index("Estonie") < labels.index("Zimbabwe")


def test_city_directory_groups_cities_by_region_in_the_readers_alphabet(client, member_a, places):
    response = _get(client, member_a, "fr", region="mena")
    groups = [
        (str(region.name), [str(city.name) for city in cities])
        for region, cities in response.context["cities_by_region"]
    ]
    assert groups == [("Moyen-Orient et Afrique du Nord", ["Alexandrie", "Tripoli"])]


def test_city_directory_filters_apply_only_on_the_button(client, member_a, places):
    html = _get(client, member_a).content.decode()
    assert "data-autosubmit" not in html
    script = (settings.BASE_DIR / "static" / "js" / "hub.js").read_text(encoding="utf-8")
    assert "requestSubmit" not in script
    assert ".submit(" not in script
    assert 'type="submit"' in html.split('<form class="filters"')[1].split("</form>")[0]
