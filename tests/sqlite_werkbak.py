"""Part of tests/sqlite_snelstart.py, run by tests/test_sqlite.py on the SQLite of the quick
start: the werkbak's sortings and search, and the dashboard's figures (percentiles included)."""

import datetime
from typing import Any

import time_machine

from evaluatie.dashboard import opbouwen
from evaluatie.selectors import Periode
from meldroute import selectors, services
from mensenhandel.werkdagen import ZONE, werkdagen_na
from signalen.workflow import Status
from tests.factories import OrganisatieFactory, af, medewerker, naar_status, signaal_melden


def werkbak() -> dict[str, Any]:
    hoorn = OrganisatieFactory(naam="Hoorn")
    anna = af(hoorn, username="anna")
    melder = medewerker(hoorn, username="melder")
    maandag = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=ZONE)
    plan = [("opgepikt_oud", Status.OPGEPIKT), ("verrijkt", Status.VERRIJKT), ("ontvangen", Status.ONTVANGEN)]
    plan += [("afgesloten", Status.AFGESLOTEN), ("informatieplein", Status.INFORMATIEPLEIN)]
    plan += [("opgepikt_nieuw", Status.OPGEPIKT)]
    namen = {}
    for dag, (naam, status) in enumerate(plan):
        with time_machine.travel(maandag + datetime.timedelta(days=dag), tick=False):
            betrokkenen = [{"rol": "slachtoffer", "naam": "Jan Jansen"}] if naam == "verrijkt" else []
            signaal = naar_status(signaal_melden(melder=melder, betrokkenen=betrokkenen), status, door=anna)
            namen[signaal.pk] = naam
    with time_machine.travel(maandag + datetime.timedelta(days=8), tick=False):
        ids = {v: k for k, v in namen.items()}
        services.herbeoordeling_plannen(signaal_id=ids["informatieplein"], door=anna, datum=datetime.date(2027, 3, 1))
        services.herbeoordeling_plannen(signaal_id=ids["verrijkt"], door=anna, datum=datetime.date(2027, 2, 20))

    uitkomst = {}
    for sortering in ("stap", "herbeoordelen_op", "termijn"):
        lijst = selectors.werkbak(anna, filters={"sortering": sortering, "ook_afgesloten": True})
        uitkomst[sortering] = [namen[s.pk] for s in lijst]
    uitkomst["per_stap"] = selectors.werkbak_per_stap(anna, filters={})
    uitkomst["zoeken"] = [namen[s.pk] for s in selectors.werkbak_zoeken(anna, "Jansen, Jan")]

    # Medemblik: five signals taken after 0, 1, 2, 3 and 8 werkdagen, for the percentiles.
    medemblik = OrganisatieFactory(naam="Medemblik")
    bart = af(medemblik, username="bart")
    melder_medemblik = medewerker(medemblik, username="melder.medemblik")
    for dagen in (0, 1, 2, 3, 8):
        with time_machine.travel(maandag, tick=False):
            signaal = signaal_melden(melder=melder_medemblik)
        genomen = datetime.datetime.combine(werkdagen_na(maandag.date(), dagen), datetime.time(11), tzinfo=ZONE)
        with time_machine.travel(genomen, tick=False):
            services.in_behandeling_nemen(signaal_id=signaal.pk, door=bart, behandelaar=bart)
    periode = Periode(van=datetime.date(2027, 1, 1), tot=datetime.date(2027, 10, 31))
    dashboard = opbouwen([medemblik], periode)
    uitkomst["kerncijfers"] = dashboard.kerncijfers
    figuur = dashboard.figuur("doorlooptijden")
    assert figuur is not None
    uitkomst["doorlooptijden"] = figuur.tabel.rijen
    return uitkomst
