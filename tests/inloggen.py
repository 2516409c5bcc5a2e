"""Logging in as a test: the second factor that ``force_login`` and the browser helper pass.

``force_login`` (patched in tests/conftest.py) stands for a finished login, password and second
factor both: the user gets a confirmed authenticator app and the session carries it, as after
entering a code. Tests of the second factor itself log in through the login form instead
(``met_wachtwoord``) and enter codes as a person would.
"""

import time

from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ketenpartners.models import Gebruiker
from tests.factories import WACHTWOORD


def app_van(gebruiker: Gebruiker) -> TOTPDevice:
    """The user's confirmed authenticator app, made the way setting it up would leave it."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).order_by("pk").first()
    return apparaat or TOTPDevice.objects.create(user=gebruiker, name="Authenticator-app", confirmed=True)


def tweede_factor_in_sessie(client: Client, gebruiker: Gebruiker) -> None:
    """What entering a code does to the session (django_otp.login), for a client logged in already."""
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = app_van(gebruiker).persistent_id
    sessie.save()


def code_van(apparaat: TOTPDevice) -> str:
    """A code the app shows that the server accepts now: the phone in the test's hand.

    A code is accepted once: the next one must be of a later time step than the last accepted
    one. Within the tolerance of one step ahead, that is the next step's code; django-otp then
    moves its idea of the phone's clock along (drift), so a test can log in again at once.
    """
    apparaat.refresh_from_db()
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = time.time()
    nu = totp.t()
    for stap in (nu, nu + 1):
        if stap > apparaat.last_t:
            totp.drift = apparaat.drift + (stap - nu)
            return f"{totp.token():0{apparaat.digits}d}"
    raise AssertionError("Binnen de tolerantie van de app is geen ongebruikte code meer")


def met_wachtwoord(client: Client, gebruiker: Gebruiker, wachtwoord: str = WACHTWOORD) -> str:
    """Log in with the login form only (no second factor yet); returns where the form sends the user."""
    antwoord = client.post(reverse("login"), {"username": gebruiker.username, "password": wachtwoord})
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    return antwoord["Location"]
