"""Domain errors: a request that conflicts with the current state of things."""

from django.utils.translation import gettext_lazy as _


class HubError(Exception):
    """Base of every domain error; `message` is translated and safe to show to the user."""

    code = "hub_error"
    message = _("This action is not possible right now.")

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotAllowed(HubError):
    code = "not_allowed"
    message = _("You are not allowed to do this.")


class AlreadyDecided(HubError):
    code = "already_decided"
    message = _("This request has already been decided.")
