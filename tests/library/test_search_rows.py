"""The per-document search rows: kept equal to the documents by the database, whatever changes
them, and read with the same access rule as everything else; phrases, ranking, pages, samples."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from hub import search as engine
from hub.search import SearchParams
from hub.search import counting as search_counting
from library.models import Document, DocumentSearch
from library.search import DOCUMENTS, params_from, search
from library.services import document_index
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.kit.search import assert_search_is_the_access_rule, found
from tests.kit.search import readers as kit_readers
from tests.library.factories import DocumentFactory, search_querydict

pytestmark = pytest.mark.django_db


def _found(user, query: str = "", **filters) -> set[int]:
    """Every document id the search gives `user`, over all its pages."""
    return found(DOCUMENTS, user, search_querydict(query, **filters), page_size=20)


def test_changes_made_by_any_path_reach_search_in_the_same_transaction(member_a, city_b):
    document = DocumentFactory(pages=["mentoring programmes for young people"])
    assert _found(member_a, "mentoring") == {document.pk}

    # A queryset update (no save(), no signal) changes who may see it.
    Document.objects.filter(pk=document.pk).update(visibility=Document.Visibility.STAFF)
    assert _found(member_a, "mentoring") == set()
    Document.objects.filter(pk=document.pk).update(
        visibility=Document.Visibility.CITIES, contributing_city=member_a.city
    )
    assert _found(member_a, "mentoring") == {document.pk}
    assert _found(UserFactory(city=city_b), "mentoring") == set()
    document.shared_with.add(city_b)
    assert _found(UserFactory(city=city_b), "mentoring") == {document.pk}
    document.shared_with.clear()
    assert _found(UserFactory(city=city_b), "mentoring") == set()

    # Many-to-many changes move it between facet values.
    youth = ThemeFactory(slug="youth")
    assert _found(member_a, "mentoring", theme=["youth"]) == set()
    document.themes.add(youth)
    assert _found(member_a, "mentoring", theme=["youth"]) == {document.pk}
    document.themes.remove(youth)
    assert _found(member_a, "mentoring", theme=["youth"]) == set()

    # Re-extracting replaces its words.
    document_index(document=document, pages=["a completely different subject: bus lanes"])
    assert _found(member_a, "mentoring") == set()
    assert _found(member_a, "bus lanes") == {document.pk}

    # Unpublishing hides it from everybody's search, staff included.
    Document.objects.filter(pk=document.pk).update(status=Document.Status.ARCHIVED)
    assert _found(UserFactory(staff=True), "bus") == set()

    # Deleting the document deletes its row.
    document.delete()
    assert not DocumentSearch.objects.filter(document_id=document.pk).exists()


def test_search_shows_exactly_what_the_access_rule_allows_for_every_reader(city_a, city_b):
    city_c = CityFactory()
    contributor = UserFactory(city=city_a)
    other = UserFactory(city=city_b)
    for visibility, status, contributing_city, shared_with, author in itertools.product(
        Document.Visibility.values,
        Document.Status.values,
        (city_a, city_b, None),
        ([], [city_b], [city_a, city_c]),
        (contributor, other, None),
    ):
        document = DocumentFactory(
            visibility=visibility,
            status=status,
            contributing_city=contributing_city,
            contributed_by=author,
            rejection_reason="Out of scope" if status == Document.Status.REJECTED else "",
            pages=["prevention"],
        )
        if shared_with:
            document.shared_with.set(shared_with)
    seen = assert_search_is_the_access_rule(
        DOCUMENTS,
        readers=kit_readers(
            city_a=city_a,
            city_b=city_b,
            city_c=city_c,
            contributor=contributor,
            **{"other contributor": other},
        ),
        allowed=lambda user: Document.objects.visible_to(user).published(),
        queries=(search_querydict("prevention"), search_querydict("", language=["en"])),
    )
    # The world is rich enough for the readers to differ.
    assert seen["anonymous"] == seen["suspended"] == set()
    assert set() < seen["translator (no city)"] < seen["member of C"] < seen["member of A"]
    assert seen["member of A"] == seen["focal point of A"] < seen["staff"]
    assert seen["member of B"] != seen["member of A"]
    assert seen["contributor"] != seen["member of A"]
    assert (
        seen["superuser"]
        == seen["staff"]
        == set(Document.objects.published().values_list("pk", flat=True))
    )


def test_a_phrase_deep_inside_a_long_report_is_found_and_scattered_words_are_not(member_a):
    filler = "Community policing and resilience in neighbourhoods. " * 60
    deep = [filler] * 120
    deep[110] += " The zanzibarian referral pathway is described here."
    scattered = [filler] * 120
    scattered[20] += " zanzibarian "
    scattered[100] += " a referral for a pathway "
    phrase = DocumentFactory(title_en="Phrase deep", pages=deep)
    words = DocumentFactory(title_en="Words scattered", pages=scattered)
    assert _found(member_a, '"zanzibarian referral pathway"') == {phrase.pk}
    assert _found(member_a, "zanzibarian referral pathway") == {phrase.pk, words.pk}
    # Negation applies to the whole document, however far in the word is.
    assert _found(member_a, "zanzibarian -pathway") == set()
    assert _found(member_a, 'zanzibarian -"referral pathway"') == {words.pk}


def test_hyphenated_words_and_apostrophes_match_as_written(member_a):
    hyphen = DocumentFactory(title_en="Hyphen", pages=["An anti-extremism curriculum."])
    DocumentFactory(title_en="Apart", pages=["Extremism is not anti anything."])
    elision = DocumentFactory(
        title_en=None,
        title_fr="Élision",
        language="fr",
        pages=["La prévention de l'extrémisme violent."],
    )
    assert _found(member_a, "anti-extremism") == {hyphen.pk}
    assert _found(member_a, "l'extrémisme") == {elision.pk}


def test_relevance_puts_title_matches_first_and_pages_never_repeat(member_a, monkeypatch):
    monkeypatch.setattr(search_counting, "RELEVANCE_WINDOW", 4)
    body_only = [
        DocumentFactory(title_en=f"Report {n}", year=2024, pages=["mediation between groups"])
        for n in range(8)
    ]
    in_title = DocumentFactory(title_en="Mediation handbook", year=2010, pages=["a handbook"])
    params = params_from(QueryDict("q=mediation"))
    first = engine.search(DOCUMENTS, user=member_a, params=params, page_size=3)
    assert first.items[0] == in_title
    assert first.page_count == 3
    assert _found(member_a, "mediation") == {in_title.pk, *(d.pk for d in body_only)}


def _analyze() -> None:
    """Refresh the planner's statistics, which decide how a search reads its matches."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE library_documentsearch")


def test_facet_counts_of_large_result_sets_are_marked_as_estimates(client, member_a, monkeypatch):
    monkeypatch.setattr(search_counting, "FACET_SAMPLE_ABOVE", 4)
    monkeypatch.setattr(search_counting, "FACET_SAMPLE_SIZE", 4)
    youth, schools = ThemeFactory(slug="youth"), ThemeFactory(slug="schools")
    documents = [
        DocumentFactory(pages=["prevention"], themes=[youth] if n % 2 else [youth, schools])
        for n in range(12)
    ]
    _analyze()
    result = search(user=member_a, params=params_from(QueryDict("q=prevention")))
    assert result.total == 12
    assert result.facets_are_estimates
    counts = {v.key: v.count for v in result.facets["theme"]}
    assert counts["youth"] == 12  # every result has it, so the scaled sample gives the total
    # Ids are consecutive: every third document is sampled, half of them have the theme.
    assert counts["schools"] == 6
    assert {v.key: v.count for v in result.facets["language"]} == {"en": 12}

    login(client, member_a)
    with translation.override("fr"):
        url = reverse("library:document-list")
    page = client.get(url, {"q": "prevention"}).content.decode()
    assert "environ 12" in page

    # The statistics still expect twelve matches, but only two are left: counted exactly.
    Document.objects.filter(pk__in=[d.pk for d in documents[2:]]).update(
        status=Document.Status.ARCHIVED
    )
    few = search(user=member_a, params=params_from(QueryDict("q=prevention")))
    assert few.total == 2 and not few.facets_are_estimates
    assert {v.key: v.count for v in few.facets["theme"]} == {"youth": 2, "schools": 1}

    monkeypatch.setattr(search_counting, "FACET_SAMPLE_ABOVE", 100)
    Document.objects.filter(pk__in=[d.pk for d in documents]).update(
        status=Document.Status.PUBLISHED
    )
    exact = search(user=member_a, params=params_from(QueryDict("theme=schools")))
    assert exact.total == 6 and not exact.facets_are_estimates
    # The chosen facet is counted without its own choice; the others over the results.
    assert {v.key: v.count for v in exact.facets["theme"]} == {"youth": 12, "schools": 6}
    assert {v.key: v.count for v in exact.facets["language"]} == {"en": 6}


def test_title_matches_come_first_in_every_language_whatever_changed_the_title(member_a):
    body = DocumentFactory(title_en="Annual report", year=2024, pages=["a mentoring scheme"])
    renamed = DocumentFactory(title_en="Annual review", year=2001, pages=["mentoring notes"])
    Document.objects.filter(pk=renamed.pk).update(title_en="Mentoring review")
    arabic = DocumentFactory(
        title_en=None,
        title_ar="دليلُ الإرشادِ",  # with tashkeel and a hamza on the alef
        language="ar",
        year=2000,
        pages=["نص"],
    )
    DocumentFactory(title_en=None, title_ar="تقرير", language="ar", year=2024, pages=["ارشاد"])

    def first(query: str) -> Document:
        return search(user=member_a, params=SearchParams(query=query)).items[0]

    assert first("mentoring") == renamed
    assert first("ارشاد") == arabic
    assert first("الإرشاد") == arabic
    assert body in search(user=member_a, params=SearchParams(query="mentoring")).items


def test_snippets_show_the_first_match_deep_in_a_chunk(member_a):
    filler = " ".join(["community"] * 700)  # about 7,000 characters before the word
    deep = DocumentFactory(title_en="Deep", pages=[f"{filler} the <b>ombudsman</b> said"])
    result = search(user=member_a, params=SearchParams(query="ombudsman"))
    snippet = str(result.highlights[deep.pk])
    assert "<mark>ombudsman</mark>" in snippet
    assert "<b>" not in snippet
