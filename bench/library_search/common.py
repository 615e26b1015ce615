"""Constants and small helpers every part of the benchmark shares."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parents[1]
DEFAULT_DSN = "postgres://postgres@127.0.0.1:5432"
MEDIA_ROOT = Path(tempfile.gettempdir()) / "scn_bench_media"
PDF_CACHE = Path(tempfile.gettempdir()) / "scn_bench_pdfs_v1"
TARGETS_MS = {"selective": 25.0, "mid": 60.0, "common": 150.0}
CLASS_RANGES = {"selective": (0.0, 0.02), "mid": (0.03, 0.20), "common": (0.80, 1.01)}
TERMS_PER_CLASS = {"en": 6, "fr": 4, "ar": 4}
# The file name every generated document has: what tells them from other documents.
BENCH_FILE = "bench/none"
OUT_DIR = BENCH_DIR / "out"  # runs write here (ignored by git); --publish writes bench/
GIN_FALLBACK = "CREATE INDEX chunk_vector_gin ON public.library_documentchunk USING gin (vector)"


def run_facts() -> dict[str, Any]:
    """When, where and with what a benchmark ran: the head of every results file's meta."""
    import platform
    from datetime import UTC, datetime

    return {
        "date": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "host": platform.node(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "argv": sys.argv[1:],
    }


def log(message: str) -> None:
    print(message, flush=True)


def error(message: str) -> int:
    """Print why the command refuses to run; its exit code (2)."""
    print(f"error: {message}", file=sys.stderr, flush=True)
    return 2


# --- Database and Django ----------------------------------------------------------------------


def ensure_database(dsn: str, name: str) -> bool:
    """Create database `name` if missing (connecting to `postgres`); True when created."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{dsn}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def setup_django(dsn: str, name: str) -> None:
    os.environ["DATABASE_URL"] = f"{dsn}/{name}"
    # DEBUG would keep every SQL statement (hundreds of MB of chunk text) in connection.queries.
    os.environ["DJANGO_DEBUG"] = "false"
    # Files of the time-to-searchable documents go to a scratch directory, not the project.
    os.environ["HUB_MEDIA_ROOT"] = str(MEDIA_ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    # The engine's statements are what is measured: no cached matches (bench.load measures the
    # site with its cache).
    os.environ["HUB_SEARCH_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def migrate_and_load() -> None:
    from django.core.management import call_command

    from hub.services.taxonomy import scn_data_load

    call_command("migrate", verbosity=0, interactive=False)
    scn_data_load()


def scalar(sql: str, params: list[Any] | None = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchone()[0]


class LibrarySizeMismatch(Exception):
    """The database does not hold the library size asked for (the command exits with 2)."""


def bench_document_count() -> int:
    """How many generated documents the database holds (0 before the first migration)."""
    from django.db import connection

    if "library_document" not in connection.introspection.table_names():
        return 0
    return int(scalar("SELECT count(*) FROM library_document WHERE file = %s", [BENCH_FILE]))


def require_library_size(docs: int, database: str, *, at_most: bool = False) -> int:
    """The generated documents of the database; LibrarySizeMismatch unless it holds `docs`.

    `at_most`: fewer is fine (they are about to be generated), more is not: a --docs 10000 run
    on a database of 100,000 documents would measure the 100,000.
    """
    held = bench_document_count()
    if held == docs or (at_most and held < docs):
        return held
    raise LibrarySizeMismatch(
        f"database {database} holds {held:,} generated documents, not --docs {docs:,}. "
        f"Run with --docs {held}, or use another --database for {docs} documents."
    )


def output_path(name: str, suffix: str, *, publish: bool, stamp: str) -> Path:
    """bench/<name><suffix> with --publish (the committed figures), else a timestamped file in
    bench/out/ that no later run overwrites."""
    if publish:
        return BENCH_DIR / f"{name}{suffix}"
    OUT_DIR.mkdir(exist_ok=True)
    return OUT_DIR / f"{name}-{stamp}{suffix}"
