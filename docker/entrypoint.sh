#!/bin/sh
# Entrypoint for web, worker and beat. Waits for PostgreSQL, migrates for the web service
# only, then hands over to the command (exec, so signals reach gunicorn/celery directly).
#
#   web     (or any gunicorn command)  -> migrate, then gunicorn
#   worker                             -> celery worker
#   beat                               -> celery beat, schedule in $CELERY_BEAT_SCHEDULE_PATH
#   anything else                      -> run as given (python manage.py ..., sh)
#
# RUN_MIGRATIONS=true/false overrides the choice above (default: auto). Run only one
# migrating container at a time; scale web after the first one is up.
set -eu

GUNICORN_DEFAULT="gunicorn --config /app/docker/gunicorn.conf.py mensenhandel.wsgi:application"

case "${1:-web}" in
    web)
        [ "$#" -gt 0 ] && shift
        # shellcheck disable=SC2086  # split on purpose: a fixed command line.
        set -- $GUNICORN_DEFAULT "$@"
        ;;
    worker)
        shift
        set -- celery -A mensenhandel worker --loglevel="${LOG_LEVEL:-INFO}" "$@"
        ;;
    beat)
        shift
        set -- celery -A mensenhandel beat --loglevel="${LOG_LEVEL:-INFO}" \
            --schedule="${CELERY_BEAT_SCHEDULE_PATH:-/app/var/beat/celerybeat-schedule}" "$@"
        ;;
esac

case "${RUN_MIGRATIONS:-auto}" in
    true | 1 | ja) migreren=1 ;;
    false | 0 | nee) migreren=0 ;;
    *) if [ "$1" = "gunicorn" ]; then migreren=1; else migreren=0; fi ;;
esac

# Wait for PostgreSQL with bounded retries. Skipped for SQLite or without DATABASE_URL.
case "${DATABASE_URL:-}" in
    postgres://* | postgresql://*)
        python - <<'PY'
import os, sys, time
import psycopg2

pogingen = int(os.environ.get("DB_WACHT_POGINGEN", "30"))
for poging in range(1, pogingen + 1):
    try:
        psycopg2.connect(os.environ["DATABASE_URL"], connect_timeout=3).close()
        break
    except psycopg2.OperationalError as fout:
        print(f"Database nog niet bereikbaar (poging {poging}/{pogingen}): {str(fout).strip()}", flush=True)
        time.sleep(2)
else:
    sys.exit("Database niet bereikbaar; gestopt.")
PY
        ;;
esac

if [ "$migreren" = 1 ]; then
    python /app/manage.py migrate --noinput
fi

exec "$@"
