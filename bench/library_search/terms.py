"""The users and the query terms, chosen by their measured document frequency."""

# ruff: noqa: S311, S608  (reproducible synthetic data; SQL assembled from constants)
from __future__ import annotations

import random
import time
from typing import Any

from bench.library_search.common import CLASS_RANGES, TERMS_PER_CLASS, log

# --- Users and query terms ---------------------------------------------------------------------


def bench_users() -> tuple[Any, Any]:
    from django.db import connection

    from hub.models import City, User

    staff, _ = User.objects.update_or_create(
        email="bench-staff@scn-bench.invalid",
        defaults={"name": "Bench Curator", "roles": ["staff_curator"], "city": None},
    )
    # The member's city: the one most documents are shared with, so the "named cities" branch
    # of the visibility rule has work to do.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT city_id FROM library_document_shared_with GROUP BY 1 ORDER BY count(*) DESC "
            "LIMIT 1"
        )
        row = cursor.fetchone()
    city = City.objects.get(pk=row[0]) if row else City.objects.order_by("id").first()
    member, _ = User.objects.update_or_create(
        email="bench-member@scn-bench.invalid",
        defaults={"name": "Bench Member", "roles": ["practitioner"], "city": city},
    )
    for user in (staff, member):
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return staff, member


def candidate_terms(language: str, per_tier: int = 16) -> list[str]:
    """Single-word candidates from every tier of a language's vocabulary."""
    from library.sample_vocabulary import VOCAB

    def singles(words: list[str]) -> list[str]:
        return [w for w in words if " " not in w and "-" not in w and "'" not in w and len(w) > 3]

    vocab = VOCAB[language]
    core = singles(vocab["core"])[:per_tier]
    out = list(core)
    for tier in ("mid", "rare"):
        words = singles(vocab[tier])
        step = max(1, len(words) // per_tier)
        out.extend(words[::step][:per_tier])
    return out


def document_frequency(term: str, language: str) -> tuple[int, int]:
    """(published documents matched, of them in `language`) with the search's own match rule."""
    from django.db import connection

    from hub.search.text import ALL_CONFIGS, LEX_COLUMNS, query_for

    # The query parsed in each configuration, one column each, as the engine matches it.
    columns = ", ".join(f"websearch_to_tsquery('{c}', %s) AS {c}" for c in ALL_CONFIGS)
    tsq, tsq_params = f"(SELECT {columns})", [query_for(c, term) for c in ALL_CONFIGS]
    match = " OR ".join(f"s.{column} @@ q.{config}" for config, column in LEX_COLUMNS.items())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE s.language = %s) "
            f"FROM library_documentsearch s, {tsq} q WHERE ({match}) AND s.status = 'published'",
            [language, *tsq_params],
        )
        return cursor.fetchone()


def pick_terms(published: int, by_language: dict[str, int]) -> dict[str, dict[str, list[dict]]]:
    """Terms per language and class, chosen by their measured document frequency.

    English: share of all published documents. French and Arabic hold 25 % and 20 % of the
    library, so "common (>= 80 %)" is measured within the documents of their language; the share
    of the whole library is reported too.
    """
    from library.sample_text import diacritise

    chosen: dict[str, dict[str, list[dict]]] = {}
    for language in ("en", "fr", "ar"):
        t = time.perf_counter()
        measured = []
        for term in candidate_terms(language):
            matched, in_language = document_frequency(term, language)
            measured.append(
                {
                    "term": term,
                    "matched": matched,
                    "df_all": matched / published,
                    "df_language": in_language / max(1, by_language.get(language, 1)),
                }
            )
        basis = "df_all" if language == "en" else "df_language"
        chosen[language] = {}
        for name, (low, high) in CLASS_RANGES.items():
            fits = sorted((m for m in measured if low <= m[basis] <= high), key=lambda m: m[basis])
            want = TERMS_PER_CLASS[language]
            if len(fits) > want:
                picks = [fits[round(i * (len(fits) - 1) / (want - 1))] for i in range(want)]
            else:
                picks = fits
            chosen[language][name] = [dict(p, basis=basis) for p in picks]
        if language == "ar" and chosen["ar"]["mid"]:
            # The same word typed with tashkeel must behave exactly like the bare word.
            base = chosen["ar"]["mid"][0]
            variant = diacritise(base["term"], random.Random(1))
            chosen["ar"]["mid"].append(dict(base, term=variant, tashkeel_of=base["term"]))
        log(
            f"  {language}: measured {len(measured)} candidates in {time.perf_counter() - t:.1f}s: "
            + ", ".join(f"{k} {len(v)}" for k, v in chosen[language].items())
        )
    return chosen


def published_per_language() -> dict[str, int]:
    from django.db.models import Count

    from library.models import Document

    rows = Document.objects.published().order_by().values_list("language").annotate(n=Count("id"))
    return dict(rows)


def facet_theme(published: int) -> tuple[str, float]:
    """The theme whose share of documents is closest to 10 %, for the faceted variant."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.slug, count(*) FROM library_document_themes x "
            "JOIN hub_theme t ON t.id = x.theme_id JOIN library_document d ON d.id = x.document_id "
            "WHERE d.status = 'published' GROUP BY 1"
        )
        rows = cursor.fetchall()
    slug, count = min(rows, key=lambda r: abs(r[1] / published - 0.10))
    return slug, count / published
