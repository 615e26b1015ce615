"""Working groups and their toolkits: what each reader sees, the version kept by the database,
the ZIP (its content, its sharing between readers, its progress, its failures), a real worker."""

from __future__ import annotations

import io
import threading
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cityprofiles.models import CityProfile
from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.cityprofiles.factories import PracticeFactory
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.kit.worker import Worker, running, wait_until
from tests.library.factories import DocumentFactory
from tests.training.factories import ModuleFactory, ToolkitFactory, WorkingGroupFactory
from training import audit
from training.models import Toolkit, ToolkitArchive, ToolkitItem, WorkingGroup
from training.services.toolkits import (
    MAX_BUILD_ATTEMPTS,
    toolkit_archive_build,
    toolkit_archive_request,
    toolkit_archive_sweep,
    toolkit_item_add,
    toolkit_item_remove,
    working_group_save,
)
from training.toolkits import access_key

S = ToolkitItem.Section


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def kit(city_a, city_b):
    """A toolkit with a document every member sees, one shared with city B only, a staff-only
    one, and a practice of city A; names and notes in the three languages where it matters."""
    group = WorkingGroupFactory(
        slug="youth",
        name_en="Youth engagement",
        name_fr="Engagement des jeunes",
        name_ar="إشراك الشباب",
        description_en="Cities working with young people.",
    )
    group.themes.set([ThemeFactory(name_en="Youth")])
    group.lead_cities.set([city_a])
    toolkit = ToolkitFactory(working_group=group, introduction_en="What we gathered.")
    everyone = DocumentFactory(
        title_en="Mentoring evaluation", title_ar="تقييم الإرشاد", file_kind="pdf"
    )
    only_b = DocumentFactory(
        title_en="Mombasa confidential review", for_cities=True, shared_with=[city_b]
    )
    staff_only = DocumentFactory(title_en="Staff briefing", staff_only=True)
    profile, _ = CityProfile.objects.get_or_create(city=city_a)
    practice = PracticeFactory(profile=profile, title_en="Youth councils", title_ar="مجالس الشباب")
    items = {
        "everyone": ToolkitItem.objects.create(
            toolkit=toolkit,
            section=S.BACKGROUND,
            document=everyone,
            note_en="Start here.",
            note_ar="ابدأ من هنا.",
        ),
        "only_b": ToolkitItem.objects.create(
            toolkit=toolkit, section=S.CASE_STUDIES, document=only_b, note_en="Secret note B."
        ),
        "staff_only": ToolkitItem.objects.create(
            toolkit=toolkit, section=S.INTEREST, document=staff_only
        ),
        "practice": ToolkitItem.objects.create(
            toolkit=toolkit, section=S.MEMBER_CITIES, practice=practice, note_en="A model."
        ),
    }
    toolkit.refresh_from_db()
    return {
        "group": group,
        "toolkit": toolkit,
        "everyone": everyone,
        "only_b": only_b,
        "staff_only": staff_only,
        "practice": practice,
        "items": items,
    }


def _page(client, user, slug="youth", language="en"):
    login(client, user)
    with_language = f"/{language}" + reverse("training:toolkit-detail", args=[slug])[3:]
    response = client.get(with_language)
    assert response.status_code == 200
    return response.content.decode()


def _version(toolkit) -> int:
    return Toolkit.objects.values_list("version", flat=True).get(pk=toolkit.pk)


def _built(toolkit, user, language="en", commit=None) -> ToolkitArchive:
    archive = toolkit_archive_request(toolkit=toolkit, user=user, language=language)
    toolkit_archive_build(archive_id=archive.pk)
    archive.refresh_from_db()
    return archive


def _zip(archive) -> zipfile.ZipFile:
    with archive.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


# --- The pages ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_working_group_list_shows_every_group_with_its_lead_cities(client, member_a, kit):
    login(client, member_a)
    response = client.get(reverse("training:workinggroup-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Youth engagement" in html
    assert reverse("training:toolkit-detail", args=["youth"]) in html
    assert reverse("cityprofiles:city", args=["aarhus-test"]) in html
    assert "4 items in the toolkit" in html


@pytest.mark.django_db
def test_toolkit_page_never_lists_a_document_the_reader_may_not_see(
    client, member_a, member_b, kit
):
    html_a = _page(client, member_a)
    assert "Mentoring evaluation" in html_a and "Start here." in html_a
    assert "Mombasa confidential review" not in html_a
    assert "Secret note B." not in html_a
    assert "Staff briefing" not in html_a
    assert reverse("library:document-detail", args=[kit["only_b"].pk]) not in html_a

    html_b = _page(client, member_b)
    assert "Mombasa confidential review" in html_b and "Secret note B." in html_b
    assert "Staff briefing" not in html_b


@pytest.mark.django_db
def test_toolkit_page_shows_the_four_sections_in_order_and_practices_link_to_their_city(
    client, member_a, kit
):
    html = _page(client, member_a)
    positions = [
        html.index(label)
        for label in (
            "Background research",
            "Interest pieces",
            "Case studies from around the world",
            "Relevant work in member cities",
        )
    ]
    assert positions == sorted(positions)
    city_url = reverse("cityprofiles:city", args=["aarhus-test"])
    assert f"{city_url}#practice-{kit['practice'].key}" in html
    assert "Youth councils" in html and "A model." in html


@pytest.mark.django_db
def test_toolkit_page_is_in_the_readers_language_with_fallbacks_marked(client, member_a, kit):
    html = _page(client, member_a, language="ar")
    assert "إشراك الشباب" in html
    assert "ابدأ من هنا." in html and "مجالس الشباب" in html
    assert 'dir="rtl"' in html
    # The practice's note exists in English only: shown, in English, marked as such.
    assert 'lang="en" dir="ltr">A model.' in html
    assert "translation-note" in html


@pytest.mark.django_db
def test_toolkit_page_lists_the_groups_published_modules(client, member_a, kit):
    ModuleFactory(working_group=kit["group"], title_en="Counter-narratives")
    ModuleFactory(working_group=kit["group"], title_en="Draft module", is_published=False)
    html = _page(client, member_a)
    assert "Counter-narratives" in html
    assert "Draft module" not in html


@pytest.mark.django_db
def test_unknown_working_group_is_404(client, member_a):
    login(client, member_a)
    assert client.get(reverse("training:toolkit-detail", args=["nope"])).status_code == 404


# --- The version, derived in the database --------------------------------------------------


@pytest.mark.django_db
def test_version_grows_with_every_write_path_of_the_items(kit):
    toolkit = kit["toolkit"]
    v = _version(toolkit)
    item = ToolkitItem.objects.create(
        toolkit=toolkit, section=S.INTEREST, document=DocumentFactory()
    )
    assert _version(toolkit) == v + 1
    ToolkitItem.objects.filter(pk=item.pk).update(note_en="Changed by update().")
    assert _version(toolkit) == v + 2
    item.position = 7
    item.save()
    assert _version(toolkit) == v + 3
    # A save that changes nothing is no change.
    item.save()
    assert _version(toolkit) == v + 3
    item.delete()
    assert _version(toolkit) == v + 4
    # An import in plain SQL.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO training_toolkititem (toolkit_id, section, position, document_id,"
            " note, note_en) VALUES (%s, 'background', 9, %s, '', 'Imported.')",
            [toolkit.pk, DocumentFactory().pk],
        )
    assert _version(toolkit) == v + 5


@pytest.mark.django_db
def test_an_item_moved_to_another_toolkit_changes_both(kit):
    toolkit = kit["toolkit"]
    other = ToolkitFactory()
    v, w = _version(toolkit), _version(other)
    ToolkitItem.objects.filter(pk=kit["items"]["everyone"].pk).update(toolkit=other)
    assert (_version(toolkit), _version(other)) == (v + 1, w + 1)


@pytest.mark.django_db
def test_version_grows_with_the_toolkits_content_and_cannot_be_written(kit):
    toolkit = kit["toolkit"]
    v = _version(toolkit)
    before = Toolkit.objects.get(pk=toolkit.pk).changed_at
    Toolkit.objects.filter(pk=toolkit.pk).update(introduction_fr="Ce que nous avons réuni.")
    assert _version(toolkit) == v + 1
    assert Toolkit.objects.get(pk=toolkit.pk).changed_at > before
    # Written directly, or saved from a stale copy: the database keeps its own.
    Toolkit.objects.filter(pk=toolkit.pk).update(version=1)
    toolkit.refresh_from_db()
    toolkit.version = 1
    toolkit.save()
    assert _version(toolkit) == v + 1
    # The working group's name is in the ZIP's index: it counts as well.
    WorkingGroup.objects.filter(pk=kit["group"].pk).update(name_fr="Jeunesse")
    assert _version(toolkit) == v + 2
    WorkingGroup.objects.filter(pk=kit["group"].pk).update(position=3)
    assert _version(toolkit) == v + 2


@pytest.mark.django_db
def test_version_grows_when_staff_change_an_item_in_the_admin(client, staff, kit):
    toolkit = kit["toolkit"]
    v = _version(toolkit)
    login(client, staff)
    url = reverse("admin:training_toolkit_change", args=[toolkit.pk])
    assert client.get(url).status_code == 200
    items = list(ToolkitItem.objects.filter(toolkit=toolkit).order_by("section", "position", "pk"))
    data = {
        "introduction_en": "What we gathered.",
        "introduction_fr": "",
        "introduction_ar": "",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for i, item in enumerate(items):
        data |= {
            f"items-{i}-id": str(item.pk),
            f"items-{i}-toolkit": str(toolkit.pk),
            f"items-{i}-section": item.section,
            f"items-{i}-position": str(item.position),
            f"items-{i}-document": str(item.document_id or ""),
            f"items-{i}-practice": str(item.practice_id or ""),
            f"items-{i}-note_en": item.note_en or "",
            f"items-{i}-note_fr": "",
            f"items-{i}-note_ar": item.note_ar or "",
        }
    first = items.index(kit["items"]["everyone"])
    data[f"items-{first}-note_en"] = "Read this first."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ToolkitItem.objects.get(pk=kit["items"]["everyone"].pk).note_en == "Read this first."
    assert _version(toolkit) == v + 1
    assert AuditEvent.objects.filter(action=audit.TOOLKIT_CURATED).count() == 1


@pytest.mark.django_db
def test_curating_services_check_their_input_and_audit(staff, member_a, kit):
    toolkit = kit["toolkit"]
    with pytest.raises(ValidationError) as error:
        toolkit_item_add(toolkit=toolkit, section=S.BACKGROUND, by=staff)
    assert error.value.code == "one_target"
    with pytest.raises(NotAllowed):
        toolkit_item_add(
            toolkit=toolkit, section=S.BACKGROUND, document=kit["everyone"], by=member_a
        )
    item = toolkit_item_add(
        toolkit=toolkit,
        section=S.BACKGROUND,
        document=DocumentFactory(),
        note={"en": "Short.", "ar": "قصير."},
        by=staff,
    )
    # At the end of its section (the first item of the fixture is at 0).
    assert (item.position, item.note_ar) == (1, "قصير.")
    toolkit_item_remove(item=item, by=staff)
    assert not ToolkitItem.objects.filter(pk=item.pk).exists()
    group = working_group_save(
        group=WorkingGroup(slug="new-group", name_en="New group"), themes=[], by=staff
    )
    assert Toolkit.objects.filter(working_group=group).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        audit.TOOLKIT_ITEM_ADDED,
        audit.TOOLKIT_ITEM_REMOVED,
        audit.WORKING_GROUP_CREATED,
    } <= actions


# --- Who shares an archive -----------------------------------------------------------------


@pytest.mark.django_db
def test_readers_with_the_same_access_share_an_archive_and_others_do_not(
    member_a, focal_point_a, member_b, staff, kit
):
    toolkit = kit["toolkit"]
    a = toolkit_archive_request(toolkit=toolkit, user=member_a, language="en")
    assert toolkit_archive_request(toolkit=toolkit, user=focal_point_a, language="en") == a
    b = toolkit_archive_request(toolkit=toolkit, user=member_b, language="en")
    s = toolkit_archive_request(toolkit=toolkit, user=staff, language="en")
    a_ar = toolkit_archive_request(toolkit=toolkit, user=member_a, language="ar")
    assert len({a.pk, b.pk, s.pk, a_ar.pk}) == 4
    assert a.document_ids == [kit["everyone"].pk]
    assert b.document_ids == sorted([kit["everyone"].pk, kit["only_b"].pk])
    assert a.access_key == access_key([kit["everyone"].pk])
    # One more document city A may see: another reader class (and a new version).
    kit["only_b"].shared_with.add(member_a.city)
    a2 = toolkit_archive_request(toolkit=toolkit, user=member_a, language="en")
    assert a2.pk != a.pk and a2.access_key == b.access_key and a2.version == a.version


@pytest.mark.django_db(transaction=True)
def test_two_readers_asking_at_once_get_one_archive(member_a, focal_point_a, kit):
    barrier = threading.Barrier(2)
    found: list[int] = []

    def ask(user):
        try:
            barrier.wait(5)
            found.append(
                toolkit_archive_request(toolkit=kit["toolkit"], user=user, language="en").pk
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(u,)) for u in (member_a, focal_point_a)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert len(found) == 2 and found[0] == found[1]
    assert ToolkitArchive.objects.count() == 1


@pytest.mark.django_db
def test_request_refuses_a_language_the_hub_does_not_offer(client, member_a, kit):
    with pytest.raises(ValidationError) as error:
        toolkit_archive_request(toolkit=kit["toolkit"], user=member_a, language="de")
    assert error.value.code == "unknown_language"
    login(client, member_a)
    response = client.post(
        reverse("training:toolkit-archive-request", args=["youth"]), {"language": "xx<script>"}
    )
    assert response.status_code == 400
    assert "Choose one of the hub" in response.content.decode()
    assert not ToolkitArchive.objects.exists()


# --- The ZIP -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_zip_holds_the_readers_documents_and_an_index_in_their_language(member_a, kit):
    other = DocumentFactory(
        title_en="Mentoring evaluation", title_ar="تقييم الإرشاد", file_kind="pdf"
    )
    ToolkitItem.objects.create(toolkit=kit["toolkit"], section=S.INTEREST, document=other)
    archive = _built(kit["toolkit"], member_a, language="ar")
    assert archive.status == ToolkitArchive.Status.DONE
    assert archive.done_count == archive.total_count == 2
    zf = _zip(archive)
    names = sorted(zf.namelist())
    # Two documents of the same title: two names.
    assert names == ["documents/تقييم الإرشاد (2).pdf", "documents/تقييم الإرشاد.pdf", "index.html"]
    assert zf.read("documents/تقييم الإرشاد.pdf") == b"plain text"
    # Already compressed kinds are stored as they are; the index is deflated.
    assert zf.getinfo("documents/تقييم الإرشاد.pdf").compress_type == zipfile.ZIP_STORED
    assert zf.getinfo("index.html").compress_type == zipfile.ZIP_DEFLATED
    index = zf.read("index.html").decode()
    assert '<html lang="ar" dir="rtl">' in index
    assert "إشراك الشباب" in index and "ابدأ من هنا." in index
    assert "بحوث أساسية" in index  # "Background research"
    assert 'href="documents/' in index
    city_url = "http://testserver/ar/cities/aarhus-test/#practice-"
    assert city_url in index and "مجالس الشباب" in index
    # What city A may not see is not in its ZIP, not even named.
    assert "Mombasa confidential review" not in index and "Secret note B." not in index
    assert "Staff briefing" not in index


@pytest.mark.django_db
def test_city_bs_zip_has_its_document_and_city_as_does_not(member_a, member_b, kit):
    a = _built(kit["toolkit"], member_a)
    b = _built(kit["toolkit"], member_b)
    assert "documents/Mombasa confidential review.txt" in _zip(b).namelist()
    assert "documents/Mombasa confidential review.txt" not in _zip(a).namelist()
    assert "Secret note B." in _zip(b).read("index.html").decode()


@pytest.mark.django_db
def test_a_missing_file_is_skipped_and_named_in_the_index(member_a, kit):
    kit["everyone"].file.storage.delete(kit["everyone"].file.name)
    archive = _built(kit["toolkit"], member_a)
    assert archive.status == ToolkitArchive.Status.DONE
    zf = _zip(archive)
    assert zf.namelist() == ["index.html"]
    index = zf.read("index.html").decode()
    assert "Mentoring evaluation" in index and "file missing" in index


@pytest.mark.django_db
def test_build_is_idempotent_and_a_poison_archive_is_set_aside(member_a, kit):
    archive = _built(kit["toolkit"], member_a)
    name = archive.file.name
    assert toolkit_archive_build(archive_id=archive.pk) is None
    archive.refresh_from_db()
    assert archive.file.name == name and archive.attempts == 1
    assert toolkit_archive_build(archive_id=123456789) is None

    stuck = toolkit_archive_request(toolkit=kit["toolkit"], user=member_a, language="fr")
    ToolkitArchive.objects.filter(pk=stuck.pk).update(
        status=ToolkitArchive.Status.BUILDING, attempts=MAX_BUILD_ATTEMPTS
    )
    assert toolkit_archive_build(archive_id=stuck.pk) is None
    stuck.refresh_from_db()
    assert (stuck.status, stuck.failure_reason) == ("failed", "worker_crashed")


@pytest.mark.django_db
def test_a_storage_failure_is_recorded_with_its_reason_and_asking_again_retries(
    client, settings, member_a, kit, commit
):
    # Where the archives go is a file, not a folder: writing the ZIP there fails.
    (settings.MEDIA_ROOT / "toolkits").write_text("not a folder")
    login(client, member_a)
    with commit():
        response = client.post(reverse("training:toolkit-archive-request", args=["youth"]))
    archive = ToolkitArchive.objects.get()
    assert response["Location"] == reverse("training:toolkit-archive-status", args=[archive.pk])
    assert (archive.status, archive.failure_reason) == ("failed", "storage")
    html = client.get(response["Location"]).content.decode()
    assert "could not be written" in html and "Try again" in html

    (settings.MEDIA_ROOT / "toolkits").unlink()
    with commit():
        client.post(reverse("training:toolkit-archive-request", args=["youth"]))
    archive.refresh_from_db()
    assert archive.status == "done" and archive.failure_reason == ""


@pytest.mark.django_db
def test_an_archive_asked_for_before_a_change_is_not_built(member_a, kit):
    archive = toolkit_archive_request(toolkit=kit["toolkit"], user=member_a, language="en")
    ToolkitItem.objects.create(
        toolkit=kit["toolkit"], section=S.INTEREST, document=DocumentFactory()
    )
    assert toolkit_archive_build(archive_id=archive.pk) is None
    archive.refresh_from_db()
    assert (archive.status, archive.failure_reason) == ("failed", "outdated")


@pytest.mark.django_db
def test_a_new_version_makes_a_new_archive_and_removes_the_older_ones(member_a, kit):
    old = _built(kit["toolkit"], member_a)
    storage, old_name = old.file.storage, old.file.name
    assert storage.exists(old_name)
    # Still the same version: the same archive, not built again.
    assert toolkit_archive_request(toolkit=kit["toolkit"], user=member_a, language="en") == old
    Toolkit.objects.filter(pk=kit["toolkit"].pk).update(introduction_en="New introduction.")
    new = _built(kit["toolkit"], member_a)
    assert new.pk != old.pk and new.version == old.version + 1
    assert not ToolkitArchive.objects.filter(pk=old.pk).exists()
    assert not storage.exists(old_name)
    assert "New introduction." in _zip(new).read("index.html").decode()


@pytest.mark.django_db
def test_sweeper_sends_again_archives_left_waiting(member_a, kit, commit):
    archive = toolkit_archive_request(toolkit=kit["toolkit"], user=member_a, language="en")
    assert toolkit_archive_sweep() == 0
    ToolkitArchive.objects.filter(pk=archive.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    assert toolkit_archive_sweep() == 1  # eager in tests: built at once
    archive.refresh_from_db()
    assert archive.status == "done"
    # The toolkit changes and nobody asks again: the sweeper removes the old ZIP too.
    storage, name = archive.file.storage, archive.file.name
    Toolkit.objects.filter(pk=kit["toolkit"].pk).update(introduction_en="Changed.")
    toolkit_archive_sweep()
    assert not ToolkitArchive.objects.filter(pk=archive.pk).exists()
    assert not storage.exists(name)


# --- Status and download -----------------------------------------------------------------


@pytest.mark.django_db
def test_status_page_shows_progress_then_the_download(client, member_a, kit):
    login(client, member_a)
    archive = toolkit_archive_request(toolkit=kit["toolkit"], user=member_a, language="en")
    url = reverse("training:toolkit-archive-status", args=[archive.pk])
    html = client.get(url).content.decode()
    assert '<progress id="archive-progress"' in html and 'max="1" value="0"' in html
    assert f'href="{url}"' in html  # the refresh link, for a browser without JavaScript
    assert "js/toolkit-archive.js" in html
    toolkit_archive_build(archive_id=archive.pk)
    html = client.get(url).content.decode()
    download = reverse("training:toolkit-archive-download", args=[archive.pk])
    assert f'href="{download}"' in html and "<progress" not in html
    assert "toolkit-archive.js" not in html
    # The toolkit page links to the ready ZIP too.
    assert download in _page(client, member_a)


@pytest.mark.django_db
def test_download_sends_the_zip_with_a_safe_name(client, member_a, kit):
    archive = _built(kit["toolkit"], member_a, language="fr")
    login(client, member_a)
    response = client.get(reverse("training:toolkit-archive-download", args=[archive.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "Engagement%20des%20jeunes" in disposition.split("filename*=UTF-8''")[1]
    assert disposition.endswith(".zip")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None


@pytest.mark.django_db
def test_another_readers_archive_or_a_tampered_id_is_404(client, member_a, member_b, kit):
    b = _built(kit["toolkit"], member_b)
    login(client, member_a)
    for name in ("training:toolkit-archive-status", "training:toolkit-archive-download"):
        assert client.get(reverse(name, args=[b.pk])).status_code == 404
        assert client.get(reverse(name, args=[b.pk + 1000])).status_code == 404
    assert client.get("/en/training/toolkit-archives/99999999999999999999/").status_code == 404


@pytest.mark.django_db
def test_download_is_404_once_the_reader_loses_access_or_the_toolkit_changes(client, member_b, kit):
    archive = _built(kit["toolkit"], member_b)
    login(client, member_b)
    url = reverse("training:toolkit-archive-download", args=[archive.pk])
    assert client.get(url).status_code == 200
    kit["only_b"].shared_with.clear()
    assert client.get(url).status_code == 404
    kit["only_b"].shared_with.add(member_b.city)
    assert client.get(url).status_code == 200
    ToolkitItem.objects.filter(pk=kit["items"]["practice"].pk).update(note_en="Changed.")
    assert client.get(url).status_code == 404
    status = client.get(reverse("training:toolkit-archive-status", args=[archive.pk]))
    assert "has changed since" in status.content.decode()


# --- A real worker -----------------------------------------------------------------------


class ToolkitWorker(Worker):
    queue = "toolkits"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_archive_asked_for_on_the_page(
    client, settings, tmp_path, member_a, kit
):
    login(client, member_a)
    with running(ToolkitWorker(settings.MEDIA_ROOT, tmp_path / "worker.log")):
        response = client.post(reverse("training:toolkit-archive-request", args=["youth"]))
        assert response.status_code == 302
        archive = ToolkitArchive.objects.get()
        assert wait_until(lambda: ToolkitArchive.objects.get(pk=archive.pk).status == "done", 60), (
            tmp_path / "worker.log"
        ).read_text()[-3000:]
    archive.refresh_from_db()
    assert archive.done_count == 1 and archive.size > 0
    assert "documents/Mentoring evaluation.pdf" in _zip(archive).namelist()
    html = client.get(response["Location"]).content.decode()
    assert reverse("training:toolkit-archive-download", args=[archive.pk]) in html


@pytest.mark.django_db
def test_staff_see_every_document_and_members_of_a_suspended_account_nothing(client, staff, kit):
    html = _page(client, staff)
    assert "Staff briefing" in html and "Mombasa confidential review" in html
    suspended = UserFactory(city=CityFactory(), suspended=True)
    with pytest.raises(NotAllowed):
        toolkit_archive_request(toolkit=kit["toolkit"], user=suspended, language="en")


@pytest.mark.django_db
def test_staff_add_a_working_group_in_the_admin_and_it_gets_its_toolkit(client, staff, city_a):
    login(client, staff)
    url = reverse("admin:training_workinggroup_add")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name_en": "Online harms",
            "name_fr": "Préjudices en ligne",
            "name_ar": "الأضرار عبر الإنترنت",
            "slug": "online-harms",
            "description_en": "",
            "description_fr": "",
            "description_ar": "",
            "lead_cities": [str(city_a.pk)],
            "position": "2",
            "provenance": "hub",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    group = WorkingGroup.objects.get(slug="online-harms")
    assert list(group.lead_cities.all()) == [city_a]
    toolkit = Toolkit.objects.get(working_group=group)
    change = client.get(reverse("admin:training_workinggroup_change", args=[group.pk]))
    assert reverse("admin:training_toolkit_change", args=[toolkit.pk]) in change.content.decode()
    assert AuditEvent.objects.filter(action=audit.WORKING_GROUP_CREATED).exists()
