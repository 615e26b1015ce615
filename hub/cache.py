"""The cache: Django's Redis cache, made to degrade instead of failing when Redis is away.

Nothing the hub keeps only in the cache is needed to answer a request: sessions are in the
database too (hub.sessions), rate limits and cached fragments can be recomputed. So while Redis
is unreachable a read is a miss, a write is dropped and the request goes on. After a failure
the cache is not tried again for ``RETRY_SECONDS``: a dead or hanging Redis then costs one
timeout every few seconds per process, not one per call.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class _Breaker:
    """Whether Redis is presumed down in this process, and since when."""

    def __init__(self) -> None:
        self.down_until = 0.0
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self, error: Exception) -> None:
        with self.lock:
            was_up = self.down_until == 0.0  # the first failure since the last success
            self.down_until = time.monotonic() + RETRY_SECONDS
        if was_up:
            # The error's class only: its message may hold the server's address and port.
            logger.warning("Cache unreachable (%s); serving without it.", type(error).__name__)

    def reset(self) -> None:
        if self.down_until:
            with self.lock:
                self.down_until = 0.0
            logger.warning("Cache reachable again.")


breaker = _Breaker()


class _ResilientClient(RedisCacheClient):
    """Each operation answers as if the key were absent when Redis fails.

    ``add`` then answers True, as for a new key: a lock taken with it (allauth's rate limits
    take one) protects nothing while the cache is away, and refusing it would refuse the
    request.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # One client per connection pool, kept: Django makes one per call, and building a
        # redis-py client (its table of reply parsers) costs more than a GET on the loopback.
        # A client is thread-safe: each command takes a connection from the pool.
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]  # not in the stubs
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client

    def _call(self, name: str, fallback: Any, *args: Any) -> Any:
        if breaker.is_open():
            return fallback
        try:
            result = getattr(super(), name)(*args)
        except RedisError as error:
            breaker.trip(error)
            return fallback
        breaker.reset()
        return result

    def add(self, key: Any, value: Any, timeout: Any) -> bool:
        return bool(self._call("add", True, key, value, timeout))

    def get(self, key: Any, default: Any) -> Any:
        return self._call("get", default, key, default)

    def set(self, key: Any, value: Any, timeout: Any) -> None:
        self._call("set", None, key, value, timeout)

    def touch(self, key: Any, timeout: Any) -> bool:
        return bool(self._call("touch", False, key, timeout))

    def delete(self, key: Any) -> bool:
        return bool(self._call("delete", False, key))

    def get_many(self, keys: Any) -> dict[Any, Any]:
        result: dict[Any, Any] = self._call("get_many", {}, keys)
        return result

    def has_key(self, key: Any) -> bool:
        return bool(self._call("has_key", False, key))

    def incr(self, key: Any, delta: int) -> int:
        missing = object()
        result = self._call("incr", missing, key, delta)
        if result is missing:
            raise ValueError(f"Key {key!r} not found.")  # what a miss answers to incr
        return int(result)

    def set_many(self, data: Any, timeout: Any) -> None:
        self._call("set_many", None, data, timeout)

    def delete_many(self, keys: Any) -> None:
        self._call("delete_many", None, keys)

    def clear(self) -> bool:
        return bool(self._call("clear", False))


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that never fails a request."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ResilientClient
