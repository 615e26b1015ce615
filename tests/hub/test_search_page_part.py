"""The part of a search page kept rendered (hub.search.page.SearchPageView.part_key): readers
who may see different objects never share a part; readers who see the same, and only they, do."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import translation

from cityprofiles.views.directory import DirectoryView
from hub.search import SearchParams
from library.views import DocumentSearchView
from tests.hub.factories import CityFactory, UserFactory
from tests.library.factories import DocumentFactory

# Kept outside transactions only.
pytestmark = pytest.mark.django_db(transaction=True)


def _key(view_class, user, language: str = "en", **params):
    with translation.override(language):
        return view_class().part_key(user, SearchParams(**params))


def test_the_key_follows_what_the_readers_sources_let_them_see(city_a, city_b, staff):
    a1, a2 = UserFactory(city=city_a), UserFactory(city=city_a)
    b1 = UserFactory(city=city_b)
    # The library shows each city its documents: members of one city share, no other reader.
    assert _key(DocumentSearchView, a1) == _key(DocumentSearchView, a2)
    assert _key(DocumentSearchView, a1) != _key(DocumentSearchView, b1)
    assert _key(DocumentSearchView, staff) not in {
        _key(DocumentSearchView, a1),
        _key(DocumentSearchView, b1),
    }
    # A member with a published contribution of their own sees it: a key of their own.
    DocumentFactory(contributed_by=a2, cities=[city_a])
    assert _key(DocumentSearchView, a2) != _key(DocumentSearchView, a1)
    # The directory shows every member the same cities: one key for all of them.
    assert _key(DirectoryView, a1) == _key(DirectoryView, b1) == _key(DirectoryView, staff)


def test_the_key_follows_the_language_the_words_the_choices_the_order_and_the_page(city_a):
    reader = UserFactory(city=city_a)
    keys = {
        _key(DirectoryView, reader),
        _key(DirectoryView, reader, "fr"),
        _key(DirectoryView, reader, query="mentoring"),
        _key(DirectoryView, reader, filters={"theme": ("mentoring",)}),
        _key(DirectoryView, reader, filters={"theme": ("mentoring", "youth")}),
        _key(DirectoryView, reader, filters={"theme": ("youth", "mentoring")}),
        _key(DirectoryView, reader, sort="name"),
        _key(DirectoryView, reader, page=2),
    }
    assert len(keys) == 8


def test_a_write_to_the_sources_rows_makes_another_key(city_a):
    reader = UserFactory(city=city_a)
    before = _key(DirectoryView, reader)
    assert _key(DirectoryView, reader) == before
    CityFactory()  # a new city brings its profile and its search row
    assert _key(DirectoryView, reader) != before


def test_no_key_inside_a_transaction_or_with_the_cache_off(city_a, settings):
    reader = UserFactory(city=city_a)
    assert _key(DirectoryView, reader) is not None
    with transaction.atomic():
        assert _key(DirectoryView, reader) is None
    settings.HUB_SEARCH_CACHE_SECONDS = 0
    assert _key(DirectoryView, reader) is None
