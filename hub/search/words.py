""" "Did you mean": the nearest indexed words to a query's unknown words, that give results.

The words of every source's chunks are kept in ``hub_search_word`` (hub.search.sql.WORDS):
added when a source indexes an object (:func:`words_add`; the library's metadata chunks add
theirs in the database, whatever wrote the title), rebuilt from all chunks nightly
(:func:`words_rebuild`, so words no document uses any more go). A query word not among them is
replaced by the indexed words one or two letters away (trigram candidates, then Levenshtein
distance); a replacement is offered only when the whole query, with the reader's facets and
access, then finds something, so a word from a document the reader may not see is never shown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.db import connections, router, transaction

from hub.search.matching import facet_clauses, parse_query
from hub.search.sql import words_of_chunks_sql, words_of_sql

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from hub.models import User
    from hub.search.params import SearchParams
    from hub.search.source import SearchSource

MAX_SUGGESTIONS = 3
MAX_WORDS = 6  # query words looked up; a longer query is told to use fewer words
CANDIDATES = 5  # nearest indexed words tried per unknown word
_WORD = re.compile(r"[^\W\d_]{3,40}")
_OPERATORS = {"or"}


def words_add(*, table: str, key: str, ids: list[int]) -> None:
    """Add the words of the chunks of objects `ids` (in chunk table `table`, by `key`)."""
    alias = router.db_for_write(_any_model())
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "INSERT INTO hub_search_word (word) "
            + words_of_chunks_sql(table, key)
            + " ON CONFLICT DO NOTHING",
            [ids],
        )


@transaction.atomic
def words_rebuild() -> int:
    """The words of every registered source's chunks, from scratch; returns how many."""
    from hub.search.source import registered

    alias = router.db_for_write(_any_model())
    with connections[alias].cursor() as cursor:
        cursor.execute("DELETE FROM hub_search_word")
        for source in registered():
            if source.chunks is None:
                continue
            cursor.execute(
                "INSERT INTO hub_search_word (word) "
                + words_of_sql(f"{source.chunks.table} c", "c.text")
                + " ON CONFLICT DO NOTHING"
            )
        cursor.execute("SELECT count(*) FROM hub_search_word")
        return int(cursor.fetchone()[0])


def suggestions(
    cursor: Any, source: SearchSource, *, user: User | AnonymousUser, params: SearchParams
) -> list[str]:
    """Queries close to `params.query` (one or two letters off a word) that find something."""
    found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(params.query)]
    words = [
        (start, end, word)
        for start, end, word in found
        if word.casefold() not in _OPERATORS and not params.query[:start].endswith("-")
    ][:MAX_WORDS]
    if not words:
        return []
    cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.3', true)")
    lowered = [word.casefold() for _, _, word in words]
    cursor.execute(
        """
        SELECT q.word, c.word
          FROM unnest(%s::text[]) q (word)
          LEFT JOIN LATERAL (
                SELECT w.word FROM hub_search_word w
                 WHERE w.word %% q.word AND levenshtein(w.word, q.word) <= 2
                   AND NOT EXISTS (SELECT 1 FROM hub_search_word k WHERE k.word = q.word)
                 ORDER BY levenshtein(w.word, q.word), similarity(w.word, q.word) DESC, w.word
                 LIMIT %s) c ON TRUE
        """,
        [lowered, CANDIDATES],
    )
    nearest: dict[str, list[str]] = {}
    for word, candidate in cursor.fetchall():
        if candidate is not None:
            nearest.setdefault(word, []).append(candidate)
    if not nearest:
        return []
    offered: list[str] = []
    # One word replaced at a time, the nearest first: the reader sees what changed.
    for start, end, word in words:
        for candidate in nearest.get(word.casefold(), []):
            query = params.query[:start] + candidate + params.query[end:]
            if query not in offered and _finds_something(cursor, source, user, params, query):
                offered.append(query)
            if len(offered) >= MAX_SUGGESTIONS:
                return offered
    return offered


def _finds_something(
    cursor: Any,
    source: SearchSource,
    user: User | AnonymousUser,
    params: SearchParams,
    query: str,
) -> bool:
    visible, visible_params = source.visible(user)
    parsed = parse_query(cursor, source, query)
    clauses = facet_clauses(source, params)
    where = " AND ".join([visible, parsed.match_sql, *(c.sql for c in clauses)])
    cursor.execute(
        f"SELECT EXISTS (SELECT 1 FROM {source.rows} s WHERE {where})",
        [*visible_params, *parsed.match_params, *(v for c in clauses for v in c.params)],
    )
    return bool(cursor.fetchone()[0])


def _any_model() -> Any:
    from hub.models import Theme

    return Theme
