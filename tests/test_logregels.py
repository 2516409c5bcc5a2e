"""Application logs: one JSON object per line, and no username or e-mail address in them.

The log output is captured through the formatter that settings.LOGGING configures, for what
happens most: a failed and a successful login, a mail the server refuses, the nightly check of
the access rights, and a refused page.
"""

import datetime
import io
import json
import logging
from collections.abc import Iterator
from smtplib import SMTPRecipientsRefused
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from ketenpartners.models import Gebruiker, Organisatie
from meldroute.tasks import rechten_controleren
from signalen.models import Notificatie
from signalen.tasks import openstaande_notificaties_versturen
from tests.factories import WACHTWOORD, af, signaal_melden

pytestmark = pytest.mark.django_db

GEBRUIKERSNAAM = "anna.devries"
EMAIL = "anna.devries@hoorn.example.nl"
VERBORGEN = '{username: "********************", ip_address: "********************", path_info: "/inloggen/"}'


class Logboek:
    def __init__(self, stroom: io.StringIO) -> None:
        self._stroom = stroom

    def tekst(self) -> str:
        return self._stroom.getvalue()

    def regels(self) -> list[dict[str, str]]:
        """Every line as JSON; a line that is not JSON fails the test here."""
        return [json.loads(regel) for regel in self.tekst().splitlines()]

    def berichten(self, logger: str) -> list[str]:
        return [regel["message"] for regel in self.regels() if regel["logger"] == logger]

    def over_de_client(self) -> list[str]:
        """Axes's lines that describe who tried to log in."""
        return [bericht for bericht in self.berichten("axes.handlers.database") if " by {" in bericht]


@pytest.fixture
def logboek() -> Iterator[Logboek]:
    """The root handler of settings.LOGGING, writing into memory instead of stderr."""
    console = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["root"]["handlers"] == ["console"]
    formatter = import_string(settings.LOGGING["formatters"][console["formatter"]]["()"])()
    stroom = io.StringIO()
    handler = logging.StreamHandler(stroom)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.addHandler(handler)
    yield Logboek(stroom)
    root.removeHandler(handler)


@pytest.fixture
def anna(hoorn: Organisatie) -> Gebruiker:
    return af(hoorn, username=GEBRUIKERSNAAM, email=EMAIL, first_name="Anna", last_name="de Vries")


def zonder_persoonsgegevens(logboek: Logboek) -> None:
    tekst = logboek.tekst()
    for gegeven in (GEBRUIKERSNAAM, EMAIL, "de Vries"):
        assert gegeven not in tekst
    for regel in logboek.regels():
        assert {"time", "level", "logger", "message"} <= set(regel), regel
        assert datetime.datetime.fromisoformat(regel["time"]).tzinfo is not None


def test_a_failed_login_logs_neither_username_nor_address(client: Client, anna: Gebruiker, logboek: Logboek) -> None:
    antwoord = client.post(reverse("login"), {"username": GEBRUIKERSNAAM, "password": "niet-het-wachtwoord"})

    assert antwoord.status_code == 200
    assert logboek.over_de_client() == [
        f"AXES: New login failure by {VERBORGEN}. Created new record in the database.",
    ]
    zonder_persoonsgegevens(logboek)


def test_a_successful_login_logs_neither_username_nor_address(
    client: Client, anna: Gebruiker, logboek: Logboek
) -> None:
    antwoord = client.post(reverse("login"), {"username": GEBRUIKERSNAAM, "password": WACHTWOORD})

    assert antwoord.status_code == 302
    assert logboek.over_de_client() == [
        f"AXES: Successful login by {VERBORGEN}.",
        f"AXES: Deleted 0 failed login attempts by {VERBORGEN} from database.",
    ]
    zonder_persoonsgegevens(logboek)


def test_a_refused_recipient_is_masked_in_the_log_and_on_the_row(
    anna: Gebruiker, melder_hoorn: Gebruiker, logboek: Logboek, monkeypatch: pytest.MonkeyPatch
) -> None:
    signaal_melden(melder=melder_hoorn)
    notificatie = Notificatie.objects.get(ontvanger=anna)

    def weigeren(*args: object, **kwargs: object) -> int:
        raise SMTPRecipientsRefused({EMAIL: (550, f"5.1.1 <{EMAIL}>: Recipient address rejected".encode())})

    # The mail server is outside the product: it refuses the recipient.
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", weigeren)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=False):
        assert openstaande_notificaties_versturen() == 0

    fout = "SMTPRecipientsRefused: {'[e-mailadres]': (550, b'5.1.1 <[e-mailadres]>: Recipient address rejected')}"
    assert logboek.berichten("signalen.tasks") == [
        f"E-mail {notificatie.pk} niet verstuurd; de volgende ronde probeert het opnieuw: {fout}"
    ]
    notificatie.refresh_from_db()
    assert notificatie.laatste_fout == fout
    zonder_persoonsgegevens(logboek)


def test_the_nightly_rights_check_names_users_by_number_only(
    anna: Gebruiker, logboek: Logboek, capsys: pytest.CaptureFixture[str]
) -> None:
    # Admin access without the beheerder role: a difference that names a user account.
    Gebruiker.objects.filter(pk=anna.pk).update(is_staff=True)
    uitvoer = io.StringIO()

    with pytest.raises(CommandError, match=r"^1 verschil gevonden\. Herstel met --herstellen\.$"):
        call_command("rechten_controleren", stdout=uitvoer)
    assert rechten_controleren() == 1

    assert uitvoer.getvalue().splitlines() == [
        f"afwijkende beheertoegang: gebruiker {anna.pk}",
        "1 × afwijkende beheertoegang",
    ]
    assert logboek.berichten("meldroute.rechten_controle") == [
        "Objectrechten wijken af van het domein: {'afwijkende beheertoegang': 1}"
    ]
    assert GEBRUIKERSNAAM not in uitvoer.getvalue()
    zonder_persoonsgegevens(logboek)


def test_a_refused_page_is_logged_with_its_path_but_without_the_query_string(
    client: Client, anna: Gebruiker, logboek: Logboek
) -> None:
    client.force_login(anna)
    assert client.get("/signalen/999999/?zoek=Jansen").status_code == 404

    verzoeken = [r for r in logboek.regels() if r["logger"] == "django.request"]
    assert [(r["level"], r["message"], r.get("path")) for r in verzoeken] == [
        ("WARNING", "Not Found: /signalen/999999/", "/signalen/999999/")
    ]
    assert "Jansen" not in logboek.tekst()


def test_an_address_in_an_exception_is_masked_in_the_traceback(logboek: Logboek) -> None:
    try:
        raise SMTPRecipientsRefused({EMAIL: (550, b"unknown user")})
    except SMTPRecipientsRefused:
        logging.getLogger("mensenhandel.proef").exception("Versturen mislukt aan %s", EMAIL)

    (regel,) = logboek.regels()
    assert regel["message"] == "Versturen mislukt aan [e-mailadres]"
    assert regel["exception"].splitlines()[-1] == (
        "smtplib.SMTPRecipientsRefused: {'[e-mailadres]': (550, b'unknown user')}"
    )
    zonder_persoonsgegevens(logboek)


def test_the_production_logging_uses_the_json_formatter() -> None:
    formatters: dict[str, Any] = settings.LOGGING["formatters"]
    assert formatters == {"json": {"()": "mensenhandel.logformaat.JsonRegels"}}
    assert settings.LOGGING["handlers"]["console"] == {"class": "logging.StreamHandler", "formatter": "json"}
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False


def test_every_logger_writes_through_the_root_handler_only() -> None:
    # Django's own "django" logger would otherwise print plain text beside the JSON when DEBUG is on.
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django").propagate is True
