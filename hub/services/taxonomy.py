"""Loading the SCN reference data (regions, countries, member cities, themes) from data/."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.text import slugify

from hub.models import City, Country, Region, Theme


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, outcome: str) -> None:
        target = self.created if outcome == "created" else self.updated
        target[kind] = target.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            {k: unicodedata.normalize("NFC", (v or "").strip()) for k, v in row.items()}
            for row in csv.DictReader(fh)
        ]


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], report: LoadReport
) -> Any:
    """Create the row, or update only the fields that differ, so a second run writes nothing."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.count(model._meta.model_name or "", "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
        report.count(model._meta.model_name or "", "updated")
    return obj


@transaction.atomic
def scn_data_load(*, data_dir: Path | None = None) -> LoadReport:
    """Load or refresh the 8 regions, their countries, the 123 member cities and 39 themes.

    Idempotent: rows are matched by slug or ISO code, and only differing fields are written.
    Raises: FileNotFoundError, KeyError (a city or theme naming a region/parent not in the data).
    """
    data_dir = data_dir or Path(settings.HUB_DATA_DIR)
    report = LoadReport()

    regions: dict[str, Region] = {}
    for row in _rows(data_dir / "regions.csv"):
        regions[row["name_en"]] = _upsert(
            Region,
            {"slug": row["slug"]},
            {"name_en": row["name_en"], "name_fr": row["name_fr"], "name_ar": row["name_ar"]},
            report,
        )

    countries: dict[str, Country] = {}
    for row in _rows(data_dir / "countries.csv"):
        countries[row["iso_country"]] = _upsert(
            Country,
            {"iso_code": row["iso_country"]},
            {
                "name_en": row["name_en"],
                "name_fr": row["name_fr"],
                "name_ar": row["name_ar"],
                "region": regions[row["region"]],
            },
            report,
        )

    names = {row["name"]: row for row in _rows(data_dir / "city_names.csv")}
    for row in _rows(data_dir / "cities.csv"):
        translated = names.get(row["name"], {})
        _upsert(
            City,
            {"slug": slugify(row["name"])},
            {
                "name_en": row["name"],
                "name_fr": translated.get("name_fr") or None,
                "name_ar": translated.get("name_ar") or None,
                "country": countries[row["iso_country"]],
                "is_steering_committee": row["steering_committee"] == "true",
                "notes": row["notes"],
            },
            report,
        )

    descriptions = {row["slug"]: row for row in _rows(data_dir / "theme_descriptions.csv")}
    theme_rows = _rows(data_dir / "themes.csv")
    pillar_slugs = {row["parent_slug"] for row in theme_rows if row["parent_slug"]}
    themes: dict[str, Theme] = {}
    # Parents come first in the file; sorting by "has a parent" makes that a guarantee.
    ordered = sorted(enumerate(theme_rows), key=lambda pair: bool(pair[1]["parent_slug"]))
    for position, row in ordered:
        translated = descriptions.get(row["slug"], {})
        themes[row["slug"]] = _upsert(
            Theme,
            {"slug": row["slug"]},
            {
                "name_en": row["name_en"],
                "name_fr": row["name_fr"] or None,
                "name_ar": row["name_ar"] or None,
                "description_en": row["description_en"],
                "description_fr": translated.get("description_fr") or None,
                "description_ar": translated.get("description_ar") or None,
                "parent": themes[row["parent_slug"]] if row["parent_slug"] else None,
                "is_pillar": row["slug"] in pillar_slugs,
                "position": position,
            },
            report,
        )
    return report
