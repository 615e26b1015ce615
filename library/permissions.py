"""Who may do what in the library: the one place each decision is made.

Views and services both ask these; what a member may *see* is decided by
``Document.objects.visible_to`` (and its SQL twin in ``library.search``), which uses
:func:`can_see_everything`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.permissions import is_staff_curator

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User
    from library.models import Document


def can_see_everything(user: User | AnonymousUser) -> bool:
    """SCN staff see every document, whatever its state or tier."""
    return is_staff_curator(user)


def can_contribute(user: User | AnonymousUser) -> bool:
    """Members of a city, and SCN staff, may add documents."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.city_id) or is_staff_curator(user)


def can_review(user: User | AnonymousUser) -> bool:
    """Publish, reject, archive, extract again, edit the metadata: SCN staff only."""
    return is_staff_curator(user)


def can_edit_contribution(user: User | AnonymousUser, document: Document) -> bool:
    """Change a contribution and send it again for review: its contributor, and SCN staff.

    (Whether its review state still allows it is the service's to say.)
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return is_staff_curator(user) or document.contributed_by_id == user.pk


def can_see_processing(user: User | AnonymousUser, document: Document) -> bool:
    """The review and extraction state of a document: its contributor and SCN staff."""
    return is_staff_curator(user) or bool(
        user.is_authenticated and document.contributed_by_id == user.pk
    )
