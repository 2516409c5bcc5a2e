"""The demo's tafel meetings: the Drieluik Fryslân met today, and planned its next meeting.

Pure data, as plan.py: opbouw.py runs it through tafels.services as the AF of Leeuwarden, at the end
of the regio's history. Those services plan no meeting in the past and record no decision before
the meeting's day, and the history ends today: so the meeting held is today's, and the next one is
two weeks later (the Drieluik meets every other week; bron 004, bijlage 5). Its agenda holds the
hand-written signals of scenarios.DRIELUIK, "lopende signalen" and "nieuwe signalen" as there.
"""

import datetime
from dataclasses import dataclass

from mensenhandel.demo import scenarios
from tafels.models import Agendapunt

Soort, Besluit = Agendapunt.Soort, Agendapunt.Besluit


@dataclass(frozen=True)
class DemoActie:
    """Something to do after the meeting, due on the day of the next one."""

    eigenaar: str  # username
    omschrijving: str


@dataclass(frozen=True)
class DemoPunt:
    signaal: str  # the hand-written signal's sleutel (scenarios.py)
    soort: str  # Agendapunt.Soort: nieuw or lopend
    besluit: str = ""  # empty: not reached, so it goes on to the next meeting
    conclusie: str = ""
    actie: DemoActie | None = None


@dataclass(frozen=True)
class DemoBijeenkomst:
    tafel: str  # the DemoTafel's naam (regios.py)
    door: str  # the AF who plans it, fills the agenda, records the decisions and closes it
    aanvang: datetime.time
    plaats: str
    agenda: tuple[DemoPunt, ...]
    # The next meeting, this many days later, is planned when this one is closed. A signal the
    # tafel keeps open ("lopend houden") comes back at that meeting.
    volgende_na: int = 14


DRIELUIK_FRYSLAN = DemoBijeenkomst(
    tafel="Drieluik Fryslân",
    door="af.leeuwarden.1",
    aanvang=datetime.time(10, 0),
    plaats="Zorg- en Veiligheidshuis Fryslân, Leeuwarden",
    agenda=(
        DemoPunt(
            scenarios.WASSTRAAT,
            Soort.LOPEND,
            Besluit.DOORZETTEN_RIEC,
            "TMM kent de eigenaar van de wasstraat van een eerdere controle bij een andere vestiging. Met de "
            "ingehouden paspoorten en het wonen op de werkplek is er een redelijk vermoeden van arbeidsuitbuiting: "
            "door naar het RIEC voor een integrale weging.",
            DemoActie(
                "politie.tmm",
                "De bevindingen van TMM over de eigenaar van de wasstraat aanleveren voor de RIEC-weging",
            ),
        ),
        DemoPunt(
            scenarios.STATION,
            Soort.NIEUW,
            Besluit.BESPROKEN,
            "Besproken. TMM neemt de man die de jongens ophaalt mee in een lopend onderzoek naar drugsrunners; de AF "
            "bespreekt de zorgen om de jongens met Veilig Thuis.",
        ),
        DemoPunt(
            scenarios.STIENS,
            Soort.NIEUW,
            Besluit.LOPEND_HOUDEN,
            "Nog geen redelijk vermoeden: de vrouw wil nu niet praten. De zorgcoördinator van Fier zoekt via het "
            "wijkteam contact met haar; terug op de agenda van de volgende bijeenkomst.",
        ),
        DemoPunt(scenarios.GROU, Soort.NIEUW),  # not reached today
    ),
)

PER_REGIO: dict[str, tuple[DemoBijeenkomst, ...]] = {"Fryslân": (DRIELUIK_FRYSLAN,)}
