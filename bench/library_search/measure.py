"""What is measured: the search page, the straightforward SQL, the plans."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import argparse
import statistics
from typing import TYPE_CHECKING, Any

from bench.library_search.common import CLASS_RANGES, log
from bench.library_search.timing import EXPLAINED, query_recorder, summarise, time_cells

if TYPE_CHECKING:
    from pathlib import Path

# --- Search measurements -----------------------------------------------------------------------


def measure_search(
    args: argparse.Namespace,
    terms: dict[str, dict[str, list[dict]]],
    users: dict[str, Any],
    theme: str,
) -> list[dict[str, Any]]:
    from hub.search import SearchParams
    from library.search import search

    specs, cells = [], []
    for user_name, user in users.items():
        for variant in ("plain", "faceted"):
            for language in ("en", "fr", "ar"):
                for cls in CLASS_RANGES:
                    words = [t["term"] for t in terms[language][cls]]
                    if not words:
                        continue

                    def run(
                        term: str, user: Any = user, variant: str = variant, lang: str = language
                    ) -> Any:
                        params = SearchParams(query=term)
                        if variant == "faceted":
                            filters = {"theme": (theme,), "language": (lang,)}
                            params = SearchParams(query=term, filters=filters)
                        return search(user=user, params=params)

                    specs.append((user_name, variant, language, cls, words))
                    cells.append((run, words))
    rows = []
    timed = time_cells(cells, args)
    for (user_name, variant, language, cls, words), (samples, breakdown, outputs, p95s) in zip(
        specs, timed, strict=True
    ):
        row = {
            "user": user_name,
            "variant": variant,
            "language": language,
            "class": cls,
            "terms": words,
            **summarise(samples),
            "p95_by_round_ms": p95s,
            "hits_mean": round(statistics.fmean(o.total for o in outputs)),
            "facets_estimated_share": round(
                sum(o.facets_are_estimates for o in outputs) / len(outputs), 2
            ),
            "breakdown_p50_ms": {
                k: round(statistics.median(v), 1) for k, v in sorted(breakdown.items())
            },
        }
        rows.append(row)
        log(
            f"  search {user_name:6} {variant:7} {language} {cls:9} "
            f"n={row['n']:3} p50 {row['p50_ms']:8.1f}  p95 {row['p95_ms']:8.1f} ms  "
            f"hits~{row['hits_mean']}  {row['breakdown_p50_ms']}"
        )
    return rows


RAW_FILTER = (
    " AND d.language = %s AND EXISTS (SELECT 1 FROM library_document_themes ft "
    "JOIN hub_theme th ON th.id = ft.theme_id WHERE ft.document_id = d.id AND th.slug = %s)"
)


def raw_search(term: str, config: str, filters: list[Any] | None) -> dict[str, Any]:
    """The straightforward SQL for one page: GIN match + ts_rank, count, a facet, headlines."""
    from django.db import connection

    where = "c.vector @@ q AND d.status = 'published'" + (RAW_FILTER if filters else "")
    base = (
        "FROM library_documentchunk c JOIN library_document d ON d.id = c.document_id, "
        "websearch_to_tsquery(%s::regconfig, %s) q "
    )
    params = [config, term, *(filters or [])]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.document_id, max(ts_rank(c.vector, q)) AS rank {base} WHERE {where} "
            "GROUP BY c.document_id ORDER BY rank DESC, c.document_id DESC LIMIT 20",
            params,
        )
        top = [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT count(DISTINCT c.document_id) {base} WHERE {where}", params)
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT x.theme_id, count(*) FROM (SELECT DISTINCT c.document_id {base} "
            f"WHERE {where}) m JOIN library_document_themes x ON x.document_id = m.document_id "
            "GROUP BY 1",
            params,
        )
        facet = cursor.fetchall()
        cursor.execute(
            "SELECT h.document_id, ts_headline(%s::regconfig, left(h.text, 2000), q) "
            "FROM (SELECT DISTINCT ON (c.document_id) c.document_id, c.text "
            "FROM library_documentchunk c, websearch_to_tsquery(%s::regconfig, %s) q "
            "WHERE c.document_id = ANY(%s) AND c.vector @@ q "
            "ORDER BY c.document_id, c.kind, c.position) h, "
            "websearch_to_tsquery(%s::regconfig, %s) q",
            [config, config, term, top, config, term],
        )
        headlines = cursor.fetchall()
    return {"top": top, "total": total, "facet_rows": len(facet), "headlines": len(headlines)}


def measure_raw(
    args: argparse.Namespace, terms: dict[str, dict[str, list[dict]]], theme: str
) -> list[dict[str, Any]]:
    from hub.search import config_for

    specs, cells = [], []
    for variant in ("plain", "faceted"):
        for language in ("en", "fr", "ar"):
            for cls in CLASS_RANGES:
                words = [t["term"] for t in terms[language][cls]]
                if not words:
                    continue
                config = config_for(language)
                filters = [language, theme] if variant == "faceted" else None

                def run(term: str, config: str = config, filters: Any = filters) -> Any:
                    return raw_search(term, config, filters)

                specs.append((variant, language, cls))
                cells.append((run, words))
    # The reference is read for its median, and its common cells take seconds a run.
    raw_args = argparse.Namespace(**{**vars(args), "runs": args.raw_runs, "warmup": 1})
    rows = []
    timed = time_cells(cells, raw_args)
    for (variant, language, cls), (samples, _breakdown, outputs, p95s) in zip(
        specs, timed, strict=True
    ):
        row = {
            "variant": variant,
            "language": language,
            "class": cls,
            **summarise(samples),
            "p95_by_round_ms": p95s,
            "hits_mean": round(statistics.fmean(o["total"] for o in outputs)),
        }
        rows.append(row)
        log(
            f"  raw sql {variant:7} {language} {cls:9} n={row['n']:3} "
            f"p50 {row['p50_ms']:8.1f}  p95 {row['p95_ms']:8.1f} ms  "
            f"hits~{row['hits_mean']}"
        )
    return rows


def explain_search(
    terms: dict[str, dict[str, list[dict]]], users: dict[str, Any], out: Path
) -> dict[str, Any]:
    """EXPLAIN ANALYZE of every query search() runs, for one English term per class."""
    from django.db import connection, transaction

    from hub.search import SearchParams
    from library.search import search

    summary: dict[str, Any] = {}
    lines: list[str] = []
    for cls in CLASS_RANGES:
        if not terms["en"][cls]:
            continue
        term = terms["en"][cls][0]["term"]
        for user_name, user in users.items():
            with query_recorder() as records:
                search(user=user, params=SearchParams(query=term))
            key = f"{cls}/{user_name}/{term}"
            summary[key] = {}
            for label, sql, params, _ms in records:
                if label not in EXPLAINED:
                    continue
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(  # as search() does
                        "SELECT set_config('enable_seqscan', 'off', true), "
                        "set_config('max_parallel_workers_per_gather', '0', true), "
                        "set_config('work_mem', '32MB', true)"
                    )
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    plan = [r[0] for r in cursor.fetchall()]
                execution = next(
                    (float(p.split(":")[1].split()[0]) for p in plan if "Execution Time" in p),
                    None,
                )
                jit = next((p.strip() for p in plan if p.strip().startswith("Timing:")), None)
                summary[key][label] = {"execution_ms": execution, "jit": jit}
                lines += [f"==== {key} :: {label}", sql, f"-- params: {params!r}", *plan, ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    return summary
