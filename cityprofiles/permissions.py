"""Who may do what with city profiles and introductions: the one place each decision is made.

What a reader may *see* is decided by the querysets' ``visible_to`` (and the search source's SQL
twin); these answer the questions about acting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import AbstractBaseUser

from hub.models.accounts import Role
from hub.permissions import is_staff_curator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import City, User


def is_member(user: User | AnonymousUser) -> bool:
    """An active account of a member city."""
    return bool(user.is_authenticated and user.is_active and user.city_id)


def can_see_profiles(user: User | AnonymousUser) -> bool:
    """Every active member and SCN staff read the published profiles; nobody else."""
    return bool(user.is_authenticated and user.is_active and (user.city_id or user.is_staff))


def is_focal_point_of(user: User | AnonymousUser, city: City) -> bool:
    if not is_member(user):
        return False
    assert isinstance(user, AbstractBaseUser)
    return user.city_id == city.pk and Role.FOCAL_POINT in user.roles


def can_edit_profile(user: User | AnonymousUser, city: City) -> bool:
    """The city's focal point, and the users of the city the focal point named as editors."""
    if not is_member(user):
        return False
    assert isinstance(user, AbstractBaseUser)
    if user.city_id != city.pk:
        return False
    if Role.FOCAL_POINT in user.roles:
        return True
    from cityprofiles.models import CityProfile

    return CityProfile.editors.through.objects.filter(
        cityprofile__city_id=city.pk, user_id=user.pk
    ).exists()


def can_name_editors(user: User | AnonymousUser, city: City) -> bool:
    return is_focal_point_of(user, city)


def can_review_profiles(user: User | AnonymousUser) -> bool:
    """SCN staff curators review and publish profiles, and handle introductions."""
    return is_staff_curator(user)


# The city page -------------------------------------------------------------------------------


def can_see_city_members(user: User | AnonymousUser) -> bool:
    """The names and roles of a city's members: for members of every city and SCN staff, the
    people who read the profiles (never their email addresses, which nobody's page shows)."""
    return can_see_profiles(user)


def can_ask_introduction_to(user: User | AnonymousUser, city: City) -> bool:
    """A member of another city may ask to be put in touch with `city` (whether the city takes
    introductions at present is its contact policy's to say)."""
    if not is_member(user):
        return False
    assert isinstance(user, AbstractBaseUser)
    return bool(user.city_id != city.pk)
