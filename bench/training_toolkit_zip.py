"""`python -m bench.training_toolkit_zip`: time to build a toolkit's ZIP (issue 13, item 12).

A toolkit of `--documents` (30) library documents, each a real PDF of 0.5 to 5 MB (text pages
from library.samples with a photograph-like image on every page, so the bytes are as hard to
compress as real reports'), and a practice of each section's city work. Each build asks for
the archive as a member does (training.services.toolkits.toolkit_archive_request) and runs the
Celery task `training.toolkit_archive_build` (in this process), from the request to a ZIP on
disk; `--builds` (5) times, each of a new toolkit version. In the same run, on the same files,
the references: Python's zipfile writing the same files stored as they are, and deflated (what
a plain `zipfile.ZipFile(..., ZIP_DEFLATED)` of the folder costs). Target: 10 s per build.

    .venv/bin/python -m bench.training_toolkit_zip --database scn_hub_toolkit_bench

It uses its own database (`--database`, created and migrated if missing) and media folder;
the generated PDFs are kept in a cache folder between runs. Not part of the test suite.
"""

# ruff: noqa: S311  (reproducible synthetic data)
from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

from bench.library_search.common import (  # noqa: E402
    DEFAULT_DSN,
    OUT_DIR,
    ensure_database,
    log,
    run_facts,
)

PDF_CACHE = Path(tempfile.gettempdir()) / "scn_bench_toolkit_pdfs_v1"
MEDIA_ROOT = Path(tempfile.gettempdir()) / "scn_bench_toolkit_media"
TARGET_SECONDS = 10.0
MIN_MB, MAX_MB = 0.5, 5.0


def _photo_pdf(index: int, size_mb: float) -> bytes:
    """A PDF of about `size_mb`: a few text pages (library.samples' fonts and layout), each
    with a JPEG of noise, which compresses no further than a photograph does."""
    from fpdf import FPDF
    from PIL import Image

    rng = random.Random(index)
    pages = max(1, round(size_mb * 2))
    per_image = int(size_mb * 1024 * 1024 / pages)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(f"Evaluation report {index}")
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 6, f"Evaluation report {index}, page {page + 1}: what the programme did.")
        # A JPEG of noise at quality 95 weighs about a byte per pixel.
        side = int(per_image**0.5)
        image = Image.frombytes("L", (side, side), rng.randbytes(side * side))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=95)
        pdf.image(buffer, x=15, y=40, w=180)
    return bytes(pdf.output())


def _pdfs(count: int) -> list[Path]:
    """`count` PDFs of 0.5 to 5 MB (seeded sizes), made once and kept in PDF_CACHE."""
    PDF_CACHE.mkdir(exist_ok=True)
    rng = random.Random(13)
    paths = []
    for index in range(count):
        size = rng.uniform(MIN_MB, MAX_MB)
        path = PDF_CACHE / f"report-{index:02d}-{size:.2f}.pdf"
        if not path.exists():
            path.write_bytes(_photo_pdf(index, size))
        paths.append(path)
    return paths


def _setup(database: str, dsn: str) -> None:
    os.environ["DATABASE_URL"] = f"{dsn}/{database}"
    os.environ["HUB_MEDIA_ROOT"] = str(MEDIA_ROOT)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _toolkit(paths: list[Path]) -> tuple[Any, Any]:
    """A working group whose toolkit links the PDFs (as library documents) and a practice; a
    member of a city to ask for it. Made anew on every run."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from cityprofiles.models import CityProfile, Practice
    from hub.models import City, User
    from library.models import Document
    from training.models import ToolkitItem, WorkingGroup
    from training.services.toolkits import toolkit_item_add, working_group_save

    stamp = datetime.now(tz=UTC).strftime("%Y%m%d%H%M%S%f")
    if not City.objects.exists():
        from hub.services.taxonomy import scn_data_load

        scn_data_load()
    city = City.objects.order_by("pk").first()
    profile, _ = CityProfile.objects.get_or_create(city=city)
    practice = Practice.objects.create(
        profile=profile,
        key=uuid.uuid4(),
        title_en="Youth councils",
        summary_en="Young people advise the city council.",
    )
    user = User.objects.create(
        email=f"bench-{stamp}@city.example", name="Bench", city=city, roles=["practitioner"]
    )
    group = working_group_save(
        group=WorkingGroup(slug=f"bench-{stamp}", name_en="Bench working group"), by=None
    )
    toolkit = group.toolkit
    sections = [choice for choice, _label in ToolkitItem.Section.choices]
    for index, path in enumerate(paths):
        content = path.read_bytes()
        document = Document.objects.create(
            title_en=f"Evaluation report {index}: mentoring in schools",
            language="en",
            kind=Document.Kind.EVALUATION,
            status=Document.Status.PUBLISHED,
            published_at=timezone.now(),
            original_filename=path.name,
            file_kind="pdf",
            file_size=len(content),
            sha256=hashlib.sha256(content + stamp.encode()).hexdigest(),
            file=ContentFile(content, name="report.pdf"),
        )
        toolkit_item_add(
            toolkit=toolkit,
            section=sections[index % 3],
            document=document,
            note={"en": "Read the findings first."},
            by=None,
        )
    toolkit_item_add(
        toolkit=toolkit, section=sections[3], practice=practice, note={"en": "A model."}, by=None
    )
    return toolkit, user


def _build_once(toolkit: Any, user: Any, round_: int) -> tuple[float, int]:
    """One build of a new version: (seconds from the member's request to the ZIP on disk,
    archive size). The task runs in this process (eager), on the request's commit."""
    from training.models import Toolkit, ToolkitArchive
    from training.services.toolkits import toolkit_archive_request
    from training.tasks.toolkits import toolkit_archive_build_task

    Toolkit.objects.filter(pk=toolkit.pk).update(introduction_en=f"Version of round {round_}.")
    toolkit.refresh_from_db()
    start = time.perf_counter()
    archive = toolkit_archive_request(toolkit=toolkit, user=user, language="en")
    archive.refresh_from_db()
    if archive.status != ToolkitArchive.Status.DONE:  # had the broker been asked, not eager
        toolkit_archive_build_task.apply(args=[archive.pk])
        archive.refresh_from_db()
    end = time.perf_counter()
    assert archive.status == ToolkitArchive.Status.DONE, archive.failure_reason
    return end - start, archive.size


def _reference(paths: list[Path], compression: int) -> float:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as handle, zipfile.ZipFile(handle, "w", compression) as zf:
        for path in paths:
            zf.write(path, f"documents/{path.name}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="scn_hub_toolkit_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument(
        "--publish", action="store_true", help="write bench/results-toolkit-zip.json"
    )
    args = parser.parse_args(argv)

    ensure_database(args.dsn, args.database)
    _setup(args.database, args.dsn)
    from celery import current_app

    # The task runs here, in this process: what is timed is its work, not a broker's latency.
    current_app.conf.task_always_eager = True
    log(f"PDFs: making or reading {args.documents} in {PDF_CACHE} ...")
    paths = _pdfs(args.documents)
    total_mb = sum(p.stat().st_size for p in paths) / 1024 / 1024
    sizes = sorted(p.stat().st_size / 1024 / 1024 for p in paths)
    log(f"  {total_mb:.1f} MB in all, {sizes[0]:.2f} to {sizes[-1]:.2f} MB each")
    toolkit, user = _toolkit(paths)

    builds = [_build_once(toolkit, user, i) for i in range(args.builds)]
    stored = [_reference(paths, zipfile.ZIP_STORED) for _ in range(args.builds)]
    deflated = [_reference(paths, zipfile.ZIP_DEFLATED) for _ in range(args.builds)]
    median = statistics.median(b[0] for b in builds)
    result = {
        "meta": run_facts() | {"documents": args.documents, "total_mb": round(total_mb, 1)},
        "target_seconds": TARGET_SECONDS,
        "build_seconds": {
            "median": round(median, 3),
            "max": round(max(b[0] for b in builds), 3),
            "runs": [round(b[0], 3) for b in builds],
        },
        "archive_mb": round(builds[-1][1] / 1024 / 1024, 1),
        "reference_seconds": {
            "zipfile_stored_median": round(statistics.median(stored), 3),
            "zipfile_deflated_median": round(statistics.median(deflated), 3),
        },
        "meets_target": median <= TARGET_SECONDS,
    }
    log(json.dumps(result, indent=2))
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S")
    if args.publish:
        out = Path(__file__).resolve().parent / "results-toolkit-zip.json"
    else:
        OUT_DIR.mkdir(exist_ok=True)
        out = OUT_DIR / f"toolkit-zip-{stamp}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log(f"written: {out}")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
