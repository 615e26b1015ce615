"""The document page's related documents at library scale: the bounded selector against the
query it replaced, on the same documents, readers and round.

    DJANGO_SETTINGS_MODULE=hub.settings.dev .venv/bin/python -m bench.document_related \\
        --docs 100000 [--documents 200] [--rounds 5]

Runs on the benchmark database (``bench.library_search`` generates it). Documents are sampled
among the published ones, weighted to their number of themes as the library has them; each
round times, interleaved, the selector (``library.selectors.document_related``) and the former
query (every visible document sharing a theme, grouped and counted) for a member and for staff.
Prints p50/p95/max per reader and query; writes the figures to bench/out/ (``--publish``:
bench/results-related-<docs>.json).
"""

# ruff: noqa: S311  (reproducible sampling)
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.library_search.common import BENCH_DIR, DEFAULT_DSN, OUT_DIR, error, setup_django
from bench.library_search.timing import summarise


def _former_related(user: Any, document: Any, limit: int = 5) -> list[Any]:
    """The query the document page ran before: every visible document sharing a theme."""
    from django.db.models import Count, Q

    from library.models import Document

    theme_ids = [t.pk for t in document.themes.all()]
    if not theme_ids:
        return []
    return list(
        Document.objects.visible_to(user)
        .published()
        .exclude(work=document.work)
        .filter(themes__in=theme_ids)
        .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
        .order_by("-shared", "-published_at", "-pk")[:limit]
    )


def _readers() -> dict[str, Any]:
    from bench.library_search.terms import bench_users

    staff, member = bench_users()
    return {"member": member, "staff": staff}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, required=True, help="documents the database holds")
    parser.add_argument("--database", default="scn_hub_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--documents", type=int, default=200, help="pages sampled")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--publish", action="store_true")
    args = parser.parse_args(argv)

    setup_django(args.dsn, args.database)
    from django.db import connection

    from library.models import Document
    from library.selectors import document_get_for_user, document_related

    held = Document.objects.count()
    if held != args.docs:
        return error(f"{args.database} holds {held} documents, not --docs {args.docs}.")
    readers = _readers()
    rng = random.Random(7)
    # Pages every reader may open: the member's visible documents that have a theme.
    ids = list(
        Document.objects.visible_to(readers["member"])
        .published()
        .filter(themes__isnull=False)
        .distinct()
        .values_list("pk", flat=True)
    )
    sample = sorted(set(rng.sample(ids, min(args.documents, len(ids)))))
    queries = {"bounded": document_related, "former": _former_related}
    times: dict[str, dict[str, list[float]]] = {
        reader: {name: [] for name in queries} for reader in readers
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    for round_number in range(1, args.rounds + 1):
        for reader, user in readers.items():
            pages = [document_get_for_user(user=user, pk=pk) for pk in sample]
            order = list(queries.items())
            rng.shuffle(order)
            for name, query in order:
                for page in pages:
                    started = time.perf_counter()
                    query(user=user, document=page)
                    times[reader][name].append((time.perf_counter() - started) * 1000)
        print(f"round {round_number}/{args.rounds} done", flush=True)

    figures: dict[str, Any] = {}
    print(f"\nRelated documents, {held} documents, {len(sample)} pages x {args.rounds} rounds")
    print(f"{'reader':8} {'query':8} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for reader, by_query in times.items():
        for name, samples in by_query.items():
            row = summarise(samples)
            figures.setdefault(reader, {})[name] = row
            print(
                f"{reader:8} {name:8} {row['n']:>6} {row['p50_ms']:>8} "
                f"{row['p95_ms']:>8} {row['max_ms']:>8}"
            )
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": held,
        "database_size": size,
        "pages": len(sample),
        "rounds": args.rounds,
        "target_ms": 10,
        "figures": figures,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = (
        BENCH_DIR / f"results-related-{held}.json"
        if args.publish
        else OUT_DIR / f"results-related-{held}-{stamp}.json"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
