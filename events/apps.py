from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("events")

    def ready(self) -> None:
        from hub import pending

        from . import audit  # noqa: F401  (declares the events' audit actions)
        from .models import Registration

        # The approval queue: registrations waiting for a decision by SCN staff.
        pending.register(
            pending.PendingCounter(
                label=_("registrations for events awaiting approval"),
                url_name="admin:events_registration_changelist",
                query="status__exact=pending",
                count=lambda: Registration.objects.filter(
                    status=Registration.Status.PENDING
                ).count(),
            )
        )

        # What events left behind, on the documents' and the cities' pages (hub.object_panels).
        from . import panels

        panels.register()
