"""The route of one signal, planned: each action on it with the moment it happens.

Lead times are in werkdagen (mensenhandel/werkdagen.py); people work in office hours on
werkdagen, acute signals excepted. Pure Python: nothing here touches the database.
"""

import datetime
import random
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ketenpartners.models import Organisatie
from mensenhandel.demo import teksten
from mensenhandel.demo.regios import DemoRegio
from mensenhandel.demo.teksten import CRIMI, SEKS
from mensenhandel.werkdagen import ZONE, is_werkdag, lokale_datum, werkdagen_na
from signalen.workflow import Afloop, Status

KANTOOR = (8 * 60 + 30, 17 * 60)  # minutes after local midnight
Soort = Organisatie.Soort


class Handeling(StrEnum):
    INDIENEN = "indienen"
    IN_BEHANDELING_NEMEN = "in_behandeling_nemen"
    VERRIJKEN = "verrijken"
    VERRIJKING_TOEVOEGEN = "verrijking_toevoegen"
    LOKALE_TAFEL = "lokale_tafel_bespreken"
    RIEC = "riec_inschakelen"
    INFORMATIEPLEIN = "informatieplein_inbrengen"
    TERUGKOPPELEN = "terugkoppelen"
    GEEN_MENSENHANDEL = "geen_mensenhandel"
    AFSLUITEN = "afsluiten"
    HEROPENEN = "heropenen"
    HERBEOORDELING = "herbeoordeling_plannen"
    DELEN = "delen"
    INTREKKEN = "intrekken"
    VERLOPEN = "delingen_verlopen_verwerken"  # the periodic job, just after midnight
    GEOPEND = "deling_geopend"  # the partner opens the shared signal
    TERUGMELDING = "terugmelding_toevoegen"
    GEZIEN = "terugmeldingen_gezien"  # the AF reads the terugmelding


@dataclass(frozen=True)
class Actie:
    moment: datetime.datetime
    handeling: Handeling
    gegevens: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Melding:
    """What the melder submits."""

    gemeente: str
    melder: str
    team: str
    vormen: tuple[str, ...]
    acuut: bool
    waargenomen_op: datetime.date
    omschrijving: str
    indicatoren: tuple[str, ...] = ()
    betrokkenen: tuple[dict[str, Any], ...] = ()
    locaties: tuple[dict[str, str], ...] = ()


# --- moments -------------------------------------------------------------------------------


def moment_op(dag: datetime.date, minuut: int) -> datetime.datetime:
    lokaal = datetime.datetime.combine(dag, datetime.time(minuut // 60, minuut % 60), tzinfo=ZONE)
    return lokaal.astimezone(datetime.UTC)


def op_kantoortijd(dag: datetime.date, rng: random.Random) -> datetime.datetime:
    return moment_op(dag, rng.randint(*KANTOOR))


def na(moment: datetime.datetime, werkdagen: int, rng: random.Random) -> datetime.datetime:
    """A moment in office hours ``werkdagen`` werkdagen after ``moment``; with 0 later that same
    werkdag while the office is open, else the next werkdag. Always after ``moment``."""
    lokaal = moment.astimezone(ZONE)
    dag = lokaal.date()
    if werkdagen <= 0 and is_werkdag(dag):
        vroegst = max(lokaal.hour * 60 + lokaal.minute + 10, KANTOOR[0])
        if vroegst <= KANTOOR[1]:
            return moment_op(dag, rng.randint(vroegst, min(vroegst + 180, KANTOOR[1] + 30)))
    return op_kantoortijd(werkdagen_na(dag, max(1, werkdagen)), rng)


def werkdag_op_of_na(dag: datetime.date) -> datetime.date:
    while not is_werkdag(dag):
        dag += datetime.timedelta(days=1)
    return dag


def acuut_moment(dag: datetime.date, rng: random.Random) -> datetime.datetime:
    """Acute signals come in at any hour: mostly by day, some in the evening or at night."""
    if rng.random() < 0.6:
        return moment_op(dag, rng.randint(8 * 60, 18 * 60))
    return moment_op(dag, rng.choice((rng.randint(18 * 60, 23 * 60 + 59), rng.randint(0, 7 * 60))))


# --- the route of one signal ---------------------------------------------------------------


@dataclass(frozen=True)
class Verloop:
    """The route a signal is meant to take; time decides how far it has come."""

    uitgang: Status | None  # where "geen mensenhandel" is concluded (verrijkt, lokale tafel, RIEC)
    afloop: str
    doel: Status | None = None  # a scenario stops in this step
    heropend: bool = False  # closed, reopened, and on again
    uitgang_na_heropenen: Status | None = None
    monitoren: int = 0  # a scenario's herbeoordeling, this many days after today
    doorverwijzing: str | None = None


class _Klaar(Exception):
    """The scenario's route has reached its step."""


class Route:
    """Plans the actions on one signal from its intake: one step after the other, with shares
    with partners at the tables and the RIEC. ``schaal`` shortens every lead time (scenarios
    that must reach their step before today)."""

    def __init__(
        self,
        rng: random.Random,
        regio: DemoRegio,
        melding: Melding,
        verloop: Verloop,
        ingediend: datetime.datetime,
        schaal: float = 1.0,
        vandaag: datetime.date | None = None,
    ) -> None:
        self.rng, self.regio, self.melding, self.verloop, self.schaal = rng, regio, melding, verloop, schaal
        self.vandaag = vandaag or lokale_datum(ingediend)
        self.vorm = melding.vormen[0]
        self.t = ingediend
        self.status = Status.OPGEPIKT
        self.acties = [Actie(ingediend, Handeling.INDIENEN)]
        self.heropenen_nog = verloop.heropend
        self.deelmomenten: list[tuple[datetime.datetime, Status]] = []
        self.sluitingen: list[datetime.datetime] = []
        self.laatste_stap = ingediend  # the moment of the last step of the route itself

    def plannen(self) -> list[Actie]:
        try:
            self._ontvangen()
            uitgang = self.verloop.uitgang
            while True:
                self._behandelen(uitgang)
                if not self.heropenen_nog:
                    break
                self.heropenen_nog = False
                uitgang = self.verloop.uitgang_na_heropenen
                reden = self.rng.choice(teksten.HEROPENINGEN)
                self._stap(self._na(self._werkdagen(15, 25, 90)), Handeling.HEROPENEN, Status.ONTVANGEN, reden=reden)
        except _Klaar:
            if self.verloop.monitoren:
                self.t = na(self.t, 0, self.rng)
                self._herbeoordeling(self.t, self.vandaag + datetime.timedelta(days=self.verloop.monitoren))
        self.laatste_stap = self.t
        self._delen()
        return sorted(self.acties, key=lambda a: a.moment)

    # Lead times: at least ``laag`` werkdagen, on average ``extra`` more, at most ``hoog``.
    def _werkdagen(self, laag: int, extra: float, hoog: int) -> int:
        return round(min(hoog, laag + int(self.rng.expovariate(1 / extra))) * self.schaal)

    def _na(self, werkdagen: int) -> datetime.datetime:
        return na(self.t, werkdagen, self.rng)

    def _stap(self, moment: datetime.datetime, handeling: Handeling, status: Status, **gegevens: Any) -> None:
        self.acties.append(Actie(moment, handeling, gegevens))
        self.t = moment
        self.status = status
        if status in (Status.LOKALE_TAFEL, Status.RIEC) and handeling != Handeling.GEEN_MENSENHANDEL:
            self.deelmomenten.append((moment, status))
        if status == Status.AFGESLOTEN:
            self.sluitingen.append(moment)
        if not self.heropenen_nog and self.verloop.doel == status:
            raise _Klaar

    def _herbeoordeling(self, moment: datetime.datetime, datum: datetime.date) -> None:
        toelichting = self.rng.choice(teksten.HERBEOORDELINGEN)
        self.acties.append(Actie(moment, Handeling.HERBEOORDELING, {"datum": datum, "toelichting": toelichting}))

    def _wachten_op_herbeoordeling(self, volgende: datetime.datetime, kans: float) -> datetime.datetime:
        """A lopend signaal: a herbeoordeling is planned, and the next step waits for that date."""
        if self.rng.random() >= kans or self.schaal < 1:
            return volgende
        gepland = self._na(self._werkdagen(0, 1, 2))
        datum = lokale_datum(gepland) + datetime.timedelta(days=self.rng.randint(20, 45))
        self._herbeoordeling(gepland, datum)
        return max(volgende, na(moment_op(werkdag_op_of_na(datum), KANTOOR[0] - 30), 0, self.rng))

    def _ontvangen(self) -> None:
        if self.melding.acuut:
            moment = self.t + datetime.timedelta(minutes=self.rng.randint(15, 240))
        else:
            late = self.rng.random() < 0.1
            werkdagen = self.rng.randint(4, 10) if late else self.rng.choices((0, 1, 2, 3), (35, 35, 12, 8))[0]
            moment = self._na(round(werkdagen * self.schaal))
        self._stap(moment, Handeling.IN_BEHANDELING_NEMEN, Status.ONTVANGEN)

    def _behandelen(self, uitgang: Status | None) -> None:
        """From ontvangen to afgesloten, or as far as the scenario goes."""
        if self.melding.acuut:
            werkdagen = self._werkdagen(1, 1.5, 5)
        elif self.rng.random() < 0.06:
            werkdagen = self._werkdagen(16, 5, 30)
        else:
            werkdagen = self._werkdagen(3, 2, 15)
        bron, bevindingen = self.rng.choice(teksten.VERRIJKINGEN[self.vorm])
        self._stap(self._na(werkdagen), Handeling.VERRIJKEN, Status.VERRIJKT, bron=bron, bevindingen=bevindingen)
        if uitgang == Status.VERRIJKT:
            volgende = self._wachten_op_herbeoordeling(self._na(self._werkdagen(1, 2, 10)), 0.15)
            self._extra_verrijking(volgende)
            self._geen_mensenhandel(volgende)
        else:
            self._lokale_tafel()
            if uitgang == Status.LOKALE_TAFEL:
                self._geen_mensenhandel(self._na(self._werkdagen(0, 0.7, 2)))
            else:
                self._riec(uitgang)
        self._afsluiten()

    def _extra_verrijking(self, volgende: datetime.datetime) -> None:
        if self.rng.random() < 0.2:
            moment = self._na(self._werkdagen(1, 1, 4))
            if moment < volgende:
                bron, bevindingen = self.rng.choice(teksten.EXTRA_VERRIJKINGEN)
                gegevens = {"bron": bron, "bevindingen": bevindingen}
                self.acties.append(Actie(moment, Handeling.VERRIJKING_TOEVOEGEN, gegevens))

    def _lokale_tafel(self) -> None:
        """Discussed at the table's next meeting; the AF registers it that afternoon or the day after."""
        # The AF needs a few werkdagen to put it on the agenda; then it waits for the next meeting.
        if self.rng.random() < 0.04:
            vroegst = self._na(self._werkdagen(26, 5, 40))
        elif self.regio.tafel_tweewekelijks:
            vroegst = self._na(self._werkdagen(2, 1.5, 20))
        else:
            vroegst = self._na(self._werkdagen(4, 1.5, 24))
        self._extra_verrijking(vroegst)
        dag = lokale_datum(vroegst)
        if self.schaal >= 1:
            while dag.weekday() != self.regio.tafeldag or (
                self.regio.tafel_tweewekelijks and dag.isocalendar().week % 2
            ):
                dag += datetime.timedelta(days=1)
            dag = werkdag_op_of_na(dag)
        moment = max(vroegst, moment_op(dag, self.rng.randint(13 * 60, 17 * 60)))
        if self.rng.random() < 0.3:
            moment = na(moment, 1, self.rng)
        soort = "pct" if self.vorm == SEKS and self.regio.partner(Soort.PCT) else "ondermijningstafel"
        if self.regio.tafel_tweewekelijks or (self.vorm == CRIMI and self.rng.random() < 0.5):
            soort = "politie"  # Fryslân's Drieluik, and elsewhere the police when there is no table
        besluit = self.rng.choice(teksten.BESLUITEN)
        self._stap(moment, Handeling.LOKALE_TAFEL, Status.LOKALE_TAFEL, soort=soort, besproken_op=dag, besluit=besluit)

    def _riec(self, uitgang: Status | None) -> None:
        werkdagen = self._werkdagen(31, 5, 45) if self.rng.random() < 0.03 else self._werkdagen(5, 2, 30)
        moment = self._na(werkdagen)
        datum = lokale_datum(moment)
        vermoeden = self.rng.choice(teksten.VERMOEDENS)
        self._stap(moment, Handeling.RIEC, Status.RIEC, vermoeden=vermoeden, contact=self.regio.riec, datum=datum)
        if uitgang == Status.RIEC:
            self._geen_mensenhandel(self._wachten_op_herbeoordeling(self._na(self._werkdagen(3, 4, 20)), 0.25))
            return
        moment = self._na(self._werkdagen(5, 1.5, 20))
        resultaat = self.rng.choice(teksten.RESULTATEN)
        gegevens = {"ingebracht_op": lokale_datum(moment), "resultaat": resultaat}
        self._stap(moment, Handeling.INFORMATIEPLEIN, Status.INFORMATIEPLEIN, **gegevens)
        # Some wait long for the police or the RIEC: a lopend signaal with a date to look again.
        volgende = self._na(self._werkdagen(0, 1, 3))
        if self.rng.random() < 0.04 and self.schaal >= 1:
            volgende = self._wachten_op_herbeoordeling(self._na(self._werkdagen(40, 30, 120)), 1)
        tekst = self.rng.choice(teksten.TERUGKOPPELINGEN)
        gegeven = lokale_datum(volgende)
        self._stap(volgende, Handeling.TERUGKOPPELEN, Status.TERUGKOPPELING, tekst=tekst, gegeven_op=gegeven)

    def _geen_mensenhandel(self, moment: datetime.datetime) -> None:
        onderbouwing, tekst, doorverwijzing = self.rng.choice(teksten.GEEN_MENSENHANDEL)
        if self.verloop.doorverwijzing is not None:
            doorverwijzing = self.verloop.doorverwijzing
        gegevens = {
            "onderbouwing": onderbouwing,
            "tekst": tekst,
            "gegeven_op": lokale_datum(moment),
            "doorverwijzing": doorverwijzing,
        }
        self._stap(moment, Handeling.GEEN_MENSENHANDEL, Status.TERUGKOPPELING, **gegevens)

    def _afsluiten(self) -> None:
        # Most are closed soon after the feedback; some stay open until someone notices.
        laat = self.rng.random() < 0.06
        werkdagen = self._werkdagen(20, 15, 80) if laat else self._werkdagen(0, 2.5, 15)
        afloop = self.verloop.afloop
        toelichting = teksten.AFSLUITINGEN[Afloop(afloop)]
        self._stap(self._na(werkdagen), Handeling.AFSLUITEN, Status.AFGESLOTEN, afloop=afloop, toelichting=toelichting)

    # --- sharing ---

    def _delen(self) -> None:
        gedeeld: set[str] = set()
        for moment, stap in self.deelmomenten:
            einde = next((s for s in sorted(self.sluitingen) if s > moment), None)
            for soort in self._partners(stap):
                organisatie = self.regio.partner(soort)
                if organisatie and organisatie not in gedeeld:
                    gedeeld.add(organisatie)
                    self._deling(moment, soort, organisatie, einde)

    def _partners(self, stap: Status) -> list[str]:
        rng, soorten = self.rng, list[str]()
        if stap == Status.LOKALE_TAFEL and rng.random() < 0.2:
            pct = self.vorm == SEKS and self.regio.partner(Soort.PCT) and rng.random() < 0.5
            soorten.append(Soort.PCT if pct else Soort.POLITIE)
        if stap == Status.RIEC:
            if rng.random() < 0.5:
                soorten.append(Soort.RIEC)
            if rng.random() < 0.1:
                soorten.append(Soort.POLITIE)
            if self.vorm in (SEKS, CRIMI) and rng.random() < 0.25:
                soorten.append(Soort.ZORGCOORDINATIE if self.regio.partner(Soort.ZORGCOORDINATIE) else Soort.ZVH)
            elif rng.random() < 0.08:
                soorten.append(Soort.ZVH)
            if self.vorm == CRIMI and rng.random() < 0.15:
                soorten.append(Soort.VEILIG_THUIS)
        return soorten

    def _deling(self, stap: datetime.datetime, soort: str, organisatie: str, einde: datetime.datetime | None) -> None:
        rng = self.rng
        gedeeld = na(stap, self._werkdagen(0, 0.7, 3), rng)
        if einde is not None and gedeeld >= einde:
            return
        einddatum = lokale_datum(gedeeld) + datetime.timedelta(days=rng.choice((30, 60, 90, 90, 90)))
        sleutel = sum(a.handeling == Handeling.DELEN for a in self.acties)
        gegevens = {
            "sleutel": sleutel,
            "organisatie": organisatie,
            "grondslag": teksten.GRONDSLAGEN[soort],
            "reden": teksten.DEELREDENEN[soort],
            "einddatum": einddatum,
            "met_betrokkenen": soort != Soort.RIEC and rng.random() < 0.6,
        }
        self.acties.append(Actie(gedeeld, Handeling.DELEN, gegevens))
        # The share is in force until it is revoked, the signal is closed, or its end date passes.
        if rng.random() < 0.1:
            ingetrokken = na(gedeeld, self._werkdagen(3, 6, 20), rng)
            if (einde is None or ingetrokken < einde) and lokale_datum(ingetrokken) <= einddatum:
                self.acties.append(Actie(ingetrokken, Handeling.INTREKKEN, {"sleutel": sleutel}))
                einde = ingetrokken
        verlopen = moment_op(einddatum + datetime.timedelta(days=1), rng.randint(5, 14))
        if einde is None or verlopen < einde:
            self.acties.append(Actie(verlopen, Handeling.VERLOPEN))
            einde = verlopen
        partner = self.regio.partnergebruiker(organisatie)
        if partner is None:
            return
        geopend = na(gedeeld, self._werkdagen(0, 0.7, 2), rng)
        if geopend >= einde:
            return
        self.acties.append(Actie(geopend, Handeling.GEOPEND, {"partner": partner}))
        if rng.random() < 0.6:
            teruggemeld = na(geopend, self._werkdagen(5, 6, 25), rng)
            if teruggemeld < einde:
                tekst, afloop = rng.choice(teksten.TERUGMELDINGEN.get(soort, teksten.TERUGMELDINGEN[Soort.POLITIE]))
                gegevens = {"partner": partner, "tekst": tekst, "voorgestelde_afloop": afloop}
                self.acties.append(Actie(teruggemeld, Handeling.TERUGMELDING, gegevens))
                if rng.random() < 0.9:
                    self.acties.append(Actie(na(teruggemeld, rng.randint(0, 3), rng), Handeling.GEZIEN))
