"""`manage.py load_scn_data`: load or refresh the SCN regions, countries, cities and themes."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hub.services import scn_data_load


class Command(BaseCommand):
    help = "Load the SCN member cities, regions, countries and themes from data/ (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=None, help="Folder of the CSV files.")

    def handle(self, *args: Any, data_dir: Path | None = None, **options: Any) -> None:
        report = scn_data_load(data_dir=data_dir)
        if not report.changed:
            self.stdout.write("SCN data already up to date.")
            return
        for label, counts in (("created", report.created), ("updated", report.updated)):
            for kind, n in sorted(counts.items()):
                self.stdout.write(f"{kind}: {n} {label}")
        self.stdout.write(self.style.SUCCESS("SCN data loaded."))
