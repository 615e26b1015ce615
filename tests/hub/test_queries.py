"""Query budgets: each page costs the same number of queries at 1 row and at 50, and ≤ 10."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from tests.hub.factories import AccessRequestFactory, CityFactory, UserFactory

pytestmark = pytest.mark.django_db

BUDGET = 10


def _count(client, url) -> int:
    client.get(url)  # warm the session cache, as for any member past their first page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name", ["hub:city-list", "hub:home", "hub:accessrequest-list", "hub:search"]
)
def test_page_query_count_does_not_grow_with_rows(client, focal_point_a, url_name):
    login(client, focal_point_a)
    url = reverse(url_name) + ("?q=City" if url_name == "hub:search" else "")
    AccessRequestFactory(city=focal_point_a.city)
    UserFactory(city=focal_point_a.city)
    small = _count(client, url)
    for _ in range(49):
        city = CityFactory()
        AccessRequestFactory(city=focal_point_a.city)
        UserFactory(city=city)
        UserFactory(city=focal_point_a.city)
    large = _count(client, url)
    assert small == large
    assert large <= BUDGET


def test_city_directory_query_count_is_pinned(client, member_a, django_assert_num_queries):
    login(client, member_a)
    for _ in range(49):
        CityFactory()
    client.get(reverse("hub:city-list"))
    # user; cities with country and region; region and country filter choices; the session's
    # sliding expiry (an UPDATE, inside a savepoint under the test's transaction).
    with django_assert_num_queries(7):
        response = client.get(reverse("hub:city-list"))
    assert response.context["result_count"] == 50


def test_staff_pages_add_only_the_mfa_check(client, staff, django_assert_num_queries):
    login(client, staff)
    for _ in range(49):
        CityFactory()
    client.get(reverse("hub:city-list"))
    with django_assert_num_queries(8):
        client.get(reverse("hub:city-list"))
