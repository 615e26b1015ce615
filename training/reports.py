"""Completion figures: enrolled, in progress, completed and completion rate, per module and city
or per module and region, read in one grouped statement from the figures the database keeps per
module and city (``CompletionSummary``, kept by triggers on the enrolments: migration 0004).

A learner counts in the city they belonged to when they enrolled (``Enrolment.city``);
enrolments without a city (staff who enrolled themselves) count in no city and no region.
"In progress": enrolled, at least one lesson done, the module not completed.

The statement groups the kept rows (one per module and city, a few thousand at most, whatever
the number of learners) and sorts the groups (by the ids of the modules and places in the order
the reader sees them, which the caller has at hand: no name is compared in the database); the
number of groups and the totals come with the page (summed once over the groups).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection

from hub.models import City, Country
from training.models import CompletionSummary, Enrolment

if TYPE_CHECKING:
    from collections.abc import Iterable

BY_CITY = "city"
BY_REGION = "region"
GROUPINGS = (BY_CITY, BY_REGION)


@dataclass(frozen=True)
class Figures:
    enrolled: int
    in_progress: int
    completed: int

    @property
    def not_started(self) -> int:
        return self.enrolled - self.in_progress - self.completed

    @property
    def rate(self) -> int:
        """The completion rate, in whole per cent (0 when nobody is enrolled)."""
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


NO_FIGURES = Figures(0, 0, 0)


@dataclass(frozen=True)
class Row:
    module_id: int
    place_id: int
    figures: Figures


@dataclass(frozen=True)
class Groups:
    """Some of the groups (a page, or all of them), how many there are, and the totals."""

    rows: list[Row]
    count: int
    total: Figures


def _statement(by: str, filters: dict[str, Any], limited: bool) -> str:
    summary, city, country = (
        CompletionSummary._meta.db_table,
        City._meta.db_table,
        Country._meta.db_table,
    )
    needs_place = by == BY_REGION or filters.get("region_id") is not None
    joins = (
        f"JOIN {city} c ON c.id = s.city_id JOIN {country} co ON co.id = c.country_id"
        if needs_place
        else ""
    )
    # A row whose enrolments are all gone is kept with zeros: not a group.
    where = ["s.enrolled > 0"]
    if filters.get("module_ids") is not None:
        where.append("s.module_id = ANY(%(module_ids)s)")
    if filters.get("module_id") is not None:
        where.append("s.module_id = %(module_id)s")
    if filters.get("region_id") is not None:
        where.append("co.region_id = %(region_id)s")
    if filters.get("city_id") is not None:
        where.append("s.city_id = %(city_id)s")
    if by == BY_REGION:
        groups = f"""
            SELECT s.module_id, co.region_id AS place_id, sum(s.enrolled)::int AS enrolled,
                   sum(s.in_progress)::int AS in_progress, sum(s.completed)::int AS completed
            FROM {summary} s {joins}
            WHERE {" AND ".join(where)}
            GROUP BY 1, 2
        """  # noqa: S608  (fixed fragments; every value a parameter)
    else:  # one kept row is one group
        groups = f"""
            SELECT s.module_id, s.city_id AS place_id, s.enrolled, s.in_progress, s.completed
            FROM {summary} s {joins}
            WHERE {" AND ".join(where)}
        """  # noqa: S608
    # The statement is built from the fixed fragments above; every value is a parameter. The
    # order of the modules and of the places is their position in the lists given (others
    # last, by id).
    return f"""
        WITH g AS MATERIALIZED ({groups}), t AS (
            SELECT count(*) AS n, sum(enrolled) AS enrolled, sum(in_progress) AS in_progress,
                   sum(completed) AS completed
            FROM g
        )
        SELECT g.module_id, g.place_id, g.enrolled, g.in_progress, g.completed,
               t.n, t.enrolled, t.in_progress, t.completed
        FROM g CROSS JOIN t
        LEFT JOIN unnest(%(module_order)s::bigint[]) WITH ORDINALITY AS mo(id, n)
               ON mo.id = g.module_id
        LEFT JOIN unnest(%(place_order)s::bigint[]) WITH ORDINALITY AS po(id, n)
               ON po.id = g.place_id
        ORDER BY mo.n, po.n, g.place_id, g.module_id
        {"LIMIT %(limit)s OFFSET %(offset)s" if limited else ""}
    """  # noqa: S608


# The figures of every (module, city), counted from the enrolments: what the kept figures are.
SUMMARY_COUNT = f"""
    SELECT module_id, city_id, count(*) AS enrolled,
           count(*) FILTER (WHERE completed_at IS NULL AND completed_count > 0) AS in_progress,
           count(*) FILTER (WHERE completed_at IS NOT NULL) AS completed
      FROM {Enrolment._meta.db_table}
     WHERE city_id IS NOT NULL
     GROUP BY module_id, city_id
"""  # noqa: S608  (a table name of the models)


def completion_summary_differences() -> list[tuple[int, int, tuple[int, ...], tuple[int, ...]]]:
    """Each (module, city) whose kept figures differ from a fresh count of the enrolments, as
    (module id, city id, kept, counted), kept and counted being (enrolled, in progress,
    completed); none when they agree (a kept row of zeros agrees with no enrolment)."""
    summary = CompletionSummary._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT coalesce(k.module_id, f.module_id), coalesce(k.city_id, f.city_id),
                   coalesce(k.enrolled, 0), coalesce(k.in_progress, 0), coalesce(k.completed, 0),
                   coalesce(f.enrolled, 0), coalesce(f.in_progress, 0), coalesce(f.completed, 0)
              FROM {summary} k FULL JOIN ({SUMMARY_COUNT}) f
                ON f.module_id = k.module_id AND f.city_id = k.city_id
             WHERE (coalesce(k.enrolled, 0), coalesce(k.in_progress, 0),
                    coalesce(k.completed, 0))
                   IS DISTINCT FROM
                   (coalesce(f.enrolled, 0), coalesce(f.in_progress, 0),
                    coalesce(f.completed, 0))
             ORDER BY 1, 2
            """  # noqa: S608
        )
        return [(r[0], r[1], tuple(r[2:5]), tuple(r[5:8])) for r in cursor.fetchall()]


def completion_groups(
    *,
    by: str = BY_CITY,
    module_order: Iterable[int] = (),
    place_order: Iterable[int] = (),
    limit: int | None = None,
    offset: int = 0,
    module_ids: Iterable[int] | None = None,
    module_id: int | None = None,
    region_id: int | None = None,
    city_id: int | None = None,
) -> Groups:
    """The figures of each (module, city) or (module, region) with an enrolment, in one
    statement: ordered by `module_order` then `place_order` (ids; others last), `limit` of
    them from `offset` (all when `limit` is None), with the number of groups and the totals.

    Filters: `module_ids` (the modules a person may see), `module_id`, `region_id` (its
    cities), `city_id`. A page past the last one has no rows, and then a count and totals of 0.
    """
    if by not in GROUPINGS:
        raise ValueError(by)
    filters = {
        "module_ids": list(module_ids) if module_ids is not None else None,
        "module_id": module_id,
        "region_id": region_id,
        "city_id": city_id,
    }
    params = {
        **filters,
        "module_order": list(module_order),
        "place_order": list(place_order),
        "limit": limit,
        "offset": offset,
    }
    with connection.cursor() as cursor:
        cursor.execute(_statement(by, filters, limit is not None), params)
        fetched = cursor.fetchall()
    rows = [Row(r[0], r[1], Figures(r[2], r[3], r[4])) for r in fetched]
    if not fetched:
        return Groups(rows=[], count=0, total=NO_FIGURES)
    first = fetched[0]
    return Groups(
        rows=rows, count=first[5], total=Figures(int(first[6]), int(first[7]), int(first[8]))
    )


def completion_rows(*, by: str = BY_CITY, **filters: Any) -> list[Row]:
    """Every group of `completion_groups` (unordered unless its orders are given)."""
    return completion_groups(by=by, **filters).rows


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    """`value` as a CSV cell a spreadsheet shows as text: a text that would start a formula is
    quoted with a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def completed_count_for_city(city_id: int) -> int:
    """How many modules the city's learners have completed (one per learner and module)."""
    return Enrolment.objects.filter(city_id=city_id, completed_at__isnull=False).count()
