"""Timing: interleaved rounds over every cell, query labels, percentiles."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import math
import statistics
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator


# --- Timing helpers ----------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def summarise(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "mean_ms": round(statistics.fmean(samples), 1),
        "max_ms": round(max(samples), 1),
    }


EXPLAINED = ("matches", "rank", "page_ids", "highlights", "languages", "cities")


def query_label(sql: str) -> str:
    s = sql.lstrip()
    if s.startswith("SELECT set_config"):
        return "parse"
    if s.startswith("SELECT s.document_id"):
        return "page_ids"
    if s.startswith("WITH m AS"):
        return "matches"  # total, facet counts and the first results, in one statement
    if s.startswith("SELECT document_id, coalesce("):
        return "rank"
    if "ts_headline" in s:
        return "highlights"
    if s.startswith("SELECT DISTINCT d.work"):
        return "languages"
    if s.startswith("SELECT dc.document_id"):
        return "cities"
    if s.startswith('SELECT "library_document"'):
        return "page_documents"
    if s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
        return "transaction"
    return "other"


@contextmanager
def query_recorder() -> Iterator[list[tuple[str, str, Any, float]]]:
    """Record (label, sql, params, ms) of every query run on the default connection."""
    from django.db import connection

    records: list[tuple[str, str, Any, float]] = []

    def wrapper(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            records.append((query_label(sql), sql, params, (time.perf_counter() - t) * 1000))

    with connection.execute_wrapper(wrapper):
        yield records


def time_cells(
    cells: list[tuple[Callable[[str], Any], list[str]]], args: argparse.Namespace
) -> list[tuple[list[float], dict[str, list[float]], list[Any], list[float]]]:
    """Time every cell in interleaved rounds; per cell: samples, breakdowns, outputs, round p95s.

    Each round runs every cell once (a short warm-up, then `args.runs` timed runs cycling
    through its terms), so a slow phase of this shared machine falls on all cells alike rather
    than on the few that happened to run during it; the p95 of a cell is taken over the samples
    of all `args.rounds` rounds.
    """
    results: list[tuple[list[float], dict[str, list[float]], list[Any], list[float]]] = [
        ([], defaultdict(list), [], []) for _ in cells
    ]
    for _round in range(args.rounds):
        for (run, terms), (samples, breakdown, outputs, round_p95) in zip(
            cells, results, strict=True
        ):
            for i in range(args.warmup):
                run(terms[i % len(terms)])
            taken: list[float] = []
            for i in range(args.runs):
                with query_recorder() as records:
                    t = time.perf_counter()
                    output = run(terms[i % len(terms)])
                    taken.append((time.perf_counter() - t) * 1000)
                if len(outputs) < len(terms):
                    outputs.append(output)
                per_label: dict[str, float] = defaultdict(float)
                for label, _sql, _params, ms in records:
                    per_label[label] += ms
                for label, ms in per_label.items():
                    breakdown[label].append(ms)
            samples.extend(taken)
            round_p95.append(round(percentile(taken, 0.95), 1))
    return results
