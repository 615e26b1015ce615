"""Small template helpers shared by every app (loaded as a builtin)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`{{ mapping|get_item:key }}`: a dictionary lookup with a variable key ("" if absent)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
