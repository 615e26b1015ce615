from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "hub.settings.prod",
    "DJANGO_SECRET_KEY": "x7#kq9!" + "a1B2c3D4e5F6g7H8i9J0" * 3,
    "DJANGO_ALLOWED_HOSTS": "hub.example.org",
    "EMAIL_URL": "smtp://mail.example.org:587",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def _run_prod(
    code: str, database: str = "postgres", static_root: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    if static_root:
        env["HUB_STATIC_ROOT"] = str(static_root)
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=PROD_ENV | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_with_production_settings_is_clean():
    result = _run_prod(
        "import django, sys; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_production_responses_carry_hsts_and_secure_cookies(django_db_setup, tmp_path):
    from django.db import connection

    result = _run_prod(
        "import django, json; django.setup();"
        "from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0);"
        "from django.test import Client;"
        "r = Client().get('/en/accounts/login/', secure=True, HTTP_HOST='hub.example.org');"
        "from django.conf import settings as s;"
        "print(json.dumps({'status': r.status_code, 'hsts': r.get('Strict-Transport-Security'),"
        " 'csrf_secure': r.cookies['csrftoken']['secure'] if 'csrftoken' in r.cookies else None,"
        " 'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_cookie_secure': s.CSRF_COOKIE_SECURE,"
        " 'ssl_redirect': s.SECURE_SSL_REDIRECT}))",
        database=connection.settings_dict["NAME"],
        static_root=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["status"] == 200
    assert "max-age=31536000" in facts["hsts"]
    assert "includeSubDomains" in facts["hsts"]
    assert facts["session_secure"] is True
    assert facts["csrf_cookie_secure"] is True
    assert facts["csrf_secure"] is True
    assert facts["ssl_redirect"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/accounts/login/", "/ar/request-access/", "/en/cities/"])
def test_responses_carry_a_strict_csp_with_a_nonce(client, member_a, path):
    login(client, member_a)
    if "login" in path or "request-access" in path:
        client.logout()
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in csp.split(";")) if part
    )
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
    assert f'nonce="{nonce}"'.encode() in response.content
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_or_styles(client, member_a):
    login(client, member_a)
    for url in [reverse("hub:home"), reverse("cityprofiles:directory"), reverse("hub:profile")]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client, member_a):
    from django.core.cache import cache
    from django.test import Client

    url = reverse("account_login")
    right = {"login": member_a.email, "password": "correct horse battery staple"}
    for _ in range(5):
        client.post(url, {"login": member_a.email, "password": "wrong"})
    # Even the right password is refused while the limit holds...
    response = client.post(url, right)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # ...and accepted once it has expired.
    cache.clear()
    fresh = Client()
    assert fresh.post(url, right).status_code == 302
    assert "_auth_user_id" in fresh.session
