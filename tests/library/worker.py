"""The library's test worker: the extraction queue, with short extraction limits."""

from __future__ import annotations

from typing import ClassVar

from tests.kit.worker import Worker


class ExtractionWorker(Worker):
    """One prefork pool child on the extraction queue (a killed child is what tests kill)."""

    queue: ClassVar[str] = "extraction"
    pool: ClassVar[tuple[str, ...]] = ("--pool=prefork", "--concurrency=1")
    environment: ClassVar[dict[str, str]] = {
        "HUB_EXTRACTION_STALE_SECONDS": "3",
        "HUB_EXTRACTION_CPU_SECONDS": "10",
        "HUB_EXTRACTION_MEMORY_MB": "512",
        "HUB_EXTRACTION_WALL_SECONDS": "30",
    }
