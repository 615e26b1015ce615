"""Health checks for /health/: each answers "ok" or "down", with short timeouts."""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "down"; the log keeps the detail, not the response
        logger.exception("Health check: database unreachable.")
        return "down"
    return "ok"


def _redis() -> str:
    timeout = settings.HUB_HEALTH_TIMEOUT_SECONDS
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout
        )
        client.ping()
        client.close()
    except redis.RedisError:
        logger.warning("Health check: Redis unreachable.")
        return "down"
    return "ok"


def _celery() -> str:
    from hub.celery import app

    if app.conf.task_always_eager:
        # No broker: tasks run inside the web process, so there is no worker to miss.
        return "ok"
    try:
        # limit=1: back as soon as one worker replies; the timeout only bounds the wait for
        # none (without it every call would last the whole timeout).
        replies = app.control.ping(timeout=settings.HUB_HEALTH_TIMEOUT_SECONDS, limit=1)
    except Exception:  # broker down or unreachable
        logger.warning("Health check: Celery broker unreachable.")
        return "down"
    return "ok" if replies else "down"


def health_status() -> dict[str, str]:
    return {"database": _database(), "redis": _redis(), "celery": _celery()}
