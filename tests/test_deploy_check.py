"""Production settings (mensenhandel.settings.base driven by the environment, as the Docker image
runs them) pass ``manage.py check --deploy --fail-level WARNING``, and HTTPS behind the proxy
works as configured. Each case runs in a process of its own: settings are read once, at start."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
HOST = "signalen.gemeente.example"


@pytest.fixture
def productie(tmp_path: Path, django_db_setup: None) -> dict[str, str]:
    """The environment of a production container behind one HTTPS proxy, on the test database."""
    database = connection.settings_dict
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "mensenhandel.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SAMENHANG_SLEUTEL": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "SECURE_COOKIES": "true",
        "PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "TRUSTED_PROXY_COUNT": "1",
        "BASIS_URL": f"https://{HOST}",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "bijlagen"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }


SAMENHANG_MELDING = (
    "(mensenhandel.W003) SAMENHANG_SLEUTEL is de ingebouwde standaardwaarde of korter dan 32 tekens.\n"
    "\tHINT: Zet SAMENHANG_SLEUTEL op een willekeurige waarde van minstens 32 tekens, dezelfde in elke "
    "omgeving die signalen vergelijkt, en draai na het wisselen manage.py matchsleutels_herberekenen."
)


def deploy_check(omgeving: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_any_warning(productie: dict[str, str]) -> None:
    uitkomst = deploy_check(productie)

    assert (uitkomst.returncode, uitkomst.stderr) == (0, "")
    # The one silenced check is the HSTS preload list, a decision for the domain's owner.
    assert uitkomst.stdout == "System check identified no issues (1 silenced).\n"


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"DEBUG": "true"}, "(security.W018) You should not have DEBUG set to True in deployment."),
        ({"SECRET_KEY": "kort-en-bekend"}, "(security.W009) Your SECRET_KEY has less than 50 characters"),
        ({"SECURE_COOKIES": "false"}, "(security.W008) Your SECURE_SSL_REDIRECT setting is not set to True."),
        ({"HSTS_INCLUDE_SUBDOMAINS": "false"}, "(security.W005) You have not set the SECURE_HSTS_INCLUDE_SUBDOMAINS"),
        (
            {"TRUSTED_PROXY_COUNT": "0"},
            "(mensenhandel.W002) PROXY_SSL_HEADER is gezet, maar TRUSTED_PROXY_COUNT is 0.\n"
            "\tHINT: Zet TRUSTED_PROXY_COUNT op het aantal eigen proxies vóór de applicatie; anders tellen "
            "mislukte inlogpogingen van iedereen mee voor het adres van de proxy.",
        ),
        (
            {"PROXY_SSL_HEADER": ""},
            "(mensenhandel.W001) SECURE_COOKIES staat aan, maar PROXY_SSL_HEADER is niet gezet.",
        ),
        ({"SAMENHANG_SLEUTEL": "a" * 31}, SAMENHANG_MELDING),
        ({"SAMENHANG_SLEUTEL": "alleen-voor-lokaal-gebruik-samenhang"}, SAMENHANG_MELDING),
    ],
    ids=[
        "debug",
        "korte-sleutel",
        "geen-https",
        "zonder-subdomeinen",
        "geen-proxy-geteld",
        "geen-proxy-header",
        "korte-samenhangsleutel",
        "standaard-samenhangsleutel",
    ],
)
def test_the_deploy_check_fails_on_an_unsafe_production_setting(
    productie: dict[str, str], wijziging: dict[str, str], melding: str
) -> None:
    uitkomst = deploy_check(productie | wijziging)

    assert uitkomst.returncode == 1
    assert melding in uitkomst.stderr
    assert "SystemCheckError" in uitkomst.stderr


def test_the_deploy_check_warns_without_a_samenhang_key(productie: dict[str, str]) -> None:
    zonder = {naam: waarde for naam, waarde in productie.items() if naam != "SAMENHANG_SLEUTEL"}

    uitkomst = deploy_check(zonder)

    assert uitkomst.returncode == 1
    assert SAMENHANG_MELDING in uitkomst.stderr


# What the proxy settings do to a request, in a production process with Django's test client.
HTTPS_PROEF = f"""
import json
import django
django.setup()
from django.test import Client

client = Client(HTTP_HOST="{HOST}")
antwoorden = {{
    "http": client.get("/inloggen/?volgende=1"),
    "https": client.get("/inloggen/", HTTP_X_FORWARDED_PROTO="https"),
}}
print(json.dumps({{
    soort: {{
        "status": a.status_code,
        "location": a.get("Location"),
        "hsts": a.get("Strict-Transport-Security"),
        "cookies": sorted((naam, bool(c["secure"])) for naam, c in a.cookies.items()),
    }}
    for soort, a in antwoorden.items()
}}))
"""


def https_proef(omgeving: dict[str, str]) -> dict[str, dict[str, object]]:
    uitkomst = subprocess.run(  # noqa: S603  (the interpreter running the tests, with a fixed script)
        [sys.executable, "-c", HTTPS_PROEF],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr
    antwoord: dict[str, dict[str, object]] = json.loads(uitkomst.stdout.splitlines()[-1])
    return antwoord


def test_plain_http_is_redirected_and_https_through_the_proxy_gets_hsts_for_a_year(productie: dict[str, str]) -> None:
    assert https_proef(productie) == {
        "http": {
            "status": 301,
            "location": f"https://{HOST}/inloggen/?volgende=1",
            "hsts": None,
            "cookies": [],
        },
        "https": {
            "status": 200,
            "location": None,
            "hsts": "max-age=31536000; includeSubDomains",
            "cookies": [["csrftoken", True]],
        },
    }


def test_without_the_proxy_header_setting_a_client_cannot_claim_https(productie: dict[str, str]) -> None:
    # Without PROXY_SSL_HEADER the header is just text from the client: still a redirect.
    zonder = https_proef(productie | {"PROXY_SSL_HEADER": ""})
    assert (zonder["https"]["status"], zonder["https"]["location"]) == (301, f"https://{HOST}/inloggen/")


def test_a_proxy_header_that_is_not_a_header_name_stops_the_start(productie: dict[str, str]) -> None:
    uitkomst = deploy_check(productie | {"PROXY_SSL_HEADER": "X-Forwarded-Proto: https"})

    assert uitkomst.returncode == 1
    melding = "PROXY_SSL_HEADER moet een headernaam zijn, zoals X-Forwarded-Proto, niet 'X-Forwarded-Proto: https'"
    assert f"ValueError: {melding}" in uitkomst.stderr
