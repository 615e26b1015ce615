"""Related documents: those sharing the most themes, visible to the reader, from a bounded read."""

from __future__ import annotations

import pytest

from library.selectors import RELATED_PER_THEME, document_related
from tests.hub.factories import ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _titles(user, document) -> list[str]:
    return [d.title_en for d in document_related(user=user, document=document)]


def test_most_shared_themes_first_then_newest(member_a):
    youth, online, prisons = ThemeFactory(), ThemeFactory(), ThemeFactory()
    document = DocumentFactory(title_en="Subject", themes=[youth, online, prisons])
    DocumentFactory(title_en="One theme, older", themes=[youth])
    DocumentFactory(title_en="Three themes", themes=[youth, online, prisons])
    DocumentFactory(title_en="Two themes", themes=[online, prisons])
    DocumentFactory(title_en="One theme, newer", themes=[prisons])
    DocumentFactory(title_en="No shared theme", themes=[ThemeFactory()])
    assert _titles(member_a, document) == [
        "Three themes",
        "Two themes",
        "One theme, newer",
        "One theme, older",
    ]


def test_only_what_the_reader_may_see_and_not_the_same_work(member_a, city_b):
    theme = ThemeFactory()
    document = DocumentFactory(title_en="Subject", themes=[theme])
    DocumentFactory(title_en="Its French version", work=document.work, themes=[theme])
    DocumentFactory(title_en="Staff only", staff_only=True, themes=[theme])
    DocumentFactory(title_en="Other city", for_cities=True, shared_with=[city_b], themes=[theme])
    DocumentFactory(title_en="Waiting for review", submitted=True, themes=[theme])
    DocumentFactory(title_en="Members", themes=[theme])
    assert _titles(member_a, document) == ["Members"]
    staff = UserFactory(staff=True)
    assert sorted(_titles(staff, document)) == ["Members", "Other city", "Staff only"]
    assert _titles(UserFactory(city=city_b, email="b2@city.example"), document) == [
        "Members",
        "Other city",
    ]


def test_a_large_theme_is_weighed_by_its_newest_documents(member_a):
    theme, rare = ThemeFactory(), ThemeFactory()
    document = DocumentFactory(title_en="Subject", themes=[theme, rare])
    DocumentFactory(title_en="Old, both themes", themes=[theme, rare])
    for n in range(RELATED_PER_THEME + 5):
        DocumentFactory(title_en=f"Newer {n}", themes=[theme])
    titles = _titles(member_a, document)
    # The rare theme's only other document shares both themes, however old it is.
    assert titles[0] == "Old, both themes"
    last = RELATED_PER_THEME + 4
    assert titles[1:] == [f"Newer {n}" for n in range(last, last - 4, -1)]


def test_no_theme_no_related_documents(member_a):
    assert document_related(user=member_a, document=DocumentFactory()) == []
