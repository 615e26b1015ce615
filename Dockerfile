# The SCN Online Hub: one image for web (gunicorn), worker and beat.

# The front-end packages (package.json), for collectstatic below; only what runs in browsers.
FROM node:22-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=hub.settings.prod

# Pango and the Noto fonts (Arabic included): WeasyPrint draws the training certificates with
# them (training/certificates.py); they are never downloaded at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 hub

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/base.txt

COPY --chown=hub:hub . .
COPY --from=assets /app/node_modules node_modules
# Build-time only values: compiling translations and collecting static files read no secret.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build EMAIL_URL=consolemail:// \
    sh -c "python manage.py compilemessages --ignore=.venv -v 0 && python manage.py collectstatic --no-input -v 0"

USER hub
EXPOSE 8000
CMD ["gunicorn", "hub.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--forwarded-allow-ips", "*", "--access-logfile", "-"]
