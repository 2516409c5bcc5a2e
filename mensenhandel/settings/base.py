"""Settings for every environment. Values that differ per environment come from ``env``."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab

from mensenhandel.settings.env import env

# Lets model and admin classes take type parameters at run time (ModelAdmin[Signaal]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = env("VAR_DIR", BASE_DIR / "var")  # Where the quick start keeps its database and files.

# DEBUG only for local development; production sets DEBUG=false.
DEBUG = env("DEBUG", False)
# A random key per installation; the default is only good for the quick start.
SECRET_KEY = env("SECRET_KEY", "alleen-voor-lokaal-gebruik-niet-in-productie")  # Refused when DEBUG is off.
# Host names this installation answers to, comma separated.
ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# Origins trusted for CSRF behind a proxy, e.g. https://signalen.gemeente.nl.
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [])
# Number of reverse proxies in front of the application that append to X-Forwarded-For.
# 0 means REMOTE_ADDR is the client. Never trust the header beyond the proxies you run.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT", 0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "mensenhandel",
    "guardian",
    "auditlog",
    "ketenpartners",
    "signalen",
    "meldroute",
    "evaluatie",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mensenhandel.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mensenhandel.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mensenhandel.urls"
WSGI_APPLICATION = "mensenhandel.wsgi.application"

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
                "mensenhandel.context_processors.navigatie",
            ],
        },
    },
]
FORM_RENDERER = "mensenhandel.formulieren.UtrechtFormRenderer"

# PostgreSQL in production and tests (postgres://user:pass@host:5432/name); SQLite for the quick start.
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'mensenhandel.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ketenpartners.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Login attempts: after this many failures an account is blocked from that address for a while.
# The lock is on account and address together, so one shared proxy address never locks out
# everyone, and a guessed account is not blocked for its owner elsewhere.
AXES_FAILURE_LIMIT = env("LOGIN_MAX_POGINGEN", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_BLOKKADE_MINUTEN", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "mensenhandel.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"

# Guardian: anonymous users get nothing, so no anonymous user row is needed.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", BASE_DIR / "staticfiles")
STORAGES = {
    # Attachments are private: they are only served through a view that checks access.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("MEDIA_ROOT", VAR_DIR / "bijlagen"), "base_url": None},
    },
    # Production (the Docker image) uses WhiteNoise's compressed, hashed storage after collectstatic.
    "staticfiles": {"BACKEND": env("STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage")},
}

# Attachments: at most this many MB each, and only these extensions.
BIJLAGE_MAX_MB = env("BIJLAGE_MAX_MB", 10)
BIJLAGE_EXTENSIES = env("BIJLAGE_EXTENSIES", ["pdf", "jpg", "jpeg", "png", "docx", "xlsx", "txt", "eml", "msg"])
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Sessions end after a working day and when the browser closes.
SESSION_COOKIE_AGE = env("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Secure cookies and HSTS whenever the site runs behind HTTPS (set in production).
SECURE_COOKIES = env("SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_HSTS_SECONDS = 31536000 if SECURE_COOKIES else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# E-mail: console for the quick start; SMTP in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Signalen mensenhandel <noreply@localhost>")
# Absolute address of the application, used in links in e-mails.
BASIS_URL = env("BASIS_URL", "http://localhost:8000")
# Attempts per e-mail before it is given up and shown to the beheerder.
MAIL_MAX_POGINGEN = env("MAIL_MAX_POGINGEN", 8)

# Celery: Redis when REDIS_URL is set; otherwise an embedded broker on the filesystem, so the
# quick start needs no Redis and still runs a real worker.
REDIS_URL = env("REDIS_URL", "")
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "berichten"),
        "data_folder_out": str(CELERY_BROKER_DIR / "berichten"),
        "processed_folder": str(CELERY_BROKER_DIR / "verwerkt"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    # The embedded broker and the SQLite database need their folders before the first task.
    for _map in ("berichten", "verwerkt", "control"):
        (CELERY_BROKER_DIR / _map).mkdir(parents=True, exist_ok=True)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The one schedule of periodic work (docs/adr/0003-periodiek-werk.md); only one beat may run,
# which mensenhandel/celery.py enforces with a lock.
CELERY_BEAT_SCHEDULE = {
    "tijdelijke-bijlagen-opruimen": {
        "task": "signalen.tasks.tijdelijke_bijlagen_opruimen",
        "schedule": 60 * 60,
    },
    "openstaande-notificaties-versturen": {
        "task": "signalen.tasks.openstaande_notificaties_versturen",
        "schedule": 5 * 60,
    },
    "verlopen-delingen-verwerken": {
        "task": "meldroute.tasks.verlopen_delingen_verwerken",
        "schedule": 15 * 60,
    },
    "termijnen-bewaken": {
        "task": "meldroute.tasks.termijnen_bewaken",
        "schedule": 5 * 60,
    },
    "rechten-controleren": {
        "task": "meldroute.tasks.rechten_controleren",
        "schedule": crontab(hour=2, minute=30),
    },
    "evaluaties-starten": {
        "task": "evaluatie.tasks.evaluaties_starten",
        "schedule": 60 * 60,
    },
}

# Audit log: personal data is masked completely, never half.
AUDITLOG_MASK_CALLABLE = "mensenhandel.audit.volledig_maskeren"
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # PDF rendering reports every step at INFO; only its warnings are news.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Static files are served by WhiteNoise; in development straight from static/.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
