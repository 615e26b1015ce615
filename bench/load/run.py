"""The command line: check the library, prepare, serve, load, report."""

# ruff: noqa: S603, S607  (our own interpreter and git, fixed argv)
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.library_search.common import (
    BENCH_DIR,
    BENCH_FILE,
    DEFAULT_DSN,
    MEDIA_ROOT,
    OUT_DIR,
    LibrarySizeMismatch,
    error,
    log,
    output_path,
    require_library_size,
    run_facts,
)
from bench.load import members as members_
from bench.load import plan as plan_
from bench.load.report import print_tables, summarise, verdicts
from bench.load.server import environment, free_port, gunicorn

ROOT = BENCH_DIR.parent
REDIS_URL = "redis://127.0.0.1:6379/9"  # the benchmark's own Redis database, flushed each run
CLOSED_LOOP = (  # (phase, page, path key or path, with a member's session)
    ("bare", "bare", "/_bench/bare/", False),
    ("bare_session", "bare", "/_bench/bare/", True),
    ("home_loop", "home", "home", True),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument(
        "--docs", type=int, default=100_000, help="library size the database must hold"
    )
    parser.add_argument("--database", default="scn_hub_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="server, without a database name")
    parser.add_argument("--users", type=int, default=50, help="members logged in and loading")
    parser.add_argument(
        "--form-logins",
        type=int,
        default=5,
        help="members logged in through the login form, paced under its rate limit; the "
        "others get their session server-side (--form-logins 50: everyone, ~2 minutes)",
    )
    parser.add_argument("--seconds", type=float, default=120, help="measured journeys phase")
    parser.add_argument("--warmup", type=float, default=15, help="journeys warm-up (spawning)")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    parser.add_argument("--closed-users", type=int, default=16, help="closed-loop concurrency")
    parser.add_argument("--closed-seconds", type=float, default=10, help="per closed-loop phase")
    parser.add_argument("--closed-rounds", type=int, default=3, help="interleaved closed rounds")
    parser.add_argument("--closed-warmup", type=float, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=None, help="default: first free of 8810-8819")
    parser.add_argument("--documents", type=int, default=400, help="documents the members open")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--search-cache",
        type=int,
        default=None,
        metavar="SECONDS",
        help="HUB_SEARCH_CACHE_SECONDS of the server (default: the site's; 0: no cached matches)",
    )
    parser.add_argument(
        "--publish",
        action="store_true",
        help="write the committed bench/results-load-<docs>.json (default: bench/out/, stamped)",
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    args = parser.parse_args(argv)
    if args.port is not None and args.port not in range(8810, 8820):
        parser.error("--port must be one of 8810-8819")
    return args


def main(argv: list[str] | None = None) -> int:
    """The command line; 2 when the database does not hold --docs generated documents."""
    args = parse_args(argv)
    try:
        return run(args)
    except LibrarySizeMismatch as exc:
        return error(str(exc))


def database_exists(dsn: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{dsn}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def code_version() -> dict[str, Any]:
    """The commit measured and the application files that differ from it."""

    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "hub", "library", "templates", "static")
    return {
        "root": str(ROOT),
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_app_files": changed.splitlines(),
    }


def closed_phases(args: argparse.Namespace, paths: dict[str, str]) -> list[dict[str, Any]]:
    phases = []
    for number in range(1, args.closed_rounds + 1):
        for name, page, path, session in CLOSED_LOOP:
            phases.append(
                {
                    "name": f"{name}.{number}",
                    "kind": "closed",
                    "page": page,
                    "path": paths.get(path, path),
                    "session": session,
                    "users": args.closed_users,
                    "spawn_rate": args.closed_users,
                    "warmup_s": args.closed_warmup,
                    "seconds": args.closed_seconds,
                    "stop_timeout_s": 2,
                }
            )
    return phases


def prepare_media() -> None:
    """The one file every generated document points to, so that downloads send bytes."""
    path = MEDIA_ROOT / BENCH_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ("Synthetic document of the load benchmark.\n" * 30)[:1000].encode()
    if not path.is_file() or path.read_bytes() != body:
        path.write_bytes(body)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    if not database_exists(args.dsn, args.database):
        return error(
            f"database {args.database} does not exist; generate it first: "
            f"python -m bench.library_search --database {args.database} --docs {args.docs} "
            "--generate-only"
        )
    port = free_port(args.port)
    base_url = f"http://127.0.0.1:{port}"
    static_root = Path(tempfile.mkdtemp(prefix="scn_bench_static_"))
    settings_env = {
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{args.dsn}/{args.database}",
        "REDIS_URL": REDIS_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "consolemail://",
        "HUB_MEDIA_ROOT": str(MEDIA_ROOT),
        "HUB_STATIC_ROOT": str(static_root),
        "HUB_SITE_URL": base_url,
        "HUB_LOG_LEVEL": "WARNING",
    }
    if args.search_cache is not None:
        settings_env["HUB_SEARCH_CACHE_SECONDS"] = str(args.search_cache)
    env = environment(settings_env)
    os.environ.update(settings_env)
    try:
        return measure(args, env, base_url, port, stamp, started)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


def measure(
    args: argparse.Namespace,
    env: dict[str, str],
    base_url: str,
    port: int,
    stamp: str,
    started: float,
) -> int:
    import django

    django.setup()
    import redis
    from django.conf import settings
    from django.core.management import call_command

    held = require_library_size(args.docs, args.database)
    log(f"Database {args.database}: {held:,} generated documents (--docs {args.docs:,}).")
    load_before = os.getloadavg()
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    redis.Redis.from_url(REDIS_URL).flushdb()
    call_command("collectstatic", verbosity=0, interactive=False)
    prepare_media()
    log(f"Migrated, Redis db 9 flushed, static files collected in {time.perf_counter() - t:.1f}s.")

    from bench.library_search.generate import database_facts

    facts = database_facts()
    city = members_.member_city()
    members, password = members_.provision_members(args.users, city)
    log(f"{len(members)} members of {city.name} ({city.slug}) ready.")
    paths = plan_.paths()
    terms = plan_.search_terms(facts["published"])
    documents = plan_.member_documents(members[0], args.documents, args.seed)

    logs = OUT_DIR / f"load-{args.docs}-{stamp}"
    logs.mkdir(parents=True, exist_ok=True)
    journeys = {
        "name": "journeys",
        "kind": "journey",
        "session": True,
        "users": args.users,
        "spawn_rate": 10,
        "warmup_s": max(args.warmup, args.users / 10 + 5),
        "seconds": args.seconds,
        "think_s": list(args.think),
        "parts": 2,
        "stop_timeout_s": args.think[1] + 5,
    }
    phases = [journeys, *closed_phases(args, paths)]
    with gunicorn(root=ROOT, port=port, workers=args.workers, env=env, logs=logs) as server:
        log(f"gunicorn: {args.workers} sync workers on {base_url}; logs in {logs}")
        cookies, sessions_info = members_.sessions(
            members, password, base_url=base_url, form_logins=args.form_logins
        )
        members_.check_sessions(base_url, cookies, settings.SESSION_COOKIE_NAME)
        plan = {
            "base_url": base_url,
            "server_pid": server.process.pid,
            "database": args.database,
            "cookie_name": settings.SESSION_COOKIE_NAME,
            "sessions": [c["cookie"] for c in cookies],
            "paths": paths,
            "terms": terms["terms"],
            "facet": terms["facet"],
            "documents": documents,
            "phases": phases,
        }
        budget = sum(p["warmup_s"] + p["seconds"] + p["stop_timeout_s"] + 5 for p in phases)
        log(f"Load: {len(phases)} phases, about {budget / 60:.0f} minutes ...")
        with tempfile.TemporaryDirectory(prefix="scn_bench_load_") as scratch:
            plan_path, swarm_path = Path(scratch) / "plan.json", Path(scratch) / "swarm.json"
            plan_path.write_text(json.dumps(plan), "utf-8")  # holds session cookies: scratch
            subprocess.run(
                [sys.executable, "-m", "bench.load.swarm", str(plan_path), str(swarm_path)],
                cwd=ROOT,
                check=True,
                timeout=budget + 120,
            )
            swarm = json.loads(swarm_path.read_text("utf-8"))
    load_after = os.getloadavg()

    import gunicorn as gunicorn_package

    results: dict[str, Any] = {
        "meta": {
            **run_facts(),
            "code": code_version(),
            "server": f"gunicorn {gunicorn_package.__version__}, {args.workers} sync workers, "
            f"settings bench.load.settings (hub.settings.prod over plain HTTP)",
            "client": f"locust {swarm['locust']} (FastHttpUser), one process",
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "logs": str(logs),
        },
        "database": {"name": args.database, "bench_documents": held, **facts},
        "members": {
            "count": len(members),
            "city": city.slug,
            "documents_opened_from": len(documents),
            **sessions_info,
        },
        "search": {"facet": terms["facet"], "theme_share": terms["theme_share"], **terms["terms"]},
        "phases": phases,
    }
    results |= summarise(swarm, server.access_log, args.workers)
    results["verdicts"] = verdicts(results)
    results["meta"]["run_seconds"] = round(time.perf_counter() - started, 1)
    out = args.out or output_path(
        f"results-load-{args.docs}", ".json", publish=args.publish, stamp=stamp
    )
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), "utf-8")
    print_tables(results)
    log(f"\nResults written to {out} (run took {results['meta']['run_seconds'] / 60:.1f} min)")
    return 0
