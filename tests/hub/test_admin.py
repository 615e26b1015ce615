from __future__ import annotations

import pytest
from django.urls import reverse

from hub.models import AccessRequest, AuditEvent, User
from hub.models.accounts import Role
from tests.conftest import login
from tests.hub.factories import AccessRequestFactory, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def test_staff_without_mfa_is_sent_to_set_it_up_before_the_admin(client):
    curator = UserFactory(staff=True, email="new.curator@scn.example")
    login(client, curator)
    for url in [reverse("admin:index"), reverse("hub:home")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    # ...while setting it up and logging out stay reachable.
    assert client.get(reverse("mfa_index")).status_code == 200


def test_staff_login_asks_for_the_totp_code_then_reaches_the_admin(client, staff):
    response = client.post(
        reverse("account_login"),
        {"login": staff.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    response = client.post(response["Location"], {"code": "000000"})
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(staff)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_page_is_allauths(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_admin_index_shows_pending_access_requests(client, staff, city_a):
    AccessRequestFactory.create_batch(3, city=city_a)
    login(client, staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    (item,) = [i for i in response.context["pending_items"] if "access" in str(i["label"])]
    assert item["count"] == 3
    assert "status__exact=pending" in item["url"]


def test_admin_approve_action_calls_the_service(
    client, staff, city_a, mailoutbox, django_capture_on_commit_callbacks
):
    requests = AccessRequestFactory.create_batch(2, city=city_a)
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:hub_accessrequest_changelist"),
            {"action": "approve", "_selected_action": [r.pk for r in requests]},
        )
    assert response.status_code == 302
    assert AccessRequest.objects.filter(status=AccessRequest.Status.APPROVED).count() == 2
    assert User.objects.filter(email__in=[r.email for r in requests]).count() == 2
    assert len(mailoutbox) == 2


def test_admin_reject_action_asks_for_a_reason_first(client, staff, city_a):
    access_request = AccessRequestFactory(city=city_a)
    login(client, staff)
    url = reverse("admin:hub_accessrequest_changelist")
    data = {"action": "reject", "_selected_action": [access_request.pk]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "form" in response.context
    access_request.refresh_from_db()
    assert access_request.is_pending
    response = client.post(url, data | {"apply": "1", "reason": "Duplicate of an account."})
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == AccessRequest.Status.REJECTED
    assert access_request.rejection_reason == "Duplicate of an account."


def test_admin_user_change_goes_through_the_service_and_is_audited(client, staff, member_a, city_b):
    login(client, staff)
    url = reverse("admin:hub_user_change", args=[member_a.pk])
    response = client.post(
        url,
        {
            "email": member_a.email,
            "name": member_a.name,
            "language": "en",
            "organisation": "",
            "city": city_b.pk,
            "roles": [Role.FOCAL_POINT.value],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    member_a.refresh_from_db()
    assert member_a.city == city_b
    assert AuditEvent.objects.filter(
        subject=member_a, action=AuditEvent.Action.CITY_CHANGED, actor=staff
    ).exists()


def test_admin_suspend_action_needs_a_reason(client, staff, member_a):
    login(client, staff)
    url = reverse("admin:hub_user_changelist")
    data = {"action": "suspend", "_selected_action": [member_a.pk]}
    client.post(url, data | {"apply": "1", "reason": ""})
    member_a.refresh_from_db()
    assert member_a.is_active
    client.post(url, data | {"apply": "1", "reason": "Left the post."})
    member_a.refresh_from_db()
    assert not member_a.is_active


def test_audit_log_is_read_only_in_the_admin(client, staff, member_a):
    AuditEvent.objects.create(action=AuditEvent.Action.LOGIN, actor=member_a)
    login(client, staff)
    event = AuditEvent.objects.get(actor=member_a)
    assert client.get(reverse("admin:hub_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:hub_auditevent_add")).status_code == 403
    response = client.post(reverse("admin:hub_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_members_cannot_reach_the_admin_even_with_the_staff_flag_missing(client, member_a):
    login(client, member_a)
    response = client.get(reverse("admin:hub_user_changelist"))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 403
