"""Editing a city's profile (cityprofiles.services.editing and its pages): who may edit, saving
one part at a time in any language, refusing a stale save. Bad input: test_editing_bad_input.py;
review and publication: test_editing_review.py."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from cityprofiles import audit
from cityprofiles.models import CityProfile, ProfileDraft
from cityprofiles.services import editing as services
from hub.models import AuditEvent
from tests.cityprofiles.editing_kit import draft_of, editor_url, practice_data, profile_data
from tests.cityprofiles.factories import profile_of
from tests.conftest import login
from tests.hub.factories import ThemeFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------------------------
# Who may edit
# --------------------------------------------------------------------------------------------


def test_focal_point_and_named_editor_open_the_editor(client, city_a, focal_point_a, editor_a):
    for user in (focal_point_a, editor_a):
        login(client, user)
        for name in ("draft-detail", "draft-profile", "draft-network", "draft-practice-create"):
            assert client.get(editor_url(name, city_a)).status_code == 200, (user, name)
    # Looking changes nothing: no draft is started by a page that is only read.
    assert not ProfileDraft.objects.exists()


def test_editor_pages_are_404_to_others_and_send_anonymous_visitors_to_log_in(
    client, city_a, member_a, member_b, staff
):
    for user in (member_a, member_b, staff):  # not named, of another city, SCN staff
        login(client, user)
        assert client.get(editor_url("draft-detail", city_a)).status_code == 404
        response = client.post(
            editor_url("draft-profile", city_a), profile_data(1, overview_en="Hi")
        )
        assert response.status_code == 404
    client.logout()
    response = client.get(editor_url("draft-profile", city_a))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not ProfileDraft.objects.exists()


def test_only_the_focal_point_names_editors(client, city_a, focal_point_a, editor_a, member_a):
    login(client, editor_a)
    assert client.get(editor_url("draft-editors", city_a)).status_code == 404
    login(client, focal_point_a)
    page = client.get(editor_url("draft-editors", city_a))
    assert page.status_code == 200
    response = client.post(editor_url("draft-editors", city_a), {"editors": [member_a.pk]})
    assert response.status_code == 302
    assert list(profile_of(city_a).editors.all()) == [member_a]
    event = AuditEvent.objects.get(action=audit.EDITORS_CHANGED)
    assert event.details == {"added": [member_a.pk], "removed": [editor_a.pk]}
    login(client, member_a)
    assert client.get(editor_url("draft-detail", city_a)).status_code == 200


def test_editors_are_chosen_among_users_of_the_city(client, city_a, focal_point_a, member_b):
    login(client, focal_point_a)
    response = client.post(editor_url("draft-editors", city_a), {"editors": [member_b.pk]})
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
    page = client.get(editor_url("draft-profile", city_a) + "?lang=ar")
    html = page.content.decode()
    assert re.search(r'<textarea[^>]*name="overview_ar"[^>]*lang="ar"', html) or re.search(
        r'<textarea[^>]*lang="ar"[^>]*name="overview_ar"', html
    )
    assert 'dir="rtl"' in html
    assert 'name="overview_en"' not in html
    assert 'name="version" value="1"' in html

    response = client.post(
        editor_url("draft-profile", city_a) + "?lang=ar",
        profile_data(1, "ar", overview_ar="مدينة تراهن على شبابها", population_band="50k_250k"),
    )
    assert response.status_code == 302
    draft = draft_of(city_a)
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
    overview = client.get(editor_url("draft-detail", city_a)).content.decode()
    assert "Overview (Arabic)" in overview
    assert "مدينة تراهن على شبابها" in overview


def test_challenges_and_practices_are_added_changed_and_removed(client, city_a, focal_point_a):
    theme = ThemeFactory(slug="mentoring")
    login(client, focal_point_a)
    response = client.post(
        editor_url("draft-challenge-create", city_a),
        {
            "version": 1,
            "text_en": "Young people drawn to extremist groups",
            "themes": ["mentoring"],
        },
    )
    assert response.status_code == 302
    [challenge] = draft_of(city_a).content["challenges"]
    assert challenge["themes"] == [theme.slug]

    response = client.post(
        editor_url("draft-practice-create", city_a), practice_data(2, themes=["mentoring"])
    )
    assert response.status_code == 302
    [practice] = draft_of(city_a).content["practices"]
    key = practice["key"]
    assert practice["title_en"] == "Mentors for young people"

    response = client.post(
        editor_url("draft-practice-update", city_a, key=key) + "?lang=fr",
        {
            **practice_data(3),
            "title_fr": "Des mentors pour les jeunes",
            "summary_fr": "Des étudiants accompagnent des élèves.",
        },
    )
    assert response.status_code == 302
    [practice] = draft_of(city_a).content["practices"]
    assert practice["key"] == key
    assert practice["title_fr"] == "Des mentors pour les jeunes"
    assert practice["title_en"] == "Mentors for young people"

    response = client.post(
        editor_url("draft-challenge-delete", city_a, key=challenge["key"]), {"version": 4}
    )
    assert response.status_code == 302
    draft = draft_of(city_a)
    assert draft.content["challenges"] == []
    assert draft.version == 5


def test_network_is_described_with_members_by_sector_and_documents(client, city_a, focal_point_a):
    document = DocumentFactory(title_en="Terms of reference", contributing_city=city_a)
    login(client, focal_point_a)
    page = client.get(editor_url("draft-network", city_a))
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
    assert client.post(editor_url("draft-network", city_a), data).status_code == 302
    network = draft_of(city_a).content["network"]
    assert network["members_by_sector"] == {"education": 4, "youth": 2}
    assert network["documents"] == [document.pk]
    assert (
        client.post(editor_url("draft-network-delete", city_a), {"version": 2}).status_code == 302
    )
    assert draft_of(city_a).content["network"] is None


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
    assert (
        'name="version" value="1"'
        in client.get(editor_url("draft-profile", city_a)).content.decode()
    )
    assert (
        'name="version" value="1"'
        in other.get(editor_url("draft-profile", city_a)).content.decode()
    )
    first = client.post(editor_url("draft-profile", city_a), profile_data(1, overview_en="First."))
    assert first.status_code == 302
    second = other.post(editor_url("draft-profile", city_a), profile_data(1, overview_en="Second."))
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else saved this profile since you opened it" in html
    assert "Second." in html  # what they typed is still on the page
    draft = draft_of(city_a)
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
    assert draft_of(city_a).content["profile"]["overview_en"] == "A"
