"""A member chooses their own time zone on their profile: a grouped select, "" by default."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from hub.forms import ProfileForm
from hub.timezones import time_zone_choices, zone_place
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _post(client, **data):
    fields = {"name": "Nadia", "organisation": "Town hall", "language": "en"} | data
    return client.post(reverse("hub:profile"), fields)


def test_the_profile_offers_zones_grouped_by_area_unset_by_default(client, member_a):
    login(client, member_a)
    assert member_a.time_zone == ""
    html = client.get(reverse("hub:profile")).content.decode()
    assert '<option value="" selected>Not chosen (times in UTC)</option>' in html
    assert '<optgroup label="Europe">' in html
    assert '<option value="Europe/Paris">Paris, UTC' in html
    assert '<option value="America/Argentina/Buenos_Aires">Buenos Aires (Argentina), UTC' in html


def test_a_member_sets_and_clears_their_zone(client, member_a):
    login(client, member_a)
    assert _post(client, time_zone="Africa/Nairobi").status_code == 302
    member_a.refresh_from_db()
    assert member_a.time_zone == "Africa/Nairobi"
    html = client.get(reverse("hub:profile")).content.decode()
    assert '<option value="Africa/Nairobi" selected>' in html
    assert _post(client, time_zone="").status_code == 302
    member_a.refresh_from_db()
    assert member_a.time_zone == ""


def test_an_unknown_zone_is_refused_with_a_clear_message_and_nothing_changes(client, member_a):
    login(client, member_a)
    _post(client, time_zone="Asia/Tokyo")
    response = _post(client, time_zone="Mars/Olympus", name="Someone else")
    assert response.status_code == 400
    assert "Mars/Olympus is not a time zone. Choose one from the list." in response.text
    member_a.refresh_from_db()
    assert (member_a.time_zone, member_a.name) == ("Asia/Tokyo", "Nadia")
    form = ProfileForm(
        {"name": "N", "organisation": "", "language": "en", "time_zone": "Mars/Olympus"},
        instance=member_a,
    )
    assert not form.is_valid()
    assert form.errors.as_data()["time_zone"][0].code == "invalid_choice"


def test_the_message_is_in_the_member_language(client, member_a):
    login(client, member_a)
    with translation.override("ar"):
        url = reverse("hub:profile")
    response = client.post(
        url, {"name": "N", "organisation": "", "language": "ar", "time_zone": "Nowhere/Else"}
    )
    assert response.status_code == 400
    assert "Nowhere/Else ليست منطقة زمنية. اختر واحدة من القائمة." in response.text


def test_areas_follow_the_reader_alphabet_and_old_aliases_are_left_out():
    with translation.override("fr"):
        areas = [area for area, _zones in time_zone_choices()[1:]]
    assert "Europe" in areas and "Océan Indien" in areas
    assert areas == sorted(areas, key=lambda name: name.replace("É", "E").casefold())
    values = {zone for _area, zones in time_zone_choices()[1:] for zone, _label in zones}
    assert "America/Argentina/Buenos_Aires" in values
    assert "America/Buenos_Aires" not in values
    assert "US/Eastern" not in values and "EST" not in values
    assert zone_place("America/Indiana/Knox") == "Knox (Indiana)"


def test_a_zone_set_before_outside_the_list_stays_choosable(member_a):
    member_a.time_zone = "US/Eastern"
    member_a.save(update_fields=["time_zone"])
    form = ProfileForm(
        {"name": "N", "organisation": "", "language": "en", "time_zone": "US/Eastern"},
        instance=member_a,
    )
    assert form.is_valid(), form.errors
