"""The load itself, in a process of its own: ``python -m bench.load.swarm PLAN.json OUT.json``.

Locust patches the standard library for gevent as it is imported, so it never shares a process
with Django: :mod:`bench.load.run` writes the plan (the server, the members' session cookies,
the pages, terms and documents, the phases), this runs the phases one after the other with
``locust.env.Environment`` and writes what the client saw, phase by phase.

Every request carries ``X-Bench: <phase>/<page>/<part>``, which the server's access log records with
the server time, so the server-side figures are grouped by phase and page, not by URL. Each
phase first warms up (its users spawn, tagged ``<phase>-warmup``), then its statistics are
reset and the measured window starts.
"""

# ruff: noqa: S311  (think times and term choices, not secrets)
from __future__ import annotations

# isort: off
import locust  # first: it monkey-patches the standard library for gevent

# isort: on
import http.cookiejar
import itertools
import json
import os
import random
import sys
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

import gevent
import psutil
from locust import FastHttpUser, SequentialTaskSet, between, constant, task
from locust.env import Environment

TAG_HEADER = "X-Bench"  # as bench.load.server.TAG_HEADER (not imported: no Django here)
PERCENTILES = (0.50, 0.95, 0.99)
CORES = psutil.cpu_count() or 1
# The phase requests are tagged with, and the half of its window (p95 of each, for stability).
STATE: dict[str, Any] = {"phase": "setup", "part": 1}


def session_cookie(name: str, value: str, host: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=host,
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={"HttpOnly": ""},
    )


class Member(FastHttpUser):
    """A member: the session cookie of one of the plan's members (in turn), then pages."""

    abstract = True
    plan: dict[str, Any]
    cookies: itertools.cycle[str] | None = None

    def on_start(self) -> None:
        if self.cookies is not None:
            host = urllib.parse.urlsplit(self.plan["base_url"]).hostname or ""
            cookie = session_cookie(self.plan["cookie_name"], next(self.cookies), host)
            self.client.cookiejar.set_cookie(cookie)

    def page(self, page: str, path: str, query: dict[str, Any] | None = None) -> None:
        """GET one page; anything but a 200 (a redirect to the login included) is a failure."""
        url = f"{path}?{urllib.parse.urlencode(query)}" if query else path
        headers = {TAG_HEADER: f"{STATE['phase']}/{page}/{STATE['part']}"}
        with self.client.get(
            url, name=page, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {url}")


class Journey(SequentialTaskSet):
    """Home, the directory, four searches, a document and its download, thinking in between."""

    user: JourneyMember

    def on_start(self) -> None:
        self.rng = random.Random()
        self.paths = self.user.plan["paths"]
        self.terms = self.user.plan["terms"]

    def search(self, page: str, cls: str, **extra: Any) -> None:
        query = {"q": self.rng.choice(self.terms[cls]), **extra}
        self.user.page(page, self.paths["search"], query)

    @task
    def home(self) -> None:
        self.user.page("home", self.paths["home"])

    @task
    def directory(self) -> None:
        self.user.page("directory", self.paths["directory"])

    @task
    def search_selective(self) -> None:
        self.search("search_selective", "selective")

    @task
    def search_faceted(self) -> None:
        self.search("search_faceted", "faceted", **self.user.plan["facet"])

    @task
    def search_common(self) -> None:
        self.common = self.rng.choice(self.terms["common"])
        self.user.page("search_common", self.paths["search"], {"q": self.common})

    @task
    def search_common_p2(self) -> None:
        self.user.page("search_common_p2", self.paths["search"], {"q": self.common, "page": 2})

    @task
    def document(self) -> None:
        self.pk = self.rng.choice(self.user.plan["documents"])
        self.user.page("document", self.paths["document"].format(pk=self.pk))

    @task
    def download(self) -> None:
        self.user.page("download", self.paths["download"].format(pk=self.pk))


class JourneyMember(Member):
    abstract = True
    tasks = [Journey]


class ClosedLoop(Member):
    """One page again and again, no think time: the server's throughput."""

    abstract = True
    target: tuple[str, str] = ("bare", "/_bench/bare/")

    @task
    def again(self) -> None:
        self.page(*self.target)


# --- Running the phases ---------------------------------------------------------------------


def user_class(plan: dict[str, Any], phase: dict[str, Any]) -> type[Member]:
    cookies = itertools.cycle(plan["sessions"]) if phase["session"] else None
    attrs: dict[str, Any] = {"plan": plan, "cookies": cookies, "abstract": False}
    if phase["kind"] == "journey":
        low, high = phase["think_s"]
        attrs["wait_time"] = between(low, high)
        return type("Members", (JourneyMember,), attrs)
    attrs["wait_time"] = constant(0)
    attrs["target"] = (phase["page"], phase["path"])
    return type("Loop", (ClosedLoop,), attrs)


class CpuClock:
    """Where the machine's CPU goes during a window, sampled every second, process by process.

    Categories: ``client`` (this process), ``gunicorn_workers``, ``postgres`` (backends of the
    bench database), ``postgres_parallel`` (parallel workers, of any database), and every other
    process by name, so that another run on the machine shows in the figures.
    """

    def __init__(self, server_pid: int, database: str) -> None:
        self.server = psutil.Process(server_pid)
        self.database = f" {database} "

    def category(self, process: psutil.Process, workers: set[int]) -> str:
        name = process.info["name"] or "?"
        if process.pid == os.getpid():
            return "client"
        if process.pid in workers:
            return "gunicorn_workers"
        if name == "postgres":
            title = (process.info["cmdline"] or [""])[0]
            if self.database in title:
                return "postgres"
            return "postgres_parallel" if "parallel worker" in title else "postgres_other"
        return name

    def snapshot(self) -> dict[int, tuple[str, float]]:
        workers = {w.pid for w in self.server.children()}
        out = {}
        for process in psutil.process_iter(["name", "cmdline", "cpu_times"]):
            times = process.info["cpu_times"]
            if times is not None:
                out[process.pid] = (self.category(process, workers), times.user + times.system)
        return out

    @staticmethod
    def machine() -> float:
        t = psutil.cpu_times()
        return t.user + t.system + t.nice + t.irq + t.softirq

    def start(self) -> None:
        self.machine_start, self.last = self.machine(), self.snapshot()
        self.spent: dict[str, float] = defaultdict(float)
        self.sampler = gevent.spawn(self._sample_forever)

    def _sample(self) -> None:
        now = self.snapshot()
        for pid, (category, cpu) in now.items():
            # A process first seen now started after the last sample: all its CPU is new.
            self.spent[category] += cpu - self.last.get(pid, (category, 0.0))[1]
        self.last = now

    def _sample_forever(self) -> None:
        while True:
            gevent.sleep(1.0)
            self._sample()

    def stop(self, seconds: float) -> dict[str, Any]:
        self.sampler.kill()
        self._sample()
        busy = self.machine() - self.machine_start
        ours = ("client", "gunicorn_workers", "postgres", "postgres_parallel")
        others = {k: round(v, 2) for k, v in self.spent.items() if k not in ours and v >= 0.05}
        return {
            **{key: round(self.spent[key], 2) for key in ours},
            "others": round(sum(v for k, v in self.spent.items() if k not in ours), 2),
            "others_by_name": dict(sorted(others.items(), key=lambda kv: -kv[1])[:8]),
            "machine_busy": round(busy, 2),
            "machine_busy_pct": round(100 * busy / seconds / CORES, 1),
        }


def entry_summary(entry: Any, seconds: float) -> dict[str, Any]:
    return {
        "n": entry.num_requests,
        "failures": entry.num_failures,
        "req_s": round(entry.num_requests / seconds, 1),
        **{
            f"p{round(q * 100)}_ms": entry.get_response_time_percentile(q)
            if entry.num_requests
            else None
            for q in PERCENTILES
        },
        "mean_ms": round(entry.avg_response_time, 1),
    }


def run_phase(plan: dict[str, Any], phase: dict[str, Any], cpu: CpuClock) -> dict[str, Any]:
    env = Environment(
        user_classes=[user_class(plan, phase)],
        host=plan["base_url"],
        stop_timeout=phase.get("stop_timeout_s", 5),
    )
    runner = env.create_local_runner()
    STATE["phase"] = f"{phase['name']}-warmup"
    runner.start(phase["users"], spawn_rate=phase["spawn_rate"])
    gevent.sleep(phase["warmup_s"])
    env.stats.reset_all()
    STATE["phase"] = phase["name"]
    started = time.time()
    cpu.start()
    parts = phase.get("parts", 1)
    for part in range(1, parts + 1):
        STATE["part"] = part
        gevent.sleep(phase["seconds"] / parts)
    STATE["part"] = 1
    seconds = time.time() - started
    spent = cpu.stop(seconds)
    STATE["phase"] = f"{phase['name']}-stop"
    pages = {name: entry_summary(entry, seconds) for (name, _m), entry in env.stats.entries.items()}
    total = entry_summary(env.stats.total, seconds)
    errors = [
        {"page": e.name, "error": str(e.error), "count": e.occurrences}
        for e in env.stats.errors.values()
    ]
    runner.quit()
    print(
        f"  {phase['name']}: {phase['users']} users, {seconds:.0f}s, {total['n']} requests "
        f"({total['req_s']}/s), {total['failures']} failures",
        flush=True,
    )
    return {
        "phase": phase,
        "started": started,
        "seconds": round(seconds, 2),
        "client": {"total": total, "pages": pages, "errors": errors},
        "cpu_seconds": spent,
    }


def main(argv: list[str]) -> int:
    plan_path, out_path = Path(argv[0]), Path(argv[1])
    plan = json.loads(plan_path.read_text("utf-8"))
    cpu = CpuClock(plan["server_pid"], plan["database"])
    phases = [run_phase(plan, phase, cpu) for phase in plan["phases"]]
    result = {"locust": locust.__version__, "phases": phases}
    out_path.write_text(json.dumps(result, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
