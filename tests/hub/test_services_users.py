from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hub import services
from hub.errors import NotAllowed
from hub.models import AuditEvent
from hub.models.accounts import Role
from tests.hub.factories import UserFactory

pytestmark = pytest.mark.django_db


def _update(user, by, **overrides):
    data = {
        "user": user,
        "by": by,
        "name": user.name,
        "email": user.email,
        "language": user.language,
        "organisation": user.organisation,
        "city": user.city,
        "roles": list(user.roles),
    }
    return services.user_update(**(data | overrides))


def test_user_update_audits_role_and_city_changes(member_a, city_b, staff):
    _update(member_a, staff, roles=[Role.FOCAL_POINT.value], city=city_b)
    member_a.refresh_from_db()
    assert member_a.city == city_b
    assert member_a.roles == [Role.FOCAL_POINT.value]
    actions = set(AuditEvent.objects.filter(subject=member_a).values_list("action", flat=True))
    assert actions == {AuditEvent.Action.ROLES_CHANGED, AuditEvent.Action.CITY_CHANGED}


def test_user_update_making_someone_staff_curator_gives_admin_access(member_a, staff):
    _update(member_a, staff, roles=[Role.STAFF_CURATOR.value], city=None)
    member_a.refresh_from_db()
    assert member_a.is_staff
    assert member_a.city is None


def test_user_update_rejects_member_role_without_city(member_a, staff):
    with pytest.raises(ValidationError):
        _update(member_a, staff, city=None)
    member_a.refresh_from_db()
    assert member_a.city is not None


def test_user_update_by_non_staff_is_not_allowed(member_a, focal_point_a):
    with pytest.raises(NotAllowed):
        _update(member_a, focal_point_a, roles=[Role.FOCAL_POINT.value])


def test_user_update_superuser_flag_needs_a_superuser(member_a, staff):
    with pytest.raises(NotAllowed):
        _update(member_a, staff, is_superuser=True)
    member_a.refresh_from_db()
    assert not member_a.is_superuser


def test_user_suspend_and_reactivate_are_audited(member_a, staff):
    services.user_suspend(user=member_a, by=staff, reason="Left the city administration.")
    member_a.refresh_from_db()
    assert not member_a.is_active
    assert member_a.suspended_at is not None
    services.user_reactivate(user=member_a, by=staff)
    member_a.refresh_from_db()
    assert member_a.is_active
    actions = list(
        AuditEvent.objects.filter(subject=member_a).order_by("id").values_list("action", flat=True)
    )
    assert actions == [AuditEvent.Action.USER_SUSPENDED, AuditEvent.Action.USER_REACTIVATED]


def test_user_suspend_requires_reason_and_cannot_target_oneself(member_a, staff):
    with pytest.raises(ValidationError):
        services.user_suspend(user=member_a, by=staff, reason="")
    with pytest.raises(NotAllowed):
        services.user_suspend(user=staff, by=staff, reason="Oops")
    member_a.refresh_from_db()
    assert member_a.is_active


def test_user_set_language_rejects_unknown_language(member_a):
    with pytest.raises(ValidationError) as exc:
        services.user_set_language(user=member_a, language="xx")
    assert exc.value.code == "invalid_language"
    services.user_set_language(user=member_a, language="ar")
    member_a.refresh_from_db()
    assert member_a.language == "ar"


def test_staff_and_member_roles_cannot_be_combined(city_a, staff):
    user = UserFactory(city=city_a)
    with pytest.raises(ValidationError):
        _update(user, staff, roles=[Role.STAFF_CURATOR.value, Role.OFFICIAL.value])
