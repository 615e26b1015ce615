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
