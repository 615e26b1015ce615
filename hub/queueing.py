"""Sending tasks to the broker (Redis) after commit, without failing a request it is away.

Every task is sent through :func:`enqueue_on_commit`. When the broker cannot take the message,
the request still succeeds and nothing stored is undone: the task either runs here and now
(``when_broker_down="inline"``, for short work such as one email) or is left to the sweeper
that finds its work undone (``"sweeper"``, for extraction: the document waits in ``pending``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

from django.db import OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

if TYPE_CHECKING:
    from celery import Task

logger = logging.getLogger(__name__)

BROKER_ERRORS = (BrokerError, RedisError, ConnectionError, TimeoutError)

#: The options of a task whose work is idempotent and in the database (house style, "Celery"):
#: acknowledged after it ran, so a worker dying mid-way leaves it to another; retried with a
#: backoff while the database is away. `@shared_task(name=..., **DATABASE_TASK, <time limits>)`.
DATABASE_TASK: dict[str, Any] = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}


def enqueue(
    task: Task[Any, Any],
    *args: Any,
    when_broker_down: Literal["inline", "sweeper"],
    **kwargs: Any,
) -> bool:
    """Send `task` now. Returns False when the broker was away (then see `when_broker_down`)."""
    try:
        task.apply_async(args, kwargs)
    except BROKER_ERRORS as error:
        # The error's class only: its message may hold the broker's address.
        logger.warning(
            "Broker unreachable (%s): task %s %s.",
            type(error).__name__,
            task.name,
            "runs in this process" if when_broker_down == "inline" else "left to the sweeper",
        )
        if when_broker_down == "inline":
            task.apply(args, kwargs)
        return False
    return True


def enqueue_on_commit(
    task: Task[Any, Any],
    *args: Any,
    when_broker_down: Literal["inline", "sweeper"],
    **kwargs: Any,
) -> None:
    """:func:`enqueue` once the current transaction commits (at once outside of one)."""
    transaction.on_commit(lambda: enqueue(task, *args, when_broker_down=when_broker_down, **kwargs))
