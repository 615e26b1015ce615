"""The demo library of `make run`: about 200 clearly-marked DEMO documents, as plain data.

No Django: :func:`demo_plan` turns a seed and the taxonomy (plain tuples) into the description
of every document, and :func:`demo_file` builds one document's real PDF or DOCX file from it.
The same seed, taxonomy and `now` always give the same plan and the same bytes, so the seeding
command can skip what is already there. The command (seed_demo_library) stores them through the
library's services.

Every title starts with "DEMO", the first thing in every file is a notice that it is not a real
document, and no person is named. The text is sentences written for these topics (context,
objectives, activities, partners, monitoring, lessons) in English, French and Arabic, with
paragraphs of library.sample_text prose between them for length and word variety.
"""

# ruff: noqa: S311  (reproducible demo data, not secrets)
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from library import samples
from library.demo_words import (
    ANNEX,
    INTRO,
    NOTES,
    NOTICE,
    PARTNERS,
    PUBLISHERS,
    SECTIONS,
    SUMMARY,
    TABLE,
)
from library.sample_text import page_texts, pick_topic_words, weighted_sample, zipf_cum
from library.sample_vocabulary import KIND_LABELS, TITLE_TEMPLATES, TOPICS

SEED: Final = 2026
COUNT: Final = 200
PREFIX: Final = "DEMO — "
FILENAME_PREFIX: Final = "demo-"
LANGUAGES: Final = ("en", "fr", "ar")

# The cities of the demo accounts (hub's seed_demo): they get more documents, and some shared
# with them only, so their members see what others do not.
DEMO_CITIES: Final = ("montreal", "mombasa")
# The languages a city's own documents are written in, besides English (by ISO country).
_FRENCH_COUNTRIES: Final = frozenset({"FR", "CH", "HT", "CM", "SN", "NE", "MR", "TN", "LB"})
_ARABIC_COUNTRIES: Final = frozenset({"JO", "LB", "TN", "MR"})
_FRENCH_CITIES: Final = frozenset({"montreal"})

_LANGUAGE_WEIGHTS: Final = (45, 30, 25)
_KINDS: Final = list(KIND_LABELS)
_KIND_WEIGHTS: Final = (16, 13, 10, 12, 12, 11, 9, 13, 4)
_YEARS: Final = list(range(2015, 2027))
_YEAR_WEIGHTS: Final = [4 + (year - 2015) for year in _YEARS]
_PAGES: Final = (1, 2, 3, 4, 5, 6, 8, 12)
_PAGE_WEIGHTS: Final = (10, 18, 22, 18, 12, 10, 6, 4)
_DOCX_SHARE: Final = 0.25
_TRANSLATED_TITLES_SHARE: Final = 0.35
# Of the works, how many come in two or three language versions (separate files, one `work`).
_VERSIONED_SHARE: Final = 0.07
_VISIBILITY: Final = (("members", 74), ("public", 10), ("cities", 12), ("staff", 4))
# How far back documents were added to the library; squared, so recent weeks hold more.
_ADDED_SPAN_DAYS: Final = 5 * 365

# Themes that fit each topic of library.sample_vocabulary.TOPICS (by its English wording);
# a document gets one to three of them, and the theme of its type.
TOPIC_THEMES: Final[dict[str, tuple[str, ...]]] = {
    "preventing youth radicalisation": ("youth-engagement", "drivers-of-radicalisation", "pcve"),
    "online hate speech": ("online-extreme-speech-polarisation", "hate-crime-hate-speech"),
    "referral mechanisms": ("referral-mechanisms", "multi-agency-approaches"),
    "mentoring young people at risk": ("mentoring", "individual-interventions", "youth-engagement"),
    "community resilience": ("community-resilience", "social-cohesion"),
    "multi-agency cooperation": ("multi-agency-approaches", "local-prevention-networks"),
    "schools and violent extremism": ("pve-in-schools", "practitioner-training-materials"),
    "the role of social workers": ("practitioner-training-materials", "individual-interventions"),
    "police and community trust": ("community-engagement-policing", "social-cohesion"),
    "reintegration of returnees": ("individual-interventions", "former-extremists-survivors"),
    "exit programmes": ("former-extremists-survivors", "individual-interventions"),
    "polarisation in cities": ("social-cohesion", "online-extreme-speech-polarisation"),
    "mental health and extremism": ("individual-interventions", "violence-prevention"),
    "women in prevention": ("engagement-dialogue-forums", "pcve"),
    "sport for inclusion": ("youth-engagement", "social-cohesion"),
    "countering disinformation": ("communications-for-cohesion", "counter-narrative-campaigns"),
    "conspiracy theories": ("online-extreme-speech-polarisation", "communications-for-cohesion"),
    "local prevention networks": ("local-prevention-networks", "city-exchanges"),
    "evaluation of prevention programmes": ("monitoring-and-evaluation", "knowledge-and-data"),
    "far-right extremism": ("drivers-of-radicalisation", "hate-crime-hate-speech"),
    "interfaith dialogue": ("religious-leaders", "engagement-dialogue-forums"),
    "hate crime victims": ("hate-crime-hate-speech", "former-extremists-survivors"),
    "media literacy in schools": ("pve-in-schools", "communications-for-cohesion"),
    "early warning and response": ("risk-assessment", "violence-prevention"),
    "family support": ("individual-interventions", "community-resilience"),
    "prisons and probation": ("individual-interventions", "former-extremists-survivors"),
    "migrants and refugees": ("social-cohesion", "community-resilience"),
    "gaming platforms": ("online-extreme-speech-polarisation", "youth-engagement"),
    "youth participation": ("youth-engagement", "engagement-dialogue-forums"),
    "municipal prevention strategy": ("policy-strategy-infrastructure", "prevention-coordinator"),
    "information sharing and data protection": ("multi-agency-approaches", "knowledge-and-data"),
    "risk assessment tools": ("risk-assessment", "knowledge-and-data"),
    "civil society partnerships": (
        "partnerships-city-representation",
        "public-private-partnerships",
    ),
    "rural communities": ("community-resilience", "peacebuilding"),
    "counter-narratives": ("counter-narrative-campaigns", "campaign-communications-design"),
    "social cohesion": ("social-cohesion", "peacebuilding"),
    "street work": ("youth-engagement", "violence-prevention"),
    "critical thinking": ("pve-in-schools", "training"),
}
KIND_THEMES: Final[dict[str, str]] = {
    "local_action_plan": "local-action-planning",
    "evaluation": "monitoring-and-evaluation",
    "strategy": "policy-strategy-infrastructure",
    "training_material": "practitioner-training-materials",
    "toolkit": "training",
}

# --- The plan -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCity:
    """What the plan needs of a city: its slug, names in en/fr/ar, region slug and country."""

    slug: str
    names: tuple[str, str, str]
    region: str
    country: str


@dataclass(frozen=True)
class DemoContribution:
    """A contribution from a demo account, waiting for review or rejected with `reason`."""

    contributor: str  # local part of the demo account's email
    reason: str = ""


@dataclass
class DemoDocument:
    """One planned document: its metadata as the services take it, and what its file says."""

    index: int
    filename: str
    file_kind: str  # "pdf" or "docx"
    language: str
    kind: str
    year: int
    topic: tuple[str, str, str]
    city: DemoCity
    cities: list[str]
    regions: list[str]
    themes: list[str]
    visibility: str
    shared_with: list[str]
    titles: dict[str, str]
    summaries: dict[str, str]
    publisher: str
    pages: int
    work: uuid.UUID
    added_at: datetime
    contribution: DemoContribution | None = None
    seed: int = SEED


# Contributions waiting for review or rejected (`make run`'s curation queue), after the library.
_CONTRIBUTIONS: Final = (
    DemoContribution("practitioner.montreal"),
    DemoContribution("focal.montreal"),
    DemoContribution("official.mombasa"),
    DemoContribution("practitioner.mombasa"),
    DemoContribution("focal.mombasa"),
    DemoContribution("official.montreal"),
    DemoContribution(
        "practitioner.mombasa",
        "DEMO rejection: this is a draft with tracked comments. Please upload the final version.",
    ),
    DemoContribution(
        "official.montreal",
        # This account reads the hub in French.
        "DEMO — refus : la bibliothèque contient déjà cette évaluation. Ajoutez un résumé de ce "
        "qui est nouveau, ou un lien vers le document existant.",
    ),
    DemoContribution(
        "focal.mombasa",
        "DEMO rejection: the annex names individual young people. Remove the personal data and "
        "upload it again.",
    ),
)


def _city_language_pools(cities: list[DemoCity]) -> dict[str, list[DemoCity]]:
    french = [c for c in cities if c.country in _FRENCH_COUNTRIES or c.slug in _FRENCH_CITIES]
    arabic = [c for c in cities if c.country in _ARABIC_COUNTRIES]
    return {"en": cities, "fr": french or cities, "ar": arabic or cities}


def _popular_first(rng: random.Random, cities: list[DemoCity]) -> list[DemoCity]:
    """The demo accounts' cities first, then the others in a fixed random order (for Zipf)."""
    rest = sorted((c for c in cities if c.slug not in DEMO_CITIES), key=lambda c: c.slug)
    rng.shuffle(rest)
    return [c for slug in DEMO_CITIES for c in cities if c.slug == slug] + rest


def _title(
    language: str, template: int, kind: str, topic: tuple[str, str, str], city: DemoCity, year: int
) -> str:
    position = LANGUAGES.index(language)
    text = TITLE_TEMPLATES[language][template].format(
        kind=KIND_LABELS[kind][position],
        topic=topic[position],
        city=city.names[position] or city.names[0],
        year=year,
    )
    return PREFIX + text[:1].upper() + text[1:]


def demo_plan(
    *,
    cities: list[DemoCity],
    themes: list[str],
    now: datetime,
    count: int = COUNT,
    seed: int = SEED,
) -> list[DemoDocument]:
    """The first `count` documents of the demo library, then the demo contributions.

    `themes`: the slugs of the themes that exist. Prefix-stable: the first n documents are the
    same whatever `count` is, so a smaller run followed by a full one adds only the rest.
    Raises ValueError when there is no city.
    """
    if not cities:
        raise ValueError("The demo library needs the SCN cities.")
    rng = random.Random(f"demo-library-{seed}")
    known_themes = set(themes)
    pools = {
        language: _popular_first(rng, pool)
        for language, pool in _city_language_pools(cities).items()
    }
    # Popular cities hold many documents, as in a real library; the few cities writing in
    # French or Arabic share theirs more evenly.
    cums = {
        language: zipf_cum(len(pool), 1.0 if len(pool) > 40 else 0.4)
        for language, pool in pools.items()
    }
    everywhere = pools["en"]
    by_slug = {c.slug: c for c in cities}
    documents: list[DemoDocument] = []
    titles_seen: set[str] = set()
    wanted = count + len(_CONTRIBUTIONS)
    work_number = 0
    while len(documents) < wanted:
        work_number += 1
        contribution = None
        if len(documents) >= count:
            contribution = _CONTRIBUTIONS[len(documents) - count]
        language = rng.choices(LANGUAGES, weights=_LANGUAGE_WEIGHTS)[0]
        versions = [language]
        if contribution is None and rng.random() < _VERSIONED_SHARE:
            others = [code for code in LANGUAGES if code != language]
            versions += rng.sample(others, rng.choice((1, 1, 2)))
        # A version in Arabic or French is about a city that writes in it.
        city_language = "ar" if "ar" in versions else "fr" if "fr" in versions else "en"
        pool, cum = pools[city_language], cums[city_language]
        city = pool[weighted_sample(rng, list(range(len(pool))), cum, 1)[0]]
        city_slugs = [city.slug]
        if rng.random() < 0.25:
            other = rng.choice(everywhere)
            if other.slug != city.slug:
                city_slugs.append(other.slug)
        regions = sorted({by_slug[slug].region for slug in city_slugs})
        kind = rng.choices(_KINDS, weights=_KIND_WEIGHTS)[0]
        year = rng.choices(_YEARS, weights=_YEAR_WEIGHTS)[0]
        topic = rng.choice(TOPICS)
        topic_themes = [t for t in TOPIC_THEMES.get(topic[0], ("pcve",)) if t in known_themes]
        chosen = rng.sample(topic_themes, min(len(topic_themes), rng.choice((1, 2, 2))))
        if KIND_THEMES.get(kind) in known_themes and KIND_THEMES[kind] not in chosen:
            chosen.append(KIND_THEMES[kind])
        chosen = chosen[:3] or [t for t in ("pcve",) if t in known_themes]
        visibility = rng.choices(
            [v for v, _w in _VISIBILITY], weights=[w for _v, w in _VISIBILITY]
        )[0]
        if contribution is not None:
            visibility = "members"
        shared_with: list[str] = []
        if visibility == "cities":
            # Shared with the city's own members, and in turn with one demo city, the other or
            # none, so each demo account sees some restricted documents and misses others.
            extra = (["montreal"], ["mombasa"], [], ["montreal", "mombasa"])[work_number % 4]
            shared_with = list(dict.fromkeys([city.slug, *extra]))
        work = uuid.UUID(int=rng.getrandbits(128), version=4)
        template = rng.choice((0, 1, 3))
        translated = len(versions) > 1 or rng.random() < _TRANSLATED_TITLES_SHARE
        title_languages = LANGUAGES if translated else tuple(versions)
        titles = {code: _title(code, template, kind, topic, city, year) for code in title_languages}
        if titles[language] in titles_seen:  # the same type, topic and city: say the year
            titles = {code: _title(code, 1, kind, topic, city, year) for code in title_languages}
        titles_seen.add(titles[language])
        # Added once it was published (from February of its year), more often lately.
        since_published = (now - datetime(year, 2, 1, tzinfo=now.tzinfo)).days
        span = max(1, min(_ADDED_SPAN_DAYS, since_published))
        added_at = now - timedelta(days=span * rng.random() ** 2, hours=1 + rng.randrange(24))
        publisher_template = rng.randrange(len(PUBLISHERS["en"]))
        for number, version in enumerate(versions):
            if contribution is None and len(documents) >= count:
                break  # a work's versions past the count are left out, not the contributions
            position = LANGUAGES.index(version)
            city_name = city.names[position] or city.names[0]
            index = len(documents) + 1
            file_kind = "docx" if rng.random() < _DOCX_SHARE else "pdf"
            if contribution is not None:
                pages = rng.choice((1, 2))
                name = f"{FILENAME_PREFIX}contribution-{index - count:02d}"
            else:
                pages = rng.choices(_PAGES, weights=_PAGE_WEIGHTS)[0]
                name = f"{FILENAME_PREFIX}{index:03d}"
            documents.append(
                DemoDocument(
                    index=index,
                    filename=(
                        f"{name}-{kind.replace('_', '-')}-{city.slug}-{year}-{version}.{file_kind}"
                    ),
                    file_kind=file_kind,
                    language=version,
                    kind=kind,
                    year=year,
                    topic=topic,
                    city=city,
                    cities=city_slugs,
                    regions=regions,
                    themes=chosen,
                    visibility=visibility,
                    shared_with=shared_with,
                    titles=titles,
                    summaries={
                        code: SUMMARY[code].format(
                            city=city.names[LANGUAGES.index(code)] or city.names[0],
                            topic=topic[LANGUAGES.index(code)],
                            year=year,
                        )
                        for code in title_languages
                    },
                    publisher=PUBLISHERS[version][publisher_template].format(city=city_name),
                    pages=pages,
                    work=work,
                    # Translations come a little after the original.
                    added_at=min(added_at + timedelta(days=20 * number), now - timedelta(hours=1)),
                    contribution=contribution,
                    seed=seed,
                )
            )
    return documents


# --- The files ------------------------------------------------------------------------------------


def _section_text(
    rng: random.Random,
    language: str,
    heading: str,
    sentences: tuple[str, ...],
    values: dict[str, object],
) -> str:
    chosen = rng.sample(sentences, 3)
    partners = rng.sample(PARTNERS[language], 2)
    body = " ".join(s.format(**values, partner=partners[0], partner2=partners[1]) for s in chosen)
    return f"{heading}\n{body}"


def _prose(rng: random.Random, document: DemoDocument, words: tuple[int, int]) -> str:
    language = document.language
    subjects = pick_topic_words(rng, language)
    topic = document.topic[LANGUAGES.index(language)]
    text = page_texts(rng, language, 1, [*subjects, topic], words_per_page=words)[0]
    return f"{NOTES[language]}\n{text}"


def demo_pages(document: DemoDocument) -> list[str]:
    """The text of each page: the notice and introduction, then the sections of a report, then
    annexes of sample prose when there are more pages than sections."""
    rng = random.Random(f"demo-text-{document.seed}-{document.index}")
    language = document.language
    position = LANGUAGES.index(language)
    values = {
        "city": document.city.names[position] or document.city.names[0],
        "topic": document.topic[position],
        "year": document.year,
        "since": document.year - rng.randint(2, 6),
        "n1": rng.randint(11, 40),
        "n2": rng.randint(120, 900),
        "months": rng.choice((3, 4, 6)),
    }
    sections = [
        _section_text(rng, language, heading, sentences, values)
        for heading, sentences in SECTIONS[language]
    ]
    count = document.pages
    pages: list[list[str]] = [[] for _ in range(count)]
    pages[0].append(f"{NOTICE[language]}\n{INTRO[language].format(**values)}")
    # One section a page, in order; a short document carries several on a page.
    for number, section in enumerate(sections):
        at = number if count >= len(sections) else number * count // len(sections)
        pages[at].append(section)
    for number, page in enumerate(pages[len(sections) :], start=1):
        page.append(ANNEX[language].format(number=number))
    return [
        "\n".join([*page, _prose(rng, document, (120, 220) if len(page) == 1 else (30, 70))])
        for page in pages
    ]


def demo_file(document: DemoDocument) -> bytes:
    """The bytes of the document's real PDF (one page per item of demo_pages) or DOCX file."""
    pages = demo_pages(document)
    title = document.titles[document.language]
    if document.file_kind == "pdf":
        return samples.pdf_bytes(pages, title=title, language=document.language)
    paragraphs = [title]
    for page in pages:
        paragraphs.extend(page.split("\n"))
    header, activities = TABLE[document.language]
    rng = random.Random(f"demo-table-{document.seed}-{document.index}")
    partners = PARTNERS[document.language]
    table = [list(header)] + [
        [activity, rng.choice(partners), str(document.year)] for activity in activities
    ]
    return samples.docx_bytes(paragraphs, table=table, language=document.language)
