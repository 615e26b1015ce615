from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from . import pending, receivers  # noqa: F401  (receivers connects itself)
        from .models import AccessRequest

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
