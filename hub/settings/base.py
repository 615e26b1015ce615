"""Settings shared by every environment; dev.py, test.py and prod.py override only what differs.

Every value that changes between machines comes from the environment (see .env.example).
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")  # noqa: S105
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch the right site.
    "modeltranslation",
    "hub.apps.HubAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_filters",
    "template_partials",
    "hub.apps.HubConfig",
    "library",
    "cityprofiles",
    "training",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves static files already compressed.
    "hub.middleware.TextGZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "hub.middleware.StaffMfaRequiredMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "hub.context_processors.hub",
            ],
            "builtins": ["hub.templatetags.hub_tags"],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/scn_hub"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Server-side cursors break behind a transaction-pooling pgbouncer and cost extra round trips
# for the small choice lists forms iterate over.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        # Redis, degrading to "no cache" while Redis is unreachable (hub.cache).
        "BACKEND": "hub.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("HUB_CACHE_PREFIX", default="hub"),
        # A cache that is down must not take the site with it for long.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
}

AUTH_USER_MODEL = "hub.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "hub.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        # Django's, with its message in Arabic too (hub.passwords).
        "NAME": "hub.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "hub:home"

# Sessions live server-side (database, read from Redis) so logout and suspension end them for
# real; the idle timeout slides with use, the session being written at most once a minute
# (hub.sessions).
SESSION_ENGINE = "hub.sessions"
SESSION_COOKIE_AGE = env.int("HUB_SESSION_IDLE_SECONDS", default=8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
HUB_SESSION_REFRESH_SECONDS = env.int("HUB_SESSION_REFRESH_SECONDS", default=60)
HUB_SESSION_CACHE_SECONDS = env.int("HUB_SESSION_CACHE_SECONDS", default=5 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SITE_ID = 1

# --- Languages -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Unambiguous, localised dates ("1 Dec 2026", "1 déc. 2026", "1 ديسمبر 2026"): hub/formats.
FORMAT_MODULE_PATH = ["hub.formats"]
LANGUAGE_COOKIE_NAME = "hub_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "ar")
# The admin's language tabs need jQuery UI: ours (npm), not an outside host the CSP blocks.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"  # modeltranslation reads this name

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("HUB_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages installed by npm (package.json), served as our own static files.
    ("vendor/jquery-ui", BASE_DIR / "node_modules" / "jquery-ui" / "dist"),
    # The searchable multi-pickers of forms (hub.widgets.PickerSelectMultiple).
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
STATICFILES_FINDERS = [
    "hub.staticfiles.ProjectFinder",  # STATICFILES_DIRS, without what no page loads
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Files served at the site's root by WhiteNoise: /favicon.ico (browsers ask for it unprompted).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("HUB_MEDIA_ROOT", default=BASE_DIR / "media")
# No MEDIA_URL on purpose: uploaded files are only ever served through views that check access.

# --- Email ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="SCN Online Hub <hub@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------------
# An empty CELERY_BROKER_URL means "no broker": tasks then run eagerly in the web process
# (hub.celery logs a warning saying so). The default is the local Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
# Tasks are idempotent: a task whose pool child died runs again at once, not after the
# visibility timeout (the library's sweeper stays as the safety net for a whole lost worker).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that sends a task while Redis is away waits at most about a second for it
# (hub.queueing then degrades): short connection timeout, one quick retry.
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Must stay above the longest task's hard time limit, or Redis hands the task to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "hub-session-cleanup": {"task": "hub.session_cleanup", "schedule": 60 * 60},
    # Sources add an object's words when they index it; the rebuild drops unused ones.
    "hub-search-words-rebuild": {"task": "hub.search_words_rebuild", "schedule": 24 * 60 * 60},
}

# --- allauth --------------------------------------------------------------------------------
ACCOUNT_ADAPTER = "hub.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "hub.forms.LoginForm"}
# Messages and pages name a member by their name, not "Name <email>".
ACCOUNT_USER_DISPLAY = "hub.adapters.user_display"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SCN Online Hub] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("HUB_HTTP_PROTOCOL", default="http")
ACCOUNT_RATE_LIMITS = {
    # "key" is the account and the client's address (hub.adapters): a wrong password five
    # times locks that account from that address only. Over all addresses, per account:
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "30/h/key",
    "login": "30/m/ip",
    # Not an allauth action: the public access-request form (hub.views.AccessRequestCreateView).
    "request_access": "10/h/ip",
}
# The client's address, for rate limits and the audit log. Behind N proxies that each append
# to X-Forwarded-For, HUB_TRUSTED_PROXY_COUNT=N; behind one that sets a header of its own
# (e.g. X-Real-IP), HUB_CLIENT_IP_HEADER names it. Neither: the TCP peer (REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("HUB_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("HUB_CLIENT_IP_HEADER", default="") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SCN Online Hub"

# Where a training video may be embedded from (an https address on one of these hosts); any
# other address is shown as a link only. The CSP's frame-src allows exactly these.
HUB_TRAINING_VIDEO_HOSTS = env.list(
    "HUB_TRAINING_VIDEO_HOSTS", default=["www.youtube-nocookie.com", "player.vimeo.com"]
)

# --- Security headers -----------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # allauth shows the TOTP QR code as an inline SVG data URI.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Training videos are embedded from these hosts only (HUB_TRAINING_VIDEO_HOSTS).
        "frame-src": [f"https://{host}" for host in HUB_TRAINING_VIDEO_HOSTS] or [NONE],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Project knobs --------------------------------------------------------------------------
HUB_DEMO_PASSWORD = env.str("HUB_DEMO_PASSWORD", default="demo-hub-2026!")
# How long /health/ waits for each service when it does not answer (a worker that answers
# ends the wait at once).
HUB_HEALTH_TIMEOUT_SECONDS = env.float("HUB_HEALTH_TIMEOUT_SECONDS", default=0.5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("HUB_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
HUB_SITE_URL = env.str("HUB_SITE_URL", default="http://localhost:8000").rstrip("/")
HUB_DATA_DIR = env.path("HUB_DATA_DIR", default=BASE_DIR / "data")

# How long the search engine keeps the matches of a search, and a search page that keeps its
# search part rendered (the directory: hub.search.page.SearchPageView.part_key) that part (keyed
# on the rows' generation, so a write is seen at once whatever this is); 0 turns both off.
HUB_SEARCH_CACHE_SECONDS = env.int("HUB_SEARCH_CACHE_SECONDS", default=10 * 60)

# --- Library ----------------------------------------------------------------------------------
HUB_UPLOAD_MAX_BYTES = env.int("HUB_UPLOAD_MAX_MB", default=50) * 2**20
# Extraction runs in a child process with these hard limits (library.extraction).
HUB_EXTRACTION_CPU_SECONDS = env.int("HUB_EXTRACTION_CPU_SECONDS", default=60)
HUB_EXTRACTION_MEMORY_MB = env.int("HUB_EXTRACTION_MEMORY_MB", default=1024)
HUB_EXTRACTION_WALL_SECONDS = env.int("HUB_EXTRACTION_WALL_SECONDS", default=120)
# A document whose extraction started this many times without finishing is set aside.
HUB_EXTRACTION_MAX_ATTEMPTS = env.int("HUB_EXTRACTION_MAX_ATTEMPTS", default=3)
# Processing older than this is presumed dead (above the task's hard time limit of 360 s).
HUB_EXTRACTION_STALE_SECONDS = env.int("HUB_EXTRACTION_STALE_SECONDS", default=420)
HUB_EXTRACTION_PENDING_GRACE_SECONDS = env.int("HUB_EXTRACTION_PENDING_GRACE_SECONDS", default=120)
# The first-page preview of a PDF is drawn in a child of its own after extraction, with these
# limits (and the extraction's memory limit): past them the document just has no preview.
HUB_PREVIEW_CPU_SECONDS = env.int("HUB_PREVIEW_CPU_SECONDS", default=20)
HUB_PREVIEW_WALL_SECONDS = env.int("HUB_PREVIEW_WALL_SECONDS", default=30)
# Empty: Django streams downloads. A path prefix (e.g. /protected/): nginx serves the file
# through X-Accel-Redirect after the view has checked access.
HUB_X_ACCEL_REDIRECT_PREFIX = env.str("HUB_X_ACCEL_REDIRECT_PREFIX", default="")
CELERY_TASK_ROUTES = {"library.document_extract": {"queue": "extraction"}}
CELERY_BEAT_SCHEDULE["library-document-sweep"] = {
    "task": "library.document_sweep",
    "schedule": 5 * 60,
}

# --- City profiles: "cities like mine" (cityprofiles.similar) ---------------------------------
# What makes two cities alike, from their published profiles: each shared theme of their
# challenges and practices, the same region, a shared working language, both with a local
# prevention network, the same population band (half for the next band up or down).
HUB_CITY_SIMILARITY_WEIGHTS = {
    "theme": 3.0,
    "region": 2.0,
    "language": 1.0,
    "network": 1.0,
    "population": 1.0,
}
# How long the answer for a city is cached, under the generation of the directory's search rows
# (a write to the published profiles makes every older entry unreachable at once); 0: never.
HUB_CITY_SIMILAR_CACHE_SECONDS = env.int("HUB_CITY_SIMILAR_CACHE_SECONDS", default=60 * 60)
# How long the directory keeps the why-lists of a results page (its cities' strongest matching
# practices, their words marked), under the same generation; 0: never.
HUB_CITY_WHY_CACHE_SECONDS = env.int("HUB_CITY_WHY_CACHE_SECONDS", default=60 * 60)
# How long a city page keeps its challenges and practices, rendered, under the same generation
# and what else they show (cityprofiles.views.city.content_sections); 0: never.
HUB_CITY_PAGE_CACHE_SECONDS = env.int("HUB_CITY_PAGE_CACHE_SECONDS", default=60 * 60)

# --- City profiles: the directory's ranking by strength (cityprofiles.search) ----------------
# A city found by words or a theme is ranked by the sum, over its practices that match, of the
# weight of each practice's evidence level: one independently evaluated practice outweighs a
# few that are only described.
HUB_CITY_EVIDENCE_WEIGHTS = {
    "described": 1.0,
    "monitored": 2.0,
    "evaluated": 3.0,
    "independent": 5.0,
}

# --- City profiles: introductions ------------------------------------------------------------
# A member may have this many requests open (waiting for staff or for the counterpart) at once.
HUB_INTRODUCTION_MAX_OPEN = env.int("HUB_INTRODUCTION_MAX_OPEN", default=5)
# A request nobody answers expires this many days after it was made (or forwarded).
HUB_INTRODUCTION_EXPIRY_DAYS = env.int("HUB_INTRODUCTION_EXPIRY_DAYS", default=21)
# Both sides of an introduction are asked, once, this many days later whether it helped.
HUB_INTRODUCTION_FOLLOW_UP_DAYS = env.int("HUB_INTRODUCTION_FOLLOW_UP_DAYS", default=30)
CELERY_BEAT_SCHEDULE["cityprofiles-introductions-expire"] = {
    "task": "cityprofiles.introductions_expire",
    "schedule": 60 * 60,
}
CELERY_BEAT_SCHEDULE["cityprofiles-introductions-follow-up"] = {
    "task": "cityprofiles.introductions_follow_up",
    "schedule": 60 * 60,
}

# --- Training: toolkit ZIPs ------------------------------------------------------------------
# Archives left waiting (the broker was away, a worker died) are sent to a worker again, and the
# ZIPs of toolkit versions nobody downloaded since they changed are removed.
CELERY_BEAT_SCHEDULE["training-toolkit-archive-sweep"] = {
    "task": "training.toolkit_archive_sweep",
    "schedule": 5 * 60,
}
# Certificates still being made ten minutes after they were asked for go to a worker again.
CELERY_BEAT_SCHEDULE["training-certificate-sweep"] = {
    "task": "training.certificate_sweep",
    "schedule": 10 * 60,
}

# --- Events -------------------------------------------------------------------------------------
# Registration answers and the link to each participant are removed this many days after an
# event (keeping counts by city and role); staff can do it earlier for one event.
HUB_EVENT_ATTENDEE_DATA_DAYS = env.int("HUB_EVENT_ATTENDEE_DATA_DAYS", default=180)
# How long the calendar keeps a month's grid and filters, rendered, under the generation the
# database bumps on any write to what they show (events.calendar_cache); 0: never.
HUB_EVENTS_CALENDAR_CACHE_SECONDS = env.int("HUB_EVENTS_CALENDAR_CACHE_SECONDS", default=60 * 60)
# Reminders a week and a day before: each sent once (a marker per registration), whatever the
# beat does; every 15 minutes so a reminder is at most that late.
CELERY_BEAT_SCHEDULE["events-reminders-send"] = {
    "task": "events.reminders_send",
    "schedule": 15 * 60,
}
CELERY_BEAT_SCHEDULE["events-attendee-data-sweep"] = {
    "task": "events.attendee_data_sweep",
    "schedule": 24 * 60 * 60,
}
