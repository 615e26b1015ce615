"""Admin of training: each area registers its models in its own module (modules, lessons and
quizzes; scenarios; toolkits and certificates when present)."""

import importlib
import importlib.util

from training.admin import modules, scenarios  # noqa: F401

for _area in ("training.admin_toolkits", "training.admin_certificates"):
    if importlib.util.find_spec(_area):
        importlib.import_module(_area)
