"""Training's Celery tasks (async boundaries only), one module per area."""

import importlib
import importlib.util

for _area in ("certificates", "toolkits"):
    if importlib.util.find_spec(f"training.tasks.{_area}"):
        importlib.import_module(f"training.tasks.{_area}")
