"""`manage.py load_programme_events`: the 2019 programme summary's 19 past events."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from events.services import programme_events_load
from hub.listformat import format_list


class Command(BaseCommand):
    help = (
        "Load the 2019 programme summary's past events (data/events.csv, with their French and "
        "Arabic) as events of the calendar (idempotent; after load_scn_data)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=None, help="Folder of the CSV files.")

    def handle(self, *args: Any, data_dir: Path | None = None, **options: Any) -> None:
        report = programme_events_load(data_dir=data_dir)
        self.stdout.write(
            _(
                "Programme events — created: %(created)d, updated: %(updated)d, "
                "unchanged: %(unchanged)d."
            )
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
        )
        self.stdout.write(_("Cities added to events: %(count)d.") % {"count": report.cities_added})
        if report.unmatched:
            self.stdout.write(
                _("Not member cities, kept as place text: %(names)s")
                % {"names": format_list(report.unmatched)}
            )
        for title in report.skipped:
            self.stdout.write(
                _("Not loaded, its address is taken by an event entered on the hub: %(title)s")
                % {"title": title}
            )
