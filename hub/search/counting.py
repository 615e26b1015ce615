"""The one statement of a search that reads every matching row: total, facets, first results.

Each facet is counted over the rows matching the choices of every other facet but not its own
(OR within a facet, AND across facets), from every n-th row past :data:`FACET_SAMPLE_ABOVE` rows
of a counting group; the first :data:`RELEVANCE_WINDOW` results come in the same pass. The
engine (:mod:`hub.search.engine`) caches what it returns and builds the page from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from hub.ordering import name_sort_key
from hub.search.matching import FacetClause, ParsedQuery, in_titles_sql
from hub.search.text import reader_language as _reader_language

if TYPE_CHECKING:
    from hub.search.params import SearchParams
    from hub.search.source import SearchSource, Sort

# name_sort_key of the facets' labels (as text, in the language they were read in), which come
# back at every search (a hundred a page).
_label_key = lru_cache(maxsize=4096)(name_sort_key)

FACET_SAMPLE_ABOVE = 5_000  # facet counts of larger result sets come from a sample
FACET_SAMPLE_SIZE = 4_000  # about this many rows
RELEVANCE_WINDOW = 200  # the first results by title match and tiebreak order, reordered by rank


@dataclass
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Plan:
    source: SearchSource
    sort: Sort
    parsed: ParsedQuery | None
    wanted: int  # index of the first result of the page asked for
    base: str  # visibility and words: what every facet's counts share
    base_params: list[Any]
    clauses: list[FacetClause]  # one per facet with chosen values


@dataclass
class Matches:
    total: int
    facets: dict[str, list[FacetValue]]
    sampled: bool
    window: list[tuple[int, bool]]  # (id, in_titles): the first results in the plain order


def facet_groups(plan: Plan) -> list[tuple[str, list[int]]]:
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


def matches_rows(cursor: Any, plan: Plan) -> list[tuple[Any, ...]]:
    """The total, the facet counts and the first results, reading the matches once.

    ``m`` holds the rows matching the words and visibility and all facet choices but at most
    one, each with a flag per chosen facet. Each facet is counted over the rows matching the
    choices of the other facets; over more than FACET_SAMPLE_ABOVE rows, from every n-th row
    (by id), scaled to the exact count of its rows, and the page says so. Each facet's values
    are counted by an aggregate of their own over ``m`` (one row per value of a many-valued
    facet): one statement still, reading the matches once.
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
    groups = facet_groups(plan)
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
        # The rows group j counts (its sample, over many), once; then one aggregate a facet:
        # grouping sets over one row per value of every facet at once hash each row into every
        # set, padding included (a third slower over a few hundred rows).
        columns = ", ".join(dict.fromkeys(f"m.{source.facets[i].column}" for i in indexes))
        ctes.append(
            f"""z{j} AS MATERIALIZED (SELECT {columns} FROM m, k
                WHERE {condition} AND m.{key} %% k.step{j} = 0)"""
        )
        for i in indexes:
            facet = source.facets[i]
            value = f"unnest(z.{facet.column})" if facet.many else f"z.{facet.column}"
            ctes.append(f"g{j}_{i} AS (SELECT {value} AS f, count(*) AS n FROM z{j} z GROUP BY 1)")
            if facet.table is not None:
                selects.append(
                    f"SELECT '{facet.name}', t.{facet.table_key}, t.name_en, t.name_fr, "
                    f"t.name_ar, g.n, {j} FROM g{j}_{i} g JOIN {facet.table} t ON t.id = g.f"
                )
            else:
                selects.append(
                    f"SELECT '{facet.name}', g.f::text, NULL, NULL, NULL, g.n, {j} "
                    f"FROM g{j}_{i} g WHERE g.f IS NOT NULL"
                )
    label_params: list[Any] = []
    for clause in plan.clauses:  # the names of chosen values, even when none is left
        facet = source.facets[clause.index]
        if facet.table is not None:
            selects.append(
                f"SELECT '{facet.name}', t.{facet.table_key}, t.name_en, t.name_fr, t.name_ar, "
                f"0, -1 FROM {facet.table} t WHERE t.{facet.table_key} = ANY(%s)"
            )
            label_params += clause.params
    order = window_order(plan.sort)
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


def read_matches(rows: list[tuple[Any, ...]], plan: Plan, params: SearchParams) -> Matches:
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
            values.sort(key=lambda v: (-v.count, _label_key(str(v.label))))
    window.sort()
    return Matches(
        total=total,
        facets=facets,
        sampled=sampled,
        window=[(pk, titled) for _position, pk, titled in window],
    )


def window_order(sort: Sort) -> str:
    """The order of the window over the matches (``m``), or "" when the sort has none there."""
    if sort.by_language is not None:
        return ""
    return f"in_titles DESC, {sort.order}" if sort.relevance else sort.order
