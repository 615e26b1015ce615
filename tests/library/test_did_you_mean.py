""" "Did you mean": the nearest indexed words that would give the reader results."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hub.search.words import words_rebuild
from library.models import Document
from library.search import params_from, search
from tests.conftest import login
from tests.hub.factories import ThemeFactory
from tests.library.factories import DocumentFactory, search_querydict

pytestmark = pytest.mark.django_db


def _suggested(user, query: str, **filters: list[str]) -> list[str]:
    result = search(user=user, params=params_from(search_querydict(query, **filters)))
    assert result.total == 0
    return result.suggestions


def test_a_misspelt_word_is_offered_its_nearest_indexed_words_in_each_language(member_a):
    DocumentFactory(pages=["Community resilience against violent extremism."])
    DocumentFactory(language="fr", title_en="", title_fr="Rapport", pages=["La prévention locale."])
    DocumentFactory(language="ar", title_en="", title_ar="دليل", pages=["تعزيز التماسك الاجتماعي"])
    assert _suggested(member_a, "resilence") == ["resilience"]
    assert _suggested(member_a, "community resilence") == ["community resilience"]
    assert _suggested(member_a, "prévantion") == ["prévention"]
    assert _suggested(member_a, "التماسق") == ["التماسك"]
    # A word far from any indexed word gets nothing; a known word is never replaced.
    assert _suggested(member_a, "zzyzx") == []
    assert search(user=member_a, params=params_from(search_querydict("resilience"))).total == 1


def test_suggestions_never_come_from_documents_the_reader_may_not_see(member_a):
    DocumentFactory(title_en="Staff note", staff_only=True, pages=["classified radicalisation"])
    assert _suggested(member_a, "radicalisaton") == []
    DocumentFactory(pages=["Preventing radicalisation in schools."])
    assert _suggested(member_a, "radicalisaton") == ["radicalisation"]


def test_suggestions_keep_the_facets_and_must_find_something_with_them(member_a):
    youth = ThemeFactory(slug="youth")
    DocumentFactory(pages=["Mentoring programmes for young people"], themes=[youth])
    DocumentFactory(pages=["Mentoring of prison staff"])
    assert _suggested(member_a, "mentorng", theme=["youth"]) == ["mentoring"]
    ThemeFactory(slug="prisons")
    assert _suggested(member_a, "mentorng", theme=["prisons"]) == []


def test_the_words_follow_every_write_through_the_rebuild(member_a):
    # Other sources' words (the member's city's name, in the directory) stay.
    others = words_rebuild()
    document = DocumentFactory(pages=["Conflict mediation"])
    assert _suggested(member_a, "mediaton") == ["mediation"]
    Document.objects.filter(pk=document.pk).delete()
    assert words_rebuild() == others
    DocumentFactory(pages=["Nothing alike"])
    assert words_rebuild() > others
    assert _suggested(member_a, "mediaton") == []


def test_the_no_results_page_offers_the_suggestion_and_keeps_query_and_facets(client, member_a):
    youth = ThemeFactory(slug="youth", name_en="Youth")
    DocumentFactory(pages=["Community resilience"], themes=[youth])
    login(client, member_a)
    page = client.get(reverse("library:document-list"), {"q": "resilence", "theme": "youth"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Did you mean" in html
    assert "?q=resilience&amp;theme=youth" in html
    assert 'value="resilence"' in html  # the query stays in the box
    assert "Remove a filter" in html or "remove a filter" in html


def test_title_words_count_whatever_wrote_the_title(member_a):
    document = DocumentFactory(title_en="Annual report", pages=[])
    Document.objects.filter(pk=document.pk).update(title_en="Deradicalisation handbook")
    assert _suggested(member_a, "deradicalisaton") == ["deradicalisation"]
