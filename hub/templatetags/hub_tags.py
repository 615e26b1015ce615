"""Small template helpers shared by every app (loaded as a builtin)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from hub.listformat import format_list

if TYPE_CHECKING:
    from django.forms import BoundField

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`{{ mapping|get_item:key }}`: a dictionary lookup with a variable key ("" if absent)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter(needs_autoescape=True)
def join_list(items: Any, style: str = "", autoescape: bool = True) -> str | SafeString:
    """`{{ names|join_list }}`: "Tunis, Paris" / "Tunis، Paris" in the active language;
    `{{ names|join_list:"and" }}`: "Tunis, Paris and Rabat", "Tunis, Paris et Rabat",
    "Tunis وParis وRabat".

    In HTML each item is isolated in <bdi>, so a name written in the other direction keeps
    its place and its punctuation (an English name in an Arabic list, and the reverse).
    """
    if items is None or items == "":
        return ""
    values = [str(item) for item in items]
    if not autoescape:
        return format_list(values, style=style or "comma")
    isolated = [format_html("<bdi>{}</bdi>", conditional_escape(value)) for value in values]
    # The separators are the language's own punctuation and words, never user input.
    return mark_safe(format_list(isolated, style=style or "comma"))  # noqa: S308


_SECONDARY_TAGS = {"outline", "secondary", "minor", "tool", "cancel"}
_PRIMARY_TAGS = {"primary", "prominent", "panel"}


@register.filter
def button_kind(attrs: dict[str, Any]) -> str:
    """The hub's button class for an allauth `{% element button %}` (its `tags` and `type`):
    a form's submit button and the prominent actions are "primary"; outlines, cancels and
    secondary actions "secondary"; "link" buttons "link-button"; "danger" stays "danger"."""
    tags = set(attrs.get("tags") or [])
    if "danger" in tags:
        return "danger"
    if "link" in tags:
        return "link-button"
    if tags & _SECONDARY_TAGS:
        return "secondary"
    if tags & _PRIMARY_TAGS or attrs.get("type") == "submit":
        return "primary"
    return "secondary"


@register.filter(is_safe=True)
def bdi(value: Any) -> SafeString:
    """`{{ name|bdi }}`: the value escaped and isolated in <bdi>, so text of the other
    direction keeps its place; usable inside {% blocktranslate with name=x|bdi %} without
    changing the message."""
    if value is None or value == "":
        return mark_safe("")  # noqa: S308
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def list_separator() -> str:
    """`{% list_separator %}`: the comma between the items of a list the template loops over
    itself (links, say), in the active language (Arabic "، "); `join_list` when it need not."""
    return format_list(["", ""], style="comma")


@register.filter
def asks_required(field: BoundField) -> bool:
    """`{% if field|asks_required %}`: whether a form field's input is marked required, so the
    page marks its label too: a required field someone must fill in, not a list that always has
    a choice made (Django leaves `required` off those)."""
    return bool(field.build_widget_attrs({}).get("required"))


@register.simple_tag
def translated(obj: Any, field: str) -> Any:
    """`{% translated practice "summary" as summary %}`: hub.translated.in_reader_language."""
    from hub.translated import in_reader_language

    return in_reader_language(obj, field)


FACET_SHOWN = 8  # values of a facet listed before its "More" disclosure


@register.simple_tag
def facet_values(
    facet: Any, values: Any, estimates: bool = False, more: bool = False
) -> SafeString:
    """`{% facet_values facet values result.facets_are_estimates %}`: the checkboxes of a search
    facet's values (hub/partials/_search_facets.html), one <li> each: the first FACET_SHOWN and
    the chosen ones, or with `more=True` the others. Written here rather than as a template
    included per value: a results page has a hundred values or more."""
    from html import escape

    from django.conf import settings
    from django.utils.formats import localize
    from django.utils.text import capfirst
    from django.utils.translation import gettext

    about = gettext("about %(count)s") if estimates else ""
    name = escape(str(facet.name))
    # An integer is localised only to group its digits: without grouping, as written.
    grouped = settings.USE_THOUSAND_SEPARATOR
    items = []
    for position, value in enumerate(values, start=1):
        if (position <= FACET_SHOWN or value.selected) == more:
            continue
        count = localize(value.count) if grouped or type(value.count) is not int else value.count
        element = f"f-{name}-{_element_key(value.key)}"
        checked = " checked" if value.selected else ""
        label = escape(str(capfirst(value.label)))
        shown = escape(about % {"count": count} if about else str(count))
        items.append(
            f'<li><input type="checkbox" id="{element}" name="{name}" '
            f'value="{escape(str(value.key))}"{checked}><label for="{element}"><bdi>{label}</bdi> '
            f'<span class="count">({shown})</span></label></li>'
        )
    # Every value above is escaped (html.escape, as Django's own escaping); a hundred
    # format_html calls would cost a millisecond a page.
    return mark_safe("".join(items))  # noqa: S308


@lru_cache(maxsize=4096)
def _element_key(key: str) -> str:
    """The part of a facet value's element id its key gives (slugified, escaped): the same
    keys come back at every search."""
    from html import escape

    from django.utils.text import slugify

    return escape(slugify(key))
