"""Test settings: real PostgreSQL and Redis on this machine, fast hashing, in-memory mail."""

import dj_database_url

from mensenhandel.settings.base import *  # noqa: F403
from mensenhandel.settings.env import env

DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mensenhandel"))}
CELERY_BROKER_URL = env("REDIS_URL", "redis://127.0.0.1:6379/15")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
SECRET_KEY = "alleen-voor-de-tests"  # noqa: S105  (never used outside the test run)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory; a test that starts a worker process of its own may give that one another backend.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("MEDIA_ROOT", VAR_DIR / "test-bijlagen"), "base_url": None},  # noqa: F405
    },
}
# Live-server tests serve static files straight from static/, without collectstatic.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
