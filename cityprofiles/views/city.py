"""The city page: everything about one member city its reader may see."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views import View

from cityprofiles import selectors
from cityprofiles.models import WORKING_LANGUAGES, CityProfile, ContactPolicy
from cityprofiles.permissions import (
    can_ask_introduction_to,
    can_edit_profile,
    can_see_city_members,
    can_see_profiles,
)
from hub.http import authenticated_user
from hub.ordering import sorted_by_name
from library.models import DOCUMENT_LANGUAGES

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from cityprofiles.selectors import CityPage


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


_SECTIONS_VERSION = 1  # of the sections' templates and of what the key holds
CHALLENGES_TEMPLATE = "cityprofiles/partials/_city_challenges.html"
PRACTICES_TEMPLATE = "cityprofiles/partials/_city_practices.html"


def _sections_key(page: CityPage, context: dict[str, Any]) -> str | None:
    """The cache key of the city's challenges and practices as `context` shows them, or None
    when they are not to be kept. What the sections show comes from the published profile (its
    challenges, practices and their themes: the generation the city was read under, bumped by
    any write to them or to the taxonomy), the reader's language and whether they may ask about
    a practice, the evaluations the reader may see (their titles) and the city's active members
    (the persons to ask: names and roles), all read for the page anyway: any change to one of
    them makes another key."""
    seconds = settings.HUB_CITY_PAGE_CACHE_SECONDS
    # Inside a larger transaction (which may yet roll back, and reuse the generation it bumped)
    # the sections are rendered from the rows, neither read from the cache nor kept.
    if page.generation is None or seconds <= 0:
        return None
    if connections[router.db_for_read(CityProfile)].in_atomic_block:
        return None
    payload = json.dumps(
        [
            _SECTIONS_VERSION,
            page.city.pk,
            page.generation,
            translation.get_language() or "",
            bool(context["ask_practices"]),
            context["ask_practice_url"],
            [
                (pk, str(d.title), d.get_absolute_url())
                for pk, d in sorted(page.evaluations.items())
            ],
            [(m.pk, m.name, list(m.roles or [])) for m in page.members],
        ],
        default=str,
    )
    return "cityprofiles.city_sections:" + hashlib.sha256(payload.encode()).hexdigest()


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
        return render(request, "cityprofiles/city_detail.html", context)
