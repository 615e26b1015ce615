"""`manage.py load_programme_profiles`: the programme's networks, campaigns and exchanges."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cityprofiles.services.seed import programme_data_load


class Command(BaseCommand):
    help = (
        "Put the 2019 programme summary's Local Prevention Networks, youth campaigns and city "
        "exchanges (data/) on the city profiles (idempotent; after load_scn_data)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=None, help="Folder of the CSV files.")

    def handle(self, *args: Any, data_dir: Path | None = None, **options: Any) -> None:
        report = programme_data_load(data_dir=data_dir)
        self.stdout.write(
            f"networks: {report.networks}, practices: {report.practices}, "
            f"exchanges: {report.exchanges}, partner cities (not members): "
            f"{', '.join(report.partner_cities) or '-'}"
        )
        for name in report.skipped:
            self.stdout.write(f"skipped: {name}")
