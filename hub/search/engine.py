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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction

from hub.ordering import name_sort_key
from hub.search.highlights import highlights
from hub.search.matching import FacetClause, ParsedQuery, facet_clauses, in_titles_sql, parse_query
from hub.search.params import SearchParams
from hub.search.source import PageContext
from hub.search.text import has_searchable_words
from hub.search.text import reader_language as _reader_language
from hub.search.words import suggestions

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
    page_size: int
    sort: str  # the sort asked for, or the source's default
    facets: dict[str, list[FacetValue]]
    highlights: dict[int, SafeString]
    query_is_empty_of_words: bool = False
    # Past FACET_SAMPLE_ABOVE results, facet counts are scaled from a sample of the results.
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
    if sort.relevance and not query:
        sort = source.sort(source.default_sort_without_words)
    alias = router.db_for_read(source.model)
    cached = settings.HUB_SEARCH_CACHE_SECONDS > 0 and not connections[alias].in_atomic_block
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
        plan = _Plan(
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


@dataclass(frozen=True)
class _Plan:
    source: SearchSource
    sort: Sort
    parsed: ParsedQuery | None
    wanted: int  # index of the first result of the page asked for
    base: str  # visibility and words: what every facet's counts share
    base_params: list[Any]
    clauses: list[FacetClause]  # one per facet with chosen values


@dataclass
class _Matches:
    total: int
    facets: dict[str, list[FacetValue]]
    sampled: bool
    window: list[tuple[int, bool]]  # (id, in_titles): the first results in the plain order


def _matches_of(cursor: Any, plan: _Plan, params: SearchParams, key: str | None) -> _Matches:
    """The matches: from the cache under `key`, or read and then cached."""
    hit = cache.get(key) if key else None
    if hit is not None:
        return _read_matches(hit, plan, params)
    if plan.parsed is None:  # parse_query sets it for a search with words
        cursor.execute("SELECT set_config('work_mem', '32MB', true)")
    rows = _matches_rows(cursor, plan)
    if key:
        cache.set(key, rows, settings.HUB_SEARCH_CACHE_SECONDS)
    return _read_matches(rows, plan, params)


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
            _MATCHES_VERSION,
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


_MATCHES_VERSION = 2  # of the rows _matches_rows returns: a new shape never reads an old entry


def _facet_groups(plan: _Plan) -> list[tuple[str, list[int]]]:
    """(condition over ``m``, the facets counted under it): each facet is counted over the
    matches of every other facet's choice but not its own (so the other values of a facet
    stay visible with their counts); facets without a choice share the full condition."""
    groups: dict[str, list[int]] = {}
    for index in range(len(plan.source.facets)):
        condition = " AND ".join(
            f"m.ok{n}" for n, clause in enumerate(plan.clauses) if clause.index != index
        )
        groups.setdefault(condition or "TRUE", []).append(index)
    return list(groups.items())


def _matches_rows(cursor: Any, plan: _Plan) -> list[tuple[Any, ...]]:
    """The total, the facet counts and the first results, reading the matches once.

    ``m`` holds the rows matching the words and visibility and all facet choices but at most
    one, each with a flag per chosen facet. Each facet is counted over the rows matching the
    choices of the other facets; over more than FACET_SAMPLE_ABOVE rows, from every n-th row
    (by id), scaled to the exact count of its rows, and the page says so. Values of a facet are
    counted in one pass with grouping sets: each row contributes one row per value of a
    many-valued facet (a shorter list is padded with nulls) and its value of each single one.
    """
    source = plan.source
    key = source.key
    if plan.sort.relevance:
        assert plan.parsed is not None
        in_titles, titles_params = in_titles_sql(source, plan.parsed)
    else:
        in_titles, titles_params = "FALSE", []
    plain = list(dict.fromkeys(column for sort in source.sorts for column in sort.columns))
    selected = [f"s.{key}", *(f"s.{column}" for column in plain), f"{in_titles} AS in_titles"]
    selected += [
        f"s.{column}"
        for column in dict.fromkeys(facet.column for facet in source.facets)
        if column not in plain
    ]
    selected += [f"({clause.sql}) AS ok{n}" for n, clause in enumerate(plan.clauses)]
    ok_params = [value for clause in plan.clauses for value in clause.params]
    relaxed, relaxed_params = "TRUE", []
    if len(plan.clauses) > 1:  # at most one choice unmet
        arms = []
        for left_out in plan.clauses:
            others = [c for c in plan.clauses if c is not left_out]
            arms.append("(" + " AND ".join(c.sql for c in others) + ")")
            relaxed_params += [value for c in others for value in c.params]
        relaxed = "(" + " OR ".join(arms) + ")"
    everything = " AND ".join(f"m.ok{n}" for n in range(len(plan.clauses))) or "TRUE"
    groups = _facet_groups(plan)
    ctes = [
        f"""m AS MATERIALIZED (
            SELECT {", ".join(selected)}
              FROM {source.rows} s WHERE {plan.base} AND {relaxed})""",
        "n AS (SELECT count(*) FILTER (WHERE {}) AS total{} FROM m)".format(
            everything,
            "".join(f", count(*) FILTER (WHERE {c}) AS n{j}" for j, (c, _) in enumerate(groups)),
        ),
        "k AS (SELECT n.*{} FROM n)".format(
            "".join(
                f", CASE WHEN n{j} > {FACET_SAMPLE_ABOVE} "
                f"THEN ceil(n{j}::numeric / {FACET_SAMPLE_SIZE})::int ELSE 1 END AS step{j}"
                for j in range(len(groups))
            )
        ),
    ]
    selects = ["SELECT 'total', NULL, NULL, NULL, NULL, total, NULL::bigint FROM k"]
    if groups:
        ctes.append(
            "c AS (SELECT {} FROM m, k)".format(
                ", ".join(
                    f"count(*) FILTER (WHERE {c} AND m.{key} %% k.step{j} = 0) AS c{j}"
                    for j, (c, _) in enumerate(groups)
                )
            )
        )
        selects += [
            f"SELECT 'group', '{j}', NULL, NULL, NULL, k.n{j}, c.c{j} FROM k, c"
            for j in range(len(groups))
        ]
    for j, (condition, indexes) in enumerate(groups):
        unnested = ", ".join(
            (f"unnest(m.{f.column})" if f.many else f"unnest(ARRAY[m.{f.column}])") + f" AS f{i}"
            for i in indexes
            for f in [source.facets[i]]
        )
        sets = ", ".join(f"(f{i})" for i in indexes)
        ctes.append(
            f"""g{j} AS (SELECT {", ".join(f"f{i}" for i in indexes)}, count(*) AS n
                FROM (SELECT {unnested} FROM m, k
                       WHERE {condition} AND m.{key} %% k.step{j} = 0) z
               GROUP BY GROUPING SETS ({sets}))"""
        )
        for i in indexes:
            facet = source.facets[i]
            if facet.table is not None:
                selects.append(
                    f"SELECT '{facet.name}', t.slug, t.name_en, t.name_fr, t.name_ar, g{j}.n, "
                    f"{j} FROM g{j} JOIN {facet.table} t ON t.id = g{j}.f{i}"
                )
            else:
                selects.append(
                    f"SELECT '{facet.name}', g{j}.f{i}::text, NULL, NULL, NULL, g{j}.n, {j} "
                    f"FROM g{j} WHERE g{j}.f{i} IS NOT NULL"
                )
    label_params: list[Any] = []
    for clause in plan.clauses:  # the names of chosen values, even when none is left
        facet = source.facets[clause.index]
        if facet.table is not None:
            selects.append(
                f"SELECT '{facet.name}', t.slug, t.name_en, t.name_fr, t.name_ar, 0, -1 "
                f"FROM {facet.table} t WHERE t.slug = ANY(%s)"
            )
            label_params += clause.params
    order = _window_order(plan.sort)
    if order and plan.wanted < RELEVANCE_WINDOW:
        selects.append(
            f"""SELECT 'window', w.{key}::text, NULL, NULL, NULL, w.in_titles::int,
                   row_number() OVER ()
              FROM (SELECT {key}, in_titles FROM m WHERE {everything} ORDER BY {order}
                     LIMIT {RELEVANCE_WINDOW}) w"""
        )
    sql = "WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL ".join(selects)
    cursor.execute(
        sql, [*titles_params, *ok_params, *plan.base_params, *relaxed_params, *label_params]
    )
    return [tuple(row) for row in cursor.fetchall()]


def _read_matches(rows: list[tuple[Any, ...]], plan: _Plan, params: SearchParams) -> _Matches:
    source = plan.source
    total = 0
    window: list[tuple[int, int, bool]] = []
    language = _reader_language()
    labels = {f.name: f.choices() for f in source.facets if f.choices is not None}
    counted: list[tuple[str, str, str, int, int]] = []
    groups: dict[int, tuple[int, int]] = {}  # group -> (rows, rows counted)
    for facet, key, name_en, name_fr, name_ar, count, position in rows:
        if facet == "total":
            total = count
        elif facet == "group":
            groups[int(key)] = (count, position)
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
            counted.append((facet, key, label, count, position))
    sampled = any(n > FACET_SAMPLE_ABOVE for n, _ in groups.values())
    facets: dict[str, list[FacetValue]] = {facet.name: [] for facet in source.facets}
    seen: set[tuple[str, str]] = set()
    for facet, key, label, count, group in counted:
        if group < 0:
            continue
        rows_in_group, rows_counted = groups.get(group, (0, 0))
        if rows_in_group > FACET_SAMPLE_ABOVE and rows_counted:
            count = min(rows_in_group, max(1, round(count * rows_in_group / rows_counted)))
        facets[facet].append(FacetValue(key, label, count, key in params.selected(facet)))
        seen.add((facet, key))
    for facet, key, label, _count, group in counted:  # chosen values that no row has now
        if group < 0 and (facet, key) not in seen:
            facets[facet].append(FacetValue(key, label, 0, True))
            seen.add((facet, key))
    for facet in source.facets:
        for value in params.filters.get(facet.name, ()):
            if (facet.name, str(value)) not in seen and facet.table is None:
                label = str(labels.get(facet.name, {}).get(str(value), value))
                facets[facet.name].append(FacetValue(str(value), label, 0, True))
        values = facets[facet.name]
        if facet.newest_first:
            values.sort(key=lambda v: v.key, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, name_sort_key(v.label)))
    window.sort()
    return _Matches(
        total=total,
        facets=facets,
        sampled=sampled,
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
