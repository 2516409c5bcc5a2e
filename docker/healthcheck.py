"""Container health check for the web service: does gunicorn answer an HTTP request?

Uses the standard library only (the slim image has no curl). Sends the first entry of
ALLOWED_HOSTS as Host header so Django does not reject the request; any answer below 500
means the application is up.
"""

import http.client
import os
import sys

hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost").split(",") if h.strip()]
host = hosts[0].lstrip(".") if hosts and hosts[0] != "*" else "localhost"
try:
    verbinding = http.client.HTTPConnection("127.0.0.1", 8000, timeout=5)
    verbinding.request("GET", "/inloggen/", headers={"Host": host})
    status = verbinding.getresponse().status
except OSError as fout:
    print(f"niet gezond: {fout}")
    sys.exit(1)
sys.exit(0 if status < 500 else 1)
