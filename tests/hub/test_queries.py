"""Query counts beyond the pinned page budgets (tests/test_matrix.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.hub.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_staff_pay_the_mfa_check_once_a_session(client, staff, django_assert_num_queries):
    login(client, staff)
    for _ in range(49):
        CityFactory()
    # The city directory's budget (7, tests/cityprofiles/matrix_directory.py) and the
    # staff-MFA middleware's check, then, on every later request of the session, the budget
    # alone.
    with django_assert_num_queries(7 + 1 + 3):  # + the check, + the session written once
        client.get(reverse("cityprofiles:directory"))
    for _ in range(3):
        with django_assert_num_queries(7):
            client.get(reverse("cityprofiles:directory"))


def test_staff_without_totp_is_checked_on_every_request(client, db):
    from tests.hub.factories import UserFactory

    login(client, UserFactory(staff=True, with_totp=False, email="new.staff@scn.example"))
    for _ in range(2):
        response = client.get(reverse("hub:profile"))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
