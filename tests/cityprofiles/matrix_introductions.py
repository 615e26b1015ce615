"""Introductions' part of the city profiles matrix: each party sees only their own side.

member_a asked city B (`intro_asked`, forwarded to member_b; `intro_waiting`, still with staff)
and was introduced to member_b (`intro_done`); member_b asked city A, forwarded to its focal
point (`intro_to_a`). SCN staff broker introductions in the admin and ask for none (403).
"""

from __future__ import annotations

from cityprofiles.models import ContactPolicy
from tests.cityprofiles.factories import (
    ForwardedIntroductionFactory,
    IntroducedFactory,
    IntroductionFactory,
    PracticeFactory,
    profile_of,
)
from tests.hub.factories import UserFactory
from tests.kit.matrix import Budget, R, codes


def objects(personas):
    users = personas.users
    member_a, member_b = users["member_a"], users["member_b"]
    return {
        "intro_asked": ForwardedIntroductionFactory(
            requester=member_a, city=personas.city_b, counterpart=member_b
        ),
        "intro_waiting": IntroductionFactory(requester=member_a, city=personas.city_b),
        "intro_done": IntroducedFactory(
            requester=member_a, city=personas.city_b, counterpart=member_b
        ),
        "intro_to_a": ForwardedIntroductionFactory(
            requester=member_b, city=personas.city_a, counterpart=users["focal_point_a"]
        ),
    }


def _mine(personas, objects, n):
    """What "my introductions" lists: n more requests of member_a and n more offers to them."""
    member_a = personas.users["member_a"]
    for _ in range(n):
        IntroductionFactory(requester=member_a)
        ForwardedIntroductionFactory(city=personas.city_a, counterpart=member_a)


def _practices(personas, objects, n):
    """City B takes requests about its practices only: the form offers each of them."""
    profile = profile_of(personas.city_b, contact_policy=ContactPolicy.PRACTICES)
    for _ in range(n):
        PracticeFactory(profile=profile)


def _colleagues(personas, objects, n):
    """The focal point may pass an offer to any active colleague of the city."""
    for _ in range(n):
        UserFactory(city=personas.city_a)


def _target(key):
    return lambda objects: {"pk": objects[key].pk}


NEW = "cityprofiles:introduction-create"
OFFER = "cityprofiles:introduction-offer"

ENTRIES = {
    ("cityprofiles:introduction-list", None, "get"): codes(R, R, 200, 200, 200, 403),
    # ?city=mombasa-test (DATA): city B; its own members are refused with a message.
    (NEW, None, "get"): codes(R, R, 200, 400, 200, 403),
    ("cityprofiles:introduction-detail", "intro_asked", "get"): codes(R, R, 200, 404, 404, 403),
    ("cityprofiles:introduction-detail", "intro_to_a", "get"): codes(R, R, 404, 200, 404, 403),
    (OFFER, "intro_asked", "get"): codes(R, R, 404, 200, 404, 403),
    (OFFER, "intro_to_a", "get"): codes(R, R, 404, 404, 200, 403),
    (OFFER, "intro_waiting", "get"): codes(R, R, 404, 404, 404, 403),
    ("cityprofiles:introduction-follow-up", "intro_done", "get"): codes(R, R, 200, 200, 404, 403),
    ("cityprofiles:introduction-follow-up", "intro_asked", "get"): codes(R, R, 404, 404, 404, 403),
    ("cityprofiles:introduction-decline", "intro_asked", "get"): codes(R, R, 404, R, 404, 403),
    ("cityprofiles:introduction-delegate", "intro_to_a", "get"): codes(R, R, 404, 404, R, 403),
    ("admin:cityprofiles_introduction_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:cityprofiles_introduction_pipeline", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:cityprofiles_introduction_export", None, "get"): codes(R, R, R, R, R, 200),
    # Writes, last: each changes only what the entries above have already seen.
    (NEW, None, "post"): codes(R, R, R, 400, R, 403),
    # No colleague chosen (DATA): the focal point's form says so; nobody else reaches it.
    ("cityprofiles:introduction-delegate", "intro_to_a", "post"): codes(R, R, 404, 404, 400, 403),
    ("cityprofiles:introduction-follow-up", "intro_done", "post"): codes(R, R, R, R, 404, 403),
    ("cityprofiles:introduction-withdraw", "intro_waiting", "post"): codes(R, R, R, 404, 404, 403),
    ("cityprofiles:introduction-accept", "intro_asked", "post"): codes(R, R, 404, R, 404, 403),
    ("cityprofiles:introduction-decline", "intro_to_a", "post"): codes(R, R, 404, 404, R, 403),
    ("admin:cityprofiles_introduction_forward", "intro_waiting", "get"): codes(R, R, R, R, R, 405),
    ("admin:cityprofiles_introduction_forward", "intro_waiting", "post"): codes(R, R, R, R, R, R),
    ("admin:cityprofiles_introduction_decline", "intro_waiting", "get"): codes(R, R, R, R, R, 405),
    ("admin:cityprofiles_introduction_decline", "intro_waiting", "post"): codes(R, R, R, R, R, R),
}

DATA = {
    NEW: {"city": "mombasa-test", "message": "How do you run mentoring with schools?"},
    "cityprofiles:introduction-follow-up": {"helped": "yes", "outcome": "documents"},
    "cityprofiles:introduction-decline": {"reason": "We have stopped the scheme."},
    "admin:cityprofiles_introduction_decline": {"reason": "Out of scope."},
}

# Every member page reads the user (the session comes from Redis); then, per page:
BUDGETS = {
    # + the requests and the offers, each with their cities and practice in one query
    "cityprofiles:introduction-list": Budget(3, _mine),
    # + the city and its profile, the open requests' count, the practices offered
    NEW: Budget(4, _practices, query="?city=mombasa-test"),
    # + the request with its cities, practice and people
    "cityprofiles:introduction-detail": Budget(2, _mine, target=_target("intro_asked")),
    # + the offer, and the colleagues a focal point may pass it to
    OFFER: Budget(3, _colleagues, persona="focal_point_a", target=_target("intro_to_a")),
    "cityprofiles:introduction-follow-up": Budget(2, _mine, target=_target("intro_done")),
}
