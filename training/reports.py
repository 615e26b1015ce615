"""Completion figures: enrolled, in progress, completed and completion rate, per module and city
or per module and region, counted by the database in one grouped statement.

A learner counts in the city they belonged to when they enrolled (``Enrolment.city``);
enrolments without a city (staff who enrolled themselves) count in no city and no region.
"In progress": enrolled, at least one lesson done, the module not completed.

The statement groups the enrolments first and sorts only the groups (by the ids of the modules
and places in the order the reader sees them, which the caller has at hand: no name is compared
in the database); the number of groups and the totals come with the page (summed once over
the groups).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection

from hub.models import City, Country
from training.models import Enrolment

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
    enrolment, city, country = (
        Enrolment._meta.db_table,
        City._meta.db_table,
        Country._meta.db_table,
    )
    needs_place = by == BY_REGION or filters.get("region_id") is not None
    joins = (
        f"JOIN {city} c ON c.id = e.city_id JOIN {country} co ON co.id = c.country_id"
        if needs_place
        else ""
    )
    where = ["e.city_id IS NOT NULL"]
    if filters.get("module_ids") is not None:
        where.append("e.module_id = ANY(%(module_ids)s)")
    if filters.get("module_id") is not None:
        where.append("e.module_id = %(module_id)s")
    if filters.get("region_id") is not None:
        where.append("co.region_id = %(region_id)s")
    if filters.get("city_id") is not None:
        where.append("e.city_id = %(city_id)s")
    place = "co.region_id" if by == BY_REGION else "e.city_id"
    # The statement is built from the fixed fragments above; every value is a parameter.
    return f"""
        WITH g AS MATERIALIZED (
            SELECT e.module_id, {place} AS place_id,
                   count(*) AS enrolled,
                   count(*) FILTER (WHERE e.completed_at IS NULL AND e.completed_count > 0)
                       AS in_progress,
                   count(*) FILTER (WHERE e.completed_at IS NOT NULL) AS completed
            FROM {enrolment} e {joins}
            WHERE {" AND ".join(where)}
            GROUP BY 1, 2
        ), t AS (
            SELECT count(*) AS n, sum(enrolled) AS enrolled, sum(in_progress) AS in_progress,
                   sum(completed) AS completed
            FROM g
        )
        SELECT g.module_id, g.place_id, g.enrolled, g.in_progress, g.completed,
               t.n, t.enrolled, t.in_progress, t.completed
        FROM g CROSS JOIN t
        ORDER BY array_position(%(module_order)s::bigint[], g.module_id),
                 array_position(%(place_order)s::bigint[], g.place_id), g.place_id, g.module_id
        {"LIMIT %(limit)s OFFSET %(offset)s" if limited else ""}
    """  # noqa: S608


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
