"""Reads of the library, always through Document.objects.visible_to(user)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import connections, router
from django.db.models import Count, F, OuterRef
from django.http import Http404

from hub.generations import (
    cache_usable,
    data_key,
    fragment_key,
    generation_expression,
    generation_sql,
    instance_values,
    instances_from_values,
)
from library.models import Document
from library.permissions import can_edit_contribution

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet
    from django.db.models.expressions import RawSQL

    from hub.models import User


def document_get_for_user(*, user: User | AnonymousUser, pk: Any) -> Document:
    """One document the user may see, with what its page shows. Http404 otherwise."""
    try:
        document: Document = (
            Document.objects.visible_to(user)
            .select_related("contributing_city", "contributed_by")
            .prefetch_related("themes", "cities", "regions")
            .get(pk=int(pk))
        )
    except (Document.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    return document


def document_preview_get_for_user(*, user: User | AnonymousUser, pk: Any) -> Document:
    """One document the user may see that has a preview, with only what serving it takes (one
    query). Http404 otherwise: a preview is refused exactly as the document is."""
    try:
        document: Document = (
            Document.objects.visible_to(user)
            .exclude(preview="")
            .only("pk", "preview", "preview_width", "preview_height")
            .get(pk=int(pk))
        )
    except (Document.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    return document


def document_is_visible(*, user: User, document: Document) -> bool:
    """Whether `user` may see `document` (to link to it, or only to say it exists)."""
    visible: bool = Document.objects.visible_to(user).filter(pk=document.pk).exists()
    return visible


def document_versions(*, user: User | AnonymousUser, document: Document) -> list[Document]:
    """The other language versions of the same work that the user may see."""
    return list(
        Document.objects.visible_to(user)
        .published()
        .filter(work=document.work)
        .exclude(pk=document.pk)
        .order_by("language")
        .only("pk", "language", "title_en", "title_fr", "title_ar", "title", "work")
    )


# How many of the newest visible documents of each theme are weighed as related documents.
RELATED_PER_THEME = 50


def document_related(
    *, user: User | AnonymousUser, document: Document, limit: int = 5
) -> list[Document]:
    """Published documents the user may see that share the most themes with `document`.

    Bounded whatever the library's size: of each of its themes, only the newest
    RELATED_PER_THEME documents the user may see are candidates (one backward walk of the
    (theme, document) index per theme); they are ranked by all the themes they share (from
    their search rows), then newest first.
    """
    from library.search import visibility_sql

    theme_ids = [t.pk for t in document.themes.all()]
    if not theme_ids:
        return []
    visible, visible_params = visibility_sql(user)
    # `visible` is SQL of ours; every value is a parameter.
    sql = (
        "SELECT d.* FROM ("  # noqa: S608
        " SELECT DISTINCT c.document_id, c.shared"
        " FROM unnest(%s::bigint[]) AS t(id) CROSS JOIN LATERAL ("
        "  SELECT dt.document_id,"
        "  (SELECT count(*) FROM unnest(s.theme_ids) AS x(id) WHERE x.id = ANY(%s)) AS shared"
        "  FROM library_document_themes dt"
        "  JOIN library_documentsearch s ON s.document_id = dt.document_id"
        f"  WHERE dt.theme_id = t.id AND dt.document_id <> %s AND {visible}"
        "  ORDER BY dt.document_id DESC LIMIT %s) c"
        # A few more than asked for: the other language versions of the work drop out below.
        " ORDER BY c.shared DESC, c.document_id DESC LIMIT %s) c"
        " JOIN library_document d ON d.id = c.document_id"
        " WHERE d.work <> %s ORDER BY c.shared DESC, c.document_id DESC LIMIT %s"
    )
    params = [
        theme_ids,
        theme_ids,
        document.pk,
        *visible_params,
        RELATED_PER_THEME,
        limit + 10,
        document.work,
        limit,
    ]
    alias = router.db_for_read(Document)
    return list(Document.objects.db_manager(alias).raw(sql, params))


def document_list_contributed(*, user: User, status: str = "") -> QuerySet[Document]:
    """What a member contributed, newest first: in every state, or in the review `status`."""
    documents = Document.objects.filter(contributed_by=user)
    if status:
        documents = documents.filter(status=status)
    # The id breaks ties of documents sent at the same moment, so pages never overlap.
    return documents.select_related("contributing_city").order_by("-created_at", "-pk")


def _ids_of(relation: str) -> ArraySubquery:
    field = Document._meta.get_field(relation)
    through = field.remote_field.through  # type: ignore[union-attr]
    target = f"{field.related_model._meta.model_name}_id"  # type: ignore[union-attr]
    return ArraySubquery(
        through.objects.filter(document_id=OuterRef("pk")).order_by(target).values(target)
    )


def document_get_to_edit(*, user: User, pk: Any) -> Document:
    """A contribution `user` may change (theirs, or any for staff), with the ids of its themes,
    cities, regions and shared cities annotated (`themes_ids`, ...): one query.

    Http404 for a document they may not see or may not change, as for one that does not exist;
    whether its review state still allows a change is for the caller to say.
    """
    try:
        document: Document = (
            Document.objects.visible_to(user)
            .annotate(
                themes_ids=_ids_of("themes"),
                cities_ids=_ids_of("cities"),
                regions_ids=_ids_of("regions"),
                shared_with_ids=_ids_of("shared_with"),
            )
            .get(pk=int(pk))
        )
    except (Document.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
    if not can_edit_contribution(user, document):
        raise Http404
    return document


def document_list_new(*, user: User, limit: int = 5) -> list[Document]:
    """The newest published documents the user may see, newest first (the home page's "new in
    the library"). One query."""
    return list(
        Document.objects.visible_to(user)
        .published()
        .select_related("contributing_city")
        .order_by(F("published_at").desc(nulls_last=True), "-pk")[:limit]
    )


def document_contribution_counts(*, user: User) -> list[tuple[str, str, int]]:
    """How many documents the user contributed, by review status: (status, label, count) in the
    order of the statuses, only those with a count. One query."""
    counts = dict(
        Document.objects.filter(contributed_by=user)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        (status, str(label), counts[status])
        for status, label in Document.Status.choices
        if counts.get(status)
    ]


# For the pages of other apps that gather what is about one city (cityprofiles' city page).


@dataclass(frozen=True)
class AboutCityKept:
    """How document_list_about_city may keep what it reads: under the library's `generation`
    the city was read with (document_generation_expression), the reader's `visibility` rule
    (document_about_city_visibility), for `seconds`."""

    generation: int
    visibility: tuple[str, list[Any]]
    seconds: int


# Of what the list is kept as (the documents' column values, their cities and languages).
_ABOUT_CITY_ROWS_VERSION = 1


def _about_city_rows_key(city_id: int, limit: int, kept: AboutCityKept) -> str:
    from hub.search import reader_language

    visible, params = kept.visibility
    return data_key(
        "library.about_city_rows",
        [
            _ABOUT_CITY_ROWS_VERSION,
            city_id,
            limit,
            kept.generation,
            reader_language(),
            visible,
            params,
        ],
        [Document],
    )


def _documents_from(values: dict[str, Any]) -> list[Document]:
    documents = instances_from_values(Document, (row for row, _c, _l in values["rows"]))
    for document, (_row, cities, languages) in zip(documents, values["rows"], strict=True):
        document.listed_cities, document.available_languages = cities, languages
    return documents


def document_list_about_city(
    *,
    user: User | AnonymousUser,
    city_id: int,
    limit: int = 10,
    kept: AboutCityKept | None = None,
) -> tuple[list[Document], bool]:
    """The published documents about city `city_id` that `user` may see, most recently
    published first, each with `listed_cities` and `available_languages`
    (library.search.load_documents); and whether there are more than `limit`. Read along the
    newest-published index, so a city with thousands of documents costs what one with ten
    does: no total (the library's list filtered by the city counts them). Four queries at
    most (one when there is none).

    With `kept`, outside a transaction, the answer is kept as values (the documents' columns:
    hub.generations.data_key, which a deploy that leaves the model alone still finds) under the
    generation and the reader's visibility rule, the same for two readers only when they see the
    same documents: read from there, or read and kept, one more query, if the library's
    generation is still the one the city was read with (as document_list_about_city_key)."""
    alias = router.db_for_read(Document)
    key = None
    if kept is not None and kept.seconds > 0 and cache_usable(alias):
        key = _about_city_rows_key(city_id, limit, kept)
        values = cache.get(key)
        if isinstance(values, dict):
            return _documents_from(values), bool(values["more"])
    documents, more = _read_about_city(user=user, city_id=city_id, limit=limit)
    if key and kept is not None and document_generation() == kept.generation:
        rows = [
            (
                instance_values(d),
                d.listed_cities,
                d.available_languages,
            )
            for d in documents
        ]
        cache.set(key, {"rows": rows, "more": more}, kept.seconds)
    return documents, more


def _read_about_city(
    *, user: User | AnonymousUser, city_id: int, limit: int
) -> tuple[list[Document], bool]:
    from hub.search import PageContext, reader_language
    from library.search import load_documents, visibility_sql

    ids = list(
        Document.objects.visible_to(user)
        .published()
        .filter(cities=city_id)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)[: limit + 1]
    )
    if not ids:
        return [], False
    visible, visible_params = visibility_sql(user)
    alias = router.db_for_read(Document)
    with connections[alias].cursor() as cursor:
        context = PageContext(
            cursor=cursor,
            ids=ids[:limit],
            visible_sql=visible,
            visible_params=visible_params,
            language=reader_language(),
        )
        documents = load_documents(context)
    return documents, len(ids) > limit


# The generation of the library's search rows, bumped by the database with every write to what
# document_list_about_city reads and shows (library/migrations 0008 and 0013): the documents,
# their search rows, cities, previews and works, and the taxonomy's names.
GENERATION = "library_documentsearch"
# Of what a key stands for: a new shape of the list never reads an old entry.
_ABOUT_CITY_KEY_VERSION = 1


def document_generation_expression() -> RawSQL:
    """The library's generation, as a column of another app's query (`library_generation` on
    the city page's city), so keying what it keeps of the library costs no query of its own."""
    return generation_expression(GENERATION)


def document_generation() -> int:
    """The library's generation now (one query): a list read under an earlier one is kept only
    while it is still the same (no write committed since, whose rows it may have read)."""
    with connections[router.db_for_read(Document)].cursor() as cursor:
        cursor.execute(f"SELECT coalesce({generation_sql(GENERATION)}, 0)")  # noqa: S608
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def document_about_city_visibility(*, user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """The visibility rule the documents about a city are kept under for `user`
    (library.search.shared_visibility_sql: the same for every member of a city without a
    published contribution). One query for a member, none for staff."""
    from library.search import shared_visibility_sql

    with connections[router.db_for_read(Document)].cursor() as cursor:
        return shared_visibility_sql(cursor, user)


def document_list_about_city_key(
    *,
    user: User | AnonymousUser,
    city_id: int,
    generation: int,
    limit: int = 10,
    visibility: tuple[str, list[Any]] | None = None,
) -> str:
    """A key for what document_list_about_city(user, city_id, limit) gives `user`, read under
    the library's `generation` (document_generation_expression): the same for two readers only
    when they see the same documents. It is made of the visibility rule as written for the
    reader (library.search.shared_visibility_sql: the rule itself, which members of a city
    without a published contribution write alike, any other reader in their own way), the
    reader's language (the cities' names) and the generation, which any write to what the list
    reads bumps. One query for a member (whether they have a published contribution), none for
    staff.

    Only outside a transaction, and what is kept under it only if document_generation() is
    still `generation` once the list is read: whether a member has a published contribution
    is read before the list is, and a contribution published in between (which bumps the
    generation) would otherwise be kept under their city's key. Inside a transaction the rows
    read may yet roll back and their bumped generation be reused."""
    from hub.search import reader_language

    visible, visible_params = visibility or document_about_city_visibility(user=user)
    return fragment_key(
        "library.about_city",
        [
            _ABOUT_CITY_KEY_VERSION,
            city_id,
            limit,
            generation,
            reader_language(),
            visible,
            visible_params,
        ],
    )


def document_ids_visible_subquery(*, user: User | AnonymousUser) -> QuerySet[Document]:
    """The ids of the published documents `user` may see, as a lazy subquery (`pk__in=` or an
    `Exists` of another app's read), so that app lists what it links to in its own one query.
    The same rule as document_list_visible_among."""
    ids: QuerySet[Document] = Document.objects.visible_to(user).published().values("pk")
    return ids


def document_list_visible_among(
    *, user: User | AnonymousUser, ids: list[int]
) -> dict[int, Document]:
    """Of the documents `ids` (a profile's action plan, evaluations, a network's documents),
    those published that `user` may see, by id; the others are left out as if they did not
    exist. One query (none without ids)."""
    if not ids:
        return {}
    return {
        document.pk: document
        for document in Document.objects.visible_to(user)
        .published()
        .filter(pk__in=ids)
        .only("pk", "title", "title_en", "title_fr", "title_ar", "language", "kind", "year")
    }
