"""Extraction throughput and the time from upload to searchable."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import hashlib
import json
import logging
import random
import shutil
import subprocess
import time
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

from bench.library_search.common import MEDIA_ROOT, PDF_CACHE, log

# --- Extraction --------------------------------------------------------------------------------


def sample_pdfs(count: int, seed: int) -> list[tuple[Path, int, str]]:
    """`count` real PDFs of 10-30 pages in mixed languages, cached between runs."""
    from library.sample_text import page_texts, pick_topic_words
    from library.sample_vocabulary import TOPICS
    from library.samples import pdf_bytes

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # one INFO line per glyph table
    PDF_CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"pdfs-{seed}")
    out = []
    t = time.perf_counter()
    for i in range(count):
        language = ("en", "en", "fr", "ar", "en", "fr", "en", "ar", "en", "fr")[i % 10]
        pages = rng.randint(10, 30)
        path = PDF_CACHE / f"sample-{seed}-{i:02d}-{language}-{pages}p.pdf"
        if not path.exists():
            body = page_texts(
                rng, language, pages, pick_topic_words(rng, language), words_per_page=(280, 400)
            )
            title = TOPICS[i % len(TOPICS)][("en", "fr", "ar").index(language)]
            path.write_bytes(pdf_bytes(body, title=title, language=language))
        else:
            rng.random()
        out.append((path, pages, language))
    log(f"  {count} sample PDFs ready in {time.perf_counter() - t:.1f}s ({PDF_CACHE})")
    return out


def measure_extraction(args: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings

    from library import extraction

    pdfs = sample_pdfs(args.pdfs, args.seed)
    total_pages = sum(p for _path, p, _l in pdfs)
    result: dict[str, Any] = {"files": len(pdfs), "pages": total_pages}

    t = time.perf_counter()
    extracted_pages = 0
    for path, pages, _language in pdfs:
        got = extraction.extract_file_limited(
            path,
            cpu_seconds=settings.HUB_EXTRACTION_CPU_SECONDS,
            memory_bytes=settings.HUB_EXTRACTION_MEMORY_MB * 2**20,
            wall_seconds=settings.HUB_EXTRACTION_WALL_SECONDS,
        )
        assert got.page_count == pages, (path, got.page_count)
        extracted_pages += got.page_count
    seconds = time.perf_counter() - t
    result["extract_file_limited"] = {
        "seconds": round(seconds, 2),
        "pages_per_s": round(extracted_pages / seconds, 1),
        "ms_per_file": round(seconds / len(pdfs) * 1000, 1),
    }

    t = time.perf_counter()
    for path, _pages, _language in pdfs:
        extraction.extract_file(path)
    seconds = time.perf_counter() - t
    result["extract_file_in_process"] = {
        "seconds": round(seconds, 2),
        "pages_per_s": round(total_pages / seconds, 1),
    }

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        log("  pdftotext not installed; skipping the comparison (apt-get install poppler-utils)")
        result["pdftotext"] = None
    else:
        t = time.perf_counter()
        for path, _pages, _language in pdfs:
            subprocess.run(  # noqa: S603 - fixed argv, our own files
                [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
            )
        seconds = time.perf_counter() - t
        version = subprocess.run(  # noqa: S603
            [pdftotext, "-v"], capture_output=True, text=True, check=False
        ).stderr.splitlines()[0]
        result["pdftotext"] = {
            "version": version,
            "seconds": round(seconds, 2),
            "pages_per_s": round(total_pages / seconds, 1),
        }
        result["ratio_limited_vs_pdftotext"] = round(
            result["extract_file_limited"]["pages_per_s"] / result["pdftotext"]["pages_per_s"], 2
        )
    log(f"  extraction: {json.dumps(result)}")
    return result


def _unique_word(language: str, rng: random.Random) -> str:
    if language == "ar":
        letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
        return "زنبرك" + "".join(rng.choice(letters) for _ in range(5))
    return "quokkabench" + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(6))


def measure_time_to_searchable(staff: Any, seed: int) -> dict[str, Any]:
    """A 30-page PDF: extraction (limited child) + document_index + a search that finds it."""
    from hub.search import SearchParams
    from library import extraction, services
    from library.models import Document
    from library.sample_text import page_texts, pick_topic_words
    from library.samples import pdf_bytes
    from library.search import search
    from library.services import indexing

    MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"tts-{seed}-{time.time_ns()}")
    runs = []
    for language in ("en", "fr", "ar"):
        word = _unique_word(language, rng)
        pages = page_texts(rng, language, 30, pick_topic_words(rng, language))
        pages[-1] = pages[-1] + " " + word
        data = pdf_bytes(pages, title=f"Bench {language} {word}", language=language)
        name = f"bench-tts/{uuid.uuid4().hex}.pdf"
        (MEDIA_ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (MEDIA_ROOT / name).write_bytes(data)
        document = Document.objects.create(
            title=f"Time to searchable {language}",
            title_en=f"Time to searchable {language}",
            language=language,
            kind="report",
            year=2026,
            visibility="members",
            status="published",
            published_at=datetime.now(tz=UTC),
            file=name,
            original_filename="tts.pdf",
            file_kind="pdf",
            file_size=len(data),
            sha256=hashlib.sha256(data + uuid.uuid4().bytes).hexdigest(),
        )
        phases: dict[str, float] = {}
        original_extract, original_index = extraction.extract_file_limited, indexing.document_index

        def timed(name: str, fn: Callable, phases: dict[str, float] = phases) -> Callable:
            def inner(*a: Any, **k: Any) -> Any:
                t = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    phases[name] = time.perf_counter() - t

            return inner

        extraction.extract_file_limited = timed("extract", original_extract)
        indexing.document_index = timed("index", original_index)
        try:
            t0 = time.perf_counter()
            state = services.document_extract(document_id=document.pk)
            t1 = time.perf_counter()
            found = False
            while not found and time.perf_counter() - t0 < 60:
                result = search(user=staff, params=SearchParams(query=word))
                found = any(d.pk == document.pk for d in result.items)
            t2 = time.perf_counter()
        finally:
            extraction.extract_file_limited, indexing.document_index = (
                original_extract,
                original_index,
            )
            Document.objects.filter(pk=document.pk).delete()
            (MEDIA_ROOT / name).unlink(missing_ok=True)
        run = {
            "language": language,
            "state": state,
            "found": found,
            "total_s": round(t2 - t0, 2),
            "extract_s": round(phases.get("extract", 0), 2),
            "index_s": round(phases.get("index", 0), 2),
            "document_extract_s": round(t1 - t0, 2),
            "search_s": round(t2 - t1, 3),
        }
        runs.append(run)
        log(f"  time to searchable: {run}")
    return {"runs": runs, "max_total_s": max(r["total_s"] for r in runs)}
