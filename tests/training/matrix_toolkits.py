"""Toolkits' part of the training matrix (tests/training/matrix.py).

The working group "tk_group" has a toolkit of a document every member may see, a document
shared with city B only, a staff-only document and a practice of city A. Members of city A
(member_a, focal_point_a) share a reader class; member_b (who also sees the B document) and
staff (who see everything) each have another. `tk_archive_a` is city A's built ZIP,
`tk_archive_b` city B's: each is 404 for every other reader class, as one that does not exist.
"""

from __future__ import annotations

import uuid

from cityprofiles.models import CityProfile
from tests.cityprofiles.factories import PracticeFactory
from tests.hub.factories import CityFactory, ThemeFactory
from tests.kit.matrix import Budget, R, codes
from tests.library.factories import DocumentFactory
from tests.training.factories import ModuleFactory, ToolkitFactory, WorkingGroupFactory
from training.models import ToolkitArchive, ToolkitItem
from training.services.toolkits import toolkit_archive_build, toolkit_archive_request


def _profile(city):
    profile, _created = CityProfile.objects.get_or_create(city=city)
    return profile


def _built(toolkit, user) -> ToolkitArchive:
    archive = toolkit_archive_request(toolkit=toolkit, user=user, language="en")
    toolkit_archive_build(archive_id=archive.pk)
    archive.refresh_from_db()
    assert archive.status == ToolkitArchive.Status.DONE
    return archive


def objects(personas):
    users = personas.users
    group = WorkingGroupFactory(slug="tk-prevention")
    toolkit = ToolkitFactory(working_group=group)
    S = ToolkitItem.Section
    ToolkitItem.objects.create(toolkit=toolkit, section=S.BACKGROUND, document=DocumentFactory())
    ToolkitItem.objects.create(
        toolkit=toolkit,
        section=S.CASE_STUDIES,
        document=DocumentFactory(for_cities=True, shared_with=[personas.city_b]),
    )
    ToolkitItem.objects.create(
        toolkit=toolkit, section=S.INTEREST, document=DocumentFactory(staff_only=True)
    )
    ToolkitItem.objects.create(
        toolkit=toolkit,
        section=S.MEMBER_CITIES,
        practice=PracticeFactory(profile=_profile(personas.city_a)),
    )
    toolkit.refresh_from_db()
    return {
        "tk_group": {"slug": group.slug},
        "tk_group_unknown": {"slug": "no-such-group"},
        "tk_archive_a": _built(toolkit, users["member_a"]),
        "tk_archive_b": _built(toolkit, users["member_b"]),
        "tk_archive_unknown": {"pk": 987654321},
        "tk_toolkit": toolkit,
    }


def _groups(personas, objects, n):
    """n more working groups, each with two themes, two lead cities and a toolkit item."""
    for _ in range(n):
        group = WorkingGroupFactory()
        group.themes.set([ThemeFactory(), ThemeFactory()])
        group.lead_cities.set([CityFactory(), CityFactory()])
        toolkit = ToolkitFactory(working_group=group)
        ToolkitItem.objects.create(
            toolkit=toolkit, section=ToolkitItem.Section.BACKGROUND, document=DocumentFactory()
        )


def _items(personas, objects, n):
    """n more of everything the group's page shows: documents A may see, documents it may not
    (city B's, staff-only), practices of other cities, themes, lead cities, modules."""
    toolkit = objects["tk_toolkit"]
    group = toolkit.working_group
    S = ToolkitItem.Section
    for i in range(n):
        ToolkitItem.objects.create(
            toolkit=toolkit, section=S.BACKGROUND, position=i, document=DocumentFactory()
        )
        ToolkitItem.objects.create(
            toolkit=toolkit,
            section=S.CASE_STUDIES,
            position=i,
            document=DocumentFactory(for_cities=True, shared_with=[personas.city_b]),
        )
        ToolkitItem.objects.create(
            toolkit=toolkit, section=S.INTEREST, document=DocumentFactory(staff_only=True)
        )
        ToolkitItem.objects.create(
            toolkit=toolkit,
            section=S.MEMBER_CITIES,
            position=i,
            note_en="What the city learnt.",
            practice=PracticeFactory(),
        )
        group.themes.add(ThemeFactory())
        group.lead_cities.add(CityFactory())
        ModuleFactory(working_group=group)


def _archive_documents(personas, objects, n):
    """n more documents in the toolkit that city A may not see (city B's, staff-only): the
    status page and the download work out the reader's key from every document of the toolkit,
    in as many queries whatever their number, and A's key stays the archive's."""
    toolkit = objects["tk_toolkit"]
    for _ in range(n):
        ToolkitItem.objects.create(
            toolkit=toolkit,
            section=ToolkitItem.Section.INTEREST,
            document=DocumentFactory(staff_only=True),
        )
        ToolkitItem.objects.create(
            toolkit=toolkit,
            section=ToolkitItem.Section.BACKGROUND,
            document=DocumentFactory(for_cities=True, shared_with=[personas.city_b]),
        )


def _other_archives(personas, objects, n):
    """n more archives of the toolkit, of other reader classes and languages (a download reads
    only its own). Adding items would make city A's archive one of an older version."""
    archive = objects["tk_archive_a"]
    for i in range(n):
        ToolkitArchive.objects.create(
            toolkit=archive.toolkit,
            version=archive.version,
            language="fr" if i % 2 else "ar",
            access_key=uuid.uuid4().hex * 2,
        )


ENTRIES = {
    ("training:workinggroup-list", None, "get"): codes(R, R, 200, 200, 200, 200),
    ("training:workinggroup-list", None, "post"): codes(R, R, 405, 405, 405, 405),
    ("training:toolkit-detail", "tk_group", "get"): codes(R, R, 200, 200, 200, 200),
    ("training:toolkit-detail", "tk_group_unknown", "get"): codes(R, R, 404, 404, 404, 404),
    ("training:toolkit-detail", "tk_group", "post"): codes(R, R, 405, 405, 405, 405),
    # Asking for the ZIP: every member, then on to its status page.
    ("training:toolkit-archive-request", "tk_group", "post"): codes(R, R, R, R, R, R),
    ("training:toolkit-archive-request", "tk_group", "get"): codes(R, R, 405, 405, 405, 405),
    ("training:toolkit-archive-request", "tk_group_unknown", "post"): codes(
        R, R, 404, 404, 404, 404
    ),
    # An archive is its reader class's only: city A's members share one, B and staff do not.
    ("training:toolkit-archive-status", "tk_archive_a", "get"): codes(R, R, 200, 404, 200, 404),
    ("training:toolkit-archive-status", "tk_archive_b", "get"): codes(R, R, 404, 200, 404, 404),
    ("training:toolkit-archive-status", "tk_archive_unknown", "get"): codes(
        R, R, 404, 404, 404, 404
    ),
    ("training:toolkit-archive-status", "tk_archive_a", "post"): codes(R, R, 405, 405, 405, 405),
    ("training:toolkit-archive-download", "tk_archive_a", "get"): codes(R, R, 200, 404, 200, 404),
    ("training:toolkit-archive-download", "tk_archive_b", "get"): codes(R, R, 404, 200, 404, 404),
    ("training:toolkit-archive-download", "tk_archive_unknown", "get"): codes(
        R, R, 404, 404, 404, 404
    ),
    ("admin:training_workinggroup_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:training_toolkit_changelist", None, "get"): codes(R, R, R, R, R, 200),
    ("admin:training_toolkitarchive_changelist", None, "get"): codes(R, R, R, R, R, 200),
}

DATA: dict[str, dict[str, str]] = {"training:toolkit-archive-request": {"language": "en"}}

BUDGETS = {
    # The session's user; the groups with their item counts; their themes; their lead cities.
    "training:workinggroup-list": Budget(4, _groups),
    # The user; the group with its toolkit; themes; lead cities; the items; the documents the
    # reader may see among them (library); the practices with their cities; the reader's
    # archive of this version; the group's published modules.
    "training:toolkit-detail": Budget(9, _items, target=lambda objects: objects["tk_group"]),
    # The user; the archive with its toolkit and group; the toolkit's document ids; those the
    # reader may see (library): the reader's key, compared with the archive's.
    "training:toolkit-archive-status": Budget(
        4, _archive_documents, target=lambda objects: {"pk": objects["tk_archive_a"].pk}
    ),
    # The same, then the file is streamed.
    "training:toolkit-archive-download": Budget(
        4, _other_archives, target=lambda objects: {"pk": objects["tk_archive_a"].pk}
    ),
}
