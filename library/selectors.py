"""Reads of the library, always through Document.objects.visible_to(user)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import router
from django.http import Http404

from library.models import Document

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

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


def document_list_contributed(*, user: User) -> QuerySet[Document]:
    """What a member contributed, whatever its state, newest first."""
    return (
        Document.objects.filter(contributed_by=user)
        .select_related("contributing_city")
        .order_by("-created_at")
    )
