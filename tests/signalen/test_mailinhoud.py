"""No mail carries personal data: every kind rendered for a signal full of it."""

import datetime

import pytest
from django.utils import timezone

from ketenpartners.models import Gebruiker
from signalen import berichten
from signalen.berichten import TEKSTEN, inhoud
from signalen.models import Notificatie
from signalen.termijnen import Termijnsoort
from tests.factories import signaal_melden

PERSOONSGEGEVENS = [
    "Jan",
    "Jansen",
    "1990",
    "Kerkstraat",
    "0612345678",
    "Poolse",
    "Uitzendbureau Snel",
    "12345678",
    "opgehaald",
    "busje",
    # The melder (Dirk Smit) and the AF (Anna de Vries) of the fixtures.
    "Dirk",
    "Smit",
    "Anna",
    "Vries",
    "Hoorn",
]


@pytest.mark.django_db
# A kind whose content another app builds is tested there: the agenda of a tafel in
# tests/tafels/test_agenda_mail.py (references and gemeenten, no content).
@pytest.mark.parametrize("soort", [s for s in Notificatie.Soort if s not in berichten.BERICHTEN])
def test_every_kind_of_mail_holds_the_reference_and_a_link_and_no_personal_data(
    soort: str, melder_hoorn: Gebruiker, af_hoorn: Gebruiker
) -> None:
    signaal = signaal_melden(
        melder=melder_hoorn,
        acuut=True,
        omschrijving="Vrouw wordt elke avond opgehaald door een busje.",
        betrokkenen=[
            {
                "rol": "slachtoffer",
                "naam": "Jan Jansen",
                "geboortedatum": datetime.date(1990, 3, 4),
                "nationaliteit": "Poolse",
                "adres": "Kerkstraat 12, Hoorn",
                "telefoon": "0612345678",
            }
        ],
        locaties=[{"adres": "Kerkstraat 14", "bedrijfsnaam": "Uitzendbureau Snel BV", "kvk_nummer": "12345678"}],
    )
    # A report is about a regio, a difference in the access rights about the whole product, and a
    # request to talk names no signal of either gemeente.
    over_signaal = soort not in (
        Notificatie.Soort.RAPPORT_KLAAR,
        Notificatie.Soort.RECHTEN_VERSCHIL,
        Notificatie.Soort.CONTACTVERZOEK,
    )
    pad = f"/signalen/{signaal.pk}/" if over_signaal else "/rapporten/7/"
    notificatie = Notificatie(
        signaal=signaal if over_signaal else None,
        soort=soort,
        ontvanger=af_hoorn,
        moment=timezone.now(),
        termijn=Termijnsoort.VERRIJKEN,
        pad=pad,
    )

    onderwerp, tekst, html = inhoud(notificatie)

    assert (signaal.referentie in onderwerp) is over_signaal
    assert f"http://localhost:8000{pad}" in tekst
    assert f'href="http://localhost:8000{pad}"' in html
    for geheel in (onderwerp, tekst, html):
        gevonden = [gegeven for gegeven in PERSOONSGEGEVENS if gegeven in geheel]
        assert gevonden == [], f"{soort}: {gevonden} in de e-mail"
    assert TEKSTEN[soort].knop in tekst


def test_only_the_agenda_of_a_tafel_is_built_by_another_app() -> None:
    assert list(berichten.BERICHTEN) == [Notificatie.Soort.TAFELAGENDA]
