from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityprofilesConfig(AppConfig):
    name = "cityprofiles"
    verbose_name = _("city profiles")

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  (declares the app's audit actions)
            signals,  # noqa: F401  (each area connects what it needs)
        )
