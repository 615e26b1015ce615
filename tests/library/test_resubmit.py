"""My contributions: the rejection reason, the state filter and pages; changing a draft or
rejected contribution and sending it again for review (library.services.document_resubmit)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.errors import NotAllowed
from hub.models import AuditEvent
from library import audit, samples, services
from library.models import Document
from tests.conftest import login
from tests.hub.factories import CityFactory, ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _edit_url(document: Document) -> str:
    return reverse("library:document-update", kwargs={"pk": document.pk})


def _edit_data(document: Document, **changes) -> dict:
    """What the change form posts for `document` as it is, with `changes` applied."""
    data = {
        "title_en": document.title_en or "",
        "title_fr": document.title_fr or "",
        "title_ar": document.title_ar or "",
        "summary_en": document.summary_en or "",
        "language": document.language,
        "kind": document.kind,
        "year": document.year or "",
        "publisher": document.publisher,
        "visibility": document.visibility,
    }
    data.update(changes)
    return data


@pytest.fixture
def rejected(member_a, city_a):
    return DocumentFactory(
        rejected=True,
        contributed_by=member_a,
        contributing_city=city_a,
        title_en="Youth plan",
        pages=["The old text of the plan."],
    )


def test_my_contributions_show_the_reason_a_document_was_rejected(client, member_a, rejected):
    login(client, member_a)
    page = client.get(reverse("library:document-mine"))
    assert rejected.rejection_reason.encode() in page.content
    assert _edit_url(rejected).encode() in page.content


def test_my_contributions_offer_a_change_only_for_drafts_and_rejected_documents(
    client, member_a, city_a, rejected
):
    draft = DocumentFactory(draft=True, contributed_by=member_a)
    pending = DocumentFactory(submitted=True, contributed_by=member_a)
    published = DocumentFactory(contributed_by=member_a)
    login(client, member_a)
    content = client.get(reverse("library:document-mine")).content
    assert _edit_url(rejected).encode() in content
    assert _edit_url(draft).encode() in content
    assert _edit_url(pending).encode() not in content
    assert _edit_url(published).encode() not in content


def test_rejected_document_changed_and_resubmitted_goes_back_to_review_with_new_metadata(
    client, member_a, rejected, django_capture_on_commit_callbacks
):
    theme, city = ThemeFactory(), CityFactory()
    login(client, member_a)
    page = client.get(_edit_url(rejected))
    assert page.status_code == 200
    assert rejected.rejection_reason.encode() in page.content  # why, shown above the form
    assert page.context["form"]["title_en"].value() == "Youth plan"
    data = _edit_data(
        rejected,
        title_en="Youth mentoring plan of Aarhus",
        summary_en="Which city: Aarhus.",
        themes=[theme.pk],
        cities=[city.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(rejected), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("library:document-sent", kwargs={"pk": rejected.pk})
    rejected.refresh_from_db()
    assert rejected.status == Document.Status.SUBMITTED
    assert rejected.rejection_reason == ""
    assert rejected.reviewed_by is None
    assert rejected.title_en == "Youth mentoring plan of Aarhus"
    assert list(rejected.themes.all()) == [theme]
    assert list(rejected.cities.all()) == [city]
    event = AuditEvent.objects.get(action=audit.DOCUMENT_RESUBMITTED)
    assert event.actor == member_a
    assert event.target_id == str(rejected.pk)
    assert event.details["previous_status"] == "rejected"
    assert event.details["fields"] == ["summary_en", "title_en", "cities", "themes"]
    # The file was kept: its text was not extracted again.
    assert rejected.extraction_state == Document.Extraction.INDEXED
    # And it is no longer offered for change.
    assert client.get(_edit_url(rejected)).status_code == 302


def test_resubmitting_with_a_new_file_replaces_it_and_extracts_it_again(
    client, member_a, rejected, django_capture_on_commit_callbacks
):
    old_name = rejected.file.name
    storage = rejected.file.storage
    assert storage.exists(old_name)
    pdf = samples.pdf_bytes(["The corrected plan.", "With the quokkaville pathway."])
    login(client, member_a)
    data = _edit_data(rejected, file=SimpleUploadedFile("new plan.pdf", pdf, "application/pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(rejected), data)
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert (rejected.status, rejected.file_kind, rejected.original_filename) == (
        "submitted",
        "pdf",
        "new plan.pdf",
    )
    assert rejected.extraction_state == Document.Extraction.INDEXED
    assert rejected.page_count == 2
    assert rejected.file.name != old_name
    assert not storage.exists(old_name)
    event = AuditEvent.objects.get(action=audit.DOCUMENT_RESUBMITTED)
    assert event.details["fields"] == ["file"]


def test_resubmitting_with_a_file_already_in_the_library_is_refused_and_changes_nothing(
    client, member_a, rejected, django_capture_on_commit_callbacks
):
    pdf = samples.pdf_bytes(["Someone else's plan."])
    other = DocumentFactory(title_en="The other plan")
    other.sha256 = hashlib.sha256(pdf).hexdigest()
    other.save(update_fields=["sha256"])
    login(client, member_a)
    data = _edit_data(
        rejected,
        title_en="Changed",
        file=SimpleUploadedFile("plan.pdf", pdf, "application/pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(rejected), data)
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["file"][0].code == "duplicate_file"
    assert other.get_absolute_url().encode() in response.content
    rejected.refresh_from_db()
    assert (rejected.status, rejected.title_en) == ("rejected", "Youth plan")


def test_change_page_is_404_for_anyone_but_the_contributor_and_staff(
    client, member_a, rejected, city_a, staff
):
    colleague = UserFactory(city=city_a, email="colleague@a.example")
    login(client, colleague)
    assert client.get(_edit_url(rejected)).status_code == 404
    response = client.post(_edit_url(rejected), _edit_data(rejected, title_en="Hijacked"))
    assert response.status_code == 404
    rejected.refresh_from_db()
    assert (rejected.status, rejected.title_en) == ("rejected", "Youth plan")
    # The service says the same to anyone calling it directly.
    with pytest.raises(NotAllowed):
        services.document_resubmit(document=rejected, by=colleague, changes={})
    # Staff may change it for the contributor.
    login(client, staff)
    assert client.get(_edit_url(rejected)).status_code == 200


@pytest.mark.parametrize("state", ["published", "submitted"])
def test_published_or_pending_document_cannot_be_changed(
    client, member_a, city_a, state, django_capture_on_commit_callbacks
):
    document = DocumentFactory(
        contributed_by=member_a,
        contributing_city=city_a,
        title_en="Decided",
        **({"submitted": True} if state == "submitted" else {}),
    )
    login(client, member_a)
    response = client.get(_edit_url(document))
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    page = client.get(response["Location"])
    assert b"cannot be changed here" in page.content  # the message, on the page it lands on
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_edit_url(document), _edit_data(document, title_en="Changed"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.title_en) == (state, "Decided")
    with pytest.raises(services.NotEditable):
        services.document_resubmit(document=document, by=member_a, changes={"title_en": "X"})
    assert not AuditEvent.objects.filter(action=audit.DOCUMENT_RESUBMITTED).exists()


def test_draft_is_sent_for_review_by_its_contributor(member_a, django_capture_on_commit_callbacks):
    draft = DocumentFactory(draft=True, contributed_by=member_a, title_en="Draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_resubmit(document=draft, by=member_a, changes={"year": 2020})
    draft.refresh_from_db()
    assert (draft.status, draft.year) == ("submitted", 2020)


def test_resubmit_refuses_fields_a_contributor_does_not_describe(member_a, rejected):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        services.document_resubmit(document=rejected, by=member_a, changes={"status": "published"})
    assert caught.value.code == "unknown_field"
    rejected.refresh_from_db()
    assert rejected.status == "rejected"


def test_my_contributions_filter_by_state_in_the_url(client, member_a, rejected):
    pending = DocumentFactory(submitted=True, contributed_by=member_a, title_en="Pending one")
    published = DocumentFactory(contributed_by=member_a, title_en="Published one")
    login(client, member_a)
    url = reverse("library:document-mine")
    shown = {
        state: [d.pk for d in client.get(url, {"status": state}).context["documents"]]
        for state in ("", "submitted", "published", "rejected", "draft", "nonsense")
    }
    assert shown == {
        "": [published.pk, pending.pk, rejected.pk],
        "submitted": [pending.pk],
        "published": [published.pk],
        "rejected": [rejected.pk],
        "draft": [],
        "nonsense": [published.pk, pending.pk, rejected.pk],  # an unknown state: all of them
    }
    page = client.get(url, {"status": "rejected"})
    assert b'<option value="rejected" selected>' in page.content
    assert b'type="submit"' in page.content


def test_my_contributions_are_paginated_with_numbers_first_and_last(client, member_a):
    documents = [
        DocumentFactory(submitted=True, contributed_by=member_a, title_en=f"Plan {n:02}")
        for n in range(45)
    ]
    login(client, member_a)
    url = reverse("library:document-mine")
    first = client.get(url, {"status": "submitted"})
    assert [d.title_en for d in first.context["documents"]] == [
        f"Plan {n:02}" for n in range(44, 24, -1)
    ]
    content = first.content.decode()
    assert 'aria-current="page" href="?status=submitted&amp;page=1"' in content
    assert 'href="?status=submitted&amp;page=3">Last<' in content
    assert ">First<" not in content  # already on the first page
    last = client.get(url, {"status": "submitted", "page": "3"})
    assert [d.pk for d in last.context["documents"]] == [d.pk for d in documents[4::-1]]
    assert 'href="?status=submitted&amp;page=1">First<' in last.content.decode()
    # A page past the end, or not a number, shows the nearest page rather than an error.
    assert client.get(url, {"page": "99"}).context["page_obj"].number == 3
    assert client.get(url, {"page": "x"}).context["page_obj"].number == 1


def test_rejection_email_links_to_changing_the_contribution_in_the_contributors_language(
    member_a, city_a, staff, mailoutbox, django_capture_on_commit_callbacks
):
    member_a.language = "fr"
    member_a.save(update_fields=["language"])
    document = DocumentFactory(submitted=True, contributed_by=member_a, contributing_city=city_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.document_reject(document=document, by=staff, reason="Pas de ville.")
    (message,) = mailoutbox
    assert f"/fr/library/documents/{document.pk}/edit/" in message.body
    assert "Vous pouvez corriger votre contribution" in message.body
