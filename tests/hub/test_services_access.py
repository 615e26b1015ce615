from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError

from hub import services
from hub.errors import AlreadyDecided, NotAllowed
from hub.models import AccessRequest, AuditEvent, User
from hub.models.accounts import Role
from tests.hub.factories import AccessRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def _create(city, **overrides):
    data = {
        "name": "Amina Yusuf",
        "email": "Amina.Yusuf@Mombasa.example",
        "city": city,
        "role": Role.PRACTITIONER.value,
        "organisation": "County youth services",
        "reason": "I run the youth programme.",
        "language": "fr",
    }
    return services.access_request_create(**(data | overrides))


def test_access_request_create_stores_request_and_emails_applicant_and_focal_points(
    city_a, focal_point_a, mailoutbox, django_capture_on_commit_callbacks
):
    focal_point_a.language = "ar"
    focal_point_a.save()
    UserFactory(city=city_a, email="official@a.example")  # not a focal point: no email
    with django_capture_on_commit_callbacks(execute=True):
        access_request = _create(city_a)

    assert access_request.status == AccessRequest.Status.PENDING
    assert access_request.email == "amina.yusuf@mombasa.example"
    assert sorted(m.to[0] for m in mailoutbox) == [
        "amina.yusuf@mombasa.example",
        "focal.a@city.example",
    ]
    to_focal = next(m for m in mailoutbox if m.to == ["focal.a@city.example"])
    assert f"/ar/access-requests/{access_request.pk}/" in to_focal.body
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_REQUESTED).count() == 1


def test_access_request_create_is_refused_for_duplicate_pending_email(city_a, mailoutbox):
    _create(city_a)
    with pytest.raises(ValidationError) as exc:
        _create(city_a, email="AMINA.YUSUF@mombasa.example")
    assert exc.value.error_dict["email"][0].code == "duplicate_request"
    assert AccessRequest.objects.count() == 1


def test_access_request_create_is_refused_for_existing_account(city_a, member_a):
    with pytest.raises(ValidationError) as exc:
        _create(city_a, email=member_a.email.upper())
    assert exc.value.error_dict["email"][0].code == "email_exists"
    assert AccessRequest.objects.count() == 0


def test_access_request_approve_creates_member_with_verified_email_and_sends_link(
    city_a, focal_point_a, mailoutbox, django_capture_on_commit_callbacks
):
    access_request = AccessRequestFactory(city=city_a, language="fr", email="new@a.example")
    with django_capture_on_commit_callbacks(execute=True):
        user = services.access_request_approve(access_request=access_request, by=focal_point_a)

    assert user.city == city_a
    assert user.roles == [Role.PRACTITIONER.value]
    assert user.language == "fr"
    assert not user.has_usable_password()
    assert EmailAddress.objects.filter(user=user, email="new@a.example", verified=True).exists()
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.APPROVED
    assert access_request.decided_by == focal_point_a
    assert access_request.user == user
    (message,) = mailoutbox
    assert message.to == ["new@a.example"]
    assert "/fr/accounts/password/reset/key/" in message.body
    assert "Bienvenue" in message.subject  # rendered in the applicant's language
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ACCESS_APPROVED, actor=focal_point_a, subject=user
    ).exists()


def test_access_request_approve_is_refused_for_focal_point_of_other_city(city_b, focal_point_a):
    access_request = AccessRequestFactory(city=city_b)
    with pytest.raises(NotAllowed):
        services.access_request_approve(access_request=access_request, by=focal_point_a)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.PENDING
    assert not User.objects.filter(email=access_request.email).exists()


def test_access_request_approve_of_focal_point_role_needs_staff(city_a, focal_point_a, staff):
    access_request = AccessRequestFactory(city=city_a, role=Role.FOCAL_POINT.value)
    with pytest.raises(NotAllowed):
        services.access_request_approve(access_request=access_request, by=focal_point_a)
    user = services.access_request_approve(access_request=access_request, by=staff)
    assert user.is_focal_point


def test_access_request_approve_twice_raises_already_decided(city_a, staff):
    access_request = AccessRequestFactory(city=city_a)
    services.access_request_approve(access_request=access_request, by=staff)
    with pytest.raises(AlreadyDecided):
        services.access_request_approve(access_request=access_request, by=staff)
    assert User.objects.filter(email=access_request.email).count() == 1


def test_access_request_approve_refuses_when_account_appeared_meanwhile(city_a, staff):
    access_request = AccessRequestFactory(city=city_a, email="race@a.example")
    UserFactory(city=city_a, email="race@a.example")
    with pytest.raises(ValidationError) as exc:
        services.access_request_approve(access_request=access_request, by=staff)
    assert exc.value.code == "email_exists"
    access_request.refresh_from_db()
    assert access_request.is_pending


def test_access_request_reject_records_reason_and_emails_it(
    city_a, focal_point_a, mailoutbox, django_capture_on_commit_callbacks
):
    access_request = AccessRequestFactory(city=city_a, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        services.access_request_reject(
            access_request=access_request, by=focal_point_a, reason="Not a city employee."
        )
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.REJECTED
    assert access_request.rejection_reason == "Not a city employee."
    (message,) = mailoutbox
    assert "Not a city employee." in message.body
    assert not User.objects.filter(email=access_request.email).exists()


def test_access_request_reject_requires_a_reason(city_a, staff):
    access_request = AccessRequestFactory(city=city_a)
    with pytest.raises(ValidationError) as exc:
        services.access_request_reject(access_request=access_request, by=staff, reason="   ")
    assert exc.value.error_dict["reason"][0].code == "reason_required"
    access_request.refresh_from_db()
    assert access_request.is_pending


def test_rejected_applicant_can_request_again(city_a, staff):
    first = AccessRequestFactory(city=city_a, email="again@a.example")
    services.access_request_reject(access_request=first, by=staff, reason="Incomplete.")
    second = _create(city_a, email="again@a.example")
    assert second.is_pending
