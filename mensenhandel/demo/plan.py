"""Planning the demo history of a regio: which signals, trainings and basisniveaus, and when.

Pure Python: a seeded generator and the moment "now" go in; out come, per signal, the intake and
the actions after it, each with its moment (mensenhandel/demo/route.py). Nothing here touches the
database: opbouw.py runs the actions through the services with the clock set to their moments,
and leaves what lies after now (what is still to come for the open signals).
"""

import datetime
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ketenpartners.models import Organisatie, Rol
from mensenhandel.demo import scenarios, teksten
from mensenhandel.demo.regios import DemoGemeente, DemoRegio, slug
from mensenhandel.demo.route import (
    Actie,
    Handeling,
    Melding,
    Route,
    Verloop,
    acuut_moment,
    moment_op,
    na,
    op_kantoortijd,
    werkdag_op_of_na,
)
from mensenhandel.demo.teksten import ARBEID, CRIMI, ONB, SEKS
from mensenhandel.werkdagen import ZONE, is_werkdag, lokale_datum, werkdagen_na
from signalen.workflow import Afloop, Status

# Fixed, so every run on the same day plans the same history.
SEED = 20260101
JAAR = 365
# Accounts exist since the meldroute started, when gemeenten had to have one (2022).
IN_DIENST_SINDS = datetime.datetime(2022, 1, 3, 9, 0, tzinfo=ZONE)
Soort = Organisatie.Soort


@dataclass(frozen=True)
class SignaalPlan:
    melding: Melding
    af: str  # the AF who takes it and works it through
    acties: list[Actie]  # in time order; the first is the intake
    sleutel: str = ""  # a hand-written signal's name (scenarios.py)

    @property
    def ingediend(self) -> datetime.datetime:
        return self.acties[0].moment


@dataclass(frozen=True)
class TrainingPlan:
    moment: datetime.datetime  # when it was registered
    door: str
    gemeente: str
    datum: datetime.date
    teams: tuple[str, ...]
    deelnemers: int
    aanbieder: str
    onderwerp: str


@dataclass(frozen=True)
class BasisniveauPlan:
    moment: datetime.datetime
    door: str
    gemeente: str
    beleid_vastgesteld_op: datetime.date
    zorg_en_opvang_geregeld: bool
    toelichting: str


@dataclass(frozen=True)
class RegioPlan:
    signalen: list[SignaalPlan]
    trainingen: list[TrainingPlan]
    basisniveaus: list[BasisniveauPlan]
    gelezen: list[tuple[datetime.datetime, str]]  # melders reading their feedback


def _gewogen(rng: random.Random, gewichten: dict[str, float]) -> str:
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


# --- what is reported ----------------------------------------------------------------------

# How often each vorm is reported; arbeidsuitbuiting more in the season (April to September).
VORMEN = {SEKS: 0.28, ARBEID: 0.34, CRIMI: 0.22, ONB: 0.16}
# Outcomes of a signal that went the whole route, per vorm.
AFLOPEN: dict[str, dict[str, float]] = {
    SEKS: {Afloop.ZORGTRAJECT: 4, Afloop.STRAFRECHTELIJK: 3, Afloop.BESTUURLIJK: 1, Afloop.PROCESREGIE_ZVH: 1.5},
    ARBEID: {Afloop.BESTUURLIJK: 4, Afloop.STRAFRECHTELIJK: 2, Afloop.ZORGTRAJECT: 2, Afloop.PROCESREGIE_ZVH: 0.5},
    CRIMI: {Afloop.ZORGTRAJECT: 3, Afloop.PROCESREGIE_ZVH: 3, Afloop.STRAFRECHTELIJK: 2, Afloop.BESTUURLIJK: 1},
    ONB: {Afloop.BESTUURLIJK: 2, Afloop.ZORGTRAJECT: 2, Afloop.PROCESREGIE_ZVH: 1},
}


def _melding(
    rng: random.Random, regio: DemoRegio, gemeente: DemoGemeente, ingediend: datetime.datetime, acuut: bool
) -> Melding:
    maand = lokale_datum(ingediend).month
    vorm = _gewogen(rng, {v: g * (1.4 if v == ARBEID and 4 <= maand <= 9 else 1) for v, g in VORMEN.items()})
    vormen: tuple[str, ...] = (vorm,)
    if vorm != ONB and rng.random() < 0.07:
        vormen += (rng.choice([v for v in (SEKS, ARBEID, CRIMI) if v != vorm]),)
    sjabloon = teksten.ACUUT[vorm] if acuut else rng.choice(teksten.OMSCHRIJVINGEN[vorm])
    team = sjabloon.teams[0] if rng.random() < 0.55 else rng.choice(sjabloon.teams)
    if rng.random() < 0.03:
        team = teksten.ANDERS
    plaats = rng.choice(gemeente.plaatsen)
    adres = f"{rng.choice(teksten.STRATEN)} {rng.randint(1, 140)}, {plaats}"
    betrokkenen: list[dict[str, Any]] = []
    if sjabloon.slachtoffer:
        naam, nationaliteit = rng.choice(teksten.SLACHTOFFERS)
        # The age the text names; otherwise an adult's, and often the melder does not know it.
        leeftijd = sjabloon.leeftijd or rng.randint(19, 48)
        geboren: datetime.date | None = lokale_datum(ingediend) - datetime.timedelta(
            days=leeftijd * 365 + rng.randint(10, 350)
        )
        if sjabloon.leeftijd is None and rng.random() < 0.35:
            geboren = None
        slachtoffer = {"rol": teksten.SLACHTOFFER, "naam": naam, "nationaliteit": nationaliteit, "adres": ""}
        betrokkenen.append(slachtoffer | {"geboortedatum": geboren})
    if sjabloon.dader:
        naam, nationaliteit = rng.choice(teksten.DADERS)
        betrokkenen.append({"rol": teksten.DADER, "naam": naam, "nationaliteit": nationaliteit, "adres": ""})
    locaties: tuple[dict[str, str], ...] = ()
    if sjabloon.locatie:
        locaties = ({"adres": adres, "bedrijfsnaam": "", "kvk_nummer": "", "omschrijving": sjabloon.locatie},)
    dag = lokale_datum(ingediend)
    if not acuut:
        dag -= datetime.timedelta(days=rng.choices((0, 1, rng.randint(2, 7), rng.randint(8, 30)), (50, 20, 20, 10))[0])
    return Melding(
        gemeente=gemeente.naam,
        melder=regio.melder(gemeente.naam, team),
        team=team,
        vormen=vormen,
        acuut=acuut,
        waargenomen_op=dag,
        omschrijving=sjabloon.tekst.format(plaats=plaats, adres=adres, aantal=rng.randint(7, 16)),
        indicatoren=sjabloon.indicatoren,
        betrokkenen=tuple(betrokkenen),
        locaties=locaties,
    )


# --- a whole regio -------------------------------------------------------------------------

# Reports per calendar month, relative: fewer in the summer holidays and around Christmas.
SEIZOEN = {1: 1.0, 2: 1.0, 3: 1.1, 4: 1.1, 5: 1.1, 6: 1.05, 7: 0.8, 8: 0.8, 9: 1.1, 10: 1.15, 11: 1.05, 12: 0.75}


def _per_gemeente(regio: DemoRegio, totaal: int, rng: random.Random) -> list[DemoGemeente]:
    """One gemeente per signal, by population (the centrumgemeente somewhat more), at least three each."""
    gewicht = {g.naam: g.inwonertal * (1.3 if g.naam == regio.centrumgemeente else 1) for g in regio.gemeenten}
    som = sum(gewicht.values())
    quota = {naam: totaal * w / som for naam, w in gewicht.items()}
    aantal = {naam: max(3, math.floor(q)) for naam, q in quota.items()}
    volgorde = sorted(quota, key=lambda naam: quota[naam] - math.floor(quota[naam]), reverse=True)
    i = 0
    while sum(aantal.values()) != totaal:
        naam = volgorde[i % len(volgorde)]
        if sum(aantal.values()) < totaal:
            aantal[naam] += 1
        elif aantal[naam] > 3:
            aantal[naam] -= 1
        i += 1
    lijst = [regio.gemeente(naam) for naam, n in aantal.items() for _ in range(n)]
    rng.shuffle(lijst)
    return lijst


def _dagen(nu: datetime.datetime, jaar: int, aantal: int, rng: random.Random) -> list[datetime.date]:
    """``aantal`` days in the ``jaar``-th year back (0: the last 365 days), spread by season and
    mostly on werkdagen: stratified over the weighted days, so the count is exact."""
    vandaag = lokale_datum(nu)
    dagen = [vandaag - datetime.timedelta(days=d) for d in range(jaar * JAAR, (jaar + 1) * JAAR)]
    gewichten = [SEIZOEN[d.month] * (1 if is_werkdag(d) else 0.05) for d in dagen]
    cumulatief, som = [], 0.0
    for gewicht in gewichten:
        som += gewicht
        cumulatief.append(som)
    gekozen = []
    for i in range(aantal):
        doel = (i + rng.random()) / aantal * som
        gekozen.append(dagen[next(j for j, c in enumerate(cumulatief) if c >= doel)])
    return gekozen


def _verloop(rng: random.Random, vorm: str, acuut: bool) -> Verloop:
    if rng.random() < (0.25 if acuut else 0.38):
        uitgang = rng.choices((Status.VERRIJKT, Status.LOKALE_TAFEL, Status.RIEC), (55, 28, 17))[0]
        afloop: str = Afloop.TERUGLEGGING if rng.random() < 0.88 else Afloop.ZORGTRAJECT
        heropend = rng.random() < 0.03
        return Verloop(uitgang, afloop, heropend=heropend, uitgang_na_heropenen=rng.choice((Status.VERRIJKT, None)))
    afloop = Afloop.TERUGLEGGING if rng.random() < 0.06 else _gewogen(rng, AFLOPEN[vorm])
    return Verloop(None, afloop)


def _gegenereerd(regio: DemoRegio, nu: datetime.datetime, aantal_per_jaar: Sequence[int]) -> list[SignaalPlan]:
    rng = random.Random(f"{SEED}:{regio.naam}")  # noqa: S311 - demo data, not security
    totaal = sum(aantal_per_jaar)
    gemeenten = _per_gemeente(regio, totaal, rng)
    dagen = [dag for jaar, n in enumerate(aantal_per_jaar) for dag in _dagen(nu, jaar, n, rng)]
    plannen = []
    for i, (dag, gemeente) in enumerate(zip(dagen, gemeenten, strict=True)):
        srng = random.Random(f"{SEED}:{regio.naam}:{i}")  # noqa: S311 - demo data, not security
        acuut = srng.random() < 0.08
        ingediend = acuut_moment(dag, srng) if acuut else op_kantoortijd(dag, srng)
        if ingediend > nu - datetime.timedelta(minutes=10):
            ingediend = nu - datetime.timedelta(minutes=srng.randint(20, 300))
        melding = _melding(srng, regio, gemeente, ingediend, acuut)
        verloop = _verloop(srng, melding.vormen[0], acuut)
        af = f"af.{slug(gemeente.naam)}.{1 if srng.random() < 0.6 else 2}"
        acties = Route(srng, regio, melding, verloop, ingediend).plannen()
        plannen.append(SignaalPlan(melding, af, acties))
    return plannen


def _scenario(regio: DemoRegio, scenario: scenarios.Scenario, nu: datetime.datetime, nummer: int) -> SignaalPlan:
    """A hand-written signal, routed to its step; lead times shrink until it is there before now."""
    seed = f"{SEED}:{regio.naam}:scenario:{nummer}"
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    vandaag = lokale_datum(nu)
    waargenomen = vandaag - datetime.timedelta(days=scenario.dagen)
    if scenario.dagen == 0:
        ingediend = nu - datetime.timedelta(minutes=rng.randint(45, 150))
        waargenomen = lokale_datum(ingediend)
    elif scenario.acuut:
        ingediend = acuut_moment(waargenomen, rng)
    else:
        # Reported on the day it was seen or a werkdag or two later.
        dag = werkdag_op_of_na(werkdagen_na(waargenomen, rng.randint(0, 2) if scenario.dagen > 3 else 0))
        while dag > vandaag or not is_werkdag(dag):  # seen in the weekend: reported on the last werkdag
            dag -= datetime.timedelta(days=1)
        ingediend = op_kantoortijd(dag, rng)
    if ingediend > nu - datetime.timedelta(minutes=30):
        ingediend = nu - datetime.timedelta(minutes=rng.randint(30, 180))
    melding = Melding(
        gemeente=scenario.gemeente,
        melder=scenario.melder,
        team=scenario.team,
        vormen=scenario.vormen,
        acuut=scenario.acuut,
        waargenomen_op=min(waargenomen, lokale_datum(ingediend)),
        omschrijving=scenario.omschrijving,
        indicatoren=scenario.indicatoren,
        betrokkenen=scenario.betrokkenen,
        locaties=scenario.locaties,
    )
    uitgang = Status.VERRIJKT if scenario.geen_mensenhandel else None
    verloop = Verloop(
        uitgang=uitgang,
        afloop=scenario.afloop or Afloop.TERUGLEGGING,
        doel=scenario.stap,
        heropend=scenario.heropend,
        monitoren=scenario.monitoren,
        doorverwijzing=scenario.doorverwijzing if scenario.geen_mensenhandel else None,
    )
    af = f"af.{slug(scenario.gemeente)}.{1 + scenario.dagen % 2}"
    if scenario.stap == Status.OPGEPIKT:
        return SignaalPlan(melding, af, [Actie(ingediend, Handeling.INDIENEN)], scenario.sleutel)
    schaal = 1.0
    while True:
        route = Route(random.Random(seed), regio, melding, verloop, ingediend, schaal, vandaag)  # noqa: S311
        acties = route.plannen()
        # Shares may run on after today; the route itself must have reached its step.
        if route.laatste_stap <= nu - datetime.timedelta(minutes=15) or schaal == 0:
            return SignaalPlan(melding, af, acties, scenario.sleutel)
        schaal = 0 if schaal < 0.05 else schaal * 0.6


def _trainingen(regio: DemoRegio, nu: datetime.datetime) -> list[TrainingPlan]:
    rng = random.Random(f"{SEED}:{regio.naam}:trainingen")  # noqa: S311 - demo data, not security
    vandaag = lokale_datum(nu)
    coordinator = next(g.username for g in regio.gebruikers if g.rol == Rol.COORDINATOR)
    aanbieders = {"riec": 3, "comensha": 2, "fairwork": 1.5, "fier": 3 if regio.partner(Soort.ZORGCOORDINATIE) else 1}
    aanbieders["eigen"] = 2
    teams = [teksten.BALIE, teksten.BURGERZAKEN, teksten.HANDHAVING, teksten.BOA, teksten.WIJKTEAM]
    teams += [teksten.LEERPLICHT, teksten.KLANTMANAGER]
    gewichten = [math.sqrt(g.inwonertal) for g in regio.gemeenten]
    plannen = []
    for jaar, aantal in enumerate(regio.trainingen_per_jaar):
        for i in range(aantal):
            # Spread over the year (index 0 is the oldest), not in the summer holidays or in December:
            # moved 50 days on or back, whichever keeps it in its year.
            begin = (2 - jaar) * JAAR + 7
            dagen_terug = begin + int((i + rng.random()) / aantal * (JAAR - 60))
            dag = vandaag - datetime.timedelta(days=dagen_terug)
            if (7, 10) <= (dag.month, dag.day) <= (8, 25) or dag.month == 12:
                dagen_terug += -50 if dagen_terug - 50 >= begin else 50
            datum = werkdag_op_of_na(vandaag - datetime.timedelta(days=dagen_terug))
            gemeente = rng.choices(regio.gemeenten, gewichten)[0]
            door = coordinator if rng.random() < 0.2 else f"af.{slug(gemeente.naam)}.{rng.randint(1, 2)}"
            moment = min(na(moment_op(datum, 16 * 60), rng.randint(0, 5), rng), nu - datetime.timedelta(minutes=30))
            plannen.append(
                TrainingPlan(
                    moment=moment,
                    door=door,
                    gemeente=gemeente.naam,
                    datum=datum,
                    teams=tuple(rng.sample(teams, rng.randint(2, 4))),
                    deelnemers=rng.randint(10, 40),
                    aanbieder=_gewogen(rng, aanbieders),
                    onderwerp=rng.choice(teksten.TRAINING_ONDERWERPEN),
                )
            )
    return sorted(plannen, key=lambda t: t.moment)


def _basisniveaus(regio: DemoRegio, nu: datetime.datetime) -> list[BasisniveauPlan]:
    rng = random.Random(f"{SEED}:{regio.naam}:basisniveau")  # noqa: S311 - demo data, not security
    plannen = []
    for gemeente in regio.gemeenten:
        if gemeente.naam in regio.zonder_basisniveau:
            continue
        vastgesteld = werkdag_op_of_na(datetime.date(2022, 3, 1) + datetime.timedelta(days=rng.randint(0, 1000)))
        geregeld = rng.random() < 0.85
        toelichting = regio.zorg_en_opvang if geregeld else "Nog in overleg met de centrumgemeente."
        moment = min(na(op_kantoortijd(vastgesteld, rng), rng.randint(5, 30), rng), nu - datetime.timedelta(hours=1))
        door = f"af.{slug(gemeente.naam)}.1"
        plannen.append(BasisniveauPlan(moment, door, gemeente.naam, vastgesteld, geregeld, toelichting))
    return plannen


def regio_plannen(regio: DemoRegio, handgeschreven: Sequence[scenarios.Scenario], nu: datetime.datetime) -> RegioPlan:
    """The whole history of the regio up to ``nu``: signals (oldest first), trainings, basisniveau."""
    vaste = [_scenario(regio, s, nu, i) for i, s in enumerate(handgeschreven)]
    # The hand-written signals count towards the volume of the year they fall in.
    per_jaar = list(reversed(regio.signalen_per_jaar))  # index 0: the last 365 days
    for plan in vaste:
        per_jaar[min(2, (nu - plan.ingediend).days // JAAR)] -= 1
    signalen = sorted(vaste + _gegenereerd(regio, nu, per_jaar), key=lambda p: p.ingediend)
    rng = random.Random(f"{SEED}:{regio.naam}:gelezen")  # noqa: S311 - demo data, not security
    gelezen_op = op_kantoortijd(werkdag_op_of_na(lokale_datum(nu) - datetime.timedelta(days=14)), rng)
    gelezen = [(gelezen_op, melder) for melder in regio.demo_melders()]
    return RegioPlan(signalen, _trainingen(regio, nu), _basisniveaus(regio, nu), gelezen)
