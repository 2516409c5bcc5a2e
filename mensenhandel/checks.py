"""System checks for a production installation behind HTTPS (``manage.py check --deploy``)."""

from typing import Any

from django.conf import settings
from django.core import checks


def https_achter_proxy(**kwargs: Any) -> list[checks.CheckMessage]:
    """HTTPS behind a proxy needs the proxy named twice: its HTTPS header, and its address.

    The image serves plain HTTP, so with SECURE_COOKIES on a proxy in front ends TLS. Without
    PROXY_SSL_HEADER every request looks like plain HTTP to Django and is redirected to HTTPS
    forever. Without TRUSTED_PROXY_COUNT every client has the proxy's address, and the lockout
    per account and address becomes a lockout per account that anyone can trigger.
    """
    if not settings.SECURE_COOKIES:
        return []
    if settings.SECURE_PROXY_SSL_HEADER is None:
        return [
            checks.Warning(
                "SECURE_COOKIES staat aan, maar PROXY_SSL_HEADER is niet gezet.",
                hint=(
                    "Zet PROXY_SSL_HEADER op de header waarmee de proxy HTTPS doorgeeft, bijvoorbeeld "
                    "X-Forwarded-Proto; anders stuurt de applicatie elk verzoek eindeloos door naar HTTPS."
                ),
                id="mensenhandel.W001",
            )
        ]
    if settings.TRUSTED_PROXY_COUNT <= 0:
        return [
            checks.Warning(
                "PROXY_SSL_HEADER is gezet, maar TRUSTED_PROXY_COUNT is 0.",
                hint=(
                    "Zet TRUSTED_PROXY_COUNT op het aantal eigen proxies vóór de applicatie; anders tellen "
                    "mislukte inlogpogingen van iedereen mee voor het adres van de proxy."
                ),
                id="mensenhandel.W002",
            )
        ]
    return []


def samenhang_sleutel(**kwargs: Any) -> list[checks.CheckMessage]:
    """The match keys of samenhangende signalen are an HMAC with SAMENHANG_SLEUTEL: with a known or
    short key anyone with a copy of the keys can try every name and birth date and find the person
    (docs/adr/0010-samenhangende-signalen.md)."""
    if settings.DEBUG:
        return []
    sleutel = settings.SAMENHANG_SLEUTEL
    if sleutel == settings.LOKALE_SAMENHANG_SLEUTEL or len(sleutel) < 32:
        return [
            checks.Warning(
                "SAMENHANG_SLEUTEL is de ingebouwde standaardwaarde of korter dan 32 tekens.",
                hint=(
                    "Zet SAMENHANG_SLEUTEL op een willekeurige waarde van minstens 32 tekens, dezelfde in elke "
                    "omgeving die signalen vergelijkt, en draai na het wisselen manage.py matchsleutels_herberekenen."
                ),
                id="mensenhandel.W003",
            )
        ]
    return []
