"""The admin site: the usual one, with what is pending on its index page, in the language of
its address (/ar/admin/), like every other page of the hub."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import pending

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest
    from django.template.response import TemplateResponse


class _AutocompleteJsonView(AutocompleteJsonView):
    """The admin's search-as-you-type choosers: a model admin with an `autocomplete_label(obj)`
    says how its objects are offered (a document: its title and language)."""

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, str]:
        # Django's own result, with the model admin's label when it has one.
        label = getattr(self.model_admin, "autocomplete_label", None)
        text = label(obj) if callable(label) else obj
        return {"id": str(getattr(obj, to_field_name)), "text": str(text)}


class HubAdminSite(admin.AdminSite):
    site_header = _("SCN Online Hub administration")
    site_title = _("SCN Online Hub")
    index_title = _("Curation")
    # The sidebar repeats the index and takes a fifth of a 1280 px screen from every list; the
    # breadcrumbs lead back to the index.
    enable_nav_sidebar = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Admin login goes through allauth: rate-limited, MFA-protected, one login page.
        self.login = secure_admin_login(self.login)  # type: ignore[method-assign]

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        # "View site" goes to the hub's home page in the admin's language.
        return super().each_context(request) | {"site_url": reverse("hub:home")}

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        response = _AutocompleteJsonView.as_view(admin_site=self)(request)
        assert isinstance(response, HttpResponse)  # a JsonResponse
        return response

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        items = []
        for counter in pending.counters():
            url = reverse(counter.url_name)
            if counter.query:
                url = f"{url}?{counter.query}"
            items.append({"label": counter.label, "count": counter.count(), "url": url})
        extra_context = {**(extra_context or {}), "pending_items": items}
        return super().index(request, extra_context)


def _preferred_language(request: HttpRequest) -> str:
    """The language someone last chose (the cookie), else their profile's, else their
    browser's: the language an address without one is sent on in."""
    languages = {code for code, _name in settings.LANGUAGES}
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in languages:
        return str(chosen)
    profile = getattr(request.user, "language", None)
    if request.user.is_authenticated and profile in languages:
        return str(profile)
    return translation.get_language_from_request(request)


@login_not_required
def admin_redirect(request: HttpRequest, rest: str = "") -> HttpResponseRedirect:
    """/admin/<rest> (the admin's address before it had a language, in bookmarks and emails)
    to /<language>/admin/<rest>, with the same query string. Always a path on this site."""
    with translation.override(_preferred_language(request)):
        url = reverse("admin:index") + quote(rest, safe="/:@!$&'()*+,;=-._~")
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"{url}?{query}" if query else url)
