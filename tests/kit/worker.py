"""A real Celery worker process for tests: its own process group, the test database, Redis.

Subclass :class:`Worker` to say which queue it takes, its pool and its environment;
:func:`running` starts one on an empty queue for the time of a ``with`` block.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from django.db import connection

from hub.celery import app

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    """`celery worker` in its own process group, on the test database and Redis."""

    queue: ClassVar[str] = "default"
    pool: ClassVar[tuple[str, ...]] = ("--pool=solo",)
    settings_module: ClassVar[str] = "hub.settings.test"
    environment: ClassVar[dict[str, str]] = {}

    def __init__(self, media_root: Path, log: Path, **settings: str) -> None:
        """`settings`: environment overrides for the worker (e.g. HUB_EXTRACTION_STALE_SECONDS)."""
        self.media_root, self.log, self.settings = media_root, log, settings
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        db = connection.settings_dict
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": self.settings_module,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "HUB_TEST_CELERY_EAGER": "false",
            "HUB_MEDIA_ROOT": str(self.media_root),
            **self.environment,
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
                f"--queues={self.queue}",
                *self.pool,
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


W = TypeVar("W", bound=Worker)


@contextmanager
def running(worker: W) -> Iterator[W]:
    """`worker` started on an emptied queue; tasks the test sends meanwhile go to it, not eager."""
    app.conf.task_always_eager = False
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(worker.queue)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
        app.conf.task_always_eager = True


def wait_until(condition: Callable[[], object], seconds: float) -> bool:
    """Whether `condition()` became true within `seconds` (polled four times a second)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return bool(condition())
