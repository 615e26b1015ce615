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

A panel may also give `present()`: a boolean expression over the page's object (an
`OuterRef("pk")` of its model), false when the panel has nothing about the object for anyone.
A page that reads its object with presence_annotations(page) (the city page does) then asks no
query of the panels without anything about it, as for the cities with no event; a panel it did
not annotate is asked as always.
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
    present: Callable[[], Any] | None = None

    @property
    def present_name(self) -> str:
        """The annotation its `present` expression is read under, on the page's object."""
        return "panel_present_" + self.key.replace("-", "_")


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
    present: Callable[[], Any] | None = None,
) -> None:
    """Add a panel to `page` (CITY_PAGE, DOCUMENT_PAGE), or replace the one registered there
    under `key` (ready() may run more than once, in tests). Raises ValueError for another page."""
    if page not in PAGES:
        raise ValueError(f"No page {page!r} takes panels; it is one of {', '.join(PAGES)}.")
    _panels[(page, key)] = ObjectPanel(
        page=page,
        key=key,
        order=order,
        context=context,
        template_name=template_name,
        present=present,
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


def presence_annotations(page: str) -> dict[str, Any]:
    """The `present` expressions of the panels of `page`, by their names: for the query that
    reads the page's object (`.annotate(**presence_annotations(page))`)."""
    return {
        panel.present_name: panel.present()
        for panel in registered_object_panels(page)
        if panel.present is not None
    }


def object_panels(page: str, *, obj: Any, user: User | AnonymousUser) -> list[ShownObjectPanel]:
    """The panels of `page` that have something about `obj` for `user`, in page order. One
    query for each registered panel, but none for one that `obj`, read with
    presence_annotations(page), says has nothing about it."""
    shown = []
    for panel in registered_object_panels(page):
        if panel.present is not None and getattr(obj, panel.present_name, True) is False:
            continue
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
    "presence_annotations",
    "register_object_panel",
    "registered_object_panels",
    "unregister_object_panel",
]
