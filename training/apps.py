from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("training")

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  (declares the app's audit actions)
            signals,
        )

        signals.connect()
