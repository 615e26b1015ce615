"""200 members register at once for an event with 100 places, through the whole HTTP stack.

gunicorn (sync workers, production settings as ``bench.load`` runs them) on a scratch database;
each member has a real session (made server-side, as ``bench.load`` does past its form logins)
and the registration form's CSRF token, fetched first. Then every member's POST of the form
leaves at the same moment (one thread each, released by a barrier), and the run checks, from
the database: no error, exactly ``--places`` confirmed and the others waitlisted, and *in
order* — by the time each was registered (taken under the event's row lock) every confirmed
registration comes before every waitlisted one, and the event's count of confirmed
participants says the same. Prints and writes (``bench/out/events-register-<time>.json``) the
p50/p95 of the request times, as the members saw them and as gunicorn logged them.

    .venv/bin/python -m bench.events_register                   # 200 members, 100 places
    .venv/bin/python -m bench.events_register --members 400 --places 150 --workers 8

Loopback only (127.0.0.1, a port of 8810-8819). Its own database (``--database``, default
``scn_hub_bench_events``: created, migrated and given the SCN taxonomy when missing) and Redis
database (``--redis-url``); never the development ones. Not part of the test suite.
"""

# ruff: noqa: S603, S310  (our own interpreter running manage.py; http on the loopback)
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.library_search.common import DEFAULT_DSN, OUT_DIR, log, run_facts
from bench.library_search.timing import percentile
from bench.load.server import (
    ACCESS_LOG_FORMAT,
    HOST,
    TAG_HEADER,
    environment,
    free_port,
    read_access_log,
    server_summary,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--members", type=int, default=200, help="members registering at once")
    parser.add_argument("--places", type=int, default=100, help="the event's capacity")
    parser.add_argument("--workers", type=int, default=8, help="gunicorn sync workers")
    parser.add_argument("--database", default="scn_hub_bench_events")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="the server, without a database")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--port", type=int, default=None)
    return parser.parse_args(argv)


def _manage(env: dict[str, str], *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command, "-v", "0"], cwd=ROOT, env=env, check=True
    )


def prepare_database(env: dict[str, str]) -> None:
    """The scratch database, migrated, with the taxonomy (members belong to a member city)."""
    _manage(env, "ensure_database")
    _manage(env, "migrate", "--no-input")
    _manage(env, "load_scn_data")


@contextlib.contextmanager
def serve(*, port: int, workers: int, env: dict[str, str], logs: Path) -> Iterator[Path]:
    """gunicorn as bench.load runs it (sync workers, the loopback, its access log format), with
    the application loaded once before the workers fork (``--preload``) and a patient readiness
    probe: on a busy machine a worker's first answer can take longer than bench.load's 5 s.
    Yields the access log; stopped whatever happens."""
    access_log, error_log = logs / "access.log", logs / "gunicorn.log"
    argv = [
        sys.executable, "-m", "gunicorn", "hub.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(workers), "--worker-class", "sync",
        "--preload", "--timeout", "120", "--graceful-timeout", "10",
        "--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG_FORMAT,
        "--error-logfile", str(error_log), "--no-control-socket",
    ]  # fmt: skip
    with error_log.open("ab") as stderr:
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=stderr, stderr=stderr)
    try:
        deadline, answered = time.monotonic() + 300, 0
        while answered < workers:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {error_log}")
            request = urllib.request.Request(
                f"http://{HOST}:{port}/_bench/bare/", headers={TAG_HEADER: "setup/ready"}
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    answered += answer.status == 200
            except (urllib.error.URLError, OSError):
                answered = 0
                time.sleep(0.5)
        yield access_log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def make_event(places: int, stamp: str) -> Any:
    """A new open event for all members, a month ahead, with `places` places."""
    from events.models import Event

    return Event.objects.create(
        slug=f"bench-register-{stamp.lower()}",
        kind=Event.Kind.REGIONAL_WORKSHOP,
        title_en=f"Registration benchmark {stamp}",
        title_fr=f"Banc d'essai des inscriptions {stamp}",
        title_ar=f"اختبار أداء التسجيل {stamp}",
        starts_at=datetime.now(tz=UTC) + timedelta(days=30),
        ends_at=datetime.now(tz=UTC) + timedelta(days=30, hours=8),
        time_zone="Europe/Paris",
        capacity=places,
        registration=Event.Registration.OPEN,
        visibility=Event.Visibility.MEMBERS,
    )


def _request(
    url: str, cookies: dict[str, str], tag: str, data: bytes | None = None
) -> tuple[int, dict[str, str], str, float]:
    """One request without following redirects: status, headers, body, wall time in ms."""
    headers = {
        TAG_HEADER: tag,
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
    }
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = url
    request = urllib.request.Request(url, data=data, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    started = time.perf_counter()
    try:
        with opener.open(request, timeout=120) as answer:
            body = answer.read().decode("utf-8", "replace")
            status, answer_headers = answer.status, answer.headers
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        status, answer_headers = error.code, error.headers
    elapsed = (time.perf_counter() - started) * 1000
    cookies_set = {}
    for header in answer_headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies_set[name.strip()] = rest.split(";", 1)[0]
    return status, {"Location": answer_headers.get("Location", ""), **cookies_set}, body, elapsed


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def forms(base_url: str, path: str, sessions: list[str], cookie_name: str) -> list[dict[str, Any]]:
    """Each member opens the registration form: their CSRF cookie and the form's token."""
    out = []
    for session in sessions:
        cookies = {cookie_name: session}
        status, headers, body, _ms = _request(f"{base_url}{path}", cookies, "setup/form")
        match = _CSRF_INPUT.search(body)
        if status != 200 or match is None or "csrftoken" not in headers:
            raise RuntimeError(f"the registration form did not open ({status})")
        cookies["csrftoken"] = headers["csrftoken"]
        out.append({"cookies": cookies, "token": match.group(1)})
    return out


def register_all(base_url: str, path: str, members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every member's POST at the same moment; what each got back, and how long it took."""
    barrier = threading.Barrier(len(members))
    results: list[dict[str, Any]] = [{} for _ in members]

    def one(index: int, member: dict[str, Any]) -> None:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": member["token"]}).encode()
        barrier.wait()
        try:
            status, headers, _body, ms = _request(
                f"{base_url}{path}", member["cookies"], "register/post", body
            )
            results[index] = {"status": status, "location": headers["Location"], "ms": ms}
        except (urllib.error.URLError, OSError) as error:
            results[index] = {"status": 0, "error": repr(error), "ms": None}

    threads = [threading.Thread(target=one, args=(i, m)) for i, m in enumerate(members)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def check(event_id: int, places: int, members: int) -> dict[str, Any]:
    """What the database holds after the run, and whether it is exactly right."""
    from events.models import Event, Registration

    Status = Registration.Status
    event = Event.objects.get(pk=event_id)
    rows = list(
        Registration.objects.filter(event_id=event_id)
        .order_by("requested_at", "pk")
        .values_list("pk", "status", "user_id")
    )
    statuses = [status for _pk, status, _user in rows]
    confirmed = statuses.count(Status.CONFIRMED)
    waitlisted = statuses.count(Status.WAITLISTED)
    expected = [Status.CONFIRMED] * places + [Status.WAITLISTED] * (members - places)
    by_pk = [status for _pk, status in sorted((pk, status) for pk, status, _u in rows)]
    return {
        "registrations": len(rows),
        "distinct_members": len({user for _pk, _status, user in rows}),
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "other": len(rows) - confirmed - waitlisted,
        "event_confirmed_count": event.confirmed_count,
        # By registration time (under the event's lock) and by insertion: the first `places`
        # confirmed, then the waiting list.
        "in_order_by_time": statuses == expected,
        "in_order_by_insertion": by_pk == expected,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not 0 < args.places <= args.members:
        log("--places must be between 1 and --members.")
        return 2
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    media = Path(tempfile.mkdtemp(prefix="scn_bench_events_media_"))
    static_root = Path(tempfile.mkdtemp(prefix="scn_bench_static_"))
    port = free_port(args.port)
    base_url = f"http://127.0.0.1:{port}"
    settings_env = {
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{args.dsn}/{args.database}",
        "REDIS_URL": args.redis_url,
        "CELERY_BROKER_URL": args.redis_url,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "consolemail://",
        "HUB_MEDIA_ROOT": str(media),
        "HUB_STATIC_ROOT": str(static_root),
        "HUB_SITE_URL": base_url,
        "HUB_LOG_LEVEL": "WARNING",
    }
    env = environment(settings_env)
    os.environ.update(settings_env)
    try:
        return run(args, env, base_url, port, stamp)
    finally:
        shutil.rmtree(media, ignore_errors=True)
        shutil.rmtree(static_root, ignore_errors=True)


def run(args: argparse.Namespace, env: dict[str, str], base_url: str, port: int, stamp: str) -> int:
    log(f"Database {args.database}: migrating and loading the taxonomy if needed.")
    prepare_database(env)
    _manage(env, "collectstatic", "--no-input")

    import django

    django.setup()
    from django.conf import settings
    from django.urls import reverse

    from bench.load.members import provision_members, server_side_session
    from hub.celery import app as celery_app
    from hub.models import City

    city = City.objects.order_by("slug").first()
    if city is None:
        log("No member city in the database.")
        return 2
    members, _password = provision_members(args.members, city)
    event = make_event(args.places, stamp)
    sessions = [server_side_session(member) for member in members]
    path = reverse("events:registration-create", kwargs={"slug": event.slug})
    logs = Path(tempfile.mkdtemp(prefix="scn_bench_events_logs_"))
    with serve(port=port, workers=args.workers, env=env, logs=logs) as access_log:
        log(f"gunicorn: {args.workers} sync workers on {base_url}; logs in {logs}")
        ready = forms(base_url, path, sessions, settings.SESSION_COOKIE_NAME)
        log(f"{len(ready)} members have the form open; all register at once.")
        started = time.perf_counter()
        results = register_all(base_url, path, ready)
        wall = time.perf_counter() - started
    event_url = reverse("events:event-detail", kwargs={"slug": event.slug})
    errors = [r for r in results if r.get("status") != 302 or r.get("location") != event_url]
    times = [r["ms"] for r in results if r.get("ms") is not None]
    logged = read_access_log(access_log).get("register", {}).get("post", [])
    state = check(event.pk, args.places, args.members)
    ok = (
        not errors
        and state["confirmed"] == args.places
        and state["waitlisted"] == args.members - args.places
        and state["other"] == 0
        and state["distinct_members"] == args.members
        and state["event_confirmed_count"] == args.places
        and state["in_order_by_time"]
        and state["in_order_by_insertion"]
    )
    # The emails of the run wait in the bench's broker for a worker that never comes.
    purged = celery_app.control.purge()
    results_out = {
        "meta": run_facts()
        | {
            "members": args.members,
            "places": args.places,
            "server": f"gunicorn, {args.workers} sync workers, bench.load.settings (production)",
            "database": args.database,
            "emails_purged_from_broker": purged,
        },
        "ok": ok,
        "errors": len(errors),
        "error_samples": errors[:5],
        "state": state,
        "wall_s": round(wall, 2),
        "client_ms": {
            "n": len(times),
            "p50": round(percentile(times, 0.50), 1),
            "p95": round(percentile(times, 0.95), 1),
            "max": round(max(times), 1),
        },
        # Without its "errors" (answers other than 200): a registration answers 302.
        "server_ms": (
            {k: v for k, v in server_summary(logged).items() if k != "errors"} if logged else None
        ),
    }
    OUT_DIR.mkdir(exist_ok=True)
    out = OUT_DIR / f"events-register-{stamp}.json"
    out.write_text(json.dumps(results_out, indent=2) + "\n", "utf-8")
    shutil.rmtree(logs, ignore_errors=True)
    log(
        f"{args.members} registrations for {args.places} places in {wall:.2f}s: "
        f"{len(errors)} errors; {state['confirmed']} confirmed, {state['waitlisted']} waitlisted, "
        f"{state['other']} other; confirmed count {state['event_confirmed_count']}; in order: "
        f"{state['in_order_by_time'] and state['in_order_by_insertion']}."
    )
    log(
        f"Request time as members saw it: p50 {results_out['client_ms']['p50']} ms, "
        f"p95 {results_out['client_ms']['p95']} ms, max {results_out['client_ms']['max']} ms."
    )
    if results_out["server_ms"]:
        s = results_out["server_ms"]
        log(f"Server time (gunicorn's log): p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms.")
    log(f"{'OK' if ok else 'FAILED'}; {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
