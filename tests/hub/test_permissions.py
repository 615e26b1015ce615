"""The permission matrix: every URL of the project, requested as every kind of person."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from hub.models import AccessRequest
from tests.conftest import login
from tests.hub.factories import AccessRequestFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "applicant", "member_a", "member_b", "focal_point_a", "staff"]
R = "redirect"  # 302 to somewhere else (the login page for anonymous people)


def _codes(anonymous, applicant, member_a, member_b, focal_point_a, staff):
    return dict(
        zip(
            PERSONAS, [anonymous, applicant, member_a, member_b, focal_point_a, staff], strict=False
        )
    )


# (url name, kwargs key, method) -> expected status per persona. "req_a" is a pending request
# for city A, "req_b" one for city B.
MATRIX = {
    ("hub:home", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("hub:city-list", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("hub:search", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("hub:profile", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("hub:language-set", None, "get"): _codes(405, 405, 405, 405, 405, 405),
    ("hub:language-set", None, "post"): _codes(R, R, R, R, R, R),
    ("hub:accessrequest-create", None, "get"): _codes(200, 200, R, R, R, R),
    ("hub:accessrequest-sent", None, "get"): _codes(200, 200, 200, 200, 200, 200),
    ("hub:accessrequest-list", None, "get"): _codes(R, R, 403, 403, 200, 200),
    ("hub:accessrequest-detail", "req_a", "get"): _codes(R, R, 403, 403, 200, 200),
    ("hub:accessrequest-detail", "req_b", "get"): _codes(R, R, 403, 403, 404, 200),
    ("hub:accessrequest-approve", "req_a", "get"): _codes(R, R, 403, 403, 405, 405),
    ("hub:accessrequest-approve", "req_a", "post"): _codes(R, R, 403, 403, R, R),
    ("hub:accessrequest-approve", "req_b", "post"): _codes(R, R, 403, 403, 404, R),
    ("hub:accessrequest-reject", "req_a", "post"): _codes(R, R, 403, 403, R, R),
    ("hub:accessrequest-reject", "req_b", "post"): _codes(R, R, 403, 403, 404, R),
    ("health", None, "get"): _codes(200, 200, 200, 200, 200, 200),
    # Django's admin sends everyone who is not staff to its login page, which is allauth's
    # login for anonymous people and a 403 for members.
    ("admin:login", None, "get"): _codes(R, R, 403, 403, 403, R),
    ("admin:index", None, "get"): _codes(R, R, R, R, R, 200),
    ("admin:hub_user_changelist", None, "get"): _codes(R, R, R, R, R, 200),
    ("admin:hub_accessrequest_changelist", None, "get"): _codes(R, R, R, R, R, 200),
    ("admin:hub_auditevent_changelist", None, "get"): _codes(R, R, R, R, R, 200),
    ("admin:hub_city_changelist", None, "get"): _codes(R, R, R, R, R, 200),
    ("library:document-list", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("library:document-create", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("library:document-mine", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("library:document-detail", "doc_all", "get"): _codes(R, R, 200, 200, 200, 200),
    ("library:document-detail", "doc_b", "get"): _codes(R, R, 404, 200, 404, 200),
    ("library:document-detail", "doc_staff", "get"): _codes(R, R, 404, 404, 404, 200),
    ("library:document-detail", "doc_mine", "get"): _codes(R, R, 200, 404, 404, 200),
    ("library:document-status", "doc_mine", "get"): _codes(R, R, 200, 404, 404, 200),
    ("library:document-status", "doc_all", "get"): _codes(R, R, 404, 404, 404, 200),
    ("library:document-download", "doc_all", "get"): _codes(R, R, 200, 200, 200, 200),
    ("library:document-download", "doc_b", "get"): _codes(R, R, 404, 200, 404, 200),
    ("library:document-download", "doc_staff", "get"): _codes(R, R, 404, 404, 404, 200),
    ("library:document-download", "doc_mine", "get"): _codes(R, R, 200, 404, 404, 200),
    ("account_login", None, "get"): _codes(200, 200, R, R, R, R),
    ("account_signup", None, "get"): _codes(200, 200, R, R, R, R),
    ("account_reset_password", None, "get"): _codes(200, 200, 200, 200, 200, 200),
    ("account_change_password", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("account_email", None, "get"): _codes(R, R, 200, 200, 200, 200),
    ("mfa_index", None, "get"): _codes(R, R, 200, 200, 200, 200),
    # Setting up TOTP asks for the password again first (allauth's reauthentication).
    ("mfa_activate_totp", None, "get"): _codes(R, R, R, R, R, R),
}


@pytest.fixture
def world(city_a, city_b, member_a, member_b, focal_point_a, staff):
    return {
        "users": {
            "member_a": member_a,
            "member_b": member_b,
            "focal_point_a": focal_point_a,
            "staff": staff,
        },
        "req_a": AccessRequestFactory(city=city_a),
        "req_b": AccessRequestFactory(city=city_b),
        "doc_all": DocumentFactory(),
        "doc_b": DocumentFactory(for_cities=True, shared_with=[city_b]),
        "doc_staff": DocumentFactory(staff_only=True),
        # Waiting for review: only its contributor (member_a) and staff may see it.
        "doc_mine": DocumentFactory(
            submitted=True, contributed_by=member_a, contributing_city=city_a
        ),
    }


def _client(world, persona: str) -> Client:
    client = Client()
    if persona == "applicant":
        # Somebody who has asked for access has no account: they are anonymous to the site.
        AccessRequest.objects.get_or_create(
            email="waiting@applicant.example",
            defaults={
                "name": "Waiting",
                "city": world["req_a"].city,
                "role": "official",
                "organisation": "Town hall",
                "reason": "Prevention work.",
            },
        )
    elif persona != "anonymous":
        login(client, world["users"][persona])
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(world, persona):
    failures = []
    for (name, obj, method), expected in MATRIX.items():
        client = _client(world, persona)
        kwargs = {"pk": world[obj].pk} if obj else {}
        url = reverse(name, kwargs=kwargs)
        data = {}
        if name == "hub:language-set":
            data = {"language": "fr", "next": "/en/"}
        if name == "hub:accessrequest-reject":
            data = {"reason": "Not eligible."}
        response = getattr(client, method)(url, data)
        want = expected[persona]
        got = response.status_code
        ok = got == 302 if want == R else got == want
        if ok and want == R and persona in {"anonymous", "applicant"}:
            if name.startswith("admin:") and name != "admin:login":
                ok = response["Location"].startswith(("/admin/login/", "/en/accounts/login/"))
            elif name != "hub:language-set":
                ok = "/accounts/login/" in response["Location"]
        if ok and want == R and name.startswith("admin:") and persona not in {"staff"}:
            ok = response["Location"].startswith(("/admin/login/", "/en/accounts/login/"))
        if not ok:
            failures.append(f"{method.upper()} {url}: expected {want}, got {got}")
    assert failures == []


@pytest.mark.parametrize("namespace", ["hub", "library"])
def test_permission_matrix_covers_every_url_of_our_apps(namespace):
    resolver = get_resolver()
    names = {
        f"{namespace}:{name}"
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    covered = {name for (name, _obj, _method) in MATRIX}
    assert names <= covered


def test_decisions_in_the_matrix_only_change_visible_requests(world):
    """After every persona's attempts, requests are decided only by those allowed to."""
    for persona in PERSONAS:
        client = _client(world, persona)
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
