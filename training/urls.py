"""Training's URLs, mounted at ``training/``: modules and lessons, toolkits, reports and
certificates. Each area keeps its own module."""

from __future__ import annotations

import importlib
import importlib.util

app_name = "training"

AREAS = ("urls_learning", "urls_toolkits", "urls_reports", "urls_certificates")

urlpatterns = [
    pattern
    for area in AREAS
    if importlib.util.find_spec(f"training.{area}")
    for pattern in importlib.import_module(f"training.{area}").urlpatterns
]
