"""Training's Celery tasks (async boundaries only), one module per area."""

from training.tasks import certificates, toolkits  # noqa: F401
