"""Draft content as data (cityprofiles.drafts): read from the published rows, compared field by
field, and written back as the published version."""

from __future__ import annotations

import copy
import uuid

import pytest
from django.utils import translation

from cityprofiles import drafts, drafts_diff
from cityprofiles.models import Challenge, CityProfile, Practice, PreventionNetwork
from tests.cityprofiles.factories import (
    ChallengeFactory,
    NetworkFactory,
    PracticeFactory,
    profile_of,
)
from tests.hub.factories import ThemeFactory, UserFactory
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(city_a):
    """City A's published profile with a challenge, a network and a practice."""
    mentoring, youth = (
        ThemeFactory(slug="mentoring", name_en="Mentoring"),
        ThemeFactory(slug="youth", name_en="Youth engagement"),
    )
    plan = DocumentFactory(title_en="Local action plan of Aarhus")
    profile = profile_of(
        city_a,
        overview_en="A port city that bets on its young people.",
        overview_ar="مدينة ساحلية",
        population_band="250k_1m",
        languages=["da", "en"],
        local_action_plan=plan,
    )
    ChallengeFactory(profile=profile, text_en="Online recruitment", themes=[youth])
    network = NetworkFactory(profile=profile, name_en="Aarhus prevention network")
    network.documents.set([plan])
    contact = UserFactory(city=city_a, name="Birgitte")
    PracticeFactory(
        profile=profile,
        title_en="Mentors for young people",
        themes=[mentoring, youth],
        contact=contact,
        evaluation=plan,
        end_year=2020,
    )
    return profile


def test_content_of_published_holds_every_part(published, city_a, django_assert_num_queries):
    with django_assert_num_queries(7):
        content = drafts.content_of_published(city_a)
    profile = content["profile"]
    assert profile["overview_en"] == "A port city that bets on its young people."
    assert profile["overview_ar"] == "مدينة ساحلية"
    assert profile["overview_fr"] == ""
    assert profile["languages"] == ["da", "en"]
    assert profile["local_action_plan"] == published.local_action_plan_id
    [challenge] = content["challenges"]
    assert challenge["text_en"] == "Online recruitment"
    assert challenge["themes"] == ["youth"]
    assert uuid.UUID(challenge["key"])  # derived from its id, stable
    assert challenge["key"] == drafts.challenge_key(Challenge.objects.get().pk)
    assert content["network"]["name_en"] == "Aarhus prevention network"
    assert content["network"]["members_by_sector"] == {"municipality": 4, "education": 3}
    assert content["network"]["documents"] == [published.local_action_plan_id]
    [practice] = content["practices"]
    assert practice["key"] == str(Practice.objects.get().key)
    assert practice["themes"] == ["mentoring", "youth"]
    assert (practice["start_year"], practice["end_year"]) == (2017, 2020)
    assert practice["contact"] == Practice.objects.get().contact_id


def test_a_profile_without_anything_has_empty_parts(city_b):
    content = drafts.content_of_published(city_b)
    assert content["challenges"] == [] and content["practices"] == []
    assert content["network"] is None
    assert content["profile"]["contact_policy"] == "open"


def test_diff_of_the_same_content_is_empty(published, city_a):
    content = drafts.content_of_published(city_a)
    assert drafts_diff.diff(content, copy.deepcopy(content)) == []


def test_diff_names_each_changed_field_with_readable_labels(published, city_a):
    before = drafts.content_of_published(city_a)
    after = copy.deepcopy(before)
    after["profile"]["overview_ar"] = "مدينة ساحلية تراهن على شبابها"
    after["profile"]["population_band"] = "1m_5m"
    after["practices"][0]["themes"] = ["mentoring"]
    after["practices"][0]["evidence_level"] = "evaluated"
    changes = drafts_diff.diff(before, after)
    by_field = {(c["kind"], c["name"]): c for c in changes}
    assert set(by_field) == {
        ("profile", "overview_ar"),
        ("profile", "population_band"),
        ("practice", "themes"),
        ("practice", "evidence_level"),
    }
    overview = by_field[("profile", "overview_ar")]
    assert overview["object"] == "Profile"
    assert overview["field"] == "Overview (Arabic)"
    assert overview["before"] == "مدينة ساحلية"
    assert overview["change"] == "changed"
    band = by_field[("profile", "population_band")]
    assert (band["before"], band["after"]) == ("250,000 – 1 million", "1 – 5 million")
    themes = by_field[("practice", "themes")]
    assert themes["object"] == "Practice “Mentors for young people”"
    assert (themes["before"], themes["after"]) == ("Mentoring, Youth engagement", "Mentoring")
    assert by_field[("practice", "evidence_level")]["after"] == "Evaluated"


def test_diff_labels_follow_the_active_language(published, city_a):
    before = drafts.content_of_published(city_a)
    after = copy.deepcopy(before)
    after["profile"]["overview_fr"] = "Une ville portuaire."
    with translation.override("fr"):
        [change] = drafts_diff.diff(before, after)
    assert change["object"] == "Profil"
    assert change["field"] != "Overview (French)"
    assert "(" in change["field"]


def test_diff_shows_added_and_removed_practices_and_challenges(published, city_a):
    before = drafts.content_of_published(city_a)
    after = copy.deepcopy(before)
    after["practices"] = [
        drafts.empty_practice() | {"key": str(uuid.uuid4()), "title_en": "Farha Tayshe"}
    ]
    after["challenges"] = []
    changes = drafts_diff.diff(before, after)
    added = [c for c in changes if c["change"] == "added"]
    removed = [c for c in changes if c["change"] == "removed"]
    assert {c["object"] for c in added} == {"Practice “Farha Tayshe”"}
    assert {c["object"] for c in removed} == {
        "Practice “Mentors for young people”",
        "Challenge “Online recruitment”",
    }
    assert any(c["name"] == "title_en" and c["after"] == "Farha Tayshe" for c in added)


def test_diff_does_not_name_a_document_the_viewer_may_not_see(published, city_a, member_a):
    secret = DocumentFactory(staff_only=True, title_en="Internal threat assessment")
    before = drafts.content_of_published(city_a)
    after = copy.deepcopy(before)
    after["profile"]["local_action_plan"] = secret.pk
    [change] = drafts_diff.diff(before, after, viewer=member_a)
    assert "Internal threat assessment" not in change["after"]
    assert str(secret.pk) not in change["after"]
    [for_staff] = drafts_diff.diff(before, after)
    assert for_staff["after"] == "Internal threat assessment"


def test_apply_then_content_of_published_round_trips(published, city_a):
    before = drafts.content_of_published(city_a)
    after = copy.deepcopy(before)
    after["profile"]["approach_fr"] = "Prévenir par le mentorat."
    after["challenges"][0]["text_ar"] = "التجنيد عبر الإنترنت"
    after["challenges"].append(
        drafts.empty_challenge() | {"key": drafts.new_key(), "text_en": "Polarisation"}
    )
    new_practice = drafts.empty_practice() | {
        "key": str(uuid.uuid4()),
        "title_ar": "وشوشة",
        "summary_ar": "حملة للشباب",
        "source_language": "ar",
        "themes": ["youth"],
        "target_groups": ["young_people", "schools"],
        "start_year": 2018,
    }
    after["practices"].append(new_practice)
    after["network"]["members_by_sector"] = {"youth": 5}
    after["network"]["documents"] = []

    drafts.apply(city_a, after)

    result = drafts.content_of_published(city_a)
    # The new challenge has a key of its own now (its id's); all else is as applied.
    assert [c["text_en"] for c in result["challenges"]] == ["Online recruitment", "Polarisation"]
    assert result["challenges"][0] == after["challenges"][0]
    result["challenges"][1]["key"] = after["challenges"][1]["key"]
    assert result == after
    assert drafts_diff.diff(after, result) == []
    profile = CityProfile.objects.get(city=city_a)
    assert profile.published_at is not None
    assert Practice.objects.get(title_ar="وشوشة").key == uuid.UUID(new_practice["key"])


def test_apply_removes_what_the_content_no_longer_has(published, city_a):
    content = drafts.content_of_published(city_a)
    content["practices"] = []
    content["challenges"] = []
    content["network"] = None
    drafts.apply(city_a, content)
    assert not Practice.objects.filter(profile=published).exists()
    assert not Challenge.objects.filter(profile=published).exists()
    assert not PreventionNetwork.objects.filter(profile=published).exists()


def test_apply_refuses_a_practice_key_of_another_city(published, city_a, city_b):
    other = PracticeFactory(profile=profile_of(city_b), title_en="Theirs")
    content = drafts.content_of_published(city_a)
    content["practices"].append(drafts.empty_practice() | {"key": str(other.key), "title_en": "X"})
    with pytest.raises(ValueError, match="another city"):
        drafts.apply(city_a, content)
    other.refresh_from_db()
    assert other.title_en == "Theirs"


def test_apply_drops_references_that_no_longer_exist(published, city_a, city_b):
    content = drafts.content_of_published(city_a)
    content["profile"]["local_action_plan"] = 987654
    content["practices"][0]["contact"] = UserFactory(city=city_b).pk  # not of the city
    content["practices"][0]["themes"] = ["mentoring", "gone-theme"]
    drafts.apply(city_a, content)
    profile = CityProfile.objects.get(city=city_a)
    assert profile.local_action_plan_id is None
    practice = Practice.objects.get(profile=profile)
    assert practice.contact_id is None
    assert [t.slug for t in practice.themes.all()] == ["mentoring"]
