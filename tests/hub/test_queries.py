"""Query counts beyond the pinned page budgets (tests/test_matrix.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.hub.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_staff_pages_add_only_the_mfa_check(client, staff, django_assert_num_queries):
    login(client, staff)
    for _ in range(49):
        CityFactory()
    client.get(reverse("hub:city-list"))
    # The city directory's budget (7, tests/hub/matrix.py) and the staff-MFA middleware's check.
    with django_assert_num_queries(8):
        client.get(reverse("hub:city-list"))
