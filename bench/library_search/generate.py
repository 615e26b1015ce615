"""The synthetic library: generation, bulk loading, the database facts."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import argparse
import hashlib
import time
from collections import defaultdict
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context
from typing import Any

from bench.library_search.common import BENCH_DIR, BENCH_FILE, GIN_FALLBACK, log
from hub.search.sql import CHUNK_VECTOR

# --- Generation -------------------------------------------------------------------------------


def load_taxonomy() -> Any:
    from bench.corpus import Taxonomy
    from hub.models import City, Theme

    cities = [
        (c.id, c.name_en, c.name_fr or c.name_en, c.name_ar or c.name_en, c.country.region_id)
        for c in City.objects.select_related("country").order_by("id")
    ]
    themes = list(Theme.objects.order_by("position", "id").values_list("id", flat=True))
    return Taxonomy(cities=cities, theme_ids=themes)


def _generate(seed: int, start: int, count: int, taxonomy: Any) -> list[Any]:
    from bench.corpus import generate_batch

    return generate_batch(seed, start, count, taxonomy)


def insert_batch(docs: list[Any]) -> dict[str, float]:
    """Write one generated batch: documents, M2M rows, chunks, then the vectors in one UPDATE."""
    from django.db import connection, transaction

    from library.models import Document, DocumentChunk

    timings: dict[str, float] = {}
    with transaction.atomic():
        t = time.perf_counter()
        objects = [Document(**d.fields) for d in docs]
        Document.objects.bulk_create(objects, batch_size=1000)
        for name in ("themes", "cities", "regions", "shared_with"):
            field = Document._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = [
                through(**{f"{source}_id": obj.pk, f"{target}_id": value})
                for obj, doc in zip(objects, docs, strict=True)
                for value in getattr(doc, name)
            ]
            through.objects.bulk_create(rows, batch_size=5000)
        timings["documents"] = time.perf_counter() - t

        t = time.perf_counter()
        chunks = [
            DocumentChunk(
                document_id=obj.pk,
                kind=s.kind,
                config=s.config,
                position=s.position,
                page=s.page,
                text=s.text,
            )
            for obj, doc in zip(objects, docs, strict=True)
            for s in doc.chunks
        ]
        DocumentChunk.objects.bulk_create(chunks, batch_size=500)
        timings["chunks"] = time.perf_counter() - t

        t = time.perf_counter()
        ids = [c.pk for c in chunks]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE library_documentchunk SET vector = {CHUNK_VECTOR} "
                "WHERE vector IS NULL AND id BETWEEN %s AND %s",
                [min(ids), max(ids)],
            )
            # The metadata chunks are the database's (migration library 0005); its trigger is
            # off during a large load, and the function is a no-op where they exist already.
            cursor.execute(
                "SELECT library_document_meta_chunks(%s::bigint[])", [[o.pk for o in objects]]
            )
        timings["tsvector"] = time.perf_counter() - t
    timings["n_chunks"] = len(chunks)
    timings["chars"] = sum(len(c.text) for c in chunks)
    return timings


SEARCH_ROW_TABLES = (
    "library_document",
    "library_document_themes",
    "library_document_cities",
    "library_document_regions",
    "library_document_shared_with",
    "library_documentchunk",
)


def suspend_search_rows() -> list[str]:
    """Switch off the search-row triggers and drop the row indexes; returns their definitions."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'library_documentsearch' AND indexdef LIKE '%%USING gin%%'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for table in SEARCH_ROW_TABLES:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    log(f"Suspended the search-row triggers and dropped {len(indexes)} search-row indexes.")
    return [definition for _name, definition in indexes]


def resume_search_rows(index_definitions: list[str]) -> None:
    """Switch the triggers back on, build the missing rows (as migration 0003 does), index."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in SEARCH_ROW_TABLES:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        cursor.execute(
            "INSERT INTO library_documentsearch (document_id, status, visibility, language, "
            "kind, shared_with, theme_ids, city_ids, region_ids) "
            "SELECT id, status, visibility, language, kind, '{}', '{}', '{}', '{}' "
            "FROM library_document d WHERE NOT EXISTS "
            "(SELECT 1 FROM library_documentsearch s WHERE s.document_id = d.id) "
            "RETURNING document_id"
        )
        ids = sorted(row[0] for row in cursor.fetchall())
        for start in range(0, len(ids), 5000):
            cursor.execute(
                "SELECT library_documentsearch_refresh(%s::bigint[])", [ids[start : start + 5000]]
            )
        for definition in index_definitions:
            cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def gin_definition() -> str | None:
    return scalar_or_none(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'chunk_vector_gin'",
    )


def scalar_or_none(sql: str, params: list[Any] | None = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
        return row[0] if row else None


def generate_library(docs: int, database: str, dsn: str) -> dict[str, Any]:
    """The library of `docs` synthetic documents for another benchmark's database (the city
    page's, the directory's), generated as this benchmark generates its own."""
    return generate(
        argparse.Namespace(
            docs=docs,
            database=database,
            dsn=dsn,
            batch=2000,
            gen_workers=1,
            keep_gin=False,
            seed=2026,
        )
    )


def generate(args: argparse.Namespace) -> dict[str, Any]:
    """Add documents until the database holds --docs bench documents."""
    from django.db import connection

    from library.models import Document

    existing = Document.objects.filter(file=BENCH_FILE).count()
    missing = args.docs - existing
    info: dict[str, Any] = {"existing_before": existing, "generated": max(0, missing)}
    if missing <= 0:
        log(f"Database already holds {existing} bench documents; nothing to generate.")
        return info

    drop_gin = not args.keep_gin and missing >= 10_000
    definition = gin_definition() or GIN_FALLBACK
    search_indexes: list[str] = []
    if drop_gin:
        # One CREATE INDEX at the end is several times faster than maintaining the GIN index
        # through 100k+ row updates; the definition is the migration's, read back from Postgres.
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS chunk_vector_gin")
        log("Dropped chunk_vector_gin for the load; it is rebuilt at the end.")
        # Likewise the search rows: their triggers are switched off for the load and the rows
        # of the new documents are built at the end, in a few large statements.
        search_indexes = suspend_search_rows()

    taxonomy = load_taxonomy()
    batches = [
        (start, min(args.batch, existing + missing - start))
        for start in range(existing, existing + missing, args.batch)
    ]
    log(f"Generating {missing} documents in {len(batches)} batches of <= {args.batch}.")
    started = time.perf_counter()
    totals: dict[str, float] = defaultdict(float)
    connection.close()  # never share the socket with the forked generator
    with ProcessPoolExecutor(max_workers=args.gen_workers, mp_context=get_context("fork")) as pool:
        pending: list[Future[Any]] = []
        queue = list(batches)
        done_docs = 0

        def submit() -> None:
            if queue:
                start, count = queue.pop(0)
                pending.append(pool.submit(_generate, args.seed, start, count, taxonomy))

        for _ in range(args.gen_workers + 1):
            submit()
        for number in range(1, len(batches) + 1):
            t = time.perf_counter()
            docs = pending.pop(0).result()
            waited = time.perf_counter() - t
            submit()
            timings = insert_batch(docs)
            for key, value in timings.items():
                totals[key] += value
            totals["wait_generator"] += waited
            done_docs += len(docs)
            elapsed = time.perf_counter() - started
            eta = elapsed / done_docs * (missing - done_docs)
            log(
                f"  batch {number}/{len(batches)}: {len(docs)} docs, "
                f"{int(timings['n_chunks'])} chunks, {timings['chars'] / 1e6:.1f} MB text | "
                f"wait gen {waited:.1f}s, docs {timings['documents']:.1f}s, "
                f"chunks {timings['chunks']:.1f}s, tsvector {timings['tsvector']:.1f}s | "
                f"{elapsed:.0f}s elapsed, ETA {eta:.0f}s"
            )
    with connection.cursor() as cursor:
        if drop_gin:
            t = time.perf_counter()
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
            totals["gin_build"] = time.perf_counter() - t
            log(f"Rebuilt chunk_vector_gin in {totals['gin_build']:.1f}s.")
            t = time.perf_counter()
            resume_search_rows(search_indexes)
            totals["search_rows"] = time.perf_counter() - t
            log(f"Built the search rows and their indexes in {totals['search_rows']:.1f}s.")
        t = time.perf_counter()
        cursor.execute("VACUUM ANALYZE")
        totals["vacuum_analyze"] = time.perf_counter() - t
    info["seconds"] = round(time.perf_counter() - started, 1)
    info["phases_seconds"] = {
        k: round(v, 1) for k, v in totals.items() if k not in ("n_chunks", "chars")
    }
    info["chunks_written"] = int(totals["n_chunks"])
    info["text_mb"] = round(totals["chars"] / 1e6, 1)
    log(f"Generated {missing} documents in {info['seconds']:.0f}s ({info['phases_seconds']}).")
    return info


def code_fingerprint() -> dict[str, str]:
    """Which version of the searched code was measured (the files are edited concurrently)."""
    root = BENCH_DIR.parent
    out = {}
    names = [
        *sorted(str(p.relative_to(root)) for p in (root / "hub" / "search").glob("*.py")),
        "library/search.py",
        "library/models.py",
    ]
    for name in names:
        path = root / name
        stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).isoformat(timespec="seconds")
        out[name] = f"sha256:{hashlib.sha256(path.read_bytes()).hexdigest()[:12]} mtime:{stamp}"
    return out


def database_facts() -> dict[str, Any]:
    from django.db import connection

    facts: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for name in (
            "server_version",
            "shared_buffers",
            "work_mem",
            "effective_cache_size",
            "jit",
            "max_parallel_workers_per_gather",
            "random_page_cost",
        ):
            cursor.execute(f"SHOW {name}")
            facts[name] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE status = 'published') FROM library_document"
        )
        facts["documents"], facts["published"] = cursor.fetchone()
        cursor.execute("SELECT language, count(*) FROM library_document GROUP BY 1 ORDER BY 2 DESC")
        facts["by_language"] = dict(cursor.fetchall())
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE kind = 'body'), "
            "avg(length(text))::int FROM library_documentchunk"
        )
        facts["chunks"], facts["body_chunks"], facts["avg_chunk_chars"] = cursor.fetchone()
        cursor.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), "
            "pg_size_pretty(pg_total_relation_size('library_documentchunk')), "
            "pg_size_pretty(pg_relation_size('chunk_vector_gin'))"
        )
        facts["database_size"], facts["chunk_table_size"], facts["gin_size"] = cursor.fetchone()
        cursor.execute(
            "SELECT pg_size_pretty(pg_relation_size('library_documentsearch')), "
            "pg_size_pretty(pg_total_relation_size('library_documentsearch')), "
            "pg_size_pretty(pg_indexes_size('library_documentsearch'))"
        )
        (
            facts["search_rows_heap"],
            facts["search_rows_total"],
            facts["search_rows_indexes"],
        ) = cursor.fetchone()
    return facts
