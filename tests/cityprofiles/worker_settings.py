"""Settings of the Celery worker the introduction task tests start: the test settings, with
emails written to files (a worker is another process: the test cannot read its locmem box)."""

from hub.settings.test import *  # noqa: F403
from hub.settings.test import env

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env.str("HUB_TEST_EMAIL_DIR")
