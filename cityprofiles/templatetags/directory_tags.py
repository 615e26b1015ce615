"""Tags of the directory's pages (templates/cityprofiles/partials/_directory_results.html).

``directory_entries`` writes the results, one ``<li>`` a city with its matching practices,
in Python rather than as a template loop: a page has twenty cities and up to sixty practices,
and each value a template prints costs its lookups, filters and escaping. The HTML is the one
the template wrote, each value escaped as Django escapes it (conditional_escape, `esc`)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from django import template
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

register = template.Library()


def esc(value: Any) -> str:
    """`value` escaped as Django's conditional_escape escapes it (HTML already safe as it is,
    anything else as text, lazy translations translated), without its wrapper for lazy
    arguments: a page escapes four hundred values here, and that wrapper cost more than the
    escaping."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


@register.simple_tag
def directory_entries(
    entries: Iterable[Mapping[str, Any]],
    heading: str,
    highlights: Mapping[int, Any],
    steering_label: Any,
    network_label: Any,
    evidence_label: Any,
) -> SafeString:
    """`{% directory_entries entries "h3" result.highlights steering_label network_label
    evidence_label %}`: the cities of `entries` (cityprofiles.search.page.directory_entry), each
    under a heading `heading` (h3, or h4 under a region's h3), as `<li>`s; a city without
    matching practices shows its words' snippet (`highlights`, by profile key), else its
    overview. The labels every result repeats come translated (and escaped) once a page."""
    tag = esc(heading)
    steering = f'<span class="badge">{esc(steering_label)}</span>'
    network = f" · {esc(network_label)}"
    hidden = f'<span class="visually-hidden">{esc(evidence_label)}</span>'
    out: list[str] = []
    for entry in entries:
        out.append(
            f'\n<li class="result directory-result" id="city-{esc(entry["slug"])}">\n'
            '  <div class="result__body">\n'
            f'    <{tag} class="result__title"><a href="{esc(entry["url"])}">'
            f"<bdi>{esc(entry['name'])}</bdi></a>\n"
            f"      {steering if entry['steering'] else ''}</{tag}>\n"
            f'    <p class="result__meta"><bdi>{esc(entry["country"])}</bdi> · '
            f"<bdi>{esc(entry['region'])}</bdi>"
            f"{' · ' + esc(entry['practices']) if entry['practices'] else ''}"
            f"{network if entry['network'] else ''}</p>\n    "
        )
        if entry["why"]:
            why_id = esc(entry["why_id"])
            out.append(
                f'\n      <p class="why__title" id="{why_id}">{esc(entry["matching"])}</p>\n'
                f'      <ul class="why" aria-labelledby="{why_id}">\n        '
            )
            for practice in entry["why"]:
                language = esc(practice["language"])
                snippet = (
                    f'<p class="why__snippet" lang="{language}" dir="auto">'
                    f"{esc(practice['snippet'])}</p>"
                    if practice["snippet"]
                    else ""
                )
                out.append(
                    '\n          <li class="why__practice">\n'
                    f'            <span class="why__name" lang="{language}" dir="auto">'
                    f"{esc(practice['title'])}</span>\n"
                    '            <span class="badge badge--evidence '
                    f'badge--{esc(practice["evidence"])}">{hidden} '
                    f"{esc(practice['evidence_label'])}</span>\n"
                    f"            {snippet}\n"
                    "          </li>\n        "
                )
            out.append("\n      </ul>\n    ")
        else:
            highlight = highlights.get(entry["pk"], "")
            overview = entry["overview"]
            if highlight:
                shown = f'<p class="result__snippet" dir="auto">{esc(highlight)}</p>\n        '
            elif overview:
                shown = (
                    f'<p class="result__snippet" lang="{esc(overview.language)}" '
                    f'dir="{esc(overview.direction)}">{esc(overview.text)}</p>'
                )
            else:
                shown = ""
            out.append(f"\n      \n        {shown}\n      \n    ")
        out.append("\n  </div>\n</li>")
    out.append("\n")
    # Every value above is escaped (esc, as conditional_escape), the labels already were.
    return mark_safe("".join(out))  # noqa: S308
