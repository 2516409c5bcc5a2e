# syntax=docker/dockerfile:1
# Image for Signalen mensenhandel: one image for web (gunicorn), worker and beat (Celery).
# Build: docker build -t mensenhandel .   Local stack: see docker-compose.yml.

# --- Stage 1: install the pinned dependencies into a virtualenv -------------------------------
FROM python:3.11-slim AS bouw

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
# Only wheels, every file checked against its hash: no compiler or libpq headers needed
# (psycopg2-binary, see docs/adr/0002-psycopg2-binary.md).
RUN /opt/venv/bin/pip install --require-hashes --only-binary=:all: -r /tmp/requirements.lock

# --- Stage 2: runtime --------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=mensenhandel.settings.base \
    VAR_DIR=/app/var \
    MEDIA_ROOT=/app/var/bijlagen \
    STATIC_ROOT=/app/staticfiles \
    STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    CELERY_BEAT_SCHEDULE_PATH=/app/var/beat/celerybeat-schedule

# WeasyPrint (the PDF report, evaluatie/pdf.py) lays out text with Pango and subsets fonts with
# HarfBuzz. No font packages: the report uses the Noto Sans files in static/vendor.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

# Non-root user without a login shell. The code belongs to root and is read-only for the
# application; only /app/var (attachments, beat schedule) is writable. Named volumes mounted
# on those directories take over this ownership when they are first created.
RUN groupadd --system --gid 10001 mensenhandel \
    && useradd --system --uid 10001 --gid mensenhandel --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin mensenhandel \
    && mkdir -p /app/var/bijlagen /app/var/beat \
    && chown -R mensenhandel:mensenhandel /app/var \
    && chmod 750 /app/var /app/var/bijlagen /app/var/beat

COPY --from=bouw /opt/venv /opt/venv
WORKDIR /app
COPY . /app
RUN chmod 755 /app/docker/entrypoint.sh

# Static files once, at build time; WhiteNoise serves them from STATIC_ROOT. The secret key
# and database here are dummies that exist only for this step (settings are read, nothing
# connects); they are not part of the image environment.
RUN SECRET_KEY=alleen-voor-collectstatic-tijdens-de-build \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 0

USER mensenhandel:mensenhandel
EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# Workers, timeouts and logging: docker/gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_TIMEOUT).
CMD ["gunicorn", "--config", "/app/docker/gunicorn.conf.py", "mensenhandel.wsgi:application"]
