"""The shared taxonomy (regions, countries, member cities, themes): its one write path, and the
loading of the SCN reference data from data/."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from hub.errors import NotAllowed
from hub.models import AuditEvent, City, Country, Region, Theme
from hub.permissions import is_staff_curator

from .audit import audit_record

if TYPE_CHECKING:
    from hub.models import User

TaxonomyItem = Region | Country | City | Theme
Item = TypeVar("Item", Region, Country, City, Theme)


@transaction.atomic
def taxonomy_item_save(*, item: Item, by: User | None, fields: list[str] | None = None) -> Item:
    """Create or change one entry of the taxonomy (the admin; the SCN data load with no `by`).

    `fields`: the fields that changed, for an update; None saves every field. Every object
    type points at these rows by id, so nothing derived needs rebuilding.
    Side effects: audited when a staff member made the change.
    Raises: NotAllowed (not staff), ValidationError.
    """
    if by is not None and not is_staff_curator(by):
        raise NotAllowed()
    creating = item.pk is None
    item.full_clean()
    if creating or not fields:
        item.save()
    else:
        item.save(update_fields=fields)
    if by is not None:
        audit_record(
            action=AuditEvent.Action.TAXONOMY_CHANGED,
            actor=by,
            target=item,
            details={"created": creating, "fields": sorted(fields or [])},
        )
    return item


@transaction.atomic
def taxonomy_item_delete(*, item: TaxonomyItem, by: User) -> None:
    """Delete one entry of the taxonomy; what pointed at it loses the link (a city still named
    as a document's contributing city cannot be deleted: ProtectedError).

    Side effects: audited. Raises: NotAllowed, ProtectedError.
    """
    if not is_staff_curator(by):
        raise NotAllowed()
    audit_record(
        action=AuditEvent.Action.TAXONOMY_DELETED,
        actor=by,
        target=item,
        details={"model": item._meta.model_name, "id": item.pk},
    )
    item.delete()


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
    model: type[Item], lookup: dict[str, Any], values: dict[str, Any], report: LoadReport
) -> Item:
    """Create the row, or update only the fields that differ, so a second run writes nothing."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = taxonomy_item_save(item=model(**lookup, **values), by=None)
        report.count(model._meta.model_name or "", "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        taxonomy_item_save(item=obj, by=None, fields=changed)
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
