"""The programme data on the profiles: networks, campaigns, exchanges, and Irbid as a partner."""

from __future__ import annotations

import pytest

from cityprofiles.models import (
    CityExchange,
    CityProfile,
    PartnerCity,
    Practice,
    PreventionNetwork,
    Provenance,
)
from cityprofiles.services.seed import practice_key, programme_data_load
from hub.models import City
from hub.services import scn_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    scn_data_load()
    return programme_data_load()


def test_every_member_city_has_a_profile(seeded):
    assert City.objects.count() == 123
    assert CityProfile.objects.count() == 123
    assert not City.objects.filter(profile__isnull=True).exists()


def test_the_six_networks_sit_on_their_cities_and_irbid_is_a_partner_not_a_member(seeded):
    on_profiles = PreventionNetwork.objects.filter(profile__isnull=False)
    assert sorted(n.profile.city.slug for n in on_profiles) == [
        "al-karak",
        "majdal-anjar",
        "saida",
        "tripoli",
        "zarqa",
    ]
    assert not City.objects.filter(slug="irbid").exists()
    irbid = PartnerCity.objects.get(slug="irbid")
    assert irbid.country.iso_code == "JO"
    assert irbid.name_ar == "إربد"
    assert irbid.network.name_en == "SCN Local Prevention Network – Irbid"
    assert seeded.partner_cities == ["Irbid"]
    for network in PreventionNetwork.objects.all():
        assert network.provenance == Provenance.PROGRAMME_2019
        assert network.name_fr and network.name_ar and network.activities_ar
        # The programme gives no member counts per network: none are made up.
        assert network.members_by_sector == {}


def test_the_youth_campaigns_are_practices_of_their_cities_in_three_languages(seeded):
    washwasha = Practice.objects.get(key=practice_key("Washwasha (Whispers)"))
    assert washwasha.profile.city.slug == "saida"
    assert washwasha.kind == Practice.Kind.CAMPAIGN
    assert washwasha.evidence_level == Practice.Evidence.DESCRIBED
    assert washwasha.title_ar == "وشوشة"
    assert "Aïn el-Héloué" in washwasha.summary_fr
    assert {t.slug for t in washwasha.themes.all()} >= {"youth-engagement"}
    farha = Practice.objects.get(key=practice_key("Farha Tayshe (Stray Bullets Kill Joy)"))
    assert farha.profile.city.slug == "tripoli"
    assert farha.provenance == Provenance.PROGRAMME_2019


def test_the_three_exchanges_are_noted_with_host_and_visitor(seeded):
    pairs = {(e.visitor.slug, e.host.slug, e.year, e.month) for e in CityExchange.objects.all()}
    assert pairs == {
        ("dakar", "montreal", 2017, 10),
        ("mombasa", "kristiansand", 2018, 3),
        ("peshawar", "birmingham", None, None),
    }
    assert all(e.summary_fr and e.summary_ar for e in CityExchange.objects.all())


def test_loading_again_changes_nothing_and_keeps_what_a_city_wrote(seeded):
    saida = PreventionNetwork.objects.get(profile__city__slug="saida")
    saida.provenance = Provenance.CITY
    saida.activities_en = "Our own description, written by Saida."
    saida.save()
    report = programme_data_load()
    assert PreventionNetwork.objects.count() == 6
    assert Practice.objects.count() == 2
    assert CityExchange.objects.count() == 3
    assert PartnerCity.objects.count() == 1
    saida.refresh_from_db()
    assert saida.activities_en == "Our own description, written by Saida."
    assert report.networks == 5
