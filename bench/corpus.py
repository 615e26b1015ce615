"""Deterministic generator of a synthetic multilingual P/CVE library (metadata, pages, chunks).

Pure data: :func:`generate_batch` returns plain dicts and library.search.ChunkSpec lists, so it
can run in a forked worker process while the parent writes the previous batch to PostgreSQL.
The same (seed, start, count) always gives the same documents.
"""

# ruff: noqa: S311  (reproducible synthetic data, not secrets)
from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from library.sample_text import (
    LANGUAGES,
    page_texts,
    pick_topic_words,
    summary_text,
    weighted_sample,
    zipf_cum,
)
from library.sample_vocabulary import KIND_LABELS, PUBLISHERS, TITLE_TEMPLATES, TOPICS

LANGUAGE_WEIGHTS = (55, 25, 20)
KINDS = list(KIND_LABELS)
KIND_WEIGHTS = (14, 12, 10, 14, 12, 10, 8, 16, 4)
YEARS = list(range(2010, 2027))
YEAR_WEIGHTS = [1 + (y - 2010) for y in YEARS]  # more recent years hold more documents
PAGE_COUNTS = (1, 2, 3, 4, 5, 6)
PAGE_WEIGHTS = (12, 18, 22, 20, 16, 12)
TRANSLATED_SHARE = 0.40
TASHKEEL_SHARE = 0.30  # Arabic documents written with (some) diacritics
WORK_SHARE = 0.06  # documents that are another language version of the previous work


@dataclass(frozen=True)
class Taxonomy:
    """What generation needs from hub: ids and names, as plain tuples."""

    # (id, name_en, name_fr, name_ar, region_id)
    cities: list[tuple[int, str, str, str, int]]
    theme_ids: list[int]


@dataclass
class GeneratedDocument:
    fields: dict[str, Any]
    themes: list[int]
    cities: list[int]
    regions: list[int]
    shared_with: list[int]
    pages: list[str]
    chunks: list[Any]  # hub.search.ChunkSpec: the body; the database derives the metadata


def document_sha(index: int) -> str:
    return hashlib.sha256(f"scn-bench-document-{index}".encode()).hexdigest()


def generate_batch(
    seed: int, start: int, count: int, taxonomy: Taxonomy
) -> list[GeneratedDocument]:
    """Documents number `start` .. `start + count - 1` of the library for `seed`."""
    from library.search import body_chunks

    rng = random.Random(f"{seed}-{start}-{count}")
    city_ids = [c[0] for c in taxonomy.cities]
    city_by_id = {c[0]: c for c in taxonomy.cities}
    # Zipf-like popularity of cities and themes, so facets have a realistic long tail.
    city_cum = zipf_cum(len(city_ids), 0.6)
    theme_cum = zipf_cum(len(taxonomy.theme_ids), 0.7)
    topic_cum = zipf_cum(len(TOPICS), 0.5)
    out: list[GeneratedDocument] = []
    previous_work: tuple[uuid.UUID, str] | None = None
    for index in range(start, start + count):
        language = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
        lang_pos = LANGUAGES.index(language)
        kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        year = rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
        cities = weighted_sample(rng, city_ids, city_cum, rng.choice((1, 1, 1, 2)))
        regions = sorted({city_by_id[c][4] for c in cities})
        themes = weighted_sample(rng, taxonomy.theme_ids, theme_cum, rng.choice((1, 2, 2, 3)))
        topic = rng.choices(TOPICS, cum_weights=topic_cum)[0]
        template = rng.randrange(len(TITLE_TEMPLATES["en"]))
        city = city_by_id[cities[0]]
        translated = rng.random() < TRANSLATED_SHARE
        subjects = pick_topic_words(rng, language)
        distinct_subjects = list(dict.fromkeys(subjects))
        titles: dict[str, str | None] = {"en": None, "fr": None, "ar": None}
        summaries: dict[str, str | None] = {"en": None, "fr": None, "ar": None}
        for pos, code in enumerate(LANGUAGES):
            if code != language and not translated:
                continue
            titles[code] = TITLE_TEMPLATES[code][template].format(
                kind=KIND_LABELS[kind][pos],
                topic=topic[pos],
                city=city[1 + pos] or city[1],
                year=year,
            )
            if code == language:
                summaries[code] = summary_text(rng, code, topic[pos], distinct_subjects)
            else:
                summaries[code] = summary_text(rng, code, topic[pos], [])
        visibility = rng.choices(("members", "public", "cities", "staff"), weights=(85, 8, 5, 2))[0]
        shared_with = (
            weighted_sample(rng, city_ids, city_cum, rng.randint(1, 3))
            if visibility == "cities"
            else []
        )
        status = rng.choices(
            ("published", "submitted", "draft", "archived", "rejected"),
            weights=(950, 30, 10, 7, 3),
        )[0]
        created = datetime(year, 1, 1, tzinfo=UTC) + timedelta(
            seconds=rng.randrange(365 * 24 * 3600)
        )
        if previous_work and previous_work[1] != language and rng.random() < WORK_SHARE:
            work = previous_work[0]
        else:
            work = uuid.UUID(int=rng.getrandbits(128), version=4)
        previous_work = (work, language)
        page_count = rng.choices(PAGE_COUNTS, weights=PAGE_WEIGHTS)[0]
        tashkeel = language == "ar" and rng.random() < TASHKEEL_SHARE
        pages = page_texts(
            rng, language, page_count, [*subjects, *[topic[lang_pos]] * rng.randint(1, 4)],
            tashkeel=tashkeel,
        )  # fmt: skip
        fields: dict[str, Any] = {
            "work": work,
            "title": titles[language],
            "title_en": titles["en"],
            "title_fr": titles["fr"],
            "title_ar": titles["ar"],
            "summary": summaries[language] or "",
            "summary_en": summaries["en"],
            "summary_fr": summaries["fr"],
            "summary_ar": summaries["ar"],
            "language": language,
            "kind": kind,
            "year": year,
            "publisher": rng.choice(PUBLISHERS),
            "contributing_city_id": cities[0] if rng.random() < 0.7 else None,
            "visibility": visibility,
            "status": status,
            "rejection_reason": "Duplicate of an existing document."
            if status == "rejected"
            else "",
            "reviewed_at": created if status in ("published", "rejected") else None,
            "published_at": created if status in ("published", "archived") else None,
            "file": "bench/none",
            "original_filename": f"bench-{index}.txt",
            "file_kind": "txt",
            "file_size": 1000,
            "sha256": document_sha(index),
            "page_count": page_count,
            "extraction_state": "indexed",
            "indexed_at": created,
            "created_at": created,
        }
        meta = SimpleNamespace(
            language=language,
            publisher=fields["publisher"],
            **{f"title_{c}": titles[c] for c in LANGUAGES},
            **{f"summary_{c}": summaries[c] for c in LANGUAGES},
        )
        out.append(
            GeneratedDocument(
                fields=fields,
                themes=themes,
                cities=cities,
                regions=regions,
                shared_with=shared_with,
                pages=pages,
                chunks=body_chunks(meta, pages),  # type: ignore[arg-type]
            )
        )
    return out
