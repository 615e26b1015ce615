"""A page as a cache test compares it: its HTML without what is new on every response (the
CSP nonce, the CSRF token), and how many queries it made."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

_NONCE = re.compile(r'nonce="[^"]*"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def stable_page(client, url: str) -> tuple[str, int]:
    """GET `url` (a 200 expected): its HTML with the nonce and the CSRF token blanked, and its
    number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = _NONCE.sub('nonce=""', response.content.decode())
    return _CSRF.sub("csrf", html), len(queries.captured_queries)
