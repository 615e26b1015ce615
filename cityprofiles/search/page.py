"""What a page of the directory shows of each city: its place and overview, and *why* it matched,
its strongest matching practices with the query's words marked (cached under the directory's
generation, cityprofiles.search.rank)."""

# ruff: noqa: S608  (SQL assembled from constants; user input only ever as query parameters)
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.text import Truncator
from django.utils.translation import ngettext

from cityprofiles.models import CityProfile, Practice
from hub import search as engine
from hub.generations import fragment_key, model_columns
from hub.models import City, Country, Region
from hub.search import tsquery
from hub.search.highlights import (
    FRAGMENT_DELIMITER,
    as_written,
    first_word_sql,
    mark_highlights,
    words_in_sql,
)
from hub.search.text import CONFIGS, MARK_END, MARK_START
from hub.translated import LANGUAGE_CODES, Shown, in_reader_language

from .rank import (
    CHUNKS,
    GENERATION_NOTE,
    LANGUAGE_OF,
    STRONGEST_NOTE,
    WHY_SHOWN,
    evidence_weight_sql,
    practice_match_sql,
    word_arms,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.db.models import Model
    from django.utils.safestring import SafeString

    from hub.search.matching import ParsedQuery


# What ts_headline reads of the strongest one's text (its summary, partners and results), from a
# little before the first query word: the snippet is cut from it. ts_headline's time goes with
# the length it reads (it parses and stems every word), for the page's twenty snippets.
SNIPPET_CHARS = 600
SNIPPET_LEAD = 150  # characters of it before that word
ARABIC = CONFIGS["ar"]


@dataclass(frozen=True)
class MatchingPractice:
    """A practice shown under a result: why the city matched."""

    title: SafeString | str
    language: str  # the language the title is shown in
    evidence: str
    evidence_label: str
    snippet: SafeString | str


def _headline_options(*, whole: bool) -> str:
    marks = f"StartSel={MARK_START}, StopSel={MARK_END}"
    if whole:
        return f"{marks}, HighlightAll=true"
    return (
        f"{marks}, MaxFragments=2, MaxWords=25, MinWords=10, "
        f'FragmentDelimiter="{FRAGMENT_DELIMITER}"'
    )


def _words_by_config(parsed: ParsedQuery) -> dict[str, tuple[str, list[str]]]:
    """Each configuration's positive words OR-ed (what highlights mark), and their lexemes."""
    words = {}
    for config, text in parsed.parsed.items():
        node = tsquery.parse(text) if text and config in LANGUAGE_OF else None
        positive = sorted(set(tsquery.positive_words(node))) if node else []
        if positive:
            words[config] = (" | ".join(positive), tsquery.lexemes(positive))
    return words


def _folded(expression: str) -> str:
    """`expression` of chunk `b` as its vector was made: Arabic folded."""
    return (
        f"CASE WHEN b.config = '{ARABIC}' THEN hub_arabic_normalise({expression}) "
        f"ELSE {expression} END"
    )


def _snippet_excerpt(lexemes: str) -> str:
    """The excerpt of chunk `b` its snippet is cut from (for the strongest practice of a city
    only; the others show their title, marked), `lexemes` the query's lexemes in the chunk's
    configuration: SNIPPET_CHARS of the text after its title line, from SNIPPET_LEAD characters
    before the first query word there, at a word's start. The chunk's vector gives that word's
    position (its rank among the words: the title's come first), and the share of the text's
    spaces before it gives the character offset, closely enough for an excerpt this size, as
    hub.search.highlights cuts the engine's excerpts. Each level is worked out once (OFFSET 0):
    inlined, its expressions would run again where the next one reads them (the title's words
    for each position of a query word, the position three times)."""
    body = "substr(b.text, strpos(b.text, E'\\n') + 1)"
    title = "split_part(b.text, E'\\n', 1)"
    return f"""
    SELECT CASE WHEN e.start > 1
                THEN substr(e.body, e.start + strpos(substr(e.body, e.start, {SNIPPET_LEAD}), ' '),
                            {SNIPPET_CHARS})
                ELSE substr(e.body, 1, {SNIPPET_CHARS}) END AS rest
      FROM (SELECT f.body,
                   greatest(1, (length(f.body)::bigint * greatest(0, f.first - f.title_words - 1)
                                / greatest(1, {words_in_sql("f.body")}))::int - {SNIPPET_LEAD})
                   AS start
              FROM (SELECT t.body, t.title_words,
                           coalesce({first_word_sql("b.vector", lexemes, after="t.title_words")}, 1)
                           AS first
                      FROM (SELECT {body} AS body, {words_in_sql(title)} AS title_words
                             WHERE m.k = 1 AND strpos(b.text, E'\\n') > 0
                            OFFSET 0) t
                    OFFSET 0) f
            OFFSET 0) e"""


def matching_practices(
    context: engine.PageContext,
) -> tuple[dict[int, list[MatchingPractice]], dict[int, int]]:
    """The strongest matching practices of each profile of the page (WHY_SHOWN at most), with
    the query's words marked in their title and a snippet, and how many match in all."""
    params = context.params or engine.SearchParams()
    match = practice_match_sql(context.parsed, params)
    if match is None:
        return {}, {}
    language = context.language
    title = f"coalesce(nullif(pr.title_{language}, ''), pr.title_en, pr.title_fr, pr.title_ar)"
    window, strongest = context.notes.data.get(STRONGEST_NOTE, (set(), {}))
    if context.ids and set(context.ids) <= window:
        # The rank of the window chose them (strength): read these practices only, by key.
        chosen = [
            (pk, k, count)
            for profile_id in context.ids
            for count, practice_ids in [strongest.get(profile_id, (0, []))]
            for k, pk in enumerate(practice_ids, start=1)
        ]
        inner = f"""
            SELECT pr.profile_id, pr.id, pr.evidence_level, pr.source_language,
                   {title} AS title, u.k, u.n
              FROM unnest(%s::bigint[], %s::int[], %s::int[]) AS u(id, k, n)
              JOIN cityprofiles_practice pr ON pr.id = u.id"""
        inner_params: list[Any] = [list(column) for column in zip(*chosen, strict=True)] or [
            [],
            [],
            [],
        ]
    else:
        condition, values = match
        weight, weight_params = evidence_weight_sql()
        inner = f"""
            SELECT pr.profile_id, pr.id, pr.evidence_level, pr.source_language,
                   {title} AS title,
                   row_number() OVER (PARTITION BY pr.profile_id
                                      ORDER BY {weight} DESC, pr.position, pr.id) AS k,
                   count(*) OVER (PARTITION BY pr.profile_id) AS n
              FROM cityprofiles_practice pr
             WHERE pr.profile_id = ANY(%s) AND {condition}"""
        inner_params = [*weight_params, context.ids, *values]
    words = _words_by_config(context.parsed) if context.parsed is not None else {}
    if not words:
        sql = (
            f"SELECT m.profile_id, m.evidence_level, m.title, m.source_language, m.n, "
            f"NULL, NULL, NULL, NULL, NULL FROM ({inner}) m WHERE m.k <= {WHY_SHOWN} "
            "ORDER BY m.profile_id, m.k"
        )
        sql_params = inner_params
    else:
        assert context.parsed is not None
        arms, arm_params = word_arms(context.parsed)
        query = (
            "CASE b.config "
            + " ".join(f"WHEN '{config}' THEN %s::tsquery" for config in words)
            + " END"
        )
        lexemes = (
            "CASE b.config "
            + " ".join(f"WHEN '{config}' THEN %s::text[]" for config in words)
            + " END"
        )
        first_line = "split_part(b.text, E'\\n', 1)"
        sql = f"""
            SELECT m.profile_id, m.evidence_level, m.title, m.source_language, m.n,
                   b.config, {first_line}, x.rest,
                   ts_headline(b.config::regconfig, {_folded(first_line)}, {query}, %s),
                   ts_headline(b.config::regconfig, {_folded("x.rest")}, {query}, %s)
              FROM ({inner}) m
              LEFT JOIN LATERAL (
                    SELECT c.config, c.text, c.vector FROM {CHUNKS} c
                     WHERE c.practice_id = m.id AND {arms}
                     ORDER BY (c.config = %s) DESC, c.config LIMIT 1) b ON TRUE
              LEFT JOIN LATERAL ({_snippet_excerpt(lexemes)}) x ON TRUE
             WHERE m.k <= {WHY_SHOWN}
             ORDER BY m.profile_id, m.k
            """
        sql_params = [
            *[text for text, _lexemes in words.values()],
            _headline_options(whole=True),
            *[text for text, _lexemes in words.values()],
            _headline_options(whole=False),
            *inner_params,
            *arm_params,
            CONFIGS[language],
            *[lexemes for _text, lexemes in words.values()],
        ]
    key = _why_cache_key(context, sql, sql_params)
    if key is not None and (hit := cache.get(key)) is not None:
        return hit
    context.cursor.execute(sql, sql_params)
    found = _why_of(context.cursor.fetchall(), language)
    if key is not None:
        cache.set(key, found, settings.HUB_CITY_WHY_CACHE_SECONDS)
    return found


def _why_cache_key(context: engine.PageContext, sql: str, params: list[Any]) -> str | None:
    """The cache key of the why-lists `sql` reads, or None when they are not to be cached.

    The lists (the practices the rank chose, their words marked) are cached
    (HUB_CITY_WHY_CACHE_SECONDS) under the generation of the directory's rows that the rank
    read in this search (before the lists' own statement: an entry never holds older
    practices than its generation), the statement and its parameters (the practices chosen,
    the words, the reader's language), as cityprofiles.similar caches under the same
    generation: a write to a practice, its themes or its profile makes every older entry
    unreachable at once. Inside a larger transaction (which may yet roll back, and reuse the
    generation it bumped), never."""
    generation = context.notes.data.get(GENERATION_NOTE)
    if generation is None or settings.HUB_CITY_WHY_CACHE_SECONDS <= 0:
        return None
    if not context.notes.cacheable:
        return None
    # Under the code's release too (hub.generations.fragment_key), as every kept fragment:
    # the lists hold translated labels, so new code or translations never read older ones.
    return fragment_key(
        "cityprofiles.why",
        [_WHY_VERSION, generation, translation.get_language() or "", sql, params],
    )


_WHY_VERSION = 1  # of what the why cache holds: a new shape never reads an old entry


def _why_of(
    rows: list[tuple[Any, ...]], language: str
) -> tuple[dict[int, list[MatchingPractice]], dict[int, int]]:
    """The why-lists of matching_practices' rows, by profile, and their counts."""
    labels = dict(Practice.Evidence.choices)
    shown: dict[int, list[MatchingPractice]] = {}
    counts: dict[int, int] = {}
    for row in rows:
        profile_id, evidence, plain_title, source_language, n = row[:5]
        config, written_title, written_rest, marked_title, marked_rest = row[5:]
        counts[profile_id] = n
        if config is None or marked_title is None:
            practice = MatchingPractice(
                title=plain_title,
                language=language if plain_title else source_language,
                evidence=evidence,
                evidence_label=str(labels.get(evidence, evidence)),
                snippet="",
            )
        else:
            if config == ARABIC:
                marked_title = as_written(marked_title, written_title)
                marked_rest = as_written(marked_rest, written_rest) if marked_rest else ""
            practice = MatchingPractice(
                title=mark_highlights(marked_title),
                language=LANGUAGE_OF[config],
                evidence=evidence,
                evidence_label=str(labels.get(evidence, evidence)),
                snippet=mark_highlights(marked_rest) if marked_rest else "",
            )
        shown.setdefault(profile_id, []).append(practice)
    return shown, counts


# What a result reads: the city's slug, names and place, and the profile's overview (each in
# every language: a reader's missing one falls back to another), no other column: every model
# instance of a page costs its fields' setting (five a result, a hundred a page, before).
_NAMES = tuple(f"name_{language}" for language in LANGUAGE_CODES)
_READ: tuple[tuple[type[Model], str, frozenset[str]], ...] = (
    (
        CityProfile,
        "p",
        frozenset(("id", "city_id", "source_language", *(f"overview_{c}" for c in LANGUAGE_CODES))),
    ),
    (City, "c", frozenset(("id", "slug", "is_steering_committee", "country_id", *_NAMES))),
    (Country, "co", frozenset(("id", "region_id", *_NAMES))),
    (Region, "r", frozenset(("id", "slug", *_NAMES))),
)


@lru_cache(maxsize=1)
def _profiles_sql() -> tuple[str, tuple[tuple[type[Model], list[str]], ...]]:
    """The statement of load_profiles, built once a process, and the columns it reads of each
    model, in the model's own order (as Model.from_db takes a subset of them)."""
    read = tuple(
        (model, [c for c in model_columns(model) if c in wanted]) for model, _a, wanted in _READ
    )
    selected = [
        f"{alias}.{column}"
        for (_model, alias, _wanted), (_m, columns) in zip(_READ, read, strict=True)
        for column in columns
    ]
    sql = (
        f"SELECT s.practice_count, s.has_network, {', '.join(selected)} "
        "FROM cityprofiles_cityprofile p "
        "JOIN hub_city c ON c.id = p.city_id "
        "JOIN hub_country co ON co.id = c.country_id "
        "JOIN hub_region r ON r.id = co.region_id "
        "LEFT JOIN cityprofiles_citysearch s ON s.profile_id = p.id "
        "WHERE p.id = ANY(%s)"
    )
    return sql, read


def _profiles_of(ids: list[int]) -> dict[int, CityProfile]:
    """The profiles of `ids` (as the engine found them: visibility is its part), with their
    city, country and region (the columns of _READ only), and their search row's counts
    (`shown_practice_count`, `shown_has_network`). One statement, its instances made as the
    ORM makes a select_related's (Model.from_db, each linked to the next), without building
    the query again at every search (three times the statement's own time)."""
    sql, read = _profiles_sql()
    alias = router.db_for_read(CityProfile)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [ids])
        rows = cursor.fetchall()
    found: dict[int, CityProfile] = {}
    for row in rows:
        made: list[Any] = []
        at = 2
        for model, columns in read:
            made.append(model.from_db(alias, columns, row[at : at + len(columns)]))
            at += len(columns)
        profile, city, country, region = made
        Country.region.field.set_cached_value(country, region)
        City.country.field.set_cached_value(city, country)
        CityProfile.city.field.set_cached_value(profile, city)
        profile.shown_practice_count, profile.shown_has_network = row[0], row[1]
        found[profile.pk] = profile
    return found


def load_profiles(context: engine.PageContext) -> list[CityProfile]:
    """The page's profiles in its order, with their city, country and region (their names and
    the profile's overview only), `matching_practices` / `matching_count` (why each matched),
    `shown_practice_count` and `shown_has_network` (from their search row), and `entry`, what
    the directory shows of each (directory_entry)."""
    by_id = _profiles_of(list(context.ids))
    profiles = [by_id[pk] for pk in context.ids if pk in by_id]
    shown, counts = matching_practices(context)
    city_url = _city_url()
    for profile in profiles:
        profile.matching_practices = shown.get(profile.pk, [])  # type: ignore[attr-defined]
        profile.matching_count = counts.get(profile.pk, 0)  # type: ignore[attr-defined]
        profile.entry = directory_entry(profile, city_url)  # type: ignore[attr-defined]
    return profiles


def _city_url() -> Callable[[str], str]:
    """The URL of the city page of a slug: reversed once a page, not once a result (a slug is
    a URL path segment as it is: letters, digits, hyphens and underscores)."""
    marker = "city-slug"
    pattern = reverse("cityprofiles:city", kwargs={"slug": marker})
    head, _marker, tail = pattern.rpartition(marker)
    return lambda slug: f"{head}{slug}{tail}"


def directory_entry(profile: CityProfile, city_url: Callable[[str], str]) -> dict[str, Any]:
    """What a result of the directory shows of `profile` (its `matching_practices` and
    `matching_count` set), worked out once here rather than by the template for each result:
    plain values in a dict (templates read a dict's keys at once, an object's attributes
    after a failed key lookup), numbers already written out.

    Keys: ``pk``, ``slug``, ``url``, ``name``, ``country``, ``region`` (names in the reader's
    language), ``steering``, ``practices`` ("30 practices", "" for none), ``network``,
    ``why_id``, ``matching`` ("2 matching practices"), ``why`` (one dict per matching
    practice: ``title``, ``language``, ``evidence``, ``evidence_label``, ``snippet``), and
    ``overview`` (the profile's overview, shortened, as a hub.translated.Shown) for a result
    with no matching practice."""
    city = profile.city
    country = city.country
    practice_count = getattr(profile, "shown_practice_count", None) or 0
    matching: list[MatchingPractice] = profile.matching_practices  # type: ignore[attr-defined]
    count: int = profile.matching_count  # type: ignore[attr-defined]
    overview = None
    if not matching:
        text = in_reader_language(profile, "overview")
        if text:
            overview = Shown(Truncator(text.text).chars(240), text.language, text.is_fallback)
    return {
        "pk": profile.pk,
        "slug": city.slug,
        "url": city_url(city.slug),
        "name": city.name,
        "country": country.name,
        "region": country.region.name,
        "steering": city.is_steering_committee,
        "practices": (
            ngettext("%(counter)s practice", "%(counter)s practices", practice_count)
            % {"counter": localize(practice_count)}
            if practice_count
            else ""
        ),
        "network": getattr(profile, "shown_has_network", None) == "yes",
        "why_id": f"why-{profile.pk}",
        "matching": (
            ngettext("%(counter)s matching practice", "%(counter)s matching practices", count)
            % {"counter": localize(count)}
            if matching
            else ""
        ),
        "why": [
            {
                "title": practice.title,
                "language": practice.language,
                "evidence": practice.evidence,
                "evidence_label": practice.evidence_label,
                "snippet": practice.snippet,
            }
            for practice in matching
        ],
        "overview": overview,
    }
