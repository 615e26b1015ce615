"""Sessions: server-side, read from Redis, written when they change or once a minute."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hub.sessions import REFRESHED_KEY, SessionStore
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _session_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "django_session" in q["sql"]]


def _age_refresh_stamp(client, seconds: int) -> None:
    store = SessionStore(client.session.session_key)
    store[REFRESHED_KEY] = int(time.time()) - seconds
    store.save()


def test_a_session_is_read_from_redis_and_not_written_on_every_request(client, member_a):
    login(client, member_a)
    url = reverse("hub:profile")
    client.get(url)  # the first request of the session stamps it
    for _ in range(5):
        assert _session_queries(client, url) == []  # no read from, no write to the database


def test_the_idle_timeout_slides_with_one_write_a_minute(client, member_a, settings):
    login(client, member_a)
    url = reverse("hub:profile")
    client.get(url)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(hours=1))
    _age_refresh_stamp(client, settings.HUB_SESSION_REFRESH_SECONDS - 5)
    assert _session_queries(client, url) == []  # not yet due
    _age_refresh_stamp(client, settings.HUB_SESSION_REFRESH_SECONDS + 1)
    writes = _session_queries(client, url)
    assert len([sql for sql in writes if sql.startswith("UPDATE")]) == 1, writes
    expires = Session.objects.get(session_key=key).expire_date
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert timezone.now() + idle - timedelta(seconds=30) < expires <= timezone.now() + idle
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE


def test_a_session_whose_copy_in_redis_expired_is_read_from_the_database(client, member_a):
    from django.core.cache import cache

    login(client, member_a)
    url = reverse("hub:profile")
    client.get(url)
    cache.delete(SessionStore.cache_key_prefix + client.session.session_key)
    reads = _session_queries(client, url)
    assert len(reads) == 1 and reads[0].startswith("SELECT")
    assert _session_queries(client, url) == []  # cached again


def test_redis_keeps_a_session_for_minutes_not_hours(client, member_a, settings):
    from django.core.cache import cache

    login(client, member_a)
    client.get(reverse("hub:profile"))
    key = SessionStore.cache_key_prefix + client.session.session_key
    ttl = cache._cache.get_client(key).ttl(cache.make_and_validate_key(key))
    assert 0 < ttl <= settings.HUB_SESSION_CACHE_SECONDS


def test_a_visitor_gets_no_session_for_browsing(client, settings):
    client.get(reverse("account_login"))
    client.get(reverse("hub:accessrequest-create"))
    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in client.cookies
