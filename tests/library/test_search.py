"""Search per language, across languages, with facets, and only over what the reader may see."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import reverse

from hub.search import arabic_normalise
from library.models import Document, DocumentChunk
from library.search import params_from, search
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory, search_querydict

pytestmark = pytest.mark.django_db


def _titles(user, query: str = "", **filters) -> list[str]:
    data = search_querydict(query, **filters)
    result = search(user=user, params=params_from(data))
    return sorted(d.title_en or d.title_fr or d.title_ar for d in result.items)


def test_english_stemming(member_a):
    DocumentFactory(title_en="Impact study", pages=["The evaluations of mentoring programmes."])
    DocumentFactory(title_en="Other", pages=["Nothing relevant here."])
    assert _titles(member_a, "evaluation programme") == ["Impact study"]


def test_french_is_accent_insensitive_and_stemmed(member_a):
    DocumentFactory(
        title_en=None,
        title_fr="Évaluation de la stratégie locale",
        language="fr",
        pages=["Les stratégies de prévention des municipalités."],
    )
    assert _titles(member_a, "evaluation strategies") == ["Évaluation de la stratégie locale"]
    assert _titles(member_a, "prevention municipalite") == ["Évaluation de la stratégie locale"]


def test_arabic_query_with_or_without_diacritics_finds_the_same_documents(member_a):
    DocumentFactory(
        title_en=None,
        title_ar="خطة العمل المحلية",
        language="ar",
        pages=["استراتيجية الوقاية من التطرف العنيف في المدينة"],
    )
    DocumentFactory(title_en="Unrelated", pages=["Bus timetables."])
    plain = _titles(member_a, "الوقاية")
    assert plain == ["خطة العمل المحلية"]
    assert _titles(member_a, "الوِقَايَة") == plain  # with tashkeel
    assert _titles(member_a, "إستراتيجية") == plain  # another alef form
    assert _titles(member_a, "المحليه") == plain  # ه for ة


def test_arabic_snippets_show_the_documents_own_letters_with_the_match_marked(member_a):
    written = "دراسة تجريبية: الشبكة تجمع القادة في المدينة من أجل الوقايةِ من التطرف العنيف."
    document = DocumentFactory(
        title_en=None, title_ar="دراسة تجريبية", language="ar", pages=[written]
    )
    for query in ("الشبكه", "الشبكة", "القاده"):  # folded or as written: the same snippet
        result = search(user=member_a, params=params_from(search_querydict(query)))
        snippet = str(result.highlights[document.pk])
        for word in ("الشبكة", "القادة", "المدينة", "أجل", "الوقايةِ"):
            assert word in snippet, (query, snippet)
        assert "الشبكه" not in snippet and "اجل" not in snippet.replace("أجل", "")
        assert "<mark>" in snippet
    result = search(user=member_a, params=params_from(search_querydict("الوقاية")))
    assert "<mark>الوقايةِ</mark>" in str(result.highlights[document.pk])


def test_as_written_puts_marks_on_the_written_letters():
    from hub.search.highlights import as_written
    from hub.search.text import MARK_END, MARK_START

    excerpt = "مـدينةُ السلام والأمان"
    folded = arabic_normalise(excerpt)
    headline = folded.replace("السلام", f"{MARK_START}السلام{MARK_END}")
    assert as_written(headline, excerpt) == excerpt.replace(
        "السلام", f"{MARK_START}السلام{MARK_END}"
    )
    two = f"{MARK_START}مدينه{MARK_END} … {MARK_START}والامان{MARK_END}"
    assert as_written(two, excerpt) == (
        f"{MARK_START}مـدينةُ{MARK_END} … {MARK_START}والأمان{MARK_END}"
    )


def test_arabic_normalise_folds_spelling_variants():
    assert arabic_normalise("إِسْتِرَاتِيجِيَّة") == "استراتيجيه"
    assert arabic_normalise("مـــدينة") == "مدينه"
    assert arabic_normalise("مستشفى") == "مستشفي"


def test_french_query_finds_english_study_through_its_french_title(member_a):
    DocumentFactory(
        title_en="Youth radicalisation in secondary schools",
        title_fr="La radicalisation des jeunes dans les lycées",
        pages=["An English-only study of pupils."],
    )
    assert _titles(member_a, "radicalisation des jeunes lycées") == [
        "Youth radicalisation in secondary schools"
    ]


def test_phrase_and_negation(member_a):
    DocumentFactory(title_en="Phrase", pages=["Our local action plan was adopted."])
    DocumentFactory(title_en="Scattered", pages=["Local people took action on the plan."])
    DocumentFactory(title_en="Schools", pages=["Local action plan for schools."])
    assert _titles(member_a, '"local action plan"') == ["Phrase", "Schools"]
    assert _titles(member_a, '"local action plan" -schools') == ["Phrase"]
    assert _titles(member_a, "« local action plan » -schools") == ["Phrase"]
    assert _titles(member_a, "local or nothingmatches") == ["Phrase", "Scattered", "Schools"]


def test_text_deep_inside_a_long_report_is_found_and_vectors_stay_small(member_a):
    pages = [f"Page {n} about community policing and resilience. " * 40 for n in range(200)]
    pages[180] += " The zanzibarian referral pathway is described here."
    document = DocumentFactory(title_en="Long report", pages=pages)
    assert _titles(member_a, "zanzibarian") == ["Long report"]
    chunks = DocumentChunk.objects.filter(document=document, kind="body")
    assert chunks.count() > 10
    assert max(len(c.text) for c in chunks) <= 8000


def test_facets_count_the_current_result_set_and_combine(member_a, city_a, city_b):
    youth, schools = ThemeFactory(slug="youth"), ThemeFactory(slug="schools")
    DocumentFactory(title_en="A", year=2017, pages=["prevention"], themes=[youth], cities=[city_a])
    DocumentFactory(
        title_en="B",
        year=2018,
        kind="evaluation",
        pages=["prevention"],
        themes=[youth, schools],
        cities=[city_b],
    )
    DocumentFactory(title_en="C", year=2018, pages=["unrelated"], themes=[schools])
    params = params_from(QueryDict("q=prevention"))
    result = search(user=member_a, params=params)
    facets = {name: {v.key: v.count for v in values} for name, values in result.facets.items()}
    assert facets["theme"] == {"youth": 2, "schools": 1}
    assert facets["year"] == {"2017": 1, "2018": 1}
    assert facets["kind"] == {"report": 1, "evaluation": 1}
    assert facets["city"] == {city_a.slug: 1, city_b.slug: 1}
    assert facets["language"] == {"en": 2}
    assert _titles(member_a, "prevention", theme=["schools"]) == ["B"]
    assert _titles(member_a, "prevention", theme=["youth"], year=["2017"]) == ["A"]
    assert _titles(member_a, "", theme=["schools"], kind=["report"]) == ["C"]


def test_choosing_a_value_keeps_the_other_values_of_its_facet_with_their_counts(
    member_a, city_a, city_b
):
    youth, schools = ThemeFactory(slug="youth"), ThemeFactory(slug="schools")
    DocumentFactory(title_en="En A", language="en", themes=[youth], cities=[city_a])
    DocumentFactory(title_en="En B", language="en", themes=[schools], cities=[city_b])
    DocumentFactory(title_fr="Fr A", title_en="", language="fr", themes=[youth], cities=[city_a])
    DocumentFactory(title_ar="عربي", title_en="", language="ar", themes=[schools])

    def counts(query: str) -> tuple[int, dict[str, dict[str, tuple[int, bool]]]]:
        result = search(user=member_a, params=params_from(QueryDict(query)))
        return result.total, {
            name: {v.key: (v.count, v.selected) for v in values}
            for name, values in result.facets.items()
        }

    total, facets = counts("language=en")
    assert total == 2
    # French and Arabic stay, with the counts they would add; the other facets count the
    # results.
    assert facets["language"] == {"en": (2, True), "fr": (1, False), "ar": (1, False)}
    assert facets["city"] == {city_a.slug: (1, False), city_b.slug: (1, False)}
    assert facets["theme"] == {"youth": (1, False), "schools": (1, False)}

    # OR within a facet, AND across facets; each facet counted under the others' choices.
    total, facets = counts(f"language=en&language=fr&city={city_a.slug}")
    assert total == 2
    assert facets["language"] == {"en": (1, True), "fr": (1, True)}
    assert facets["city"] == {city_a.slug: (2, True), city_b.slug: (1, False)}
    assert facets["theme"] == {"youth": (2, False)}

    # A chosen value that no longer matches anything is still listed, to be removed.
    total, facets = counts(f"language=ar&city={city_a.slug}")
    assert total == 0
    assert facets["language"]["ar"] == (0, True)
    assert facets["city"][city_a.slug] == (0, True)
    assert facets["language"]["fr"] == (1, False)


def _restricted_world(city_a, city_b):
    DocumentFactory(title_en="Open report", pages=["secretword prevention"])
    DocumentFactory(title_en="Staff only", staff_only=True, pages=["secretword prevention"])
    DocumentFactory(
        title_en="For city B", for_cities=True, shared_with=[city_b], pages=["secretword"]
    )
    DocumentFactory(title_en="Not reviewed", submitted=True, pages=["secretword"])


def test_restricted_documents_never_appear_in_results_counts_or_snippets(member_a, city_a, city_b):
    _restricted_world(city_a, city_b)
    result = search(user=member_a, params=params_from(QueryDict("q=secretword")))
    assert [d.title_en for d in result.items] == ["Open report"]
    assert result.total == 1
    assert sum(v.count for v in result.facets["language"]) == 1
    assert set(result.highlights) == {result.items[0].pk}
    member_b = UserFactory(city=city_b)
    assert _titles(member_b, "secretword") == ["For city B", "Open report"]
    staff = UserFactory(staff=True)
    assert _titles(staff, "secretword") == ["For city B", "Open report", "Staff only"]


def test_search_page_escapes_titles_and_extracted_text(client, member_a):
    payload = "<img src=x onerror=alert(1)>"
    DocumentFactory(title_en=f"Report {payload}", pages=[f"prevention {payload} prevention"])
    login(client, member_a)
    html = client.get(reverse("library:document-list"), {"q": "prevention"}).content.decode()
    assert payload not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>" in html


@pytest.mark.parametrize(
    "query",
    [
        {"q": "'; DROP TABLE library_document; --"},
        {"q": "x" * 10_000},
        {"q": "!!! ??? ..."},
        {"q": '"unbalanced quote'},
        {"q": "a\x00b"},
        {"q": "or -"},
        {"theme": "no-such-theme", "city": "nowhere", "year": "abcd", "kind": "zzz"},
        {"page": "100000"},
        {"page": "-5", "sort": "sideways"},
    ],
)
def test_garbage_queries_return_a_normal_page(client, member_a, query):
    DocumentFactory(title_en="Something", pages=["prevention"])
    login(client, member_a)
    response = client.get(reverse("library:document-list"), query)
    assert response.status_code == 200
    assert Document.objects.count() == 1


def test_search_page_query_count_is_the_same_at_1_and_50_results(client, member_a):
    theme = ThemeFactory()
    city = CityFactory()
    login(client, member_a)
    url = reverse("library:document-list") + "?q=prevention"
    DocumentFactory(pages=["prevention"], themes=[theme], cities=[city])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(49):
        DocumentFactory(pages=["prevention"], themes=[theme], cities=[city])
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url)
    assert len(response.context["result"].items) == 20
    assert len(one.captured_queries) == len(fifty.captured_queries)


def test_sorting_by_title_and_date(member_a):
    DocumentFactory(title_en="Beta", year=2016)
    DocumentFactory(title_en="alpha", year=2019)
    DocumentFactory(title_en="Gamma", year=2017)

    def order(sort):
        params = params_from(QueryDict(f"sort={sort}"))
        return [d.title_en for d in search(user=member_a, params=params).items]

    assert order("title") == ["alpha", "Beta", "Gamma"]
    assert order("newest") == ["alpha", "Gamma", "Beta"]
    assert order("oldest") == ["Beta", "Gamma", "alpha"]
