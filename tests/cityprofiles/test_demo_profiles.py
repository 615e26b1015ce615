"""The demo profiles and introductions of `make run`: published through the real path, marked."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from cityprofiles.models import (
    CityProfile,
    Introduction,
    Practice,
    ProfileDraft,
    ProfilePublication,
    Provenance,
)
from hub.services import scn_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    scn_data_load()
    call_command("seed_demo")
    call_command("seed_demo_profiles")


def test_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo_profiles")


def test_the_demo_cities_are_published_by_the_curator_and_marked(demo):
    for slug in ("montreal", "mombasa"):
        publication = ProfilePublication.objects.get(city__slug=slug)
        assert publication.number == 1
        assert publication.published_by.email == "curator@demo.scn.invalid"
        assert publication.submitted_by.email == f"focal.{slug}@demo.scn.invalid"
        assert publication.changes  # what the first publication changed is recorded
        profile = CityProfile.objects.get(city__slug=slug)
        assert profile.provenance == Provenance.DEMO
        assert profile.published_at is not None
        for code in ("en", "fr", "ar"):
            assert getattr(profile, f"overview_{code}").startswith("DEMO — ")
        practices = Practice.objects.filter(profile=profile)
        assert practices.count() == 2
        assert all(p.provenance == Provenance.DEMO for p in practices)
        assert all(p.title_ar.startswith("DEMO — ") for p in practices)
        assert all(p.contact.city_id == profile.city_id for p in practices)
    assert CityProfile.objects.get(city__slug="montreal").source_language == "fr"
    assert not ProfileDraft.objects.filter(state=ProfileDraft.State.SUBMITTED).exists()


def test_demo_introductions_in_several_states(demo):
    states = sorted(Introduction.objects.values_list("status", flat=True))
    assert states == sorted(
        [
            Introduction.Status.INTRODUCED,
            Introduction.Status.FORWARDED,
            Introduction.Status.REQUESTED,
            Introduction.Status.STAFF_DECLINED,
        ]
    )
    assert all(i.message.startswith("DEMO — ") for i in Introduction.objects.all())


def test_seeding_again_adds_nothing(demo):
    call_command("seed_demo_profiles")
    assert ProfilePublication.objects.count() == 2
    assert Introduction.objects.count() == 4
