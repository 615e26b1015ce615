"""Failed logins: limited per account and address, behind proxies the client's own address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hub.models import AuditEvent

pytestmark = pytest.mark.django_db

RIGHT = "correct horse battery staple"
PROXY = "10.0.0.2"  # the load balancer, as gunicorn sees it


def _attempt(member, password: str, *, via: str, client: Client | None = None, path=None):
    client = client or Client()
    response = client.post(
        path or reverse("account_login"),
        {"login": member.email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=via,
    )
    return client, response


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_a_guesser_locks_the_account_from_their_address_only(behind_one_proxy, member_a):
    for _ in range(5):
        _attempt(member_a, "guess", via="203.0.113.5")
    _client, refused = _attempt(member_a, RIGHT, via="203.0.113.5")
    assert refused.status_code == 200
    assert "from your network" in refused.content.decode()
    # The owner, elsewhere, logs in.
    client, response = _attempt(member_a, RIGHT, via="198.51.100.7")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_the_lock_is_explained_in_the_readers_language(behind_one_proxy, member_a):
    for _ in range(5):
        _attempt(member_a, "guess", via="203.0.113.5", path="/fr/accounts/login/")
    _client, refused = _attempt(member_a, RIGHT, via="203.0.113.5", path="/fr/accounts/login/")
    assert "depuis votre réseau" in refused.content.decode()


def test_a_guess_spread_over_many_addresses_is_stopped_per_account(
    behind_one_proxy, member_a, settings
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "6/h/key",
    }
    for n in range(6):
        _attempt(member_a, "guess", via=f"203.0.113.{n + 10}")
    _client, refused = _attempt(member_a, RIGHT, via="198.51.100.7")
    assert refused.status_code == 200
    assert "reset your password" in refused.content.decode()


def test_the_audit_log_records_the_client_not_the_proxy(behind_one_proxy, member_a):
    _attempt(member_a, "guess", via="203.0.113.5")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.ip_address == "203.0.113.5"


def test_without_trusted_proxies_a_forwarded_header_is_ignored(member_a):
    _attempt(member_a, "guess", via="203.0.113.5")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.ip_address == PROXY  # a client cannot choose the address the log records


def test_a_request_that_bypassed_the_proxies_is_not_an_error(behind_one_proxy, member_a):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": member_a.email, "password": RIGHT}, REMOTE_ADDR=PROXY
    )
    assert response.status_code == 302
