"""The search engine's cache of matches: shared by readers who may see the same documents, and
never older than the committed rows, whatever wrote them."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from hub.models import Theme
from hub.services import taxonomy_item_save
from library.models import Document
from library.search import params_from, search
from library.services import document_delete, document_publish
from tests.hub.factories import ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory, search_querydict

pytestmark = pytest.mark.django_db(transaction=True)

MATCHES = "WITH m AS MATERIALIZED"


def _search(user, query: str = "mentoring", **filters):
    with CaptureQueriesContext(connection) as captured:
        result = search(user=user, params=params_from(search_querydict(query, **filters)))
    ran = any(MATCHES in q["sql"] for q in captured.captured_queries)
    return result, ran


def _titles(result) -> list[str]:
    return sorted(d.title_en for d in result.items)


@pytest.fixture
def library(db):
    theme = ThemeFactory(name_en="Youth")
    DocumentFactory(title_en="Mentoring in schools", pages=["mentoring"], themes=[theme])
    DocumentFactory(title_en="Mentoring online", pages=["mentoring"])
    return theme


def test_members_of_one_city_share_the_matches(library, member_a, city_a):
    first, ran = _search(member_a)
    assert ran
    colleague = UserFactory(city=city_a, email="colleague@a.example")
    second, ran = _search(colleague)
    assert not ran  # from the cache
    assert _titles(second) == _titles(first) == ["Mentoring in schools", "Mentoring online"]
    assert second.total == 2
    assert {v.label: v.count for v in second.facets["theme"]} == {"Youth": 1}


def test_a_contributor_sees_their_own_documents_and_others_do_not(library, member_a, city_a):
    _search(member_a)  # fills the city's entry
    author = UserFactory(city=city_a, email="author@a.example")
    DocumentFactory(
        title_en="Mentoring, my staff-only note",
        pages=["mentoring"],
        staff_only=True,
        contributed_by=author,
    )
    mine, _ran = _search(author)
    assert "Mentoring, my staff-only note" in _titles(mine)
    theirs, _ran = _search(member_a)
    assert "Mentoring, my staff-only note" not in _titles(theirs)


def test_every_write_is_seen_by_the_next_search(library, member_a, staff):
    _search(member_a)
    waiting = DocumentFactory(title_en="Mentoring circles", submitted=True, pages=["mentoring"])
    assert "Mentoring circles" not in _titles(_search(member_a)[0])
    document_publish(document=waiting, by=staff)  # a service
    assert "Mentoring circles" in _titles(_search(member_a)[0])
    Document.objects.filter(pk=waiting.pk).update(visibility=Document.Visibility.STAFF)
    assert "Mentoring circles" not in _titles(_search(member_a)[0])  # a queryset update()
    online = Document.objects.get(title_en="Mentoring online")
    document_delete(document=online, by=staff)
    assert _titles(_search(member_a)[0]) == ["Mentoring in schools"]


def test_renaming_a_theme_renames_it_in_cached_facets(library, member_a, staff):
    assert [v.label for v in _search(member_a)[0].facets["theme"]] == ["Youth"]
    theme = Theme.objects.get(pk=library.pk)
    theme.name_en = "Young people"
    taxonomy_item_save(item=theme, by=staff, fields=["name_en"])
    result, ran = _search(member_a)
    assert ran
    assert [v.label for v in result.facets["theme"]] == ["Young people"]


def test_a_search_inside_a_larger_transaction_leaves_the_cache_alone(library, member_a):
    with transaction.atomic():
        _result, ran = _search(member_a)
        assert ran
        _result, ran = _search(member_a)
        assert ran  # neither read from nor written to the cache
    _result, ran = _search(member_a)
    assert ran
    _result, ran = _search(member_a)
    assert not ran
