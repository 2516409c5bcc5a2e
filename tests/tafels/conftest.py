"""The Drieluik of Fryslân (bron 004, bijlage 5): police (TMM), zorgcoördinatie (Fier) and the
Zorg- en Veiligheidshuis, with the ZVH's procesregisseur in the chair; two gemeenten of the regio
with an AF each; and people who take no part in it."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from ketenpartners.models import Gebruiker, Organisatie, Rol
from signalen.models import Signaal
from tafels.models import Tafel
from tests.factories import (
    OrganisatieFactory,
    RegioFactory,
    af,
    gebruiker_met_rol,
    medewerker,
    naar_status,
    signaal_melden,
)

VANDAAG = timezone.localdate


@dataclass
class Drieluik:
    tafel: Tafel
    leeuwarden: Organisatie
    harlingen: Organisatie
    politie: Organisatie
    fier: Organisatie
    zvh: Organisatie
    riec: Organisatie
    af_leeuwarden: Gebruiker
    af_harlingen: Gebruiker
    agent: Gebruiker
    zorgcoordinator: Gebruiker
    procesregisseur: Gebruiker
    riec_medewerker: Gebruiker
    af_hoorn: Gebruiker
    melder_leeuwarden: Gebruiker
    melder_harlingen: Gebruiker

    def signaal(self, status: str, *, gemeente: str = "Leeuwarden", omschrijving: str = "") -> Signaal:
        melder, door = (
            (self.melder_leeuwarden, self.af_leeuwarden)
            if gemeente == "Leeuwarden"
            else (self.melder_harlingen, self.af_harlingen)
        )
        signaal = signaal_melden(
            melder=melder, omschrijving=omschrijving or f"Busjes bij een pand in {gemeente}, 's nachts."
        )
        return naar_status(signaal, status, door=door)


@pytest.fixture
def drieluik(af_hoorn: Gebruiker) -> Drieluik:
    fryslan = RegioFactory(naam="Fryslân")
    leeuwarden = OrganisatieFactory(naam="Leeuwarden", regio=fryslan)
    harlingen = OrganisatieFactory(naam="Harlingen", regio=fryslan)
    politie = OrganisatieFactory(naam="Politie Noord-Nederland", soort=Organisatie.Soort.POLITIE, regio=fryslan)
    fier = OrganisatieFactory(naam="Fier", soort=Organisatie.Soort.ZORGCOORDINATIE, regio=fryslan)
    zvh = OrganisatieFactory(naam="Zorg- en Veiligheidshuis Fryslân", soort=Organisatie.Soort.ZVH, regio=fryslan)
    riec = OrganisatieFactory(naam="RIEC Noord-Nederland", soort=Organisatie.Soort.RIEC, regio=fryslan)
    procesregisseur = gebruiker_met_rol(
        zvh, Rol.KETENPARTNER, username="procesregisseur", first_name="Petra", last_name="Postma"
    )
    tafel = Tafel.objects.create(
        naam="Drieluik Fryslân", soort=Tafel.Soort.DRIELUIK, regio=fryslan, voorzitter=procesregisseur
    )
    tafel.leden.set([politie, fier, zvh])
    return Drieluik(
        tafel=tafel,
        leeuwarden=leeuwarden,
        harlingen=harlingen,
        politie=politie,
        fier=fier,
        zvh=zvh,
        riec=riec,
        af_leeuwarden=af(leeuwarden, username="af.leeuwarden", first_name="Lieke", last_name="de Jong"),
        af_harlingen=af(harlingen, username="af.harlingen", first_name="Hessel", last_name="Hoekstra"),
        agent=gebruiker_met_rol(politie, Rol.KETENPARTNER, username="tmm", first_name="Tom", last_name="Meijer"),
        zorgcoordinator=gebruiker_met_rol(
            fier, Rol.KETENPARTNER, username="fier", first_name="Femke", last_name="Fokkema"
        ),
        procesregisseur=procesregisseur,
        riec_medewerker=gebruiker_met_rol(riec, Rol.KETENPARTNER, username="riec.nn"),
        af_hoorn=af_hoorn,
        melder_leeuwarden=medewerker(leeuwarden, username="balie.leeuwarden"),
        melder_harlingen=medewerker(harlingen, username="balie.harlingen"),
    )


def over(dagen: int) -> datetime.date:
    return VANDAAG() + datetime.timedelta(days=dagen)
