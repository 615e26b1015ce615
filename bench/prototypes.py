"""Prototypes of a faster library search, measured against library.search.search() in the bench DB.

    DJANGO_SETTINGS_MODULE=hub.settings.dev .venv/bin/python -m bench.prototypes --docs 100000

Run bench.library_search first (same --database): this reads the query terms it picked from
bench/results-<docs>.json. Prototype indexes are created under names starting with
``bench_proto_`` and dropped again at the end (``--keep-indexes`` keeps them).

What is compared, per English query class and per user (staff, member of one city):

- ``baseline``: library.search.search(), the full results page.
- ``baseline_tuned``: the same with :data:`TUNED_SETTINGS` on the connection.
- ``proposal``: one SQL statement for total + top 20 + all six facets (:data:`PROPOSAL_SQL`),
  then the highlights of the 20 rows and the same two small ORM queries search() runs. It
  differs from search() in five ways, each measured on its own by :func:`ladder`:
  1. the match is one UNION ALL branch per configuration, each answered by a partial GIN index
     (``bench_proto_gin_<config>``), instead of one OR over all configurations: a bitmap heap
     scan then needs no Filter on ``vector @@ ...`` and never detoasts a body vector;
  2. the matched set is computed once (MATERIALIZED CTE) instead of three times;
  3. visibility is a predicate on the document row (EXISTS for shared_with) instead of
     ``id IN (SELECT DISTINCT ... all visible documents)``;
  4. facets on language/kind/year come from columns carried in the matched set; the document
     columns are read from a covering index (``bench_proto_doc_cover``), not the wide heap;
  5. ranking: exact (max ts_rank over the matched chunks, as today) when at most
     RESCORE_WINDOW documents match; above that, the RESCORE_WINDOW best by title/summary rank
     (small inline vectors) are re-ranked exactly. Highlights run ts_headline on one chunk per
     row instead of on every matching chunk of the row.
  The total, the facet counts and, below RESCORE_WINDOW matches, the page are identical to
  search(); this is checked for every query, and the top-20 overlap is reported above it.
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
    percentile,
    setup_django,
)

RESCORE_WINDOW = 500
# Session settings for the search connection: no JIT (it compiles for 50-150 ms on these
# queries) and no parallel workers (starting one costs ~15 ms; 2 cores are shared anyway).
TUNED_SETTINGS = "SET jit = off; SET max_parallel_workers_per_gather = 0"
CONFIG_NAMES = ("hub_en", "hub_fr", "hub_ar", "hub_simple")

PROTO_INDEXES = {
    **{
        f"bench_proto_gin_{config}": (
            f"CREATE INDEX IF NOT EXISTS bench_proto_gin_{config} ON library_documentchunk "
            f"USING gin (vector) WHERE config = '{config}'"
        )
        for config in CONFIG_NAMES
    },
    # Everything search needs from a document row except titles, in a narrow index: visibility,
    # filters, facets and ordering are answered by index-only scans.
    "bench_proto_doc_cover": (
        "CREATE INDEX IF NOT EXISTS bench_proto_doc_cover ON library_document (id) INCLUDE "
        "(status, visibility, language, kind, year, published_at, contributing_city_id, "
        "contributed_by_id)"
    ),
}


def tsq_cte() -> str:
    return (
        "q AS (SELECT "
        + ", ".join(f"websearch_to_tsquery('{c}', %(q_{c})s) AS {c}" for c in CONFIG_NAMES)
        + ")"
    )


def tsq_params(query: str) -> dict[str, str]:
    from library.search import arabic_normalise

    return {f"q_{c}": arabic_normalise(query) if c == "hub_ar" else query for c in CONFIG_NAMES}


# One branch per configuration: `config = '<c>'` selects the partial GIN index and is then not
# re-evaluated, and nothing reads `vector` except ts_rank on metadata chunks (small, inline).
HIT_BRANCH = (
    "SELECT c.document_id, CASE WHEN c.kind = 'meta' THEN ts_rank(c.vector, q.{c}) END AS mr "
    "FROM library_documentchunk c, q WHERE c.config = '{c}' AND c.vector @@ q.{c}"
)


def visibility_sql(user: Any) -> tuple[str, dict[str, Any]]:
    """Document.objects.visible_to(user).published() as a predicate on the row `d`."""
    if user.is_staff_curator:
        return "d.status = 'published'", {}
    sql = (
        "d.status = 'published' AND (d.visibility IN ('public', 'members')"
        " OR d.contributed_by_id = %(user_id)s"
    )
    params: dict[str, Any] = {"user_id": user.pk}
    if user.city_id:
        sql += (
            " OR (d.visibility = 'cities' AND (d.contributing_city_id = %(city_id)s"
            " OR EXISTS (SELECT 1 FROM library_document_shared_with s"
            " WHERE s.document_id = d.id AND s.city_id = %(city_id)s)))"
        )
        params["city_id"] = user.city_id
    return sql + ")", params


def filters_sql(params: Any) -> tuple[str, dict[str, Any]]:
    parts, values = [], {}
    for name, table, column, model in (
        ("themes", "library_document_themes", "theme_id", "hub_theme"),
        ("cities", "library_document_cities", "city_id", "hub_city"),
        ("regions", "library_document_regions", "region_id", "hub_region"),
    ):
        if getattr(params, name):
            parts.append(
                f"EXISTS (SELECT 1 FROM {table} x JOIN {model} t ON t.id = x.{column} "
                f"WHERE x.document_id = d.id AND t.slug = ANY(%(f_{name})s))"
            )
            values[f"f_{name}"] = list(getattr(params, name))
    for name, column in (("languages", "language"), ("kinds", "kind"), ("years", "year")):
        if getattr(params, name):
            parts.append(f"d.{column} = ANY(%(f_{name})s)")
            values[f"f_{name}"] = list(getattr(params, name))
    return "".join(f" AND {p}" for p in parts), values


def proposal_sql(user: Any, params: Any) -> tuple[str, dict[str, Any]]:
    from library.search import COUNT_CAP, MATCH, PAGE_SIZE, QUERY_FOR_CHUNK

    visible, visible_params = visibility_sql(user)
    filters, filter_params = filters_sql(params)
    hits = " UNION ALL ".join(HIT_BRANCH.format(c=c) for c in CONFIG_NAMES)
    offset = (params.page - 1) * PAGE_SIZE
    sql = f"""
WITH {tsq_cte()},
hit AS ({hits}),
m AS MATERIALIZED (
    SELECT h.document_id AS id, max(h.mr) AS meta_rank, d.language, d.kind, d.year,
           d.published_at
      FROM hit h JOIN library_document d ON d.id = h.document_id
     WHERE {visible}{filters}
     GROUP BY h.document_id, d.language, d.kind, d.year, d.published_at
),
total AS (SELECT count(*) AS n FROM m),
window_ AS (
    SELECT id, published_at FROM m
     ORDER BY meta_rank DESC NULLS LAST, published_at DESC NULLS LAST, id DESC
     LIMIT {RESCORE_WINDOW}
),
ranked AS (
    SELECT w.id, w.published_at,
           (SELECT max(ts_rank(c.vector, {QUERY_FOR_CHUNK}))
              FROM library_documentchunk c, q WHERE c.document_id = w.id AND {MATCH}) AS rank
      FROM window_ w
),
page AS (
    SELECT id FROM ranked ORDER BY rank DESC, published_at DESC NULLS LAST, id DESC
     LIMIT {PAGE_SIZE} OFFSET {offset}
)
SELECT 'total', NULL, (SELECT n FROM total) , NULL
UNION ALL SELECT 'page', NULL, id, NULL FROM page
UNION ALL SELECT 'theme', t.slug, count(*), NULL FROM m
    JOIN library_document_themes x ON x.document_id = m.id JOIN hub_theme t ON t.id = x.theme_id
    GROUP BY t.slug
UNION ALL SELECT 'city', t.slug, count(*), NULL FROM m
    JOIN library_document_cities x ON x.document_id = m.id JOIN hub_city t ON t.id = x.city_id
    GROUP BY t.slug
UNION ALL SELECT 'region', t.slug, count(*), NULL FROM m
    JOIN library_document_regions x ON x.document_id = m.id
    JOIN hub_region t ON t.id = x.region_id GROUP BY t.slug
UNION ALL SELECT 'language', language, count(*), NULL FROM m GROUP BY language
UNION ALL SELECT 'kind', kind, count(*), NULL FROM m GROUP BY kind
UNION ALL SELECT 'year', year::text, count(*), NULL FROM m WHERE year IS NOT NULL GROUP BY year
"""
    del COUNT_CAP  # the cap is applied in Python, on an exact count that is now cheap
    return sql, {**tsq_params(params.query), **visible_params, **filter_params}


def highlights_sql(excerpt: int | None = None) -> str:
    """ts_headline on the best matching chunk of each row only (today: on every matching one)."""
    from library.search import EXCERPT_CHARS, MATCH, QUERY_FOR_CHUNK

    excerpt = excerpt or EXCERPT_CHARS
    return f"""
WITH {tsq_cte()},
best AS (
    SELECT DISTINCT ON (c.document_id) c.document_id, c.config, c.text, c.id
      FROM library_documentchunk c, q
     WHERE c.document_id = ANY(%(ids)s) AND {MATCH}
     ORDER BY c.document_id, (c.kind = 'body') DESC, ts_rank(c.vector, {QUERY_FOR_CHUNK}) DESC
)
SELECT b.document_id,
       ts_headline(b.config::regconfig, left(b.text, {excerpt}),
                   CASE b.config {" ".join(f"WHEN '{c}' THEN q.{c}" for c in CONFIG_NAMES)} END,
                   %(options)s)
  FROM best b, q
"""


def proposal_search(user: Any, params: Any) -> dict[str, Any]:
    """Total, page ids, facets and highlights as the proposal computes them."""
    from django.db import connection

    from library.models import Document
    from library.search import COUNT_CAP, MARK_END, MARK_START, _languages, mark_highlights

    sql, values = proposal_sql(user, params)
    facets: dict[str, dict[str, int]] = defaultdict(dict)
    page: list[int] = []
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        for kind, key, number, _ in cursor.fetchall():
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


def baseline_summary(result: Any) -> dict[str, Any]:
    return {
        "total": result.total,
        "page": [d.pk for d in result.documents],
        "facets": {
            name: {v.key: v.count for v in values} for name, values in result.facets.items()
        },
        "highlights": result.highlights,
    }


def compare(base: dict[str, Any], proto: dict[str, Any]) -> dict[str, Any]:
    facets_equal = all(
        base["facets"].get(name, {}) == proto["facets"].get(name, {})
        for name in ("theme", "city", "region", "language", "kind", "year")
    )
    overlap = len(set(base["page"]) & set(proto["page"])) / max(1, len(base["page"]))
    return {
        "total_equal": base["total"] == proto["total"],
        "facets_equal": facets_equal,
        "page_equal": base["page"] == proto["page"],
        "page_overlap": round(overlap, 2),
        "exact_path": proto["exact_total"] <= RESCORE_WINDOW,
        "highlight_docs_equal": set(base["highlights"]) == set(proto["highlights"]),
    }


# --- The cost ladder ---------------------------------------------------------------------------


def ladder(term: str, user: Any) -> dict[str, float]:
    """Each ingredient of a search for `term`, timed alone (median of 5, ms)."""
    from django.db import connection

    from library.search import MATCH, QUERY_FOR_CHUNK, SearchParams, _filtered, tsquery_sql

    tsq, tsq_p = tsquery_sql(term)
    ids_sql, ids_p = (
        _filtered(user, SearchParams(query=term)).order_by().values("pk").query.sql_with_params()
    )
    visible, visible_p = visibility_sql(user)
    branches = " UNION ALL ".join(HIT_BRANCH.format(c=c) for c in CONFIG_NAMES)
    plain_branches = " UNION ALL ".join(
        f"SELECT c.document_id FROM library_documentchunk c, q "
        f"WHERE c.config = '{c}' AND c.vector @@ q.{c}"
        for c in CONFIG_NAMES
    )
    chunk_branches = plain_branches.replace("SELECT c.document_id", "SELECT c.id AS document_id")
    p = tsq_params(term)
    steps: list[tuple[str, str, Any]] = [
        (
            "match OR-ed configs (today): count chunks",
            f"SELECT count(*) FROM library_documentchunk c, {tsq} q WHERE {MATCH}",
            tsq_p,
        ),
        (
            "match per-config branches + partial GIN: count chunks",
            f"WITH {tsq_cte()} SELECT count(*) FROM ({plain_branches}) h",
            p,
        ),
        (
            "today's matched subquery (ts_rank all, visibility IN)",
            "SELECT count(*), sum(r) FROM (SELECT c.document_id, "
            f"max(ts_rank(c.vector, {QUERY_FOR_CHUNK})) AS r "
            f"FROM library_documentchunk c, {tsq} q WHERE {MATCH} "
            f"AND c.document_id IN ({ids_sql}) GROUP BY 1) m",
            [*tsq_p, *ids_p],
        ),
        (
            "ts_rank of every matched chunk (detoast + rank)",
            f"WITH {tsq_cte()} SELECT sum(ts_rank(c.vector, {QUERY_FOR_CHUNK})) "
            f"FROM ({chunk_branches}) h "
            "JOIN library_documentchunk c ON c.id = h.document_id, q",
            p,
        ),
        (
            "proposal matched set m (visibility row predicate, meta rank)",
            f"WITH {tsq_cte()}, hit AS ({branches}) SELECT count(*) FROM ("
            "SELECT h.document_id, max(h.mr) FROM hit h JOIN library_document d "
            f"ON d.id = h.document_id WHERE {visible} GROUP BY 1) m",
            {**p, **visible_p},
        ),
        (
            "visible document set alone, today's IN (SELECT DISTINCT ...)",
            f"SELECT count(*) FROM ({ids_sql}) v",
            ids_p,
        ),
    ]
    out: dict[str, float] = {}
    with connection.cursor() as cursor:
        for name, sql, params in steps:
            samples = []
            for _ in range(6):
                t = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                samples.append((time.perf_counter() - t) * 1000)
            out[name] = round(statistics.median(samples[1:]), 1)
    return out


# --- Main --------------------------------------------------------------------------------------


def time_calls(fn: Any, terms: list[str], runs: int, warmup: int) -> tuple[list[float], list[Any]]:
    for i in range(warmup):
        fn(terms[i % len(terms)])
    samples, outputs = [], []
    for i in range(runs):
        t = time.perf_counter()
        outputs.append(fn(terms[i % len(terms)]))
        samples.append((time.perf_counter() - t) * 1000)
    return samples, outputs


def stats(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.prototypes", description=__doc__)
    parser.add_argument("--docs", type=int, default=100_000, help="which results file to read")
    parser.add_argument("--database", default="scn_hub_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--baseline-runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--languages", default="en,fr,ar")
    parser.add_argument("--keep-indexes", action="store_true")
    args = parser.parse_args(argv)

    results_file = BENCH_DIR / f"results-{args.docs}.json"
    chosen = json.loads(results_file.read_text("utf-8"))
    terms, theme = chosen["terms"], chosen["facet_filter"]["theme"]
    setup_django(args.dsn, args.database)
    from django.db import connection
    from django.utils import translation

    from bench.library_search import bench_users
    from library.search import SearchParams, search

    translation.activate("en")
    staff, member = bench_users()
    users = {"staff": staff, "member": member}
    report: dict[str, Any] = {
        "rescore_window": RESCORE_WINDOW,
        "indexes": PROTO_INDEXES,
        "code": code_fingerprint(),
    }

    def set_indexes(present: bool) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for name, ddl in PROTO_INDEXES.items():
                t = time.perf_counter()
                cursor.execute(ddl if present else f"DROP INDEX IF EXISTS {name}")
                if present:
                    log(f"  {name}: {time.perf_counter() - t:.1f}s")
            cursor.execute("ANALYZE library_documentchunk")
            cursor.execute("ANALYZE library_document")

    cells = []
    for language in args.languages.split(","):
        for cls in CLASS_RANGES:
            words = [t["term"] for t in terms[language][cls]]
            for user_name in users:
                for variant in ("plain", "faceted"):
                    if words:
                        cells.append((language, cls, user_name, variant, words))

    def params_for(term: str, variant: str, language: str) -> Any:
        if variant == "faceted":
            return SearchParams(query=term, themes=[theme], languages=[language])
        return SearchParams(query=term)

    def base_runner(user: Any, variant: str, language: str) -> Any:
        def run(term: str) -> Any:
            return baseline_summary(search(user=user, params=params_for(term, variant, language)))

        return run

    def proto_runner(user: Any, variant: str, language: str) -> Any:
        def run(term: str) -> Any:
            return proposal_search(user, params_for(term, variant, language))

        return run

    def session(tuned: bool) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                TUNED_SETTINGS if tuned else "RESET jit; RESET max_parallel_workers_per_gather"
            )

    measured: dict[tuple, dict[str, Any]] = defaultdict(dict)
    try:
        log("Phase 1: search() as it is, without prototype indexes (default, then tuned settings)")
        set_indexes(False)
        for language, cls, user_name, variant, words in cells:
            key = (language, cls, user_name, variant)
            run = base_runner(users[user_name], variant, language)
            for tuned, name in ((False, "baseline"), (True, "baseline_tuned")):
                session(tuned)
                samples, _ = time_calls(run, words, args.baseline_runs, args.warmup)
                measured[key][name] = stats(samples)
            log(f"  {key}: {measured[key]}")

        log("Phase 2: prototype indexes; search() unchanged (tuned) and the proposal")
        set_indexes(True)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, pg_size_pretty(pg_relation_size(oid)) FROM pg_class "
                "WHERE relname LIKE 'bench_proto_%%' OR relname = 'chunk_vector_gin'"
            )
            report["index_sizes"] = dict(cursor.fetchall())
        log(f"  sizes: {report['index_sizes']}")
        session(True)
        log("Cost ladder (median ms, English terms, tuned settings, prototype indexes) ...")
        report["ladder"] = {}
        for cls in CLASS_RANGES:
            term = terms["en"][cls][0]["term"]
            for user_name, user in users.items():
                steps = ladder(term, user)
                report["ladder"][f"{cls}/{user_name}/{term}"] = steps
                log(f"  {cls}/{user_name}/{term}: {json.dumps(steps)}")

        rows = []
        for language, cls, user_name, variant, words in cells:
            key = (language, cls, user_name, variant)
            user = users[user_name]
            base, proto = (
                base_runner(user, variant, language),
                proto_runner(user, variant, language),
            )
            samples, _ = time_calls(base, words, args.baseline_runs, args.warmup)
            measured[key]["baseline_tuned_indexes"] = stats(samples)
            checks = [compare(base(w), proto(w)) for w in words]
            samples, _ = time_calls(proto, words, args.runs, args.warmup)
            measured[key]["proposal"] = stats(samples)
            row = {
                "language": language,
                "class": cls,
                "user": user_name,
                "variant": variant,
                **measured[key],
                "checks": {
                    "total_equal": all(c["total_equal"] for c in checks),
                    "facets_equal": all(c["facets_equal"] for c in checks),
                    "page_equal_on_exact_path": all(
                        c["page_equal"] for c in checks if c["exact_path"]
                    ),
                    "page_overlap_min": min(c["page_overlap"] for c in checks),
                    "exact_path_share": round(
                        sum(c["exact_path"] for c in checks) / len(checks), 2
                    ),
                    "highlight_docs_equal_on_exact_path": all(
                        c["highlight_docs_equal"] for c in checks if c["exact_path"]
                    ),
                },
            }
            rows.append(row)
            log(
                f"  {language} {cls:9} {user_name:6} {variant:7} p95 ms: baseline "
                f"{row['baseline']['p95_ms']:7.1f}  tuned {row['baseline_tuned']['p95_ms']:7.1f}  "
                f"tuned+indexes {row['baseline_tuned_indexes']['p95_ms']:7.1f}  proposal "
                f"{row['proposal']['p95_ms']:6.1f}  {row['checks']}"
            )
        report["comparison"] = rows

        log("EXPLAIN ANALYZE of the proposal, one English term per class (staff, member) ...")
        lines = []
        with connection.cursor() as cursor:
            cursor.execute(TUNED_SETTINGS)
            for cls in CLASS_RANGES:
                term = terms["en"][cls][0]["term"]
                for user_name, user in users.items():
                    sql, values = proposal_sql(user, SearchParams(query=term))
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, values)
                    lines += [
                        f"==== {cls}/{user_name}/{term}",
                        *[r[0] for r in cursor.fetchall()],
                        "",
                    ]
        explain = BENCH_DIR / f"explain-proposal-{args.docs}.txt"
        explain.write_text("\n".join(lines), "utf-8")
        log(f"  written to {explain}")
    finally:
        if not args.keep_indexes:
            with connection.cursor() as cursor:
                for name in PROTO_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
            log("Prototype indexes dropped.")

    out = BENCH_DIR / f"prototypes-{args.docs}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), "utf-8")
    log(f"Written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
