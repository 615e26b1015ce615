"""The calendar: the list of upcoming events (the events' landing page), of past events, and a
month grid; thin views over events.selectors_calendar. Everything is links and one GET form,
so it works without JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone
from django.views import View

from events import selectors_calendar as selectors
from events.calendar_cache import list_cache_key, month_cache_key
from hub.generations import kept_fragments
from hub.http import authenticated_user

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

# Longer than any filter's value can be: a query string past this is not a person's choice.
MAX_QUERY_LENGTH = 1000


def _filters(request: HttpRequest) -> tuple[selectors.CalendarFilters, list[Any]]:
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        filters, errors = selectors.CalendarFilters(), [selectors.too_long()]
        return filters, errors
    filters, errors = selectors.calendar_filters_from(request.GET)
    filters, unknown = selectors.calendar_filter_labels(filters)
    return filters, [*errors, *unknown]


def _chips(filters: selectors.CalendarFilters, facets: list[selectors.Facet]) -> list[Any]:
    """The chosen filters, each with the link that removes it."""
    return [
        {
            "title": facet.title,
            "label": facet.chosen_label,
            "remove": filters.query(**{facet.name: ""}),
        }
        for facet in facets
        if getattr(filters, facet.name) and facet.chosen_label
    ]


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], errors: list[Any]
) -> HttpResponse:
    # A filter that was left out is said on the page, which still shows the calendar.
    return render(request, template, {**context, "errors": errors}, status=400 if errors else 200)


# The list page's parts that show its events, rendered once for all readers who see the same
# events (events.calendar_cache).
LIST_FRAGMENTS = {
    "filters": "events/partials/_calendar_filters.html",
    "results": "events/partials/_calendar_results.html",
}


def _page_number(request: HttpRequest) -> int:
    """The page asked for; 1 for what is not a page number (as the paginator reads it)."""
    asked = request.GET.get("page") or "1"
    return int(asked) if asked.isdigit() and len(asked) <= 6 and int(asked) > 0 else 1


class CalendarListView(View):
    past = False

    def get(self, request: HttpRequest) -> HttpResponse:
        user = authenticated_user(request)
        filters, errors = _filters(request)
        page = _page_number(request)
        today = timezone.localdate()
        context: dict[str, Any] = {
            "filters": filters,
            "query": filters.query(),
            "this_month": today,
            "tab": "past" if self.past else "upcoming",
            "form_action": request.path,
        }

        def render_fragments() -> dict[str, str]:
            listing = selectors.calendar_list(user=user, filters=filters, past=self.past, page=page)
            context.update(
                listing=listing, facets=listing.facets, chips=_chips(filters, listing.facets)
            )
            return {
                name: get_template(template).render(context)
                for name, template in LIST_FRAGMENTS.items()
            }

        key = list_cache_key(
            user=user, past=self.past, page=page, filters=filters, path=request.path
        )
        seconds = settings.HUB_EVENTS_CALENDAR_CACHE_SECONDS
        context["fragments"] = kept_fragments(key, seconds, render_fragments)
        return _render(request, "events/calendar_list.html", context, errors)


# The month page's parts that show its events, rendered once for all readers who see the same
# events (events.calendar_cache).
MONTH_FRAGMENTS = {
    "filters": "events/partials/_calendar_filters.html",
    "grid": "events/partials/_month_grid.html",
}


class CalendarMonthView(View):
    def get(self, request: HttpRequest, year: int, month: int) -> HttpResponse:
        user = authenticated_user(request)
        selectors.month_check(year, month)
        filters, errors = _filters(request)
        previous, following = selectors.month_neighbours(year, month)
        context: dict[str, Any] = {
            "month_title": selectors.month_title(year, month),
            "previous": previous,
            "next": following,
            "filters": filters,
            "query": filters.query(),
            "this_month": timezone.localdate(),
            "has_previous": previous.year >= selectors.FIRST_YEAR,
            "has_next": following.year <= selectors.LAST_YEAR,
            "tab": "month",
            "form_action": request.path,
        }

        def render_fragments() -> dict[str, str]:
            grid = selectors.calendar_month(user=user, year=year, month=month, filters=filters)
            context.update(grid=grid, facets=grid.facets, chips=_chips(filters, grid.facets))
            return {
                name: get_template(template).render(context)
                for name, template in MONTH_FRAGMENTS.items()
            }

        key = month_cache_key(user=user, year=year, month=month, filters=filters, path=request.path)
        seconds = settings.HUB_EVENTS_CALENDAR_CACHE_SECONDS
        context["fragments"] = kept_fragments(key, seconds, render_fragments)
        return _render(request, "events/calendar_month.html", context, errors)
