"""`manage.py seed_demo_training`: demo working groups and toolkits, and demo learners.

Demo only: refused unless DEBUG is on; run after seed_demo (the demo accounts) and
load_training_modules, and after seed_demo_library and seed_demo_profiles for the toolkits to
link their documents and practices. Every working group is marked as demo (its provenance, and
"DEMO — " in every language). Idempotent.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from training.models import Module
from training.services.content import demo_training_seed


class Command(BaseCommand):
    help = "Demo working groups, toolkits and learners' progress (refused when DEBUG is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo_training writes demo content: DEBUG only.")
        if not Module.objects.exists():
            raise CommandError("Load the training modules first: manage.py load_training_modules")
        try:
            report = demo_training_seed()
        except LookupError as exc:
            raise CommandError("Create the demo accounts first: manage.py seed_demo") from exc
        self.stdout.write(
            f"Demo training: {report.working_groups} working groups, "
            f"{report.toolkit_items} toolkit items, {report.enrolments} enrolments created"
        )
