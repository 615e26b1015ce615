"""The shared search engine (hub.search): its SQL twins, its sources, its database routing."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection, connections
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from hub import search as engine
from hub.search import source as source_module
from library.models import Document
from library.search import DOCUMENTS
from tests.hub.factories import ThemeFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    ["دليلُ الإرشادِ", "إأآٱ ى ة ـــ", "مُـــدِيـــنَـــة", "plain text", "ٰۖۗ ٖ ٗ ٘ ٙ ٚ ٛ ٜ ٝ ٞ ٟ"],
)
def test_the_database_folds_arabic_as_search_does(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT hub_arabic_normalise(%s)", [text])
        assert cursor.fetchone()[0] == engine.arabic_normalise(text)


@pytest.mark.parametrize(
    "text",
    [
        "دليلُ الإرشادِ",
        "ـمُـــدِيـــنَـــةـ",
        "إأآٱ ى ة",
        "ًٌٍ",
        "",
        "plain text",
        "الوقايةُ مِن التطرّف العنيف في المدينةِ",
    ],
)
def test_each_folded_character_knows_where_it_was_written(text):
    from hub.search.text import fold_with_offsets

    folded, offsets = fold_with_offsets(text)
    assert folded == engine.arabic_normalise(text)
    assert len(offsets) == len(folded)
    # Each folded character comes from the written one at its offset (the same, or its fold),
    # in order, and every written character between two offsets is one folding removed.
    written = list(offsets)
    assert written == sorted(set(written))
    for index, at in enumerate(written):
        assert engine.arabic_normalise(text[at]) == folded[index]
    skipped = set(range(len(text))) - set(written)
    assert all(engine.arabic_normalise(text[at]) == "" for at in skipped)
    assert offsets[-1:] == written[-1:]
    with pytest.raises(IndexError):
        offsets[len(folded)]


def test_the_configurations_and_the_fold_are_hubs_own():
    """A new app's migrations depend on hub's, never on another app's."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(connection).graph
    node = graph.node_map[("hub", "0002_search")]
    assert {parent.key[0] for parent in node.parents} == {"hub"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(cfgname ORDER BY cfgname) FROM pg_ts_config "
            "WHERE cfgname LIKE 'hub\\_%%'"
        )
        assert cursor.fetchone()[0] == ["hub_ar", "hub_en", "hub_fr", "hub_simple"]
        cursor.execute("SELECT to_tsvector('hub_fr', 'Évaluations de Montréal')::text")
        assert cursor.fetchone()[0] == "'evalu':1 'montreal':3"


def test_the_library_registers_its_source_from_its_app_config():
    assert engine.get("library.documents") is DOCUMENTS
    assert DOCUMENTS in engine.registered_sources()


def test_top_hits_asks_every_source_that_has_the_facets(member_a, monkeypatch):
    youth = ThemeFactory(slug="youth")
    on_theme = [DocumentFactory(themes=[youth], pages=["mentoring"]) for _ in range(3)]
    DocumentFactory(pages=["mentoring"])
    # A second source without a theme facet: a page about a theme does not ask it.
    untagged = dataclasses.replace(
        DOCUMENTS,
        name="tests.untagged",
        facets=tuple(f for f in DOCUMENTS.facets if f.name != "theme"),
    )
    # The library alone and the second source (other apps' sources have facets of their own).
    monkeypatch.setattr(source_module, "_sources", {DOCUMENTS.name: DOCUMENTS})
    engine.register(untagged)
    results = engine.top_hits(user=member_a, filters={"theme": ("youth",)}, limit=2)
    assert [r.source.name for r in results] == ["library.documents"]
    (result,) = results
    assert result.total == 3 and len(result.items) == 2
    assert {d.pk for d in result.items} <= {d.pk for d in on_theme}
    both = engine.top_hits(user=member_a, query="mentoring", limit=10)
    assert {r.source.name for r in both} == {"library.documents", "tests.untagged"}
    assert all(r.total == 4 for r in both)


def test_a_source_is_checked_when_it_is_declared():
    with pytest.raises(ValueError, match="needs its table"):
        engine.Facet("theme", "Themes", "theme_ids", many=True)
    with pytest.raises(ValueError, match="default sorts"):
        dataclasses.replace(DOCUMENTS, default_sort="nonsense")


def test_url_parameters_are_parsed_leniently_for_the_source():
    data = QueryDict(
        "q=%E2%80%9Clocal+plan%E2%80%9D&year=2019&year=abcd&year=3000&year=2019"
        "&theme=&theme=youth&kind=x" + "&city=c" * 40 + "&sort=sideways&page=-4"
    )
    params = engine.SearchParams.from_querydict(data, DOCUMENTS)
    assert params.query == '"local plan"'
    assert params.filters["year"] == (2019,)
    assert params.filters["theme"] == ("youth",)
    assert params.filters["city"] == ("c",)
    assert params.sort == "" and params.page == 1


class ReplicaRouter:
    """Reads of documents go to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        return "replica" if model is Document else None

    def db_for_write(self, model, **hints):
        return None


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_search_runs_on_the_database_the_router_picks_for_reads(settings, member_a):
    DocumentFactory(title_en="Replicated report", pages=["mediation"])
    settings.DATABASE_ROUTERS = [ReplicaRouter()]
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        result = engine.search(
            DOCUMENTS, user=member_a, params=engine.SearchParams(query="mediation")
        )
    assert [d.title_en for d in result.items] == ["Replicated report"]
    assert any("websearch_to_tsquery" in q["sql"] for q in replica.captured_queries)
    assert not any("library_documentsearch" in q["sql"] for q in primary.captured_queries)
