"""Highlights: a snippet per object of the page, from its best chunk, escaped before marking."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from django.utils.safestring import SafeString, mark_safe

from hub.search import tsquery
from hub.search.text import MARK_END, MARK_START

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hub.search.source import SearchSource

EXCERPT_CHARS = 1000  # what ts_headline reads of the best chunk, from a little before a match
EXCERPT_LEAD = 250  # characters of the excerpt before the first query word


def highlights(
    cursor: Any, source: SearchSource, ids: list[int], parsed: Mapping[str, str]
) -> dict[int, SafeString]:
    """A snippet per object of `ids`, from its best matching chunk, over a bounded excerpt.

    `parsed` maps each configuration to the query's parse there. The excerpt (EXCERPT_CHARS)
    starts a little before the first query word of the chunk: the chunk's vector gives that
    word's position (its rank among the words), and the share of the chunk's spaces before it
    gives the character offset, closely enough for an excerpt this size. ts_headline then reads
    only the excerpt, for the rows of the page only.
    """
    if not ids or source.chunks is None:
        return {}
    chunks = source.chunks
    queries: dict[str, tuple[str, str, list[str]]] = {}
    for config, text in parsed.items():
        node = tsquery.parse(text) if text else None
        words = sorted(set(tsquery.positive_words(node))) if node else []
        if words:
            queries[config] = (text, " | ".join(words), tsquery.lexemes(words))
    if not queries:
        return {}

    def per_chunk(cast: str) -> str:
        return (
            "CASE c.config "
            + " ".join(f"WHEN '{config}' THEN %s::{cast}" for config in queries)
            + " END"
        )

    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, "
        'FragmentDelimiter=" … "'
    )
    # The chunk that matches the whole query best; an object whose words are spread over
    # several chunks is highlighted where any of them is.
    cursor.execute(
        f"""
        SELECT b.object_id,
               ts_headline(b.config::regconfig,
                           substr(b.text, greatest(1, (length(b.text)::bigint * (b.first - 1)
                                  / greatest(1, b.words_in_text))::int - {EXCERPT_LEAD}),
                                  {EXCERPT_CHARS}),
                           b.words, %s)
          FROM (SELECT b.*,
                       length(b.text) - length(replace(b.text, ' ', '')) + 1 AS words_in_text,
                       coalesce((SELECT min(p) FROM unnest(ts_filter(
                                    setweight(b.vector, 'A', b.lexemes), '{{a}}')) u,
                                  unnest(u.positions) p), 1) AS first
                  FROM (SELECT DISTINCT ON (c.{chunks.key}) c.{chunks.key} AS object_id,
                               c.config, c.text, c.vector, q.words, q.lexemes
                          FROM {chunks.table} c,
                               LATERAL (SELECT {per_chunk("tsquery")} AS query,
                                               {per_chunk("tsquery")} AS words,
                                               {per_chunk("text[]")} AS lexemes) q
                         WHERE c.{chunks.key} = ANY(%s) AND c.config = ANY(%s)
                           AND c.vector @@ q.words
                         ORDER BY c.{chunks.key}, (c.vector @@ q.query) DESC,
                                  (c.kind = 'body') DESC, ts_rank(c.vector, q.words) DESC
                       ) b
                OFFSET 0) b
        """,
        [
            options,
            *[full for full, _, _ in queries.values()],
            *[words for _, words, _ in queries.values()],
            *[lexemes for _, _, lexemes in queries.values()],
            ids,
            list(queries),
        ],
    )
    return {object_id: mark_highlights(headline) for object_id, headline in cursor.fetchall()}


def mark_highlights(headline: str) -> SafeString:
    """Escape the excerpt, then turn the sentinels into <mark>: the text can never inject HTML."""
    escaped = html.escape(headline)
    return mark_safe(  # noqa: S308  (escaped above; only our own tags are added)
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )
