"""The library's part of the permission matrix (tests/kit/matrix.py), and its pages' budgets."""

from __future__ import annotations

from hub.object_panels import DOCUMENT_PAGE, registered_object_panels
from library.models import DocumentDownload
from tests.hub.factories import CityFactory, ThemeFactory
from tests.kit.matrix import AppMatrix, Budget, R, codes
from tests.library.factories import DocumentFactory


def _objects(personas):
    member_a, city_a, city_b = personas.users["member_a"], personas.city_a, personas.city_b
    return {
        # Each with a first-page preview, refused exactly as the document is.
        "doc_all": DocumentFactory(pages=["prevention"], preview=True),
        "doc_b": DocumentFactory(for_cities=True, shared_with=[city_b], preview=True),
        "doc_staff": DocumentFactory(staff_only=True, preview=True),
        # Waiting for review: only its contributor (member_a) and staff may see it.
        "doc_mine": DocumentFactory(
            submitted=True, contributed_by=member_a, contributing_city=city_a, preview=True
        ),
        # Without a preview (a DOCX, a PDF whose first page could not be drawn).
        "doc_plain": DocumentFactory(),
        # Sent back by staff: its contributor (member_a) may change it and send it again.
        "doc_rejected": DocumentFactory(
            rejected=True, contributed_by=member_a, contributing_city=city_a
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


def _edit_links(personas, objects, n):
    """What the page that changes a contribution offers and shows chosen: themes, cities
    (with their countries), regions and shared cities, n more of each on the document."""
    document = objects["doc_rejected"]
    for _ in range(n):
        theme, city = ThemeFactory(), CityFactory()
        document.themes.add(theme)
        document.cities.add(city)
        document.shared_with.add(city)
        document.regions.add(city.country.region)


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
        # Only its contributor and staff may change a contribution, and only a draft or a
        # rejected one: a pending or published document sends them back to its page.
        ("library:document-update", "doc_rejected", "get"): codes(R, R, 200, 404, 404, 200),
        ("library:document-update", "doc_rejected", "post"): codes(R, R, 400, 404, 404, 400),
        ("library:document-update", "doc_mine", "get"): codes(R, R, R, 404, 404, R),
        ("library:document-update", "doc_mine", "post"): codes(R, R, R, 404, 404, R),
        ("library:document-update", "doc_all", "get"): codes(R, R, 404, 404, 404, R),
        ("library:document-update", "doc_b", "get"): codes(R, R, 404, 404, 404, R),
        # What happens next, once sent: for its contributor and staff, while it waits.
        ("library:document-sent", "doc_mine", "get"): codes(R, R, 200, 404, 404, 200),
        ("library:document-sent", "doc_all", "get"): codes(R, R, 404, 404, 404, R),
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
        ("library:document-preview", "doc_all", "get"): codes(R, R, 200, 200, 200, 200),
        ("library:document-preview", "doc_b", "get"): codes(R, R, 404, 200, 404, 200),
        ("library:document-preview", "doc_staff", "get"): codes(R, R, 404, 404, 404, 200),
        ("library:document-preview", "doc_mine", "get"): codes(R, R, 200, 404, 404, 200),
        ("library:document-preview", "doc_plain", "get"): codes(R, R, 404, 404, 404, 404),
        ("admin:library_document_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:library_documentdownload_changelist", None, "get"): codes(R, R, R, R, R, 200),
        # Publish / reject from a document's change page: staff only, POST only; staff land
        # back on the change page. Last, so the decisions change nothing the entries above see.
        ("admin:library_document_publish", "doc_plain", "get"): codes(R, R, R, R, R, 405),
        ("admin:library_document_publish", "doc_plain", "post"): codes(R, R, R, R, R, R),
        ("admin:library_document_reject", "doc_plain", "get"): codes(R, R, R, R, R, 405),
        ("admin:library_document_reject", "doc_plain", "post"): codes(R, R, R, R, R, R),
    },
    data={"admin:library_document_reject": {"reason": "Out of scope."}},
    # Queries at 1 and at 50 rows, pinned. Every member page reads the user (the session comes
    # from Redis and is written at most once a minute, hub.sessions).
    budgets={
        # + the search's transaction: parse, estimate, matches, highlights, the page's
        # documents, their cities and languages
        "library:document-list": Budget(9, _results, query="?q=prevention"),
        # + one for each panel another app adds (hub.object_panels: the events it came from)
        "library:document-detail": Budget(
            7 + len(registered_object_panels(DOCUMENT_PAGE)),
            _document_links,
            target=lambda objects: {"pk": objects["doc_all"].pk},
        ),
        # Paginated and filtered: the page's rows, and their count for the page numbers.
        "library:document-mine": Budget(3, _contributions, query="?status=submitted&page=2"),
        # The document with the ids of its choices (one query), and the four lists of choices
        "library:document-update": Budget(
            6, _edit_links, target=lambda objects: {"pk": objects["doc_rejected"].pk}
        ),
        "library:document-sent": Budget(
            5, _contributions, target=lambda objects: {"pk": objects["doc_mine"].pk}
        ),
        "library:document-create": Budget(5, _choices),
        "library:document-status": Budget(
            5, _contributions, target=lambda objects: {"pk": objects["doc_mine"].pk}
        ),
        # + the document, with only what serving its preview takes
        "library:document-preview": Budget(
            2, _document_links, target=lambda objects: {"pk": objects["doc_all"].pk}
        ),
        "library:document-download": Budget(
            6, _document_links, target=lambda objects: {"pk": objects["doc_all"].pk}
        ),
    },
)
