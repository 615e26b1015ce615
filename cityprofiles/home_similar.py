"""The city page's panel on the member home page: the cities most like the member's own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hub.home import register_home_panel

if TYPE_CHECKING:
    from django.http import HttpRequest

    from hub.models import User

# Between the member's own contributions (40) and the network (90), with the apps' panels.
ORDER = 60


def similar_cities_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    """The cities like the member's city, with why, and a link to its page; nothing for people
    of no city (staff). Two queries (one when the cities like it are cached)."""
    from cityprofiles import selectors

    if not user.city_id:
        return None
    city_url, similar = selectors.similar_panel_for_user(user=user)
    return {"similar": similar, "city_url": city_url}


def register_panel() -> None:
    register_home_panel(
        "cityprofiles-similar",
        order=ORDER,
        context=similar_cities_panel,
        template_name="cityprofiles/partials/_home_similar.html",
    )
