"""`manage.py training_completion_summary`: check the completion report's kept figures against a
fresh count of the enrolments, and with `--recount` count them again.

The figures are kept by the database (triggers on the enrolments), so a difference means they
were written around it (the triggers disabled, a restore of one table without the other). The
check exits with status 1 when there is one.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from training.reports import completion_summary_differences
from training.services.reports import completion_summary_recount


class Command(BaseCommand):
    help = "Check (and with --recount, count again) the completion report's kept figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recount", action="store_true", help="count every figure again from the enrolments"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["recount"]:
            rows = completion_summary_recount()
            self.stdout.write(f"Completion figures counted again: {rows} (module, city) rows.")
        differences = completion_summary_differences()
        if differences:
            for module_id, city_id, kept, counted in differences[:20]:
                self.stderr.write(
                    f"module {module_id}, city {city_id}: kept {kept}, counted {counted}"
                )
            raise CommandError(
                f"{len(differences)} (module, city) figures differ from the enrolments: "
                "run with --recount."
            )
        self.stdout.write("The completion figures match the enrolments.")
