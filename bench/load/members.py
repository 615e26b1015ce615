"""The members of the load: accounts in the bench database, and their sessions.

Logins stay rate-limited (``ACCOUNT_RATE_LIMITS``: 30 a minute per address, and every request
here comes from 127.0.0.1). The first ``--form-logins`` members log in through allauth's real
form, one every :data:`LOGIN_INTERVAL_S` seconds, which proves the login works and stays under
the limit whatever ran in the minute before; the others get their session server-side from
Django's own machinery, as ``django.test.Client.force_login`` makes it (``login()`` on a
session of the server's engine, saved to the same database and Redis). Either way the server
sees a real session cookie and loads it like any other.
"""

# ruff: noqa: S310  (http URLs of the benchmark's own server on the loopback)
from __future__ import annotations

import html
import http.cookiejar
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Any

from bench.library_search.common import log
from bench.load.server import TAG_HEADER

if TYPE_CHECKING:
    from hub.models import City, User

EMAIL = "bench-load-{:03d}@scn-bench.invalid"
# 60 s / 30 logins, and a margin: no minute ever holds more than 27 of ours.
LOGIN_INTERVAL_S = 2.2
# The backend allauth's login form records in the session.
LOGIN_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def member_city() -> City:
    """The city most documents are shared with, as bench.library_search picks its member."""
    from django.db import connection

    from hub.models import City

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT city_id FROM library_document_shared_with GROUP BY 1 ORDER BY count(*) DESC "
            "LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        raise RuntimeError("no document is shared with a city: is this a bench library?")
    return City.objects.get(pk=row[0])


def provision_members(count: int, city: City) -> tuple[list[User], str]:
    """`count` active members of `city` with verified emails, all given a new random password.

    Returns the members and the password (one hash for all: hashing is the slow part).
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from hub.models import User

    password = secrets.token_urlsafe(18)
    hashed = make_password(password)
    emails = [EMAIL.format(number) for number in range(1, count + 1)]
    with transaction.atomic():
        for number, email in enumerate(emails, start=1):
            user, _created = User.objects.update_or_create(
                email=email,
                defaults={
                    "name": f"Bench Load Member {number:03d}",
                    "roles": ["practitioner"] if number % 2 else ["official"],
                    "city": city,
                    "language": "en",
                    "organisation": "Load benchmark (synthetic)",
                    "is_active": True,
                    "is_staff": False,
                    "password": hashed,
                },
            )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
    members = list(User.objects.filter(email__in=emails).order_by("email"))
    return members, password


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check, not to follow."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _open(opener: urllib.request.OpenerDirector, request: urllib.request.Request) -> Any:
    try:
        return opener.open(request, timeout=30)
    except urllib.error.HTTPError as answer:  # 3xx and 4xx arrive here without redirects
        return answer


def form_login(base_url: str, email: str, password: str) -> str:
    """Log in through allauth's form (GET for the CSRF token, POST); the session cookie."""
    from django.conf import settings

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    url = f"{base_url}/en/accounts/login/"
    with _open(opener, urllib.request.Request(url, headers={TAG_HEADER: "setup/login"})) as page:
        found = _CSRF_INPUT.search(page.read().decode("utf-8"))
    if found is None:
        raise RuntimeError("no CSRF token in the login form")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": html.unescape(found.group(1)), "login": email, "password": password}
    ).encode()
    headers = {TAG_HEADER: "setup/login-post", "Referer": url}
    with _open(opener, urllib.request.Request(url, data=body, headers=headers)) as answer:
        status, location = answer.status, answer.headers.get("Location", "")
    session = {cookie.name: cookie.value for cookie in jar}.get(settings.SESSION_COOKIE_NAME)
    if status != 302 or "/accounts/" in location or session is None:
        raise RuntimeError(f"login of {email} failed ({status}, to {location!r})")
    return session


def server_side_session(user: User) -> str:
    """A session for `user` made as django.test.Client.force_login makes it; its cookie value."""
    from django.conf import settings
    from django.test import Client

    client = Client(REMOTE_ADDR="127.0.0.1")
    client.force_login(user, backend=LOGIN_BACKEND)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def sessions(
    members: list[User], password: str, *, base_url: str, form_logins: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A session cookie per member: the first `form_logins` through the form, paced."""
    from django.conf import settings

    out: list[dict[str, Any]] = []
    started = time.perf_counter()
    login_seconds: list[float] = []
    last = 0.0
    for index, member in enumerate(members):
        if index < form_logins:
            if index:
                time.sleep(max(0.0, LOGIN_INTERVAL_S - (time.perf_counter() - last)))
            last = time.perf_counter()
            cookie = form_login(base_url, member.email, password)
            login_seconds.append(time.perf_counter() - last)
            how = "form"
        else:
            cookie = server_side_session(member)
            how = "server-side"
        out.append({"email": member.email, "how": how, "cookie": cookie})
    info = {
        "form_logins": min(form_logins, len(members)),
        "server_side_sessions": max(0, len(members) - form_logins),
        "login_interval_s": LOGIN_INTERVAL_S,
        "form_login_seconds_mean": (
            round(sum(login_seconds) / len(login_seconds), 3) if login_seconds else None
        ),
        "seconds": round(time.perf_counter() - started, 1),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "rate_limits": dict(settings.ACCOUNT_RATE_LIMITS),
    }
    log(
        f"Sessions: {info['form_logins']} through the login form (one every {LOGIN_INTERVAL_S}s), "
        f"{info['server_side_sessions']} server-side, in {info['seconds']}s."
    )
    return out, info


def check_sessions(base_url: str, cookies: list[dict[str, Any]], cookie_name: str) -> None:
    """Every session opens the member home page (200, not a redirect to the login)."""
    opener = urllib.request.build_opener(_NoRedirect)
    for entry in cookies:
        request = urllib.request.Request(
            f"{base_url}/en/",
            headers={TAG_HEADER: "setup/check", "Cookie": f"{cookie_name}={entry['cookie']}"},
        )
        with _open(opener, request) as answer:
            status = answer.status
        if status != 200:
            raise RuntimeError(f"the session of {entry['email']} ({entry['how']}) got {status}")
