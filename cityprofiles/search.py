"""The member cities as a source of the shared search engine (hub.search): the directory.

The engine reads one narrow row per city profile (``cityprofiles_citysearch``) and its chunks
(``cityprofiles_citychunk``), both derived by database triggers from the published tables
(migration 0002), whatever writes them. What is the directory's own:

- the SQL twin of ``CityProfile.objects.visible_to(user)``: every active account, nobody else;
- the facets: theme (of its challenges and practices), region, country, the Steering
  Committee, the evidence level and target groups of its practices, whether it has a local
  prevention network, the languages its profile is written in;
- the ranking **by strength**: a city found by words or a chosen theme is ranked by the sum,
  over its practices that match (by their words, in any language, and the chosen theme,
  evidence levels and target groups), of the weight of each practice's evidence level
  (``settings.HUB_CITY_EVIDENCE_WEIGHTS``);
- *why*: on the page shown, each city's strongest matching practices, their words marked.
"""

# ruff: noqa: S608  (SQL assembled from constants; user input only ever as query parameters)
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from cityprofiles.models import CityProfile, Practice, TargetGroup
from cityprofiles.similar import GENERATION_SQL
from hub import search as engine
from hub.generations import fragment_key
from hub.ordering import COLLATIONS, ROOT_COLLATION
from hub.search import tsquery
from hub.search.facets import theme_facet
from hub.search.highlights import FRAGMENT_DELIMITER, as_written, mark_highlights
from hub.search.text import CONFIGS, MARK_END, MARK_START
from hub.translated import LANGUAGE_CODES, Shown, in_reader_language

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from django.contrib.auth.models import AnonymousUser
    from django.utils.safestring import SafeString

    from hub.models import User
    from hub.search.matching import ParsedQuery

ROWS = "cityprofiles_citysearch"
CHUNKS = "cityprofiles_citychunk"
WHY_SHOWN = 3  # matching practices shown under each result
SNIPPET_CHARS = 1200  # of the strongest one's text, from which its snippet is cut
ARABIC = CONFIGS["ar"]
LANGUAGE_OF = {config: language for language, config in CONFIGS.items()}


def visibility_sql(user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """`CityProfile.objects.visible_to(user)` over search row `s`.

    tests/cityprofiles/test_search.py proves both give the same profiles for every kind of
    reader: change them together.
    """
    if not user.is_authenticated or not user.is_active:
        return "FALSE", []
    return "TRUE", []


def shared_visibility_sql(cursor: Any, user: User | AnonymousUser) -> tuple[str, list[Any]]:
    """The same for every reader who may see the directory, so they share cached matches."""
    return visibility_sql(user)


# --- Which practices match, and how strong they are ---------------------------------------------


def evidence_weight_sql(level: str = "pr.evidence_level") -> tuple[str, list[Any]]:
    """The weight of evidence level `level` (by default practice `pr`'s), as SQL
    (HUB_CITY_EVIDENCE_WEIGHTS)."""
    weights: Mapping[str, float] = settings.HUB_CITY_EVIDENCE_WEIGHTS
    arms = " ".join("WHEN %s THEN %s::float8" for _ in weights)
    params: list[Any] = []
    for level_name, weight in weights.items():
        params += [level_name, float(weight)]
    return f"(CASE {level} {arms} ELSE 1.0 END)", params


def _word_arms(parsed: ParsedQuery, alias: str = "c") -> tuple[str, list[Any]]:
    """True for a chunk `alias` matching the query in its own configuration."""
    arms, params = [], []
    for config, text in parsed.parsed.items():
        if text and config in LANGUAGE_OF:  # chunks exist in the three languages only
            arms.append(f"({alias}.config = %s AND {alias}.vector @@ %s::tsquery)")
            params += [config, text]
    return "(" + (" OR ".join(arms) or "FALSE") + ")", params


def practice_match_sql(
    parsed: ParsedQuery | None, params: engine.SearchParams
) -> tuple[str, list[Any]] | None:
    """SQL over practice `pr` true when it matches the search: its words (any language) and
    the chosen themes, evidence levels and target groups. None when nothing chooses practices
    (no words, no theme)."""
    if parsed is None and not params.filters.get("theme"):
        return None
    conditions: list[str] = []
    values: list[Any] = []
    if parsed is not None:
        # The matching chunks come from their GIN index, one configuration at a time (an OR
        # across configurations would read the vector of every chunk found, out of line); the
        # practices are then read along their key, in order (as an array, not a join: a join
        # looks each one up apart, at twice the cost).
        selects, select_params = [], []
        for config, text in parsed.parsed.items():
            if text and config in LANGUAGE_OF:
                selects.append(
                    f"SELECT c.practice_id FROM {CHUNKS} c WHERE c.kind = 'practice' "
                    "AND c.config = %s AND c.vector @@ %s::tsquery"
                )
                select_params += [config, text]
        conditions.append(
            f"pr.id = ANY(ARRAY({' UNION ALL '.join(selects) or 'SELECT NULL::bigint'}))"
        )
        values += select_params
    filters, filter_values = _practice_filters_sql(params)
    return " AND ".join(conditions + filters), values + filter_values


def _practice_filters_sql(
    params: engine.SearchParams, *, practice: str = "pr.id", level: str = "pr.evidence_level"
) -> tuple[list[str], list[Any]]:
    """The conditions the chosen themes, evidence levels and target groups put on the practice
    whose key is `practice` and evidence level `level` (by default practice `pr`'s)."""
    conditions: list[str] = []
    values: list[Any] = []
    if themes := params.filters.get("theme"):
        conditions.append(
            "EXISTS (SELECT 1 FROM cityprofiles_practice_themes pt "
            "JOIN hub_theme t ON t.id = pt.theme_id "
            f"WHERE pt.practice_id = {practice} AND t.slug = ANY(%s))"
        )
        values.append([str(v) for v in themes])
    if levels := params.filters.get("evidence"):
        conditions.append(f"{level} = ANY(%s)")
        values.append([str(v) for v in levels])
    if groups := params.filters.get("target"):
        if practice == "pr.id":
            conditions.append("pr.target_groups && %s::varchar[]")
        else:  # the practice's row, by key: its chunks do not copy its groups
            conditions.append(
                "EXISTS (SELECT 1 FROM cityprofiles_practice tg "
                f"WHERE tg.id = {practice} AND tg.target_groups && %s::varchar[])"
            )
        values.append([str(v) for v in groups])
    return conditions, values


def _matching_chunks_sql(parsed: ParsedQuery) -> tuple[str, list[Any]]:
    """The practice chunks matching the words, as (practice_id, profile_id, evidence_level,
    position) rows: one practice may come once per configuration it matches in. One scan of
    the GIN index per distinct query: configurations that parse the words alike (English and
    French stems often agree) share it."""
    configs_of: dict[str, list[str]] = {}
    for config, text in parsed.parsed.items():
        if text and config in LANGUAGE_OF:
            configs_of.setdefault(text, []).append(config)
    selects, values = [], []
    for text, configs in configs_of.items():
        selects.append(
            "SELECT c.practice_id, c.profile_id, c.evidence_level, c.position "
            f"FROM {CHUNKS} c WHERE c.kind = 'practice' "
            "AND c.config = ANY(%s) AND c.vector @@ %s::tsquery"
        )
        values += [configs, text]
    if not selects:
        selects.append(
            "SELECT NULL::bigint, NULL::bigint, NULL::varchar, NULL::smallint WHERE FALSE"
        )
    return " UNION ALL ".join(selects), values


def strength(context: engine.RankContext) -> dict[int, float]:
    """Per profile of the window: the summed evidence weight of its matching practices.

    The same statement gives, per profile, how many practices match and its strongest ones
    (WHY_SHOWN, in the order the why-lists show them), kept in the search's notes so that the
    page marks them without matching the practices again; the engine cuts no profile snippet
    for the cities whose matching practices are shown instead."""
    match = practice_match_sql(context.parsed, context.params)
    if match is None or not context.ids:
        return {}
    if context.parsed is None:  # a theme chosen, no words: the practices of the theme
        condition, values = match
        weight, weight_params = evidence_weight_sql()
        context.cursor.execute(
            f"SELECT pr.profile_id, sum({weight}), count(*), "
            f"(array_agg(pr.id ORDER BY {weight} DESC, pr.position, pr.id))[1:{WHY_SHOWN}], "
            f"{_GENERATION_SQL} "
            f"FROM cityprofiles_practice pr "
            f"WHERE pr.profile_id = ANY(%s) AND {condition} GROUP BY pr.profile_id",
            [*weight_params, *weight_params, context.ids, *values],
        )
    else:
        # With words, over the matching chunks alone, which carry their practice's evidence
        # level and position (migration 0003): no practice row is read. The chunks come from
        # their GIN index (the engine turns sequential scans off for the search's transaction,
        # hub.search.matching), one scan per distinct query text, materialised first: inlined,
        # the planner joins them otherwise, at five times the cost (bench/README.md).
        chunks, chunk_values = _matching_chunks_sql(context.parsed)
        filters, filter_values = _practice_filters_sql(
            context.params, practice="d.practice_id", level="d.evidence_level"
        )
        # Each practice's weight is worked out once, beside its one row (which keeps the
        # subquery apart), not once for the sum and again for the order of the strongest. A
        # practice's chunks all carry its profile, evidence level and position: one row a
        # practice is DISTINCT ON its key alone (a fifth cheaper than on the whole row).
        weight, weight_params = evidence_weight_sql("m.evidence_level")
        context.cursor.execute(
            f"WITH m AS MATERIALIZED ({chunks}) "
            "SELECT d.profile_id, sum(d.weight), count(*), "
            "(array_agg(d.practice_id ORDER BY d.weight DESC, d.position, d.practice_id))"
            f"[1:{WHY_SHOWN}], {_GENERATION_SQL} "
            "FROM (SELECT DISTINCT ON (m.practice_id) m.practice_id, m.profile_id, "
            "m.evidence_level, m.position, "
            f"{weight} AS weight "
            "FROM m WHERE m.profile_id = ANY(%s::bigint[])) d "  # bigint: hashed
            f"{'WHERE ' + ' AND '.join(filters) if filters else ''} GROUP BY d.profile_id",
            [
                *chunk_values,
                *weight_params,
                context.ids,
                *filter_values,
            ],
        )
    scores: dict[int, float] = {}
    strongest: dict[int, tuple[int, list[int]]] = {}
    rows = context.cursor.fetchall()
    for pk, score, count, practice_ids, _generation in rows:
        scores[pk] = float(score)
        strongest[pk] = (count, practice_ids)
    context.notes.data[_STRONGEST] = (set(context.ids), strongest)
    if rows and rows[0][4] is not None:
        context.notes.data[_GENERATION] = int(rows[0][4])
    context.notes.shown_apart.update(strongest)
    return scores


_STRONGEST = "cityprofiles.strongest"  # notes: (window ids, {profile: (count, practice ids)})
# notes: the generation of the directory's rows when the rank read them (see _why_cache_key)
_GENERATION = "cityprofiles.generation"
# The same generation cityprofiles.similar caches under, as a column of the rank's statement:
# bumped by the triggers in the same transaction as any write to the practices, their themes
# and chunks, the profiles and the taxonomy (migration 0002).
_GENERATION_SQL = f"({GENERATION_SQL})"


# --- The page -----------------------------------------------------------------------------------


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


def _words_by_config(parsed: ParsedQuery) -> dict[str, str]:
    """Each configuration's positive words OR-ed: what highlights mark."""
    words = {}
    for config, text in parsed.parsed.items():
        node = tsquery.parse(text) if text and config in LANGUAGE_OF else None
        positive = sorted(set(tsquery.positive_words(node))) if node else []
        if positive:
            words[config] = " | ".join(positive)
    return words


def _folded(expression: str) -> str:
    """`expression` of chunk `b` as its vector was made: Arabic folded."""
    return (
        f"CASE WHEN b.config = '{ARABIC}' THEN hub_arabic_normalise({expression}) "
        f"ELSE {expression} END"
    )


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
    window, strongest = context.notes.data.get(_STRONGEST, (set(), {}))
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
        arms, arm_params = _word_arms(context.parsed)
        query = (
            "CASE b.config "
            + " ".join(f"WHEN '{config}' THEN %s::tsquery" for config in words)
            + " END"
        )
        first_line = "split_part(b.text, E'\\n', 1)"
        # A snippet for the strongest practice of each city only: the others show their
        # title, marked. Cut from the summary's start, bounded, as the engine's excerpts are.
        rest = (
            "CASE WHEN m.k = 1 AND strpos(b.text, E'\\n') > 0 "
            f"THEN substr(b.text, strpos(b.text, E'\\n') + 1, {SNIPPET_CHARS}) END"
        )
        sql = f"""
            SELECT m.profile_id, m.evidence_level, m.title, m.source_language, m.n,
                   b.config, {first_line}, {rest},
                   ts_headline(b.config::regconfig, {_folded(first_line)}, {query}, %s),
                   ts_headline(b.config::regconfig, {_folded(rest)}, {query}, %s)
              FROM ({inner}) m
              LEFT JOIN LATERAL (
                    SELECT c.config, c.text FROM {CHUNKS} c
                     WHERE c.practice_id = m.id AND {arms}
                     ORDER BY (c.config = %s) DESC, c.config LIMIT 1) b ON TRUE
             WHERE m.k <= {WHY_SHOWN}
             ORDER BY m.profile_id, m.k
            """
        sql_params = [
            *words.values(),
            _headline_options(whole=True),
            *words.values(),
            _headline_options(whole=False),
            *inner_params,
            *arm_params,
            CONFIGS[language],
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
    generation = context.notes.data.get(_GENERATION)
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
_SHOWN = (
    "id",
    "city_id",
    "source_language",
    *(f"overview_{language}" for language in LANGUAGE_CODES),
    "city__id",
    "city__slug",
    "city__is_steering_committee",
    "city__country_id",
    *(f"city__{name}" for name in _NAMES),
    "city__country__id",
    "city__country__region_id",
    *(f"city__country__{name}" for name in _NAMES),
    "city__country__region__id",
    "city__country__region__slug",
    *(f"city__country__region__{name}" for name in _NAMES),
)


def load_profiles(context: engine.PageContext) -> list[CityProfile]:
    """The page's profiles in its order, with their city, country and region (their names and
    the profile's overview only), `matching_practices` / `matching_count` (why each matched),
    `shown_practice_count` and `shown_has_network` (from their search row), and `entry`, what
    the directory shows of each (directory_entry)."""
    by_id = (
        CityProfile.objects.select_related("city__country__region")
        .only(*_SHOWN)
        # The search row's counts as values, not as one more instance a result.
        .annotate(
            shown_practice_count=F("search_row__practice_count"),
            shown_has_network=F("search_row__has_network"),
        )
        .in_bulk(context.ids)
    )
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


# --- Orders -------------------------------------------------------------------------------------


def _collation(language: str) -> str:
    return COLLATIONS.get(language, ROOT_COLLATION)


def _name(alias: str, language: str) -> str:
    return (
        f"coalesce(nullif({alias}.name_{language}, ''), {alias}.name_en, {alias}.name_fr, "
        f'{alias}.name_ar) COLLATE "{_collation(language)}"'
    )


_PLACE = (
    "JOIN hub_city pc ON pc.id = s.city_id "
    "JOIN hub_country pco ON pco.id = pc.country_id "
    "JOIN hub_region pr ON pr.id = pco.region_id"
)


def _by_name(language: str) -> tuple[str, str]:
    return "JOIN hub_city pc ON pc.id = s.city_id", f"{_name('pc', language)}, s.profile_id"


def _by_region(language: str) -> tuple[str, str]:
    return _PLACE, f"{_name('pr', language)}, {_name('pc', language)}, s.profile_id"


def _yes_no(yes: Any, no: Any) -> Any:
    return lambda: {"yes": yes, "no": no}


CITIES = engine.SearchSource(
    name="cityprofiles.cities",
    label=_("Member cities"),
    model=CityProfile,
    rows=ROWS,
    key="profile_id",
    # Practices are shown apart, with their own marks: the engine's snippet is of the profile.
    chunks=engine.Chunks(table=CHUNKS, key="profile_id", snippet_kinds=("body",)),
    visible=visibility_sql,
    visible_shared=shared_visibility_sql,
    load=load_profiles,
    facets=(
        theme_facet(),
        engine.Facet("region", _("Regions"), "region_id", table="hub_region"),
        engine.Facet(
            "country",
            pgettext_lazy("facet", "Countries"),
            "country_id",
            table="hub_country",
            table_key="iso_code",
        ),
        engine.Facet(
            "steering",
            _("International Steering Committee"),
            "steering",
            choices=_yes_no(
                pgettext_lazy("steering committee", "On the Committee"),
                pgettext_lazy("steering committee", "Not on the Committee"),
            ),
        ),
        engine.Facet(
            "evidence",
            _("Evidence of their practices"),
            "evidence",
            many=True,
            choices=lambda: dict(Practice.Evidence.choices),
        ),
        engine.Facet(
            "target",
            _("Practices for"),
            "target_groups",
            many=True,
            choices=lambda: dict(TargetGroup.choices),
        ),
        engine.Facet(
            "network",
            _("Local prevention network"),
            "has_network",
            choices=_yes_no(
                pgettext_lazy("prevention network", "Has a network"),
                pgettext_lazy("prevention network", "No network listed"),
            ),
        ),
        engine.Facet(
            "language",
            _("Profile written in"),
            "languages",
            many=True,
            choices=lambda: dict(settings.LANGUAGES),
        ),
    ),
    sorts=(
        engine.Sort(
            "strength",
            _("Strength of their work"),
            "name_en, profile_id",
            ("name_en",),
            rank=strength,
            rank_facets=("theme",),
        ),
        engine.Sort("region", _("Region"), by_language=_by_region),
        engine.Sort("name", _("Name"), by_language=_by_name),
    ),
    default_sort="strength",
    default_sort_without_words="region",
    page_size=20,
)


def search(*, user: User | AnonymousUser, params: engine.SearchParams) -> engine.SearchResult:
    """One page of the directory for `user` (the engine over CITIES)."""
    return engine.search(CITIES, user=user, params=params)


def params_from(data: Any) -> engine.SearchParams:
    """The directory's search parameters from request.GET, leniently."""
    return engine.SearchParams.from_querydict(data, CITIES)


__all__ = [
    "CITIES",
    "MatchingPractice",
    "directory_entry",
    "evidence_weight_sql",
    "load_profiles",
    "params_from",
    "practice_match_sql",
    "search",
    "strength",
    "visibility_sql",
]
