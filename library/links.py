"""Links between library pages: the way back from a document to the results it was found in."""

from __future__ import annotations

from typing import Final

from django.http import QueryDict

from library.search import DOCUMENTS

# Bounds on what a `from` may carry: a search's query string is far shorter.
FROM_MAX_LENGTH: Final = 2000
_MAX_VALUES: Final = 20
_MAX_VALUE_LENGTH: Final = 300


def results_query(raw: str) -> str:
    """The query string of the library search a document page was opened from, or "".

    `raw` is the page's `from` parameter: the results page's own query string (``q=plan&
    theme=youth&page=2``). Only the search's parameters (words, facets, sort, page) are kept,
    bounded and encoded again, so whatever `from` holds (``//evil.example``, ``https://...``,
    a path) the link made of it stays the library list's URL with a query string.
    """
    if not raw or len(raw) > FROM_MAX_LENGTH:
        return ""
    data = QueryDict(raw.removeprefix("?"))
    allowed = ["q", *(facet.name for facet in DOCUMENTS.facets), "sort", "page"]
    kept = QueryDict(mutable=True)
    for key in allowed:
        values = [v for v in data.getlist(key)[:_MAX_VALUES] if 0 < len(v) <= _MAX_VALUE_LENGTH]
        if values:
            kept.setlist(key, values)
    return kept.urlencode()
