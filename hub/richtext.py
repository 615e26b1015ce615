"""Rich text written by staff (a training reading, a toolkit note): sanitised with nh3 to the
few elements a text needs, when it is saved and again when it is shown."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"


def sanitize_html(html: str | None) -> str:
    """`html` with only ALLOWED_TAGS (links keep their address, with rel=LINK_REL and only
    http(s) and mailto addresses); every script, style, event handler and other tag is removed
    (the content of <script> and <style> too)."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_html(html: str | None) -> SafeString:
    """Sanitised `html`, safe to put in a template."""
    return mark_safe(sanitize_html(html))  # noqa: S308  (sanitised just above)
