"""Behaviour that crosses the broker: a real Celery worker consuming from Redis."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.test import Client

from hub import services
from hub.celery import app
from tests.hub.factories import AccessRequestFactory, CityFactory, UserFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    app.conf.task_always_eager = False
    # Drop anything a previous run left in the test queue.
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("default")
    try:
        with start_worker(app, pool="threads", concurrency=1, perform_ping_check=False) as w:
            yield w
    finally:
        app.conf.task_always_eager = True


def _wait_for(predicate, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_approval_email_is_sent_by_the_worker_after_commit(worker):
    city = CityFactory()
    staff = UserFactory(staff=True, with_totp=True)
    access_request = AccessRequestFactory(city=city, email="via.worker@city.example")
    mail.outbox = []
    services.access_request_approve(access_request=access_request, by=staff)
    assert _wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["via.worker@city.example"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_health_sees_the_running_worker(worker):
    assert _wait_for(lambda: Client().get("/health/").status_code == 200, seconds=10)
    assert Client().get("/health/").json() == {"database": "ok", "redis": "ok", "celery": "ok"}


def test_health_returns_when_the_worker_replies_not_when_the_wait_ends(worker, settings):
    settings.HUB_HEALTH_TIMEOUT_SECONDS = 5.0
    assert _wait_for(lambda: Client().get("/health/").status_code == 200, seconds=15)
    for _ in range(5):
        started = time.monotonic()
        assert Client().get("/health/").status_code == 200
        assert time.monotonic() - started < settings.HUB_HEALTH_TIMEOUT_SECONDS / 2
