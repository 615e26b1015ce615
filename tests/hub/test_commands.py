from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from hub.models import AccessRequest, User
from hub.models.accounts import Role
from hub.services import scn_data_load
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_seed_demo_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    scn_data_load()
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_creates_one_account_per_role_in_two_cities_idempotently(settings, client):
    settings.DEBUG = True
    scn_data_load()
    call_command("seed_demo")
    call_command("seed_demo")
    demo = User.objects.filter(email__endswith="@demo.scn.invalid")
    roles = {role for user in demo for role in user.roles}
    assert roles == {r.value for r in Role}
    assert {u.city.slug for u in demo if u.city} == {"montreal", "mombasa"}
    assert all("DEMO" in u.organisation for u in demo)
    assert demo.count() == 8
    assert AccessRequest.objects.pending().count() == 1
    response = client.post(
        reverse("account_login"),
        {"login": "official.mombasa@demo.scn.invalid", "password": settings.HUB_DEMO_PASSWORD},
    )
    assert response.status_code == 302


def test_running_without_a_broker_says_tasks_run_eagerly():
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "hub.settings.dev", "CELERY_BROKER_URL": ""}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "tasks run eagerly" in result.stderr


@pytest.mark.django_db
def test_admin_shows_translated_content_as_language_tabs(client, staff, city_a):
    login(client, staff)
    response = client.get(reverse("admin:hub_city_change", args=[city_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for language in ("en", "fr", "ar"):
        assert f'name="name_{language}"' in html
    assert "tabbed_translation_fields.js" in html
