"""The core app's part of the permission matrix (tests/kit/matrix.py), and its pages' budgets."""

from __future__ import annotations

from tests.hub.factories import AccessRequestFactory, CityFactory, UserFactory
from tests.kit.matrix import AppMatrix, Budget, R, codes


def _objects(personas):
    return {
        "req_a": AccessRequestFactory(city=personas.city_a),
        "req_b": AccessRequestFactory(city=personas.city_b),
    }


def _cities(personas, objects, n):
    for _ in range(n):
        UserFactory(city=CityFactory())


def _requests_and_colleagues(personas, objects, n):
    for _ in range(n):
        AccessRequestFactory(city=personas.city_a)
        UserFactory(city=personas.city_a)
        UserFactory(city=CityFactory())


def _home_rows(personas, objects, n):
    """Requests, colleagues, newcomers, and documents: published ones for "new in the
    library", and the focal point's own contributions in two states."""
    from library.models import Document
    from tests.library.factories import DocumentFactory

    _requests_and_colleagues(personas, objects, n)
    focal_point = personas.users["focal_point_a"]
    for i in range(n):
        DocumentFactory(contributing_city=personas.city_a)
        DocumentFactory(
            contributed_by=focal_point,
            status=Document.Status.SUBMITTED if i % 2 else Document.Status.PUBLISHED,
        )


MATRIX = AppMatrix(
    app="hub",
    objects=_objects,
    # (url name, object key, method) -> expected status per persona. "req_a" is a pending
    # request for city A, "req_b" one for city B.
    entries={
        ("hub:home", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("hub:search", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("hub:profile", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("hub:language-set", None, "get"): codes(405, 405, 405, 405, 405, 405),
        ("hub:language-set", None, "post"): codes(R, R, R, R, R, R),
        ("hub:accessrequest-create", None, "get"): codes(200, 200, R, R, R, R),
        ("hub:accessrequest-sent", None, "get"): codes(200, 200, 200, 200, 200, 200),
        ("hub:accessrequest-list", None, "get"): codes(R, R, 403, 403, 200, 200),
        ("hub:accessrequest-detail", "req_a", "get"): codes(R, R, 403, 403, 200, 200),
        ("hub:accessrequest-detail", "req_b", "get"): codes(R, R, 403, 403, 404, 200),
        ("hub:accessrequest-approve", "req_a", "get"): codes(R, R, 403, 403, 405, 405),
        ("hub:accessrequest-approve", "req_a", "post"): codes(R, R, 403, 403, R, R),
        ("hub:accessrequest-approve", "req_b", "post"): codes(R, R, 403, 403, 404, R),
        ("hub:accessrequest-reject", "req_a", "post"): codes(R, R, 403, 403, R, R),
        ("hub:accessrequest-reject", "req_b", "post"): codes(R, R, 403, 403, 404, R),
        ("health", None, "get"): codes(200, 200, 200, 200, 200, 200),
        # Django's admin sends everyone who is not staff to its login page, which is allauth's
        # login for anonymous people and a 403 for members.
        ("admin:login", None, "get"): codes(R, R, 403, 403, 403, R),
        ("admin:index", None, "get"): codes(R, R, R, R, R, 200),
        # The admin's search-as-you-type choosers (hub.admin_site): a request without the
        # field it is for is refused.
        ("admin:autocomplete", None, "get"): codes(R, R, R, R, R, 403),
        ("admin:hub_user_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:hub_accessrequest_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:hub_auditevent_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:hub_city_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:hub_country_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:hub_region_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("admin:hub_theme_changelist", None, "get"): codes(R, R, R, R, R, 200),
        ("account_login", None, "get"): codes(200, 200, R, R, R, R),
        ("account_signup", None, "get"): codes(200, 200, R, R, R, R),
        ("account_reset_password", None, "get"): codes(200, 200, 200, 200, 200, 200),
        ("account_change_password", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("account_email", None, "get"): codes(R, R, 200, 200, 200, 200),
        ("mfa_index", None, "get"): codes(R, R, 200, 200, 200, 200),
        # Setting up TOTP asks for the password again first (allauth's reauthentication).
        ("mfa_activate_totp", None, "get"): codes(R, R, R, R, R, R),
    },
    data={
        "hub:language-set": {"language": "fr", "next": "/en/"},
        "hub:accessrequest-reject": {"reason": "Not eligible."},
    },
    # Queries at 1 and at 50 rows, pinned. Every member page reads the user (the session comes
    # from Redis and is written at most once a minute, hub.sessions).
    budgets={
        # + the home panels (hub.home): pending requests; the library's new documents; the city,
        # colleagues; the library's contribution counts; the cities like yours (one statement)
        # and the link to the member's city page (cityprofiles); newcomers, the city counts;
        # the modules in progress (training)
        "hub:home": Budget(11, _home_rows, persona="focal_point_a"),
        "hub:search": Budget(3, _cities, query="?q=City"),
        "hub:profile": Budget(2, _cities),
        "hub:accessrequest-list": Budget(3, _requests_and_colleagues, persona="focal_point_a"),
        "hub:accessrequest-detail": Budget(
            2,
            _requests_and_colleagues,
            persona="focal_point_a",
            target=lambda objects: {"pk": objects["req_a"].pk},
        ),
        "hub:accessrequest-sent": Budget(1, _cities),
        "hub:accessrequest-create": Budget(1, _cities, persona="anonymous"),
    },
)
