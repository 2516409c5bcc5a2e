"""Helpers for browser tests: the markers, logging in, and states built with the real services.

A journey that does not create its own starting point builds it here, so each test runs alone.
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from ketenpartners.inloggen.tweede_factor import tweede_factor_vereist
from ketenpartners.models import Gebruiker, Organisatie, Regio
from meldroute import services as meldroute
from meldroute.models import Deling
from signalen.models import Betrokkene, Signaal, Team, Vorm
from signalen.services import tijdelijke_bijlage_bewaren
from signalen.workflow import Status
from tests.factories import WACHTWOORD, naar_status, signaal_melden
from tests.inloggen import app_van, code_van

# Every module in tests/browser: ``pytestmark = BROWSER_TEST``.
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Types of the fixtures in tests/browser/conftest.py.
NieuweContext = Callable[..., BrowserContext]
Ingelogd = Callable[..., Page]
Screenshot = Callable[[Page, str], Path]


@dataclass(frozen=True)
class Wereld:
    regio: Regio
    hoorn: Organisatie
    enkhuizen: Organisatie
    politie: Organisatie
    riec: Organisatie
    af: Gebruiker
    af_2: Gebruiker
    medewerker: Gebruiker
    medewerker_enkhuizen: Gebruiker
    partner: Gebruiker
    coordinator: Gebruiker
    beheerder: Gebruiker


# The smallest file the upload check accepts as a PDF (it looks at the first bytes).
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
REFERENTIE = r"MH-\d{4}-\d{5}"


def inloggen(page: Page, gebruikersnaam: str, wachtwoord: str = WACHTWOORD) -> None:
    """Log in through the real login form, as a person would, with the code from the app when the
    role needs a second factor (the user gets an app first if they had none; tests/inloggen.py)."""
    gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
    app = app_van(gebruiker) if tweede_factor_vereist(gebruiker) else None
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    if app is not None:
        expect(page.get_by_role("heading", level=1)).to_have_text("Code uit uw app")
        page.get_by_label("Code uit de app").fill(code_van(app))
        page.get_by_role("button", name="Inloggen", exact=True).click()
        expect(page).not_to_have_url(re.compile(r"/inloggen/"))
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def wacht_tot(voorwaarde: Callable[[], bool], *, seconden: float = 10, bericht: str = "") -> None:
    """Wait for something outside the browser (the Celery worker) without a fixed sleep."""
    einde = time.monotonic() + seconden
    while not voorwaarde():
        assert time.monotonic() < einde, bericht or "de voorwaarde werd niet binnen de tijd waar"
        time.sleep(0.02)


def signaal_met_details(wereld: Wereld, **kwargs: object) -> Signaal:
    """A Hoorn signal as the intake form would make it: a betrokkene, a locatie and a PDF."""
    bijlage = tijdelijke_bijlage_bewaren(
        door=wereld.medewerker, upload=SimpleUploadedFile("foto-pand.pdf", PDF, content_type="application/pdf")
    )
    gegevens: dict[str, object] = {
        "team": Team.objects.get(naam="Handhaving/toezicht"),
        "omschrijving": "Bij een controle in een bedrijfspand sliepen acht arbeiders op matrassen in de opslag.",
        "vormen": [Vorm.objects.get(code="arbeidsuitbuiting")],
        "betrokkenen": [{"rol": Betrokkene.Rol.SLACHTOFFER, "naam": "Piotr Nowak", "nationaliteit": "Pools"}],
        "locaties": [
            {"adres": "Dampten 12, Hoorn", "bedrijfsnaam": "Uitzendbureau Flexibel", "kvk_nummer": "87654321"}
        ],
        "tijdelijke_bijlagen": [bijlage],
    }
    gegevens.update(kwargs)
    return signaal_melden(melder=wereld.medewerker, gemeente=wereld.hoorn, **gegevens)


def gedeeld_met_politie(wereld: Wereld, signaal: Signaal) -> Deling:
    """The AF took the signal to the lokale tafel and shared it with the police there."""
    naar_status(signaal, Status.LOKALE_TAFEL, door=wereld.af)
    return meldroute.delen(
        signaal_id=signaal.pk,
        door=wereld.af,
        organisatie=wereld.politie,
        grondslag=Deling.Grondslag.RIEC_CONVENANT,
        reden="Besproken aan de lokale tafel; de politie onderzoekt het pand.",
        einddatum=timezone.localdate() + datetime.timedelta(days=30),
        met_betrokkenen=True,
        met_bijlagen=True,
    )
