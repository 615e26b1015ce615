"""The Celery application: configured from Django settings (CELERY_*), tasks found per app."""

import logging
import os

from celery import Celery
from celery.signals import import_modules

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")

app = Celery("hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("hub.celery")


@import_modules.connect
def on_celery_import_modules(sender: object = None, **kwargs: object) -> None:
    """Say loudly when there is no broker: background work then runs inside the web request."""
    if app.conf.task_always_eager:
        logger.warning("No Celery broker configured: tasks run eagerly in the calling process.")
