"""Highlights: a snippet per object of the page, from its best chunk, escaped before marking."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from django.utils.safestring import SafeString, mark_safe

from hub.search import tsquery
from hub.search.text import CONFIGS, MARK_END, MARK_START, fold_with_offsets

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hub.search.source import SearchSource

EXCERPT_CHARS = 1000  # what ts_headline reads of the best chunk, from a little before a match
EXCERPT_LEAD = 250  # characters of the excerpt before the first query word
FRAGMENT_DELIMITER = " … "
ARABIC = CONFIGS["ar"]


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

    kinds = "AND c.kind = ANY(%s)" if chunks.snippet_kinds is not None else ""
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, "
        f'FragmentDelimiter="{FRAGMENT_DELIMITER}"'
    )
    # The chunk that matches the whole query best; an object whose words are spread over
    # several chunks is highlighted where any of them is.
    cursor.execute(
        f"""
        SELECT e.object_id, e.config, e.excerpt,
               ts_headline(e.config::regconfig,
                           CASE WHEN e.config = '{ARABIC}' THEN hub_arabic_normalise(e.excerpt)
                                ELSE e.excerpt END,
                           e.words, %s)
          FROM (SELECT b.object_id, b.config, b.words,
                       substr(b.text, greatest(1, (length(b.text)::bigint * (b.first - 1)
                              / greatest(1, b.words_in_text))::int - {EXCERPT_LEAD}),
                              {EXCERPT_CHARS}) AS excerpt
          FROM (SELECT b.*,
                       {words_in_sql("b.text")} AS words_in_text,
                       coalesce({first_word_sql("b.vector", "b.lexemes")}, 1) AS first
                  FROM (SELECT DISTINCT ON (c.{chunks.key}) c.{chunks.key} AS object_id,
                               c.config, c.text, c.vector, q.words, q.lexemes
                          FROM {chunks.table} c,
                               LATERAL (SELECT {per_chunk("tsquery")} AS query,
                                               {per_chunk("tsquery")} AS words,
                                               {per_chunk("text[]")} AS lexemes) q
                         WHERE c.{chunks.key} = ANY(%s) AND c.config = ANY(%s) {kinds}
                           AND c.vector @@ q.words
                         ORDER BY c.{chunks.key}, (c.vector @@ q.query) DESC,
                                  (c.kind = 'body') DESC, ts_rank(c.vector, q.words) DESC
                       ) b
                OFFSET 0) b) e
        """,
        [
            options,
            *[full for full, _, _ in queries.values()],
            *[words for _, words, _ in queries.values()],
            *[lexemes for _, _, lexemes in queries.values()],
            ids,
            list(queries),
            *([list(chunks.snippet_kinds)] if chunks.snippet_kinds is not None else []),
        ],
    )
    return {
        object_id: mark_highlights(as_written(headline, excerpt) if config == ARABIC else headline)
        for object_id, config, excerpt, headline in cursor.fetchall()
    }


def first_word_sql(vector: str, lexemes: str, *, after: str | None = None) -> str:
    """SQL: the position in tsvector `vector` (its rank among the words) of the first of
    `lexemes` (a text[] expression), past position `after` when given; NULL for none. With
    words_in_sql, where an excerpt around the query's words starts."""
    past = f" WHERE p > {after}" if after is not None else ""
    return (
        f"(SELECT min(p) FROM unnest(ts_filter(setweight({vector}, 'A', {lexemes}), '{{a}}')) u, "
        f"unnest(u.positions) p{past})"
    )


def words_in_sql(text: str) -> str:
    """SQL: about how many words `text` holds (its spaces, and one)."""
    return f"(length({text}) - length(replace({text}, ' ', '')) + 1)"


def as_written(headline: str, excerpt: str) -> str:
    """`headline`, cut by the database from the folded `excerpt`, in the excerpt's own letters.

    Arabic is matched folded (ة as ه, أ as ا, without tashkeel) but a reader must see the text
    as written. Folding replaces or drops single characters, so each fragment of the headline is
    found in the folded excerpt and copied from the excerpt, with its marks where they were; a
    fragment that cannot be found (never expected) is shown as the database cut it.
    """
    folded, offsets = fold_with_offsets(excerpt)
    pieces: list[str] = []
    start = 0
    for fragment in headline.split(FRAGMENT_DELIMITER):
        plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
        at = folded.find(plain, start) if plain else -1
        if at < 0:
            pieces.append(fragment)
            continue
        start = at + len(plain)
        written: list[str] = []
        position = at
        # Runs of letters between the marks, each copied in one slice: a letter comes with the
        # tashkeel or tatweel written after it, up to the next letter.
        for run in re.split(f"([{MARK_START}{MARK_END}])", fragment):
            if run in (MARK_START, MARK_END):
                written.append(run)
            elif run:
                after = position + len(run)
                end = offsets[after] if after < len(offsets) else len(excerpt)
                written.append(excerpt[offsets[position] : end])
                position = after
        pieces.append("".join(written))
    return FRAGMENT_DELIMITER.join(pieces)


def mark_highlights(headline: str) -> SafeString:
    """Escape the excerpt, then turn the sentinels into <mark>: the text can never inject HTML."""
    escaped = html.escape(headline)
    return mark_safe(  # noqa: S308  (escaped above; only our own tags are added)
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )
