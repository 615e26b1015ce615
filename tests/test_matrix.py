"""The permission matrix and the query budgets of every project app, found by themselves.

Each app declares its part in tests/<app>/matrix.py (see tests/kit/matrix.py); a URL of a
project app, or an admin list of one of its models, that no matrix covers fails here, and so
does a page without a pinned query budget.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.hub.factories import AccessRequestFactory
from tests.kit import matrix as kit
from tests.kit.queries import assert_budget

pytestmark = pytest.mark.django_db

MATRICES = kit.matrices()
# Pages whose query count is not a budget of ours: allauth's and the admin's own pages, and the
# health check (JSON for the load balancer, no rows).
NOT_BUDGETED_PREFIXES = ("admin:", "account_", "mfa_")
NOT_BUDGETED = {"health"}


@pytest.fixture
def personas(city_a, city_b, member_a, member_b, focal_point_a, staff) -> kit.Personas:
    # The applicant has asked for access and waits: a request, and no account.
    AccessRequestFactory(city=city_a, email="waiting@applicant.example")
    users = {
        "member_a": member_a,
        "member_b": member_b,
        "focal_point_a": focal_point_a,
        "staff": staff,
    }
    return kit.Personas(users=users, city_a=city_a, city_b=city_b)


@pytest.mark.parametrize("persona", kit.PERSONAS)
@pytest.mark.parametrize("app", sorted(MATRICES))
def test_permission_matrix(app, persona, personas):
    matrix = MATRICES[app]
    objects = matrix.objects(personas)
    assert kit.run(matrix, personas, objects, persona) == []


@pytest.mark.parametrize("app", kit.project_apps())
def test_every_url_of_every_project_app_is_in_the_matrix(app):
    names = kit.url_names_of(app)
    covered = {name for matrix in MATRICES.values() for (name, _obj, _method) in matrix.entries}
    assert names <= covered, f"not in any tests/<app>/matrix.py: {sorted(names - covered)}"


@pytest.mark.parametrize("app", sorted(MATRICES))
def test_every_page_has_a_query_budget(app):
    matrix = MATRICES[app]
    pages = {
        name
        for (name, _obj, method), expected in matrix.entries.items()
        if method == "get"
        and 200 in expected.values()
        and not name.startswith(NOT_BUDGETED_PREFIXES)
        and name not in NOT_BUDGETED
    }
    assert pages <= set(matrix.budgets), (
        f"pages without a budget: {sorted(pages - set(matrix.budgets))}"
    )


BUDGETS = [(app, name) for app, matrix in sorted(MATRICES.items()) for name in matrix.budgets]


@pytest.mark.parametrize(("app", "name"), BUDGETS)
def test_page_query_budget_is_the_same_at_1_and_50_rows(app, name, personas):
    matrix = MATRICES[app]
    budget = matrix.budgets[name]
    objects = matrix.objects(personas)
    client = kit.client_for(budget.persona, personas)

    def url() -> str:
        kwargs = budget.target(objects) if budget.target else {}
        return reverse(name, kwargs=kwargs) + budget.query

    assert_budget(
        client, url, rows=lambda n: budget.rows(personas, objects, n), queries=budget.queries
    )


def test_the_guard_finds_urls_and_admin_lists_nobody_listed():
    """What the guard compares with the matrices comes from the URL configuration itself."""
    library = kit.url_names_of("library")
    assert {"library:document-list", "admin:library_document_changelist"} <= library
    assert "health" in kit.url_names_of("hub")
    assert not any(name.startswith("account_") for name in kit.url_names_of("hub"))
    assert {"hub", "library", "cityprofiles", "training", "events"} <= set(kit.project_apps())
    assert "allauth" not in kit.project_apps()
