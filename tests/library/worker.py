"""A real Celery worker process for tests: its own process group, the test database, Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    """`celery worker` in its own process group, on the test database and Redis db 15."""

    def __init__(self, media_root: Path, log: Path, **settings: str) -> None:
        """`settings`: environment overrides for the worker (e.g. HUB_EXTRACTION_STALE_SECONDS)."""
        self.media_root, self.log, self.settings = media_root, log, settings
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        db = connection.settings_dict
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "hub.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "HUB_TEST_CELERY_EAGER": "false",
            "HUB_MEDIA_ROOT": str(self.media_root),
            "HUB_EXTRACTION_STALE_SECONDS": "3",
            "HUB_EXTRACTION_CPU_SECONDS": "10",
            "HUB_EXTRACTION_MEMORY_MB": "512",
            "HUB_EXTRACTION_WALL_SECONDS": "30",
            **self.settings,
        }
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hub",
                "worker",
                "--queues=extraction",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def pool_children(self) -> list[int]:
        """The pids of the worker's pool processes (children of its main process)."""
        assert self.process is not None
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return children

    def kill_pool_children(self) -> list[int]:
        """SIGKILL the pool processes only, as the OOM killer would; the main process lives."""
        killed = self.pool_children()
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        return killed

    def kill(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
