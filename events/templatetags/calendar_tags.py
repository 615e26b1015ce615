"""Tags of the calendar's pages (templates/events/calendar_*.html): the filters' options, the
month grid's weeks and the lists' rows, written here rather than as a template loop or an
include per option, cell or row (a month view has a hundred and fifty options and thirty-five
cells, a list fifty rows). The HTML is the one the templates wrote, escaped as Django
escapes (conditional_escape), numbers localised as {{ }} localises them."""

from __future__ import annotations

import html
import re
from typing import Any

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


# A slug the address writes as it is (no character to quote).
_PLAIN = re.compile(r"^[-a-zA-Z0-9_]+$")
_MARKER = "calendar-slug-0"


def conditional_escape(value: Any) -> str:
    """As django.utils.html.conditional_escape, without its check for lazy arguments (a
    page's values are thousands of calls): safe HTML as it is, anything else escaped."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _event_urls() -> Any:
    """The event page's address of a slug, by one reverse() for all of a page's events."""
    head, _marker, tail = reverse("events:event-detail", args=[_MARKER]).partition(_MARKER)

    def url(slug: str) -> str:
        if _PLAIN.match(slug):
            return f"{head}{slug}{tail}"
        return reverse("events:event-detail", args=[slug])

    return url


@register.simple_tag
def calendar_options(facet: Any) -> SafeString:
    """`{% calendar_options facet %}`: the <option> of each of a facet's values, with its
    number of events."""
    options = []
    for value in facet.values:
        selected = " selected" if value.selected else ""
        options.append(
            f'<option value="{conditional_escape(value.key)}"{selected}>'
            f"{conditional_escape(value.label)} ({conditional_escape(localize(value.count))})"
            "</option>"
        )
    return mark_safe("".join(options))  # noqa: S308 (every value escaped above)


def _day_event(item: Any, continued: str, event_url: Any) -> str:
    row = item.row
    shown = (
        f'<bdi class="month-event__time">{conditional_escape(item.time)}</bdi> '
        if item.time
        else ""
    )
    after = f' <span class="month-event__continues">{continued}</span>' if item.continues else ""
    return (
        f'<li><a href="{conditional_escape(event_url(row.event.slug))}">{shown}'
        f'<span lang="{conditional_escape(row.title.language)}" '
        f'dir="{conditional_escape(row.title.direction)}">'
        f"{conditional_escape(row.title.text)}</span>{after}</a></li>"
    )


@register.simple_tag
def calendar_weeks(grid: Any) -> SafeString:
    """`{% calendar_weeks grid %}`: the rows of the month grid (events.selectors_calendar.
    CalendarMonth.weeks), a cell a day, each day's events as links."""
    continued = conditional_escape(gettext("(continued)"))
    event_url = _event_urls()
    parts: list[str] = []
    add = parts.append
    for week in grid.weeks:
        add("\n          <tr>\n            ")
        for day in week:
            add("\n              ")
            if day.date:
                empty = "" if day.events else " month-day--empty"
                today = " month-day--today" if day.is_today else ""
                current = ' aria-current="date"' if day.is_today else ""
                add(
                    f'\n                <td class="month-day{empty}{today}"{current}>'
                    f'\n                  <span class="month-day__number">'
                    f"{conditional_escape(day.number)}</span>"
                    f'\n                  <span class="month-day__label">'
                    f"{conditional_escape(day.label)}</span>\n                  "
                )
                if day.events:
                    add('\n                    <ul class="month-day__events">')
                    add("\n                      ")
                    for item in day.events:
                        add(f"\n                        {_day_event(item, continued, event_url)}")
                        add("\n                      ")
                    add("\n                    </ul>\n                  ")
                add("\n                </td>\n              ")
            else:
                add('\n                <td class="month-day month-day--outside"></td>')
                add("\n              ")
            add("\n            ")
        add("\n          </tr>\n        ")
    return mark_safe("".join(parts))  # noqa: S308 (every value escaped above)


def _row(row: Any, event_url: Any, kinds: dict[str, str]) -> str:
    event = row.event
    when = row.when
    if when.approximate:
        shown = f"<span>{conditional_escape(when.approximate)}</span>"
    else:
        shown = (
            f"<span>{conditional_escape(when.local)} "
            f'<span class="muted">({conditional_escape(when.zone)})</span></span>'
        )
    place = (
        f'<span class="calendar-event__place"><bdi>{conditional_escape(row.place)}</bdi></span>'
        if row.place
        else ""
    )
    return (
        '\n<li class="calendar-event">\n'
        f'  <h3 class="calendar-event__title"><a href="{conditional_escape(event_url(event.slug))}"'
        f' lang="{conditional_escape(row.title.language)}"'
        f' dir="{conditional_escape(row.title.direction)}">{conditional_escape(row.title.text)}'
        "</a></h3>\n"
        '  <p class="calendar-event__meta">\n'
        f'    <span class="badge">{conditional_escape(kinds.get(event.kind, event.kind))}</span>\n'
        f"    {shown}\n"
        f"    {place}\n"
        "  </p>\n"
        "</li>\n"
    )


@register.simple_tag
def calendar_rows(rows: Any) -> SafeString:
    """`{% calendar_rows rows %}`: an <li> for each event of a list
    (events.selectors_calendar.EventRow): its title, kind, when in its own time zone (or only
    its year, never an invented date) and place."""
    from events.models import Event

    event_url = _event_urls()
    # The kinds' names once (as get_kind_display words them), not a lookup of lazy choices
    # per row.
    kinds = {key: str(label) for key, label in Event.Kind.choices}
    return mark_safe("".join(_row(row, event_url, kinds) for row in rows))  # noqa: S308 (escaped above)
