"""The domain errors of editing a profile, each with the code and message a page shows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hub.errors import HubError


class StaleDraft(HubError):
    code = "stale_draft"
    message = _(
        "Someone else saved this profile since you opened it, so your changes were not saved. "
        "Reload the page to see their changes, then make yours again."
    )


class DraftWaiting(HubError):
    code = "draft_submitted"
    message = _(
        "This profile is waiting for review by SCN staff: it cannot be changed until they "
        "publish it or return it."
    )


class NotSubmitted(HubError):
    code = "not_submitted"
    message = _("This profile draft is not waiting for review.")


class NothingToSubmit(HubError):
    code = "no_changes"
    message = _("There is nothing to send: the draft is the same as the published profile.")


class UnknownItem(HubError):
    """A challenge or practice key the draft does not have (tampered, or removed meanwhile)."""

    code = "unknown_item"
    message = _("This item is not in the profile draft (it may have been removed).")


# --- Reading (no writes) ----------------------------------------------------------------------
