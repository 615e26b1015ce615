"""Training's panel on the member home page: the learner's modules in progress, each with its
progress bar and a link to resume where they left off."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hub.home import register_home_panel

if TYPE_CHECKING:
    from django.http import HttpRequest

    from hub.models import User

# With the apps' panels, after the library's news (20) and the city (30), before the network.
ORDER = 50


def learning_panel(user: User, request: HttpRequest) -> dict[str, Any] | None:
    """The modules the learner has started and not completed; nothing when there are none.
    One query."""
    from training import selectors

    enrolments = selectors.modules_in_progress(user=user)
    if not enrolments:
        return None
    return {"enrolments": enrolments}


def register_panel() -> None:
    register_home_panel(
        "training-learning",
        order=ORDER,
        context=learning_panel,
        template_name="training/partials/_home_learning.html",
    )
