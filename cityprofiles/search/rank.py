"""The directory's rank by strength: which practices match a search (their words in any language,
the chosen themes, evidence levels and target groups) and, per city, the summed weight of their
evidence levels (``settings.HUB_CITY_EVIDENCE_WEIGHTS``), with the strongest ones noted for the
why-lists (cityprofiles.search.page)."""

# ruff: noqa: S608  (SQL assembled from constants; user input only ever as query parameters)
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from cityprofiles.similar import GENERATION_SQL
from hub.search.text import CONFIGS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from hub import search as engine
    from hub.search.matching import ParsedQuery


CHUNKS = "cityprofiles_citychunk"
WHY_SHOWN = 3  # matching practices shown under each result
LANGUAGE_OF = {config: language for language, config in CONFIGS.items()}


def evidence_weight_sql(level: str = "pr.evidence_level") -> tuple[str, list[Any]]:
    """The weight of evidence level `level` (by default practice `pr`'s), as SQL
    (HUB_CITY_EVIDENCE_WEIGHTS)."""
    weights: Mapping[str, float] = settings.HUB_CITY_EVIDENCE_WEIGHTS
    arms = " ".join("WHEN %s THEN %s::float8" for _ in weights)
    params: list[Any] = []
    for level_name, weight in weights.items():
        params += [level_name, float(weight)]
    return f"(CASE {level} {arms} ELSE 1.0 END)", params


def word_arms(parsed: ParsedQuery, alias: str = "c") -> tuple[str, list[Any]]:
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
    context.notes.data[STRONGEST_NOTE] = (set(context.ids), strongest)
    if rows and rows[0][4] is not None:
        context.notes.data[GENERATION_NOTE] = int(rows[0][4])
    context.notes.shown_apart.update(strongest)
    return scores


STRONGEST_NOTE = "cityprofiles.strongest"  # notes: (window ids, {profile: (count, practice ids)})
# notes: the generation of the directory's rows when the rank read them (see _why_cache_key)
GENERATION_NOTE = "cityprofiles.generation"
# The same generation cityprofiles.similar caches under, as a column of the rank's statement:
# bumped by the triggers in the same transaction as any write to the practices, their themes
# and chunks, the profiles and the taxonomy (migration 0002).
_GENERATION_SQL = f"({GENERATION_SQL})"
