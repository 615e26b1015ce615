"""Stage-2 prototype: a narrow one-row-per-document search table, measured in the bench DB.

    DJANGO_SETTINGS_MODULE=hub.settings.dev .venv/bin/python -m bench.prototypes_doclevel

Builds, in schema ``bench_proto`` of the bench database (never in the project's tables):

- ``bench_proto.docsearch``: per document the columns search filters, orders and facets on
  (status, visibility, language, kind, year, published_at, contributing city, contributor), the
  M2M ids as int[] (themes, cities, regions, shared_with), the metadata vector of each language
  (small, kept inline, for a cheap title/summary rank), and per configuration the *stripped*
  union of the document's chunk vectors (``lex_en``, ``lex_fr``, ``lex_ar``, ``lex_simple``:
  lexemes only, no positions, so no 16,383-position limit), each with a GIN index.
- ``bench_proto.chunk_narrow``: a copy of library_documentchunk with ``toast_tuple_target = 128``
  so text and vector live out of line and the heap row is ~60 bytes (alternative (b): the same
  chunk design, a much smaller heap for bitmap scans).

The prototype search answers total + facets + the candidate window from docsearch alone (one
bitmap OR of four GIN scans, no Filter, nothing detoasted but the small metadata vectors), then
ranks the window exactly with today's chunk rule, and makes the highlights as bench.prototypes
does. For single-word queries its total and facets equal search()'s (checked per query). For
multi-word queries it is deliberately different: a document whose words are in different chunks
matches (today it does not); phrase queries need a recheck on the chunks (see README).
"""

# ruff: noqa: S608  (SQL assembled from constants of library.search and of this module)
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from typing import Any

from bench.library_search import (
    BENCH_DIR,
    CLASS_RANGES,
    DEFAULT_DSN,
    code_fingerprint,
    log,
    setup_django,
)
from bench.prototypes import (
    CONFIG_NAMES,
    PROTO_INDEXES,
    RESCORE_WINDOW,
    TUNED_SETTINGS,
    baseline_summary,
    compare,
    highlights_sql,
    stats,
    time_calls,
    tsq_params,
)

LEX = {"hub_en": "lex_en", "hub_fr": "lex_fr", "hub_ar": "lex_ar", "hub_simple": "lex_simple"}
META = {"hub_en": "meta_en", "hub_fr": "meta_fr", "hub_ar": "meta_ar"}

BUILD = [
    "CREATE SCHEMA IF NOT EXISTS bench_proto",
    "CREATE OR REPLACE AGGREGATE bench_proto.tsvector_agg(tsvector) "
    "(SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')",
    "DROP TABLE IF EXISTS bench_proto.docsearch",
    """
CREATE TABLE bench_proto.docsearch AS
SELECT d.id AS document_id, d.status, d.visibility, d.language, d.kind, d.year, d.published_at,
       d.contributing_city_id, d.contributed_by_id,
       ARRAY(SELECT x.theme_id FROM library_document_themes x
              WHERE x.document_id = d.id ORDER BY 1) AS theme_ids,
       ARRAY(SELECT x.city_id FROM library_document_cities x
              WHERE x.document_id = d.id ORDER BY 1) AS city_ids,
       ARRAY(SELECT x.region_id FROM library_document_regions x
              WHERE x.document_id = d.id ORDER BY 1) AS region_ids,
       ARRAY(SELECT x.city_id FROM library_document_shared_with x
              WHERE x.document_id = d.id ORDER BY 1) AS shared_with,
       v.meta_en, v.meta_fr, v.meta_ar, v.lex_en, v.lex_fr, v.lex_ar, v.lex_simple
  FROM library_document d
  LEFT JOIN LATERAL (
      SELECT (array_agg(c.vector) FILTER (WHERE c.kind = 'meta' AND c.config = 'hub_en'))[1]
                 AS meta_en,
             (array_agg(c.vector) FILTER (WHERE c.kind = 'meta' AND c.config = 'hub_fr'))[1]
                 AS meta_fr,
             (array_agg(c.vector) FILTER (WHERE c.kind = 'meta' AND c.config = 'hub_ar'))[1]
                 AS meta_ar,
             strip(bench_proto.tsvector_agg(c.vector) FILTER (WHERE c.config = 'hub_en')) AS lex_en,
             strip(bench_proto.tsvector_agg(c.vector) FILTER (WHERE c.config = 'hub_fr')) AS lex_fr,
             strip(bench_proto.tsvector_agg(c.vector) FILTER (WHERE c.config = 'hub_ar')) AS lex_ar,
             strip(bench_proto.tsvector_agg(c.vector) FILTER (WHERE c.config = 'hub_simple'))
                 AS lex_simple
        FROM library_documentchunk c WHERE c.document_id = d.id
  ) v ON true
""",
    "ALTER TABLE bench_proto.docsearch ADD PRIMARY KEY (document_id)",
    # v2: the three many-to-many facets as one int[] of keys (kind * 10^7 + id), so one unnest
    # and one hash aggregate count them all.
    "ALTER TABLE bench_proto.docsearch ADD COLUMN facet_keys bigint[]",
    "UPDATE bench_proto.docsearch SET facet_keys = "
    "ARRAY(SELECT 10000000 + u FROM unnest(theme_ids) u) "
    "|| ARRAY(SELECT 20000000 + u FROM unnest(city_ids) u) "
    "|| ARRAY(SELECT 30000000 + u FROM unnest(region_ids) u)",
    "VACUUM FULL bench_proto.docsearch",
    *[f"CREATE INDEX ON bench_proto.docsearch USING gin ({col})" for col in LEX.values()],
    "VACUUM ANALYZE bench_proto.docsearch",
    "DROP TABLE IF EXISTS bench_proto.chunk_narrow",
    "CREATE TABLE bench_proto.chunk_narrow (LIKE library_documentchunk) "
    "WITH (toast_tuple_target = 128)",
    "ALTER TABLE bench_proto.chunk_narrow ALTER COLUMN text SET STORAGE EXTERNAL, "
    "ALTER COLUMN vector SET STORAGE EXTERNAL",
    "INSERT INTO bench_proto.chunk_narrow SELECT * FROM library_documentchunk",
    *[
        f"CREATE INDEX ON bench_proto.chunk_narrow USING gin (vector) WHERE config = '{c}'"
        for c in CONFIG_NAMES
    ],
    "CREATE INDEX ON bench_proto.chunk_narrow (document_id)",
    "VACUUM ANALYZE bench_proto.chunk_narrow",
]


def match_sql(prefix: str = "s") -> str:
    """Index-only OR of the four configurations; the constants let the planner see the term."""
    return (
        "("
        + " OR ".join(
            f"{prefix}.{LEX[c]} @@ websearch_to_tsquery('{c}', %(q_{c})s)" for c in CONFIG_NAMES
        )
        + ")"
    )


def meta_rank_sql() -> str:
    return (
        "greatest("
        + ", ".join(
            f"coalesce(ts_rank(s.{col}, websearch_to_tsquery('{c}', %(q_{c})s)), 0)"
            for c, col in META.items()
        )
        + ")"
    )


def visibility_sql(user: Any) -> tuple[str, dict[str, Any]]:
    if user.is_staff_curator:
        return "s.status = 'published'", {}
    sql = (
        "s.status = 'published' AND (s.visibility IN ('public', 'members')"
        " OR s.contributed_by_id = %(user_id)s"
    )
    params: dict[str, Any] = {"user_id": user.pk}
    if user.city_id:
        sql += (
            " OR (s.visibility = 'cities' AND (s.contributing_city_id = %(city_id)s"
            " OR %(city_id)s = ANY(s.shared_with)))"
        )
        params["city_id"] = user.city_id
    return sql + ")", params


def filters_sql(params: Any, ids: dict[str, dict[str, int]]) -> tuple[str, dict[str, Any]]:
    parts, values = [], {}
    for name, column in (
        ("themes", "theme_ids"),
        ("cities", "city_ids"),
        ("regions", "region_ids"),
    ):
        if getattr(params, name):
            parts.append(f"s.{column} && %(f_{name})s::bigint[]")
            values[f"f_{name}"] = [
                ids[name][slug] for slug in getattr(params, name) if slug in ids[name]
            ]
    for name, column in (("languages", "language"), ("kinds", "kind"), ("years", "year")):
        if getattr(params, name):
            parts.append(f"s.{column} = ANY(%(f_{name})s)")
            values[f"f_{name}"] = list(getattr(params, name))
    return "".join(f" AND {p}" for p in parts), values


def doclevel_sql(user: Any, params: Any, ids: dict[str, dict[str, int]]) -> tuple[str, dict]:
    from library.search import MATCH, PAGE_SIZE, QUERY_FOR_CHUNK

    visible, visible_params = visibility_sql(user)
    filters, filter_params = filters_sql(params, ids)
    offset = (params.page - 1) * PAGE_SIZE
    q_cte = (
        "q AS (SELECT "
        + ", ".join(f"websearch_to_tsquery('{c}', %(q_{c})s) AS {c}" for c in CONFIG_NAMES)
        + ")"
    )
    sql = f"""
WITH {q_cte},
m AS MATERIALIZED (
    SELECT s.document_id AS id, s.published_at, s.language, s.kind, s.year,
           s.theme_ids, s.city_ids, s.region_ids, {meta_rank_sql()} AS meta_rank
      FROM bench_proto.docsearch s
     WHERE {match_sql()} AND {visible}{filters}
),
window_ AS (
    SELECT id, published_at FROM m
     ORDER BY meta_rank DESC, published_at DESC NULLS LAST, id DESC LIMIT {RESCORE_WINDOW}
),
ranked AS (
    SELECT w.id, w.published_at,
           (SELECT max(ts_rank(c.vector, {QUERY_FOR_CHUNK}))
              FROM library_documentchunk c, q WHERE c.document_id = w.id AND {MATCH}) AS rank
      FROM window_ w
)
SELECT 'total', NULL, count(*) FROM m
UNION ALL (SELECT 'page', NULL, id FROM ranked
            ORDER BY rank DESC, published_at DESC NULLS LAST, id DESC
            LIMIT {PAGE_SIZE} OFFSET {offset})
UNION ALL SELECT 'theme', t.slug, x.n FROM (SELECT u, count(*) AS n FROM m, unnest(m.theme_ids) u
    GROUP BY u) x JOIN hub_theme t ON t.id = x.u
UNION ALL SELECT 'city', t.slug, x.n FROM (SELECT u, count(*) AS n FROM m, unnest(m.city_ids) u
    GROUP BY u) x JOIN hub_city t ON t.id = x.u
UNION ALL SELECT 'region', t.slug, x.n FROM (SELECT u, count(*) AS n FROM m,
    unnest(m.region_ids) u GROUP BY u) x JOIN hub_region t ON t.id = x.u
UNION ALL SELECT 'language', language, count(*) FROM m GROUP BY language
UNION ALL SELECT 'kind', kind, count(*) FROM m GROUP BY kind
UNION ALL SELECT 'year', year::text, count(*) FROM m WHERE year IS NOT NULL GROUP BY year
"""
    return sql, {**tsq_params(params.query), **visible_params, **filter_params}


def doclevel_v2_sql(user: Any, params: Any, ids: dict[str, dict[str, int]]) -> tuple[str, dict]:
    """v2: facets in two passes over m (one unnest of facet_keys, one GROUPING SETS)."""
    from library.search import MATCH, PAGE_SIZE, QUERY_FOR_CHUNK

    visible, visible_params = visibility_sql(user)
    filters, filter_params = filters_sql(params, ids)
    offset = (params.page - 1) * PAGE_SIZE
    q_cte = (
        "q AS (SELECT "
        + ", ".join(f"websearch_to_tsquery('{c}', %(q_{c})s) AS {c}" for c in CONFIG_NAMES)
        + ")"
    )
    sql = f"""
WITH {q_cte},
m AS MATERIALIZED (
    SELECT s.document_id AS id, s.published_at, s.language, s.kind, s.year, s.facet_keys,
           {meta_rank_sql()} AS meta_rank
      FROM bench_proto.docsearch s
     WHERE {match_sql()} AND {visible}{filters}
),
window_ AS (
    SELECT id, published_at FROM m
     ORDER BY meta_rank DESC, published_at DESC NULLS LAST, id DESC LIMIT {RESCORE_WINDOW}
),
ranked AS (
    SELECT w.id, w.published_at,
           (SELECT max(ts_rank(c.vector, {QUERY_FOR_CHUNK}))
              FROM library_documentchunk c, q WHERE c.document_id = w.id AND {MATCH}) AS rank
      FROM window_ w
)
SELECT 'total', NULL, count(*), NULL::bigint FROM m
UNION ALL (SELECT 'page', NULL, id, NULL FROM ranked
            ORDER BY rank DESC, published_at DESC NULLS LAST, id DESC
            LIMIT {PAGE_SIZE} OFFSET {offset})
UNION ALL SELECT 'key', NULL, count(*), k FROM (SELECT unnest(facet_keys) AS k FROM m) x
    GROUP BY k
UNION ALL SELECT CASE WHEN GROUPING(language) = 0 THEN 'language'
                      WHEN GROUPING(kind) = 0 THEN 'kind' ELSE 'year' END,
                 coalesce(language, kind, year::text), count(*), NULL
            FROM m GROUP BY GROUPING SETS ((language), (kind), (year))
"""
    return sql, {**tsq_params(params.query), **visible_params, **filter_params}


def taxonomy_ids() -> dict[str, dict[str, int]]:
    from hub.models import City, Region, Theme

    return {
        "themes": dict(Theme.objects.values_list("slug", "id")),
        "cities": dict(City.objects.values_list("slug", "id")),
        "regions": dict(Region.objects.values_list("slug", "id")),
    }


def doclevel_search(user: Any, params: Any, ids: dict[str, dict[str, int]]) -> dict[str, Any]:
    from django.db import connection

    from library.models import Document
    from library.search import COUNT_CAP, MARK_END, MARK_START, _languages, mark_highlights

    sql, values = doclevel_sql(user, params, ids)
    facets: dict[str, dict[str, int]] = defaultdict(dict)
    page: list[int] = []
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        for kind, key, number in cursor.fetchall():
            if kind == "total":
                total = number
            elif kind == "page":
                page.append(number)
            else:
                facets[kind][key] = number
        highlights = {}
        if page:
            options = (
                f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, "
                'MinWords=12, FragmentDelimiter=" … "'
            )
            cursor.execute(
                highlights_sql(), {**tsq_params(params.query), "ids": page, "options": options}
            )
            highlights = {doc: mark_highlights(text) for doc, text in cursor.fetchall()}
    by_id = {
        d.pk: d
        for d in Document.objects.filter(pk__in=page)
        .select_related("contributing_city")
        .prefetch_related("cities")
    }
    documents = [by_id[pk] for pk in page if pk in by_id]
    return {
        "total": min(total, COUNT_CAP),
        "exact_total": total,
        "page": page,
        "facets": facets,
        "highlights": highlights,
        "languages": _languages(user, documents),
    }


def doclevel_v2_search(
    user: Any, params: Any, ids: dict[str, dict[str, int]], slugs: dict[int, tuple[str, str]]
) -> dict[str, Any]:
    """v2: exact GIN bitmap path forced for the statement, facets in two passes."""
    from django.db import connection, transaction

    from library.models import Document
    from library.search import COUNT_CAP, MARK_END, MARK_START, _languages, mark_highlights

    sql, values = doclevel_v2_sql(user, params, ids)
    facets: dict[str, dict[str, int]] = defaultdict(dict)
    page: list[int] = []
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner prices `lex @@ q` as cheap and picks a seq scan for frequent words, which
        # detoasts every lexeme vector; the bitmap from the GIN index needs no recheck at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    for kind, key, number, facet_key in rows:
        if kind == "total":
            total = number
        elif kind == "page":
            page.append(number)
        elif kind == "key":
            facet, slug = slugs[facet_key]
            facets[facet][slug] = number
        elif key is not None:
            facets[kind][key] = number
    highlights = {}
    if page:
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, "
            'MinWords=12, FragmentDelimiter=" … "'
        )
        with connection.cursor() as cursor:
            cursor.execute(
                highlights_sql(), {**tsq_params(params.query), "ids": page, "options": options}
            )
            highlights = {doc: mark_highlights(text) for doc, text in cursor.fetchall()}
    by_id = {
        d.pk: d
        for d in Document.objects.filter(pk__in=page)
        .select_related("contributing_city")
        .prefetch_related("cities")
    }
    documents = [by_id[pk] for pk in page if pk in by_id]
    return {
        "total": min(total, COUNT_CAP),
        "exact_total": total,
        "page": page,
        "facets": facets,
        "highlights": highlights,
        "languages": _languages(user, documents),
    }


def facet_key_slugs(ids: dict[str, dict[str, int]]) -> dict[int, tuple[str, str]]:
    out = {}
    for number, (facet, name) in enumerate(
        (("theme", "themes"), ("city", "cities"), ("region", "regions")), start=1
    ):
        for slug, pk in ids[name].items():
            out[number * 10_000_000 + pk] = (facet, slug)
    return out


def highlight_costs(term: str, user: Any) -> dict[str, float]:
    """The highlights of one page of `term`, three ways (median of 5, ms)."""
    from django.db import connection

    from library.search import MARK_END, MARK_START, SearchParams, _highlights, search

    page = [d.pk for d in search(user=user, params=SearchParams(query=term)).documents]
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxFragments=2, MaxWords=30, "
        'MinWords=12, FragmentDelimiter=" … "'
    )
    values = {**tsq_params(term), "ids": page, "options": options}

    def proto(excerpt: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(highlights_sql(excerpt), values)
            cursor.fetchall()

    runs = {
        "today: every matching chunk, 4000 chars": lambda: _highlights(page, term),
        "best chunk only, 4000 chars": lambda: proto(4000),
        "best chunk only, 2000 chars": lambda: proto(2000),
    }
    out = {}
    for name, fn in runs.items():
        samples = []
        for _ in range(6):
            t = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - t) * 1000)
        out[name] = round(statistics.median(samples[1:]), 1)
    return out


def match_step_costs(term: str) -> dict[str, float]:
    """Only the match step of a common term: matched documents counted four ways (median ms)."""
    from django.db import connection

    from library.search import MATCH, tsquery_sql

    tsq, tsq_p = tsquery_sql(term)
    p = tsq_params(term)

    def branches(table: str) -> str:
        return " UNION ALL ".join(
            f"SELECT c.document_id FROM {table} c WHERE c.config = '{c}' "
            f"AND c.vector @@ websearch_to_tsquery('{c}', %(q_{c})s)"
            for c in CONFIG_NAMES
        )

    steps = {
        "library_documentchunk, OR-ed configs (today)": (
            f"SELECT count(DISTINCT c.document_id) FROM library_documentchunk c, {tsq} q "
            f"WHERE {MATCH}",
            tsq_p,
        ),
        "library_documentchunk, per-config branches + partial GIN": (
            f"SELECT count(DISTINCT document_id) FROM ({branches('library_documentchunk')}) h",
            p,
        ),
        "chunk_narrow (toast_tuple_target=128), per-config branches": (
            f"SELECT count(DISTINCT document_id) FROM ({branches('bench_proto.chunk_narrow')}) h",
            p,
        ),
        "docsearch, bitmap OR on lex_* (one row per document)": (
            f"SELECT count(*) FROM bench_proto.docsearch s WHERE {match_sql()}",
            p,
        ),
    }
    out = {}
    with connection.cursor() as cursor:
        cursor.execute(TUNED_SETTINGS)
        for name, (sql, params) in steps.items():
            samples = []
            for _ in range(6):
                t = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                samples.append((time.perf_counter() - t) * 1000)
            out[name] = round(statistics.median(samples[1:]), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.prototypes_doclevel")
    parser.add_argument("--docs", type=int, default=100_000, help="which results file to read")
    parser.add_argument("--database", default="scn_hub_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true", help="rebuild bench_proto tables")
    parser.add_argument("--languages", default="en,fr,ar")
    args = parser.parse_args(argv)

    chosen = json.loads((BENCH_DIR / f"results-{args.docs}.json").read_text("utf-8"))
    terms, theme = chosen["terms"], chosen["facet_filter"]["theme"]
    setup_django(args.dsn, args.database)
    from django.db import connection
    from django.utils import translation

    from bench.library_search import bench_users
    from library.search import SearchParams, search

    translation.activate("en")
    staff, member = bench_users()
    users = {"staff": staff, "member": member}
    report: dict[str, Any] = {"rescore_window": RESCORE_WINDOW, "code": code_fingerprint()}

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_regclass('bench_proto.chunk_narrow') IS NOT NULL AND EXISTS (SELECT 1 "
            "FROM information_schema.columns WHERE table_schema = 'bench_proto' "
            "AND table_name = 'docsearch' AND column_name = 'facet_keys')"
        )
        built = cursor.fetchone()[0]
        if args.rebuild or not built:
            log("Building bench_proto.docsearch and bench_proto.chunk_narrow ...")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for statement in BUILD:
                t = time.perf_counter()
                cursor.execute(statement)
                log(f"  {time.perf_counter() - t:6.1f}s  {' '.join(statement.split())[:90]}")
        # The partial GIN indexes of bench.prototypes are needed for one ladder line only.
        for ddl in PROTO_INDEXES.values():
            cursor.execute(ddl)
        cursor.execute(
            "SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)), "
            "pg_size_pretty(pg_relation_size(c.reltoastrelid)), "
            "pg_size_pretty(pg_indexes_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'bench_proto' AND c.relkind = 'r'"
        )
        report["sizes"] = {r[0]: {"heap": r[1], "toast": r[2], "indexes": r[3]} for r in cursor}
    log(f"Sizes: {report['sizes']}")

    log("Match step alone, English terms (median ms) ...")
    report["match_step"] = {}
    for cls in CLASS_RANGES:
        term = terms["en"][cls][0]["term"]
        report["match_step"][f"{cls}/{term}"] = costs = match_step_costs(term)
        log(f"  {cls}/{term}: {json.dumps(costs)}")

    log("Highlights of one page (median ms) ...")
    report["highlights"] = {}
    for cls in CLASS_RANGES:
        term = terms["en"][cls][0]["term"]
        report["highlights"][f"{cls}/{term}"] = costs = highlight_costs(term, staff)
        log(f"  {cls}/{term}: {json.dumps(costs)}")

    ids = taxonomy_ids()
    slugs = facet_key_slugs(ids)
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(TUNED_SETTINGS)
    for language in args.languages.split(","):
        for cls in CLASS_RANGES:
            words = [t["term"] for t in terms[language][cls]]
            if not words:
                continue
            for user_name, user in users.items():
                for variant in ("plain", "faceted"):

                    def make(term: str, variant: str = variant, language: str = language) -> Any:
                        if variant == "faceted":
                            return SearchParams(query=term, themes=[theme], languages=[language])
                        return SearchParams(query=term)

                    def run(term: str, user: Any = user, make: Any = make) -> Any:
                        return doclevel_search(user, make(term), ids)

                    def run_v2(term: str, user: Any = user, make: Any = make) -> Any:
                        return doclevel_v2_search(user, make(term), ids, slugs)

                    row = {"language": language, "class": cls, "user": user_name}
                    row["variant"] = variant
                    for name, fn in (("doclevel", run), ("doclevel_v2", run_v2)):
                        checks = [
                            compare(baseline_summary(search(user=user, params=make(w))), fn(w))
                            for w in words
                        ]
                        samples, _ = time_calls(fn, words, args.runs, args.warmup)
                        row[name] = stats(samples)
                        row[f"{name}_checks"] = {
                            "total_equal": all(c["total_equal"] for c in checks),
                            "facets_equal": all(c["facets_equal"] for c in checks),
                            "page_equal_on_exact_path": all(
                                c["page_equal"] for c in checks if c["exact_path"]
                            ),
                            "page_overlap_min": min(c["page_overlap"] for c in checks),
                            "exact_path_share": round(
                                sum(c["exact_path"] for c in checks) / len(checks), 2
                            ),
                        }
                    rows.append(row)
                    log(
                        f"  {language} {cls:9} {user_name:6} {variant:7} p50/p95 doclevel "
                        f"{row['doclevel']['p50_ms']:6.1f}/{row['doclevel']['p95_ms']:6.1f}  v2 "
                        f"{row['doclevel_v2']['p50_ms']:6.1f}/{row['doclevel_v2']['p95_ms']:6.1f}"
                        f"  {row['doclevel_checks']} {row['doclevel_v2_checks']}"
                    )
    report["comparison"] = rows

    lines = []
    with connection.cursor() as cursor:
        cursor.execute(TUNED_SETTINGS)
        for cls in CLASS_RANGES:
            term = terms["en"][cls][0]["term"]
            for user_name, user in users.items():
                for name, build in (("v1", doclevel_sql), ("v2", doclevel_v2_sql)):
                    sql, values = build(user, SearchParams(query=term), ids)
                    cursor.execute("SET enable_seqscan = " + ("on" if name == "v1" else "off"))
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, values)
                    plan = [r[0] for r in cursor.fetchall()]
                    lines += [f"==== {name} {cls}/{user_name}/{term}", *plan, ""]
            cursor.execute("RESET enable_seqscan")
        for name in PROTO_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    (BENCH_DIR / f"explain-doclevel-{args.docs}.txt").write_text("\n".join(lines), "utf-8")
    out = BENCH_DIR / f"prototypes-doclevel-{args.docs}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    log(f"Written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
