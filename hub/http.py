"""Requests as views see them: the member behind a request the login middleware let through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from hub.models import User

if TYPE_CHECKING:
    from django.http import HttpRequest


def authenticated_user(request: HttpRequest) -> User:
    """The active, logged-in user of `request`, typed as such for services and selectors.

    Every page but the public ones sits behind LoginRequiredMiddleware, so this only fails
    for a view that forgot `login_not_required`: PermissionDenied, never an anonymous user
    reaching code typed for members.
    """
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return user
