"""Admin of city profiles: each area registers its models in its own module."""

from cityprofiles import admin_introductions, admin_profiles  # noqa: F401
