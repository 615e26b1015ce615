"""Figures from the access log and the client, verdicts against the goals, the printed tables."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from bench.library_search.common import log
from bench.load.plan import PAGES
from bench.load.server import read_access_log, server_summary

if TYPE_CHECKING:
    from pathlib import Path

TARGET_P95_MS = 100.0  # member pages, server time, 50 members thinking 1-3 s
TARGET_SESSION_RATIO = 0.5  # req/s of the bare view with a session / without
QUIET_SHARE = 0.05  # above this share of the busy CPU taken by other processes, a warning
SETUP_STATUS = {"login-post": 302}  # a successful login redirects; every other page is a 200


def summarise(swarm: dict[str, Any], access_log: Path, workers: int) -> dict[str, Any]:
    """Server-side times per page (access log) and client-side counts, per phase kind."""
    server = read_access_log(access_log)
    phases = {p["phase"]["name"]: p for p in swarm["phases"]}

    journeys = phases["journeys"]
    pages: dict[str, Any] = {}
    for page in PAGES:
        samples = server["journeys"].get(page, [])
        client = journeys["client"]["pages"].get(page, {})
        pages[page] = {
            "server": server_summary(samples) if samples else None,
            "client": client,
        }
    every = [s for samples in server["journeys"].values() for s in samples]
    total = journeys["client"]["total"]
    out: dict[str, Any] = {
        "journeys": {
            "seconds": journeys["seconds"],
            "pages": pages,
            "all": server_summary(every),
            "req_s": total["req_s"],
            # Server time over the window's worker-seconds: near 100 %, requests queue for a
            # worker, and the client waits much longer than the server works (client p95).
            "workers_busy_pct": round(
                100 * sum(ms for _s, ms, _p in every) / 1000 / (journeys["seconds"] * workers), 1
            ),
            "client_failures": total["failures"],
            "client_errors": journeys["client"]["errors"],
            "cpu_seconds": journeys["cpu_seconds"],
        }
    }

    closed: dict[str, Any] = {}
    rounds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, phase in phases.items():
        if phase["phase"]["kind"] == "closed":
            rounds[name.split(".")[0]].append(phase)
    for kind, runs in rounds.items():
        samples = [
            s for run in runs for page in server[run["phase"]["name"]].values() for s in page
        ]
        requests = sum(run["client"]["total"]["n"] for run in runs)
        seconds = sum(run["seconds"] for run in runs)
        cpu: defaultdict[str, float] = defaultdict(float)
        for run in runs:
            for key, value in run["cpu_seconds"].items():
                if isinstance(value, int | float) and key != "machine_busy_pct":
                    cpu[key] += value
        closed[kind] = {
            "page": runs[0]["phase"]["page"],
            "path": runs[0]["phase"]["path"],
            "session": runs[0]["phase"]["session"],
            "users": runs[0]["phase"]["users"],
            "rounds": len(runs),
            "seconds": round(seconds, 1),
            "requests": requests,
            "req_s": round(requests / seconds, 1),
            "req_s_by_round": [run["client"]["total"]["req_s"] for run in runs],
            "server": server_summary(samples) if samples else None,
            "client_failures": sum(run["client"]["total"]["failures"] for run in runs),
            "cpu_ms_per_request": {
                key: round(1000 * value / max(1, requests), 2)
                for key, value in cpu.items()
                if key != "machine_busy"
            },
            "machine_busy_pct": round(
                sum(r["cpu_seconds"]["machine_busy_pct"] for r in runs) / len(runs), 1
            ),
            "others_cpu_s": round(cpu["others"], 2),
        }
    if "bare" in closed:
        bare = closed["bare"]["req_s"]
        for figures in closed.values():
            figures["ratio_to_bare"] = round(figures["req_s"] / bare, 3) if bare else None
    out["closed_loop"] = closed

    # Another run on the machine (tests, a benchmark) takes the cores these figures need.
    busy = sum(p["cpu_seconds"]["machine_busy"] for p in swarm["phases"])
    others_s = sum(p["cpu_seconds"]["others"] for p in swarm["phases"])
    others: defaultdict[str, float] = defaultdict(float)
    for p in swarm["phases"]:
        for name, value in p["cpu_seconds"]["others_by_name"].items():
            others[name] += value
    out["machine"] = {
        "busy_cpu_s": round(busy, 1),
        "others_cpu_s": round(others_s, 1),
        "others_share_of_busy": round(others_s / busy, 3) if busy else None,
        "others_by_name": {
            k: round(v, 1) for k, v in sorted(others.items(), key=lambda kv: -kv[1])[:8]
        },
    }

    # Warm-ups are not measured, but an error there is an error all the same.
    out["warmup_errors"] = sum(
        status != 200
        for phase, by_page in server.items()
        if phase.endswith(("-warmup", "-stop"))
        for samples in by_page.values()
        for status, _ms, _part in samples
    )
    out["setup_errors"] = sum(
        status != SETUP_STATUS.get(page, 200)
        for page, samples in server.get("setup", {}).items()
        for status, _ms, _part in samples
    )
    return out


def verdicts(results: dict[str, Any]) -> dict[str, Any]:
    journeys = results["journeys"]
    # A page no request reached has no p95: it counts as missing the target.
    p95s = {
        page: figures["server"]["p95_ms"] if figures["server"] else float("inf")
        for page, figures in journeys["pages"].items()
    }
    worst_page = max(p95s, key=lambda page: p95s[page])
    worst = p95s[worst_page]
    closed = results["closed_loop"]
    server_errors = journeys["all"]["errors"] + sum(
        (c["server"] or {}).get("errors", 0) for c in closed.values()
    )
    client_failures = journeys["client_failures"] + sum(
        c["client_failures"] for c in closed.values()
    )
    errors = server_errors + client_failures + results["warmup_errors"] + results["setup_errors"]
    ratio = closed.get("bare_session", {}).get("ratio_to_bare")
    return {
        "member_pages_p95": {
            "target_ms": TARGET_P95_MS,
            "worst_p95_ms": worst if worst < float("inf") else None,
            "worst_page": worst_page,
            "pages_meeting_target": sum(p95 <= TARGET_P95_MS for p95 in p95s.values()),
            "pages": len(journeys["pages"]),
            "ok": worst <= TARGET_P95_MS,
        },
        "errors": {
            "target": 0,
            "server_non_200": server_errors,
            "client_failures": client_failures,
            "warmup": results["warmup_errors"],
            "setup": results["setup_errors"],
            "ok": errors == 0,
        },
        "session_vs_bare_req_s": {
            "target_ratio": TARGET_SESSION_RATIO,
            "ratio": ratio,
            "ok": ratio is not None and ratio >= TARGET_SESSION_RATIO,
        },
    }


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_tables(results: dict[str, Any]) -> None:
    journeys, meta = results["journeys"], results["meta"]
    phase = results["phases"][0]
    log(
        f"\n=== Member journeys: {phase['users']} members thinking {phase['think_s'][0]:g}-"
        f"{phase['think_s'][1]:g} s, {journeys['seconds']:.0f} s measured; server time (ms) ==="
    )
    log(f"{'page':18}{'n':>6}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}{'errors':>8}"
        f"{'client p95':>12}{'p95 halves':>14}  target p95")  # fmt: skip
    for page, figures in journeys["pages"].items():
        s, c = figures["server"], figures["client"]
        if s is None:
            log(f"{page:18}{0:>6}  (no request reached the server)")
            continue
        log(
            f"{page:18}{s['n']:>6}{s['p50_ms']:>8.1f}{s['p95_ms']:>8.1f}{s['p99_ms']:>8.1f}"
            f"{s['max_ms']:>8.1f}{s['errors']:>8}{c.get('p95_ms') or 0:>12.0f}"
            f"{'/'.join(f'{x:.0f}' for x in s.get('p95_by_part_ms', [])):>14}"
            f"  {TARGET_P95_MS:>5.0f} {_mark(s['p95_ms'] <= TARGET_P95_MS)}"
        )
    a = journeys["all"]
    cpu = journeys["cpu_seconds"]
    log(
        f"{'all pages':18}{a['n']:>6}{a['p50_ms']:>8.1f}{a['p95_ms']:>8.1f}{a['p99_ms']:>8.1f}"
        f"{a['max_ms']:>8.1f}{a['errors']:>8}   | {journeys['req_s']} req/s, "
        f"{journeys['client_failures']} client failures, workers busy "
        f"{journeys['workers_busy_pct']} %"
    )
    log(
        f"CPU s in the window: gunicorn {cpu['gunicorn_workers']}, postgres {cpu['postgres']} "
        f"(+ parallel workers {cpu['postgres_parallel']}), client {cpu['client']}, others "
        f"{cpu['others']} {cpu['others_by_name']}; machine {cpu['machine_busy_pct']} % busy"
    )

    closed = results["closed_loop"]
    if closed:
        first = next(iter(closed.values()))
        log(
            f"\n=== Closed loop: {first['users']} users, no think time, {first['rounds']} "
            f"interleaved rounds of {first['seconds'] / first['rounds']:.0f} s ==="
        )
        log(f"{'':28}{'req/s':>8}{'rounds':>16}{'ratio':>8}{'n':>7}{'p50':>7}{'p95':>7}"
            f"{'errors':>8}  cpu ms/req: gunicorn postgres client others; busy")  # fmt: skip
        labels = {
            "bare": "bare view, no session",
            "bare_session": "bare view, member session",
            "home_loop": "home page, member session",
        }
        for kind, f in closed.items():
            s = f["server"] or {"n": 0, "p50_ms": 0, "p95_ms": 0, "errors": 0}
            cpu = f["cpu_ms_per_request"]
            by_round = "/".join(f"{r:.0f}" for r in f["req_s_by_round"])
            log(
                f"{labels.get(kind, kind):28}{f['req_s']:>8.1f}{by_round:>16}"
                f"{f.get('ratio_to_bare') or 0:>8.2f}{s['n']:>7}{s['p50_ms']:>7.1f}"
                f"{s['p95_ms']:>7.1f}{s['errors'] + f['client_failures']:>8}  "
                f"{cpu['gunicorn_workers']:>8.2f}{cpu['postgres']:>9.2f}{cpu['client']:>7.2f}"
                f"{cpu['others']:>7.2f}; {f['machine_busy_pct']:.0f} %"
            )
    machine = results["machine"]
    log(
        f"\nLoad average before {meta['load_average_before']}, after {meta['load_average_after']}"
        f"; other processes took {machine['others_share_of_busy']:.0%} of the busy CPU of the "
        f"measured windows ({machine['others_cpu_s']} s: {machine['others_by_name']})"
    )
    if (machine["others_share_of_busy"] or 0) > QUIET_SHARE:
        log("WARNING: the machine was shared during the measurement; the figures are not clean.")
    log("\n=== Verdicts ===")
    for key, value in results["verdicts"].items():
        log(f"{key}: {_mark(value['ok'])} {value}")
