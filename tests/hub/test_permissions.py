"""Access decisions beyond the matrix (tests/test_matrix.py): who may decide, suspension."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hub.models import AccessRequest
from tests.conftest import login
from tests.hub.factories import AccessRequestFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city_a, city_b, member_a, member_b, focal_point_a, staff):
    return {
        "users": {
            "member_a": member_a,
            "member_b": member_b,
            "focal_point_a": focal_point_a,
            "staff": staff,
        },
        "req_b": AccessRequestFactory(city=city_b),
    }


def test_decisions_in_the_matrix_only_change_visible_requests(world):
    """After every persona's attempts, requests are decided only by those allowed to."""
    for persona in ("anonymous", "member_a", "member_b", "focal_point_a", "staff"):
        client = Client()
        if persona != "anonymous":
            login(client, world["users"][persona])
        client.post(reverse("hub:accessrequest-approve", kwargs={"pk": world["req_b"].pk}))
        if persona != "staff":
            world["req_b"].refresh_from_db()
            assert world["req_b"].status == AccessRequest.Status.PENDING, persona


def test_suspended_member_is_logged_out_on_next_request(member_a, staff):
    from hub import services

    client = Client()
    login(client, member_a)
    assert client.get(reverse("hub:home")).status_code == 200
    services.user_suspend(user=member_a, by=staff, reason="Left the post.")
    response = client.get(reverse("hub:home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_suspended_member_cannot_log_in(city_a):
    user = UserFactory(city=city_a, email="gone@a.example", suspended=True)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct horse battery staple"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert "inactive" in response["Location"]
