"""The city page's part of the city profiles matrix (tests/cityprofiles/matrix.py)."""

from __future__ import annotations

from cityprofiles.models import CityProfile, PartnerCity, PreventionNetwork
from hub.city_facts import registered_city_facts
from hub.object_panels import CITY_PAGE, registered_object_panels
from tests.cityprofiles.factories import (
    ChallengeFactory,
    ExchangeFactory,
    NetworkFactory,
    PartnerCityFactory,
    PracticeFactory,
)
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.kit.matrix import Budget, R, codes
from tests.library.factories import DocumentFactory


def objects(personas):
    # The city page's URL takes a slug: its objects are the URL's kwargs.
    return {
        "city_page_a": {"slug": personas.city_a.slug},
        "city_page_b": {"slug": personas.city_b.slug},
        "city_page_unknown": {"slug": "no-such-city"},
    }


def _city_rows(personas, objects, n):
    """n more of everything city A's page lists: challenges and practices (each with a theme,
    a visible evaluation, a person to ask), library documents about the city (and as many it
    may not see), network documents, exchanges both ways, members, partner cities of its
    country, and cities that share a theme with it (the "cities like this one")."""
    city_a = personas.city_a
    profile = CityProfile.objects.get(city=city_a)
    network = PreventionNetwork.objects.filter(profile=profile).first() or NetworkFactory(
        profile=profile
    )
    for i in range(n):
        theme = ThemeFactory()
        ChallengeFactory(profile=profile, themes=[theme])
        contact = UserFactory(city=city_a)
        PracticeFactory(
            profile=profile,
            themes=[theme],
            evaluation=DocumentFactory(cities=[city_a]),
            contact=contact,
        )
        DocumentFactory(cities=[city_a, CityFactory()])
        DocumentFactory(cities=[city_a], staff_only=True)
        network.documents.add(DocumentFactory())
        other = CityFactory()
        if i % 2:
            ExchangeFactory(host=city_a, visitor=other)
        else:
            ExchangeFactory(host=other, visitor=city_a)
        PracticeFactory(profile=CityProfile.objects.get(city=other), themes=[theme])
        PartnerCityFactory(country=city_a.country)
    assert PartnerCity.objects.filter(country=city_a.country).exists()


ENTRIES = {
    # Every member and SCN staff read every city's page; anonymous people log in first.
    ("cityprofiles:city", "city_page_a", "get"): codes(R, R, 200, 200, 200, 200),
    ("cityprofiles:city", "city_page_b", "get"): codes(R, R, 200, 200, 200, 200),
    ("cityprofiles:city", "city_page_unknown", "get"): codes(R, R, 404, 404, 404, 404),
    ("cityprofiles:city", "city_page_a", "post"): codes(R, R, 405, 405, 405, 405),
}

DATA: dict[str, dict[str, str]] = {}

BUDGETS = {
    # A member of city B reads city A's page: the user; the city with its country, region,
    # profile, network (and its documents' ids); challenges; practices with their contacts;
    # their themes; the linked documents the reader may see (action plan, evaluations, the
    # network's); the library's documents about the city, their cities and languages;
    # exchanges; members; partner cities; the cities like this one (in a test, inside a
    # transaction, never from the cache, nor are the challenges and practices: outside one, a
    # page that kept them rendered reads three fewer: test_city_page_cache.py). A city with no
    # exchange or no partner city in its country is not asked for them (the city's query says
    # so): two fewer. And one for each
    # fact another app registers for the city page (hub.city_facts: training's completions),
    # and for each panel (hub.object_panels) but those that say, with the city's query, they
    # have nothing about it: the events' panel, for this city of no event (at one query for a
    # city with events: tests/events/test_outputs.py).
    "cityprofiles:city": Budget(
        14
        + len(registered_city_facts())
        + len([p for p in registered_object_panels(CITY_PAGE) if p.present is None]),
        _city_rows,
        persona="member_b",
        target=lambda objects: objects["city_page_a"],
    ),
}
