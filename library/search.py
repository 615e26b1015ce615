"""The library as a source of the shared search engine (hub.search): what is about documents.

The engine reads one narrow row per document (``library_documentsearch``), kept equal to the
document, its many-to-many rows and its chunks by database triggers (migrations 0003-0005), and
its chunks (``library_documentchunk``) for phrases and highlights. What is the library's own:

- the chunks: one metadata chunk per language a document has a title or summary in, derived by
  the database from the document's columns (migration 0005), and body chunks of a few pages each
  in the configuration of the document's language, written by ``services.document_index``;
- the SQL twin of ``Document.objects.visible_to(user).published()``;
- the type and language facets, the orders by date and title;
- the page's documents with their cities and the languages each work is available in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from hub import search as engine
from hub.search.facets import city_facet, region_facet, theme_facet, year_facet
from library.models import DOCUMENT_LANGUAGES, Document
from library.permissions import can_see_everything

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User


def body_chunks(document: Document, pages: list[str]) -> list[engine.ChunkSpec]:
    """The body chunks that index `document`'s pages, in its language's configuration."""
    return engine.chunk_pages(pages, config=engine.config_for(document.language))


def visibility_sql(user: User | AnonymousUser, *, authorship: bool = True) -> tuple[str, list[Any]]:
    """`Document.objects.visible_to(user).published()` over search row `s`.

    tests/library/test_search_rows.py proves both give the same documents for every kind of
    reader and every state: change them together. `authorship=False` leaves out "contributed
    by this user", for a user who has no published contribution (shared_visibility_sql).
    """
    published = "s.status = %s"
    if not user.is_authenticated or not user.is_active:
        return "FALSE", []
    if can_see_everything(user):
        return published, [Document.Status.PUBLISHED]
    readable = ["s.visibility = ANY(%s)"]
    params: list[Any] = [[Document.Visibility.PUBLIC, Document.Visibility.MEMBERS]]
    if user.city_id:
        readable.append(
            "(s.visibility = %s AND (s.contributing_city_id = %s"
            " OR s.shared_with @> ARRAY[%s]::bigint[]))"
        )
        params += [Document.Visibility.CITIES, user.city_id, user.city_id]
    if authorship:
        readable.append("s.contributed_by_id = %s")
        params.append(user.pk)
    return f"{published} AND ({' OR '.join(readable)})", [Document.Status.PUBLISHED, *params]


def shared_visibility_sql(cursor: Any, user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """visibility_sql written the same for every member of a city who has no published
    contribution (for them "contributed by me" matches nothing), so they share cached matches."""
    if user.is_authenticated and user.is_active and not can_see_everything(user):
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM library_document WHERE contributed_by_id = %s "
            "AND status = %s)",
            [user.pk, Document.Status.PUBLISHED],
        )
        if not cursor.fetchone()[0]:
            return visibility_sql(user, authorship=False)
    return visibility_sql(user)


def _title_order(language: str) -> tuple[str, str]:
    title = f"coalesce(nullif(d.title_{language}, ''), d.title_en, d.title_fr, d.title_ar)"
    join = "JOIN library_document d ON d.id = s.document_id"
    return join, f"lower({title}) ASC, s.document_id ASC"


def load_documents(context: engine.PageContext) -> list[Document]:
    """The page's documents in its order, each with `listed_cities` (names, in order) and
    `available_languages` (the languages of the visible versions of its work)."""
    by_id = Document.objects.in_bulk(context.ids)
    documents = [by_id[pk] for pk in context.ids if pk in by_id]
    if not documents:
        return documents
    cursor = context.cursor
    cursor.execute(
        f"SELECT dc.document_id, coalesce(nullif(c.name_{context.language}, ''), c.name_en) "
        "AS name FROM library_document_cities dc JOIN hub_city c ON c.id = dc.city_id "
        "WHERE dc.document_id = ANY(%s) ORDER BY c.name_en",
        [context.ids],
    )
    cities: dict[int, list[str]] = {}
    for document_id, name in cursor.fetchall():
        cities.setdefault(document_id, []).append(name)
    cursor.execute(
        "SELECT DISTINCT d.work, d.language FROM library_document d "
        "JOIN library_documentsearch s ON s.document_id = d.id "
        f"WHERE d.work = ANY(%s) AND {context.visible_sql} ORDER BY d.language",
        [list({d.work for d in documents}), *context.visible_params],
    )
    available: dict[Any, list[str]] = {}
    for work, language in cursor.fetchall():
        available.setdefault(work, []).append(language)
    for document in documents:
        document.listed_cities = cities.get(document.pk, [])
        document.available_languages = available.get(document.work, [])
    return documents


_NEWEST = "year DESC NULLS LAST, published_at DESC NULLS LAST, document_id DESC"
_OLDEST = "year ASC NULLS LAST, published_at ASC NULLS LAST, document_id ASC"
_DATES = ("year", "published_at")

DOCUMENTS = engine.SearchSource(
    name="library.documents",
    label=_("Library"),
    model=Document,
    rows="library_documentsearch",
    key="document_id",
    chunks=engine.Chunks(table="library_documentchunk", key="document_id"),
    visible=visibility_sql,
    visible_shared=shared_visibility_sql,
    load=load_documents,
    facets=(
        theme_facet(),
        city_facet(),
        region_facet(),
        engine.Facet(
            "language", _("Languages"), "language", choices=lambda: dict(DOCUMENT_LANGUAGES)
        ),
        engine.Facet("kind", _("Types"), "kind", choices=lambda: dict(Document.Kind.choices)),
        year_facet(),
    ),
    sorts=(
        engine.Sort("relevance", _("Relevance"), _NEWEST, _DATES, relevance=True),
        engine.Sort("newest", _("Newest"), _NEWEST, _DATES),
        engine.Sort("oldest", _("Oldest"), _OLDEST, _DATES),
        engine.Sort("title", _("Title"), by_language=_title_order),
    ),
    default_sort="relevance",
    default_sort_without_words="newest",
)


def search(*, user: User | AnonymousUser, params: engine.SearchParams) -> engine.SearchResult:
    """One page of the library for `user` (the engine over DOCUMENTS)."""
    return engine.search(DOCUMENTS, user=user, params=params)


def params_from(data: Any) -> engine.SearchParams:
    """The library's search parameters from request.GET, leniently."""
    return engine.SearchParams.from_querydict(data, DOCUMENTS)


__all__ = ["DOCUMENTS", "body_chunks", "load_documents", "params_from", "search", "visibility_sql"]
