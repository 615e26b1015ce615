"""The domain errors of a learner's progress, each with the HTTP status a page answers it with:
a form the state of things has overtaken (Conflict, 409), a module not open for enrolment
(404), a lesson that is completed by taking it rather than by marking it (400).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hub.errors import HubError


class Conflict(HubError):
    """The request no longer matches the state of things (a stale form): 409."""

    status = 409


class NotEnrolled(Conflict):
    code = "not_enrolled"
    message = _("Enrol in this module first.")


class ModuleUnavailable(HubError):
    code = "module_unavailable"
    message = _("This module is not open for enrolment.")
    status = 404


class NotMarkable(HubError):
    code = "not_markable"
    message = _("This lesson is completed by taking it, not by marking it.")
    status = 400


class NoAttemptsLeft(Conflict):
    code = "no_attempts_left"
    message = _("You have used every attempt this quiz allows.")


class AttemptSubmitted(Conflict):
    code = "attempt_submitted"
    message = _("This attempt has already been submitted: its answers can no longer change.")


class RunEnded(Conflict):
    code = "run_ended"
    message = _("This play of the scenario has ended. Play it again to choose differently.")


class StaleStep(Conflict):
    code = "stale_step"
    message = _(
        "This choice is for a step you are no longer at (the page was out of date). "
        "Here is where you are now."
    )
