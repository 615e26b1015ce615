"""The programme data on the city profiles: networks, youth campaigns and city exchanges.

From the project's copy of the SCN data (``data/``): the six Local Prevention Networks of
``campaigns_and_networks.csv`` on their cities' profiles, the two youth campaigns as practices of
their cities, and the three bilateral city exchanges of ``events.csv``, each marked as coming from
the 2019 programme summary, with the project's French and Arabic (``*_translations.csv``). A city
that is not in the member list (Irbid) becomes a partner city, never a member.

This is an import (like the library's document import): it writes the published rows directly
and idempotently — matched by city, network name and a stable practice key — and the database
derives search rows from them as from any publication. Content a city has written since is
never overwritten: a network or practice is only (re)written while it is still the programme's.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from cityprofiles.models import (
    CityExchange,
    CityProfile,
    PartnerCity,
    Practice,
    PreventionNetwork,
    Provenance,
)
from hub.models import City, Country, Theme

_KEYS = uuid.UUID("6c1f7e1e-3b5a-4c1e-9a55-2019c17e5c0d")  # namespace of the practices' keys

# What the programme summary says each campaign is about, in the shared taxonomy, and who it
# reaches (the summary's own words: a youth campaign, refugees and their neighbours, gun culture).
_CAMPAIGNS = {
    "Washwasha (Whispers)": {
        "themes": ["youth-engagement", "counter-narrative-campaigns", "social-cohesion"],
        "target_groups": ["young_people", "refugees"],
    },
    "Farha Tayshe (Stray Bullets Kill Joy)": {
        "themes": ["youth-engagement", "campaign-communications-design", "violence-prevention"],
        "target_groups": ["young_people", "online"],
    },
}
_NETWORK_THEMES = ["local-prevention-networks", "multi-agency-approaches"]


@dataclass
class SeedReport:
    networks: int = 0
    practices: int = 0
    exchanges: int = 0
    partner_cities: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _city(name: str) -> City | None:
    return City.objects.filter(slug=slugify(name)).first()


def practice_key(name: str) -> uuid.UUID:
    """The stable key of the practice seeded from the programme item called `name`."""
    return uuid.uuid5(_KEYS, name)


@transaction.atomic
def programme_data_load(*, data_dir: Path | None = None) -> SeedReport:
    """Put the programme's networks, campaigns and exchanges on the profiles (idempotent).

    Needs the taxonomy (hub's scn_data_load) first. Raises FileNotFoundError.
    """
    data_dir = data_dir or Path(settings.HUB_DATA_DIR)
    report = SeedReport()
    translations = {
        row["name"]: row for row in _rows(data_dir / "campaigns_and_networks_translations.csv")
    }
    for row in _rows(data_dir / "campaigns_and_networks.csv"):
        extra = translations.get(row["name"], {})
        texts = {
            "en": (row["name"], row["summary"]),
            "fr": (extra.get("name_fr", ""), extra.get("summary_fr", "")),
            "ar": (extra.get("name_ar", ""), extra.get("summary_ar", "")),
        }
        city = _city(row["city"])
        if row["kind"] == "local_prevention_network":
            _network(row, city, texts, report)
        elif row["kind"] == "youth_campaign" and city is not None:
            _campaign(row, city, texts, report)
        else:
            report.skipped.append(row["name"])
    _exchanges(data_dir, report)
    return report


def _network(
    row: dict[str, str], city: City | None, texts: dict[str, tuple[str, str]], report: SeedReport
) -> None:
    if city is None:  # not a member: a partner city, with its network
        country = Country.objects.get(name_en=row["country"])
        partner, _ = PartnerCity.objects.update_or_create(
            slug=slugify(row["city"]),
            defaults={
                "name_en": row["city"],
                "name_fr": _partner_name(texts["fr"][0]) or row["city"],
                "name_ar": _partner_name(texts["ar"][0]),
                "country": country,
                "provenance": Provenance.PROGRAMME_2019,
            },
        )
        report.partner_cities.append(row["city"])
        owner: dict[str, object] = {"partner_city": partner}
    else:
        owner = {"profile": CityProfile.objects.get(city=city)}
    network = PreventionNetwork.objects.filter(**owner).first()
    if network is not None and network.provenance != Provenance.PROGRAMME_2019:
        return  # the city has written its own
    values = {
        "provenance": Provenance.PROGRAMME_2019,
        "source_language": "en",
        **{f"name_{code}": name for code, (name, _summary) in texts.items()},
        **{f"activities_{code}": summary for code, (_name, summary) in texts.items()},
    }
    if network is None:
        PreventionNetwork.objects.create(**owner, **values)
    else:
        for name, value in values.items():
            setattr(network, name, value)
        network.save()
    report.networks += 1


def _partner_name(network_name: str) -> str:
    # "Réseau local de prévention du SCN – Irbid" → "Irbid"
    return network_name.rsplit("–", 1)[-1].strip() if "–" in network_name else ""


def _campaign(
    row: dict[str, str], city: City, texts: dict[str, tuple[str, str]], report: SeedReport
) -> None:
    profile = CityProfile.objects.get(city=city)
    key = practice_key(row["name"])
    practice = Practice.objects.filter(key=key).first()
    if practice is not None and practice.provenance != Provenance.PROGRAMME_2019:
        return
    about = _CAMPAIGNS.get(row["name"], {"themes": ["youth-engagement"], "target_groups": []})
    values = {
        "profile": profile,
        "provenance": Provenance.PROGRAMME_2019,
        "source_language": "en",
        "kind": Practice.Kind.CAMPAIGN,
        "evidence_level": Practice.Evidence.DESCRIBED,
        "target_groups": about["target_groups"],
        **{f"title_{code}": name for code, (name, _summary) in texts.items()},
        **{f"summary_{code}": summary for code, (_name, summary) in texts.items()},
    }
    practice, _ = Practice.objects.update_or_create(key=key, defaults=values)
    practice.themes.set(Theme.objects.filter(slug__in=about["themes"]))
    report.practices += 1


def _exchanges(data_dir: Path, report: SeedReport) -> None:
    translations = {
        row["number"]: row for row in _rows(data_dir / "city_exchanges_translations.csv")
    }
    for row in _rows(data_dir / "events.csv"):
        if row["event_type"] != "city_exchange" or row["number"] not in translations:
            continue  # the bilateral exchanges only (not the multi-city mayoral visit)
        hosts = [c for c in row["location_city"].split(";") if c]
        visitors = [c for c in row["cities_involved"].split(";") if c and c not in hosts]
        host, visitor = _city(hosts[0]), _city(visitors[0]) if visitors else None
        if host is None or visitor is None:
            report.skipped.append(row["title"])
            continue
        extra = translations[row["number"]]
        CityExchange.objects.update_or_create(
            host=host,
            visitor=visitor,
            year=int(row["year"]) if row["year"] else None,
            defaults={
                "month": int(row["month"]) if row["month"] else None,
                "summary_en": row["summary"],
                "summary_fr": extra["summary_fr"],
                "summary_ar": extra["summary_ar"],
                "provenance": Provenance.PROGRAMME_2019,
            },
        )
        report.exchanges += 1


__all__ = ["SeedReport", "practice_key", "programme_data_load"]
