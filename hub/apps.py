from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import logging

        from django.conf import settings
        from django.utils.translation import gettext_lazy as _

        if settings.CELERY_TASK_ALWAYS_EAGER and not settings.CELERY_BROKER_URL:
            # Say loudly that background work now runs inside the web request.
            logging.getLogger("hub.celery").warning(
                "No Celery broker configured (CELERY_BROKER_URL is empty): "
                "tasks run eagerly in the calling process."
            )

        from . import home, pending, receivers  # noqa: F401  (receivers connects itself)
        from .models import AccessRequest

        home.register_hub_panels()

        pending.register(
            pending.PendingCounter(
                label=_("access requests awaiting review"),
                url_name="admin:hub_accessrequest_changelist",
                query="status__exact=pending",
                count=lambda: AccessRequest.objects.pending().count(),
            )
        )


class HubAdminConfig(AdminConfig):
    default_site = "hub.admin_site.HubAdminSite"
