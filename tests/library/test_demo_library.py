"""The demo library of `make run`: the plan of ~200 documents, and the command that stores them.

The full plan is checked as data (it is pure); the command runs on the first documents of it,
with their real files extracted through the library's own pipeline.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from hub.models import City, Theme
from hub.services import scn_data_load
from library.demo_library import COUNT, PREFIX, DemoCity, DemoDocument, demo_file, demo_plan
from library.extraction import extract_file
from library.models import Document

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SMALL = 16  # the first documents: all three languages, PDF and DOCX, one to twelve pages
CONTRIBUTIONS = 9
DEMO_ACCOUNTS = "@demo.scn.invalid"

# Every test, the pure ones too: their taxonomy comes from the test database.
pytestmark = pytest.mark.django_db


def _taxonomy() -> tuple[list[DemoCity], list[str]]:
    scn_data_load()
    cities = [
        DemoCity(
            slug=city.slug,
            names=(city.name_en, city.name_fr or "", city.name_ar or ""),
            region=city.country.region.slug,
            country=city.country.iso_code,
        )
        for city in City.objects.select_related("country__region").order_by("slug")
    ]
    return cities, list(Theme.objects.values_list("slug", flat=True))


def _library(plan: list[DemoDocument]) -> list[DemoDocument]:
    return [item for item in plan if item.contribution is None]


@pytest.fixture(scope="module")
def taxonomy(django_db_setup, django_db_blocker) -> tuple[list[DemoCity], list[str]]:
    # Loaded once for the pure tests, in a transaction rolled back at once.
    with django_db_blocker.unblock(), transaction.atomic():
        result = _taxonomy()
        transaction.set_rollback(True)
    return result


@pytest.fixture(scope="module")
def plan(taxonomy) -> list[DemoDocument]:
    cities, themes = taxonomy
    return demo_plan(cities=cities, themes=themes, now=NOW)


@pytest.fixture
def demo_site(settings, db) -> None:
    settings.DEBUG = True
    scn_data_load()
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_plan_spreads_200_documents_over_languages_types_themes_cities_and_years(plan):
    library = _library(plan)
    assert len(library) == COUNT == 200
    languages = Counter(item.language for item in library)
    assert set(languages) == {"en", "fr", "ar"}
    assert min(languages.values()) >= 40
    assert {item.kind for item in library} == set(Document.Kind.values)
    assert len({theme for item in library for theme in item.themes}) >= 20
    assert len({city for item in library for city in item.cities}) >= 40
    assert len({region for item in library for region in item.regions}) >= 6
    years = Counter(item.year for item in library)
    assert set(years) == set(range(2015, 2027))
    assert years[2025] + years[2026] > years[2015] + years[2016]


def test_demo_plan_adds_documents_over_years_most_of_them_lately(plan):
    added = [item.added_at for item in _library(plan)]
    assert all(moment <= NOW for moment in added)
    assert len({moment.date() for moment in added}) >= 150
    assert sum(moment > NOW - timedelta(days=30) for moment in added) >= 5
    assert sum(moment < NOW - timedelta(days=3 * 365) for moment in added) >= 5
    assert all(item.added_at.year >= item.year for item in _library(plan))


def test_demo_plan_marks_every_document_as_demo(plan):
    assert all(title.startswith(PREFIX) for item in plan for title in item.titles.values())
    assert all("DEMO" in summary for item in plan for summary in item.summaries.values())
    assert all("DEMO" in item.publisher for item in plan)
    assert len({item.filename for item in plan}) == len(plan)
    assert all(item.filename.startswith("demo-") for item in plan)


def test_demo_plan_has_pdfs_of_many_pages_and_docx_files(plan):
    library = _library(plan)
    kinds = Counter(item.file_kind for item in library)
    assert kinds["pdf"] >= 120
    assert kinds["docx"] >= 30
    pages = Counter(item.pages for item in library if item.file_kind == "pdf")
    assert pages[1] >= 10
    assert sum(n for count, n in pages.items() if count >= 5) >= 20
    assert max(pages) >= 12


def test_demo_plan_groups_language_versions_of_one_work(plan):
    works: dict[object, list[DemoDocument]] = defaultdict(list)
    for item in _library(plan):
        works[item.work].append(item)
    groups = [versions for versions in works.values() if len(versions) > 1]
    assert len(groups) >= 8
    assert any(len(versions) == 3 for versions in groups)
    for versions in groups:
        assert len({item.language for item in versions}) == len(versions)
        assert len({(item.kind, item.year, item.city.slug) for item in versions}) == 1


def test_demo_plan_restricts_some_documents_to_named_cities(plan):
    library = _library(plan)
    shared = [set(item.shared_with) for item in library if item.visibility == "cities"]
    assert len(shared) >= 10
    assert any("montreal" in cities and "mombasa" not in cities for cities in shared)
    assert any("mombasa" in cities and "montreal" not in cities for cities in shared)
    assert any(not {"montreal", "mombasa"} & cities for cities in shared)
    assert {"public", "staff"} <= {item.visibility for item in library}
    assert not any(item.shared_with for item in library if item.visibility != "cities")


def test_demo_plan_ends_with_contributions_waiting_or_rejected(plan):
    contributions = [item.contribution for item in plan[COUNT:]]
    assert len(contributions) == CONTRIBUTIONS
    assert all(c is not None for c in contributions)
    reasons = [c.reason for c in contributions if c is not None and c.reason]
    assert len(reasons) == 3
    assert all(reason.startswith("DEMO") for reason in reasons)


def test_demo_plan_is_deterministic_and_its_first_documents_do_not_depend_on_the_count(
    taxonomy,
):
    cities, themes = taxonomy
    full = demo_plan(cities=cities, themes=themes, now=NOW)
    assert demo_plan(cities=cities, themes=themes, now=NOW) == full
    assert demo_plan(cities=cities, themes=themes, now=NOW, count=SMALL)[:SMALL] == full[:SMALL]
    pdf = next(item for item in full if item.file_kind == "pdf" and item.language == "ar")
    word = next(item for item in full if item.file_kind == "docx")
    assert demo_file(pdf) == demo_file(pdf)
    assert demo_file(word) == demo_file(word)


def test_seed_demo_library_is_refused_when_debug_is_off(demo_site, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo_library", count=2)
    assert not Document.objects.exists()


def test_seed_demo_library_imports_real_dated_files_that_extraction_indexes(
    demo_site, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo_library", count=SMALL, stdout=io.StringIO())

    documents = list(Document.objects.all())
    assert len(documents) == SMALL + CONTRIBUTIONS
    assert {d.language for d in documents} == {"en", "fr", "ar"}
    assert {d.file_kind for d in documents} == {"pdf", "docx"}
    assert all(d.extraction_state == Document.Extraction.INDEXED for d in documents)
    assert all(d.title.startswith(PREFIX) for d in documents)
    assert len({d.page_count for d in documents if d.file_kind == "pdf"}) >= 4
    for document in documents:
        extracted = extract_file(Path(document.file.path))
        assert extracted.kind == document.file_kind
        assert extracted.page_count == document.page_count
        assert "DEMO" in extracted.pages[0]
        if document.file_kind == "docx":
            word = docx.Document(document.file.path)
            assert word.paragraphs[0].text == getattr(document, f"title_{document.language}")
            assert len(word.tables) == 1
    assert all(d.chunks.filter(kind="body").exists() for d in documents)

    imported = [d for d in documents if d.contributed_by_id is None]
    assert len(imported) == SMALL
    assert all(d.status == Document.Status.PUBLISHED for d in imported)
    assert all(d.published_at == d.created_at < before for d in imported)
    assert len({d.created_at.date() for d in imported}) >= SMALL - 4
    assert min(d.created_at for d in imported) < before - timedelta(days=180)
    assert max(Counter(d.work for d in imported).values()) >= 2


def test_seed_demo_library_is_idempotent(demo_site):
    call_command("seed_demo_library", count=2, stdout=io.StringIO())
    first = set(Document.objects.values_list("sha256", flat=True))
    out = io.StringIO()
    call_command("seed_demo_library", count=2, stdout=out)
    assert set(Document.objects.values_list("sha256", flat=True)) == first
    assert len(first) == 2 + CONTRIBUTIONS
    assert "0 documents and 0 contributions created" in out.getvalue()


def test_seed_demo_library_leaves_contributions_of_demo_accounts_to_review(demo_site):
    call_command("seed_demo_library", count=0, stdout=io.StringIO())
    contributions = Document.objects.filter(contributed_by__email__endswith=DEMO_ACCOUNTS)
    assert contributions.count() == CONTRIBUTIONS
    assert contributions.filter(status=Document.Status.SUBMITTED).count() == 6
    rejected = contributions.filter(status=Document.Status.REJECTED)
    assert rejected.count() == 3
    assert all(d.rejection_reason.startswith("DEMO") for d in rejected)
    assert {d.contributing_city.slug for d in contributions} == {"montreal", "mombasa"}


@pytest.mark.parametrize("count", [0, 1, 11, 13, 57])
def test_demo_plan_holds_count_documents_then_every_contribution(taxonomy, count):
    cities, themes = taxonomy
    plan = demo_plan(cities=cities, themes=themes, now=NOW, count=count)
    assert [item.contribution is None for item in plan] == [True] * count + [False] * 9
