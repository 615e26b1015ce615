"""`python -m bench.city_page`: server time and queries of the city page (issue 12, item 12).

The whole page as a member gets it (middleware, selectors, template), through Django's test
client in this process, on a database with the real 123 member cities, `--practices` published
practices each (with themes, challenges, networks for some cities, members) and a library of
`--docs` synthetic documents (bench.library_search's generator). Not part of the test suite.
Each of `--rounds` rounds measures a reference first (a trivial page of the same stack), then
the page of the city with the most documents and of the median city, each as deployed, on the
first visit after a write to the library or to a profile, after a deploy and with nothing kept
(VARIANTS).

    .venv/bin/python -m bench.city_page --docs 100000 --database scn_hub_city_bench

It uses its own database (`--database`, created and migrated if missing), never the development
one nor bench.library_search's, and a Redis database of its own (`--redis`).
"""

# ruff: noqa: S311  (reproducible synthetic data)
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

# The test settings: static files without a manifest, fast password hashing for the seeded
# members, eager tasks, the Redis database given by --redis for the sessions and the cache.
# Before bench.library_search, whose modules default to the development settings.
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
from bench.library_search.timing import summarise  # noqa: E402

TARGET_P95_MS = 40.0
REFERENCE = "reference: trivial page"
MARKER = "Bench profile"  # the overview every seeded profile starts with


def _seed_profiles(practices: int, seed: int) -> dict[str, Any]:
    """Published content for every city, once: overview, challenges, practices, networks,
    members. Written straight to the published rows, as a publication leaves them."""
    from django.db import transaction
    from django.utils import timezone

    from cityprofiles.models import (
        Challenge,
        CityProfile,
        PopulationBand,
        Practice,
        PreventionNetwork,
    )
    from hub.models import Theme, User
    from hub.models.accounts import Role

    if CityProfile.objects.filter(overview_en__startswith=MARKER).exists():
        return {"seeded": False}
    rng = random.Random(seed)
    themes = list(Theme.objects.values_list("pk", flat=True))
    bands = [b.value for b in PopulationBand]
    languages = ["en", "fr", "ar", "es", "pt", "de", "ur", "sw"]
    started = time.perf_counter()
    with transaction.atomic():
        for profile in CityProfile.objects.select_related("city"):
            city = profile.city
            profile.overview_en = f"{MARKER} of {city.name_en}: prevention with young people."
            profile.overview_ar = "ملف تجريبي للقياس."
            profile.approach_en = "A local network of many sectors; mentoring and dialogue."
            profile.population_band = rng.choice(bands)
            profile.languages = rng.sample(languages, 2)
            profile.published_at = timezone.now()
            profile.save()
            for position in range(3):
                challenge = Challenge.objects.create(
                    profile=profile, text_en=f"Challenge {position}", position=position
                )
                challenge.themes.set(rng.sample(themes, 2))
            contact = User.objects.create_user(
                email=f"bench-{city.slug}@city.example",
                name=f"Bench member of {city.name_en}",
                city=city,
                roles=[Role.FOCAL_POINT.value],
            )
            for i in range(4):
                User.objects.create_user(
                    email=f"bench-{city.slug}-{i}@city.example",
                    name=f"Colleague {i} of {city.name_en}",
                    city=city,
                    roles=[Role.PRACTITIONER.value],
                )
            rows = [
                Practice(
                    profile=profile,
                    key=uuid.UUID(int=rng.getrandbits(128)),
                    title_en=f"Practice {i} of {city.name_en}",
                    summary_en="Mentoring and youth engagement with schools and families.",
                    kind=rng.choice(Practice.Kind.values),
                    status=Practice.Status.RUNNING,
                    start_year=2015 + i % 8,
                    evidence_level=rng.choice(Practice.Evidence.values),
                    target_groups=["young_people", "schools"],
                    contact=contact,
                    position=i,
                )
                for i in range(practices)
            ]
            Practice.objects.bulk_create(rows)
            through = Practice.themes.through
            through.objects.bulk_create(
                [
                    through(practice_id=p.pk, theme_id=t)
                    for p in rows
                    for t in rng.sample(themes, rng.randint(1, 3))
                ]
            )
            if rng.random() < 0.3:
                PreventionNetwork.objects.create(
                    profile=profile,
                    name_en=f"{city.name_en} prevention network",
                    members_by_sector={"municipality": 4, "youth": 6, "religious": 2},
                )
    return {"seeded": True, "seconds": round(time.perf_counter() - started, 1)}


# What the page costs as deployed (its parts kept, HUB_CITY_PAGE_CACHE_SECONDS and
# HUB_CITY_SIMILAR_CACHE_SECONDS as the settings have them); on the first visit after a write
# (made before each request, untimed) to the library (its documents read again), to another
# city's profile (its cities like it compared again: they depend on every city) or to its own
# (its challenges and practices read again too); after a deploy (a new release before each
# request: no rendered part is found, their keys hold it; the data they are rendered from is,
# kept under keys without it: the challenges' and practices' values, the cities like it); and
# with nothing kept (both settings 0: as after Redis is emptied, which keeps nothing on disk).
# In turn in each round.
VARIANTS = (
    "as deployed",
    "after a library write",
    "after another city's profile write",
    "after its own profile write",
    "after a deploy",
    "nothing kept",
)
# A practice written (its position, unchanged): the triggers write its city's search row again
# and bump the directory's generation, as any write to it does.
_WRITE_PRACTICE = """
UPDATE cityprofiles_practice SET position = position
 WHERE id = (SELECT min(pr.id) FROM cityprofiles_practice pr
               JOIN cityprofiles_cityprofile p ON p.id = pr.profile_id
               JOIN hub_city c ON c.id = p.city_id
              WHERE (c.slug = %(slug)s) = %(own)s)
"""
_WRITES: dict[str, tuple[str, dict[str, Any]]] = {
    # The library's generation, bumped as any write to what the documents show bumps it.
    "after a library write": (
        "UPDATE hub_search_generation SET n = n + 1 WHERE rows_table = 'library_documentsearch'",
        {},
    ),
    "after another city's profile write": (_WRITE_PRACTICE, {"own": False}),
    "after its own profile write": (_WRITE_PRACTICE, {"own": True}),
}


# What the variants' writes touch (the triggers write the search rows and chunks again).
_WRITTEN_TABLES = (
    "cityprofiles_practice",
    "cityprofiles_citysearch",
    "cityprofiles_citychunk",
    "hub_search_generation",
)


def _timed(call: Any) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _measure(runs: int, warmup: int, rounds: int) -> dict[str, Any]:
    """Each of `rounds` rounds measures a reference first (a trivial page of the same stack,
    the "access request sent" page), then each city's page in each of VARIANTS, `runs` requests
    each: the machine's speed at that moment is seen in the same run."""
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from cityprofiles.similar import similar_cities
    from hub import generations
    from hub.models import City, User

    # The cities with the most and the median number of library documents about them.
    by_docs = list(
        City.objects.annotate(n=Count("documents")).order_by("-n", "pk").values_list("slug", "n")
    )
    cities = {"most documents": by_docs[0], "median": by_docs[len(by_docs) // 2]}
    reader = User.objects.filter(email__startswith="bench-", city__isnull=False).first()
    assert reader is not None
    client = Client(HTTP_HOST="localhost")
    client.force_login(reader, backend="django.contrib.auth.backends.ModelBackend")
    reference_url = reverse("hub:accessrequest-sent")
    deployed = {
        "HUB_CITY_PAGE_CACHE_SECONDS": settings.HUB_CITY_PAGE_CACHE_SECONDS,
        "HUB_CITY_SIMILAR_CACHE_SECONDS": settings.HUB_CITY_SIMILAR_CACHE_SECONDS,
    }
    cache_settings = {variant: deployed for variant in VARIANTS}
    cache_settings["nothing kept"] = {name: 0 for name in deployed}
    the_release = generations.release

    def write(variant: str, slug: str) -> None:
        """The variant's write, before its request (untimed); for "after a deploy", a new
        release (hub.generations.release: in the key of every fragment kept rendered)."""
        generations.release = the_release
        if variant == "after a deploy":
            deployed_now = uuid.uuid4().hex[:16]
            generations.release = lambda: deployed_now
        if variant in _WRITES:
            sql, params = _WRITES[variant]
            with connection.cursor() as cursor:
                cursor.execute(sql, {**params, "slug": slug})

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    urls = {
        label: reverse("cityprofiles:city", kwargs={"slug": slug})
        for label, (slug, _n) in cities.items()
    }
    every: dict[str, list[float]] = {}
    per_round: list[dict[str, Any]] = []
    for number in range(1, rounds + 1):
        for _ in range(warmup):
            get(reference_url)
        times = {REFERENCE: [_timed(lambda: get(reference_url)) for _ in range(runs)]}
        for label, url in urls.items():
            for variant in VARIANTS:
                with override_settings(**cache_settings[variant]):
                    for _ in range(warmup):
                        get(url)
                    samples = []
                    for _ in range(runs):
                        write(variant, cities[label][0])
                        samples.append(_timed(lambda url=url: get(url)))
                    times[f"{label}, {variant}"] = samples
                    generations.release = the_release
        summary = {label: summarise(values) for label, values in times.items()}
        per_round.append({"round": number, "load_1": round(os.getloadavg()[0], 2), **summary})
        log(
            f"  round {number}/{rounds}: "
            + ", ".join(f"{label} p95 {s['p95_ms']}" for label, s in summary.items())
        )
        for label, values in times.items():
            every.setdefault(label, []).extend(values)
    results: dict[str, Any] = {}
    for label, values in every.items():
        results[label] = {
            **summarise(values),
            "p95_by_round_ms": [r[label]["p95_ms"] for r in per_round],
        }
    for label, url in urls.items():
        slug, n_docs = cities[label]
        for variant in VARIANTS:
            with override_settings(**cache_settings[variant]):
                get(url)
                write(variant, slug)
                with CaptureQueriesContext(connection) as captured:
                    get(url)
                generations.release = the_release
            results[f"{label}, {variant}"] |= {
                "city": slug,
                "library_documents_about_it": n_docs,
                "queries": len(captured.captured_queries),
            }
    # The same page on two machines (or one, an hour apart) can differ by more than twice: each
    # page's p95 also as a multiple of the reference's p50, measured in the same rounds.
    reference_p50 = results[REFERENCE]["p50_ms"]
    for label, page in results.items():
        if label != REFERENCE and reference_p50:
            page["p95_per_reference_p50"] = round(page["p95_ms"] / reference_p50, 1)
    city_id = City.objects.get(slug=cities["median"][0]).pk
    # "Cities like this one": the statement itself (the cache off), and as the page reads it
    # (from the cache, under the search rows' generation: here read by its own query).
    variants = (("similar cities statement", 0), ("similar cities from the cache", 3600))
    for label, seconds in variants:
        with override_settings(HUB_CITY_SIMILAR_CACHE_SECONDS=seconds):
            similar_cities(city_id=city_id)
            results[label] = summarise(
                [_timed(lambda: similar_cities(city_id=city_id)) for _ in range(runs)]
            )
    return {"rounds": per_round, "pages": results}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.city_page", description=__doc__)
    parser.add_argument("--docs", type=int, default=5000, help="library size")
    parser.add_argument("--practices", type=int, default=30, help="practices per city")
    parser.add_argument("--database", default="scn_hub_city_bench")
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="server, without a database name")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    parser.add_argument("--runs", type=int, default=40, help="requests a page and round")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests a page, round")
    parser.add_argument("--publish", action="store_true", help="write bench/results-city-page-*")
    args = parser.parse_args()
    if args.database in {"scn_hub_bench", "scn_hub", "scn_hub_dev"}:
        return error(f"{args.database} is not this benchmark's database; choose another.")
    os.environ["TEST_REDIS_URL"] = args.redis
    created = ensure_database(args.dsn, args.database)
    setup_django(args.dsn, args.database)
    log(f"Database {args.database}{' (created)' if created else ''}: migrating, taxonomy.")
    migrate_and_load()
    from bench.library_search.generate import generate_library

    library = generate_library(args.docs, args.database, args.dsn)
    log("Seeding the published profiles.")
    seeded = _seed_profiles(args.practices, seed=2026)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        # The variants' writes leave dead rows in these tables at every run (the city's search
        # row is written again with each). Where autovacuum is off (this machine's server), they
        # would pile up from run to run and slow the later ones: vacuumed here, as autovacuum
        # keeps them on a server that runs it. ANALYZE for the planner, as before.
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(_WRITTEN_TABLES)}")
        cursor.execute("ANALYZE")
    log(f"Measuring the city page (autovacuum {autovacuum}).")
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    results = _measure(args.runs, args.warmup, args.rounds)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "meta": {
            **run_facts(),
            "docs": args.docs,
            "practices_per_city": args.practices,
            # The machine is shared: the load during the run says how far to trust the times.
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
            "load_average_at_start": load_at_start,
            "autovacuum": autovacuum,
        },
        "target_p95_ms": TARGET_P95_MS,
        "library": library,
        "profiles": seeded,
        "results": results,
    }
    if args.publish:
        path = BENCH_DIR / f"results-city-page-{args.docs}.json"
    else:
        OUT_DIR.mkdir(exist_ok=True)
        path = OUT_DIR / f"results-city-page-{args.docs}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"Wrote {path}.")
    for label, page in results["pages"].items():
        log(f"  {label}: {page}")
    pages = [v for k, v in results["pages"].items() if ", " in k]
    return 0 if all(page["p95_ms"] <= TARGET_P95_MS for page in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
