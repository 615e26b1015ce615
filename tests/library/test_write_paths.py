"""One write path per model, and derived state that follows every write.

A document's title and summary words are derived by the database from its columns (migration
0005): whatever changes a title (the admin, the service, a queryset update, a plain save, a
bulk insert), the next search finds the document by its new words and not by its old ones.
Staff's decisions go through services and leave a trace in the audit log.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from hub.models import AuditEvent
from library import audit, services
from library.admin import DocumentAdmin
from library.models import Document, DocumentChunk
from library.search import DOCUMENTS
from tests.conftest import login
from tests.hub.factories import ThemeFactory
from tests.kit.search import found
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _finds(user, words: str) -> set[int]:
    data = QueryDict(mutable=True)
    data["q"] = words
    return found(DOCUMENTS, user, data)


def _admin_form_data(document: Document, staff, **changes) -> dict:
    """What the admin's change form posts for `document`, with `changes` applied."""
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = staff
    form_class = DocumentAdmin(Document, site).get_form(request, document)
    form = form_class(instance=document)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = "" if value is None else value
        if field.show_hidden_initial:  # fields with a callable default, as the browser posts
            data[f"initial-{name}"] = data[name]
    data.update(changes)
    return data


PATHS = ["admin", "service", "queryset_update", "save", "bulk_create"]


@pytest.mark.parametrize("path", PATHS)
def test_a_new_title_is_found_by_its_words_whatever_changed_it(path, client, member_a, staff):
    if path == "bulk_create":
        (document,) = Document.objects.bulk_create(
            [DocumentFactory.build(title_en="Annual report", summary_en="Figures of the year.")]
        )
        document.title_en = "Quokkaville mentoring report"
        Document.objects.bulk_update([document], ["title_en"])
    else:
        document = DocumentFactory(title_en="Annual report", summary_en="Figures of the year.")
        assert _finds(member_a, "annual") == {document.pk}
        if path == "admin":
            login(client, staff)
            response = client.post(
                reverse("admin:library_document_change", args=[document.pk]),
                _admin_form_data(document, staff, title_en="Quokkaville mentoring report"),
            )
            assert response.status_code == 302, response.content.decode()[:2000]
        elif path == "service":
            services.document_update(
                document=document, by=staff, changes={"title_en": "Quokkaville mentoring report"}
            )
        elif path == "queryset_update":
            Document.objects.filter(pk=document.pk).update(title_en="Quokkaville mentoring report")
        elif path == "save":
            document.title_en = "Quokkaville mentoring report"
            document.save()
    assert _finds(member_a, "quokkaville") == {document.pk}
    assert _finds(member_a, "mentoring") == {document.pk}
    assert _finds(member_a, "annual") == set()
    # The summary, untouched, is still searchable; the highlight reads the new title.
    assert _finds(member_a, "figures") == {document.pk}


def test_summaries_and_publisher_follow_too_and_a_language_can_be_removed(member_a):
    document = DocumentFactory(title_en="Plan", title_fr="Plan local", summary_en="Old words.")
    Document.objects.filter(pk=document.pk).update(
        summary_en="Neighbourhood mediation.", publisher="Quokkaville Council", title_fr=None
    )
    assert _finds(member_a, "mediation") == {document.pk}
    assert _finds(member_a, "quokkaville") == {document.pk}
    assert _finds(member_a, "old") == set()
    configs = set(
        DocumentChunk.objects.filter(document=document, kind="meta").values_list(
            "config", flat=True
        )
    )
    assert configs == {"hub_en"}


def test_arabic_titles_are_kept_as_written_and_matched_folded_as_search_folds_them(member_a):
    document = DocumentFactory(title_en=None, title_ar="تقرير", language="ar")
    Document.objects.filter(pk=document.pk).update(title_ar="دليلُ الإرشادِ")
    chunk = DocumentChunk.objects.get(document=document, kind="meta")
    assert chunk.config == "hub_ar"
    assert chunk.text == "دليلُ الإرشادِ"  # as written, for snippets
    assert "'ارشاد'" in str(
        DocumentChunk.objects.filter(pk=chunk.pk).values_list("vector", flat=True)[0]
    )
    assert _finds(member_a, "الإرشاد") == {document.pk}
    assert _finds(member_a, "ارشاد") == {document.pk}


def test_an_unchanged_description_does_not_rebuild_its_chunks(member_a):
    document = DocumentFactory(title_en="Plan", pages=["body text"])
    before = set(DocumentChunk.objects.filter(document=document).values_list("pk", flat=True))
    Document.objects.filter(pk=document.pk).update(year=2020)
    document.refresh_from_db()
    document.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT library_document_meta_chunks(ARRAY[%s]::bigint[])", [document.pk])
    after = set(DocumentChunk.objects.filter(document=document).values_list("pk", flat=True))
    assert before == after


def test_the_admin_saves_through_the_service_and_the_change_is_audited(client, staff):
    youth = ThemeFactory(slug="youth")
    document = DocumentFactory(title_en="Annual report")
    login(client, staff)
    response = client.post(
        reverse("admin:library_document_change", args=[document.pk]),
        _admin_form_data(document, staff, title_en="Youth report", themes=[youth.pk]),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title_en == "Youth report"
    assert list(document.themes.all()) == [youth]
    event = AuditEvent.objects.get(action=audit.DOCUMENT_UPDATED)
    assert event.actor == staff
    assert event.target_type == ContentType.objects.get_for_model(Document)
    assert event.target_id == str(document.pk)
    assert set(event.details["fields"]) == {"title_en", "themes"}


def test_document_update_refuses_members_and_unknown_fields(member_a, staff):
    from django.core.exceptions import ValidationError

    from hub.errors import NotAllowed

    document = DocumentFactory(title_en="Annual report")
    with pytest.raises(NotAllowed):
        services.document_update(document=document, by=member_a, changes={"title_en": "X"})
    with pytest.raises(ValidationError) as error:
        services.document_update(document=document, by=staff, changes={"status": "published"})
    assert error.value.code == "unknown_field"
    with pytest.raises(ValidationError) as error:
        services.document_update(document=document, by=staff, changes={"title_en": " "})
    assert "title_en" in error.value.error_dict
    document.refresh_from_db()
    assert document.title_en == "Annual report"
    assert not AuditEvent.objects.filter(action=audit.DOCUMENT_UPDATED).exists()


@pytest.mark.parametrize(
    ("action", "code"),
    [
        ("publish", audit.DOCUMENT_PUBLISHED),
        ("archive", audit.DOCUMENT_ARCHIVED),
        ("reextract", audit.DOCUMENT_REEXTRACTED),
    ],
)
def test_admin_review_actions_are_audited_per_document(client, staff, action, code):
    documents = [DocumentFactory(submitted=True) for _ in range(2)]
    login(client, staff)
    response = client.post(
        reverse("admin:library_document_changelist"),
        {"action": action, "_selected_action": [d.pk for d in documents]},
    )
    assert response.status_code == 302
    events = AuditEvent.objects.filter(action=code)
    assert sorted(int(e.target_id) for e in events) == sorted(d.pk for d in documents)
    assert {e.actor for e in events} == {staff}


def test_rejection_is_audited_with_its_reason_and_shown_in_the_audit_admin(client, staff):
    document = DocumentFactory(submitted=True, title_en="Out of scope report")
    login(client, staff)
    changelist = reverse("admin:library_document_changelist")
    client.post(
        changelist,
        {"action": "reject", "_selected_action": [document.pk], "apply": "1", "reason": "Scope."},
    )
    event = AuditEvent.objects.get(action=audit.DOCUMENT_REJECTED)
    assert event.details == {"reason": "Scope."}
    assert event.target_repr == "Out of scope report"
    page = client.get(reverse("admin:hub_auditevent_changelist"), {"action": event.action})
    assert page.status_code == 200
    assert "document rejected" in page.content.decode()
    assert "Out of scope report" in page.content.decode()


def test_deleting_in_the_admin_goes_through_the_service(
    client, staff, member_a, django_capture_on_commit_callbacks
):
    document = DocumentFactory(title_en="Mistaken upload", pages=["quokkaville"])
    path = document.file.path
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:library_document_delete", args=[document.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not DocumentChunk.objects.filter(document_id=document.pk).exists()
    assert _finds(staff, "quokkaville") == set()
    event = AuditEvent.objects.get(action=audit.DOCUMENT_DELETED)
    assert (event.actor, event.target_id, event.target_repr) == (
        staff,
        str(document.pk),
        "Mistaken upload",
    )
    from pathlib import Path

    assert not Path(path).exists()
