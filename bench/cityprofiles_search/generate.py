"""The cities' published profiles and practices, generated reproducibly for the benchmark.

Every member city (the real SCN data) gets an overview and an approach, 3-5 challenges with
themes, a local prevention network for one city in five, and `practices` practices: written in
English (55 %), French (25 %) or Arabic (20 %, half with tashkeel), translated into each other
language with a probability of 40 %, with a title from the library's topics, prose summaries and
results from its vocabulary (library.sample_text), 1-3 themes, 1-2 target groups and an evidence
level. Everything is written as a publication writes it (bulk inserts of the published rows), so
the database's triggers derive the search rows and chunks exactly as on the site.
"""

# ruff: noqa: S311  (reproducible synthetic data, not secrets)
from __future__ import annotations

import random
import time
import uuid
from typing import Any

from bench.library_search.common import log
from library.sample_text import diacritise, page_texts, pick_topic_words, summary_text
from library.sample_vocabulary import TOPICS

NAMESPACE = uuid.UUID("6f1c5d2e-12a4-4d3b-9a77-5c1c00b0c000")
LANGUAGES = ("en", "fr", "ar")
SOURCE_WEIGHTS = (0.55, 0.25, 0.20)
TRANSLATED = 0.4
EVIDENCE = (("described", 0.45), ("monitored", 0.30), ("evaluated", 0.17), ("independent", 0.08))
TARGETS = (
    "young_people",
    "children",
    "families",
    "women",
    "schools",
    "religious",
    "refugees",
    "prisons",
    "practitioners",
    "police",
    "online",
    "general_public",
)


def _key(city_id: int, n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"bench-practice-{city_id}-{n}")


def _prose(rng: random.Random, language: str, topic: str, *, tashkeel: bool) -> str:
    text = summary_text(rng, language, topic, pick_topic_words(rng, language))
    return diacritise(text, rng) if tashkeel else text


def _texts(rng: random.Random, source: str, topic: tuple[str, str, str]) -> dict[str, str]:
    """Title, summary, partners and results in the source language, and maybe translated."""
    fields: dict[str, str] = {}
    for language in LANGUAGES:
        if language != source and rng.random() >= TRANSLATED:
            continue
        subject = topic[LANGUAGES.index(language)]
        tashkeel = language == "ar" and rng.random() < 0.5
        title = subject[:1].upper() + subject[1:] if language != "ar" else subject
        fields[f"title_{language}"] = title[:200]
        fields[f"summary_{language}"] = _prose(rng, language, subject, tashkeel=tashkeel)[:3000]
        fields[f"partners_{language}"] = _prose(rng, language, subject, tashkeel=False)[:300]
        fields[f"results_{language}"] = " ".join(
            page_texts(rng, language, 1, [subject], tashkeel=tashkeel, words_per_page=(60, 160))
        )[:3000]
    return fields


def generate(*, practices: int, seed: int) -> dict[str, Any]:
    """Profiles and practices for every city that has none from the benchmark yet."""
    from django.db import transaction

    from cityprofiles.models import Challenge, CityProfile, Practice, PreventionNetwork
    from hub.models import Theme

    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    made = 0
    profiles = list(CityProfile.objects.select_related("city").order_by("city_id"))
    for profile in profiles:
        city_rng = random.Random(f"{seed}-{profile.city_id}")
        if Practice.objects.filter(key=_key(profile.city_id, 0)).exists():
            continue
        source = city_rng.choices(LANGUAGES, weights=SOURCE_WEIGHTS)[0]
        topic = city_rng.choice(TOPICS)
        with transaction.atomic():
            # As a publication writes the published rows: the profile, then its parts.
            profile_fields = {
                f"{name}_{language}": _prose(city_rng, language, topic[i], tashkeel=False)
                for i, language in enumerate(LANGUAGES)
                if language == source or city_rng.random() < TRANSLATED
                for name in ("overview", "approach")
            }
            for name, value in profile_fields.items():
                setattr(profile, name, value)
            profile.source_language = source
            profile.save()
            challenges = Challenge.objects.bulk_create(
                [
                    Challenge(
                        profile=profile,
                        position=n,
                        **{
                            f"text_{source}": _prose(
                                city_rng, source, city_rng.choice(TOPICS)[0], tashkeel=False
                            )[:1000]
                        },
                    )
                    for n in range(city_rng.randint(3, 5))
                ]
            )
            Challenge.themes.through.objects.bulk_create(
                [
                    Challenge.themes.through(challenge_id=c.pk, theme_id=t)
                    for c in challenges
                    for t in city_rng.sample(themes, 2)
                ]
            )
            if city_rng.random() < 0.2:
                PreventionNetwork.objects.create(
                    profile=profile,
                    name_en=f"{profile.city.name_en} local prevention network",
                    activities_en=_prose(city_rng, "en", topic[0], tashkeel=False),
                    members_by_sector={"municipality": 4, "education": 3, "youth": 5},
                )
            rows = []
            for n in range(practices):
                practice_source = city_rng.choices(LANGUAGES, weights=SOURCE_WEIGHTS)[0]
                practice_topic = city_rng.choice(TOPICS)
                level = city_rng.choices(
                    [e for e, _w in EVIDENCE], weights=[w for _e, w in EVIDENCE]
                )[0]
                fields = _texts(city_rng, practice_source, practice_topic)
                rows.append(
                    Practice(
                        profile=profile,
                        key=_key(profile.city_id, n),
                        source_language=practice_source,
                        evidence_level=level,
                        target_groups=city_rng.sample(TARGETS, city_rng.randint(1, 2)),
                        start_year=city_rng.randint(2012, 2025),
                        position=n,
                        **fields,
                    )
                )
            created = Practice.objects.bulk_create(rows)
            Practice.themes.through.objects.bulk_create(
                [
                    Practice.themes.through(practice_id=p.pk, theme_id=t)
                    for p in created
                    for t in city_rng.sample(themes, city_rng.randint(1, 3))
                ]
            )
        made += 1
        if made % 20 == 0:
            log(f"  {made} cities generated ...")
    from django.db import connection

    with connection.cursor() as cursor:
        # Statistics, and the GIN indexes' pending lists merged, as autovacuum would do soon.
        for table in ("cityprofiles_citysearch", "cityprofiles_citychunk", "cityprofiles_practice"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {
        "cities_generated": made,
        "seconds": round(time.perf_counter() - started, 1),
        "cities": len(profiles),
        "practices": Practice.objects.count(),
    }
