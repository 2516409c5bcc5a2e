"""The known-answer world of the evaluation tests: Westfriesland with 21 signals in 2027 whose
figures are computed by hand in test_dashboard.py, and Fryslân beside it."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from ketenpartners.models import Gebruiker, Organisatie, Rol
from ketenpartners.models import Regio as RegioModel
from meldroute import services
from mensenhandel.werkdagen import ZONE, werkdagen_na
from tests.factories import OrganisatieFactory, RegioFactory, af, gebruiker_met_rol, medewerker, signaal_melden

GEMELD = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE)  # a Monday
# Werkdagen to take each of Hoorn's twelve signals (stap 2), and to verrijk ten of them (stap 3).
IN_BEHANDELING = [0, 0, 1, 1, 1, 2, 2, 3, 5, 8, 1, 1]
VERRIJKEN = [2, 3, 3, 4, 5, 6, 7, 8, 10, 12]
# Six weeks after Monday 1 February: the last day within the term is Monday 15 March.
BINNEN_TERMIJN = datetime.date(2027, 3, 15)
TE_LAAT = datetime.date(2027, 3, 16)


@dataclass
class Regio:
    westfriesland: RegioModel
    fryslan: RegioModel
    hoorn: Organisatie
    enkhuizen: Organisatie
    medemblik: Organisatie
    leeuwarden: Organisatie
    af_hoorn: Gebruiker
    coordinator: Gebruiker
    coordinator_fryslan: Gebruiker


def om(dag: datetime.date, uur: int = 11) -> datetime.datetime:
    return datetime.datetime.combine(dag, datetime.time(uur), tzinfo=ZONE)


@pytest.fixture
def regio() -> Regio:
    """Westfriesland: Hoorn 12 signals (one acute), Enkhuizen 3, Medemblik 6 (one acute); Fryslân:
    Leeuwarden 7. Hoorn's are taken and verrijkt after the werkdagen above, then closed as "geen
    mensenhandel" with feedback, half within the six weeks."""
    fryslan = RegioFactory(naam="Fryslân")
    hoorn = OrganisatieFactory(naam="Hoorn", inwonertal=74000)
    enkhuizen = OrganisatieFactory(naam="Enkhuizen", inwonertal=18900)
    medemblik = OrganisatieFactory(naam="Medemblik", inwonertal=48500)
    leeuwarden = OrganisatieFactory(naam="Leeuwarden", inwonertal=127000, regio=fryslan)
    af_hoorn = af(hoorn, username="af.hoorn")
    melders = {g: medewerker(g, username=f"melder.{g.naam.lower()}") for g in (hoorn, enkhuizen, medemblik, leeuwarden)}
    for g in (enkhuizen, medemblik, leeuwarden):
        af(g, username=f"af.{g.naam.lower()}")

    for nummer, dagen_tot_behandeling in enumerate(IN_BEHANDELING):
        with time_machine.travel(GEMELD + datetime.timedelta(minutes=nummer), tick=False):
            signaal = signaal_melden(melder=melders[hoorn], acuut=nummer == 0)
        ontvangen = werkdagen_na(GEMELD.date(), dagen_tot_behandeling)
        with time_machine.travel(om(ontvangen), tick=False):
            services.in_behandeling_nemen(signaal_id=signaal.pk, door=af_hoorn, behandelaar=af_hoorn)
        if nummer >= len(VERRIJKEN):
            continue
        verrijkt = werkdagen_na(ontvangen, VERRIJKEN[nummer])
        with time_machine.travel(om(verrijkt), tick=False):
            services.verrijken(signaal_id=signaal.pk, door=af_hoorn, bron="brp", bevindingen="Niets bijzonders.")
        teruggekoppeld = BINNEN_TERMIJN if nummer % 2 else TE_LAAT
        with time_machine.travel(om(teruggekoppeld), tick=False):
            services.geen_mensenhandel(
                signaal_id=signaal.pk,
                door=af_hoorn,
                onderbouwing="Geen aanwijzingen.",
                tekst="Dank voor uw melding.",
                gegeven_op=teruggekoppeld,
            )
    for gemeente, aantal, maand, acuut in [(enkhuizen, 3, 3, -1), (medemblik, 6, 5, 0), (leeuwarden, 7, 6, 0)]:
        for nummer in range(aantal):
            with time_machine.travel(datetime.datetime(2027, maand, 3 + nummer, 9, 0, tzinfo=ZONE), tick=False):
                signaal_melden(melder=melders[gemeente], acuut=nummer == acuut)
    return Regio(
        hoorn=hoorn,
        westfriesland=RegioModel.objects.get(naam="Westfriesland"),
        fryslan=fryslan,
        enkhuizen=enkhuizen,
        medemblik=medemblik,
        leeuwarden=leeuwarden,
        af_hoorn=af_hoorn,
        coordinator=gebruiker_met_rol(hoorn, Rol.COORDINATOR, username="coordinator.wf"),
        coordinator_fryslan=gebruiker_met_rol(leeuwarden, Rol.COORDINATOR, username="coordinator.fr"),
    )
