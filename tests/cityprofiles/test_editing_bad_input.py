"""Bad input to the profile editor: a 4xx with a message in the reader's language, and nothing
stored (10 kB strings, unknown and tampered ids, contacts of another city, restricted documents)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cityprofiles import audit
from cityprofiles.models import Practice
from cityprofiles.services import editing as services
from hub.errors import NotAllowed
from hub.models import AuditEvent
from tests.cityprofiles.editing_kit import draft_of, editor_url, practice_data, profile_data
from tests.cityprofiles.factories import PracticeFactory, profile_of
from tests.conftest import login
from tests.library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


TEN_KB = "x" * 10_240


# --------------------------------------------------------------------------------------------
# Bad input: a 4xx with a message, nothing stored
# --------------------------------------------------------------------------------------------


@pytest.fixture
def editing(client, city_a, focal_point_a):
    """The focal point is logged in, with a draft holding one practice, at version 2."""
    login(client, focal_point_a)
    assert (
        client.post(editor_url("draft-practice-create", city_a), practice_data(1)).status_code
        == 302
    )
    draft = draft_of(city_a)
    return draft.content["practices"][0]["key"], draft.content


def _unchanged(city, content) -> None:
    draft = draft_of(city)
    assert draft.version == 2
    assert draft.content == content


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("draft-profile", profile_data(2, overview_en=TEN_KB), "overview_en"),
        ("draft-profile", profile_data(2, population_band="huge"), "population_band"),
        ("draft-challenge-create", {"version": 2, "text_en": TEN_KB}, "text_en"),
        ("draft-challenge-create", {"version": 2, "text_en": "X", "themes": ["nope"]}, "themes"),
        ("draft-practice-create", practice_data(2, title_en=TEN_KB), "title_en"),
        (
            "draft-practice-create",
            practice_data(2, start_year="2020", end_year="2010"),
            "end_year",
        ),
        ("draft-practice-create", practice_data(2, start_year="99999"), "start_year"),
        ("draft-practice-create", practice_data(2, title_en="", summary_en=""), "title_en"),
        ("draft-practice-create", {**practice_data(2), "version": "x"}, "version"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(client, city_a, editing, name, data, field):
    _key, content = editing
    response = client.post(editor_url(name, city_a), data)
    assert response.status_code == 400
    assert response.context["form"].errors.get(field) or response.context["form"].non_field_errors()
    _unchanged(city_a, content)


def test_a_contact_of_another_city_is_refused(client, city_a, member_b, editing):
    _key, content = editing
    response = client.post(
        editor_url("draft-practice-create", city_a), practice_data(2, contact=member_b.pk)
    )
    assert response.status_code == 400
    assert "contact" in response.context["form"].errors
    _unchanged(city_a, content)


def test_a_restricted_document_is_refused_exactly_as_one_that_does_not_exist(
    client, city_a, editing
):
    _key, content = editing
    secret = DocumentFactory(staff_only=True, title_en="Secret", contributing_city=city_a)
    page = client.get(editor_url("draft-profile", city_a)).content.decode()
    assert "Secret" not in page and f'<option value="{secret.pk}"' not in page
    answers = []
    for pk in (secret.pk, 987654321):
        response = client.post(
            editor_url("draft-profile", city_a), profile_data(2, local_action_plan=pk)
        )
        assert response.status_code == 400
        answers.append(response.context["form"].errors["local_action_plan"])
    assert answers[0] == answers[1]
    _unchanged(city_a, content)


def test_a_tampered_practice_key_is_404(client, city_a, city_b, editing):
    _key, content = editing
    theirs = PracticeFactory(profile=profile_of(city_b))
    for key in (theirs.key, "5d9e1a3c-0000-4000-8000-000000000000"):
        url = editor_url("draft-practice-update", city_a, key=key)
        assert client.get(url).status_code == 404
        assert client.post(url, practice_data(2)).status_code == 404
        assert (
            client.post(
                editor_url("draft-practice-delete", city_a, key=key), {"version": 2}
            ).status_code
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
    assert draft_of(city_a).version == 1
    assert not AuditEvent.objects.filter(action=audit.DRAFT_SAVED).exists()
