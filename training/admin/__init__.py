"""Admin of training: each area registers its models in its own module (modules, lessons and
quizzes; scenarios; toolkits; certificates)."""

from training import admin_certificates, admin_toolkits  # noqa: F401
from training.admin import modules, scenarios  # noqa: F401
