"""What is waiting for SCN staff, shown on the admin index.

hub imports no other app, so each app registers its own counters here from its AppConfig.ready().
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.utils.functional import Promise


@dataclass(frozen=True)
class PendingCounter:
    label: str | Promise
    url_name: str
    count: Callable[[], int]
    query: str = ""


_counters: list[PendingCounter] = []


def register(counter: PendingCounter) -> None:
    if all(c.url_name != counter.url_name or c.query != counter.query for c in _counters):
        _counters.append(counter)


def counters() -> list[PendingCounter]:
    return list(_counters)
