"""Requests as views see them: the member behind a request the login middleware let through;
the language a response remembers."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.urls import translate_url
from django.utils import translation

from hub.models import User

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile
    from django.http import HttpRequest
    from django.http.response import HttpResponseBase


def authenticated_user(request: HttpRequest) -> User:
    """The active, logged-in user of `request`, typed as such for services and selectors.

    Every page but the public ones sits behind LoginRequiredMiddleware, so this only fails
    for a view that forgot `login_not_required`: PermissionDenied, never an anonymous user
    reaching code typed for members.
    """
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return user


def set_language_cookie(response: HttpResponseBase, language: str) -> None:
    """Remember an explicit choice of language in the browser for a year: LocaleMiddleware
    sends a visit to "/" there (the profile keeps it for a member's emails)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # "Lax"
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


def translate_url_and_next(url: str, language: str) -> str:
    """`url` in `language`, and so is the page it sends on to (`?next=`), so that switching
    language on the login page still lands in the new language after login."""
    parts = urlsplit(_translate_url(url, language))
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not any(key == REDIRECT_FIELD_NAME for key, _value in query):
        return urlunsplit(parts)
    query = [
        (key, _translate_url(value, language) if key == REDIRECT_FIELD_NAME else value)
        for key, value in query
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/")))


def _translate_url(url: str, language: str) -> str:
    # Django resolves a language-prefixed path only in the active language: read the path in
    # its own language first (the login page is Arabic, the page it sends on to English).
    own = translation.get_language_from_path(urlsplit(url).path)
    with translation.override(own or translation.get_language()):
        return translate_url(url, language)


def protected_file_response(stored: FieldFile, *, content_type: str) -> HttpResponse | FileResponse:
    """A file of the private storage, once its view has checked access: handed to nginx
    (X-Accel-Redirect to its internal /protected/ location) or streamed by Django; 404 when the
    file is gone."""
    if settings.HUB_X_ACCEL_REDIRECT_PREFIX:
        response: HttpResponse | FileResponse = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{settings.HUB_X_ACCEL_REDIRECT_PREFIX}{stored.name}"
    else:
        try:
            handle = stored.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
