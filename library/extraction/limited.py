"""Extraction in a limited child process, the way services run it.

A long-lived server forks one child per job under CPU and memory limits; the caller enforces
the wall clock. A job extracts a file's text (every way its child can die becomes an
:class:`ExtractionError`) or renders a PDF's first page (every failure means "no preview").
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import json
import os
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Final

from library.extraction.errors import ERROR_CODES, KINDS, MAX_PAGES, Extracted, ExtractionError
from library.extraction.formats import extract_file
from library.extraction.preview import (
    PREVIEW_MAX_BYTES,
    PREVIEW_MAX_HEIGHT,
    PREVIEW_WIDTH,
    Preview,
    is_webp,
    render_first_page,
)

_PROJECT_ROOT: Final = Path(__file__).resolve().parents[2]


def _child_env() -> dict[str, str]:
    # Nothing from the parent's environment beyond what Python needs: the worker's environment
    # holds the database URL and secret key, and the child parses untrusted input.
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(_PROJECT_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
    }


def _protocol_result(stdout: bytes) -> Extracted | ExtractionError | None:
    """Parse the child's single JSON line; None when it is missing or not the protocol."""
    lines = stdout.strip().splitlines()
    if not lines:
        return None
    try:
        payload = json.loads(lines[-1])
    except (ValueError, RecursionError):
        return None
    if not isinstance(payload, dict):
        return None
    if payload.get("ok") is True:
        kind = payload.get("kind")
        pages = payload.get("pages")
        page_count = payload.get("page_count")
        if (
            kind in KINDS
            and isinstance(pages, list)
            and all(isinstance(page, str) for page in pages)
            and isinstance(page_count, int)
        ):
            return Extracted(kind=kind, pages=pages, page_count=page_count)
        return None
    if payload.get("ok") is False:
        code, detail = payload.get("code"), payload.get("detail", "")
        if code in ERROR_CODES and isinstance(detail, str):
            return ExtractionError(code, detail)
    return None


def _preview_result(stdout: bytes, *, width: int, max_height: int) -> Preview | None:
    """Parse the reply to a preview job; None unless it is a WebP image within the bounds.

    The child parsed an untrusted file, so what it sends back is checked like input.
    """
    try:
        payload = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError, RecursionError):
        return None
    if not isinstance(payload, dict) or payload.get("ok") is not True:
        return None
    encoded, got_width, got_height = (payload.get(k) for k in ("preview", "width", "height"))
    if not (
        isinstance(encoded, str)
        and isinstance(got_width, int)
        and isinstance(got_height, int)
        and 0 < got_width <= width
        and 0 < got_height <= max_height
        and len(encoded) <= PREVIEW_MAX_BYTES * 4 // 3 + 4
    ):
        return None
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not is_webp(data):
        return None
    return Preview(data=data, width=got_width, height=got_height)


class _Server:
    """A long-lived extraction process that forks one limited child per file.

    Starting a fresh interpreter per file costs more than extracting a typical report (importing
    pypdfium2 and python-docx takes ~0.3 s), so the server is started once (clean environment,
    no inherited file descriptors, libraries preloaded) and forks a child per job; the child sets
    its CPU and memory limits before it reads the file. The caller enforces the wall clock by
    killing the whole server, which is started again for the next job.
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.buffer = b""

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed argv
                [sys.executable, "-m", "library.extraction", "--serve"],
                cwd=_PROJECT_ROOT,
                env=_child_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            self.buffer = b""
        return self.process

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None
        self.buffer = b""

    def run(self, request: dict[str, Any], wall_seconds: float) -> bytes | None:
        """Send one job and return its result line, or None if the server died or timed out."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None  # noqa: S101
        try:
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            return None
        deadline = time.monotonic() + wall_seconds
        fd = process.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.stop()
                raise ExtractionError("timeout", f"no result after {wall_seconds} s")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                self.stop()
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line


_server = _Server()
_server_lock = threading.Lock()


def extract_file_limited(
    path: Path,
    *,
    cpu_seconds: int = 60,
    memory_bytes: int = 1024 * 2**20,
    wall_seconds: int = 120,
    max_pages: int = MAX_PAGES,
) -> Extracted:
    """Run :func:`extract_file` in a child process under CPU, address-space and time limits.

    Side effects: talks to this process's extraction server (started on first use, restarted
    after a timeout or a crash). Jobs of one process run one at a time.

    Raises:
        ExtractionError: every failure, including ``timeout`` (wall clock) and ``resources``
            (CPU or memory limit, a crash). Nothing else.
    """
    request = {
        "job": "extract",
        "path": str(Path(path).resolve()),
        "max_pages": max_pages,
        "cpu_seconds": cpu_seconds,
        "memory_bytes": memory_bytes,
    }
    line = _run_on_server(request, wall_seconds)
    result = _protocol_result(line or b"")
    if isinstance(result, Extracted):
        return result
    if isinstance(result, ExtractionError):
        raise result
    raise ExtractionError("resources", "the extraction server ended without a result")


def render_preview_limited(
    path: Path,
    *,
    cpu_seconds: int = 20,
    memory_bytes: int = 1024 * 2**20,
    wall_seconds: int = 30,
    width: int = PREVIEW_WIDTH,
    max_height: int = PREVIEW_MAX_HEIGHT,
) -> Preview | None:
    """Render the first page of a PDF (:func:`.preview.render_first_page`) in a limited child.

    The same server and the same kind of child as extraction, with limits of its own: a file
    that PDFium could read for its text but not draw costs at most these limits and gives no
    preview. Never raises for anything the file does; None means "no preview".
    Side effects: as :func:`extract_file_limited`.
    """
    request = {
        "job": "preview",
        "path": str(Path(path).resolve()),
        "width": width,
        "max_height": max_height,
        "cpu_seconds": cpu_seconds,
        "memory_bytes": memory_bytes,
    }
    try:
        line = _run_on_server(request, wall_seconds)
    except ExtractionError:  # the wall clock: the server was stopped and starts again
        return None
    return _preview_result(line or b"", width=width, max_height=max_height)


def _run_on_server(request: dict[str, Any], wall_seconds: float) -> bytes | None:
    with _server_lock:
        try:
            return _server.run(request, wall_seconds)
        except ExtractionError:
            raise
        except BaseException:
            # Interrupted (a task's soft time limit, a signal): the job's reply would arrive
            # later and be read as the answer to the next one. Start afresh next time.
            _server.stop()
            raise


def _job_payload(path: Path, max_pages: int) -> dict[str, Any]:
    """Extract one file and describe the outcome as a protocol object; never raises."""
    try:
        result = extract_file(path, max_pages=max_pages)
        return {
            "ok": True,
            "kind": result.kind,
            "pages": result.pages,
            "page_count": result.page_count,
        }
    except ExtractionError as exc:
        return _error_payload(exc.code, exc.detail)
    except MemoryError:
        return _error_payload("resources", "MemoryError")
    except RecursionError:
        return _error_payload("malformed", "RecursionError")
    except FileNotFoundError:
        return _error_payload("file_missing", "no file at the stored path")
    except OSError as exc:
        return _error_payload("malformed", f"cannot read file: {type(exc).__name__}")
    except Exception as exc:
        # An unexpected parser exception is still a property of this file; the type is logged,
        # never the message, which may quote file content.
        return _error_payload("malformed", f"unexpected {type(exc).__name__}")


def _preview_payload(path: Path, width: int, max_height: int) -> dict[str, Any]:
    """Render one first page and describe the outcome as a protocol object; never raises."""
    try:
        preview = render_first_page(path, width=width, max_height=max_height)
    except ExtractionError as exc:
        return _error_payload(exc.code, exc.detail)
    except MemoryError:
        return _error_payload("resources", "MemoryError")
    except Exception as exc:
        return _error_payload("malformed", f"unexpected {type(exc).__name__}")
    return {
        "ok": True,
        "preview": base64.b64encode(preview.data).decode("ascii"),
        "width": preview.width,
        "height": preview.height,
    }


def _request_payload(request: dict[str, Any]) -> dict[str, Any]:
    """Run the job a request asks for (in the limited child)."""
    path = Path(request["path"])
    if request.get("job") == "preview":
        return _preview_payload(path, int(request["width"]), int(request["max_height"]))
    return _job_payload(path, int(request["max_pages"]))


def _is_reply(data: bytes) -> bool:
    """Whether the child's output is one complete protocol line (of any job)."""
    if not data.endswith(b"\n"):
        return False
    try:
        payload = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(payload, dict) and isinstance(payload.get("ok"), bool)


def _encode(payload: dict[str, Any]) -> bytes:
    # ensure_ascii keeps the line independent of locale and encoding.
    return json.dumps(payload, ensure_ascii=True).encode("ascii") + b"\n"


def _serve_one(request: dict[str, Any]) -> bytes:
    """Fork a limited child for one job, relay its result, and always reap it."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limits first, then the untrusted file
        status = 0
        try:
            os.close(read_fd)
            cpu, memory = int(request["cpu_seconds"]), int(request["memory_bytes"])
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            payload = _request_payload(request)
            try:
                data = _encode(payload)
            except MemoryError:
                data = _encode(_error_payload("resources", "MemoryError while reporting"))
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
        except BaseException:  # noqa: BLE001 - the child must always reach _exit
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    chunks = []
    with os.fdopen(read_fd, "rb") as reader:
        while chunk := reader.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    data = b"".join(chunks)
    if _is_reply(data):
        return data
    if os.WIFSIGNALED(status):
        try:
            reason = signal.Signals(os.WTERMSIG(status)).name
        except ValueError:
            reason = f"signal {os.WTERMSIG(status)}"
    else:
        reason = f"exit code {os.WEXITSTATUS(status)}"
    return _encode(_error_payload("resources", f"child ended without a result ({reason})"))


def serve() -> int:
    """Server side of :func:`extract_file_limited`: one JSON job per line in, one result out."""
    try:
        # Preloaded once, so each forked job starts with the libraries in memory.
        import docx  # noqa: F401
        import pypdfium2  # noqa: F401
        from PIL import Image, WebPImagePlugin  # noqa: F401
    except (ImportError, OSError):
        return 1
    for raw in sys.stdin.buffer:
        try:
            request = json.loads(raw)
            reply = _serve_one(request)
        except (ValueError, KeyError, TypeError):
            reply = _encode(_error_payload("resources", "bad request"))
        sys.stdout.buffer.write(reply)
        sys.stdout.buffer.flush()
    return 0


def _error_payload(code: str, detail: str) -> dict[str, Any]:
    return {"ok": False, "code": code, "detail": detail}


def main(argv: list[str] | None = None) -> int:
    """`--serve`: the extraction server; `PATH`: extract one file and print the result."""
    parser = argparse.ArgumentParser(prog="python -m library.extraction")
    parser.add_argument("path", type=Path, nargs="?")
    parser.add_argument("--max-pages", type=int, default=MAX_PAGES)
    parser.add_argument("--serve", action="store_true", help="run the extraction server")
    args = parser.parse_args(argv)
    if args.serve:
        return serve()
    if args.path is None:
        parser.error("a path is required")
    # One file, no limits: for looking at what the extraction of a file gives.
    sys.stdout.buffer.write(_encode(_job_payload(args.path, args.max_pages)))
    return 0
