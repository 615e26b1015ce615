"""The city page: everything about one member city its reader may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import router
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views import View

from cityprofiles import selectors, similar
from cityprofiles.models import WORKING_LANGUAGES, CityProfile, ContactPolicy
from cityprofiles.permissions import (
    can_ask_introduction_to,
    can_edit_profile,
    can_see_city_members,
    can_see_profiles,
)
from cityprofiles.selectors import CITY_DOCUMENTS_SHOWN
from hub.generations import cache_usable, fragment_key, kept_fragments
from hub.http import authenticated_user
from hub.ordering import sorted_by_name
from library.models import DOCUMENT_LANGUAGES

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from cityprofiles.selectors import CityPage
    from hub.models import User


def _url(name: str, kwargs: dict[str, Any] | None, fallback: str) -> str:
    """The URL of `name`, or `fallback` (the same path) while the area that owns the name has
    not declared it yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def introduction_base_url() -> str:
    """Where "Put me in touch" goes (with ?city=<slug> or ?practice=<key>)."""
    return _url(
        "cityprofiles:introduction-create", None, reverse("hub:home") + "introductions/new/"
    )


def profile_edit_url(*, city_slug: str) -> str:
    city_url = reverse("cityprofiles:city", kwargs={"slug": city_slug})
    return _url("cityprofiles:draft-detail", {"slug": city_slug}, f"{city_url}edit/")


_SECTIONS_VERSION = 2  # of the sections' templates and of what the key holds
CHALLENGES_TEMPLATE = "cityprofiles/partials/_city_challenges.html"
PRACTICES_TEMPLATE = "cityprofiles/partials/_city_practices.html"


def _sections_key(page: CityPage, context: dict[str, Any]) -> str | None:
    """The cache key of the city's challenges and practices as `context` shows them, or None
    when they are not to be kept. What the sections show comes from the city's published
    profile (its challenges, practices and their themes: the version of the city's search row,
    which the triggers write again in the same transaction as any write to them, and the
    taxonomy's generation, for the themes' names), the reader's language and whether they may
    ask about a practice, the evaluations the reader may see (their titles) and the city's
    active members (the persons to ask: names and roles), all read for the page anyway: any
    change to one of them makes another key. A write to another city's profile changes none
    of them: that city's sections are rendered again, not every city's."""
    seconds = settings.HUB_CITY_PAGE_CACHE_SECONDS
    # Inside a larger transaction (which may yet roll back, and reuse the generation it bumped)
    # the sections are rendered from the rows, neither read from the cache nor kept.
    if page.sections_version is None or page.taxonomy_generation is None or seconds <= 0:
        return None
    if not cache_usable(router.db_for_read(CityProfile)):
        return None
    return fragment_key(
        "cityprofiles.city_sections",
        [
            _SECTIONS_VERSION,
            page.city.pk,
            page.sections_version,
            page.taxonomy_generation,
            translation.get_language() or "",
            bool(context["ask_practices"]),
            context["ask_practice_url"],
            [
                (pk, str(d.title), d.get_absolute_url())
                for pk, d in sorted(page.evaluations.items())
            ],
            [(m.pk, m.name, list(m.roles or [])) for m in page.members],
        ],
    )


def content_sections(page: CityPage, context: dict[str, Any]) -> dict[str, SafeString]:
    """The city page's challenges and practices sections, rendered (`challenges_html`,
    `practices_html`): from the cache (HUB_CITY_PAGE_CACHE_SECONDS) when the same sections were
    rendered for the same inputs (_sections_key), else from the rows (three queries)."""
    key = _sections_key(page, context)
    found = cache.get(key) if key else None
    if found is None:
        found = {
            "challenges_html": get_template(CHALLENGES_TEMPLATE).render(context),
            "practices_html": get_template(PRACTICES_TEMPLATE).render(context),
        }
        if key:
            cache.set(key, found, settings.HUB_CITY_PAGE_CACHE_SECONDS)
    # Rendered by the templates, escaped there.
    return {name: mark_safe(html) for name, html in found.items()}  # noqa: S308


_DOCUMENTS_VERSION = 1  # of the documents' template and of what its key holds
DOCUMENTS_TEMPLATE = "cityprofiles/partials/_city_documents.html"


def _documents_key(page: CityPage, user: User) -> str | None:
    """The cache key of the city's documents section as `user` gets it, or None when it is not
    to be kept (as _sections_key). What it shows is the library's list of the documents about
    the city the reader may see (library.selectors.document_list_about_city_key: the same key
    for two readers only when they see the same documents, under the library's generation the
    city was read with), in the reader's language, and the city's name and slug (its link to
    the library)."""
    seconds = settings.HUB_CITY_PAGE_CACHE_SECONDS
    if page.library_generation is None or seconds <= 0:
        return None
    if not cache_usable(router.db_for_read(CityProfile)):
        return None
    from library.selectors import document_list_about_city_key

    documents = document_list_about_city_key(
        user=user,
        city_id=page.city.pk,
        generation=page.library_generation,
        limit=CITY_DOCUMENTS_SHOWN,
        visibility=page.library_visibility,
    )
    return fragment_key(
        "cityprofiles.city_documents",
        [_DOCUMENTS_VERSION, documents, page.city.slug, str(page.city.name)],
    )


def documents_section(page: CityPage, context: dict[str, Any], user: User) -> SafeString:
    """The city page's documents section, rendered (`documents_html`): from the cache
    (HUB_CITY_PAGE_CACHE_SECONDS) when it was rendered for a reader who sees the same
    documents (_documents_key), else from the library (four queries at most). Kept only when
    the library's generation is still the one the city was read under (a write committed in
    between may show in what was read: library.selectors.document_list_about_city_key)."""
    from library.selectors import document_generation

    key = _documents_key(page, user)
    html = cache.get(key) if key else None
    if html is None:
        html = get_template(DOCUMENTS_TEMPLATE).render(context)
        if key and document_generation() == page.library_generation:
            cache.set(key, html, settings.HUB_CITY_PAGE_CACHE_SECONDS)
    # Rendered by the template, escaped there.
    return mark_safe(html)  # noqa: S308


_SIMILAR_VERSION = 1  # of the similar cities' template
SIMILAR_TEMPLATE = "cityprofiles/partials/_city_similar.html"


def similar_section(page: CityPage) -> SafeString:
    """The cities most like this one, rendered (`similar_html`, "" for none): from the cache
    (HUB_CITY_PAGE_CACHE_SECONDS) under the key of the list itself (cityprofiles.similar.
    cache_key: the same key, the same cities, in the same language), else from the list."""
    key = None
    if page.similar_generation is not None and cache_usable(router.db_for_read(CityProfile)):
        listed = similar.cache_key(
            city_id=page.city.pk, limit=similar.LIMIT, generation=page.similar_generation
        )
        key = fragment_key("cityprofiles.city_similar", [_SIMILAR_VERSION, listed])

    def render() -> dict[str, str]:
        found = page.similar
        template = get_template(SIMILAR_TEMPLATE)
        return {"similar_html": template.render({"similar": found}) if found else ""}

    return kept_fragments(key, settings.HUB_CITY_PAGE_CACHE_SECONDS, render)["similar_html"]


class CityDetailView(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user = authenticated_user(request)
        if not can_see_profiles(user):
            raise PermissionDenied
        page = selectors.city_page(user=user, slug=slug)
        city, profile = page.city, page.profile
        policy = profile.contact_policy
        may_ask = can_ask_introduction_to(user, city) and policy != ContactPolicy.PAUSED
        working = dict(WORKING_LANGUAGES)
        ask = introduction_base_url()
        context = {
            "page": page,
            "city": city,
            "profile": profile,
            "is_own_city": user.city_id == city.pk,
            "can_edit": can_edit_profile(user, city),
            "edit_url": profile_edit_url(city_slug=city.slug),
            "show_members": can_see_city_members(user),
            # The city as a whole only when it welcomes requests; its practices unless paused.
            "ask_city_url": (
                f"{ask}?{urlencode({'city': city.slug})}"
                if may_ask and policy == ContactPolicy.OPEN
                else ""
            ),
            "ask_practices": may_ask,
            # Each practice's link: this and its key (a UUID, the same urlencoded).
            "ask_practice_url": f"{ask}?practice=",
            "working_languages": sorted_by_name(
                [str(working.get(code, code)) for code in profile.languages]
            ),
            "language_names": dict(settings.LANGUAGES),
            "document_language_names": dict(DOCUMENT_LANGUAGES),
            "library_url": reverse("library:document-list") + "?" + urlencode({"city": city.slug}),
        }
        context |= content_sections(page, context)
        context["documents_html"] = documents_section(page, context, user)
        context["similar_html"] = similar_section(page)
        return render(request, "cityprofiles/city_detail.html", context)
