"""The server under test: gunicorn on the loopback; the server time of requests from its log."""

# ruff: noqa: S603, S310  (our own interpreter running gunicorn; its http URL on the loopback)
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.library_search.timing import percentile

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

HOST = "127.0.0.1"
PORTS = range(8810, 8820)
# The request header every request of the benchmark carries: "<phase>/<page>/<part>".
TAG_HEADER = "X-Bench"
# %(D)s: request time in microseconds, from the parsed request to the last byte written.
ACCESS_LOG_FORMAT = "bench %({x-bench}i)s %(s)s %(D)s %(B)s %(m)s %(U)s"


def free_port(preferred: int | None = None) -> int:
    """The preferred port, or the first free one of 8810-8819."""
    for port in [preferred] if preferred else PORTS:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port among {preferred or f'{PORTS.start}-{PORTS.stop - 1}'}")


@dataclass
class Gunicorn:
    """A running gunicorn: its process, address and log files."""

    process: subprocess.Popen[bytes]
    base_url: str
    access_log: Path
    error_log: Path

    def worker_pids(self) -> list[int]:
        import psutil

        return [child.pid for child in psutil.Process(self.process.pid).children()]


@contextlib.contextmanager
def gunicorn(
    *, root: Path, port: int, workers: int, env: dict[str, str], logs: Path
) -> Iterator[Gunicorn]:
    """Run gunicorn (sync workers, loopback only) for the block; stopped whatever happens."""
    access_log, error_log = logs / "access.log", logs / "gunicorn.log"
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "hub.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        str(error_log),
        "--no-control-socket",  # no socket in ~/.gunicorn shared with any other gunicorn
    ]
    with error_log.open("ab") as stderr:
        process = subprocess.Popen(argv, cwd=root, env=env, stdout=stderr, stderr=stderr)
    server = Gunicorn(process, f"http://{HOST}:{port}", access_log, error_log)
    try:
        wait_ready(server)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_ready(server: Gunicorn, timeout: float = 60.0) -> None:
    """Until every worker answers the bare view (one request per worker is not guaranteed, so
    a few in a row)."""
    deadline = time.monotonic() + timeout
    ok = 0
    while ok < 4:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited ({server.process.returncode}); see {server.error_log}"
            )
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not answer in {timeout:.0f}s; see {server.error_log}")
        request = urllib.request.Request(
            f"{server.base_url}/_bench/bare/", headers={TAG_HEADER: "setup/ready"}
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                ok += response.status == 200
        except (urllib.error.URLError, ConnectionError):
            ok = 0
            time.sleep(0.3)


def environment(settings: dict[str, str]) -> dict[str, str]:
    """The process environment of the server and of the bench's own Django: the same values."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HUB_"))}
    return env | settings


# --- The access log -----------------------------------------------------------------------------


Sample = tuple[int, float, str]  # status, server time in ms, part of the phase's window


def read_access_log(path: Path) -> dict[str, dict[str, list[Sample]]]:
    """The samples of every tagged request, by phase and page."""
    out: dict[str, dict[str, list[Sample]]] = defaultdict(lambda: defaultdict(list))
    for line in path.read_text("utf-8", errors="replace").splitlines():
        fields = line.split(" ", 6)
        if len(fields) < 7 or fields[0] != "bench" or "/" not in fields[1]:
            continue
        phase, page, part = (fields[1].split("/", 2) + ["1"])[:3]
        out[phase][page].append((int(fields[2]), int(fields[3]) / 1000, part))
    return out


def server_summary(samples: list[Sample]) -> dict[str, Any]:
    """Count, non-200 answers and p50/p95/p99 of the server time (ms) of one page; the p95 of
    each part of the window when there are several (how stable the p95 is)."""
    times = [ms for _status, ms, _part in samples]
    out: dict[str, Any] = {
        "n": len(samples),
        "errors": sum(status != 200 for status, _ms, _part in samples),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "max_ms": round(max(times), 1),
    }
    parts = sorted({part for _status, _ms, part in samples})
    if len(parts) > 1:
        out["p95_by_part_ms"] = [
            round(percentile([ms for _s, ms, p in samples if p == part], 0.95), 1) for part in parts
        ]
    return out
