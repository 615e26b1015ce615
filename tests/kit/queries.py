"""Query budgets: a page costs the same number of queries at 1 row and at 50."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.test import Client


def page_queries(client: Client, url: str) -> tuple[int, Any]:
    """The queries of one request for `url`, after a first request that warms the session
    cache (as for any member past their first page). Returns (count, response)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response


def assert_budget(
    client: Client, url: Callable[[], str], *, rows: Callable[[int], object], queries: int
) -> None:
    """The page at `url()` runs exactly `queries` queries with 1 row and with 50.

    `rows(n)` adds n rows of what the page shows; it is called with 1, then with 49.
    """
    rows(1)
    one, _response = page_queries(client, url())
    rows(49)
    fifty, _response = page_queries(client, url())
    assert (one, fifty) == (queries, queries), f"{url()}: {one} queries at 1, {fifty} at 50"
