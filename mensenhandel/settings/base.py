"""Settings for every environment. Values that differ per environment come from ``env``."""

import re
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
# The key of the match keys of samenhangende signalen (signalen/samenhang/sleutels.py): the same in
# every environment that compares signals, never the SECRET_KEY (that one may rotate).
LOKALE_SAMENHANG_SLEUTEL = "alleen-voor-lokaal-gebruik-samenhang"  # Public: check --deploy warns (W003).
SAMENHANG_SLEUTEL = env("SAMENHANG_SLEUTEL", LOKALE_SAMENHANG_SLEUTEL)
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
    "gegevensbescherming",
    "tafels",
    "axes",
    # The second factor: an authenticator app (TOTP) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mensenhandel.middleware.ContentSecurityPolicyMiddleware",
    "mensenhandel.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The access-log row of a page with signal data, written when the page is actually shown.
    "signalen.toegang.WeergaveMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mensenhandel.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session that is idle, too old or of a user whose access changed (after messages: it says why).
    "ketenpartners.inloggen.middleware.SessieMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # No page behind login without the second factor, for everyone who needs one.
    "ketenpartners.inloggen.middleware.TweedeFactorMiddleware",
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

# Optional single sign-on (OpenID Connect) with the organisation's identity provider: on when a
# client id is set. Users are found by the provider's "sub" claim on our user, never by e-mail,
# and never created; roles and the second factor stay ours (ketenpartners/inloggen/oidc.py).
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", "")  # Client id registered at the provider.
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", "")  # Its secret.
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", "")  # The provider's authorization URL.
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", "")  # Its token URL.
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", "")  # Its userinfo URL.
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", "")  # Its signing keys (JWKS) URL.
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")  # How the provider signs its ID tokens.
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid")  # Only "openid" is needed: we read just "sub".
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "inloggen:oidc_terug"
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("ketenpartners.inloggen.oidc.OidcBackend")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
# The second factor: the name the authenticator app shows; the admin never shows a secret key.
OTP_TOTP_ISSUER = "Signalen mensenhandel"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A link to set one's password works once, for a day (ketenpartners/inloggen/wachtwoord.py).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# Login attempts: after this many failures an account is blocked from that address for a while.
# The lock is on account and address together, so one shared proxy address never locks out
# everyone, and a guessed account is not blocked for its owner elsewhere.
AXES_FAILURE_LIMIT = env("LOGIN_MAX_POGINGEN", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env("LOGIN_BLOKKADE_MINUTEN", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "mensenhandel.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
# Axes logs every login; the username and address appear there only as asterisks.
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]

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
# Upload quota: files and MB together per signal, and files per user per day (parked or attached).
BIJLAGEN_PER_MELDING = env("BIJLAGEN_PER_MELDING", 10)
BIJLAGEN_MB_PER_MELDING = env("BIJLAGEN_MB_PER_MELDING", 50)
BIJLAGEN_PER_DAG = env("BIJLAGEN_PER_DAG", 50)
# The longest a signal may be shared with a ketenpartner at once, in days (a share can be renewed).
DELING_MAX_DAGEN = env("DELING_MAX_DAGEN", 365)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Sessions end after a working day and when the browser closes.
SESSION_COOKIE_AGE = env("SESSION_COOKIE_AGE", 8 * 60 * 60)
# SESSION_COOKIE_AGE is the absolute lifetime, counted from login; activity never extends it, so
# SESSION_SAVE_EVERY_REQUEST stays off (ketenpartners/inloggen/sessies.py).
SESSION_SAVE_EVERY_REQUEST = False
# Minutes without a request after which the user is logged out.
SESSIE_INACTIEF_MINUTEN = env("SESSIE_INACTIEF_MINUTEN", 30)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Secure cookies, a redirect to HTTPS and HSTS whenever the site runs behind HTTPS (set in production).
SECURE_COOKIES = env("SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = SECURE_COOKIES
# The header in which the proxy that ends TLS passes "https", e.g. X-Forwarded-Proto; empty when
# nothing sits in front. The proxy must overwrite that header, or a client could claim HTTPS.
PROXY_SSL_HEADER = env("PROXY_SSL_HEADER", "")
if PROXY_SSL_HEADER and not re.fullmatch(r"[A-Za-z0-9-]+", PROXY_SSL_HEADER):
    raise ValueError(f"PROXY_SSL_HEADER moet een headernaam zijn, zoals X-Forwarded-Proto, niet {PROXY_SSL_HEADER!r}")
SECURE_PROXY_SSL_HEADER = ("HTTP_" + PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if PROXY_SSL_HEADER else None
# HSTS for a year; for the subdomains of this host too, unless one of them still needs plain HTTP.
SECURE_HSTS_SECONDS = 31536000 if SECURE_COOKIES else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("HSTS_INCLUDE_SUBDOMAINS", True)
# Browser preload lists bind the whole registered domain (the gemeente's), for good: the owner of
# that domain decides, so preload is off and check --deploy does not ask for it.
SECURE_HSTS_PRELOAD = env("HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
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
    "bewaartermijnen-toepassen": {
        "task": "signalen.tasks.bewaartermijnen_toepassen",
        "schedule": crontab(hour=3, minute=15),
    },
}
# How many days ahead the FG's list of signals whose retention period ends looks.
BEWARING_VOORUITKIJKEN_DAGEN = env("BEWARING_VOORUITKIJKEN_DAGEN", 90)

# Audit log: personal data is masked completely, never half.
AUDITLOG_MASK_CALLABLE = "mensenhandel.audit.volledig_maskeren"
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Application logs: one JSON object per line on stderr, e-mail addresses masked
# (mensenhandel/logformaat.py). Django's own loggers write through the same handler.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "mensenhandel.logformaat.JsonRegels"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # PDF rendering reports every step at INFO; only its warnings are news.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The Celery worker logs through the same configuration instead of its own plain text.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Static files are served by WhiteNoise; in development straight from static/.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
