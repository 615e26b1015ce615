"""Changing members: their profile, roles, city, language and suspension."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.errors import NotAllowed
from hub.models import AuditEvent, City, User
from hub.models.accounts import Role
from hub.permissions import is_staff_curator

from .audit import audit_record

if TYPE_CHECKING:
    from django.http import HttpRequest


@transaction.atomic
def user_update_profile(
    *, user: User, name: str, language: str, organisation: str, time_zone: str | None = None
) -> User:
    """A member edits their own name, organisation, preferred language and (unless None, left
    as it is) time zone ("" for none). Raises ValidationError (an unknown zone, …)."""
    user.name = name.strip()
    user.language = language
    user.organisation = organisation.strip()
    fields = ["name", "language", "organisation"]
    if time_zone is not None:
        user.time_zone = time_zone
        fields.append("time_zone")
    user.full_clean(exclude=["password"])
    user.save(update_fields=fields)
    return user


def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a member chose in the switcher."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."), code="invalid_language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    by: User,
    name: str,
    email: str,
    language: str,
    organisation: str,
    city: City | None,
    roles: list[str],
    is_superuser: bool | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Staff change a member's details, roles or city; role and city changes are audited.

    `is_staff` follows the roles: staff curators (and superusers) reach the admin.
    Raises: NotAllowed (not staff, or a non-superuser touching superuser status),
    ValidationError (a member role without a city, a city without a member role, …).
    """
    if not is_staff_curator(by):
        raise NotAllowed()
    if is_superuser is not None and is_superuser != user.is_superuser and not by.is_superuser:
        raise NotAllowed(_("Only a superuser can grant or remove superuser status."))
    old_roles, old_city_id = sorted(user.roles), user.city_id
    user.name = name.strip()
    user.email = email.strip().lower()
    user.language = language
    user.organisation = organisation.strip()
    user.city = city
    user.roles = sorted(set(roles))
    if is_superuser is not None:
        user.is_superuser = is_superuser
    user.is_staff = user.is_superuser or Role.STAFF_CURATOR in user.roles
    user.full_clean(exclude=["password"])
    user.save()
    if sorted(user.roles) != old_roles:
        audit_record(
            action=AuditEvent.Action.ROLES_CHANGED,
            actor=by,
            subject=user,
            request=request,
            details={"old": old_roles, "new": sorted(user.roles)},
        )
    if user.city_id != old_city_id:
        audit_record(
            action=AuditEvent.Action.CITY_CHANGED,
            actor=by,
            subject=user,
            request=request,
            details={"old": old_city_id, "new": user.city_id},
        )
    return user


@transaction.atomic
def user_suspend(*, user: User, by: User, reason: str, request: HttpRequest | None = None) -> User:
    """Suspend a member: they cannot log in, and are logged out on their next request.

    Raises: NotAllowed (not staff, or suspending oneself), ValidationError (`reason_required`).
    """
    if not is_staff_curator(by) or by.pk == user.pk:
        raise NotAllowed()
    if not reason.strip():
        raise ValidationError(_("Please give a reason for the suspension."), code="reason_required")
    if not user.is_active:
        return user
    user.is_active = False
    user.suspended_at = timezone.now()
    user.suspension_reason = reason.strip()
    user.save(update_fields=["is_active", "suspended_at", "suspension_reason"])
    audit_record(action=AuditEvent.Action.USER_SUSPENDED, actor=by, subject=user, request=request)
    return user


@transaction.atomic
def user_reactivate(*, user: User, by: User, request: HttpRequest | None = None) -> User:
    """Lift a suspension. Raises: NotAllowed."""
    if not is_staff_curator(by):
        raise NotAllowed()
    if user.is_active:
        return user
    user.is_active = True
    user.suspended_at = None
    user.suspension_reason = ""
    user.save(update_fields=["is_active", "suspended_at", "suspension_reason"])
    audit_record(action=AuditEvent.Action.USER_REACTIVATED, actor=by, subject=user, request=request)
    return user
