"""`manage.py seed_demo_events`: demo upcoming events in every registration mode, one online,
one full with a waiting list, and the demo accounts registered for them.

Demo only: refused unless DEBUG is on; run after seed_demo (the demo accounts). Every demo
event is marked (its provenance, and "DEMO — " in every language). Idempotent.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.services.demo import demo_events_seed


class Command(BaseCommand):
    help = "Demo upcoming events and registrations (refused when DEBUG is off)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_demo_events writes demo content: DEBUG only.")
        try:
            report = demo_events_seed()
        except LookupError as exc:
            raise CommandError(
                "Load the SCN data and create the demo accounts first: "
                "manage.py load_scn_data, manage.py seed_demo"
            ) from exc
        self.stdout.write(
            f"Demo events: {report.events} events, {report.registrations} registrations created"
        )
