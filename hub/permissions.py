"""Who may do what: the one place each kind of decision about people and access is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.models.accounts import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import AccessRequest, User


def is_staff_curator(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff_curator)


def can_review_access_requests(user: User | AnonymousUser) -> bool:
    """Staff curators review every city's requests, a focal point those of their own city."""
    return is_staff_curator(user) or bool(
        user.is_authenticated and user.is_active and user.is_focal_point
    )


def can_decide_access_request(user: User | AnonymousUser, access_request: AccessRequest) -> bool:
    """Staff decide any request; a focal point decides requests for their own city, except
    requests to become a focal point, which only SCN staff grant."""
    if is_staff_curator(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_focal_point
        and user.city_id == access_request.city_id
        and access_request.role != Role.FOCAL_POINT
    )
