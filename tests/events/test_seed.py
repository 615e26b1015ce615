"""The programme's 19 past events: kinds, places, cities, three languages, no invented date."""

from __future__ import annotations

import csv
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Event, EventCity, Provenance
from events.services import programme_events_load
from events.services.seed import event_key
from hub.models import City
from hub.services import scn_data_load
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

Role = EventCity.Role


def _csv(name: str) -> list[dict[str, str]]:
    with (Path(settings.HUB_DATA_DIR) / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def loaded():
    scn_data_load()
    return programme_events_load()


def _event(number: int) -> Event:
    return Event.objects.get(source_number=number)


def _cities(event: Event) -> set[tuple[str, str]]:
    return {(c.city.slug, c.role) for c in event.cities.select_related("city")}


def test_the_19_events_are_past_programme_events_closed_to_registration(loaded):
    assert loaded.created == 19
    assert Event.objects.count() == 19
    assert set(Event.objects.values_list("provenance", flat=True)) == {Provenance.PROGRAMME_2019}
    assert set(Event.objects.values_list("registration", flat=True)) == {"closed"}
    assert set(Event.objects.values_list("visibility", flat=True)) == {"members"}
    assert not Event.objects.filter(is_online=True).exists()
    numbered = Event.objects.filter(source_number__isnull=False)
    assert sorted(numbered.values_list("source_number", flat=True)) == list(range(1, 17))
    assert Event.objects.get(slug="scn-global-summit-2016").source_number is None


def test_loading_twice_changes_nothing(loaded):
    before = {e.slug: (e.pk, e.updated_at) for e in Event.objects.all()}
    cities = sorted(EventCity.objects.values_list("pk", "event_id", "city_id", "role"))
    again = programme_events_load()
    assert (again.created, again.updated, again.unchanged, again.cities_added) == (0, 0, 19, 0)
    assert {e.slug: (e.pk, e.updated_at) for e in Event.objects.all()} == before
    assert sorted(EventCity.objects.values_list("pk", "event_id", "city_id", "role")) == cities


def test_a_change_in_the_data_is_written_back_and_what_staff_added_stays(loaded):
    summit = _event(1)
    summit.title_fr = "Autre titre"
    summit.report_en = "What the summit decided."
    summit.save()
    oslo = City.objects.get(slug="oslo")
    EventCity.objects.create(event=summit, city=oslo, role=Role.PARTICIPANT)
    again = programme_events_load()
    assert (again.created, again.updated, again.unchanged) == (0, 1, 18)
    summit.refresh_from_db()
    assert summit.title_fr == "Sommet mondial du SCN 2017"
    assert summit.report_en == "What the summit decided."
    assert ("oslo", Role.PARTICIPANT) in _cities(summit)


def test_kinds_follow_the_event_types(loaded):
    counts = {}
    for kind in Event.objects.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    assert counts == {
        "global_summit": 3,
        "regional_workshop": 2,
        "city_exchange": 4,
        "consultation": 2,
        "un_event": 1,
        "youth_lab": 2,
        "training_workshop": 1,
        "launch": 3,
        "taskforce": 1,
    }
    assert _event(8).kind == Event.Kind.TRAINING_WORKSHOP


def test_the_exchanges_have_their_host_and_visiting_cities(loaded):
    assert _cities(_event(4)) == {("montreal", Role.HOST), ("dakar", Role.VISITOR)}
    assert _cities(_event(12)) == {("kristiansand", Role.HOST), ("mombasa", Role.VISITOR)}
    # Peshawar's councillors visited Birmingham and Luton.
    assert _cities(_event(16)) == {
        ("birmingham", Role.HOST),
        ("luton", Role.HOST),
        ("peshawar", Role.VISITOR),
    }
    assert _event(16).venue_city.slug == "birmingham"
    assert _cities(_event(11)) == {
        ("mumbai", Role.HOST),
        ("anaheim", Role.VISITOR),
        ("louisville", Role.VISITOR),
    }


def test_other_events_list_their_member_cities_as_participants(loaded):
    assert _cities(_event(6)) == {
        ("quetta", Role.PARTICIPANT),
        ("peshawar", Role.PARTICIPANT),
        ("nowshera", Role.PARTICIPANT),
    }
    # Five of the six networks' cities are members; Irbid is named as text.
    assert {slug for slug, _ in _cities(_event(5))} == {
        "saida",
        "tripoli",
        "majdal-anjar",
        "al-karak",
        "zarqa",
    }
    assert "Irbid" in _event(5).location_note


def test_no_date_is_invented(loaded):
    assert not Event.objects.filter(starts_at__isnull=False).exists()
    assert not Event.objects.filter(ends_at__isnull=False).exists()
    for row in _csv("events.csv"):
        event = Event.objects.get(slug=event_key(row))
        assert event.year == (int(row["year"]) if row["year"] else None), row["title"]
        assert event.month == (int(row["month"]) if row["month"] else None), row["title"]
    assert (_event(4).year, _event(4).month) == (2017, 10)
    assert (_event(1).year, _event(1).month) == (2017, None)
    undated = Event.objects.filter(year__isnull=True).values_list("source_number", flat=True)
    assert sorted(undated) == [2, 5, 15, 16]


def test_only_programme_events_may_go_without_a_year(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(starts_at=None, ends_at=None, year=None)
    EventFactory(starts_at=None, ends_at=None, year=2019)


def test_every_event_has_its_title_and_description_in_french_and_arabic(loaded):
    latin = re.compile(r"[A-Za-z]")
    for event in Event.objects.all():
        for code in ("en", "fr", "ar"):
            assert getattr(event, f"title_{code}"), (event.slug, code)
            assert getattr(event, f"description_{code}"), (event.slug, code)
        assert latin.search(event.title_ar) is None, event.slug
        assert latin.search(event.description_ar) is None, event.slug
        if event.participants_note_en:
            assert event.participants_note_fr and event.participants_note_ar, event.slug
    # The exchanges' summaries are those already on the city profiles.
    for row in _csv("city_exchanges_translations.csv"):
        event = _event(int(row["number"]))
        assert event.description_fr == row["summary_fr"]
        assert event.description_ar == row["summary_ar"]
    assert _event(1).participants_note_fr == "476 délégués de 170 villes de 47 pays"


def test_a_place_that_is_not_a_member_stays_text(loaded):
    assert City.objects.count() == 123  # no city made up
    assert not City.objects.filter(slug__in=["seattle", "irbid", "melbourne", "amman"]).exists()
    seattle = _event(8)
    assert seattle.venue_city is None
    assert seattle.location_note == "Seattle, USA"
    assert not seattle.cities.exists()
    assert seattle.time_zone == "UTC"
    # The first place that is a member is the venue; the others are named.
    balkans = _event(2)
    assert balkans.venue_city.slug == "pejapec"  # "Peja" in events.csv
    assert balkans.location_note == "Durres, Albania"
    assert balkans.time_zone == "Europe/Belgrade"
    summit = _event(14)
    assert (summit.venue_city, summit.location_note) == (None, "Melbourne, Australia")
    assert _cities(summit) == {("victoria", Role.PARTICIPANT)}
    for name in ("Seattle", "Irbid", "Durres", "Melbourne", "Amman", "Kolkata"):
        assert name in loaded.unmatched


def test_the_place_is_in_french_and_arabic_from_the_data(loaded):
    notes = {
        number: (_event(number).location_note_fr, _event(number).location_note_ar)
        for number in (2, 5, 8, 9, 10, 11, 15)
    }
    assert notes == {
        2: ("Durres, Albanie", "دوريس، ألبانيا"),
        5: ("Jordanie\u00a0; Liban\u00a0; Irbid", "الأردن؛ لبنان؛ إربد"),
        8: ("Seattle, États-Unis", "سياتل، الولايات المتحدة"),
        9: ("Calcutta, Inde", "كلكتا، الهند"),
        10: ("Washington\u00a0; Boston", "واشنطن؛ بوسطن"),
        11: ("New Delhi, Inde\u00a0; Dharamsala, Inde", "نيودلهي، الهند؛ دارامسالا، الهند"),
        15: ("Kosovo\u00a0; Macédoine", "كوسوفو؛ مقدونيا"),
    }
    # Every event with a place note has it in all three languages; none is left in English.
    for event in Event.objects.exclude(location_note_en=""):
        assert event.location_note_fr and event.location_note_ar, event.source_number
        assert not re.search("[A-Za-z]", event.location_note_ar), event.location_note_ar
    with translation.override("ar"):
        assert _event(14).location_note == "ملبورن، أستراليا"
    assert (
        Event.objects.filter(location_note_en="").count()
        == Event.objects.filter(location_note_fr="", location_note_ar="").count()
    )


def test_a_place_without_french_or_arabic_is_an_error_in_the_data(db, tmp_path):
    scn_data_load()
    data = Path(settings.HUB_DATA_DIR)
    for name in (
        "events.csv",
        "events_translations.csv",
        "city_exchanges_translations.csv",
        "city_names.csv",
        "countries.csv",
    ):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    rows = _csv("places_translations.csv")
    with (tmp_path / "places_translations.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(row for row in rows if row["name"] != "Irbid")
    with pytest.raises(ValueError, match="Irbid"):
        programme_events_load(data_dir=tmp_path)
    assert not Event.objects.exists()  # one transaction: nothing half loaded


def test_venue_cities_and_their_time_zones(loaded):
    assert (_event(1).venue_city.slug, _event(1).time_zone) == ("aarhus", "Europe/Copenhagen")
    assert (_event(4).venue_city.slug, _event(4).time_zone) == ("montreal", "America/Toronto")
    # "New York" is the member city New York City (its French name in city_names.csv).
    assert (_event(3).venue_city.slug, _event(3).time_zone) == (
        "new-york-city",
        "America/New_York",
    )
    assert _event(3).location_note == ""
    assert _event(10).venue_city.slug == "london"
    assert _event(10).location_note == "Washington; Boston"


def test_an_event_entered_on_the_hub_keeps_its_slug(db):
    scn_data_load()
    mine = EventFactory(slug="scn-global-summit-2016", title_en="Our own summit")
    report = programme_events_load()
    assert report.skipped == ["SCN Global Summit 2016"]
    assert report.created == 18
    mine.refresh_from_db()
    assert mine.title_en == "Our own summit"
    assert mine.provenance == Provenance.HUB


def test_the_command_prints_a_summary_in_the_active_language(db):
    scn_data_load()
    out = StringIO()
    call_command("load_programme_events", stdout=out)
    assert "created: 19, updated: 0, unchanged: 0" in out.getvalue()
    assert "Seattle" in out.getvalue()
    out = StringIO()
    with translation.override("fr"):
        call_command("load_programme_events", stdout=out)
    assert "inchangés : 19" in out.getvalue()
