"""The dossier's forms under random input, the way tests/test_formulieren_fuzz.py tries every form:
never a server error, and nothing stored when the input is refused."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ketenpartners.models import Gebruiker, Organisatie
from meldroute.forms_dossier import KenmerkenForm, LocatieDossierForm, NotitieForm
from signalen.forms import BetrokkeneForm
from signalen.models import Signaal, Vorm
from signalen.workflow import Status
from tests import test_formulieren_fuzz as fuzz
from tests.factories import naar_status, signaal_melden

pytestmark = pytest.mark.django_db


def _signaal(w: fuzz.Wereld) -> Signaal:
    """A signal in step 3 with a betrokkene and a locatie, made once per world."""
    if "dossier" not in w._per_actie:
        signaal = signaal_melden(
            melder=w.gebruikers["melder"],
            betrokkenen=[{"rol": "slachtoffer", "naam": "Jan Jansen"}],
            locaties=[{"bedrijfsnaam": "Nagelstudio Voorbeeld"}],
        )
        w._per_actie["dossier"] = naar_status(signaal, Status.VERRIJKT, door=w.gebruikers["af"])
    return w._per_actie["dossier"]


def _url(onderdeel: str, item: str = "") -> Any:
    def url(w: fuzz.Wereld) -> str:
        signaal = _signaal(w)
        if item == "betrokkene":
            return reverse("meldroute:dossier_wijzigen", args=[signaal.pk, onderdeel, signaal.betrokkenen.get().pk])
        if item == "locatie":
            return reverse("meldroute:dossier_wijzigen", args=[signaal.pk, onderdeel, signaal.locaties.get().pk])
        return reverse("meldroute:dossier", args=[signaal.pk, onderdeel])

    return url


BETROKKENE = {"rol": "dader", "naam": "Karel de Boer", "geboortedatum": "1980-01-02", "telefoon": "06 12345678"}
GEVALLEN = [
    fuzz.Formuliergeval(
        naam="dossier betrokkene toevoegen",
        gebruiker="af",
        url=_url("betrokkene"),
        formulieren=lambda w: [("", BetrokkeneForm())],
        geldig=lambda w: BETROKKENE,
    ),
    fuzz.Formuliergeval(
        naam="dossier betrokkene wijzigen",
        gebruiker="af",
        url=_url("betrokkene", "betrokkene"),
        formulieren=lambda w: [("", BetrokkeneForm())],
        geldig=lambda w: BETROKKENE,
    ),
    fuzz.Formuliergeval(
        naam="dossier locatie toevoegen",
        gebruiker="af",
        url=_url("locatie"),
        formulieren=lambda w: [("", LocatieDossierForm())],
        geldig=lambda w: {"adres": "Dampten 12, Hoorn", "kvk_nummer": "87654321"},
    ),
    fuzz.Formuliergeval(
        naam="dossier locatie wijzigen",
        gebruiker="af",
        url=_url("locatie", "locatie"),
        formulieren=lambda w: [("", LocatieDossierForm())],
        geldig=lambda w: {"bedrijfsnaam": "Nagelstudio Anders", "omschrijving": "Achter de winkel."},
    ),
    fuzz.Formuliergeval(
        naam="dossier indicatoren en vormen",
        gebruiker="af",
        url=_url("kenmerken"),
        formulieren=lambda w: [("", KenmerkenForm(signaal=_signaal(w)))],
        geldig=lambda w: {"vormen": [str(Vorm.objects.get(code="onbekend").pk)]},
    ),
    fuzz.Formuliergeval(
        naam="dossier notitie",
        gebruiker="af",
        url=_url("notitie"),
        formulieren=lambda w: [("", NotitieForm())],
        geldig=lambda w: {"tekst": "Volgende week samen met de wijkagent langs."},
    ),
]


@pytest.fixture
def wereld(hoorn: Organisatie, af_hoorn: Gebruiker, melder_hoorn: Gebruiker) -> fuzz.Wereld:
    return fuzz.Wereld(hoorn, af_hoorn, melder_hoorn)


@pytest.mark.parametrize("geval", GEVALLEN, ids=[g.naam for g in GEVALLEN])
def test_a_dossier_form_under_random_input_never_fails_and_saves_nothing_when_refused(
    geval: fuzz.Formuliergeval, wereld: fuzz.Wereld, client: Client
) -> None:
    fuzz.test_a_form_under_random_input_never_fails_and_saves_nothing_when_refused(geval, wereld, client)
