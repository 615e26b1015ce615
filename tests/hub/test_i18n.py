"""Every user-facing string is translated into French and Arabic."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", "node_modules", "staticfiles", "media", ".git", "test-artifacts"}


def test_every_ui_string_has_a_french_and_arabic_translation(tmp_path):
    # makemessages rewrites the .po files it finds; run it on a copy so the tree stays as it is,
    # then read what it found: any string new to the code shows up untranslated.
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP_DIRS])
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "hub.settings.test"}
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "-l", "ar", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    problems = []
    for language in ("fr", "ar"):
        po = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        for entry in po:
            if entry.obsolete:
                continue
            if not entry.translated() or "fuzzy" in entry.flags:
                problems.append(f"{language}: {entry.msgid!r}")
    assert problems == []


def test_po_files_compile_with_format_checks():
    for language in ("fr", "ar"):
        path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run(  # noqa: S603
            ["msgfmt", "--check", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "direction", "home_word"),
    [("en", "ltr", "Home"), ("fr", "ltr", "Accueil"), ("ar", "rtl", "الرئيسية")],
)
def test_pages_follow_the_language(client, member_a, language, direction, home_word):
    login(client, member_a)
    response = client.get(f"/{language}/cities/")
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert home_word in html
    assert member_a.city.name_ar in html if language == "ar" else member_a.city.name_en in html


@pytest.mark.django_db
def test_emails_use_the_recipients_language_not_the_requests(
    client, city_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.hub.factories import AccessRequestFactory

    access_request = AccessRequestFactory(city=city_a, language="ar")
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("hub:accessrequest-approve", kwargs={"pk": access_request.pk}))
    (message,) = mailoutbox
    assert "/ar/accounts/password/reset/key/" in message.body
    assert city_a.name_ar in message.body
    assert "Welcome" not in message.subject


@pytest.mark.django_db
def test_allauth_password_reset_email_is_in_the_members_language(
    client, member_a, mailoutbox, django_capture_on_commit_callbacks
):
    member_a.language = "fr"
    member_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": member_a.email})
    (message,) = mailoutbox
    assert "mot de passe" in (message.subject + message.body).lower()
