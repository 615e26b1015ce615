"""The admin site: the usual one, with what is pending on its index page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import pending

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django.template.response import TemplateResponse


class HubAdminSite(admin.AdminSite):
    site_header = _("SCN Online Hub administration")
    site_title = _("SCN Online Hub")
    index_title = _("Curation")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Admin login goes through allauth: rate-limited, MFA-protected, one login page.
        self.login = secure_admin_login(self.login)  # type: ignore[method-assign]

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
