"""Verdicts against the targets, the printed tables, and the command line."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.library_search.common import (
    DEFAULT_DSN,
    TARGETS_MS,
    LibrarySizeMismatch,
    ensure_database,
    error,
    log,
    migrate_and_load,
    output_path,
    require_library_size,
    run_facts,
    setup_django,
)
from bench.library_search.extraction import measure_extraction, measure_time_to_searchable
from bench.library_search.generate import code_fingerprint, database_facts, generate
from bench.library_search.measure import explain_search, measure_raw, measure_search
from bench.library_search.terms import bench_users, facet_theme, pick_terms, published_per_language

# --- Report ------------------------------------------------------------------------------------


def verdicts(results: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for cls, target in TARGETS_MS.items():
        rows = [r for r in results.get("search", []) if r["class"] == cls]
        if rows:
            worst = max(rows, key=lambda r: r["p95_ms"])
            out[f"search_{cls}_p95"] = {
                "target_ms": target,
                "worst_p95_ms": worst["p95_ms"],
                "worst_cell": f"{worst['user']}/{worst['variant']}/{worst['language']}",
                "cells_meeting_target": sum(r["p95_ms"] <= target for r in rows),
                "cells": len(rows),
                "ok": worst["p95_ms"] <= target,
            }
    ext = results.get("extraction") or {}
    if ext.get("ratio_limited_vs_pdftotext") is not None:
        out["extraction_vs_pdftotext"] = {
            "target_ratio": 0.5,
            "ratio": ext["ratio_limited_vs_pdftotext"],
            "ok": ext["ratio_limited_vs_pdftotext"] >= 0.5,
        }
    tts = results.get("time_to_searchable")
    if tts:
        out["time_to_searchable_30_pages"] = {
            "target_s": 10,
            "max_s": tts["max_total_s"],
            "ok": tts["max_total_s"] <= 10 and all(r["found"] for r in tts["runs"]),
        }
    return out


def print_tables(results: dict[str, Any]) -> None:
    log("\n=== Search: full results page (top 20 + total + facets + highlights), ms ===")
    log(f"{'user':7}{'variant':9}{'lang':5}{'class':10}{'n':>4}{'p50':>9}{'p95':>9}{'hits':>8}  "
        "target p95")  # fmt: skip
    for r in results.get("search", []):
        target = TARGETS_MS[r["class"]]
        mark = "ok" if r["p95_ms"] <= target else "MISSED"
        log(
            f"{r['user']:7}{r['variant']:9}{r['language']:5}{r['class']:10}{r['n']:>4}"
            f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['hits_mean']:>8}  {target:>5.0f} {mark}"
        )
    if results.get("raw_sql"):
        log("\n=== Straightforward raw SQL (one config, staff view), ms ===")
        for r in results["raw_sql"]:
            log(
                f"raw    {r['variant']:9}{r['language']:5}{r['class']:10}{r['n']:>4}"
                f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['hits_mean']:>8}"
            )
    log("\n=== Verdicts ===")
    for key, value in results.get("verdicts", {}).items():
        log(f"{key}: {value}")


def main(argv: list[str] | None = None) -> int:
    """The command line; 2 when the database holds another number of documents than --docs."""
    parser = argparse.ArgumentParser(prog="python -m bench.library_search", description=__doc__)
    parser.add_argument("--docs", type=int, default=5000, help="library size to benchmark")
    parser.add_argument("--database", default="scn_hub_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="server, without a database name")
    parser.add_argument("--batch", type=int, default=2000, help="documents per insert batch")
    parser.add_argument("--gen-workers", type=int, default=1, help="text generator processes")
    parser.add_argument("--keep-gin", action="store_true", help="keep the GIN index during load")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds over all cells")
    parser.add_argument("--runs", type=int, default=40, help="timed runs per cell and round")
    parser.add_argument("--raw-runs", type=int, default=3, help="the same, for the raw SQL")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs per cell and round")
    parser.add_argument("--pdfs", type=int, default=30)
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--skip-raw", action="store_true")
    parser.add_argument("--skip-extraction", action="store_true")
    parser.add_argument(
        "--publish",
        action="store_true",
        help="write the committed bench/results-<docs>.json and bench/explain-<docs>.txt "
        "(default: timestamped files in bench/out/)",
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except LibrarySizeMismatch as exc:
        return error(str(exc))


def run(args: argparse.Namespace) -> int:
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")

    created = ensure_database(args.dsn, args.database)
    log(f"Database {args.database}: {'created' if created else 'exists'}.")
    setup_django(args.dsn, args.database)
    from django.utils import translation

    translation.activate("en")
    # More documents than --docs cannot be undone; fewer are generated below.
    require_library_size(args.docs, args.database, at_most=True)
    t = time.perf_counter()
    migrate_and_load()
    log(f"migrate + scn_data_load: {time.perf_counter() - t:.1f}s")

    results: dict[str, Any] = {
        "meta": {
            **run_facts(),
            "docs_requested": args.docs,
            "rounds": args.rounds,
            "runs": args.runs,
            "raw_runs": args.raw_runs,
            "warmup": args.warmup,
            "code": code_fingerprint(),
        }
    }
    results["generation"] = generate(args)
    results["meta"]["bench_documents"] = require_library_size(args.docs, args.database)
    facts = database_facts()
    results["database"] = facts
    log(f"Database facts: {facts}")
    if args.generate_only:
        return 0

    staff, member = bench_users()
    users = {"staff": staff, "member": member}
    log("Picking query terms by measured document frequency ...")
    published_by_language = published_per_language()
    terms = pick_terms(facts["published"], published_by_language)
    theme, theme_share = facet_theme(facts["published"])
    results["terms"] = terms
    results["facet_filter"] = {"theme": theme, "theme_share": round(theme_share, 3)}
    log(f"Faceted variant: theme={theme} ({theme_share:.1%}) + the query's language")

    log("Timing search() ...")
    results["search"] = measure_search(args, terms, users, theme)
    if not args.skip_raw:
        log("Timing the straightforward SQL ...")
        results["raw_sql"] = measure_raw(args, terms, theme)
    log("EXPLAIN ANALYZE of the search queries ...")
    explain_path = output_path(f"explain-{args.docs}", ".txt", publish=args.publish, stamp=stamp)
    results["explain"] = explain_search(terms, users, explain_path)
    log(f"  plans written to {explain_path}")
    if not args.skip_extraction:
        log("Extraction throughput ...")
        results["extraction"] = measure_extraction(args)
        log("Time to searchable ...")
        results["time_to_searchable"] = measure_time_to_searchable(staff, args.seed)
    results["verdicts"] = verdicts(results)
    out = args.out or output_path(
        f"results-{args.docs}", ".json", publish=args.publish, stamp=stamp
    )
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), "utf-8")
    print_tables(results)
    log(f"\nResults written to {out}")
    return 0
