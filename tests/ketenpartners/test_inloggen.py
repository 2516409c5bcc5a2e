"""Logging in: Dutch form, and guessing passwords gets an account blocked from that address only."""

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker
from tests.factories import WACHTWOORD

pytestmark = pytest.mark.django_db


def inloggen(client: Client, gebruikersnaam: str, wachtwoord: str, ip: str = "10.0.0.1") -> int:
    antwoord = client.post(reverse("login"), {"username": gebruikersnaam, "password": wachtwoord}, REMOTE_ADDR=ip)
    return antwoord.status_code


def test_a_user_logs_in_and_lands_on_their_work(client: Client, melder_hoorn: Gebruiker) -> None:
    antwoord = client.post(reverse("login"), {"username": "balie.hoorn", "password": WACHTWOORD}, follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("meldroute:mijn_signalen")


def test_an_af_sets_up_the_second_factor_before_any_work(client: Client, af_hoorn: Gebruiker) -> None:
    # The rest of the second factor: tests/ketenpartners/test_mfa.py.
    antwoord = client.post(reverse("login"), {"username": "af.hoorn", "password": WACHTWOORD}, follow=True)
    assert antwoord.redirect_chain[-1][0] == reverse("inloggen:tweede_factor_instellen") + "?next=/"


def test_a_wrong_password_gives_a_dutch_message(client: Client, af_hoorn: Gebruiker) -> None:
    antwoord = client.post(reverse("login"), {"username": "af.hoorn", "password": "fout"})
    assert antwoord.status_code == 200
    assert "wachtwoord" in antwoord.content.decode().lower()


def test_five_wrong_passwords_block_the_account_from_that_address_only(
    client: Client, af_hoorn: Gebruiker, af_hoorn_2: Gebruiker
) -> None:
    for _ in range(5):
        inloggen(client, "af.hoorn", "geraden")

    geblokkeerd = client.post(
        reverse("login"), {"username": "af.hoorn", "password": WACHTWOORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert geblokkeerd.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in geblokkeerd.content.decode()
    # A colleague behind the same proxy address, and the owner from elsewhere, can still log in.
    assert inloggen(Client(), "af.hoorn.2", WACHTWOORD) == 302
    assert inloggen(Client(), "af.hoorn", WACHTWOORD, ip="10.9.9.9") == 302
