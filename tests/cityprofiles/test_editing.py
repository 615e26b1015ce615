"""Editing a city's profile (cityprofiles.services.editing and its pages): who may edit, saving
one part at a time in any language, refusing a stale save, refusing bad input, sending for
review, publishing or returning in the admin, the history and the audit."""

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
from tests.cityprofiles.factories import PracticeFactory, profile_of
from tests.conftest import login
from tests.hub.factories import ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

TEN_KB = "x" * 10_240


def _url(name: str, city, **kwargs) -> str:
    return reverse(f"cityprofiles:{name}", kwargs={"slug": city.slug, **kwargs})


def _profile_data(version: int, language: str = "en", **changes) -> dict:
    data = {
        "version": version,
        f"overview_{language}": "",
        f"approach_{language}": "",
        f"contact_note_{language}": "",
        "source_language": "en",
        "population_band": "",
        "contact_policy": "open",
        "local_action_plan": "",
    }
    return data | changes


def _practice_data(version: int, **changes) -> dict:
    data = {
        "version": version,
        "title_en": "Mentors for young people",
        "summary_en": "Older students mentor pupils at risk.",
        "partners_en": "",
        "results_en": "",
        "source_language": "en",
        "kind": "programme",
        "status": "running",
        "start_year": "2017",
        "end_year": "",
        "evidence_level": "described",
        "evaluation": "",
        "contact": "",
    }
    return data | changes


def _draft(city) -> ProfileDraft:
    return ProfileDraft.objects.get(city=city)


@pytest.fixture
def editor_a(city_a):
    """A member of city A whom the focal point named as editor; emails in Arabic."""
    user = UserFactory(city=city_a, email="editor.a@city.example", name="Layla", language="ar")
    profile_of(city_a).editors.add(user)
    return user


# --------------------------------------------------------------------------------------------
# Who may edit
# --------------------------------------------------------------------------------------------


def test_focal_point_and_named_editor_open_the_editor(client, city_a, focal_point_a, editor_a):
    for user in (focal_point_a, editor_a):
        login(client, user)
        for name in ("draft-detail", "draft-profile", "draft-network", "draft-practice-create"):
            assert client.get(_url(name, city_a)).status_code == 200, (user, name)
    # Looking changes nothing: no draft is started by a page that is only read.
    assert not ProfileDraft.objects.exists()


def test_editor_pages_are_404_to_others_and_send_anonymous_visitors_to_log_in(
    client, city_a, member_a, member_b, staff
):
    for user in (member_a, member_b, staff):  # not named, of another city, SCN staff
        login(client, user)
        assert client.get(_url("draft-detail", city_a)).status_code == 404
        response = client.post(_url("draft-profile", city_a), _profile_data(1, overview_en="Hi"))
        assert response.status_code == 404
    client.logout()
    response = client.get(_url("draft-profile", city_a))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not ProfileDraft.objects.exists()


def test_only_the_focal_point_names_editors(client, city_a, focal_point_a, editor_a, member_a):
    login(client, editor_a)
    assert client.get(_url("draft-editors", city_a)).status_code == 404
    login(client, focal_point_a)
    page = client.get(_url("draft-editors", city_a))
    assert page.status_code == 200
    response = client.post(_url("draft-editors", city_a), {"editors": [member_a.pk]})
    assert response.status_code == 302
    assert list(profile_of(city_a).editors.all()) == [member_a]
    event = AuditEvent.objects.get(action=audit.EDITORS_CHANGED)
    assert event.details == {"added": [member_a.pk], "removed": [editor_a.pk]}
    login(client, member_a)
    assert client.get(_url("draft-detail", city_a)).status_code == 200


def test_editors_are_chosen_among_users_of_the_city(client, city_a, focal_point_a, member_b):
    login(client, focal_point_a)
    response = client.post(_url("draft-editors", city_a), {"editors": [member_b.pk]})
    assert response.status_code == 400
    assert not profile_of(city_a).editors.exists()
    with pytest.raises(ValidationError) as error:
        services.editors_set(city=city_a, by=focal_point_a, users=[member_b])
    assert error.value.code == "not_of_city"


# --------------------------------------------------------------------------------------------
# Saving parts of the draft
# --------------------------------------------------------------------------------------------


def test_profile_texts_are_edited_in_arabic_and_the_published_profile_is_untouched(
    client, city_a, focal_point_a
):
    profile_of(city_a, overview_en="The published overview.")
    login(client, focal_point_a)
    page = client.get(_url("draft-profile", city_a) + "?lang=ar")
    html = page.content.decode()
    assert re.search(r'<textarea[^>]*name="overview_ar"[^>]*lang="ar"', html) or re.search(
        r'<textarea[^>]*lang="ar"[^>]*name="overview_ar"', html
    )
    assert 'dir="rtl"' in html
    assert 'name="overview_en"' not in html
    assert 'name="version" value="1"' in html

    response = client.post(
        _url("draft-profile", city_a) + "?lang=ar",
        _profile_data(1, "ar", overview_ar="مدينة تراهن على شبابها", population_band="50k_250k"),
    )
    assert response.status_code == 302
    draft = _draft(city_a)
    assert draft.version == 2
    assert draft.content["profile"]["overview_ar"] == "مدينة تراهن على شبابها"
    assert draft.content["profile"]["overview_en"] == "The published overview."  # kept
    assert draft.content["profile"]["population_band"] == "50k_250k"
    # Members still see the published version.
    profile = CityProfile.objects.get(city=city_a)
    assert (profile.overview_ar, profile.population_band) in {("", ""), (None, "")}
    event = AuditEvent.objects.get(action=audit.DRAFT_SAVED)
    assert event.actor == focal_point_a
    assert event.details == {"part": "profile", "key": "", "version": 2}
    # The overview lists what changed since the published version.
    overview = client.get(_url("draft-detail", city_a)).content.decode()
    assert "Overview (Arabic)" in overview
    assert "مدينة تراهن على شبابها" in overview


def test_challenges_and_practices_are_added_changed_and_removed(client, city_a, focal_point_a):
    theme = ThemeFactory(slug="mentoring")
    login(client, focal_point_a)
    response = client.post(
        _url("draft-challenge-create", city_a),
        {
            "version": 1,
            "text_en": "Young people drawn to extremist groups",
            "themes": ["mentoring"],
        },
    )
    assert response.status_code == 302
    [challenge] = _draft(city_a).content["challenges"]
    assert challenge["themes"] == [theme.slug]

    response = client.post(
        _url("draft-practice-create", city_a), _practice_data(2, themes=["mentoring"])
    )
    assert response.status_code == 302
    [practice] = _draft(city_a).content["practices"]
    key = practice["key"]
    assert practice["title_en"] == "Mentors for young people"

    response = client.post(
        _url("draft-practice-update", city_a, key=key) + "?lang=fr",
        {
            **_practice_data(3),
            "title_fr": "Des mentors pour les jeunes",
            "summary_fr": "Des étudiants accompagnent des élèves.",
        },
    )
    assert response.status_code == 302
    [practice] = _draft(city_a).content["practices"]
    assert practice["key"] == key
    assert practice["title_fr"] == "Des mentors pour les jeunes"
    assert practice["title_en"] == "Mentors for young people"

    response = client.post(
        _url("draft-challenge-delete", city_a, key=challenge["key"]), {"version": 4}
    )
    assert response.status_code == 302
    draft = _draft(city_a)
    assert draft.content["challenges"] == []
    assert draft.version == 5


def test_network_is_described_with_members_by_sector_and_documents(client, city_a, focal_point_a):
    document = DocumentFactory(title_en="Terms of reference", contributing_city=city_a)
    login(client, focal_point_a)
    page = client.get(_url("draft-network", city_a))
    assert "Terms of reference" in page.content.decode()
    data = {
        "version": 1,
        "name_en": "Aarhus prevention network",
        "terms_of_reference_en": "",
        "activities_en": "",
        "source_language": "en",
        "members_education": "4",
        "members_youth": "2",
        "documents": [document.pk],
    }
    assert client.post(_url("draft-network", city_a), data).status_code == 302
    network = _draft(city_a).content["network"]
    assert network["members_by_sector"] == {"education": 4, "youth": 2}
    assert network["documents"] == [document.pk]
    assert client.post(_url("draft-network-delete", city_a), {"version": 2}).status_code == 302
    assert _draft(city_a).content["network"] is None


# --------------------------------------------------------------------------------------------
# Two editors at once
# --------------------------------------------------------------------------------------------


def test_a_stale_save_is_refused_with_a_message_and_keeps_the_input(
    client, city_a, focal_point_a, editor_a
):
    other = type(client)()
    login(client, focal_point_a)
    login(other, editor_a)
    # Both open the form at version 1.
    assert 'name="version" value="1"' in client.get(_url("draft-profile", city_a)).content.decode()
    assert 'name="version" value="1"' in other.get(_url("draft-profile", city_a)).content.decode()
    first = client.post(_url("draft-profile", city_a), _profile_data(1, overview_en="First."))
    assert first.status_code == 302
    second = other.post(_url("draft-profile", city_a), _profile_data(1, overview_en="Second."))
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else saved this profile since you opened it" in html
    assert "Second." in html  # what they typed is still on the page
    draft = _draft(city_a)
    assert draft.content["profile"]["overview_en"] == "First."
    assert draft.version == 2
    assert AuditEvent.objects.filter(action=audit.DRAFT_SAVED).count() == 1


def test_the_service_refuses_a_stale_version_and_stores_nothing(city_a, focal_point_a):
    draft = services.draft_for_editing(city=city_a, by=focal_point_a)
    services.draft_save(
        draft=draft, by=focal_point_a, part="profile", data={"overview_en": "A"}, version=1
    )
    with pytest.raises(services.StaleDraft) as error:
        services.draft_save(
            draft=draft, by=focal_point_a, part="profile", data={"overview_en": "B"}, version=1
        )
    assert error.value.code == "stale_draft"
    assert _draft(city_a).content["profile"]["overview_en"] == "A"


# --------------------------------------------------------------------------------------------
# Bad input: a 4xx with a message, nothing stored
# --------------------------------------------------------------------------------------------


@pytest.fixture
def editing(client, city_a, focal_point_a):
    """The focal point is logged in, with a draft holding one practice, at version 2."""
    login(client, focal_point_a)
    assert client.post(_url("draft-practice-create", city_a), _practice_data(1)).status_code == 302
    draft = _draft(city_a)
    return draft.content["practices"][0]["key"], draft.content


def _unchanged(city, content) -> None:
    draft = _draft(city)
    assert draft.version == 2
    assert draft.content == content


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("draft-profile", _profile_data(2, overview_en=TEN_KB), "overview_en"),
        ("draft-profile", _profile_data(2, population_band="huge"), "population_band"),
        ("draft-challenge-create", {"version": 2, "text_en": TEN_KB}, "text_en"),
        ("draft-challenge-create", {"version": 2, "text_en": "X", "themes": ["nope"]}, "themes"),
        ("draft-practice-create", _practice_data(2, title_en=TEN_KB), "title_en"),
        (
            "draft-practice-create",
            _practice_data(2, start_year="2020", end_year="2010"),
            "end_year",
        ),
        ("draft-practice-create", _practice_data(2, start_year="99999"), "start_year"),
        ("draft-practice-create", _practice_data(2, title_en="", summary_en=""), "title_en"),
        ("draft-practice-create", {**_practice_data(2), "version": "x"}, "version"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(client, city_a, editing, name, data, field):
    _key, content = editing
    response = client.post(_url(name, city_a), data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field) or response.context["form"].non_field_errors()
    _unchanged(city_a, content)


def test_a_contact_of_another_city_is_refused(client, city_a, member_b, editing):
    _key, content = editing
    response = client.post(
        _url("draft-practice-create", city_a), _practice_data(2, contact=member_b.pk)
    )
    assert response.status_code == 400
    assert "contact" in response.context["form"].errors
    _unchanged(city_a, content)


def test_a_restricted_document_is_refused_exactly_as_one_that_does_not_exist(
    client, city_a, editing
):
    _key, content = editing
    secret = DocumentFactory(staff_only=True, title_en="Secret", contributing_city=city_a)
    page = client.get(_url("draft-profile", city_a)).content.decode()
    assert "Secret" not in page and f'<option value="{secret.pk}"' not in page
    answers = []
    for pk in (secret.pk, 987654321):
        response = client.post(
            _url("draft-profile", city_a), _profile_data(2, local_action_plan=pk)
        )
        assert response.status_code == 400
        answers.append(response.context["form"].errors["local_action_plan"])
    assert answers[0] == answers[1]
    _unchanged(city_a, content)


def test_a_tampered_practice_key_is_404(client, city_a, city_b, editing):
    _key, content = editing
    theirs = PracticeFactory(profile=profile_of(city_b))
    for key in (theirs.key, "5d9e1a3c-0000-4000-8000-000000000000"):
        url = _url("draft-practice-update", city_a, key=key)
        assert client.get(url).status_code == 404
        assert client.post(url, _practice_data(2)).status_code == 404
        assert (
            client.post(_url("draft-practice-delete", city_a, key=key), {"version": 2}).status_code
            == 404
        )
    _unchanged(city_a, content)
    assert Practice.objects.get(pk=theirs.pk).title_en == theirs.title_en


def test_the_service_refuses_what_no_form_would_send(city_a, focal_point_a, member_b):
    draft = services.draft_for_editing(city=city_a, by=focal_point_a)
    secret = DocumentFactory(staff_only=True)
    cases = [
        ("profile", {"overview_en": TEN_KB}, "too_long"),
        ("profile", {"is_published": True}, "unknown_field"),
        ("profile", {"local_action_plan": secret.pk}, "unknown_document"),
        ("profile", {"languages": ["en", "xx"]}, "invalid_choice"),
        ("challenge", {"text_en": "A", "themes": ["unknown"]}, "unknown_theme"),
        (
            "practice",
            {"title_en": "T", "summary_en": "S", "contact": member_b.pk},
            "unknown_contact",
        ),
        (
            "practice",
            {"title_en": "T", "summary_en": "S", "start_year": 2020, "end_year": 2019},
            "years_order",
        ),
        ("network", {"name_en": "N", "members_by_sector": {"education": -1}}, "invalid_members"),
        ("network", {"name_en": "N", "documents": [secret.pk]}, "unknown_document"),
    ]
    for part, data, code in cases:
        with pytest.raises(ValidationError) as error:
            services.draft_save(draft=draft, by=focal_point_a, part=part, data=data, version=1)
        codes = [
            e.code
            for errors in getattr(error.value, "error_dict", {"": [error.value]}).values()
            for e in errors
        ]
        assert code in codes, (part, data, codes)
    with pytest.raises(services.UnknownItem):
        services.draft_save(
            draft=draft, by=focal_point_a, part="practice", data={"key": "nope"}, version=1
        )
    with pytest.raises(NotAllowed):
        services.draft_save(draft=draft, by=member_b, part="profile", data={}, version=1)
    assert _draft(city_a).version == 1
    assert not AuditEvent.objects.filter(action=audit.DRAFT_SAVED).exists()


# --------------------------------------------------------------------------------------------
# Review and publication
# --------------------------------------------------------------------------------------------


def test_nothing_to_send_when_the_draft_is_the_published_profile(client, city_a, focal_point_a):
    login(client, focal_point_a)
    response = client.post(_url("draft-submit", city_a), {"version": 1})
    assert response.status_code == 409
    assert "nothing to send" in response.content.decode()


def test_submit_return_and_publish_with_emails_in_each_editors_language(
    client, city_a, focal_point_a, editor_a, staff, django_capture_on_commit_callbacks
):
    focal_point_a.language = "fr"
    focal_point_a.save(update_fields=["language"])
    UserFactory(city=city_a, email="not.an.editor@city.example")  # told nothing
    login(client, focal_point_a)
    client.post(_url("draft-profile", city_a), _profile_data(1, overview_en="Port city."))
    response = client.post(_url("draft-submit", city_a), {"version": 2})
    assert response.status_code == 302
    draft = _draft(city_a)
    assert (draft.state, draft.submitted_by) == ("submitted", focal_point_a)
    # While it waits for review, it cannot be changed.
    assert client.get(_url("draft-profile", city_a)).status_code == 302
    saved = client.post(_url("draft-profile", city_a), _profile_data(2, overview_en="Later."))
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
    page = client.get(_url("draft-detail", city_a)).content.decode()
    assert "Please add your practices." in page
    version = _draft(city_a).version
    assert (
        client.post(_url("draft-practice-create", city_a), _practice_data(version)).status_code
        == 302
    )
    assert _draft(city_a).state == "editing"
    assert client.post(_url("draft-submit", city_a), {"version": version + 1}).status_code == 302

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
    client.post(_url("draft-profile", city_a), _profile_data(1, overview_en="Changed."))
    assert client.post(_url("draft-discard", city_a), {"version": 1}).status_code == 409
    assert _draft(city_a).content["profile"]["overview_en"] == "Changed."
    assert client.post(_url("draft-discard", city_a), {"version": 2}).status_code == 302
    draft = _draft(city_a)
    assert draft.content["profile"]["overview_en"] == "Published."
    assert draft.version == 3
    assert AuditEvent.objects.get(action=audit.DRAFT_DISCARDED).actor == focal_point_a
