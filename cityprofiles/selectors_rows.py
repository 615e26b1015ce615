"""The rows of the city page: what it shows of each challenge, practice, network sector and city
exchange (read by cityprofiles.selectors.city_page), and the labels of their choices in the
reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language, get_language_info, gettext

from cityprofiles.models import (
    Challenge,
    CityExchange,
    Practice,
    Provenance,
    TargetGroup,
)
from hub.listformat import format_list
from hub.models.accounts import Role
from hub.translated import Shown, in_reader_language

if TYPE_CHECKING:
    from django.db.models import Choices

    from hub.models import City, Theme, User
    from library.models import Document


@dataclass(frozen=True)
class SectorCount:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class ChallengeRow:
    challenge: Challenge
    themes: list[Theme]


@dataclass(frozen=True)
class PracticeRow:
    """A practice as its city's page shows it: its themes, its evaluation document if the
    reader may see it, and the person to ask (an active member of the city) or None."""

    practice: Practice
    themes: list[Theme]
    evaluation: Document | None
    contact: User | None

    # What the page shows of it, in the reader's language, worked out once here rather than
    # by the template for each of the city's practices (a city has 30 and more).

    @cached_property
    def title(self) -> Shown:
        return in_reader_language(self.practice, "title")

    @cached_property
    def summary(self) -> Shown:
        return in_reader_language(self.practice, "summary")

    @cached_property
    def partners(self) -> Shown:
        return in_reader_language(self.practice, "partners")

    @cached_property
    def results(self) -> Shown:
        return in_reader_language(self.practice, "results")

    # The "In French — not yet translated." of each text shown from another language ("" for
    # one in the reader's), as hub/partials/_translated.html words it: the page writes these
    # texts itself rather than including that partial four times a practice.

    @cached_property
    def title_note(self) -> str:
        return fallback_note(self.title)

    @cached_property
    def summary_note(self) -> str:
        return fallback_note(self.summary)

    @cached_property
    def partners_note(self) -> str:
        return fallback_note(self.partners)

    @cached_property
    def results_note(self) -> str:
        return fallback_note(self.results)

    @cached_property
    def period(self) -> str:
        """When it ran, as the page words it ("Running since 2017"), else its status."""
        p, status = self.practice, Practice.Status
        if p.status == status.RUNNING and p.start_year:
            return gettext("Running since %(year)s") % {"year": p.start_year}
        if p.status == status.ENDED and p.start_year and p.end_year:
            return gettext("Ran from %(start)s to %(end)s") % {
                "start": p.start_year,
                "end": p.end_year,
            }
        if p.status == status.ENDED and p.end_year:
            return gettext("Ended in %(year)s") % {"year": p.end_year}
        if p.status == status.PLANNED and p.start_year:
            return gettext("Planned to start in %(year)s") % {"year": p.start_year}
        return _label(Practice.Status, p.status)

    @cached_property
    def kind(self) -> str:
        return _label(Practice.Kind, self.practice.kind)

    @cached_property
    def evidence(self) -> str:
        return _label(Practice.Evidence, self.practice.evidence_level)

    @cached_property
    def provenance(self) -> str:
        """Where the content came from, when not from the city itself ("" when it did)."""
        p = self.practice
        return "" if p.provenance == Provenance.CITY else _label(Provenance, p.provenance)

    @cached_property
    def target_groups(self) -> str:
        """The target groups, in a list of the reader's language ("" for none)."""
        names = [_label(TargetGroup, code, "") for code in self.practice.target_groups or []]
        return format_list(["", ""], style="comma").join(names)

    @cached_property
    def contact_roles(self) -> list[str]:
        """The roles of the person to ask, as User.role_labels names them."""
        if self.contact is None:
            return []
        return [label for r in self.contact.roles if (label := _label(Role, r, ""))]


def fallback_note(shown: Shown) -> str:
    """What hub/partials/_translated.html says under a text shown from another language than
    the reader's ("In French — not yet translated."), or "" when it is in theirs."""
    if not shown.is_fallback:
        return ""
    language = str(get_language_info(shown.language)["name_translated"])
    return gettext("In %(language)s — not yet translated.") % {"language": language}


def _label(choices: type[Choices], value: Any, unknown: str | None = None) -> str:
    """The label of `value` among `choices` in the active language, as get_FOO_display gives
    it (the value itself, or `unknown`, when it is none of them), translating only that one:
    get_FOO_display translates every choice of the field at each call."""
    found = _choice_label(choices, value, get_language())
    if found is None:
        return str(value) if unknown is None else unknown
    return found


@lru_cache(maxsize=2048)
def _choice_label(choices: type[Choices], value: Any, language: str | None) -> str | None:
    """The label of `value` among `choices` in `language` (the active one), or None: once a
    process, not once a practice (a city page asks for a few hundred, of a few dozen)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return None


@dataclass(frozen=True)
class ExchangeRow:
    """A city exchange seen from one of its two cities: the other city, and which way it went."""

    exchange: CityExchange
    other: City
    hosted: bool

    @property
    def month(self) -> date | None:
        """The first day of its month, when the month is known (shown as "March 2019")."""
        ex = self.exchange
        if ex.year and ex.month and 1 <= ex.month <= 12:
            return date(ex.year, ex.month, 1)
        return None
