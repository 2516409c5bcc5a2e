#!/usr/bin/env bash
# Quick start: SQLite, an embedded Celery broker on the filesystem, a real worker, demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-true}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-mensenhandel.settings.base}"
PORT="${PORT:-8000}"
BIN=.venv/bin

mkdir -p var/celery/berichten var/celery/verwerkt var/celery/control var/bijlagen
$BIN/python manage.py migrate --noinput
$BIN/python manage.py demo_data

# A real Celery worker with beat beside the web server; stopped together with it.
$BIN/celery -A mensenhandel worker --beat --loglevel=INFO --concurrency=1 \
    --schedule=var/celerybeat-schedule >var/celery.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM

echo
echo "Signalen mensenhandel draait op http://127.0.0.1:${PORT}/inloggen/"
echo "Celery-worker: log in var/celery.log. Stoppen: Ctrl+C."
echo
$BIN/python manage.py runserver "127.0.0.1:${PORT}"
