"""Training's template filters."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from hub.richtext import render_html

if TYPE_CHECKING:
    from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def richtext(value: Any) -> SafeString:
    """Staff's rich text, sanitised again as it is shown (hub.richtext)."""
    return render_html(value)


@register.filter
def percent_of(part: Any, whole: Any) -> int:
    """`part` as a whole percentage of `whole` (0 when there is no whole)."""
    try:
        part, whole = int(part), int(whole)
    except (TypeError, ValueError):
        return 0
    if whole <= 0:
        return 0
    return min(100, round(100 * part / whole))


@register.simple_tag
def report_rows(
    lines: Any, place: str, enrolled: str, in_progress: str, completed: str, rate: str
) -> SafeString:
    """The report table's rows (training/report.html), built here rather than by a loop of the
    template, in a fraction of the time. The other arguments are the columns' names, for the
    phone's cards (data-label)."""
    from django.utils.formats import localize
    from django.utils.html import format_html, format_html_join

    cells = (
        '<tr><td><bdi>{}</bdi></td><td data-label="{}"><bdi>{}</bdi></td>'
        '<td data-label="{}">{}</td><td data-label="{}">{}</td><td data-label="{}">{}</td>'
        '<td data-label="{}">{} %</td></tr>'
    )
    return format_html_join(
        "\n",
        cells,
        (
            (
                line.module.title,
                place,
                line.place.name,
                enrolled,
                localize(line.figures.enrolled),
                in_progress,
                localize(line.figures.in_progress),
                completed,
                localize(line.figures.completed),
                rate,
                localize(line.figures.rate),
            )  # fmt: skip
            for line in lines
        ),
    ) or format_html("")
