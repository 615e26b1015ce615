"""Fixtures shared by the whole suite: a clean Redis cache, users of every role."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.hub.factories import CityFactory, UserFactory


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    # Rate limits and cached sessions live in Redis; each test starts from nothing.
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request through the test client leaves its language active in the thread; each test
    # starts in the default language, so reverse() and get_absolute_url() give /en/ URLs.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _registries_left_as_found():
    """The panels and facts apps register (hub.home, hub.object_panels, hub.city_facts) are
    process-wide: a test that changes them must put them back exactly, or a later test's page
    costs other queries than its budget. Fails the test that left them changed, and restores
    them so that the rest of the run is not affected."""
    from hub import city_facts, home, object_panels

    registries = (home._panels, object_panels._panels, city_facts._facts)
    saved = [dict(registry) for registry in registries]
    yield
    changed = [registry != before for registry, before in zip(registries, saved, strict=True)]
    for registry, before in zip(registries, saved, strict=True):
        registry.clear()
        registry.update(before)
    assert not any(changed), "the test left a registry of panels or facts changed"


@pytest.fixture(autouse=True)
def _site_url(settings) -> None:
    settings.HUB_SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:
    # Uploaded files of each test go to its own temporary folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def city_a(db):
    return CityFactory(name_en="Aarhus Test", slug="aarhus-test")


@pytest.fixture
def city_b(db):
    return CityFactory(name_en="Mombasa Test", slug="mombasa-test")


@pytest.fixture
def member_a(city_a):
    return UserFactory(city=city_a, email="member.a@city.example")


@pytest.fixture
def member_b(city_b):
    return UserFactory(city=city_b, email="member.b@city.example")


@pytest.fixture
def focal_point_a(city_a):
    return UserFactory(city=city_a, focal_point=True, email="focal.a@city.example")


@pytest.fixture
def staff(db):
    return UserFactory(staff=True, with_totp=True, email="staff@scn.example")


def login(client, user) -> None:
    """Log `user` in on the Django test client, as allauth would after a full login."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
