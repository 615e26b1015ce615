"""Who may do what in training: the one place each decision is made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.models.accounts import Role
from hub.permissions import is_staff_curator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import City, User


def can_learn(user: User | AnonymousUser) -> bool:
    """Every active account (members and staff) may take the modules and read the toolkits."""
    return bool(user.is_authenticated and user.is_active)


def can_manage_training(user: User | AnonymousUser) -> bool:
    """SCN staff curators build modules, enrol cities, see every report and revoke certificates."""
    return bool(can_learn(user) and is_staff_curator(user))


def can_see_city_report(user: User | AnonymousUser, city: City) -> bool:
    """Staff see every city's figures; a city's focal point sees their own city's."""
    if not can_learn(user):
        return False
    if can_manage_training(user):
        return True
    return bool(user.city_id == city.pk and Role.FOCAL_POINT in user.roles)  # type: ignore[union-attr]
