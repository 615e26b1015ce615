from __future__ import annotations

import pytest
from django.urls import reverse

from hub.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_login_and_failed_login_are_audited_without_the_password(client, member_a):
    url = reverse("account_login")
    client.post(url, {"login": member_a.email, "password": "Wrong-Secret-123"})
    client.post(url, {"login": "Wrong-Secret@typo.example", "password": "x"})
    client.post(url, {"login": member_a.email, "password": "correct horse battery staple"})
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.action for e in events] == [
        AuditEvent.Action.LOGIN_FAILED,
        AuditEvent.Action.LOGIN_FAILED,
        AuditEvent.Action.LOGIN,
    ]
    assert events[0].subject == member_a
    assert events[1].subject is None
    assert events[2].actor == member_a
    assert events[2].ip_address == "127.0.0.1"
    dumped = repr([(e.details, e.subject_id) for e in events])
    assert "Wrong-Secret" not in dumped


def test_logout_is_audited(client, member_a):
    client.post(
        reverse("account_login"),
        {"login": member_a.email, "password": "correct horse battery staple"},
    )
    client.post(reverse("account_logout"))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT, actor=member_a).exists()


def test_mfa_activation_is_audited(client, django_capture_on_commit_callbacks):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.hub.factories import UserFactory

    curator = UserFactory(staff=True, email="curator@scn.example")
    response = client.post(
        reverse("account_login"),
        {"login": curator.email, "password": "correct horse battery staple"},
    )
    assert client.get(reverse("hub:home"))["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before an MFA change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": "correct horse battery staple"})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MFA_ADDED, subject=curator).exists()
    # With MFA in place the staff member reaches the admin.
    assert client.get(reverse("admin:index")).status_code == 200


def test_wrong_mfa_code_is_audited_as_a_failed_login(client, staff):
    client.post(
        reverse("account_login"),
        {"login": staff.email, "password": "correct horse battery staple"},
    )
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    event = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).get()
    assert event.subject == staff
    assert event.details == {"stage": "mfa"}
