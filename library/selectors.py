"""Reads of the library, always through Document.objects.visible_to(user)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from library.models import Document

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

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


def document_related(
    *, user: User | AnonymousUser, document: Document, limit: int = 5
) -> list[Document]:
    """Published documents the user may see that share the most themes with `document`."""
    theme_ids = [t.pk for t in document.themes.all()]
    if not theme_ids:
        return []
    return list(
        Document.objects.visible_to(user)
        .published()
        .exclude(work=document.work)
        .filter(themes__in=theme_ids)
        .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
        .order_by("-shared", "-published_at", "-pk")[:limit]
    )


def document_list_contributed(*, user: User) -> QuerySet[Document]:
    """What a member contributed, whatever its state, newest first."""
    return (
        Document.objects.filter(contributed_by=user)
        .select_related("contributing_city")
        .order_by("-created_at")
    )
