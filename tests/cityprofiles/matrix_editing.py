"""The profile editor's part of the city profiles matrix (tests/cityprofiles/matrix.py).

City A's draft holds a challenge and a practice. Only its focal point (of the matrix's
personas) edits it: member_a is of the city but not named an editor, member_b of another city,
staff review in the admin and edit nothing on the site — 404 for all three. A practice key of
city B on city A's editor (tampered) is 404 for everyone. POSTs carry no data (or a stale
version), so they are refused and change nothing the entries after them see.
"""

from __future__ import annotations

from cityprofiles import drafts
from cityprofiles.models import ProfileDraft
from cityprofiles.services import editing
from tests.cityprofiles.factories import ChallengeFactory, PracticeFactory, profile_of
from tests.hub.factories import ThemeFactory, UserFactory
from tests.kit.matrix import Budget, R, codes
from tests.library.factories import DocumentFactory


def objects(personas):
    city_a, city_b = personas.city_a, personas.city_b
    focal_point = personas.users["focal_point_a"]
    draft = editing.draft_for_editing(city=city_a, by=focal_point)
    draft = editing.draft_save(
        draft=draft,
        by=focal_point,
        part="challenge",
        data={"text_en": "Young people drawn to extremist groups online"},
        version=draft.version,
    )
    draft = editing.draft_save(
        draft=draft,
        by=focal_point,
        part="practice",
        data={"title_en": "Mentoring circles", "summary_en": "Weekly circles in schools."},
        version=draft.version,
    )
    theirs = PracticeFactory(profile=profile_of(city_b))
    slug = city_a.slug
    return {
        "editing_a": {"slug": slug},
        "editing_b": {"slug": city_b.slug},
        "editing_unknown": {"slug": "no-such-city"},
        "editing_challenge": {"slug": slug, "key": draft.content["challenges"][0]["key"]},
        "editing_practice": {"slug": slug, "key": draft.content["practices"][0]["key"]},
        "editing_tampered": {"slug": slug, "key": str(theirs.key)},
        "editing_draft": draft,
        "editing_draft_page": {"object_id": draft.pk},  # the admin's change page's kwarg
    }


def _draft_rows(personas, objects, n):
    """n more of what the editor's pages list or offer: challenges and practices in the draft,
    and published ones (the changes are computed against them), themes, library documents of
    the city (and as many it may not see), people of the city."""
    city_a = personas.city_a
    profile = profile_of(city_a)
    draft = ProfileDraft.objects.get(city=city_a)
    content = draft.content
    for _ in range(n):
        theme = ThemeFactory()
        document = DocumentFactory(contributing_city=city_a)
        DocumentFactory(contributing_city=city_a, staff_only=True)
        person = UserFactory(city=city_a)
        ChallengeFactory(profile=profile, themes=[theme])
        PracticeFactory(profile=profile, themes=[theme], evaluation=document, contact=person)
        content["challenges"].append(
            {"key": drafts.new_key(), "text_en": "A challenge", "themes": [theme.slug]}
        )
        content["practices"].append(
            drafts.empty_practice()
            | {
                "key": drafts.new_key(),
                "title_en": "A practice",
                "summary_en": "What it does.",
                "themes": [theme.slug],
                "evaluation": document.pk,
                "contact": person.pk,
            }
        )
    ProfileDraft.objects.filter(pk=draft.pk).update(content=content)


EDITOR = codes(R, R, 404, 404, 200, 404)
NOT_EDITOR = codes(R, R, 404, 404, 404, 404)
REFUSED = codes(R, R, 404, 404, 400, 404)  # a POST without data: the editor is told why
ADMIN = codes(R, R, R, R, R, 200)

ENTRIES = {
    ("cityprofiles:draft-detail", "editing_a", "get"): EDITOR,
    ("cityprofiles:draft-detail", "editing_b", "get"): NOT_EDITOR,
    ("cityprofiles:draft-detail", "editing_unknown", "get"): NOT_EDITOR,
    ("cityprofiles:draft-profile", "editing_a", "get"): EDITOR,
    ("cityprofiles:draft-profile", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-profile", "editing_b", "get"): NOT_EDITOR,
    ("cityprofiles:draft-profile", "editing_b", "post"): NOT_EDITOR,
    ("cityprofiles:draft-challenge-create", "editing_a", "get"): EDITOR,
    ("cityprofiles:draft-challenge-create", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-challenge-update", "editing_challenge", "get"): EDITOR,
    ("cityprofiles:draft-challenge-update", "editing_challenge", "post"): REFUSED,
    ("cityprofiles:draft-challenge-delete", "editing_challenge", "post"): REFUSED,
    ("cityprofiles:draft-network", "editing_a", "get"): EDITOR,
    ("cityprofiles:draft-network", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-network-delete", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-practice-create", "editing_a", "get"): EDITOR,
    ("cityprofiles:draft-practice-create", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-practice-create", "editing_b", "post"): NOT_EDITOR,
    ("cityprofiles:draft-practice-update", "editing_practice", "get"): EDITOR,
    ("cityprofiles:draft-practice-update", "editing_practice", "post"): REFUSED,
    ("cityprofiles:draft-practice-update", "editing_tampered", "get"): NOT_EDITOR,
    ("cityprofiles:draft-practice-update", "editing_tampered", "post"): NOT_EDITOR,
    ("cityprofiles:draft-practice-delete", "editing_practice", "post"): REFUSED,
    ("cityprofiles:draft-practice-delete", "editing_tampered", "post"): NOT_EDITOR,
    ("cityprofiles:draft-submit", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-discard", "editing_a", "post"): REFUSED,
    ("cityprofiles:draft-discard", "editing_b", "post"): NOT_EDITOR,
    # Only the focal point names editors (a named editor may not: tests/.../test_editing.py).
    ("cityprofiles:draft-editors", "editing_a", "get"): EDITOR,
    ("cityprofiles:draft-editors", "editing_b", "get"): NOT_EDITOR,
    ("cityprofiles:draft-editors", "editing_b", "post"): NOT_EDITOR,
    ("admin:cityprofiles_profiledraft_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_profilepublication_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_cityprofile_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_practice_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_preventionnetwork_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_partnercity_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_cityexchange_changelist", None, "get"): ADMIN,
    ("admin:cityprofiles_profiledraft_change", "editing_draft_page", "get"): ADMIN,
    # Publish / return: staff only, POST only; the draft is not waiting for review, so staff
    # are sent back to its page with the reason.
    ("admin:cityprofiles_profiledraft_publish", "editing_draft", "get"): codes(R, R, R, R, R, 405),
    ("admin:cityprofiles_profiledraft_publish", "editing_draft", "post"): codes(R, R, R, R, R, R),
    ("admin:cityprofiles_profiledraft_reject", "editing_draft", "post"): codes(R, R, R, R, R, R),
}

DATA: dict[str, dict[str, str]] = {
    "admin:cityprofiles_profiledraft_reject": {"reason": "Please add your practices."},
}


def _editor(queries, key="editing_a"):
    """The budget of an editor's page (the focal point's) of the draft at `key`'s URL."""
    return Budget(
        queries, _draft_rows, persona="focal_point_a", target=lambda objects: objects[key]
    )


BUDGETS = {
    # The user; the city; the draft; the published content (profile, challenges and their
    # themes, network and its documents, practices and their themes); the names of what the
    # changes refer to (themes, documents the editor may see, people); the profile's date.
    "cityprofiles:draft-detail": _editor(13),
    "cityprofiles:draft-profile": _editor(4),
    "cityprofiles:draft-challenge-create": _editor(4),
    "cityprofiles:draft-challenge-update": _editor(4, "editing_challenge"),
    "cityprofiles:draft-network": _editor(4),
    "cityprofiles:draft-practice-create": _editor(6),
    "cityprofiles:draft-practice-update": _editor(6, "editing_practice"),
    "cityprofiles:draft-editors": _editor(6),
}
