"""The library's panels on the member home page (registered in LibraryConfig.ready())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hub.home import register_home_panel
from library import selectors
from library.permissions import can_contribute

if TYPE_CHECKING:
    from django.http import HttpRequest

    from hub.models import User

NEW_DOCUMENTS = 5


def new_documents_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    """The newest documents this member may see."""
    return {"documents": selectors.document_list_new(user=user, limit=NEW_DOCUMENTS)}


def contributions_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    """How the member's contributions stand; nothing for people who may not contribute."""
    if not can_contribute(user):
        return None
    counts = selectors.document_contribution_counts(user=user)
    return {"counts": counts, "total": sum(count for _status, _label, count in counts)}


def register_panels() -> None:
    register_home_panel(
        "library-new",
        order=20,
        context=new_documents_panel,
        template_name="library/partials/_home_new_documents.html",
    )
    register_home_panel(
        "library-contributions",
        order=40,
        context=contributions_panel,
        template_name="library/partials/_home_contributions.html",
    )
