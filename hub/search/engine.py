"""The search engine every source shares: matches, facets, order, highlights, the page.

A query is parsed with ``websearch_to_tsquery`` in every configuration and the parses are
OR-ed, each compared only with the row's words of its own configuration, so a French query
finds an English study through its French title, and an Arabic query matches with or without
diacritics (both sides are folded). One statement (:mod:`hub.search.counting`) then reads each
matching row once: the exact total, the facet counts (sampled past a few thousand rows, and
marked as estimates) and the first results, title matches first. The page's objects come from
the source; highlights are computed for them only. All of it runs on the database Django's
router picks for reads of the source's model, in one read-only transaction.

That one statement is cached (``HUB_SEARCH_CACHE_SECONDS``) under a key made of the source's
generation (``hub_search_generation``, bumped by a trigger in the same transaction as any write
to its rows or to the taxonomy), the statement's SQL and its parameters: a write makes every
older entry unreachable at once, whatever made it (a service, the admin, a queryset update).
Readers who may see the same objects share entries through the source's `visible_shared`.
Searches inside a larger transaction (which may yet roll back) neither read nor fill the cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction

from hub.search import counting
from hub.search.counting import FacetValue, Matches, Plan, matches_rows, read_matches
from hub.search.highlights import highlights
from hub.search.matching import facet_clauses, in_titles_sql, parse_query
from hub.search.params import SearchParams
from hub.search.source import PageContext, RankContext, SearchNotes
from hub.search.text import has_searchable_words
from hub.search.text import reader_language as _reader_language
from hub.search.words import suggestions

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.contrib.auth.models import AnonymousUser
    from django.utils.safestring import SafeString

    from hub.models import User
    from hub.search.matching import ParsedQuery
    from hub.search.source import Facet, SearchSource, Sort


@dataclass
class SearchResult:
    """One page of a search: its objects, the exact total, the facets and the highlights."""

    source: SearchSource
    items: list[Any]
    total: int
    page: int
    page_count: int
    page_size: int
    sort: str  # the sort asked for, or the source's default
    facets: dict[str, list[FacetValue]]
    highlights: dict[int, SafeString]
    query_is_empty_of_words: bool = False
    # Past counting.FACET_SAMPLE_ABOVE rows, facet counts are scaled from a sample of them.
    facets_are_estimates: bool = False
    # With no results: queries one or two letters away that find something (hub.search.words).
    suggestions: list[str] = field(default_factory=list)

    @property
    def facet_groups(self) -> list[tuple[Facet, list[FacetValue]]]:
        """(facet, its values) in the source's order, for templates."""
        return [(facet, self.facets[facet.name]) for facet in self.source.facets]


def search(
    source: SearchSource,
    *,
    user: User | AnonymousUser,
    params: SearchParams,
    page_size: int | None = None,
) -> SearchResult:
    """One page of `source`'s objects matching `params` that `user` may see.

    Reads only; runs on the database the router picks for reads of the source's model.
    """
    size = page_size or source.page_size
    query = params.query if has_searchable_words(params.query) else ""
    visible, visible_params = source.visible(user)
    clauses = facet_clauses(source, params)
    chosen = params.sort or source.default_sort
    sort = source.sort(chosen)
    if not sort.applies(has_words=bool(query), params=params):
        sort = source.sort(source.default_sort_without_words)
    alias = router.db_for_read(source.model)
    outermost = not connections[alias].in_atomic_block
    cached = settings.HUB_SEARCH_CACHE_SECONDS > 0 and outermost
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        if cached and source.visible_shared is not None:
            visible, visible_params = source.visible_shared(cursor, user)
        parsed = parse_query(cursor, source, query) if query else None
        base, base_params = visible, list(visible_params)
        if parsed is not None:
            base += f" AND {parsed.match_sql}"
            base_params += parsed.match_params
        where = " AND ".join([base, *(c.sql for c in clauses)])
        where_params = [*base_params, *(value for c in clauses for value in c.params)]
        wanted = (params.page - 1) * size
        plan = Plan(
            source=source,
            sort=sort,
            parsed=parsed,
            wanted=wanted,
            base=base,
            base_params=base_params,
            clauses=clauses,
        )
        key = _cache_key(cursor, source, where, where_params, sort, wanted) if cached else None
        matches = _matches_of(cursor, plan, params, key)
        notes = SearchNotes(cacheable=outermost)  # what the rank of the window tells the page
        total = matches.total
        page_count = max(1, -(-total // size))
        page = min(params.page, page_count)
        offset = (page - 1) * size
        ids = (
            _page(cursor, where, where_params, plan, params, matches, offset, size, notes, key)
            if total
            else []
        )
        snippet_ids = [pk for pk in ids if pk not in notes.shown_apart]
        marked = (
            highlights(cursor, source, snippet_ids, parsed.parsed)
            if parsed is not None and source.chunks is not None
            else {}
        )
        suggested = (
            suggestions(cursor, source, user=user, params=params) if not total and query else []
        )
        items = (
            source.load(
                PageContext(
                    cursor=cursor,
                    ids=ids,
                    visible_sql=visible,
                    visible_params=visible_params,
                    language=_reader_language(),
                    parsed=parsed,
                    params=params,
                    notes=notes,
                )
            )
            if ids
            else []
        )
    return SearchResult(
        source=source,
        items=items,
        total=total,
        page=page,
        page_count=page_count,
        page_size=size,
        sort=sort.key,
        facets=matches.facets,
        highlights=marked,
        query_is_empty_of_words=bool(params.query) and not query,
        facets_are_estimates=matches.sampled,
        suggestions=suggested,
    )


def top_hits(
    *,
    user: User | AnonymousUser,
    query: str = "",
    filters: Mapping[str, tuple[str | int, ...]] | None = None,
    limit: int = 5,
) -> list[SearchResult]:
    """The first `limit` results of every registered source that has all of `filters`' facets.

    For pages that gather many kinds of things (everything on a theme, about a city).
    """
    from hub.search.source import registered

    wanted = dict(filters or {})
    results = []
    for source in registered():
        if all(name in source.facet_index for name in wanted):
            params = SearchParams(query=query, filters=wanted)
            results.append(search(source, user=user, params=params, page_size=limit))
    return results


# --- Matches, facets and the first results ------------------------------------------------------


def _matches_of(cursor: Any, plan: Plan, params: SearchParams, key: str | None) -> Matches:
    """The matches: from the cache under `key`, or read and then cached."""
    hit = cache.get(key) if key else None
    if hit is not None:
        return read_matches(hit, plan, params)
    if plan.parsed is None:  # parse_query sets it for a search with words
        cursor.execute("SELECT set_config('work_mem', '32MB', true)")
    rows = matches_rows(cursor, plan)
    if key:
        cache.set(key, rows, settings.HUB_SEARCH_CACHE_SECONDS)
    return read_matches(rows, plan, params)


def _cache_key(
    cursor: Any,
    source: SearchSource,
    where: str,
    where_params: list[Any],
    sort: Sort,
    wanted: int,
) -> str:
    """The key of the matches statement of a search: the rows' generation, SQL, parameters."""
    payload = json.dumps(
        [
            _MATCHES_VERSION,
            source.name,
            generation(cursor, source),
            where,
            where_params,
            sort.key,
            wanted < counting.RELEVANCE_WINDOW,
        ],
        default=str,
    )
    return "hub.search.matches:" + hashlib.sha256(payload.encode()).hexdigest()


_MATCHES_VERSION = 2  # of the rows matches_rows returns: a new shape never reads an old entry


def generation(cursor: Any, source: SearchSource) -> int:
    """The generation of `source`'s rows (hub_search_generation): bumped in the same
    transaction as any write to them or to the taxonomy, so what is kept under it is never
    older than the committed rows when it was read before them."""
    cursor.execute("SELECT n FROM hub_search_generation WHERE rows_table = %s", [source.rows])
    row = cursor.fetchone()
    return int(row[0]) if row else 0


# --- The page -----------------------------------------------------------------------------------


def _page(
    cursor: Any,
    where: str,
    where_params: list[Any],
    plan: Plan,
    params: SearchParams,
    matches: Matches,
    offset: int,
    size: int,
    notes: SearchNotes,
    key: str | None = None,
) -> list[int]:
    """The ids of one page, from what the matches query returned where it can."""
    ordered: list[int] = []
    if plan.sort.rank is not None and matches.window:
        # The source's own rank of the window (computed for these rows only); ties keep the
        # window's order.
        position = {pk: n for n, (pk, _titled) in enumerate(matches.window)}
        scores = _rank_of(cursor, plan, params, list(position), notes, key)
        ordered = sorted(position, key=lambda pk: (-scores.get(pk, 0.0), position[pk]))
    elif plan.sort.relevance and matches.window:
        # Rows whose title matches come first, in the tiebreak order; the first
        # RELEVANCE_WINDOW are then ordered by the rank of their titles and summary. Ranking
        # reads each row's vector, so it is paid for a window, not for every match.
        assert plan.parsed is not None
        titled = [pk for pk, in_titles in matches.window if in_titles]
        ranks = _ranks(cursor, plan.source, plan.parsed, titled) if titled else {}
        position = {pk: n for n, (pk, _titled) in enumerate(matches.window)}
        ordered = sorted(
            position, key=lambda pk: (pk not in ranks, -ranks.get(pk, 0.0), position[pk])
        )
    else:
        ordered = [pk for pk, _titled in matches.window]
    ids = ordered[offset : offset + size]
    end = min(offset + size, matches.total)
    if len(ids) < end - offset:
        # Past the window (or without one): the plain order, from where it ends.
        start = offset + len(ids)
        join, order, order_params = _plain_order(plan)
        cursor.execute(
            f"SELECT s.{plan.source.key} FROM {plan.source.rows} s {join} WHERE {where} "
            f"ORDER BY {order} LIMIT {end - start} OFFSET {start}",
            [*where_params, *order_params],
        )
        ids += [row[0] for row in cursor.fetchall()]
    return ids


def _rank_of(
    cursor: Any,
    plan: Plan,
    params: SearchParams,
    ids: list[int],
    notes: SearchNotes,
    key: str | None,
) -> Mapping[int, float]:
    """The sort's rank of the window `ids`, and its notes: cached beside the matches, under
    their key (`key`, None when uncached). A rank may read tables the row table does not hold
    (a source's practices, say): it is cached only when every write to what it reads bumps the
    source's generation, as the source's triggers do for its row table (a write to any table
    that feeds a row refreshes the row). A rank weighted by settings sees a new weight once
    the entries made before it expire (HUB_SEARCH_CACHE_SECONDS)."""
    assert plan.sort.rank is not None
    rank_key = f"{key}:rank" if key else None
    hit = cache.get(rank_key) if rank_key else None
    if hit is not None:
        scores, shown_apart, data = hit
        notes.shown_apart.update(shown_apart)
        notes.data.update(data)
        return scores  # type: ignore[no-any-return]
    scores = dict(
        plan.sort.rank(
            RankContext(cursor=cursor, ids=ids, parsed=plan.parsed, params=params, notes=notes)
        )
    )
    if rank_key:
        entry = (scores, notes.shown_apart, notes.data)
        cache.set(rank_key, entry, settings.HUB_SEARCH_CACHE_SECONDS)
    return scores


def _ranks(
    cursor: Any, source: SearchSource, parsed: ParsedQuery, ids: list[int]
) -> dict[int, float]:
    """The rank of the titles and summary of each of `ids`."""
    texts = parsed.texts
    if not texts:
        return {}
    rank = "greatest(" + ", ".join("ts_rank(meta, %s::tsquery)" for _ in texts) + ")"
    # The vector is read once per row (the concatenation detoasts it), not once per use.
    cursor.execute(
        f"SELECT {source.key}, coalesce({rank}, 0) FROM (SELECT {source.key}, "
        f"meta || ''::tsvector AS meta FROM {source.rows} "
        f"WHERE {source.key} = ANY(%s) OFFSET 0) s",
        [*texts, ids],
    )
    return dict(cursor.fetchall())


def _plain_order(plan: Plan) -> tuple[str, str, list[str]]:
    """(join, ORDER BY, its parameters) of the order without a window, over row `s`."""
    sort = plan.sort
    if sort.by_language is not None:
        join, order = sort.by_language(_reader_language())
        return join, order, []
    if sort.relevance:
        assert plan.parsed is not None
        in_titles, titles_params = in_titles_sql(plan.source, plan.parsed)
        return "", f"{in_titles} DESC, {sort.order}", titles_params
    return "", sort.order, []
