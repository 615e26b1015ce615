"""The completion report as a person may see it: staff every city and region, a city's focal
point their own city's figures; anyone else has no report (404)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.http import Http404

from hub.models import City, Region
from training import reports
from training.models import Module
from training.permissions import can_manage_training, can_see_city_report

if TYPE_CHECKING:
    from django.db.models import Model

    from hub.models import User


@dataclass(frozen=True)
class Line:
    module: Module
    place: Model  # a City or a Region
    figures: reports.Figures


@dataclass(frozen=True)
class Report:
    by: str
    city: City | None  # the one city a focal point's report is about; None for staff
    lines: list[Line]  # those of the page asked for (every line when no page is asked for)
    total: reports.Figures
    page: Page[Any] | None = None


def report_scope(user: User) -> City | None:
    """None when `user` sees every city; their city when they see only its figures.

    Raises Http404 for anyone who has no report (members: their progress is on their own
    pages)."""
    if can_manage_training(user):
        return None
    if user.city_id is not None and can_see_city_report(user, user.city):  # type: ignore[arg-type]
        return user.city
    raise Http404


def report_modules(user: User) -> list[Module]:
    """The modules a report can be about: what the person may see, in the programme's order."""
    return list(Module.objects.visible_to(user).order_by("position", "slug"))


def report_get(
    *,
    user: User,
    modules: list[Module],
    by: str = reports.BY_CITY,
    module: Module | None = None,
    region: Region | None = None,
    page: str | int | None = None,
    per_page: int = 150,
) -> Report:
    """The figures `user` may see, per module and city (or region), ordered by module and then
    by name in the reader's alphabet; one page of them when `page` is given (else all).

    Two queries (the places, then the figures with their number and totals), after
    `report_scope` and `report_modules`. A focal point's report is about their city only,
    whatever the filters say.
    """
    city = report_scope(user)
    if city is not None:
        by, region = reports.BY_CITY, None
    filters: dict[str, Any] = {
        # Staff see every module: no need to list them.
        "module_ids": None if city is None else [m.pk for m in modules],
        "module_id": module.pk if module else None,
        "region_id": region.pk if region else None,
        "city_id": city.pk if city else None,
    }
    model = City if by == reports.BY_CITY else Region
    if city is not None:
        places: dict[int, Any] = {city.pk: city}
    else:
        # Every place, in the reader's alphabet (123 cities at most): the groups' order.
        places = {p.pk: p for p in model.objects.in_name_order()}
    order: dict[str, Any] = {
        "module_order": [m.pk for m in modules],
        "place_order": list(places),
    }
    number = _page_number(page)
    groups = reports.completion_groups(
        by=by,
        limit=per_page if page is not None else None,
        offset=(number - 1) * per_page,
        **order,
        **filters,
    )
    if page is not None and not groups.rows and number > 1:
        # Past the last page (an old link): the first one.
        number = 1
        groups = reports.completion_groups(by=by, limit=per_page, **order, **filters)
    known = {m.pk: m for m in modules}
    lines = [
        Line(module=known[r.module_id], place=places[r.place_id], figures=r.figures)
        for r in groups.rows
        if r.module_id in known
    ]
    shown: Page[Any] | None = None
    if page is not None:
        paginator: Paginator[Any] = Paginator(range(groups.count), per_page)
        shown = Page(lines, number, paginator)
    return Report(by=by, city=city, lines=lines, total=groups.total, page=shown)


def _page_number(page: str | int | None) -> int:
    try:
        return max(1, int(page or 1))
    except (TypeError, ValueError):
        return 1
