"""Trainings registered by the AF, set against the signals of the teams; the basisniveau checklist."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from evaluatie.models import Basisniveau, Training
from ketenpartners.models import Gebruiker, Organisatie, Rol
from mensenhandel.werkdagen import ZONE
from signalen.models import Team
from tests.factories import OrganisatieFactory, af, gebruiker_met_rol, medewerker, signaal_melden
from tests.hulp import tabelrijen

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoorn_met_melders(hoorn: Organisatie) -> tuple[Organisatie, Gebruiker, Gebruiker]:
    return hoorn, af(hoorn, username="af.hoorn"), medewerker(hoorn, username="balie.hoorn")


def test_an_af_registers_a_training_and_the_dashboard_sets_it_against_the_teams_signals(
    client: Client, hoorn_met_melders: tuple[Organisatie, Gebruiker, Gebruiker]
) -> None:
    hoorn, af_hoorn, melder = hoorn_met_melders
    balie = Team.objects.get(naam="Balie")
    # Two signals from the balie in the spring, eight after the training of 1 June.
    for maand, aantal in [(3, 2), (7, 5), (8, 3)]:
        for dag in range(aantal):
            with time_machine.travel(datetime.datetime(2027, maand, 2 + dag, 10, tzinfo=ZONE), tick=False):
                signaal_melden(melder=melder, team=balie)

    with time_machine.travel(datetime.datetime(2027, 6, 2, 9, tzinfo=ZONE), tick=False):
        client.force_login(af_hoorn)
        antwoord = client.post(
            reverse("evaluatie:training_nieuw"),
            {
                "gemeente": hoorn.pk,
                "datum": "2027-06-01",
                "onderwerp": "Signalen van arbeidsuitbuiting herkennen",
                "teams": [balie.pk],
                "deelnemers": "23",
                "aanbieder": "fairwork",
            },
        )
    assert antwoord.status_code == 302
    training = Training.objects.get()
    assert (training.gemeente, training.deelnemers, training.aanbieder_tekst) == (hoorn, 23, "FairWork")
    assert list(training.teams.all()) == [balie]

    client.force_login(af_hoorn)
    html = client.get(reverse("evaluatie:dashboard"), {"van": "2027-01-01", "tot": "2027-10-31"}).content.decode()
    rijen = tabelrijen(html[html.index('id="trainingen"') :])
    # 151 days before 1 June, 153 from it: 2 before ("<5", per month hidden), 8 after.
    assert rijen == [["Balie", "1", "23", "1 juni 2027", "<5", "x", "8", "1,6"]]


def test_a_training_form_with_mistakes_keeps_what_was_entered_and_says_what_is_wrong(
    client: Client, hoorn_met_melders: tuple[Organisatie, Gebruiker, Gebruiker]
) -> None:
    hoorn, af_hoorn, _ = hoorn_met_melders
    client.force_login(af_hoorn)
    morgen = datetime.date.today() + datetime.timedelta(days=1)
    antwoord = client.post(
        reverse("evaluatie:training_nieuw"),
        {
            "gemeente": hoorn.pk,
            "datum": morgen.isoformat(),
            "onderwerp": "Loverboyproblematiek",
            "deelnemers": "0",
            "aanbieder": "anders",
        },
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Kies minstens één team." in html
    assert "Vul minstens 1 in." in html
    assert 'value="Loverboyproblematiek"' in html
    assert not Training.objects.exists()

    balie = Team.objects.get(naam="Balie")
    antwoord = client.post(
        reverse("evaluatie:training_nieuw"),
        {
            "gemeente": hoorn.pk,
            "datum": morgen.isoformat(),
            "onderwerp": "Loverboyproblematiek",
            "teams": [balie.pk],
            "deelnemers": "12",
            "aanbieder": "anders",
        },
    )
    html = antwoord.content.decode()
    assert "Registreer een training nadat hij gegeven is; deze datum ligt in de toekomst." in html
    assert "Vul in wie de training gaf." in html
    assert not Training.objects.exists()


def test_the_basisniveau_checklist_follows_what_is_entered_and_the_applications_own_data(
    client: Client, hoorn_met_melders: tuple[Organisatie, Gebruiker, Gebruiker]
) -> None:
    hoorn, af_hoorn, melder = hoorn_met_melders
    enkhuizen = OrganisatieFactory(naam="Enkhuizen")
    for naam, soort in [("Politie", Organisatie.Soort.POLITIE), ("RIEC", Organisatie.Soort.RIEC)]:
        OrganisatieFactory(naam=naam, soort=soort)
    signaal_melden(melder=melder)
    coordinator = gebruiker_met_rol(hoorn, Rol.COORDINATOR, username="coordinator")

    client.force_login(af_hoorn)
    antwoord = client.post(
        reverse("evaluatie:basisniveau_bewerken", args=[hoorn.pk]),
        {
            "beleid_vastgesteld_op": "2024-03-12",
            "zorg_en_opvang_geregeld": "on",
            "zorg_en_opvang_toelichting": "Via Fier.",
        },
    )
    assert antwoord.status_code == 302
    assert Basisniveau.objects.get(gemeente=hoorn).bijgewerkt_door == af_hoorn
    # The AF of Hoorn may not fill in Enkhuizen's.
    assert client.get(reverse("evaluatie:basisniveau_bewerken", args=[enkhuizen.pk])).status_code == 404

    client.force_login(coordinator)
    rijen = tabelrijen(client.get(reverse("evaluatie:basisniveau")).content.decode())
    assert rijen == [
        ["Enkhuizen", "Nee", "Nee", "Nee", "Nee", "Nee", "Nee", "0 van 6"],
        ["Hoorn", "Ja", "Ja", "Ja", "Nee", "Nee", "Ja", "4 van 6"],
    ]
    pagina = client.get(reverse("evaluatie:basisniveau")).content.decode()
    assert "Ontbreekt in het register: Zorg- en Veiligheidshuis" in pagina
    assert "&lt;5 signalen ontvangen in de periode" in pagina


def test_a_date_in_the_future_for_the_policy_is_refused_in_dutch(
    client: Client, hoorn_met_melders: tuple[Organisatie, Gebruiker, Gebruiker]
) -> None:
    hoorn, af_hoorn, _ = hoorn_met_melders
    client.force_login(af_hoorn)
    volgend_jaar = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    antwoord = client.post(
        reverse("evaluatie:basisniveau_bewerken", args=[hoorn.pk]), {"beleid_vastgesteld_op": volgend_jaar}
    )
    assert antwoord.status_code == 200
    assert "Deze datum ligt in de toekomst." in antwoord.content.decode()
    assert not Basisniveau.objects.exists()
