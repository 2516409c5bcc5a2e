"""The second factor: who needs one, and the app (TOTP) and recovery codes behind it.

``tweede_factor_vereist`` is the one rule; the middleware, the pages and the tests all ask it.
A user sets up one authenticator app (a ``TOTPDevice``) and gets ``HERSTELCODES`` recovery codes
at the same moment (one ``StaticDevice`` whose tokens are deleted as they are used). Wrong codes
are throttled by django-otp per device: after each failure the next attempt must wait twice as
long (1, 2, 4, 8 … seconds), for a correct code too.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_otp import user_has_device
from django_otp.models import Device, ThrottlingMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenpartners.inloggen import logboek
from ketenpartners.inloggen.sessies import sessies_beeindigen
from ketenpartners.models import Gebruiker, Rol
from ketenpartners.selectors import rollen_van

HERSTELCODES = 10
APP_NAAM = "Authenticator-app"

ONJUISTE_APPCODE = (
    "Deze code is niet juist. Vul de code in die de app nu toont; klopt die ook niet, controleer dan of "
    "de tijd op uw telefoon goed staat."
)
ONJUISTE_HERSTELCODE = "Deze herstelcode is niet juist of is al gebruikt. Elke herstelcode werkt één keer."
AL_INGESTELD = "De tweede factor is al ingesteld. Log in met de code uit uw app."


def tweede_factor_vereist(gebruiker: Gebruiker) -> bool:
    """Every role but medewerker, and every account that reaches the admin, needs a second factor."""
    if not gebruiker.is_authenticated:
        return False
    if gebruiker.is_staff or gebruiker.is_superuser:
        return True
    return bool(rollen_van(gebruiker) - {Rol.MEDEWERKER})


def heeft_tweede_factor(gebruiker: Gebruiker) -> bool:
    return user_has_device(gebruiker, confirmed=True)


@dataclass(frozen=True)
class Uitkomst:
    """The result of a code: the device that accepted it, or the message for the user."""

    apparaat: Device | None = None
    melding: str = ""
    herstelcodes: list[str] = field(default_factory=list)
    herstelcodes_over: int | None = None


def _seconden(aantal: int) -> str:
    return "1 seconde" if aantal == 1 else f"{aantal} seconden"


def _wachten(apparaat: ThrottlingMixin) -> str:
    """The message while django-otp's throttle refuses every code of this device, else ''."""
    toegestaan, gegevens = apparaat.verify_is_allowed()
    if toegestaan:
        return ""
    tot: datetime | None = (gegevens or {}).get("locked_until")
    seconden = max(1, math.ceil((tot - timezone.now()).total_seconds())) if tot else 1
    return f"U hebt te vaak een onjuiste code ingevuld. Wacht {_seconden(seconden)} en probeer het dan opnieuw."


def app_in_te_stellen(*, gebruiker: Gebruiker) -> TOTPDevice:
    """The app being set up: one unconfirmed device, kept until it is confirmed, so the QR code
    the user scanned is still the one the first code is checked against."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).order_by("pk").first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name=APP_NAAM, confirmed=False)
    return apparaat


def _herstelcodes_maken(gebruiker: Gebruiker) -> list[str]:
    StaticDevice.objects.filter(user=gebruiker).delete()
    apparaat = StaticDevice.objects.create(user=gebruiker, name="Herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=code) for code in codes)
    return codes


def app_bevestigen(*, gebruiker: Gebruiker, apparaat_id: int, code: str) -> Uitkomst:
    """The first code from the new app: confirms it and makes a fresh set of recovery codes."""
    with transaction.atomic():
        apparaat = (
            TOTPDevice.objects.select_for_update().filter(pk=apparaat_id, user=gebruiker, confirmed=False).first()
        )
        if apparaat is None:
            return Uitkomst(melding=AL_INGESTELD)
        if melding := _wachten(apparaat):
            return Uitkomst(melding=melding)
        if not apparaat.verify_token(code):
            return Uitkomst(melding=ONJUISTE_APPCODE)
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=gebruiker).exclude(pk=apparaat.pk).delete()
        codes = _herstelcodes_maken(gebruiker)
        logboek.vastleggen(gebruiker=gebruiker, door=gebruiker, beschrijving="Tweede factor ingesteld")
    return Uitkomst(apparaat=apparaat, herstelcodes=codes)


def app_code_controleren(*, gebruiker: Gebruiker, code: str) -> Uitkomst:
    with transaction.atomic():
        apparaat = TOTPDevice.objects.select_for_update().filter(user=gebruiker, confirmed=True).order_by("pk").first()
        if apparaat is None:
            return Uitkomst(melding=ONJUISTE_APPCODE)
        if melding := _wachten(apparaat):
            return Uitkomst(melding=melding)
        if not apparaat.verify_token(code):
            return Uitkomst(melding=ONJUISTE_APPCODE)
    return Uitkomst(apparaat=apparaat)


def herstelcode_controleren(*, gebruiker: Gebruiker, code: str) -> Uitkomst:
    """A recovery code works once: django-otp deletes the token it accepts."""
    with transaction.atomic():
        apparaat = (
            StaticDevice.objects.select_for_update().filter(user=gebruiker, confirmed=True).order_by("pk").first()
        )
        if apparaat is None:
            return Uitkomst(melding=ONJUISTE_HERSTELCODE)
        if melding := _wachten(apparaat):
            return Uitkomst(melding=melding)
        if not apparaat.verify_token(code):
            return Uitkomst(melding=ONJUISTE_HERSTELCODE)
        over = apparaat.token_set.count()
        logboek.vastleggen(gebruiker=gebruiker, door=gebruiker, beschrijving="Ingelogd met een herstelcode")
    return Uitkomst(apparaat=apparaat, herstelcodes_over=over)


@transaction.atomic
def tweede_factor_verwijderen(*, gebruiker: Gebruiker, door: Gebruiker) -> None:
    """For a lost phone: app and recovery codes go, every session ends, and at the next login the
    user sets up a new app. The password stays the user's own, so this gives nobody access."""
    TOTPDevice.objects.filter(user=gebruiker).delete()
    StaticDevice.objects.filter(user=gebruiker).delete()
    sessies_beeindigen(gebruiker=gebruiker)
    logboek.vastleggen(
        gebruiker=gebruiker, door=door, beschrijving=f"Tweede factor verwijderd door {door.get_username()}"
    )
