"""`python -m bench.events_calendar`: server time of the calendar's month view and of the event
page (issue 14, item 11: p95 ≤ 30 ms with 5,000 events and 50,000 registrations).

The whole request as a member makes it (middleware, selectors, template), through Django's test
client in this process, on a database with the real taxonomy (123 member cities, regions,
themes) and `--events` events from 2016 to 2030 — every kind, one to three regions and themes,
cities in every role, a venue city for most, a tenth for invited cities and a tenth for staff,
a tenth known only by their year — with `--registrations` registrations of `--members`
members, a fifth of them on one busy summit (the event page measured). Seeding is done once
(idempotent: a second run finds the rows and measures). Each of `--rounds` rounds measures a
reference first — a trivial page of the same stack (the "access request sent" page) and a raw
`SELECT 1` — then the pages, so that the machine's load at that moment is seen in the same run.
Not part of the test suite.

    .venv/bin/python -m bench.events_calendar --database scn_hub_evcal_bench
    .venv/bin/python -m bench.events_calendar --database scn_hub_evcal_bench --calendar-cache 0

The month grid and the lists (upcoming, past) are kept rendered under the calendar's
generation as deployed (a page read again by readers who see the same events is a cache hit,
as every run after the warm-up is here); `--calendar-cache 0` measures them rendered from the
rows on every request, as a first visit after a write is.

It uses its own database (`--database`, created and migrated if missing), never the development
one, and a Redis database of its own (`--redis`).
"""

# ruff: noqa: S311  (reproducible synthetic data)
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")

from bench.library_search.common import (  # noqa: E402
    BENCH_DIR,
    DEFAULT_DSN,
    OUT_DIR,
    ensure_database,
    error,
    log,
    migrate_and_load,
    run_facts,
    setup_django,
)

TARGET_P95_MS = 30.0
MARKER = "bench-cal-"  # the slug prefix of every seeded event
MEMBER_EMAIL = "bench-cal-{}@city.example"
BUSY = f"{MARKER}busy-summit"
RECOUNT = """
    UPDATE events_event e SET confirmed_count = counted.n
    FROM (SELECT event_id, count(*) AS n FROM events_registration
          WHERE status = 'confirmed' GROUP BY event_id) counted
    WHERE e.id = counted.event_id
"""
ZONES = ["Europe/Paris", "Africa/Nairobi", "Asia/Beirut", "America/Montreal", "Asia/Karachi"]


def _p(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return round(ordered[max(0, int(len(ordered) * share + 0.5) - 1)], 2)


def _summary(times: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": _p(times, 0.95),
        "max_ms": round(max(times), 2),
    }


def _seed(events: int, registrations: int, members: int, seed: int) -> dict[str, Any]:
    from django.db import connection, transaction

    from events.models import Event, EventCity, Invitation, Provenance, Registration
    from hub.models import City, Region, Theme, User

    if Event.objects.filter(slug__startswith=MARKER).count() >= events:
        return {"seeded": False}
    rng = random.Random(seed)
    started = time.perf_counter()
    table = Registration._meta.db_table
    cities = list(City.objects.values_list("pk", flat=True))
    regions = list(Region.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    kinds = Event.Kind.values
    with transaction.atomic():
        people = []
        for i in range(members):
            user = User(
                email=MEMBER_EMAIL.format(i),
                name=f"Bench member {i}",
                city_id=cities[i % len(cities)],
                roles=["practitioner"],
            )
            user.set_unusable_password()
            people.append(user)
        User.objects.bulk_create(people, batch_size=1000)
        people = list(User.objects.filter(email__startswith="bench-cal-").order_by("pk"))
        rows = []
        first = datetime(2016, 1, 1, tzinfo=UTC)
        span = (datetime(2030, 12, 31, tzinfo=UTC) - first).total_seconds()
        for i in range(events):
            busy = i == 0
            starts_at = first + timedelta(seconds=rng.random() * span)
            starts_at = starts_at.replace(minute=0, second=0, microsecond=0)
            undated = not busy and rng.random() < 0.1
            visibility = (
                Event.Visibility.MEMBERS
                if busy
                else rng.choices(Event.Visibility.values, weights=(8, 1, 1))[0]
            )
            if busy:
                starts_at = datetime.now(tz=UTC).replace(minute=0, second=0, microsecond=0)
                starts_at += timedelta(days=40)
            rows.append(
                Event(
                    slug=BUSY if busy else f"{MARKER}{i:05}",
                    kind=Event.Kind.GLOBAL_SUMMIT if busy else rng.choice(kinds),
                    title_en=f"Bench event {i}: prevention with young people and families",
                    title_fr=f"Événement de mesure {i} : prévention avec les jeunes",
                    title_ar=f"فعالية قياس {i}: الوقاية مع الشباب والأسر",
                    description_en="A workshop of practitioners. " * 20,
                    starts_at=None if undated else starts_at,
                    ends_at=None
                    if undated
                    else starts_at + timedelta(hours=rng.choice((3, 8, 56))),
                    year=starts_at.year if undated else None,
                    month=(starts_at.month if rng.random() < 0.5 else None) if undated else None,
                    time_zone=rng.choice(ZONES),
                    venue_city_id=rng.choice(cities) if rng.random() < 0.8 else None,
                    capacity=1000 if busy else None,
                    registration=Event.Registration.OPEN,
                    visibility=visibility,
                    provenance=Provenance.DEMO,
                )
            )
        Event.objects.bulk_create(rows, batch_size=1000)
        saved = list(Event.objects.filter(slug__startswith=MARKER).order_by("pk"))
        region_links = Event.regions.through
        theme_links = Event.themes.through
        region_links.objects.bulk_create(
            [
                region_links(event_id=e.pk, region_id=r)
                for e in saved
                for r in rng.sample(regions, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
        theme_links.objects.bulk_create(
            [
                theme_links(event_id=e.pk, theme_id=t)
                for e in saved
                for t in rng.sample(themes, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
        roles = EventCity.Role.values
        EventCity.objects.bulk_create(
            [
                EventCity(event_id=e.pk, city_id=c, role=rng.choice(roles))
                for e in saved
                for c in rng.sample(cities, rng.randint(1, 4))
            ],
            batch_size=5000,
        )
        Invitation.objects.bulk_create(
            [
                Invitation(event_id=e.pk, city_id=c)
                for e in saved
                if e.visibility == Event.Visibility.INVITED
                for c in rng.sample(cities, 5)
            ],
            batch_size=5000,
        )
        # A fifth of the registrations on the busy summit (1,000 confirmed, the others
        # waiting), the rest spread over the other events.
        busy_event, others = saved[0], saved[1:]
        on_busy = registrations // 5
        wanted: list[Registration] = []
        for position, person in enumerate(people[:on_busy]):
            status = Registration.Status.CONFIRMED if position < 1000 else "waitlisted"
            wanted.append(
                Registration(
                    event_id=busy_event.pk, user=person, city_id=person.city_id, status=status
                )
            )
        taken: set[tuple[int, int]] = set()
        statuses = ["confirmed", "confirmed", "confirmed", "pending", "cancelled", "refused"]
        while len(wanted) < registrations:
            event, person = rng.choice(others), rng.choice(people)
            if (event.pk, person.pk) in taken:
                continue
            taken.add((event.pk, person.pk))
            wanted.append(
                Registration(
                    event_id=event.pk,
                    user=person,
                    city_id=person.city_id,
                    status=rng.choice(statuses),
                )
            )
        # The trigger that keeps confirmed_count recounts the event at every row: for a load
        # of this size it is switched off in this transaction and the counts set at the end.
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER events_registration_recount")
            Registration.objects.bulk_create(wanted, batch_size=5000)
            cursor.execute(RECOUNT)
            # The deferred foreign-key checks of the rows, now: ALTER TABLE waits for none.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER events_registration_recount")
    return {"seeded": True, "seconds": round(time.perf_counter() - started, 1)}


def _counts() -> dict[str, int]:
    from events.models import Event, EventCity, Registration

    return {
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "event_cities": EventCity.objects.count(),
        "event_regions": Event.regions.through.objects.count(),
        "event_themes": Event.themes.through.objects.count(),
    }


def _timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _busiest_month(reader: Any) -> tuple[int, int, int]:
    """The month with the most events the reader may see (year, month, count)."""
    from events.models import Event

    months = Counter(
        (moment.year, moment.month)
        for moment in Event.objects.visible_to(reader)
        .filter(slug__startswith=MARKER, starts_at__isnull=False)
        .values_list("starts_at", flat=True)
    )
    (year, month), count = months.most_common(1)[0]
    return year, month, count


def _measure(rounds: int, runs: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from events.models import Event, Registration
    from hub.models import Region

    busy = Event.objects.get(slug=BUSY)
    # A confirmed participant of the busy summit whose city is invited to some events.
    registration = (
        Registration.objects.filter(event=busy, status="confirmed").select_related("user").first()
    )
    assert registration is not None and registration.user is not None
    reader = registration.user
    year, month, in_month = _busiest_month(reader)
    region = Region.objects.order_by("pk").first()
    assert region is not None
    client = Client(HTTP_HOST="localhost")
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    month_url = reverse("events:month", kwargs={"year": year, "month": month})
    pages = {
        f"month view ({year}-{month:02}, {in_month} events)": month_url,
        "month view, filtered (kind and region)": f"{month_url}?kind=webinar&region={region.slug}",
        "event page (busy summit)": reverse("events:event-detail", kwargs={"slug": busy.slug}),
        "list: upcoming": reverse("events:calendar"),
        "list: past": reverse("events:calendar-past"),
    }
    reference_url = reverse("hub:accessrequest-sent")

    def select_one() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    for _ in range(warmup):
        client.get(reference_url)
        for page in pages.values():
            assert client.get(page).status_code == 200, page
    every: dict[str, list[float]] = {}
    per_round = []
    for number in range(1, rounds + 1):
        times: dict[str, list[float]] = {
            "reference: trivial page": [
                _timed(lambda: client.get(reference_url)) for _ in range(runs)
            ],
            "reference: SELECT 1": [_timed(select_one) for _ in range(runs)],
        }
        for label, page in pages.items():
            times[label] = [_timed(lambda page=page: client.get(page)) for _ in range(runs)]
        summary = {label: _summary(values) for label, values in times.items()}
        per_round.append({"round": number, "load_1": round(os.getloadavg()[0], 2), **summary})
        log(
            f"  round {number}: "
            + ", ".join(f"{label} p95 {s['p95_ms']} ms" for label, s in summary.items())
        )
        for label, values in times.items():
            every.setdefault(label, []).extend(values)
    queries = {}
    for label, page in pages.items():
        with CaptureQueriesContext(connection) as captured:
            client.get(page)
        queries[label] = len(captured.captured_queries)
        queries[f"{label}: slowest query ms"] = max(
            round(float(q["time"]) * 1000, 2) for q in captured.captured_queries
        )
        queries[f"{label}: bytes"] = len(client.get(page).content)
    overall = {label: _summary(values) for label, values in every.items()}
    # The median over the rounds of each round's p95: what a single busy round cannot sway.
    median_p95 = {
        label: round(statistics.median(r[label]["p95_ms"] for r in per_round), 2)
        for label in overall
    }
    return {
        "overall": overall,
        "median_of_round_p95_ms": median_p95,
        "queries_and_bytes": queries,
        "rounds": per_round,
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.events_calendar", description=__doc__)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--members", type=int, default=12_000)
    parser.add_argument("--database", default="scn_hub_events_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="server, without a database name")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=100, help="requests per page per round")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--publish", action="store_true", help="write bench/results-events-*")
    parser.add_argument(
        "--calendar-cache",
        type=int,
        default=None,
        help="seconds the month grid is kept (HUB_EVENTS_CALENDAR_CACHE_SECONDS); 0: never. "
        "Default: the setting's, as deployed",
    )
    args = parser.parse_args()
    if args.database in {"scn_hub_bench", "scn_hub", "scn_hub_dev"}:
        return error(f"{args.database} is not this benchmark's database; choose another.")
    if args.rounds < 5:
        return error("at least 5 rounds, each with its reference.")
    if args.registrations // 5 > args.members:
        return error("the busy summit needs a fifth of the registrations in members.")
    os.environ["TEST_REDIS_URL"] = args.redis
    os.environ["REDIS_URL"] = args.redis
    created = ensure_database(args.dsn, args.database)
    setup_django(args.dsn, args.database)
    log(f"Database {args.database}{' (created)' if created else ''}: migrating, taxonomy.")
    migrate_and_load()
    log("Seeding events, members and registrations.")
    seeded = _seed(args.events, args.registrations, args.members, seed=2026)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # a reseeded database keeps the dead rows otherwise
    counts = _counts()
    log(f"  {counts}")
    from django.conf import settings

    if args.calendar_cache is not None:
        settings.HUB_EVENTS_CALENDAR_CACHE_SECONDS = args.calendar_cache
    calendar_cache = getattr(settings, "HUB_EVENTS_CALENDAR_CACHE_SECONDS", None)
    log(f"Measuring (the month grid's cache: {calendar_cache} s).")
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    results = _measure(args.rounds, args.runs, args.warmup)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "meta": {
            **run_facts(),
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
            "load_average_at_start": load_at_start,
            "calendar_cache_seconds": calendar_cache,
        },
        "target_p95_ms": TARGET_P95_MS,
        "seeded": seeded,
        "rows": counts,
        "results": results,
    }
    if args.publish:
        path = BENCH_DIR / f"results-events-calendar-{args.events}.json"
    else:
        OUT_DIR.mkdir(exist_ok=True)
        path = OUT_DIR / f"results-events-calendar-{args.events}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"Wrote {path}.")
    log(f"Median of the rounds' p95: {results['median_of_round_p95_ms']}")
    log(f"Queries and bytes: {results['queries_and_bytes']}")
    targeted = {
        label: p95
        for label, p95 in results["median_of_round_p95_ms"].items()
        if label.startswith(("month view", "event page"))
    }
    return 0 if all(p95 <= TARGET_P95_MS for p95 in targeted.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
