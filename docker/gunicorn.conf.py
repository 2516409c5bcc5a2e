"""Gunicorn settings for the container. Override with environment variables; nothing here is secret."""

import os

bind = "0.0.0.0:8000"
# Sync workers: simple and predictable. Put a buffering reverse proxy (nginx, the
# gemeente's load balancer) in front, so slow clients do not hold a worker.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # Uploads of up to BIJLAGE_MAX_MB.
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows without bound.
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory instead of on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm"  # noqa: S108  (a RAM-backed dir for heartbeats, not a temp file)
accesslog = "-"
errorlog = "-"
# The control socket (gunicorn >= 25.1) is not used in the container; there is no writable home.
control_socket_disable = True
