"""Where the time of library.extraction.extract_file_limited goes, and a faster prototype.

    .venv/bin/python -m bench.extraction_startup

No Django, no database. Uses the sample PDFs of bench.library_search (made if missing).

1. Fixed cost of one limited child: interpreter start, ``site``, the imports the child does up
   front (python-docx/lxml and pypdfium2), and a whole ``python -m library.extraction`` run.
2. Throughput over the sample PDFs of: extract_file in-process (no isolation), today's
   extract_file_limited (one fresh interpreter per file), pdftotext (one process per file),
   and the prototype :func:`zygote_extract`: one long-lived process that has imported the
   libraries once and forks a child per file; the child applies the same rlimits before reading
   the file, runs library.extraction.extract_file and sends the same JSON protocol back, so
   isolation and limits per file are unchanged.
"""

# ruff: noqa: S603  (fixed argv of our own interpreter and of pdftotext, on our own files)
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any

from bench.library_search import BENCH_DIR, log, sample_pdfs

if TYPE_CHECKING:
    from pathlib import Path


def _child_env() -> dict[str, str]:
    from library.extraction.limited import _child_env as env

    return env()


def time_command(argv: list[str], runs: int = 10) -> float:
    """Median wall time of `argv` in ms, in the extraction child's environment."""
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            argv, env=_child_env(), cwd=BENCH_DIR.parent, capture_output=True, check=True
        )
        samples.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(samples), 1)


def fixed_costs(small_pdf: Path) -> dict[str, float]:
    py = sys.executable
    return {
        "python -c pass": time_command([py, "-c", "pass"]),
        "python -S -c pass (no site)": time_command([py, "-S", "-c", "pass"]),
        "python -c 'import pypdfium2'": time_command([py, "-c", "import pypdfium2"]),
        "python -c 'import docx'": time_command([py, "-c", "import docx"]),
        "python -c 'import docx, pypdfium2'": time_command([py, "-c", "import docx, pypdfium2"]),
        "python -m library.extraction <10-page pdf>": time_command(
            [py, "-m", "library.extraction", str(small_pdf)]
        ),
    }


def zygote_extract(paths: list[Path], *, cpu_seconds: int, memory_bytes: int, wall: int) -> list:
    """Prototype: fork a limited child per file from this already-initialised process."""
    import docx  # noqa: F401  (imported once, before any fork, like the zygote would)
    import pypdfium2  # noqa: F401

    from library import extraction
    from library.extraction import limited

    results = []
    for path in paths:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: limits first, then the untrusted file
            os.close(read_fd)
            code = 0
            try:
                resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
                resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                try:
                    got = extraction.extract_file(path)
                    payload = {
                        "ok": True,
                        "kind": got.kind,
                        "pages": got.pages,
                        "page_count": got.page_count,
                    }
                except extraction.ExtractionError as exc:
                    payload = {"ok": False, "code": exc.code, "detail": exc.detail}
                with os.fdopen(write_fd, "w", encoding="utf-8") as out:
                    out.write(json.dumps(payload, ensure_ascii=True) + "\n")
            except BaseException:
                code = 1
            os._exit(code)
        os.close(write_fd)
        deadline = time.monotonic() + wall
        with os.fdopen(read_fd, "r", encoding="utf-8") as pipe:
            data = pipe.read()
        while True:
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.001)
        results.append(limited._protocol_result(data.encode()))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction_startup")
    parser.add_argument("--pdfs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH_DIR.parent))
    from library import extraction

    pdfs = sample_pdfs(args.pdfs, args.seed)
    paths = [p for p, _pages, _language in pdfs]
    pages = sum(n for _p, n, _language in pdfs)
    smallest = min(pdfs, key=lambda item: item[1])[0]
    report: dict[str, Any] = {"files": len(paths), "pages": pages}

    log("Fixed cost of one child (median of 10, ms):")
    report["fixed_costs_ms"] = fixed_costs(smallest)
    for name, ms in report["fixed_costs_ms"].items():
        log(f"  {name:45} {ms:7.1f}")

    limits = {"cpu_seconds": 60, "memory_bytes": 1024 * 2**20}

    def measure(name: str, fn: Any) -> None:
        t = time.perf_counter()
        fn()
        seconds = time.perf_counter() - t
        report.setdefault("throughput", {})[name] = {
            "seconds": round(seconds, 2),
            "pages_per_s": round(pages / seconds, 1),
        }
        log(f"  {name:45} {seconds:6.2f}s  {pages / seconds:7.1f} pages/s")

    log(f"Throughput over {len(paths)} PDFs, {pages} pages, one worker:")
    measure(
        "extract_file (in process, no isolation)",
        lambda: [extraction.extract_file(p) for p in paths],
    )
    measure(
        "extract_file_limited (today)",
        lambda: [extraction.extract_file_limited(p, wall_seconds=120, **limits) for p in paths],
    )

    def zygote() -> None:
        got = zygote_extract(paths, wall=120, **limits)
        assert all(isinstance(g, extraction.Extracted) for g in got), got
        expected = [n for _p, n, _language in pdfs]
        assert [g.page_count for g in got] == expected

    measure("zygote: fork a limited child per file", zygote)
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        measure(
            "pdftotext (one process per file)",
            lambda: [
                subprocess.run(
                    [pdftotext, "-enc", "UTF-8", str(p), "-"], capture_output=True, check=True
                )
                for p in paths
            ],
        )
        base = report["throughput"]["pdftotext (one process per file)"]["pages_per_s"]
        report["ratio_vs_pdftotext"] = {
            name: round(v["pages_per_s"] / base, 2) for name, v in report["throughput"].items()
        }
        log(f"  ratio vs pdftotext: {report['ratio_vs_pdftotext']}")
    else:
        log("  pdftotext not installed")
    out = BENCH_DIR / "extraction-startup.json"
    out.write_text(json.dumps(report, indent=2), "utf-8")
    log(f"Written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
