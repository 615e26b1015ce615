"""Review and publication of a profile draft: sending it, staff returning or publishing it in
the admin (editors emailed in their language), the numbered history, the audit and the admin's
queue; discarding a draft."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from cityprofiles import audit, drafts, drafts_diff
from cityprofiles.models import CityProfile, Practice, ProfileDraft, ProfilePublication
from cityprofiles.services import editing as services
from hub import pending
from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.cityprofiles.editing_kit import draft_of, editor_url, practice_data, profile_data
from tests.cityprofiles.factories import profile_of
from tests.conftest import login
from tests.hub.factories import UserFactory

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------
# Review and publication
# --------------------------------------------------------------------------------------------


def test_nothing_to_send_when_the_draft_is_the_published_profile(client, city_a, focal_point_a):
    login(client, focal_point_a)
    response = client.post(editor_url("draft-submit", city_a), {"version": 1})
    assert response.status_code == 409
    assert "nothing to send" in response.content.decode()


def test_submit_return_and_publish_with_emails_in_each_editors_language(
    client, city_a, focal_point_a, editor_a, staff, django_capture_on_commit_callbacks
):
    focal_point_a.language = "fr"
    focal_point_a.save(update_fields=["language"])
    UserFactory(city=city_a, email="not.an.editor@city.example")  # told nothing
    login(client, focal_point_a)
    client.post(editor_url("draft-profile", city_a), profile_data(1, overview_en="Port city."))
    response = client.post(editor_url("draft-submit", city_a), {"version": 2})
    assert response.status_code == 302
    draft = draft_of(city_a)
    assert (draft.state, draft.submitted_by) == ("submitted", focal_point_a)
    # While it waits for review, it cannot be changed.
    assert client.get(editor_url("draft-profile", city_a)).status_code == 302
    saved = client.post(editor_url("draft-profile", city_a), profile_data(2, overview_en="Later."))
    assert saved.status_code == 409
    assert "waiting for review" in saved.content.decode()

    # Staff return it with a comment.
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:cityprofiles_profiledraft_reject", args=[draft.pk]),
            {"reason": "Please add your practices."},
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.state, draft.return_comment) == ("returned", "Please add your practices.")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {focal_point_a.email, editor_a.email}
    assert "Please add your practices." in by_address[editor_a.email].body
    assert "Aarhus Test" in by_address[focal_point_a.email].subject
    french, arabic = by_address[focal_point_a.email], by_address[editor_a.email]
    assert "profil" in french.subject.lower()
    assert re.search(r"[\u0600-\u06ff]", arabic.subject)
    assert AuditEvent.objects.get(action=audit.DRAFT_RETURNED).details == {
        "comment": "Please add your practices."
    }

    # The editors see the comment, change the draft and send it again.
    login(client, editor_a)
    page = client.get(editor_url("draft-detail", city_a)).content.decode()
    assert "Please add your practices." in page
    version = draft_of(city_a).version
    assert (
        client.post(editor_url("draft-practice-create", city_a), practice_data(version)).status_code
        == 302
    )
    assert draft_of(city_a).state == "editing"
    assert (
        client.post(editor_url("draft-submit", city_a), {"version": version + 1}).status_code == 302
    )

    # Staff see what changed and publish it.
    mail.outbox.clear()
    login(client, staff)
    change = client.get(reverse("admin:cityprofiles_profiledraft_change", args=[draft.pk]))
    assert change.status_code == 200
    html = change.content.decode()
    assert "Overview (English)" in html and "Port city." in html
    assert "Mentors for young people" in html
    assert 'name="_save"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:cityprofiles_profiledraft_publish", args=[draft.pk]))
    assert response.status_code == 302
    profile = CityProfile.objects.get(city=city_a)
    assert profile.overview_en == "Port city."
    assert profile.published_at is not None
    assert Practice.objects.get(profile=profile).title_en == "Mentors for young people"
    publication = ProfilePublication.objects.get(city=city_a)
    assert (publication.number, publication.published_by, publication.submitted_by) == (
        1,
        staff,
        editor_a,
    )
    assert {(c["kind"], c["name"]) for c in publication.changes} >= {
        ("profile", "overview_en"),
        ("practice", "title_en"),
    }
    assert publication.snapshot["profile"]["overview_en"] == "Port city."
    # The draft starts again from what was published.
    draft.refresh_from_db()
    assert draft.state == "editing" and draft.based_on == publication
    assert drafts_diff.diff(drafts.content_of_published(city_a), draft.content) == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_point_a.email, editor_a.email])
    assert "publi" in {m.to[0]: m for m in mail.outbox}[focal_point_a.email].subject.lower()
    event = AuditEvent.objects.get(action=audit.PROFILE_PUBLISHED)
    assert event.actor == staff and event.details["number"] == 1
    assert AuditEvent.objects.filter(action=audit.DRAFT_SUBMITTED).count() == 2

    # The history page shows who and when.
    history = client.get(
        reverse("admin:cityprofiles_profilepublication_change", args=[publication.pk])
    )
    assert history.status_code == 200
    assert "Port city." in history.content.decode()


def test_a_second_publication_is_numbered_after_the_first(city_a, focal_point_a, staff):
    for number, text in enumerate(("One.", "Two."), start=1):
        draft = services.draft_for_editing(city=city_a, by=focal_point_a)
        draft = services.draft_save(
            draft=draft,
            by=focal_point_a,
            part="profile",
            data={"overview_en": text},
            version=draft.version,
        )
        draft = services.draft_submit(draft=draft, by=focal_point_a, version=draft.version)
        publication = services.draft_publish(draft=draft, by=staff)
        assert publication.number == number
    assert [p.changes[0]["after"] for p in ProfilePublication.objects.order_by("number")] == [
        "One.",
        "Two.",
    ]


def test_only_staff_publish_and_return_and_only_a_submitted_draft(city_a, focal_point_a, staff):
    draft = services.draft_for_editing(city=city_a, by=focal_point_a)
    with pytest.raises(NotAllowed):
        services.draft_publish(draft=draft, by=focal_point_a)
    with pytest.raises(services.NotSubmitted):
        services.draft_publish(draft=draft, by=staff)
    with pytest.raises(services.NotSubmitted):
        services.draft_return(draft=draft, by=staff, comment="No.")
    with pytest.raises(ValidationError):
        services.draft_return(draft=draft, by=staff, comment="  ")
    assert not ProfilePublication.objects.exists()


def test_drafts_waiting_for_review_come_first_and_are_counted_on_the_admin_index(
    client, city_a, city_b, focal_point_a, staff
):
    ProfileDraft.objects.create(city=city_b, content=drafts.content_of_published(city_b))
    draft = services.draft_for_editing(city=city_a, by=focal_point_a)
    draft = services.draft_save(
        draft=draft, by=focal_point_a, part="profile", data={"overview_en": "X"}, version=1
    )
    services.draft_submit(draft=draft, by=focal_point_a, version=2)
    [counter] = [c for c in pending.counters() if c.url_name.endswith("profiledraft_changelist")]
    assert counter.count() == 1
    login(client, staff)
    page = client.get(reverse("admin:cityprofiles_profiledraft_changelist"))
    assert page.status_code == 200
    assert [d.city for d in page.context["cl"].result_list] == [city_a, city_b]
    index = client.get(reverse("admin:index")).content.decode()
    assert "Profile drafts waiting for review" in index


def test_discarding_the_draft_brings_back_the_published_profile(client, city_a, focal_point_a):
    profile_of(city_a, overview_en="Published.")
    login(client, focal_point_a)
    client.post(editor_url("draft-profile", city_a), profile_data(1, overview_en="Changed."))
    assert client.post(editor_url("draft-discard", city_a), {"version": 1}).status_code == 409
    assert draft_of(city_a).content["profile"]["overview_en"] == "Changed."
    assert client.post(editor_url("draft-discard", city_a), {"version": 2}).status_code == 302
    draft = draft_of(city_a)
    assert draft.content["profile"]["overview_en"] == "Published."
    assert draft.version == 3
    assert AuditEvent.objects.get(action=audit.DRAFT_DISCARDED).actor == focal_point_a
