"""Settings of the load benchmark's server: production settings, served over plain HTTP.

``hub.settings.prod`` as a deployment runs it (DEBUG off, no SQL kept, persistent connections,
the manifest static storage), less what needs TLS: the benchmark talks to gunicorn on the
loopback, where secure cookies would never be sent back. ``python -m bench.load`` sets the
environment (database, Redis database 9, a random secret key); the defaults below only make the
module importable on its own.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scn_hub_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("EMAIL_URL", "consolemail://")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
if "DJANGO_SECRET_KEY" not in os.environ:
    raise RuntimeError("bench.load.settings: set DJANGO_SECRET_KEY (python -m bench.load does)")

from hub.settings.prod import *  # noqa: E402, F403

ROOT_URLCONF = "bench.load.urls"
# Plain HTTP on the loopback: cookies without the Secure flag, links in emails over http.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
