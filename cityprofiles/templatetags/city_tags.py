"""Tags of the city page (templates/cityprofiles/partials/_city_practices.html).

``city_practices`` writes the city's practices, one ``<article>`` each, in Python rather than
as a template loop: a city has thirty practices and more, each with a dozen values, and each
value a template prints costs its lookups, filters and escaping (on a first visit, before the
page keeps the section, the loop took a fifth of the page's time). The HTML is the one the
template wrote, each value escaped as Django escapes it (conditional_escape), each text's line
breaks as ``linebreaksbr`` writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from cityprofiles.selectors_rows import PracticeRow
    from hub.translated import Shown

register = template.Library()


def _note(note: str) -> str:
    return f'<p class="muted translation-note">{esc(note)}</p>' if note else ""


def _text(shown: Shown) -> str:
    """A text's lang and dir attributes and its escaped lines (`linebreaksbr`)."""
    return (
        f'lang="{esc(shown.language)}" dir="{esc(shown.direction)}">'
        f"{linebreaksbr(shown.text, autoescape=True)}"
    )


def _practice(row: PracticeRow, labels: Mapping[str, str], ask_url: str) -> str:
    practice, title = row.practice, row.title
    key = esc(str(practice.key))
    out = [
        f'\n<article class="card city-practice" id="practice-{key}">\n'
        f'  <h3><span lang="{esc(title.language)}" dir="{esc(title.direction)}">'
        f"{esc(title.text)}</span></h3>{_note(row.title_note)}\n"
        f'  <p class="city-practice__meta">{esc(row.kind)} · {esc(row.period)}'
    ]
    if row.provenance:
        out.append(f' <span class="badge badge--provenance">{esc(row.provenance)}</span>')
    out.append("</p>\n")
    summary = row.summary
    if summary:
        out.append(f"  <p {_text(summary)}</p>{_note(row.summary_note)}\n")
    out.append('  <dl class="details">\n')
    if row.themes:
        badges = "".join(
            f'<span class="badge"><bdi>{esc(theme.name)}</bdi></span> ' for theme in row.themes
        )
        out.append(f"    <dt>{labels['themes']}</dt><dd>{badges}</dd>\n")
    if row.target_groups:
        out.append(f"    <dt>{labels['target_groups']}</dt><dd>{esc(row.target_groups)}</dd>\n")
    partners = row.partners
    if partners:
        out.append(
            f"    <dt>{labels['partners']}</dt><dd><span {_text(partners)}</span>"
            f"{_note(row.partners_note)}</dd>\n"
        )
    results = row.results
    if results:
        out.append(
            f"    <dt>{labels['results']}</dt><dd><p {_text(results)}</p>"
            f"{_note(row.results_note)}</dd>\n"
        )
    out.append(
        f"    <dt>{labels['evidence']}</dt><dd>"
        f'<span class="evidence evidence--{esc(practice.evidence_level)}">{esc(row.evidence)}'
        "</span>"
    )
    if row.evaluation is not None:
        out.append(
            f' — <a href="{esc(row.evaluation.get_absolute_url())}" dir="auto">'
            f"{esc(row.evaluation.title)}</a>"
        )
    out.append("</dd>\n")
    if row.contact is not None:
        roles = "".join(f' <span class="badge">{esc(role)}</span>' for role in row.contact_roles)
        out.append(
            f"    <dt>{labels['contact']}</dt><dd><bdi>{esc(row.contact.name)}</bdi>{roles}</dd>\n"
        )
    out.append("  </dl>\n")
    if ask_url:
        out.append(
            f'  <p><a href="{esc(ask_url)}{key}">{labels["ask"]}'
            f'<span class="visually-hidden"> — <bdi>{esc(title.text)}</bdi></span></a></p>\n'
        )
    out.append("</article>")
    return "".join(out)


@register.simple_tag
def city_practices(
    rows: Iterable[PracticeRow], may_ask: bool, ask_practice_url: str, **labels: Any
) -> SafeString:
    """`{% city_practices page.practices ask_practices ask_practice_url themes=…
    target_groups=… partners=… results=… evidence=… contact=… ask=… %}`: the practices of
    `rows` (cityprofiles.selectors_rows.PracticeRow) as `<article>`s, each with its link to ask
    about it when the reader `may_ask` (`ask_practice_url` followed by the practice's key).
    The labels every practice repeats come translated once a page (and are escaped here)."""
    escaped = {name: esc(label) for name, label in labels.items()}
    ask_url = ask_practice_url if may_ask else ""
    html = "".join(_practice(row, escaped, ask_url) for row in rows)
    # Every value above is escaped (conditional_escape, linebreaksbr), the labels too.
    return mark_safe(html + "\n")  # noqa: S308
