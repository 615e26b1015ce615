"""The test suite: real Postgres and Redis, eager Celery unless a test starts a worker."""

import os

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker started by a test (tests/library/test_worker.py) turns eager mode off.
CELERY_TASK_ALWAYS_EAGER = env.bool("HUB_TEST_CELERY_EAGER", default=True)
# A separate Redis database so the suite never touches a running dev site's cache or queue.
# Run in parallel (`pytest -n N`), worker gwK takes the database K below that one (15, 14, ...),
# as pytest-django gives it its own test database: each cache.clear() empties its own only.
_REDIS_BASE, _, _REDIS_DB = env.str(
    "TEST_REDIS_URL", default="redis://127.0.0.1:6379/15"
).rpartition("/")
_XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"{_REDIS_BASE}/{(int(_REDIS_DB) - _XDIST_WORKER) % 16}"
CELERY_BROKER_URL = REDIS_URL
CACHES["default"]["LOCATION"] = REDIS_URL
CACHES["default"]["KEY_PREFIX"] = "hub-test"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
MFA_TOTP_TOLERANCE = 1
# A second alias on the same test database, for the tests that check reads go where the
# database router sends them (a read replica in production).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
