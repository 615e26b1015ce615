"""The panels of the member home page, gathered from every app.

hub imports no other app, so each app registers its panels here from its AppConfig.ready()
(hub's own are at the end of this module):

    register_home_panel("library-new", order=20, context=new_documents_panel,
                        template_name="library/partials/_home_new.html")

A panel's `context(user, request)` returns the template context of the panel, or None when the
panel has nothing to say to this person (it is then left out). It reads through its app's
selectors (access-checked) and runs a bounded number of queries, whatever the number of rows:
the home page's query budget is pinned (tests/hub/matrix.py). The template gets that context
as `panel` and draws one `<section class="card home-panel" aria-labelledby="home-…">` of the
home page's grid, with a link into its section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hub import selectors

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest

    from hub.models import User


@dataclass(frozen=True)
class HomePanel:
    key: str
    order: int
    context: Callable[[User, HttpRequest], dict[str, Any] | None]
    template_name: str


@dataclass(frozen=True)
class ShownPanel:
    """A panel as the home page renders it: `{% include panel.template_name with panel=... %}`."""

    key: str
    template_name: str
    context: dict[str, Any]


_panels: dict[str, HomePanel] = {}


def register_home_panel(
    key: str,
    *,
    order: int,
    context: Callable[[User, HttpRequest], dict[str, Any] | None],
    template_name: str,
) -> None:
    """Add a panel to the home page, or replace the one registered under `key` (ready() may run
    more than once, in tests)."""
    _panels[key] = HomePanel(key=key, order=order, context=context, template_name=template_name)


def unregister_home_panel(key: str) -> None:
    _panels.pop(key, None)


def registered_panels() -> list[HomePanel]:
    """Every registered panel, in page order (then by key, so the order never depends on which
    app was loaded first)."""
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


def home_panels(*, user: User, request: HttpRequest) -> list[ShownPanel]:
    """The panels that have something for `user`, in page order, with their contexts."""
    shown = []
    for panel in registered_panels():
        context = panel.context(user, request)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template_name, context))
    return shown


# hub's own panels. Orders leave room between them for the apps' panels: what waits for you
# first (10), the library's news (20), your city (30), your contributions (40), the apps that
# come next (50-80), the network last (90).


def _waiting_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    return selectors.home_waiting(user=user)


def _city_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    return selectors.home_city(user=user)


def _network_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    return selectors.home_network()


def register_hub_panels() -> None:
    register_home_panel(
        "hub-waiting",
        order=10,
        context=_waiting_panel,
        template_name="hub/partials/_home_waiting.html",
    )
    register_home_panel(
        "hub-city", order=30, context=_city_panel, template_name="hub/partials/_home_city.html"
    )
    register_home_panel(
        "hub-network",
        order=90,
        context=_network_panel,
        template_name="hub/partials/_home_network.html",
    )
