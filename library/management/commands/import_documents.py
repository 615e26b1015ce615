"""`manage.py import_documents MANIFEST.csv` or `--folder DIR`: bulk-import an existing library.

Manifest header: path,title_en,title_fr,title_ar,language,type,year,themes,cities,visibility
(paths absolute or relative to the manifest; at least one title; themes and cities are
`;`-separated slugs or names). Every file is published and queued for extraction; a file
already present (same sha256) is skipped. One line per file, a summary at the end, and a bad
file never stops the import.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from hub.errors import HubError
from hub.models import City, Theme
from library.models import DOCUMENT_LANGUAGES, Document
from library.services import DuplicateDocument, document_import

HEADER = [
    "path",
    "title_en",
    "title_fr",
    "title_ar",
    "language",
    "type",
    "year",
    "themes",
    "cities",
    "visibility",
]
VISIBILITY = {
    "public": Document.Visibility.PUBLIC,
    "members": Document.Visibility.MEMBERS,
    "cities": Document.Visibility.CITIES,
    "staff": Document.Visibility.STAFF,
}
FOLDER_SUFFIXES = {".pdf", ".docx", ".txt", ".html", ".htm"}


class RowError(Exception):
    pass


def _lookup(model: type[Theme] | type[City], value: str) -> Any:
    value = unicodedata.normalize("NFC", value.strip())
    match = model.objects.filter(
        Q(slug__iexact=value)
        | Q(name_en__iexact=value)
        | Q(name_fr__iexact=value)
        | Q(name_ar=value)
    ).first()
    if match is None:
        raise RowError(f"unknown {model._meta.model_name} {value!r}")
    return match


class Command(BaseCommand):
    help = "Import documents from a CSV manifest or a folder; published and queued for extraction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("manifest", nargs="?", type=Path, help="CSV manifest")
        parser.add_argument("--folder", type=Path, help="import every file of this folder")
        parser.add_argument("--language", default="en", help="folder mode: language of the files")
        parser.add_argument("--type", default="other", help="folder mode: document type")
        parser.add_argument("--visibility", default="members", help="folder mode: visibility")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest: Path | None = options["manifest"]
        folder: Path | None = options["folder"]
        if bool(manifest) == bool(folder):
            raise CommandError("Give either a manifest file or --folder DIR.")
        if manifest is not None:
            rows = self._manifest_rows(manifest)
        else:
            assert folder is not None
            rows = self._folder_rows(folder, options)
        counts = {"imported": 0, "already present": 0, "rejected": 0}
        for label, row in rows:
            outcome = self._import_one(row)
            key = next(k for k in counts if outcome.startswith(k))
            counts[key] += 1
            self.stdout.write(f"{label}: {outcome}")
        self.stdout.write(
            f"Summary: {counts['imported']} imported, {counts['already present']} already "
            f"present, {counts['rejected']} rejected."
        )

    def _manifest_rows(self, manifest: Path) -> list[tuple[str, dict[str, str]]]:
        try:
            with manifest.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = set(HEADER) - set(reader.fieldnames or [])
                if missing:
                    raise CommandError(f"Manifest lacks the columns: {', '.join(sorted(missing))}")
                rows = []
                for number, row in enumerate(reader, start=2):
                    row = {k: (v or "").strip() for k, v in row.items() if k}
                    path = Path(row["path"])
                    row["path"] = str(path if path.is_absolute() else manifest.parent / path)
                    rows.append((f"line {number} ({row['path']})", row))
                return rows
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise CommandError(f"Cannot read the manifest: {exc}") from exc

    def _folder_rows(
        self, folder: Path, options: dict[str, Any]
    ) -> list[tuple[str, dict[str, str]]]:
        if not folder.is_dir():
            raise CommandError(f"Not a folder: {folder}")
        rows = []
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in FOLDER_SUFFIXES:
                title = path.stem.replace("_", " ").replace("-", " ").strip()
                rows.append(
                    (
                        str(path),
                        {
                            "path": str(path),
                            "title_en": title,
                            "title_fr": "",
                            "title_ar": "",
                            "language": options["language"],
                            "type": options["type"],
                            "year": "",
                            "themes": "",
                            "cities": "",
                            "visibility": options["visibility"],
                        },
                    )
                )
        return rows

    def _import_one(self, row: dict[str, str]) -> str:
        try:
            data = self._metadata(row)
            path = Path(row["path"])
            if not path.is_file():
                raise RowError("file not found")
            with path.open("rb") as fh:
                document = document_import(uploaded_file=File(fh, name=path.name), data=data)
        except DuplicateDocument as exc:
            return f"already present (document {exc.existing.pk})"
        except RowError as exc:
            return f"rejected: {exc}"
        except ValidationError as exc:
            return "rejected: " + "; ".join(str(m) for m in exc.messages)
        except HubError as exc:
            return f"rejected: {exc.message}"
        except OSError as exc:
            return f"rejected: cannot read the file ({exc.strerror})"
        return f"imported (document {document.pk})"

    def _metadata(self, row: dict[str, str]) -> dict[str, Any]:
        if not any(row.get(f"title_{code}") for code in ("en", "fr", "ar")):
            raise RowError("no title")
        if row["language"] not in dict(DOCUMENT_LANGUAGES):
            raise RowError(f"unknown language {row['language']!r}")
        if row["type"] not in Document.Kind.values:
            raise RowError(f"unknown type {row['type']!r}")
        if row["visibility"] not in VISIBILITY:
            raise RowError(f"unknown visibility {row['visibility']!r}")
        year = None
        if row.get("year"):
            if not row["year"].isdigit() or not 1900 <= int(row["year"]) <= 2100:
                raise RowError(f"bad year {row['year']!r}")
            year = int(row["year"])
        split = lambda value: [v for v in value.split(";") if v.strip()]  # noqa: E731
        return {
            "title_en": row.get("title_en", ""),
            "title_fr": row.get("title_fr", ""),
            "title_ar": row.get("title_ar", ""),
            "language": row["language"],
            "kind": row["type"],
            "year": year,
            "visibility": VISIBILITY[row["visibility"]],
            "themes": [_lookup(Theme, v) for v in split(row.get("themes", ""))],
            "cities": [_lookup(City, v) for v in split(row.get("cities", ""))],
        }
