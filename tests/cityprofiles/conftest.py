"""Fixtures of the city profiles' tests (the cities, members and staff are tests/conftest.py's)."""

from __future__ import annotations

import pytest

from tests.cityprofiles.factories import profile_of
from tests.hub.factories import UserFactory


@pytest.fixture
def editor_a(city_a):
    """A member of city A whom the focal point named as editor; emails in Arabic."""
    user = UserFactory(city=city_a, email="editor.a@city.example", name="Layla", language="ar")
    profile_of(city_a).editors.add(user)
    return user
