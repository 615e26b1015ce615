"""The test suite: real Postgres and Redis, eager Celery unless a test starts a worker."""

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A worker started by a test (tests/library/test_worker.py) turns eager mode off.
CELERY_TASK_ALWAYS_EAGER = env.bool("HUB_TEST_CELERY_EAGER", default=True)
# A separate Redis database so the suite never touches a running dev site's cache or queue.
REDIS_URL = env.str("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
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
