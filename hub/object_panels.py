"""What other apps show on the page of an object they do not own: the events a city hosted,
took part in and its exchanges on its city page (cityprofiles), the events a document came
from on its document page (library).

hub imports no other app, and those pages know none of the apps that come after them, so each
app registers its panels here from its AppConfig.ready():

    register_object_panel(
        CITY_PAGE,
        "events-of-city",
        order=20,
        context=city_events_panel,  # (City, User) -> dict | None
        template_name="events/partials/_city_events.html",
    )

A panel's `context(obj, user)` reads through its own app's selectors (access-checked) and
returns the panel's template context, or None when it has nothing for this reader (it is then
left out). It runs exactly one query, whatever the number of rows: the pages' query budgets are
pinned and count one per registered panel (tests/library/matrix.py,
tests/cityprofiles/matrix_city.py). The page includes each shown panel's template with its
context as `panel`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AnonymousUser

    from hub.models import User

# The pages that take panels, and what `obj` is on each.
CITY_PAGE = "city"  # hub.models.City
DOCUMENT_PAGE = "document"  # library.models.Document
PAGES = (CITY_PAGE, DOCUMENT_PAGE)


@dataclass(frozen=True)
class ObjectPanel:
    page: str
    key: str
    order: int
    context: Callable[[Any, User | AnonymousUser], dict[str, Any] | None]
    template_name: str


@dataclass(frozen=True)
class ShownObjectPanel:
    """A panel as its page renders it: `{% include shown.template_name with panel=... %}`."""

    key: str
    template_name: str
    context: dict[str, Any]


_panels: dict[tuple[str, str], ObjectPanel] = {}


def register_object_panel(
    page: str,
    key: str,
    *,
    order: int,
    context: Callable[[Any, User | AnonymousUser], dict[str, Any] | None],
    template_name: str,
) -> None:
    """Add a panel to `page` (CITY_PAGE, DOCUMENT_PAGE), or replace the one registered there
    under `key` (ready() may run more than once, in tests). Raises ValueError for another page."""
    if page not in PAGES:
        raise ValueError(f"No page {page!r} takes panels; it is one of {', '.join(PAGES)}.")
    _panels[(page, key)] = ObjectPanel(
        page=page, key=key, order=order, context=context, template_name=template_name
    )


def unregister_object_panel(page: str, key: str) -> None:
    _panels.pop((page, key), None)


def registered_object_panels(page: str) -> list[ObjectPanel]:
    """The panels of `page`, in page order (then by key, so the order never depends on which
    app was loaded first)."""
    return sorted(
        (panel for panel in _panels.values() if panel.page == page),
        key=lambda panel: (panel.order, panel.key),
    )


def object_panels(page: str, *, obj: Any, user: User | AnonymousUser) -> list[ShownObjectPanel]:
    """The panels of `page` that have something about `obj` for `user`, in page order. One
    query for each registered panel."""
    shown = []
    for panel in registered_object_panels(page):
        context = panel.context(obj, user)
        if context is not None:
            shown.append(ShownObjectPanel(panel.key, panel.template_name, context))
    return shown


__all__ = [
    "CITY_PAGE",
    "DOCUMENT_PAGE",
    "ObjectPanel",
    "ShownObjectPanel",
    "object_panels",
    "register_object_panel",
    "registered_object_panels",
    "unregister_object_panel",
]
