"""Reads of city profiles: access scoping, filters and prefetching in one place.

The profile rows hold the published version (cityprofiles.models); every read here goes through
the querysets' ``visible_to``, and what comes from the library through the library's selectors
(access-checked: a document the reader may not see is left out as if it did not exist).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import router
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404

from cityprofiles import similar
from cityprofiles.models import (
    Challenge,
    CityExchange,
    CityProfile,
    CitySearch,
    PartnerCity,
    Practice,
    PreventionNetwork,
    Sector,
)
from hub.city_facts import ShownFact, city_facts
from hub.compiled import CompiledLookup
from hub.generations import TAXONOMY_GENERATION, cache_usable, generation_expression
from hub.models import City, User
from hub.object_panels import CITY_PAGE, ShownObjectPanel, object_panels, presence_annotations
from hub.ordering import in_reader_order, sorted_by_name
from hub.translated import LANGUAGE_CODES as LANGS
from hub.translated import languages_present

from .selectors_content import content_rows
from .selectors_rows import (
    ChallengeRow,
    ExchangeRow,
    PracticeRow,
    SectorCount,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from cityprofiles.similar import SimilarCity
    from library.models import Document

# How many of the city's library documents its page lists, the most recently published (the
# library's list filtered by the city has them all).
CITY_DOCUMENTS_SHOWN = 10
# The longest slug a city has (hub.City.slug): anything longer is no city, unasked.
MAX_SLUG_LENGTH = 120

PROFILE_TEXT_FIELDS = ("overview", "approach", "contact_note")


@dataclass
class CityPage:
    """Everything about one city that its reader may see (the city page).

    Its challenges and practices, the library's documents about it and the cities most like
    it are read when first asked for (`challenges`, `practices`, `documents`, `similar`):
    sections the page kept rendered (cityprofiles.views.city) do not read them at all.
    """

    city: City
    profile: CityProfile
    network: PreventionNetwork | None
    network_sectors: list[SectorCount]
    network_documents: list[Document]
    local_action_plan: Document | None
    exchanges: list[ExchangeRow]
    members: list[User]
    partner_cities: list[PartnerCity]
    # The generation "cities like this one" are cached under when the city was read
    # (cityprofiles.similar: bumped by any write that changes what they compare, or to the
    # taxonomy). None when unknown.
    similar_generation: int | None = None
    # The library's generation when the city was read (library.selectors: bumped by any write
    # to what its documents about the city show): what they are kept under. None when unknown.
    library_generation: int | None = None
    # The version of the city's search row and the taxonomy's generation when the city was
    # read (city_get_for_user): what its challenges and practices are kept under. None when
    # unknown.
    sections_version: str | None = None
    taxonomy_generation: int | None = None
    # The practices' evaluation documents the reader may see, by id.
    evaluations: dict[int, Document] = field(default_factory=dict)
    # What other apps count about the city (hub.city_facts): training completions, events.
    facts: list[ShownFact] = field(default_factory=list)
    # What other apps list about it (hub.object_panels): the events it hosted and took part in.
    panels: list[ShownObjectPanel] = field(default_factory=list)
    # The language versions of the profile's text: every text of it in `languages`, some in
    # `partial_languages` (the others are shown from another language, marked as such).
    languages: list[str] = field(default_factory=list)
    partial_languages: list[str] = field(default_factory=list)
    # Whether the profile has challenges, practices (from the city's query).
    has_challenges: bool = True
    has_practices: bool = True
    # Reads the challenges and the practices: two lists of rows (city_page).
    load_rows: Callable[[], tuple[list[ChallengeRow], list[PracticeRow]]] | None = field(
        default=None, repr=False
    )
    # Reads the library's documents about the city the reader may see, the most recently
    # published first, and whether it has more (city_page), kept under the reader's visibility
    # rule when it is given (the page's `library_visibility`).
    load_documents: Callable[[tuple[str, list[Any]] | None], tuple[list[Document], bool]] | None = (
        field(default=None, repr=False)
    )
    # Reads the reader's visibility rule of the library (what the documents are kept under).
    load_visibility: Callable[[], tuple[str, list[Any]]] | None = field(default=None, repr=False)
    # Reads the cities most like this one (cityprofiles.similar, under `generation`).
    load_similar: Callable[[], list[SimilarCity]] | None = field(default=None, repr=False)

    @cached_property
    def similar(self) -> list[SimilarCity]:
        return self.load_similar() if self.load_similar else []

    @cached_property
    def _rows(self) -> tuple[list[ChallengeRow], list[PracticeRow]]:
        return self.load_rows() if self.load_rows else ([], [])

    @cached_property
    def library_visibility(self) -> tuple[str, list[Any]] | None:
        """The reader's visibility rule of the library, as the documents are kept under it
        (library.selectors.document_about_city_visibility; one query, asked once a page)."""
        return self.load_visibility() if self.load_visibility else None

    @cached_property
    def _documents(self) -> tuple[list[Document], bool]:
        if self.load_documents is None:
            return [], False
        # Kept only outside a larger transaction, which may yet roll back (as the rows).
        keep = (
            self.library_generation is not None
            and settings.HUB_CITY_PAGE_CACHE_SECONDS > 0
            and cache_usable(router.db_for_read(CityProfile))
        )
        return self.load_documents(self.library_visibility if keep else None)

    @property
    def documents(self) -> list[Document]:
        return self._documents[0]

    @property
    def more_documents(self) -> bool:
        """The library has more about the city than the page lists."""
        return self._documents[1]

    @property
    def challenges(self) -> list[ChallengeRow]:
        return self._rows[0]

    @property
    def practices(self) -> list[PracticeRow]:
        return self._rows[1]

    @property
    def is_empty(self) -> bool:
        """The city has not written its profile yet: no text, no challenge, no practice."""
        profile = self.profile
        has_text = any(
            getattr(profile, f"{name}_{code}", "")
            for name in ("overview", "approach")
            for code in LANGS
        )
        return not (has_text or self.has_challenges or self.has_practices)


def _evaluation_ids() -> ArraySubquery:
    # Every practice is seen by every reader of profiles (PracticeQuerySet.visible_to).
    return ArraySubquery(
        Practice.objects.filter(profile__city_id=OuterRef("pk"), evaluation__isnull=False)
        .order_by("evaluation_id")
        .values("evaluation_id")
    )


def _network_document_ids() -> ArraySubquery:
    through = PreventionNetwork.documents.through
    return ArraySubquery(
        through.objects.filter(preventionnetwork_id=OuterRef("profile__network__id"))
        .order_by("document_id")
        .values("document_id")
    )


@lru_cache(maxsize=1)
def _city_with_page_facts() -> QuerySet[City]:
    """The cities with what their page asks of the city's query, built once a process: the same
    for every reader and city (nothing of the request in it), and building it (a dozen
    subqueries) costs more than running it. Never evaluated itself: each read filters a clone."""
    from library.selectors import document_generation_expression

    return City.objects.select_related("country__region", "profile", "profile__network").annotate(
        network_document_ids=_network_document_ids(),
        evaluation_ids=_evaluation_ids(),
        has_challenges=Exists(Challenge.objects.filter(profile__city_id=OuterRef("pk"))),
        has_practices=Exists(Practice.objects.filter(profile__city_id=OuterRef("pk"))),
        similar_generation=similar.generation_expression(),
        library_generation=document_generation_expression(),
        # What the challenges and practices are kept under (cityprofiles.views.city): the
        # version of the city's own search row, which the triggers write again with any write
        # to its profile, challenges, practices, their themes and network (its xmin: the
        # writing transaction), and the taxonomy's generation (the themes' names).
        sections_version=Subquery(
            CitySearch.objects.filter(profile_id=OuterRef("profile__id")).values(
                version=RawSQL("xmin::text", ())
            )
        ),
        taxonomy_generation=generation_expression(TAXONOMY_GENERATION),
        # Most cities have neither: their page then asks for none.
        has_exchanges=Exists(
            CityExchange.objects.filter(Q(host=OuterRef("pk")) | Q(visitor=OuterRef("pk")))
        ),
        has_partner_cities=Exists(PartnerCity.objects.filter(country_id=OuterRef("country_id"))),
        # Whether the panels of other apps have anything about the city (none: not asked).
        **presence_annotations(CITY_PAGE),
    )


# The city's query, compiled once a process (hub.compiled): building it costs as much as
# running it.
_CITY_BY_SLUG: CompiledLookup[City] = CompiledLookup(_city_with_page_facts, "slug")


def city_get_for_user(*, user: User | AnonymousUser, slug: Any) -> City:
    """The member city of `slug` with its country, region, published profile and network (and
    the ids of the network's documents, `network_document_ids`, and of the practices'
    evaluations, `evaluation_ids`, whether it has challenges and practices, `has_challenges`
    and `has_practices`, the generation "cities like
    this one" are cached under, `similar_generation`, the library's, `library_generation`,
    whether it has exchanges and partner cities, `has_exchanges` and `has_partner_cities`, and
    whether other apps' panels have anything about it: hub.object_panels.presence_annotations),
    if `user` may read profiles. Http404 for
    anything that is not a member city's slug. One query."""
    if not isinstance(slug, str) or not slug or len(slug) > MAX_SLUG_LENGTH:
        raise Http404
    # Profiles are seen whole or not at all (CityProfileQuerySet.visible_to): asked once, and
    # not as a subquery of the city's.
    if CityProfile.objects.visible_to(user).query.is_empty():
        raise Http404
    city = _CITY_BY_SLUG.first(slug)
    if city is None:
        raise Http404
    if not hasattr(city, "profile"):  # the database gives every city one; never assumed
        raise Http404
    return city


def _sector_counts(network: PreventionNetwork | None) -> list[SectorCount]:
    if network is None:
        return []
    labels = dict(Sector.choices)
    counts = []
    for code, count in (network.members_by_sector or {}).items():
        if code in labels and isinstance(count, int) and count > 0:
            counts.append(SectorCount(code, str(labels[code]), count))
    return sorted_by_name(counts, key=lambda sector: sector.label)


def _languages_of(profile: CityProfile) -> tuple[list[str], list[str]]:
    """The hub's languages the profile's text is wholly written in, and those it is partly
    written in (none of either for a profile with no text)."""
    some = [
        code
        for code in LANGS
        if any(getattr(profile, f"{name}_{code}", "") for name in PROFILE_TEXT_FIELDS)
    ]
    if not some:
        return [], []
    complete = languages_present(profile, PROFILE_TEXT_FIELDS)
    return complete, [code for code in some if code not in complete]


def city_page(*, user: User | AnonymousUser, slug: Any) -> CityPage:
    """The city page of `slug` for `user`: the published profile, challenges (with themes),
    practices (themes, the person to ask, the evaluation document when the reader may see
    it), the local prevention network, the library's documents about the city, its
    exchanges, its members (names and roles), the partner cities of its country and the cities
    most like it, and the facts other apps count about it (hub.city_facts: one query each at
    most), and the panels of other apps (hub.object_panels: one query each, none for a panel
    that has nothing about the city). Http404 as city_get_for_user. A fixed number of queries,
    whatever the rows: the challenges and practices (three of them) and the library's documents
    (four at most) only when the page asks for them.
    """
    from library import selectors as library

    city = city_get_for_user(user=user, slug=slug)
    profile: CityProfile = city.profile
    network: PreventionNetwork | None = getattr(profile, "network", None)

    # Every document the page links to but does not list from the library, checked at once.
    network_ids = list(getattr(city, "network_document_ids", None) or []) if network else []
    evaluation_ids = list(getattr(city, "evaluation_ids", None) or [])
    linked = [*network_ids, *evaluation_ids]
    if profile.local_action_plan_id:
        linked.append(profile.local_action_plan_id)
    visible = library.document_list_visible_among(user=user, ids=linked)

    members = list(
        User.objects.active()
        .filter(city=city)
        .only("pk", "name", "roles", "organisation", "city_id")
        .order_by("name", "pk")
    )
    members_by_id = {member.pk: member for member in members}

    def load_rows() -> tuple[list[ChallengeRow], list[PracticeRow]]:
        return content_rows(
            user=user, city=city, profile=profile, visible=visible, members=members_by_id
        )

    library_generation = getattr(city, "library_generation", None)

    def load_documents(
        visibility: tuple[str, list[Any]] | None,
    ) -> tuple[list[Document], bool]:
        kept = None
        if visibility is not None and library_generation is not None:
            kept = library.AboutCityKept(
                library_generation, visibility, settings.HUB_CITY_PAGE_CACHE_SECONDS
            )
        return library.document_list_about_city(
            user=user, city_id=city.pk, limit=CITY_DOCUMENTS_SHOWN, kept=kept
        )

    exchanges = [
        ExchangeRow(
            exchange=ex,
            other=ex.visitor if ex.host_id == city.pk else ex.host,
            hosted=ex.host_id == city.pk,
        )
        for ex in (
            CityExchange.objects.filter(Q(host=city) | Q(visitor=city))
            .select_related("host__country", "visitor__country")
            .order_by(F("year").desc(nulls_last=True), F("month").desc(nulls_last=True), "-pk")
            if getattr(city, "has_exchanges", True)
            else []
        )
    ]
    partners = (
        list(
            PartnerCity.objects.filter(country_id=city.country_id)
            .select_related("network")
            .order_by(in_reader_order("name"), "pk")
        )
        if getattr(city, "has_partner_cities", True)
        else []
    )
    complete, partial = _languages_of(profile)
    generation = getattr(city, "similar_generation", None)
    return CityPage(
        city=city,
        profile=profile,
        network=network,
        network_sectors=_sector_counts(network),
        network_documents=[visible[pk] for pk in network_ids if pk in visible],
        local_action_plan=visible.get(profile.local_action_plan_id or 0),
        exchanges=exchanges,
        members=members,
        partner_cities=partners,
        similar_generation=generation,
        library_generation=library_generation,
        sections_version=getattr(city, "sections_version", None),
        taxonomy_generation=getattr(city, "taxonomy_generation", None),
        evaluations={pk: visible[pk] for pk in evaluation_ids if pk in visible},
        languages=complete,
        partial_languages=partial,
        facts=city_facts(city=city),
        panels=object_panels(CITY_PAGE, obj=city, user=user),
        has_challenges=bool(getattr(city, "has_challenges", True)),
        has_practices=bool(getattr(city, "has_practices", True)),
        load_rows=load_rows,
        load_documents=load_documents,
        load_visibility=lambda: library.document_about_city_visibility(user=user),
        load_similar=lambda: similar.similar_cities(city_id=city.pk, generation=generation),
    )


def similar_panel_for_user(*, user: User) -> tuple[str, list[similar.SimilarCity]]:
    """The page of the member's city and the cities most like it (the home page's "cities like
    yours"), for a member of a city. One query with the city's page (the generation "cities like
    mine" are cached under comes with it), and one more when they are not in the cache."""
    if not user.city_id:
        return "", []
    city: City = (
        City.objects.only("slug")
        .annotate(similar_generation=similar.generation_expression())
        .get(pk=user.city_id)
    )
    found = similar.similar_cities(
        city_id=city.pk, generation=getattr(city, "similar_generation", None)
    )
    return city.get_absolute_url(), found


__all__ = [
    "CITY_DOCUMENTS_SHOWN",
    "ChallengeRow",
    "CityPage",
    "ExchangeRow",
    "PracticeRow",
    "SectorCount",
    "city_get_for_user",
    "city_page",
    "similar_panel_for_user",
]
