"""Matching: a query parsed in every configuration, facet filters, title matches, as SQL.

A row is matched in a configuration only by the parse of that configuration: lexemes of one
language are not compared with a vector built for another (a French stem is not an English
one). Phrases are matched by their words on the row and exactly on one chunk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hub.search import tsquery
from hub.search.text import ALL_CONFIGS, LEX_COLUMNS, query_for

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hub.search.params import SearchParams
    from hub.search.source import SearchSource


@dataclass(frozen=True)
class ParsedQuery:
    """The words of a search, parsed once per configuration, and the SQL matching them."""

    parsed: Mapping[str, str]  # configuration -> tsquery text ('' when it has no words there)
    match_sql: str
    match_params: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The distinct parses, for what is matched across configurations (titles, rank)."""
        return sorted({text for text in self.parsed.values() if text})


def parse_query(cursor: Any, source: SearchSource, query: str) -> ParsedQuery:
    """The query parsed in every configuration, and the SQL over row ``s`` that matches it.

    A row is matched in a configuration only by the parse of that configuration: lexemes of one
    language are not compared with a vector built for another (a French stem is not an English
    one). Phrases are matched by their words on the row and exactly on one chunk.
    """
    # Also, for the rest of this transaction: no sequential scans (the planner does not cost
    # reading the out-of-line vectors a sequential scan must detoast, and would choose it for
    # common words, where the GIN indexes are ten times faster); no parallel workers (each
    # would build the same hashed title matches; two cores serve other readers better); and
    # memory enough to keep the matches of a common word out of temporary files.
    cursor.execute(
        "SELECT set_config('enable_seqscan', 'off', true), "
        "set_config('max_parallel_workers_per_gather', '0', true), "
        "set_config('work_mem', '32MB', true), "
        + ", ".join(f"websearch_to_tsquery('{config}', %s)::text" for config in ALL_CONFIGS),
        [query_for(config, query) for config in ALL_CONFIGS],
    )
    parsed = dict(zip(ALL_CONFIGS, cursor.fetchone()[3:], strict=True))
    arms: list[str] = []
    params: list[str] = []
    for config, text in parsed.items():
        node = tsquery.parse(text)
        if node is None:
            continue
        sql, arm_params = _row_match(source, node, config, LEX_COLUMNS[config])
        arms.append(sql)
        params.extend(arm_params)
    return ParsedQuery(parsed, "(" + " OR ".join(arms or ["FALSE"]) + ")", params)


def _row_match(
    source: SearchSource, node: tsquery.Node, config: str, column: str
) -> tuple[str, list[str]]:
    """SQL over row `s` that is true when the row matches `node` in `config`."""
    if not node.has_phrase:
        return f"s.{column} @@ %s::tsquery", [node.text]
    if node.op == "<>":
        if source.chunks is None:  # the row's vectors keep their positions
            return f"s.{column} @@ %s::tsquery", [node.text]
        chunks = source.chunks
        return (
            f"(s.{column} @@ %s::tsquery AND EXISTS (SELECT 1 FROM {chunks.table} c "
            f"WHERE c.{chunks.key} = s.{source.key} AND c.config = '{config}' "
            f"AND c.vector @@ %s::tsquery))",
            [tsquery.relaxed(node.text), node.text],
        )
    if node.op == "!":
        sql, params = _row_match(source, node.children[0], config, column)
        return f"NOT {sql}", params
    left, left_params = _row_match(source, node.children[0], config, column)
    right, right_params = _row_match(source, node.children[1], config, column)
    joiner = " AND " if node.op == "&" else " OR "
    return f"({left}{joiner}{right})", [*left_params, *right_params]


def facet_clauses(source: SearchSource, params: SearchParams) -> list[FacetClause]:
    """One clause over row ``s`` per facet with chosen values: OR within a facet."""
    clauses: list[FacetClause] = []
    for index, facet in enumerate(source.facets):
        chosen = list(params.filters.get(facet.name, ()))
        if not chosen:
            continue
        if facet.table is not None:
            ids = f"ARRAY(SELECT id FROM {facet.table} WHERE {facet.table_key} = ANY(%s))"
            sql = f"s.{facet.column} && {ids}" if facet.many else f"s.{facet.column} = ANY({ids})"
        elif facet.many:  # an array of codes
            sql = f"s.{facet.column} && %s::text[]"
        else:
            sql = f"s.{facet.column} = ANY(%s)"
        clauses.append(FacetClause(index, sql, [chosen]))
    return clauses


@dataclass(frozen=True)
class FacetClause:
    """The SQL choosing the values of facet number `index` of a source."""

    index: int
    sql: str
    params: list[Any]


def filters_sql(source: SearchSource, params: SearchParams) -> tuple[str, list[Any]]:
    """AND across facets, OR within one."""
    clauses = facet_clauses(source, params)
    return (
        " AND ".join(c.sql for c in clauses) or "TRUE",
        [value for c in clauses for value in c.params],
    )


def in_titles_sql(source: SearchSource, parsed: ParsedQuery) -> tuple[str, list[str]]:
    """SQL true when a title of row `s` matches: one GIN lookup, hashed."""
    texts = parsed.texts
    if not texts:  # every word was dropped by the parser (e.g. only markup): nothing matches
        return "FALSE", []
    query = " || ".join("%s::tsquery" for _ in texts)
    return (
        f"(s.{source.key} IN (SELECT {source.key} FROM {source.rows} WHERE titles @@ ({query})))",
        texts,
    )
