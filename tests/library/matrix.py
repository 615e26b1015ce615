"""The library's part of the permission matrix (tests/kit/matrix.py), and its pages' budgets."""

from __future__ import annotations

from library.models import DocumentDownload
from tests.hub.factories import CityFactory, ThemeFactory
from tests.kit.matrix import AppMatrix, Budget, R, codes
from tests.library.factories import DocumentFactory


def _objects(personas):
    member_a, city_a, city_b = personas.users["member_a"], personas.city_a, personas.city_b
    return {
        "doc_all": DocumentFactory(pages=["prevention"]),
        "doc_b": DocumentFactory(for_cities=True, shared_with=[city_b]),
        "doc_staff": DocumentFactory(staff_only=True),
        # Waiting for review: only its contributor (member_a) and staff may see it.
        "doc_mine": DocumentFactory(
            submitted=True, contributed_by=member_a, contributing_city=city_a
        ),
    }


def _results(personas, objects, n):
    """Documents the search finds, each with a theme and a city of its own."""
    for _ in range(n):
        DocumentFactory(pages=["prevention"], themes=[ThemeFactory()], cities=[CityFactory()])


def _document_links(personas, objects, n):
    """What the document page lists: themes, cities, regions, related documents, downloads."""
    document = objects["doc_all"]
    for _ in range(n):
        theme, city = ThemeFactory(), CityFactory()
        document.themes.add(theme)
        document.cities.add(city)
        document.regions.add(city.country.region)
        DocumentFactory(themes=[theme])
        DocumentDownload.objects.create(document=document, user=personas.users["member_b"])


def _contributions(personas, objects, n):
    member_a = personas.users["member_a"]
    for _ in range(n):
        DocumentFactory(submitted=True, contributed_by=member_a, contributing_city=member_a.city)


def _choices(personas, objects, n):
    """What the contribution form offers: themes, cities (with their countries), regions."""
    for _ in range(n):
        ThemeFactory()
        CityFactory()


MATRIX = AppMatrix(
    app="library",
    objects=_objects,
    entries={
        ("library:document-list", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("library:document-create", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("library:document-create", None, "post"): codes(R, R, 400, 400, 400, 400),
        ("library:document-mine", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("library:document-detail", "doc_all", "get"): codes(R, R, 200, 200, 200, 200),
        ("library:document-detail", "doc_b", "get"): codes(R, R, 404, 200, 404, 200),
        ("library:document-detail", "doc_staff", "get"): codes(R, R, 404, 404, 404, 200),
        ("library:document-detail", "doc_mine", "get"): codes(R, R, 200, 404, 404, 200),
        ("library:document-status", "doc_mine", "get"): codes(R, R, 200, 404, 404, 200),
        ("library:document-status", "doc_all", "get"): codes(R, R, 404, 404, 404, 200),
        ("library:document-download", "doc_all", "get"): codes(R, R, 200, 200, 200, 200),
        ("library:document-download", "doc_b", "get"): codes(R, R, 404, 200, 404, 200),
        ("library:document-download", "doc_staff", "get"): codes(R, R, 404, 404, 404, 200),
        ("library:document-download", "doc_mine", "get"): codes(R, R, 200, 404, 404, 200),
        ("admin:library_document_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:library_documentdownload_changelist", None, "get"): codes(R, R, R, R, R, 200),
    },
    # Queries at 1 and at 50 rows, pinned. Every member page reads the user (the session comes
    # from Redis and is written at most once a minute, hub.sessions).
    budgets={
        # + the search's transaction: parse, estimate, matches, highlights, the page's
        # documents, their cities and languages
        "library:document-list": Budget(10, _results, query="?q=prevention"),
        "library:document-detail": Budget(
            7, _document_links, target=lambda objects: {"pk": objects["doc_all"].pk}
        ),
        "library:document-mine": Budget(3, _contributions),
        "library:document-create": Budget(5, _choices),
        "library:document-status": Budget(
            5, _contributions, target=lambda objects: {"pk": objects["doc_mine"].pk}
        ),
        "library:document-download": Budget(
            6, _document_links, target=lambda objects: {"pk": objects["doc_all"].pk}
        ),
    },
)
