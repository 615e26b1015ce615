"""The search engine every source shares: matches, facets, order, highlights, the page.

A query is parsed with ``websearch_to_tsquery`` in every configuration and the parses are
OR-ed, each compared only with the row's words of its own configuration, so a French query
finds an English study through its French title, and an Arabic query matches with or without
diacritics (both sides are folded). One statement then reads each matching row once: the exact
total, the facet counts (from every n-th match past :data:`FACET_SAMPLE_ABOVE` results, as the
planner's estimate decides, and marked as estimates) and the first :data:`RELEVANCE_WINDOW`
results, title matches first. The page's objects come from the source; highlights are computed
for them only. All of it runs on the database Django's router picks for reads of the source's
model, in one read-only transaction.

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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction

from hub.search.highlights import highlights
from hub.search.matching import ParsedQuery, filters_sql, in_titles_sql, parse_query
from hub.search.params import SearchParams
from hub.search.source import PageContext
from hub.search.text import has_searchable_words
from hub.search.text import reader_language as _reader_language

if TYPE_CHECKING:
    from collections.abc import Mapping

    from django.contrib.auth.models import AnonymousUser
    from django.utils.safestring import SafeString

    from hub.models import User
    from hub.search.source import Facet, SearchSource, Sort

FACET_SAMPLE_ABOVE = 5_000  # facet counts of larger result sets come from a sample
FACET_SAMPLE_SIZE = 4_000  # about this many rows
RELEVANCE_WINDOW = 200  # the first results by title match and tiebreak order, reordered by rank


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    """One page of a search: its objects, the exact total, the facets and the highlights."""

    source: SearchSource
    items: list[Any]
    total: int
    page: int
    page_count: int
    sort: str  # the sort asked for, or the source's default
    facets: dict[str, list[FacetValue]]
    highlights: dict[int, SafeString]
    query_is_empty_of_words: bool = False
    # Past FACET_SAMPLE_ABOVE results, facet counts are scaled from a sample of the results.
    facets_are_estimates: bool = False

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
    filters, filter_params = filters_sql(source, params)
    chosen = params.sort or source.default_sort
    sort = source.sort(chosen)
    if sort.relevance and not query:
        sort = source.sort(source.default_sort_without_words)
    alias = router.db_for_read(source.model)
    cached = settings.HUB_SEARCH_CACHE_SECONDS > 0 and not connections[alias].in_atomic_block
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        if cached and source.visible_shared is not None:
            visible, visible_params = source.visible_shared(cursor, user)
        parsed = parse_query(cursor, source, query) if query else None
        where = f"{visible} AND {filters}"
        where_params = [*visible_params, *filter_params]
        if parsed is not None:
            where += f" AND {parsed.match_sql}"
            where_params += parsed.match_params
        wanted = (params.page - 1) * size
        key = _cache_key(cursor, source, where, where_params, sort, wanted) if cached else None
        plan, matches = _matches_of(
            cursor,
            where,
            where_params,
            params,
            key,
            source=source,
            sort=sort,
            parsed=parsed,
            wanted=wanted,
        )
        total = matches.total
        page_count = max(1, -(-total // size))
        page = min(params.page, page_count)
        offset = (page - 1) * size
        ids = _page(cursor, where, where_params, plan, matches, offset, size) if total else []
        marked = (
            highlights(cursor, source, ids, parsed.parsed)
            if parsed is not None and source.chunks is not None
            else {}
        )
        items = (
            source.load(
                PageContext(
                    cursor=cursor,
                    ids=ids,
                    visible_sql=visible,
                    visible_params=visible_params,
                    language=_reader_language(),
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
        sort=chosen,
        facets=matches.facets,
        highlights=marked,
        query_is_empty_of_words=bool(params.query) and not query,
        facets_are_estimates=matches.sampled,
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


@dataclass(frozen=True)
class _Plan:
    source: SearchSource
    sort: Sort
    parsed: ParsedQuery | None
    step: int  # facets count every step-th match
    wanted: int  # index of the first result of the page asked for


@dataclass
class _Matches:
    total: int
    facets: dict[str, list[FacetValue]]
    sampled: bool
    window: list[tuple[int, bool]]  # (id, in_titles): the first results in the plain order


def _matches_of(
    cursor: Any,
    where: str,
    where_params: list[Any],
    params: SearchParams,
    key: str | None,
    *,
    source: SearchSource,
    sort: Sort,
    parsed: ParsedQuery | None,
    wanted: int,
) -> tuple[_Plan, _Matches]:
    """The plan and the matches: from the cache under `key`, or read and then cached."""
    hit = cache.get(key) if key else None
    if hit is not None:
        step, rows = hit
        plan = _Plan(source=source, sort=sort, parsed=parsed, step=step, wanted=wanted)
        return plan, _read_matches(rows, plan, params)
    # The planner's estimate of the number of matches decides how their facets are counted:
    # past FACET_SAMPLE_ABOVE, on a sample (the total is always exact). A wrong estimate costs
    # time, or for a set under half the threshold a second statement.
    step = _sample_step(_estimate(cursor, source, where, where_params))
    plan = _Plan(source=source, sort=sort, parsed=parsed, step=step, wanted=wanted)
    rows = _matches_rows(cursor, where, where_params, plan)
    matches = _read_matches(rows, plan, params)
    if step > 1 and matches.total <= FACET_SAMPLE_ABOVE // 2:
        # Far fewer than estimated: small enough to read exactly, and better so.
        plan = _Plan(source=source, sort=sort, parsed=parsed, step=1, wanted=wanted)
        rows = _matches_rows(cursor, where, where_params, plan)
        matches = _read_matches(rows, plan, params)
    if key:
        cache.set(key, (plan.step, rows), settings.HUB_SEARCH_CACHE_SECONDS)
    return plan, matches


def _cache_key(
    cursor: Any,
    source: SearchSource,
    where: str,
    where_params: list[Any],
    sort: Sort,
    wanted: int,
) -> str:
    """The key of the matches statement of a search: the rows' generation, SQL, parameters."""
    cursor.execute("SELECT n FROM hub_search_generation WHERE rows_table = %s", [source.rows])
    row = cursor.fetchone()
    payload = json.dumps(
        [
            source.name,
            row[0] if row else 0,
            where,
            where_params,
            sort.key,
            wanted < RELEVANCE_WINDOW,
        ],
        default=str,
    )
    return "hub.search.matches:" + hashlib.sha256(payload.encode()).hexdigest()


def _estimate(cursor: Any, source: SearchSource, where: str, where_params: list[Any]) -> int:
    """The planner's estimate of the matches: planning only, nothing is read."""
    cursor.execute(
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {source.rows} s WHERE {where}", where_params
    )
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _sample_step(estimate: int) -> int:
    """Facets count every n-th matching row (by id); 1 = all of them."""
    if estimate <= FACET_SAMPLE_ABOVE:
        return 1
    return -(-estimate // FACET_SAMPLE_SIZE)


def _matches_rows(
    cursor: Any, where: str, where_params: list[Any], plan: _Plan
) -> list[tuple[Any, ...]]:
    """The total, the facet counts and the first results, reading the matches once.

    The facet counts come from every `plan.step`-th matching row (by id), scaled to the total;
    the page says they are estimates. Facets are counted in one pass with grouping sets: each
    row contributes one row per value of a many-valued facet (a shorter list is padded with
    nulls) and its value of each single-valued facet once.
    """
    source = plan.source
    key = source.key
    if plan.sort.relevance:
        assert plan.parsed is not None
        in_titles, titles_params = in_titles_sql(source, plan.parsed)
    else:
        in_titles, titles_params = "FALSE", []
    sampled = f"s.{key} %% {int(plan.step)} = 0"
    plain = list(dict.fromkeys(column for sort in source.sorts for column in sort.columns))
    selected = [f"s.{key}", *(f"s.{column}" for column in plain)]
    selected += [f"{in_titles} AS in_titles", f"{sampled} AS sampled"]
    selected += [
        f"CASE WHEN {sampled} THEN s.{column} END AS {column}"
        for column in dict.fromkeys(facet.column for facet in source.facets)
        if column not in plain
    ]
    order = _window_order(plan.sort)
    window = ""
    if order and plan.wanted < RELEVANCE_WINDOW:
        window = f"""
        UNION ALL
        SELECT 'window', w.{key}::text, NULL, NULL, NULL, w.in_titles::int,
               row_number() OVER ()
          FROM (SELECT {key}, in_titles FROM m ORDER BY {order}
                 LIMIT {RELEVANCE_WINDOW}) w"""
    facets_sql = ""
    if source.facets:
        aliases = [f"f{n}" for n in range(len(source.facets))]
        unnested = ", ".join(
            (f"unnest({f.column})" if f.many else f"unnest(ARRAY[{f.column}])") + f" AS {alias}"
            for f, alias in zip(source.facets, aliases, strict=True)
        )
        sets = ", ".join(f"({alias})" for alias in aliases)
        facets_sql = f""",
        g AS (SELECT {", ".join(aliases)}, count(*) AS n
                FROM (SELECT {unnested} FROM m WHERE sampled) z
               GROUP BY GROUPING SETS ({sets}))"""
    counts = []
    for n, facet in enumerate(source.facets):
        if facet.table is not None:
            counts.append(
                f"SELECT '{facet.name}', t.slug, t.name_en, t.name_fr, t.name_ar, g.n, NULL "
                f"FROM g JOIN {facet.table} t ON t.id = g.f{n}"
            )
        else:
            counts.append(
                f"SELECT '{facet.name}', g.f{n}::text, NULL, NULL, NULL, g.n, NULL "
                f"FROM g WHERE g.f{n} IS NOT NULL"
            )
    sql = f"""
        WITH m AS MATERIALIZED (
            SELECT {", ".join(selected)}
              FROM {source.rows} s WHERE {where}),
        n AS (SELECT count(*) AS total, count(*) FILTER (WHERE sampled) AS counted FROM m)
        {facets_sql}
        SELECT 'total', NULL, NULL, NULL, NULL, total, counted FROM n
        {"".join(f" UNION ALL {c}" for c in counts)}
        {window}
    """
    cursor.execute(sql, [*titles_params, *where_params])
    return [tuple(row) for row in cursor.fetchall()]


def _read_matches(rows: list[tuple[Any, ...]], plan: _Plan, params: SearchParams) -> _Matches:
    source = plan.source
    total = counted_rows = 0
    window: list[tuple[int, int, bool]] = []
    language = _reader_language()
    labels = {f.name: f.choices() for f in source.facets if f.choices is not None}
    counted: list[tuple[str, str, str, int]] = []
    for facet, key, name_en, name_fr, name_ar, count, position in rows:
        if facet == "total":
            total, counted_rows = count, position
        elif facet == "window":
            window.append((position, int(key), bool(count)))
        else:
            if facet in labels:
                label = str(labels[facet].get(key, key))
            elif name_en is None and name_fr is None and name_ar is None:
                label = key
            else:
                names = {"en": name_en, "fr": name_fr, "ar": name_ar}
                label = names.get(language) or name_en or key
            counted.append((facet, key, label, count))
    is_sample = plan.step > 1
    scale = total / counted_rows if is_sample and counted_rows else 1
    facets: dict[str, list[FacetValue]] = {facet.name: [] for facet in source.facets}
    for facet, key, label, count in counted:
        estimate = min(total, max(1, round(count * scale)))
        facets[facet].append(FacetValue(key, label, estimate, key in params.selected(facet)))
    for facet in source.facets:
        values = facets[facet.name]
        if facet.newest_first:
            values.sort(key=lambda v: v.key, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label.casefold()))
    window.sort()
    return _Matches(
        total=total,
        facets=facets,
        sampled=is_sample,
        window=[(pk, titled) for _position, pk, titled in window],
    )


def _window_order(sort: Sort) -> str:
    """The order of the window over the matches (``m``), or "" when the sort has none there."""
    if sort.by_language is not None:
        return ""
    return f"in_titles DESC, {sort.order}" if sort.relevance else sort.order


# --- The page -----------------------------------------------------------------------------------


def _page(
    cursor: Any,
    where: str,
    where_params: list[Any],
    plan: _Plan,
    matches: _Matches,
    offset: int,
    size: int,
) -> list[int]:
    """The ids of one page, from what the matches query returned where it can."""
    ordered: list[int] = []
    if plan.sort.relevance and matches.window:
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


def _plain_order(plan: _Plan) -> tuple[str, str, list[str]]:
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
