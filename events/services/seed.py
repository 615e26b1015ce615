"""The programme's 19 past events, from the project's copy of the SCN data (``data/``).

``events.csv`` gives each event's kind, place, year and month (when known), participants and
summary; ``events_translations.csv`` the project's French and Arabic of its title, summary and
participants, except the summaries of the three bilateral city exchanges, which are those of
``city_exchanges_translations.csv`` (already on the city profiles).

Nothing is invented: no start or end date (only the year and month the programme gives, and no
year for the four events it leaves undated), and a place that is not a member city stays text
(``location_note``), never a city: in French and Arabic with the country names of
``countries.csv`` and the other names of ``places_translations.csv``. The venue city is the
first place of the row that is a member city; the cities involved that are members become the
event's cities (a city exchange's member places are its hosts, its other cities the visitors;
other events' cities took part). Names that match no member city are reported.

This is an import (like the profiles' programme data): it writes rows directly and idempotently,
matched by the programme's number or, for the events without one, by a slug of title and year;
a second run writes nothing. Only the programme's own fields are written — a report, themes,
outputs or cities staff add later stay — and a slug held by an event entered on the hub is left
alone and reported.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from events.models import Event, EventCity, Provenance
from hub.models import City, Region

_KINDS = {
    "global_summit": Event.Kind.GLOBAL_SUMMIT,
    "regional_workshop": Event.Kind.REGIONAL_WORKSHOP,
    "city_exchange": Event.Kind.CITY_EXCHANGE,
    "consultation": Event.Kind.CONSULTATION,
    "un_event": Event.Kind.UN_EVENT,
    "youth_lab": Event.Kind.YOUTH_LAB,
    "training": Event.Kind.TRAINING_WORKSHOP,
    "launch": Event.Kind.LAUNCH,
    "taskforce": Event.Kind.TASKFORCE,
}

# The time zone of each member city that is the venue of a programme event; any other venue,
# and an event without a member venue, is in UTC (the events have no time of day anyway).
_TIME_ZONES = {
    "aarhus": "Europe/Copenhagen",
    "antalya": "Europe/Istanbul",
    "birmingham": "Europe/London",
    "kristiansand": "Europe/Oslo",
    "london": "Europe/London",
    "montreal": "America/Toronto",
    "mumbai": "Asia/Kolkata",
    "new-york-city": "America/New_York",
    "pejapec": "Europe/Belgrade",
}

_LANGUAGES = ("fr", "ar")


@dataclass
class EventsLoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cities_added: int = 0
    # Names of places and cities in events.csv that are not member cities (kept as text).
    unmatched: list[str] = field(default_factory=list)
    # Events not written: their slug belongs to an event entered on the hub.
    skipped: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


class _Cities:
    """Member cities by the names events.csv uses: the English name, the French name of
    city_names.csv ("New York" is New York City), or one part of a double name ("Peja" is
    Peja/Pec)."""

    def __init__(self, data_dir: Path) -> None:
        self._by_slug = {city.slug: city for city in City.objects.all()}
        self._aliases: dict[str, str] = {}
        for row in _rows(data_dir / "city_names.csv"):
            slug = slugify(row["name"])
            for spelling in (row["name"], row["name_fr"]):
                for part in (spelling, *spelling.split("/")):
                    self._aliases.setdefault(slugify(part), slug)

    def get(self, name: str) -> City | None:
        slug = slugify(name)
        return self._by_slug.get(slug) or self._by_slug.get(self._aliases.get(slug, ""))


def event_key(row: dict[str, str]) -> str:
    """The slug of the event of an events.csv row: its title, and its year unless the title
    already says it (the programme's two "SCN City Consultations" differ by their year)."""
    title, year = row["title"], row["year"]
    return slugify(title if not year or year in title else f"{title} {year}")


@transaction.atomic
def programme_events_load(*, data_dir: Path | None = None) -> EventsLoadReport:
    """Create or update one past event per row of events.csv (idempotent).

    Needs the taxonomy (hub's scn_data_load) first. Raises FileNotFoundError, and ValueError
    when a row has no French or Arabic (of its text or of a place it names), an unknown kind,
    or two rows share a key.
    """
    data_dir = data_dir or Path(settings.HUB_DATA_DIR)
    report = EventsLoadReport()
    cities = _Cities(data_dir)
    names = _PlaceNames(data_dir)
    translations = _translations(data_dir)
    rows = _rows(data_dir / "events.csv")
    keys = [event_key(row) for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("events.csv: two events have the same title and year.")
    for row, slug in zip(rows, keys, strict=True):
        _load(row, slug, translations, cities, names, report)
    return report


def _translations(data_dir: Path) -> dict[str, dict[str, str]]:
    """The French and Arabic of each event, by its number or (without one) its title."""
    summaries = {row["number"]: row for row in _rows(data_dir / "city_exchanges_translations.csv")}
    found: dict[str, dict[str, str]] = {}
    for row in _rows(data_dir / "events_translations.csv"):
        row = dict(row)
        exchange = summaries.get(row["number"]) if row["number"] else None
        for code in _LANGUAGES:
            if exchange is not None:
                row[f"summary_{code}"] = exchange[f"summary_{code}"]
        found[row["number"] or row["title"]] = row
    return found


def _load(
    row: dict[str, str],
    slug: str,
    translations: dict[str, dict[str, str]],
    cities: _Cities,
    names: _PlaceNames,
    report: EventsLoadReport,
) -> None:
    kind = _KINDS.get(row["event_type"])
    if kind is None:
        raise ValueError(f"events.csv: {row['title']}: unknown event type {row['event_type']!r}.")
    extra = translations.get(row["number"] or row["title"])
    if extra is None or not all(
        extra[f"{name}_{code}"] for name in ("title", "summary") for code in _LANGUAGES
    ):
        raise ValueError(f"events_translations.csv: {row['title']}: French or Arabic missing.")

    places = _split(row["location_city"])
    involved = _split(row["cities_involved"])
    place_parts = _place_parts(row, places, involved, cities)
    venue = next((city for city in map(cities.get, places) if city is not None), None)
    number = int(row["number"]) if row["number"] else None
    values: dict[str, object] = {
        "slug": slug,
        "kind": kind,
        "title_en": row["title"],
        "description_en": row["summary"],
        "participants_note_en": row["participants"],
        **{f"title_{code}": extra[f"title_{code}"] for code in _LANGUAGES},
        **{f"description_{code}": extra[f"summary_{code}"] for code in _LANGUAGES},
        **{f"participants_note_{code}": extra[f"participants_{code}"] for code in _LANGUAGES},
        "year": int(row["year"]) if row["year"] else None,
        "month": int(row["month"]) if row["month"] else None,
        "starts_at": None,
        "ends_at": None,
        "time_zone": _TIME_ZONES.get(venue.slug, "UTC") if venue else "UTC",
        "venue_city": venue,
        **{
            f"location_note_{code}": _place(place_parts, names, code)
            for code in ("en", *_LANGUAGES)
        },
        "is_online": False,
        "registration": Event.Registration.CLOSED,
        "visibility": Event.Visibility.MEMBERS,
        "provenance": Provenance.PROGRAMME_2019,
        "source_number": number,
    }
    if number is not None:
        event = Event.objects.filter(source_number=number).first()
    else:
        event = Event.objects.filter(slug=slug, source_number__isnull=True).first()
    others = Event.objects.filter(slug=slug)
    if event is not None:
        others = others.exclude(pk=event.pk)
    if others.exists() or (event is not None and event.provenance != Provenance.PROGRAMME_2019):
        report.skipped.append(row["title"])
        return
    if event is None:
        event = Event(**values)
        event.full_clean()
        event.save()
        report.created += 1
    else:
        changed = [name for name, value in values.items() if getattr(event, name) != value]
        if changed:
            for name in changed:
                setattr(event, name, values[name])
            event.full_clean()
            event.save(update_fields=[*changed, "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1
    _event_cities(event, kind, places, involved, cities, report)
    _event_regions(event, row)
    for name in dict.fromkeys([*places, *involved]):
        if cities.get(name) is None and name not in report.unmatched:
            report.unmatched.append(name)


def _event_regions(event: Event, row: dict[str, str]) -> None:
    """The programme's regions of the event and those of its member cities; never removes a
    region added since. A region name not in the taxonomy is an error in the data."""
    names = _split(row["region"])
    regions = dict(Region.objects.filter(name_en__in=names).values_list("name_en", "pk"))
    missing = [name for name in names if name not in regions]
    if missing:
        raise ValueError(f"events.csv: {row['title']}: unknown region {', '.join(missing)}.")
    wanted = set(regions.values())
    wanted |= set(
        City.objects.filter(event_roles__event=event)
        .exclude(country__region__isnull=True)
        .values_list("country__region", flat=True)
    )
    if event.venue_city_id:
        wanted |= set(
            City.objects.filter(pk=event.venue_city_id)
            .exclude(country__region__isnull=True)
            .values_list("country__region", flat=True)
        )
    have = set(event.regions.values_list("pk", flat=True))
    if wanted - have:
        event.regions.add(*(wanted - have))


class _PlaceNames:
    """The French and Arabic of the places and countries events.csv prints that are not member
    cities: a country by its English name in countries.csv, any other name ("Durres", "USA",
    "Macedonia" as printed in 2019) in places_translations.csv."""

    def __init__(self, data_dir: Path) -> None:
        self._names: dict[str, dict[str, str]] = {}
        for row in _rows(data_dir / "countries.csv"):
            self._names[row["name_en"]] = {code: row[f"name_{code}"] for code in _LANGUAGES}
        for row in _rows(data_dir / "places_translations.csv"):
            self._names[row["name"]] = {code: row[f"name_{code}"] for code in _LANGUAGES}

    def get(self, name: str, language: str) -> str:
        if language == "en":
            return name
        found = self._names.get(name, {}).get(language, "")
        if not found:
            raise ValueError(
                f"places_translations.csv: no {language} name for {name!r} (events.csv)."
            )
        return found


# How each language writes "Durres, Albania; Irbid" (French sets a no-break space before ";").
_SEPARATORS = {
    "en": (", ", "; "),
    "fr": (", ", "\u00a0; "),
    "ar": ("، ", "؛ "),
}


def _place_parts(
    row: dict[str, str], places: list[str], involved: list[str], cities: _Cities
) -> list[tuple[str, ...]]:
    """The places of the row that are not member cities, each with its country when the row
    gives it ("Seattle", "USA"); the countries when the row names no place."""
    countries = _split(row["location_country"])
    printed: list[tuple[str, ...]]
    if len(countries) == len(places):
        printed = [(place, country) for place, country in zip(places, countries, strict=True)]
    elif len(countries) == 1:
        printed = [(place, countries[0]) for place in places]
    else:
        printed = [(place,) for place in places]
    notes: list[tuple[str, ...]] = [
        parts for place, parts in zip(places, printed, strict=True) if cities.get(place) is None
    ]
    if not places:
        notes = [(country,) for country in countries]
    # A city involved that is not a member, and not already named as a place.
    notes += [(name,) for name in involved if name not in places and cities.get(name) is None]
    return notes


def _place(parts: list[tuple[str, ...]], names: _PlaceNames, language: str) -> str:
    """The place note in `language`: "Durres, Albania; Irbid", "دوريس، ألبانيا؛ إربد"."""
    within, between = _SEPARATORS[language]
    return between.join(within.join(names.get(name, language) for name in one) for one in parts)


def _event_cities(
    event: Event,
    kind: str,
    places: list[str],
    involved: list[str],
    cities: _Cities,
    report: EventsLoadReport,
) -> None:
    """Add the member cities the programme names; never remove a city added since."""
    wanted: dict[int, tuple[City, str]] = {}
    if kind == Event.Kind.CITY_EXCHANGE:
        for name in places:
            city = cities.get(name)
            if city is not None:
                wanted.setdefault(city.pk, (city, EventCity.Role.HOST))
        for name in involved:
            city = cities.get(name)
            if city is not None:
                wanted.setdefault(city.pk, (city, EventCity.Role.VISITOR))
    else:
        for name in involved:
            city = cities.get(name)
            if city is not None:
                wanted.setdefault(city.pk, (city, EventCity.Role.PARTICIPANT))
    have = set(EventCity.objects.filter(event=event).values_list("city_id", "role"))
    new = [
        EventCity(event=event, city=city, role=role)
        for city, role in wanted.values()
        if (city.pk, role) not in have
    ]
    EventCity.objects.bulk_create(new)
    report.cities_added += len(new)


__all__ = ["EventsLoadReport", "event_key", "programme_events_load"]
