"""Sessions: in the database, read from Redis, written only when they change or once a minute.

``SESSION_ENGINE = "hub.sessions"``. The database is the record (logout and suspension end a
session for real, and a session survives Redis going away: hub.cache then answers every read
with a miss); Redis holds a copy for at most ``HUB_SESSION_CACHE_SECONDS``, so a copy that
missed a change while Redis was unreachable (a logout during a network split) lives on for
minutes, not hours. ``SessionRefreshMiddleware`` keeps the idle timeout sliding without
writing the session on every request.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.core.cache.backends.base import BaseCache
    from django.http import HttpRequest, HttpResponse

# When the session was last written, in whole seconds since the epoch.
REFRESHED_KEY = "_hub_refreshed"


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "hub.session."
    # Set by Django's stores; missing from django-stubs.
    _cache: BaseCache
    _session: dict[str, Any]

    def _cache_seconds(self, age: int) -> int:
        return max(0, min(age, settings.HUB_SESSION_CACHE_SECONDS))

    def load(self) -> dict[str, Any]:
        data: dict[str, Any] | None = self._cache.get(self.cache_key)
        if data is not None:
            return data
        stored = self._get_session_from_db()  # type: ignore[attr-defined]  # not in the stubs
        if stored is None:
            return {}
        data = self.decode(stored.session_data)
        age = self.get_expiry_age(expiry=stored.expire_date)
        self._cache.set(self.cache_key, data, self._cache_seconds(age))
        return data

    def save(self, must_create: bool = False) -> None:
        DatabaseStore.save(self, must_create)
        self._cache.set(self.cache_key, self._session, self._cache_seconds(self.get_expiry_age()))


class SessionRefreshMiddleware:
    """Save a session that holds something at most every ``HUB_SESSION_REFRESH_SECONDS``.

    Saving moves the session's expiry (database and cookie) to now plus the idle timeout, so
    the timeout still slides with use, to within a minute, at one write a minute instead of
    one a request. Goes right after SessionMiddleware. A session nothing read in this request
    (a static file, the health check) and a visitor's empty session are left alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        if not session.accessed or not session.session_key:
            return response
        now = int(time.time())
        due = now - session.get(REFRESHED_KEY, 0) >= settings.HUB_SESSION_REFRESH_SECONDS
        if session.keys() and (session.modified or due):  # an emptied session stays empty
            session[REFRESHED_KEY] = now
        return response
