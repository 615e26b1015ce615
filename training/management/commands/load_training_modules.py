"""`manage.py load_training_modules`: the hub's own training modules (training.content)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from training.services.content import module_content_load


class Command(BaseCommand):
    help = (
        "Create or bring up to date the hub's training modules (counter-narrative campaigns, "
        "individual interventions) in English, French and Arabic (idempotent; after "
        "load_scn_data)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = module_content_load()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"Training modules: {', '.join(report.modules)} "
            f"({report.created} rows created, {report.updated} updated, "
            f"{report.deleted} removed)"
        )
