"""Middleware of the core app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.gzip import GZipMiddleware
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http.response import HttpResponseBase

# Paths a staff member without MFA may still reach: setting MFA up, logging out, static files.
_ALLOWED_NAMES = (
    "mfa_activate_totp",
    "mfa_index",
    "account_logout",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "hub:language-set",
)


# What is worth compressing; files already compressed (PDF, DOCX, images) are sent as they are.
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZip (with its BREACH mitigation: random bytes in every gzip header; CSRF
    tokens are masked per request), for text responses only."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(_COMPRESSIBLE):
            return response
        return super().process_response(request, response)


# In the session once this staff member is known to have TOTP set up.
MFA_CHECKED_KEY = "_hub_mfa_checked"


class StaffMfaRequiredMiddleware:
    """Send a staff member who has no TOTP authenticator to set it up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_staff
            and request.session.get(MFA_CHECKED_KEY) != user.pk
            and not self._exempt(request)
        ):
            has_totp = Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
            if has_totp:
                # Known for the rest of this session: one query per session, not per request.
                # Removing the authenticator clears it (hub.receivers).
                request.session[MFA_CHECKED_KEY] = user.pk
            else:
                messages.warning(
                    request,
                    _("Staff accounts must use two-factor authentication. Please set it up now."),
                )
                return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _exempt(request: HttpRequest) -> bool:
        if request.path.startswith(("/static/", "/health/")):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.view_name in _ALLOWED_NAMES
