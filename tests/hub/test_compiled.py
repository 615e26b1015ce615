"""hub.compiled.CompiledLookup: a queryset compiled once gives what the ORM gives, every time
from the database."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from hub.compiled import CompiledLookup
from hub.models import City, User
from tests.hub.factories import CityFactory, UserFactory


def _cities():
    return City.objects.select_related("country__region").annotate(
        member_count=Count("members"),
        has_members=Exists(User.objects.filter(city_id=OuterRef("pk"))),
    )


def _as_read(city: City) -> tuple:
    country = city.country
    return (
        {k: v for k, v in city.__dict__.items() if k != "_state"},
        {k: v for k, v in country.__dict__.items() if k != "_state"},
        {k: v for k, v in country.region.__dict__.items() if k != "_state"},
    )


@pytest.mark.django_db
def test_a_lookup_gives_what_the_orm_gives_in_every_language():
    cities = [CityFactory(), CityFactory(), CityFactory()]
    UserFactory(city=cities[1])
    UserFactory(city=cities[1])
    lookup = CompiledLookup(_cities, "slug")
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            for city in cities:
                found = lookup.first(city.slug)
                assert found is not None
                assert _as_read(found) == _as_read(_cities().get(slug=city.slug))
                assert str(found.name) == str(_cities().get(slug=city.slug).name)
    assert lookup.first(cities[1].slug).member_count == 2
    assert lookup.first(cities[0].slug).has_members is False


@pytest.mark.django_db
def test_every_lookup_reads_the_database_once_and_sees_every_write():
    city = CityFactory(name_en="Before")
    lookup = CompiledLookup(_cities, "slug")
    assert lookup.first(city.slug).name_en == "Before"
    City.objects.filter(pk=city.pk).update(name_en="After")
    UserFactory(city=city)
    with CaptureQueriesContext(connection) as captured:
        found = lookup.first(city.slug)
        assert found is not None
        region = found.country.region.name_en  # read with the city, as select_related does
    assert len(captured.captured_queries) == 1
    assert region == city.country.region.name_en
    assert (found.name_en, found.member_count, found.has_members) == ("After", 1, True)


@pytest.mark.django_db
def test_a_value_that_matches_nothing_finds_nothing():
    city = CityFactory()
    lookup = CompiledLookup(_cities, "slug")
    assert lookup.first("no-such-city") is None
    assert lookup.first("' OR 1=1 --") is None  # a value, never SQL
    assert lookup.first(city.slug) is not None
