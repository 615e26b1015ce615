"""The city page: everything about one member city its reader may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views import View

from cityprofiles import selectors
from cityprofiles.models import WORKING_LANGUAGES, ContactPolicy
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
        return render(request, "cityprofiles/city_detail.html", context)
