"""Helpers of the tests of input limits: the intake as a melder fills it in, and dates as the product writes them."""

import datetime
import re
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from ketenpartners.models import Gebruiker
from signalen.models import Team, Vorm

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def datum_tekst(datum: datetime.date) -> str:
    with translation.override("nl"):
        return date_format(datum, "j F Y")


def vandaag() -> datetime.date:
    return timezone.localdate()


def intake(melder: Gebruiker, **extra: object) -> dict[str, object]:
    """A complete intake with one betrokkene and one locatie; ``extra`` overrides or adds fields."""
    gegevens: dict[str, object] = {
        "gemeente": melder.lidmaatschappen.get().organisatie_id,
        "team": Team.objects.get(naam="BOA").pk,
        "waargenomen_op": (vandaag() - datetime.timedelta(days=2)).isoformat(),
        "omschrijving": "In de nagelsalon slapen medewerkers achter in de zaak.",
        "vormen": [Vorm.objects.get(code="arbeidsuitbuiting").pk],
        "acuut": "nee",
        "betrokkene-TOTAL_FORMS": "1",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-0-rol": "slachtoffer",
        "betrokkene-0-naam": "Jan Jansen",
        "locatie-TOTAL_FORMS": "1",
        "locatie-INITIAL_FORMS": "0",
        "locatie-0-bedrijfsnaam": "Nagelstudio Voorbeeld",
        "actie": "indienen",
    }
    gegevens.update(extra)
    return gegevens


def melden(client: Client, melder: Gebruiker, **extra: object) -> Any:
    client.force_login(melder)
    return client.post(reverse("signalen:melden"), intake(melder, **extra))


def betrokkene_blokken(html: str) -> int:
    return len(re.findall(r'name="betrokkene-\d+-rol"', html))
