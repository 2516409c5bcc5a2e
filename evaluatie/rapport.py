"""The evaluation report's content, from the same selectors as the dashboard (one source of figures).

The chapters follow the questions of the councils (bron 001 §5.2: het beleid, de uitvoering, de
aanpak van casuïstiek, de ketensamenwerking), then a part per gemeente, then Fryslân's three
tests (bron 004: doelmatigheid, doelbereiking, effectiviteit). Every count is suppressed as on the
dashboard; the sentences under each chapter never name a hidden number.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from evaluatie import basisniveau, dashboard, onderdrukking, selectors
from evaluatie.dashboard import Dashboard, werkdagen
from evaluatie.export import Tabel
from evaluatie.models import Rapport
from evaluatie.rapportinhoud import Figuur, Hoofdstuk, RapportInhoud, Vergelijking
from evaluatie.selectors import Periode
from ketenpartners.models import Organisatie
from signalen import termijnen
from signalen.workflow import Afloop

Voortgang = Callable[[int, str], None]

HOOFDSTUKKEN = [
    ("beleid", "1. Het beleid"),
    ("uitvoering", "2. De uitvoering"),
    ("casuistiek", "3. De aanpak van casuïstiek"),
    ("ketensamenwerking", "4. De voortgang en resultaten van de ketensamenwerking"),
    ("gemeenten", "5. Per gemeente"),
    ("toetsing", "6. Doelmatigheid, doelbereiking en effectiviteit"),
]


def datum(d: datetime.date) -> str:
    return date_format(d, "j F Y")


def _periode_tekst(periode: Periode) -> str:
    return f"{datum(periode.van)} tot en met {datum(periode.tot)}"


def _getoond(aantal: int) -> int | None:
    """A count as a reader may see it: None when it is below five."""
    return onderdrukking.reeks([aantal]).cellen[0].getoond


def _getal(aantal: int) -> str:
    return onderdrukking.reeks([aantal]).cellen[0].tekst


def vergelijk_aantal(naam: str, nu: int, vorige: int | None) -> str:
    """A sentence on a count against the previous period, without naming a hidden number."""
    a, b = _getoond(nu), (_getoond(vorige) if vorige is not None else None)
    if a is None:
        return f"{naam}: minder dan 5 in deze periode."
    if vorige is None:
        return f"{naam}: {onderdrukking.getal(a)}."
    if b is None:
        return f"{naam}: {onderdrukking.getal(a)}, tegen minder dan 5 in de vorige periode."
    if a == b:
        return f"{naam}: {onderdrukking.getal(a)}, evenveel als in de vorige periode."
    richting = "meer" if a > b else "minder"
    procent = round(abs(a - b) / b * 100) if b else None
    verschil = f" ({procent}% {richting})" if procent is not None else ""
    return f"{naam}: {onderdrukking.getal(a)}, tegen {onderdrukking.getal(b)} in de vorige periode{verschil}."


def vergelijk_doorlooptijd(naam: str, nu: selectors.Doorlooptijd, vorige: selectors.Doorlooptijd | None) -> str:
    """E.g. "De mediane doorlooptijd tot terugkoppeling daalde van 41 naar 23 werkdagen"."""
    if nu.aantal < onderdrukking.DREMPEL or nu.mediaan is None:
        return f"De mediane {naam} is niet te geven: minder dan 5 signalen."
    hier = werkdagen(nu.mediaan)
    if vorige is None or vorige.aantal < onderdrukking.DREMPEL or vorige.mediaan is None:
        return f"De mediane {naam} was {hier} werkdagen."
    daar = werkdagen(vorige.mediaan)
    if nu.mediaan == vorige.mediaan:
        return f"De mediane {naam} bleef {hier} werkdagen."
    richting = "daalde" if nu.mediaan < vorige.mediaan else "steeg"
    return f"De mediane {naam} {richting} van {daar} naar {hier} werkdagen."


def _deel(teller: int, noemer: int) -> str:
    d = onderdrukking.deel(teller=teller, noemer=noemer)
    tekst = f"{d.teller.tekst} van {d.noemer.tekst}"
    return f"{tekst} ({d.procent})" if d.procent else tekst


def _figuur(bron: dashboard.Figuur | None) -> list[Figuur]:
    if bron is None:
        return []
    return [Figuur(id=bron.id, titel=bron.titel, uitleg=bron.uitleg, tabel=bron.tabel, grafiek=bron.grafiek)]


def _figuren(d: Dashboard, *ids: str) -> list[Figuur]:
    return [figuur for id in ids for figuur in _figuur(d.figuur(id))]


@dataclass
class Bouwstenen:
    """Everything the report reads from the database, gathered once."""

    periode: Periode
    vorige: Periode | None
    gemeenten: list[Organisatie]
    nu: Dashboard
    toen: Dashboard | None
    checklists: list[basisniveau.Checklist]
    per_gemeente: dict[int, tuple[Dashboard, Dashboard | None]]
    binnen: list[selectors.BinnenTermijn]
    afloop_per_jaar: dict[int, dict[str, int]]
    trainingen: tuple[int, int]
    vorige_trainingen: tuple[int, int] | None


def verzamelen(rapport: Rapport, voortgang: Voortgang) -> Bouwstenen:
    """The figures, step by step, telling ``voortgang`` how far it is (at least once per gemeente)."""
    periode = Periode(van=rapport.van, tot=rapport.tot)
    gemeenten = list(
        Organisatie.objects.filter(soort=Organisatie.Soort.GEMEENTE, regios=rapport.regio).order_by("naam")
    )
    ids = [g.pk for g in gemeenten]
    voortgang(10, "Cijfers van de regio")
    nu = dashboard.opbouwen(gemeenten, periode, per="kwartaal")
    vorige = periode.vorige()
    heeft_vorige = selectors.feiten(ids, vorige).exists()
    voortgang(20, "Cijfers van de vorige periode")
    toen = dashboard.opbouwen(gemeenten, vorige, per="kwartaal") if heeft_vorige else None
    voortgang(30, "Basisniveau per gemeente")
    checklists = basisniveau.checklists(gemeenten, periode)
    per_gemeente: dict[int, tuple[Dashboard, Dashboard | None]] = {}
    for nummer, gemeente in enumerate(gemeenten, start=1):
        voortgang(30 + round(40 * nummer / max(1, len(gemeenten))), f"Cijfers van {gemeente.naam}")
        per_gemeente[gemeente.pk] = (
            dashboard.opbouwen([gemeente], periode, per="kwartaal"),
            dashboard.opbouwen([gemeente], vorige, per="kwartaal") if heeft_vorige else None,
        )
    voortgang(72, "Doelmatigheid en effectiviteit")
    qs = selectors.feiten(ids, periode)
    instellingen = termijnen.instellingen_voor(rapport.regio)
    return Bouwstenen(
        periode=periode,
        vorige=vorige if heeft_vorige else None,
        gemeenten=gemeenten,
        nu=nu,
        toen=toen,
        checklists=checklists,
        per_gemeente=per_gemeente,
        binnen=selectors.binnen_termijnen(qs, instellingen),
        afloop_per_jaar=selectors.afloop_per_jaar(qs),
        trainingen=selectors.trainingen_totaal(ids, periode),
        vorige_trainingen=selectors.trainingen_totaal(ids, vorige) if heeft_vorige else None,
    )


def _kern(d: Dashboard) -> selectors.Kerncijfers:
    assert d.kern is not None
    return d.kern


def _basisniveau_tabel(checklists: Sequence[basisniveau.Checklist]) -> Tabel:
    namen = [punt.naam for punt in checklists[0].punten] if checklists else []
    return Tabel(
        titel="Basisniveau per gemeente",
        kolommen=["Gemeente", *namen, "Voldaan"],
        rijen=[
            [c.gemeente.naam, *("ja" if p.voldaan else "nee" for p in c.punten), f"{c.voldaan} van {len(c.punten)}"]
            for c in checklists
        ],
        voetnoot="Beleid en zorg en opvang vult de gemeente zelf in; de rest volgt uit de applicatie.",
    )


def _beleid(b: Bouwstenen) -> Hoofdstuk:
    volledig = sum(c.voldaan == len(c.punten) for c in b.checklists)
    beleid = sum(c.punten[0].voldaan for c in b.checklists)
    aantal, deelnemers = b.trainingen
    vorig_aantal, vorig_deelnemers = b.vorige_trainingen if b.vorige_trainingen else (None, None)
    return Hoofdstuk(
        id="beleid",
        titel="1. Het beleid",
        inleiding="Is het beleid tegen mensenhandel vastgesteld en ingericht zoals het basisniveau vraagt?",
        lezing=[
            f"In {beleid} van de {len(b.checklists)} gemeenten is beleid tegen mensenhandel vastgesteld.",
            f"{volledig} van de {len(b.checklists)} gemeenten voldoen aan alle zes punten van het basisniveau.",
        ],
        kerncijfers=[
            Vergelijking("Gemeenten met vastgesteld beleid", f"{beleid} van {len(b.checklists)}"),
            Vergelijking("Gemeenten die het hele basisniveau halen", f"{volledig} van {len(b.checklists)}"),
            Vergelijking("Trainingen gegeven", str(aantal), str(vorig_aantal) if vorig_aantal is not None else None),
            Vergelijking(
                "Deelnemers aan trainingen",
                str(deelnemers),
                str(vorig_deelnemers) if vorig_deelnemers is not None else None,
            ),
        ],
        figuren=[
            Figuur(
                id="basisniveau",
                titel="Basisniveau per gemeente",
                uitleg="Per gemeente de zes punten van het basisniveau (CCV / VNG Kader 2021).",
                tabel=_basisniveau_tabel(b.checklists),
            ),
            *_figuren(b.nu, "trainingen"),
        ],
    )


def _uitvoering(b: Bouwstenen) -> Hoofdstuk:
    nu, toen = _kern(b.nu), (_kern(b.toen) if b.toen else None)
    inwoners = sum(g.inwonertal or 0 for g in b.gemeenten)
    per_10000 = _getoond(nu.signalen)
    return Hoofdstuk(
        id="uitvoering",
        titel="2. De uitvoering",
        inleiding="Werkt de interne meldroute: hoeveel signalen komen binnen, van welke teams, van welke vorm?",
        lezing=[
            vergelijk_aantal("Gemelde signalen", nu.signalen, toen.signalen if toen else None),
            vergelijk_aantal("Waarvan acuut", nu.acuut, toen.acuut if toen else None),
        ],
        kerncijfers=[
            Vergelijking("Signalen gemeld", _getal(nu.signalen), _getal(toen.signalen) if toen else None),
            Vergelijking(
                "Waarvan acuut", _deel(nu.acuut, nu.signalen), _deel(toen.acuut, toen.signalen) if toen else None
            ),
            Vergelijking(
                "Signalen per 10.000 inwoners",
                f"{per_10000 / inwoners * 10000:.1f}".replace(".", ",") if per_10000 and inwoners else "x",
            ),
        ],
        figuren=_figuren(b.nu, "trend", "stappen", "vormen", "teams"),
    )


def _casuistiek(b: Bouwstenen) -> Hoofdstuk:
    nu, toen = _kern(b.nu), (_kern(b.toen) if b.toen else None)
    return Hoofdstuk(
        id="casuistiek",
        titel="3. De aanpak van casuïstiek",
        inleiding="Hoe snel en met welke afloop worden signalen afgehandeld, en krijgt de melder terugkoppeling?",
        lezing=[
            vergelijk_doorlooptijd(
                "doorlooptijd tot terugkoppeling", nu.tot_terugkoppeling, toen.tot_terugkoppeling if toen else None
            ),
            vergelijk_aantal("Afgesloten signalen", nu.afgesloten, toen.afgesloten if toen else None),
        ],
        kerncijfers=[
            Vergelijking(
                "Teruggekoppeld binnen de termijn",
                _deel(nu.binnen_termijn, nu.teruggekoppeld),
                _deel(toen.binnen_termijn, toen.teruggekoppeld) if toen else None,
            ),
            Vergelijking(
                "Geen (vermoeden van) mensenhandel",
                _deel(nu.geen_mensenhandel, nu.signalen),
                _deel(toen.geen_mensenhandel, toen.signalen) if toen else None,
            ),
        ],
        figuren=_figuren(b.nu, "doorlooptijden", "afloop"),
    )


def _ketensamenwerking(b: Bouwstenen) -> Hoofdstuk:
    figuur = b.nu.figuur("partners")
    totaal = figuur.tabel.rijen[-1] if figuur else ["", "0", "0"]
    vorige = b.toen.figuur("partners") if b.toen else None
    vorig_totaal = vorige.tabel.rijen[-1] if vorige else None
    return Hoofdstuk(
        id="ketensamenwerking",
        titel="4. De voortgang en resultaten van de ketensamenwerking",
        inleiding="Met welke ketenpartners werden signalen gedeeld, en hoe vaak meldden zij terug?",
        kerncijfers=[
            Vergelijking("Delingen met ketenpartners", str(totaal[1]), str(vorig_totaal[1]) if vorig_totaal else None),
            Vergelijking(
                "Terugmeldingen van ketenpartners", str(totaal[2]), str(vorig_totaal[2]) if vorig_totaal else None
            ),
        ],
        figuren=_figuren(b.nu, "partners", "samenhang"),
    )


def gemeentedeel(b: Bouwstenen, gemeente: Organisatie, *, volledig: bool) -> Hoofdstuk:
    """A gemeente's part: its key figures and basisniveau; with ``volledig`` its figures too."""
    nu_d, toen_d = b.per_gemeente[gemeente.pk]
    nu, toen = _kern(nu_d), (_kern(toen_d) if toen_d else None)
    lijst = next(c for c in b.checklists if c.gemeente.pk == gemeente.pk)
    per_10000 = _getoond(nu.signalen)
    figuren = [
        Figuur(
            id=f"basisniveau-{gemeente.pk}",
            titel=f"Basisniveau {gemeente.naam}",
            uitleg="De zes punten van het basisniveau.",
            tabel=Tabel(
                titel=f"Basisniveau {gemeente.naam}"[:31],
                kolommen=["Punt", "Voldaan", "Toelichting"],
                rijen=[[p.naam, "ja" if p.voldaan else "nee", p.toelichting] for p in lijst.punten],
            ),
        )
    ]
    if volledig:
        figuren += _figuren(nu_d, "stappen", "vormen", "teams", "doorlooptijden", "afloop")
    return Hoofdstuk(
        id=f"gemeente-{gemeente.pk}",
        titel=gemeente.naam,
        inleiding="",
        lezing=[vergelijk_aantal("Gemelde signalen", nu.signalen, toen.signalen if toen else None)],
        kerncijfers=[
            Vergelijking("Signalen gemeld", _getal(nu.signalen), _getal(toen.signalen) if toen else None),
            Vergelijking(
                "Per 10.000 inwoners",
                f"{per_10000 / gemeente.inwonertal * 10000:.1f}".replace(".", ",")
                if per_10000 and gemeente.inwonertal
                else "x",
            ),
            Vergelijking(
                "Teruggekoppeld binnen de termijn",
                _deel(nu.binnen_termijn, nu.teruggekoppeld),
                _deel(toen.binnen_termijn, toen.teruggekoppeld) if toen else None,
            ),
            Vergelijking("Basisniveau", f"{lijst.voldaan} van {len(lijst.punten)}"),
        ],
        figuren=figuren,
    )


def _toetsing(b: Bouwstenen) -> Hoofdstuk:
    nu = _kern(b.nu)
    termijnrijen: list[list[str | int | float | None]] = []
    for regel in b.binnen:
        d = onderdrukking.deel(teller=regel.binnen, noemer=regel.totaal)
        termijnrijen.append([regel.naam, d.teller.tekst, d.noemer.tekst, d.procent or "x"])
    jaren = list(b.afloop_per_jaar)
    kolommen = {jaar: onderdrukking.reeks([b.afloop_per_jaar[jaar][a.value] for a in Afloop]) for jaar in jaren}
    afloop_rijen: list[list[str | int | float | None]] = [
        [afloop.label, *(kolommen[jaar].cellen[i].tekst for jaar in jaren)] for i, afloop in enumerate(Afloop)
    ]
    afloop_rijen.append(["Totaal", *(kolommen[jaar].totaal.tekst for jaar in jaren)])
    volledig = sum(c.voldaan == len(c.punten) for c in b.checklists)
    return Hoofdstuk(
        id="toetsing",
        titel="6. Doelmatigheid, doelbereiking en effectiviteit",
        inleiding="De drie toetsen van het Drieluik: gaat het werk binnen de termijnen, worden de doelen "
        "gehaald, en maakt de aanpak verschil?",
        lezing=[
            "Doelmatigheid: hoeveel signalen elke stap binnen de termijn zetten (tabel hieronder).",
            f"Doelbereiking: {volledig} van de {len(b.checklists)} gemeenten halen het hele basisniveau; "
            f"{_deel(nu.teruggekoppeld, nu.signalen)} signalen kregen terugkoppeling aan de melder.",
            "Effectiviteit: trainingen tegenover de signalen per team (hoofdstuk 1) en de afloop per jaar.",
        ],
        kerncijfers=[
            Vergelijking("Terugkoppeling aan de melder gegeven", _deel(nu.teruggekoppeld, nu.signalen)),
            Vergelijking("Gemeenten op basisniveau", f"{volledig} van {len(b.checklists)}"),
        ],
        figuren=[
            Figuur(
                id="binnen-termijn",
                titel="Binnen de termijn",
                uitleg="Doelmatigheid: hoeveel signalen een stap binnen de termijn van de regio zetten.",
                tabel=Tabel(
                    titel="Binnen de termijn",
                    kolommen=["Stap", "Binnen de termijn", "Signalen", "Deel"],
                    rijen=termijnrijen,
                    voetnoot=onderdrukking.UITLEG,
                ),
            ),
            Figuur(
                id="afloop-per-jaar",
                titel="Afloop per jaar",
                uitleg="Effectiviteit: de afloop van afgesloten signalen per jaar van melden.",
                tabel=Tabel(
                    titel="Afloop per jaar",
                    kolommen=["Afloop", *(str(jaar) for jaar in jaren)],
                    rijen=afloop_rijen,
                    voetnoot=onderdrukking.UITLEG,
                ),
            ),
        ],
    )


VERANTWOORDING = [
    "Alle cijfers gaan over signalen die in de periode zijn gemeld, in de gemeenten van de regio. Ze komen "
    "uit een tabel van feiten zonder persoonsgegevens die de applicatie bij elke stap bijhoudt.",
    "Doorlooptijden zijn werkdagen: zonder weekenden en Nederlandse feestdagen. Een doorlooptijd per stap is "
    "de tijd in de stap ervoor, tot het signaal deze stap bereikte; mediaan en 90e percentiel worden alleen "
    "getoond als minstens 5 signalen de stap bereikten.",
    'Aantallen van 1 tot en met 4 staan er als "<5". Waar een totaal staat, is zo nodig ook een groter '
    'aantal verborgen ("x"), zodat een klein aantal niet uit het totaal te herleiden is.',
    "De vorige periode is de even lange periode direct ervoor; ontbreken daar cijfers, dan staat er geen vergelijking.",
]


def opstellen(rapport: Rapport, b: Bouwstenen) -> RapportInhoud:
    """The whole report, with the coördinator's conclusions per chapter."""
    gemeenten = Hoofdstuk(
        id="gemeenten",
        titel="5. Per gemeente",
        inleiding="De kerncijfers en het basisniveau van elke gemeente; de aandachtsfunctionarissen krijgen "
        "het deel van hun gemeente apart, met alle cijfers.",
        figuren=_figuren(b.nu, "gemeenten"),
        paragrafen=[gemeentedeel(b, g, volledig=False) for g in b.gemeenten],
    )
    hoofdstukken = [_beleid(b), _uitvoering(b), _casuistiek(b), _ketensamenwerking(b), gemeenten, _toetsing(b)]
    for hoofdstuk in hoofdstukken:
        hoofdstuk.conclusie = str(rapport.conclusies.get(hoofdstuk.id, ""))
    return RapportInhoud(
        titel=f"Evaluatie aanpak mensenhandel {rapport.regio.naam}",
        regio=rapport.regio.naam,
        periode=_periode_tekst(b.periode),
        vorige_periode=_periode_tekst(b.vorige) if b.vorige else None,
        gemeenten=[g.naam for g in b.gemeenten],
        opgesteld_op=datum(timezone.localdate()),
        opgesteld_door=str(rapport.gestart_door)
        if rapport.gestart_door
        else "automatisch, aan het eind van de periode",
        concept=rapport.vastgesteld_op is None,
        hoofdstukken=hoofdstukken,
        verantwoording=VERANTWOORDING,
    )


def deel_opstellen(rapport: Rapport, b: Bouwstenen, gemeente: Organisatie) -> RapportInhoud:
    """The part for one gemeente's AFs: its own figures, nothing of the other gemeenten."""
    return RapportInhoud(
        titel=f"Evaluatie aanpak mensenhandel {gemeente.naam}",
        regio=rapport.regio.naam,
        periode=_periode_tekst(b.periode),
        vorige_periode=_periode_tekst(b.vorige) if b.vorige else None,
        gemeenten=[gemeente.naam],
        opgesteld_op=datum(timezone.localdate()),
        opgesteld_door=str(rapport.gestart_door)
        if rapport.gestart_door
        else "automatisch, aan het eind van de periode",
        concept=rapport.vastgesteld_op is None,
        hoofdstukken=[gemeentedeel(b, gemeente, volledig=True)],
        verantwoording=VERANTWOORDING,
    )


def tabellen(inhoud: RapportInhoud) -> list[Tabel]:
    """Every table of the report, for the XLSX: one sheet each."""
    uitkomst = [
        Tabel(
            titel="Kerncijfers",
            kolommen=["Hoofdstuk", "Kerncijfer", "Deze periode", "Vorige periode"],
            rijen=[
                [h.titel, k.naam, k.nu, k.vorige or ""]
                for hoofdstuk in inhoud.hoofdstukken
                for h in [hoofdstuk, *hoofdstuk.paragrafen]
                for k in h.kerncijfers
            ],
        )
    ]
    for hoofdstuk in inhoud.hoofdstukken:
        for h in [hoofdstuk, *hoofdstuk.paragrafen]:
            uitkomst += [figuur.tabel for figuur in h.figuren]
    return uitkomst
