from __future__ import annotations

import pytest
from django.core.management import call_command

from hub.models import City, Country, Region, Theme
from hub.services import scn_data_load

pytestmark = pytest.mark.django_db


def test_scn_data_load_loads_every_member_city_region_and_theme():
    report = scn_data_load()
    assert report.created == {"region": 8, "country": 42, "city": 123, "theme": 39}
    assert City.objects.count() == 123
    assert City.objects.steering_committee().count() == 25
    assert Region.objects.count() == 8
    assert Theme.objects.count() == 39
    assert Theme.objects.pillars().count() == 5
    assert not Theme.objects.filter(name_fr__isnull=True).exists()
    assert not Theme.objects.filter(name_ar__isnull=True).exists()
    assert not City.objects.filter(name_ar__isnull=True).exists()
    montreal = City.objects.get(slug="montreal")
    assert montreal.name_en == "Montréal"
    assert montreal.country.iso_code == "CA"
    assert montreal.region.slug == "north-america"
    assert City.objects.get(slug="beirut").name_ar == "بيروت"
    assert Country.objects.get(iso_code="XK").region.slug == "western-balkans"


def test_scn_data_load_twice_changes_nothing():
    scn_data_load()
    snapshot = list(City.objects.order_by("slug").values())
    second = scn_data_load()
    assert not second.changed
    assert list(City.objects.order_by("slug").values()) == snapshot


def test_scn_data_load_repairs_an_edited_row():
    scn_data_load()
    City.objects.filter(slug="mombasa").update(name_fr="Wrong", is_steering_committee=False)
    report = scn_data_load()
    assert report.updated == {"city": 1}
    assert City.objects.get(slug="mombasa").is_steering_committee


def test_load_scn_data_command_reports_up_to_date_on_second_run(capsys):
    call_command("load_scn_data")
    call_command("load_scn_data")
    assert "already up to date" in capsys.readouterr().out


def test_cities_per_region_match_the_reference_data():
    scn_data_load()
    per_region = {
        region.slug: City.objects.filter(country__region=region).count()
        for region in Region.objects.all()
    }
    assert per_region == {
        "western-balkans": 43,
        "europe": 31,
        "north-america": 12,
        "sub-saharan-africa": 12,
        "latin-america-caribbean": 9,
        "south-asia": 8,
        "middle-east-north-africa": 7,
        "asia-pacific": 1,
    }
