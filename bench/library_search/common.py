"""Constants and small helpers every part of the benchmark shares."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import os
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
GIN_FALLBACK = "CREATE INDEX chunk_vector_gin ON public.library_documentchunk USING gin (vector)"


def log(message: str) -> None:
    print(message, flush=True)


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
