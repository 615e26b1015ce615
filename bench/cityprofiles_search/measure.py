"""The directory's results page, timed through Django's test client, and the command line.

Server time here is the time of the whole request inside the process (URL resolution,
middleware, session, the view, the engine's statements, the template), as the test client runs
it; what a WSGI server adds (parsing the request, writing the response) is not in it. The
engine's cache is off (bench.library_search.common.setup_django): every search runs its
statements; ``--engine-cache 600`` times the site as configured by default, where a repeated
search reads its matches from the cache.
"""

# ruff: noqa: S311  (reproducible synthetic data; timing only)
from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bench.library_search.common import (
    DEFAULT_DSN,
    ensure_database,
    log,
    migrate_and_load,
    output_path,
    run_facts,
    setup_django,
)
from bench.library_search.timing import percentile

if TYPE_CHECKING:
    from collections.abc import Callable

TARGET_MS = 30.0  # issue 12: p95 of a search results page, server time
REFERENCE = "reference: trivial page"


def _counting() -> tuple[Callable[..., Any], list[int]]:
    """A connection execute wrapper that counts the queries (cheaper than capturing them)."""
    counter = [0]

    def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, ctx)

    return wrapper, counter


def time_url(
    url: str, *, user: Any, runs: int = 40, warmup: int = 3, client: Any = None
) -> dict[str, Any]:
    """Time GET `url` as `user` through Django's test client: p50/p95 of `runs` requests after
    `warmup` untimed ones, and the queries of a request. For any page of the site (the city
    page, say): ``time_url("/en/cities/tripoli/", user=member)``."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    # The test client's host. Not setup_test_environment(): its instrumented template
    # rendering (a copy of every context, for tests to read) is no part of a server's time.
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if client is None:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    samples: list[float] = []
    queries: set[int] = set()
    for _ in range(runs):
        wrapper, counter = _counting()
        with connection.execute_wrapper(wrapper):
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(counter[0])
    return {
        "url": url,
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "max_ms": round(max(samples), 1),
        "queries": sorted(queries),
        "samples": samples,
    }


def _total(url: str, user: Any) -> int:
    """How many cities the directory finds at `url` (a /<language>/cities/?... address)."""
    from django.http import QueryDict
    from django.utils import translation

    from cityprofiles import search

    language = url.split("/")[1]
    with translation.override(language):
        params = search.params_from(QueryDict(url.partition("?")[2]))
        return search.search(user=user, params=params).total


def _engine_ms(url: str, user: Any, runs: int) -> list[float]:
    """The engine's part of the page at `url`: cityprofiles.search.search() alone."""
    from django.http import QueryDict
    from django.utils import translation

    from cityprofiles import search

    language = url.split("/")[1]
    samples = []
    with translation.override(language):
        params = search.params_from(QueryDict(url.partition("?")[2]))
        for _ in range(runs):
            started = time.perf_counter()
            search.search(user=user, params=params)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def _member() -> Any:
    from hub.models import City, User
    from hub.models.accounts import Role

    city = City.objects.get(slug="tripoli")
    user, _created = User.objects.get_or_create(
        email="bench-directory@scn-bench.invalid",
        defaults={"city": city, "roles": [Role.OFFICIAL], "is_active": True},
    )
    return user


def _theme() -> tuple[str, int]:
    """The theme the most cities work on (through their challenges and practices)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.slug, count(*) FROM cityprofiles_citysearch s, unnest(s.theme_ids) i "
            "JOIN hub_theme t ON t.id = i GROUP BY t.slug ORDER BY count(*) DESC, t.slug LIMIT 1"
        )
        slug, cities = cursor.fetchone()
    return str(slug), int(cities)


def _mentoring_theme() -> str | None:
    from hub.models import Theme

    theme = Theme.objects.filter(slug__icontains="mentor").first()
    return theme.slug if theme else None


CELLS: dict[str, list[str]] = {
    # query strings of /<language>/cities/, by cell; filled with the theme at run time
    "browse": ["", "?sort=name"],
    "words": [
        "?q=mentoring",
        "?q=mentorat",
        "?q=الإرشاد",
        "?q=youth+engagement",
        "?q=prevention",
        "?q=%22online+hate+speech%22",
        "?q=radicalisation+-schools",
    ],
    "theme": ["?theme={theme}", "?theme={mentoring}"],
    "words+theme": ["?q=mentoring&theme={theme}", "?q=jeunes&theme={theme}"],
}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    # Static URLs without the collected manifest (which a checkout may not have built): a
    # dictionary lookup either way.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    member = _member()
    client = Client()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    theme, theme_cities = _theme()
    mentoring = _mentoring_theme() or theme
    urls = {
        cell: [
            f"/{language}/cities/" + q.format(theme=theme, mentoring=mentoring)
            for q in queries
            for language in ("en", "fr", "ar")
        ]
        for cell, queries in CELLS.items()
    }
    # A reference first in every round, as bench.city_page's: a trivial page of the same stack
    # (URL resolution, middleware, session, a template), so that the machine's speed at that
    # moment is seen beside the directory's figures.
    urls = {REFERENCE: [reverse("hub:accessrequest-sent")], **urls}
    samples: dict[str, list[float]] = {cell: [] for cell in urls}
    engine: dict[str, list[float]] = {cell: [] for cell in urls}
    by_round: dict[str, list[float]] = {cell: [] for cell in urls}
    queries: dict[str, set[int]] = {cell: set() for cell in urls}
    per_url: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for round_number in range(args.rounds):
        for cell, cell_urls in urls.items():
            taken: list[float] = []
            for url in cell_urls:
                # The reference is one URL against a cell's many: more requests of it.
                runs = args.runs * 5 if cell == REFERENCE else args.runs
                result = time_url(url, user=member, runs=runs, warmup=args.warmup, client=client)
                taken += result["samples"]
                per_url.setdefault(url, []).extend(result["samples"])
                queries[cell].update(result["queries"])
                if cell == REFERENCE:
                    continue
                engine[cell] += _engine_ms(url, member, args.runs)
                if round_number == 0:
                    hits[url] = _total(url, member)
            samples[cell] += taken
            by_round[cell].append(round(percentile(taken, 0.95), 1))
        log(
            f"  round {round_number + 1}/{args.rounds}: "
            + ", ".join(f"{c} p95 {by_round[c][-1]} ms" for c in urls)
        )
    reference_p50 = statistics.median(samples[REFERENCE])
    cells = {
        cell: {
            "n": len(values),
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "max_ms": round(max(values), 1),
            "p95_by_round_ms": by_round[cell],
            **(
                {
                    "engine_p50_ms": round(statistics.median(engine[cell]), 1),
                    "engine_p95_ms": round(percentile(engine[cell], 0.95), 1),
                }
                if engine[cell]
                else {}
            ),
            # The machine's speed varies by more than twice between sessions: the p95 also as a
            # multiple of the reference's p50, measured in the same rounds.
            "p95_per_reference_p50": round(percentile(values, 0.95) / reference_p50, 1),
            "queries": sorted(queries[cell]),
            "urls": urls[cell],
        }
        for cell, values in samples.items()
    }
    return {
        "theme": {"slug": theme, "cities": theme_cities, "mentoring": mentoring},
        "cells": cells,
        "urls": {
            url: {
                "p50_ms": round(statistics.median(v), 1),
                "p95_ms": round(percentile(v, 0.95), 1),
                "results": hits.get(url),
            }
            for url, v in per_url.items()
        },
    }


def _facts() -> dict[str, Any]:
    from django.db import connection

    facts = {}
    with connection.cursor() as cursor:
        for name, sql in {
            "cities": "SELECT count(*) FROM cityprofiles_citysearch",
            "practices": "SELECT count(*) FROM cityprofiles_practice",
            "chunks": "SELECT count(*) FROM cityprofiles_citychunk",
            "chunk_table_mb": "SELECT pg_total_relation_size('cityprofiles_citychunk') / 1e6",
            "documents": "SELECT count(*) FROM library_document",
        }.items():
            cursor.execute(sql)
            facts[name] = float(cursor.fetchone()[0])
    return facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cityprofiles_search")
    parser.add_argument("--database", default="scn_hub_bench_cities")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="server, without a database name")
    parser.add_argument("--practices", type=int, default=30, help="practices per city")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--docs", type=int, default=0, help="synthetic library documents beside the cities"
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds over all cells")
    parser.add_argument("--runs", type=int, default=8, help="timed requests per URL and round")
    parser.add_argument("--warmup", type=int, default=1, help="untimed requests per URL, round")
    parser.add_argument(
        "--engine-cache",
        type=int,
        default=0,
        metavar="SECONDS",
        help="HUB_SEARCH_CACHE_SECONDS while timing (default 0: every search runs the engine's "
        "statements; the site's default is 600: a repeated search reads its matches from the "
        "cache, under the rows' generation)",
    )
    parser.add_argument(
        "--why-cache",
        type=int,
        default=None,
        metavar="SECONDS",
        help="HUB_CITY_WHY_CACHE_SECONDS while timing (default: as --engine-cache; a new search, "
        "or any after a write, computes its why-lists too)",
    )
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument(
        "--publish",
        action="store_true",
        help="write bench/results-cityprofiles-search-cache-<engine cache>.json",
    )
    args = parser.parse_args(argv)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")

    created = ensure_database(args.dsn, args.database)
    log(f"Database {args.database}: {'created' if created else 'exists'}.")
    setup_django(args.dsn, args.database)
    from django.utils import translation

    translation.activate("en")
    started = time.perf_counter()
    migrate_and_load()
    log(f"migrate + scn_data_load: {time.perf_counter() - started:.1f}s")
    from bench.cityprofiles_search.generate import generate
    from bench.library_search.generate import generate_library

    # The library beside the cities, as on the site (issue 12: a library of 100,000 documents):
    # the directory does not read it, but its tables share the server's memory and disks.
    library = generate_library(args.docs, args.database, args.dsn) if args.docs else {}

    results: dict[str, Any] = {"meta": {**run_facts(), "target_p95_ms": TARGET_MS}}
    results["generation"] = generate(practices=args.practices, seed=args.seed)
    results["library"] = library
    log(f"Generation: {results['generation']}")
    results["database"] = _facts()
    log(f"Database facts: {results['database']}")
    if args.generate_only:
        return 0
    from django.conf import settings

    settings.HUB_SEARCH_CACHE_SECONDS = args.engine_cache
    results["meta"]["engine_cache_seconds"] = args.engine_cache
    why = args.engine_cache if args.why_cache is None else args.why_cache
    settings.HUB_CITY_WHY_CACHE_SECONDS = why
    results["meta"]["why_cache_seconds"] = why
    log(f"Timing the directory (the engine's cache: {args.engine_cache} s) ...")
    load_before = os.getloadavg()
    results["directory"] = measure(args)
    # A shared machine: what else ran shows in the load average (2 cores here).
    results["meta"]["load_average"] = {"before": load_before, "after": os.getloadavg()}
    log(f"Load average before / after: {load_before} / {os.getloadavg()}")
    results["verdicts"] = {
        cell: values["p95_ms"] <= TARGET_MS
        for cell, values in results["directory"]["cells"].items()
        if cell != REFERENCE
    }
    # --publish: the committed figures, one file for each engine cache (0: every search is a
    # first visit; 600: as deployed).
    name = (
        f"results-cityprofiles-search-cache-{args.engine_cache}"
        if args.publish
        else f"results-cityprofiles-{args.database}"
    )
    out = output_path(name, ".json", publish=args.publish, stamp=stamp)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), "utf-8")
    log(
        "\n| cell | n | page p50 | page p95 | p95 ÷ reference p50 | p95 by round "
        "| engine p50 / p95 | queries |"
    )
    log("|---|---|---|---|---|---|---|---|")
    for cell, values in results["directory"]["cells"].items():
        log(
            f"| {cell} | {values['n']} | {values['p50_ms']} | {values['p95_ms']} | "
            f"{values['p95_per_reference_p50']} | "
            f"{values['p95_by_round_ms']} | {values.get('engine_p50_ms', '–')} / "
            f"{values.get('engine_p95_ms', '–')} | {values['queries']} |"
        )
    log(f"\nResults written to {out}")
    return 0
