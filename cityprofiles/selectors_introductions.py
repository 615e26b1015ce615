"""Reading introductions: each party sees only their own side, and nothing else exists.

A request is seen by its requester (`introduction_get_asked`); an offer by its current
counterpart (`introduction_get_offered`); anyone else gets a 404. What the pages show of the
other party before the introduction is made is decided by the templates reading
`Introduction.status` (the city and role only).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from cityprofiles.models import ContactPolicy, Introduction, Practice
from hub.models import City, User
from hub.ordering import in_reader_order

if TYPE_CHECKING:
    from django.db.models import QuerySet


def _base() -> QuerySet[Introduction]:
    return Introduction.objects.select_related(
        "city", "requester_city", "practice", "requester", "counterpart", "counterpart__city"
    )


def introduction_list_asked(*, user: User) -> QuerySet[Introduction]:
    """The requests `user` made, newest first."""
    return _base().filter(requester=user)


def introduction_list_offered(*, user: User) -> QuerySet[Introduction]:
    """The requests forwarded to `user` as counterpart, newest first."""
    return _base().filter(counterpart=user)


def _get(queryset: QuerySet[Introduction], pk: object) -> Introduction:
    try:
        return queryset.get(pk=int(str(pk)))
    except (Introduction.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404 from exc


def introduction_get_asked(*, user: User, pk: object) -> Introduction:
    """A request of `user`'s own. Raises Http404 for anyone else's."""
    return _get(introduction_list_asked(user=user), pk)


def introduction_get_offered(*, user: User, pk: object) -> Introduction:
    """A request forwarded to `user`. Raises Http404 for anyone else's."""
    return _get(introduction_list_offered(user=user), pk)


def introduction_get_for_follow_up(*, user: User, pk: object) -> Introduction:
    """An introduction made, of which `user` is one side. Raises Http404 otherwise."""
    return _get(
        _base().filter(
            Q(requester=user) | Q(counterpart=user), status=Introduction.Status.INTRODUCED
        ),
        pk,
    )


def introduction_target_city(*, slug: str) -> tuple[City, str] | None:
    """A member city by slug, with its contact policy; None for a slug that is no city."""
    city = City.objects.select_related("profile").filter(slug=slug[:120]).first()
    if city is None:
        return None
    profile = getattr(city, "profile", None)
    return city, profile.contact_policy if profile else ContactPolicy.OPEN


def introduction_target_practice(*, key: str) -> Practice | None:
    """A published practice by its key (a UUID), with its city; None for anything else."""
    try:
        parsed = uuid.UUID(str(key)[:64])
    except ValueError:
        return None
    return Practice.objects.select_related("profile__city", "profile").filter(key=parsed).first()


def introduction_practices_of(*, city: City) -> QuerySet[Practice]:
    """The practices a request to `city` may be about, in the reader's order."""
    return Practice.objects.filter(profile__city=city).order_by(in_reader_order("title"), "pk")


def introduction_colleagues(*, introduction: Introduction, user: User) -> QuerySet[User]:
    """The colleagues a focal point may pass an offer to: active members of the city."""
    return (
        User.objects.active()
        .filter(city_id=introduction.city_id)
        .exclude(pk=user.pk)
        .order_by("name", "pk")
    )


def introduction_waiting_count() -> int:
    """Requests waiting for SCN staff (the admin index's counter)."""
    return Introduction.objects.filter(status=Introduction.Status.REQUESTED).count()


def introduction_open_count(*, user: User) -> int:
    return Introduction.objects.open().filter(requester=user).count()


__all__ = [
    "introduction_colleagues",
    "introduction_get_asked",
    "introduction_get_for_follow_up",
    "introduction_get_offered",
    "introduction_list_asked",
    "introduction_list_offered",
    "introduction_open_count",
    "introduction_practices_of",
    "introduction_target_city",
    "introduction_target_practice",
    "introduction_waiting_count",
]
