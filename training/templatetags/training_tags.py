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
    phone's cards (data-label).

    Each module's title, each place's name, each column's name and each number is escaped
    (and localised) once, however many rows show it."""
    from django.utils.formats import localize
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    place, enrolled, in_progress, completed, rate = (
        conditional_escape(label) for label in (place, enrolled, in_progress, completed, rate)
    )
    # The pieces of a row between its values (a label is put in once, never read as a format).
    after_title = f'</bdi></td><td data-label="{place}"><bdi>'
    after_name = f'</bdi></td><td data-label="{enrolled}">'
    after_enrolled = f'</td><td data-label="{in_progress}">'
    after_in_progress = f'</td><td data-label="{completed}">'
    after_completed = f'</td><td data-label="{rate}">'
    titles: dict[int, str] = {}
    names: dict[int, str] = {}
    numbers: dict[int, str] = {}

    def number(value: int) -> str:
        text = numbers.get(value)
        if text is None:
            text = numbers[value] = conditional_escape(localize(value))
        return text

    rows = []
    for line in lines:
        title = titles.get(line.module.pk)
        if title is None:
            title = titles[line.module.pk] = conditional_escape(line.module.title)
        name = names.get(line.place.pk)
        if name is None:
            name = names[line.place.pk] = conditional_escape(line.place.name)
        figures = line.figures
        rows.append(
            "<tr><td><bdi>"
            + title
            + after_title
            + name
            + after_name
            + number(figures.enrolled)
            + after_enrolled
            + number(figures.in_progress)
            + after_in_progress
            + number(figures.completed)
            + after_completed
            + number(figures.rate)
            + " %</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308  (every value escaped above)
