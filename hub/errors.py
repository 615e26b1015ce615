"""Domain errors: a request that conflicts with the current state of things."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class HubError(Exception):
    """Base of every domain error; `message` is translated and safe to show to the user."""

    code = "hub_error"
    message: StrOrPromise = _("This action is not possible right now.")

    def __init__(self, message: StrOrPromise | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotAllowed(HubError):
    code = "not_allowed"
    message = _("You are not allowed to do this.")


class AlreadyDecided(HubError):
    code = "already_decided"
    message = _("This request has already been decided.")
